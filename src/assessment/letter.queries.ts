import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { notFound } from '../errors/app-error.ts';
import { hasRegionScope } from '../lifecycle/access-rule.ts';
import {
  NEVER_TARGETED,
  type Letter,
  type LetterListSchema,
  type LetterState,
} from '../shared/assessment.schema.ts';
import { canDraftLetter, canRunLetter, canSeeLetter, mayReceiveLetter } from '../workflow/case-policy.ts';
import type { CaseRow } from '../workflow/case.repository.ts';
import { allowedCommands } from '../workflow/workflow.ts';
import { caseHistory } from './case-history.ts';
import { compareTargets } from './letter-targets.ts';
import { loadLetter } from './letter.binding.ts';
import { LETTER_WORKFLOW } from './letter.workflow.ts';
import { unitFigures, yearSoFar } from './live-figures.ts';

type LetterList = z.output<typeof LetterListSchema>;

async function names(ctx: AppContext, row: CaseRow, unitId: number, recorder: number | null) {
  const units = await ctx.db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', 'in', [row.unit_id, unitId])
    .execute();
  const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? '';
  const recordedBy =
    recorder === null
      ? null
      : ((
          await ctx.db
            .selectFrom('users')
            .select('display_name')
            .where('id', '=', recorder)
            .executeTakeFirst()
        )?.display_name ?? null);
  return { issuer: unitName(row.unit_id), unit: unitName(unitId), recordedBy };
}

/**
 * A letter as its page shows it: the targets in force beside the unit's live figures of the year so
 * far (the scorecard's computation), met or not; the cross-level rate beside them as context.
 */
async function view(ctx: AppContext, user: StaffUser, row: CaseRow, withDetail: boolean): Promise<Letter> {
  const extra = await loadLetter(ctx.db, row);
  const l = extra.letter;
  const now = ctx.clock();
  const period = yearSoFar(l.year, now);
  const figures = await unitFigures(ctx.db, user, row.region_code, l.target_unit_id, period, now);
  const targets = compareTargets(extra.targets, figures);
  const n = await names(ctx, row, l.target_unit_id, l.signed_recorded_by);
  const state = row.state as LetterState;
  const revisions = withDetail
    ? await ctx.db
        .selectFrom('letter_revisions as r')
        .innerJoin('users as u', 'u.id', 'r.created_by')
        .select(['r.revision', 'r.reason', 'r.created_at', 'r.targets', 'u.display_name'])
        .where('r.case_id', '=', row.id)
        .orderBy('r.revision')
        .execute()
    : [];
  return {
    id: row.id,
    year: l.year,
    state,
    version: row.version,
    title: l.title,
    docNumber: l.doc_number,
    unitId: l.target_unit_id,
    unitName: n.unit,
    issuerUnitName: n.issuer,
    revision: l.current_revision,
    issuedAt: l.issued_at,
    signedOn: l.signed_on,
    met: targets.filter((t) => t.status === 'met').length,
    notMet: targets.filter((t) => t.status === 'not_met').length,
    noData: targets.filter((t) => t.status === 'no_data').length,
    body: extra.body,
    period,
    targets,
    context: figures.filter((f) => NEVER_TARGETED.includes(f.indicator)),
    bureauSignatory: { name: l.bureau_signatory_name, title: l.bureau_signatory_title },
    unitSignatory:
      l.unit_signatory_name === null ? null : { name: l.unit_signatory_name, title: l.unit_signatory_title! },
    signedRecordedByName: n.recordedBy,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      reason: r.reason,
      createdByName: r.display_name,
      createdAt: r.created_at,
      targets: r.targets,
    })),
    history: withDetail ? await caseHistory(ctx.db, row.id) : [],
    allowedActions: allowedCommands(LETTER_WORKFLOW, state).filter((c) => canRunLetter(user, c, extra.facts)),
  };
}

async function visibleRow(ctx: AppContext, user: StaffUser, id: number) {
  const row = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('type', '=', 'responsibility_letter')
    .executeTakeFirst();
  if (!row) return null;
  const extra = await loadLetter(ctx.db, row);
  return canSeeLetter(user, extra.facts) ? { row, extra } : null;
}

export async function getLetter(ctx: AppContext, user: StaffUser, id: number): Promise<Letter> {
  const found = await visibleRow(ctx, user, id);
  if (!found) throw notFound('责任书', 'Responsibility letter');
  return view(ctx, user, found.row, true);
}

/**
 * The letters of a year the user may see: those their unit issued or answers for the region of, or
 * the one their unit received; with the units a letter may still go to, for the bureau's form.
 */
export async function listLetters(ctx: AppContext, user: StaffUser, year: number): Promise<LetterList> {
  let q = ctx.db
    .selectFrom('cases as c')
    .innerJoin('responsibility_letters as l', 'l.case_id', 'c.id')
    .selectAll('c')
    .where('c.type', '=', 'responsibility_letter')
    .where('l.year', '=', year);
  q = hasRegionScope(user.unit)
    ? q.where((eb) =>
        eb.or([
          eb('c.region_code', 'like', `${user.unit.regionCode}%`),
          eb('l.target_unit_id', '=', user.unit.id),
        ]),
      )
    : q.where('l.target_unit_id', '=', user.unit.id);
  const rows = await q.orderBy('c.id').execute();
  const items: LetterList['items'] = [];
  for (const row of rows) {
    const v = await view(ctx, user, row, false);
    items.push({
      id: v.id,
      year: v.year,
      state: v.state,
      version: v.version,
      title: v.title,
      docNumber: v.docNumber,
      unitId: v.unitId,
      unitName: v.unitName,
      issuerUnitName: v.issuerUnitName,
      revision: v.revision,
      issuedAt: v.issuedAt,
      signedOn: v.signedOn,
      met: v.met,
      notMet: v.notMet,
      noData: v.noData,
    });
  }
  const canIssue = canDraftLetter(user);
  const units = canIssue
    ? (
        await ctx.db
          .selectFrom('units')
          .select(['id', 'name', 'region_code', 'active'])
          .where('region_code', 'like', `${user.unit.regionCode}%`)
          .where('active', '=', true)
          .orderBy('id')
          .execute()
      )
        .filter((u) => mayReceiveLetter(user.unit, { ...u, regionCode: u.region_code }))
        .map((u) => ({
          id: u.id,
          name: u.name,
          hasLetter: items.some((i) => i.unitId === u.id && i.state !== 'withdrawn'),
        }))
    : [];
  return { year, items: items.sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh')), canIssue, units };
}
