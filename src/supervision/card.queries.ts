import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { notFound } from '../errors/app-error.ts';
import type { CardListQuery, CardSchema, CardState } from '../shared/supervision.schema.ts';
import { hasRole } from '../auth/staff-user.ts';
import { visibleTo } from '../lifecycle/access-rule.ts';
import type { MatterState } from '../shared/enums.ts';
import { canIssueCard, canRunCard, canSeeCard, unitMaySeeMatter } from '../workflow/case-policy.ts';
import { staffOpenerOf, unitOf } from '../workflow/case.repository.ts';
import { matterFactsOf } from '../lifecycle/matter.repository.ts';
import type { CaseRow } from '../workflow/case.repository.ts';
import { allowedCommands } from '../workflow/workflow.ts';
import { loadCard } from './card.binding.ts';
import { CARD_WORKFLOW } from './card.workflow.ts';

type Card = z.output<typeof CardSchema>;

/** Cards shown at most in one list. */
export const CARD_LIST_MAX = 200;

async function view(ctx: AppContext, user: StaffUser, row: CaseRow): Promise<Card | null> {
  const db = ctx.db;
  const extra = await loadCard(db, row);
  if (!canSeeCard(user, extra.facts)) return null;
  const card = await db
    .selectFrom('supervision_cards as s')
    .innerJoin('units as t', 't.id', 's.target_unit_id')
    .leftJoin('users as a', 'a.id', 's.answered_by')
    .select([
      's.reason',
      's.demand',
      's.answer',
      's.answered_at',
      's.answer_by',
      's.level',
      's.escalations',
      't.name as target',
      'a.display_name as answerer',
    ])
    .where('s.case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const { matters } = extra;
  const single = row.matter_id === null ? null : matters.find((m) => m.id === row.matter_id)!;
  const issuer = await db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.display_name', 'n.name'])
    .where('u.id', '=', staffOpenerOf(row))
    .executeTakeFirstOrThrow();
  const evidence = await db
    .selectFrom('card_answer_attachments as e')
    .innerJoin('attachments as f', 'f.id', 'e.attachment_id')
    .select(['f.id', 'f.filename', 'f.matter_id as matterId'])
    .where('e.case_id', '=', row.id)
    .orderBy('f.id')
    .execute();
  const overdue = await db
    .selectFrom('case_deadlines')
    .select('id')
    .where('case_id', '=', row.id)
    .where('status', '=', 'open')
    .where('due_at', '<', ctx.clock())
    .executeTakeFirst();
  const state = row.state as CardState;
  return {
    id: row.id,
    matterId: row.matter_id,
    caseNumber: single?.caseNumber ?? null,
    subject: single?.subject ?? null,
    matters,
    state,
    level: card.level,
    version: row.version,
    reason: card.reason,
    demand: card.demand,
    answerBy: card.answer_by,
    targetUnitId: extra.facts.targetUnitId,
    targetUnitName: card.target,
    answer: card.answer,
    answeredByName: card.answerer,
    answeredAt: card.answered_at,
    answerAttachments: evidence,
    escalations: card.escalations,
    issuedByName: issuer.display_name,
    issuerUnitName: issuer.name,
    issuedAt: row.opened_at,
    closedAt: row.closed_at,
    overdue: state === 'issued' && overdue !== undefined,
    allowedActions: allowedCommands(CARD_WORKFLOW, state).filter((c) => canRunCard(user, c, extra.facts)),
  };
}

export async function getCard(ctx: AppContext, user: StaffUser, id: number): Promise<Card> {
  const row = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('type', '=', 'supervision_card')
    .executeTakeFirst();
  const v = row ? await view(ctx, user, row) : null;
  if (!v) throw notFound('督办单', 'Supervision card');
  return v;
}

/**
 * The cards on one matter the user may see, oldest first (the matter page's panel), with the cards
 * on a unit's set of matters that include it.
 */
export async function cardsOfMatter(ctx: AppContext, user: StaffUser, matterId: number) {
  const rows = await ctx.db
    .selectFrom('supervision_card_matters as cm')
    .innerJoin('cases as c', 'c.id', 'cm.case_id')
    .selectAll('c')
    .where('cm.matter_id', '=', matterId)
    .orderBy('c.id')
    .execute();
  const facts = await matterFactsOf(ctx.db, matterId);
  return {
    items: (await Promise.all(rows.map((r) => view(ctx, user, r)))).filter((v) => v !== null),
    // The form is offered only to whom the server would allow it.
    canIssue: facts !== null && canIssueCard(user, facts),
  };
}

/**
 * The supervisor's workbench: the cards their unit issued, or those the user's unit must answer,
 * newest first, with counts by state and level and how many are overdue.
 */
export async function listCards(ctx: AppContext, user: StaffUser, query: z.output<typeof CardListQuery>) {
  let q = ctx.db
    .selectFrom('cases as c')
    .innerJoin('supervision_cards as s', 's.case_id', 'c.id')
    .selectAll('c')
    .where('c.type', '=', 'supervision_card');
  q =
    query.view === 'issued'
      ? q.where('c.unit_id', '=', user.unit.id)
      : q.where('s.target_unit_id', '=', user.unit.id);
  const rows = await q.orderBy('c.id', 'desc').limit(CARD_LIST_MAX).execute();
  const all = (await Promise.all(rows.map((r) => view(ctx, user, r)))).filter((v) => v !== null);
  const counts = {
    issued: all.filter((c) => c.state === 'issued').length,
    answered: all.filter((c) => c.state === 'answered').length,
    accepted: all.filter((c) => c.state === 'accepted').length,
    overdue: all.filter((c) => c.overdue).length,
    yellow: all.filter((c) => c.level === 'yellow' && c.state === 'issued').length,
    red: all.filter((c) => c.level === 'red' && c.state === 'issued').length,
  };
  const items = all.filter(
    (c) =>
      (!query.state || c.state === query.state) &&
      (!query.level || c.level === query.level) &&
      (query.escalated !== 'true' || c.escalations > 0),
  );
  return { items, counts };
}

/** The files of the card's matters: what the answering unit may name as evidence. */
export async function cardAttachments(ctx: AppContext, user: StaffUser, id: number) {
  const card = await getCard(ctx, user, id);
  const items = await ctx.db
    .selectFrom('attachments as f')
    .innerJoin('matters as m', 'm.id', 'f.matter_id')
    .select(['f.id', 'f.filename', 'f.matter_id as matterId', 'm.case_number as caseNumber'])
    .where(
      'f.matter_id',
      'in',
      card.matters.map((m) => m.id),
    )
    .orderBy('f.id')
    .execute();
  return { items };
}

/** The states in which a matter is the lead unit's work (what a card to the unit may press on). */
const IN_HAND: MatterState[] = ['accepted', 'in_handling', 'suspended'];
/** Candidates listed at most for one card to a unit. */
const CANDIDATES_MAX = 200;

/**
 * The matters a supervisor may put on a card to a unit: those the unit leads and is working on, in
 * the supervisor's region and visible to them, overdue first then by due date.
 */
export async function unitCardCandidates(ctx: AppContext, user: StaffUser, unitId: number) {
  const unit = await ctx.db.selectFrom('units').selectAll().where('id', '=', unitId).executeTakeFirst();
  if (!unit || !hasRole(user, 'supervisor')) throw notFound('单位', 'Unit');
  const rows = await ctx.db
    .selectFrom('matters as m')
    .innerJoin('matter_units as mu', (j) =>
      j.onRef('mu.matter_id', '=', 'm.id').on('mu.role', '=', 'lead').on('mu.released_at', 'is', null),
    )
    .leftJoin('deadlines as d', (j) =>
      j.onRef('d.matter_id', '=', 'm.id').on('d.main', '=', true).on('d.status', '=', 'open'),
    )
    .select(['m.id', 'm.case_number as caseNumber', 'm.subject', 'm.state', 'd.due_date', 'd.due_at'])
    .where('mu.unit_id', '=', unitId)
    .where('m.state', 'in', IN_HAND)
    .where('m.region_code', 'like', `${user.unit.regionCode}%`)
    .where(visibleTo(user))
    .orderBy('d.due_at', (o) => o.asc().nullsLast())
    .orderBy('m.id')
    .limit(CANDIDATES_MAX + 1)
    .execute();
  const now = ctx.clock();
  const items = [];
  for (const r of rows.slice(0, CANDIDATES_MAX)) {
    // The same rules the card is issued under: a matter the unit may not see is never offered.
    const facts = await matterFactsOf(ctx.db, r.id);
    if (!facts || !canIssueCard(user, facts) || !unitMaySeeMatter(unitOf(unit), facts)) continue;
    items.push({
      id: r.id,
      caseNumber: r.caseNumber,
      subject: r.subject,
      state: r.state,
      dueDate: r.due_date,
      overdue: r.due_at !== null && r.due_at < now,
    });
  }
  return { items, truncated: rows.length > CANDIDATES_MAX };
}
