import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { notFound } from '../errors/app-error.ts';
import { hasRegionScope } from '../lifecycle/access-rule.ts';
import type {
  Accountability,
  AccountabilityListSchema,
  AccountabilityState,
} from '../shared/assessment.schema.ts';
import type { Indicator } from '../shared/stats.schema.ts';
import {
  canOpenAccountability,
  canRunAccountability,
  canSeeAccountability,
  mayReceiveLetter,
} from '../workflow/case-policy.ts';
import { staffOpenerOf, type CaseRow } from '../workflow/case.repository.ts';
import { allowedCommands } from '../workflow/workflow.ts';
import { loadAccountability } from './accountability.binding.ts';
import { ACCOUNTABILITY_WORKFLOW } from './accountability.workflow.ts';
import { caseHistory } from './case-history.ts';

/** Records shown at most in one list. */
const LIST_MAX = 200;

async function view(
  ctx: AppContext,
  user: StaffUser,
  row: CaseRow,
  withDetail: boolean,
): Promise<Accountability | null> {
  const db = ctx.db;
  const extra = await loadAccountability(db, row);
  if (!canSeeAccountability(user, extra.facts)) return null;
  const r = extra.record;
  const people = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [staffOpenerOf(row), ...(r.responded_by === null ? [] : [r.responded_by])])
    .execute();
  const nameOf = (id: number | null) => people.find((p) => p.id === id)?.display_name ?? null;
  const units = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', 'in', [row.unit_id, r.target_unit_id])
    .execute();
  const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? '';
  const overdue = await db
    .selectFrom('case_deadlines')
    .select('id')
    .where('case_id', '=', row.id)
    .where('status', '=', 'open')
    .where('due_at', '<', ctx.clock())
    .executeTakeFirst();
  const figures = withDetail
    ? await db
        .selectFrom('accountability_figures')
        .selectAll()
        .where('case_id', '=', row.id)
        .orderBy('position')
        .execute()
    : [];
  const state = row.state as AccountabilityState;
  return {
    id: row.id,
    state,
    version: row.version,
    kind: r.kind,
    unitId: r.target_unit_id,
    unitName: unitName(r.target_unit_id),
    issuerUnitName: unitName(row.unit_id),
    openedByName: nameOf(staffOpenerOf(row)) ?? '',
    openedAt: row.opened_at,
    respondBy: r.respond_by,
    overdue: state === 'opened' && overdue !== undefined,
    failure: r.failure,
    demand: r.demand,
    talk:
      r.talk_on === null ? null : { on: r.talk_on, place: r.talk_place!, participants: r.talk_participants! },
    response: r.response,
    respondedByName: nameOf(r.responded_by),
    respondedAt: r.responded_at,
    finding: r.finding,
    closedAt: row.closed_at,
    matters: extra.matters,
    figures: figures.map((f) => ({
      indicator: f.indicator as Indicator,
      period: { from: f.period_from, to: f.period_to },
      numerator: f.numerator,
      denominator: f.denominator,
      value: f.value,
      frozenScorecardId: f.frozen_scorecard_id,
      frozenValue: f.frozen_value,
      frozenRank: f.frozen_rank,
      capturedAt: f.captured_at,
    })),
    history: withDetail ? await caseHistory(db, row.id) : [],
    allowedActions: allowedCommands(ACCOUNTABILITY_WORKFLOW, state).filter((c) =>
      canRunAccountability(user, c, extra.facts),
    ),
  };
}

export async function getAccountability(
  ctx: AppContext,
  user: StaffUser,
  id: number,
): Promise<Accountability> {
  const row = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('type', '=', 'accountability')
    .executeTakeFirst();
  const v = row ? await view(ctx, user, row, true) : null;
  if (!v) throw notFound('责任追究', 'Accountability record');
  return v;
}

/**
 * The records the user may see, newest first: those of the region their unit answers for, or those
 * against their own unit; with the units a record may be opened against, for the bureau's form.
 */
export async function listAccountability(
  ctx: AppContext,
  user: StaffUser,
): Promise<z.output<typeof AccountabilityListSchema>> {
  let q = ctx.db
    .selectFrom('cases as c')
    .innerJoin('accountability_records as a', 'a.case_id', 'c.id')
    .selectAll('c')
    .where('c.type', '=', 'accountability');
  q = hasRegionScope(user.unit)
    ? q.where((eb) =>
        eb.or([
          eb('c.region_code', 'like', `${user.unit.regionCode}%`),
          eb('a.target_unit_id', '=', user.unit.id),
        ]),
      )
    : q.where('a.target_unit_id', '=', user.unit.id);
  const rows = await q.orderBy('c.id', 'desc').limit(LIST_MAX).execute();
  const items = [];
  for (const row of rows) {
    const v = await view(ctx, user, row, false);
    if (v)
      items.push({
        id: v.id,
        state: v.state,
        version: v.version,
        kind: v.kind,
        unitId: v.unitId,
        unitName: v.unitName,
        issuerUnitName: v.issuerUnitName,
        openedByName: v.openedByName,
        openedAt: v.openedAt,
        respondBy: v.respondBy,
        overdue: v.overdue,
        failure: v.failure,
      });
  }
  const canOpen = canOpenAccountability(user);
  const units = canOpen
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
        .map((u) => ({ id: u.id, name: u.name }))
    : [];
  return { items, canOpen, units };
}
