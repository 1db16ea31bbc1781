import { sql } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { notFound } from '../errors/app-error.ts';
import { staffUsers } from '../inbox/recipients.ts';
import { matterFactsOf } from '../lifecycle/matter.repository.ts';
import { canSeeMatter } from '../lifecycle/policy.ts';
import type {
  OwnershipListQuery,
  OwnershipOutcome,
  OwnershipSchema,
  OwnershipState,
} from '../shared/ownership.schema.ts';
import {
  canOwnMatter,
  canReportOnStep,
  canRunOwnership,
  mayLeadOwnership,
  mayTakePartInOwnership,
  unitMayJoinOwnership,
} from '../workflow/case-policy.ts';
import { staffOpenerOf, unitOf, type CaseRow } from '../workflow/case.repository.ts';
import { allowedCommands } from '../workflow/workflow.ts';
import { loadOwnership } from './ownership.binding.ts';
import { isOpenStep, matterHasEnded } from './ownership.plan.ts';
import { OWNERSHIP_WORKFLOW } from './ownership.workflow.ts';

type Ownership = z.output<typeof OwnershipSchema>;

/** Owned cases shown at most in one list; a leader owns a handful at a time. */
export const OWNERSHIP_LIST_MAX = 200;
/** People offered at most in the team and step pickers. */
const CANDIDATES_MAX = 300;

/** Matter states that end the matter with a reply on record (closed after rating or review, 终结). */
const FINAL_WITH_REPLY = new Set(['closed', 'concluded']);

/**
 * The rule of the seeds' assessment schemes: an owned case is resolved only when its matter has
 * reached a final state with a reply — read from the record, never entered.
 */
export function ownershipOutcome(
  state: OwnershipState,
  matter: { state: string; replied_at: Date | null },
): OwnershipOutcome {
  if (state === 'released') return 'released';
  return FINAL_WITH_REPLY.has(matter.state) && matter.replied_at !== null ? 'resolved' : 'in_progress';
}

/** The plan's progress: the mean of its steps' figures, cancelled steps left out; 0 without steps. */
export function planProgress(steps: readonly { status: string; progress: number }[]): number {
  const counted = steps.filter((s) => s.status !== 'cancelled');
  if (counted.length === 0) return 0;
  return Math.round(counted.reduce((sum, s) => sum + s.progress, 0) / counted.length);
}

async function view(ctx: AppContext, user: StaffUser, row: CaseRow): Promise<Ownership | null> {
  const db = ctx.db;
  const extra = await loadOwnership(db, row);
  if (!canSeeMatter(user, extra.facts.matter)) return null;
  const o = await db
    .selectFrom('case_ownerships as o')
    .innerJoin('users as l', 'l.id', 'o.leader_id')
    .innerJoin('units as lu', 'lu.id', 'l.unit_id')
    .innerJoin('matters as m', 'm.id', 'o.matter_id')
    .select([
      'o.problem',
      'o.goal',
      'o.card_case_id',
      'o.written_reply',
      'o.replied_at',
      'l.display_name as leaderName',
      'lu.name as leaderUnitName',
      'm.case_number',
      'm.subject',
      'm.state as matterState',
      'm.replied_at as matterRepliedAt',
    ])
    .where('o.case_id', '=', row.id)
    .executeTakeFirstOrThrow();
  const opener = await db
    .selectFrom('users')
    .select('display_name')
    .where('id', '=', staffOpenerOf(row))
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('ownership_members as t')
    .innerJoin('units as n', 'n.id', 't.unit_id')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select(['t.role', 't.unit_id', 'n.name as unitName', 't.user_id', 'u.display_name as userName'])
    .where('t.case_id', '=', row.id)
    .orderBy('t.id')
    .execute();
  const today = ctx.clock();
  const steps = await db
    .selectFrom('ownership_steps as s')
    .innerJoin('users as u', 'u.id', 's.owner_id')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .leftJoin('case_deadlines as d', 'd.id', 's.deadline_id')
    .select([
      's.id',
      's.position',
      's.title',
      's.owner_id',
      'u.display_name as ownerName',
      'n.name as ownerUnitName',
      's.due_date',
      's.status',
      's.progress',
      's.last_report',
      's.last_reported_at',
      'd.due_at',
    ])
    .where('s.case_id', '=', row.id)
    .orderBy('s.position')
    .execute();
  const card =
    o.card_case_id === null
      ? null
      : await db
          .selectFrom('cases as c')
          .innerJoin('supervision_cards as s', 's.case_id', 'c.id')
          .innerJoin('units as t', 't.id', 's.target_unit_id')
          .select(['c.id', 'c.state', 's.level', 's.answer_by', 't.name'])
          .where('c.id', '=', o.card_case_id)
          .executeTakeFirstOrThrow();
  const state = row.state as OwnershipState;
  const stepViews = steps.map((s) => {
    const open = isOpenStep(s.status);
    return {
      id: s.id,
      position: s.position,
      title: s.title,
      ownerId: s.owner_id,
      ownerName: s.ownerName,
      ownerUnitName: s.ownerUnitName,
      dueDate: s.due_date,
      status: s.status,
      progress: s.progress,
      lastReport: s.last_report,
      lastReportedAt: s.last_reported_at,
      overdue: open && s.due_at !== null && s.due_at < today,
      canReport: state === 'owned' && open && canReportOnStep(user, extra.facts, s.owner_id),
    };
  });
  return {
    id: row.id,
    matterId: row.matter_id!,
    caseNumber: o.case_number,
    subject: o.subject,
    matterState: o.matterState,
    state,
    version: row.version,
    leaderId: extra.facts.leaderId,
    leaderName: o.leaderName,
    leaderUnitName: o.leaderUnitName,
    openedByName: opener.display_name,
    openedAt: row.opened_at,
    problem: o.problem,
    goal: o.goal,
    members: members.map((m) => ({
      role: m.role,
      unitId: m.unit_id,
      unitName: m.unitName,
      userId: m.user_id,
      userName: m.userName,
    })),
    steps: stepViews,
    progress: planProgress(stepViews),
    overdueSteps: stepViews.filter((s) => s.overdue).length,
    card: card
      ? {
          id: card.id,
          state: card.state as 'issued',
          level: card.level,
          answerBy: card.answer_by,
          targetUnitName: card.name,
        }
      : null,
    writtenReply: o.written_reply,
    repliedAt: o.replied_at,
    outcome: ownershipOutcome(state, { state: o.matterState, replied_at: o.matterRepliedAt }),
    // Offered only when the command would be taken: one card per case, the reply at the plan's end.
    allowedActions: allowedCommands(OWNERSHIP_WORKFLOW, state).filter(
      (c) =>
        canRunOwnership(user, c, extra.facts) &&
        (c !== 'bind_card' || card === null) &&
        (c !== 'reply' || (stepViews.length > 0 && stepViews.every((s) => !isOpenStep(s.status)))),
    ),
  };
}

export async function getOwnership(ctx: AppContext, user: StaffUser, id: number): Promise<Ownership> {
  const row = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('id', '=', id)
    .where('type', '=', 'ownership')
    .executeTakeFirst();
  const v = row ? await view(ctx, user, row) : null;
  if (!v) throw notFound('包案', 'Owned case');
  return v;
}

/** The ownerships of one matter (the one in force and any before it), with whether the user may open one. */
export async function ownershipsOfMatter(ctx: AppContext, user: StaffUser, matterId: number) {
  const matter = await ctx.db
    .selectFrom('matters')
    .select('state')
    .where('id', '=', matterId)
    .executeTakeFirst();
  const facts = await matterFactsOf(ctx.db, matterId);
  if (!matter || !facts || !canSeeMatter(user, facts)) throw notFound('信访事项', 'Matter');
  const rows = await ctx.db
    .selectFrom('cases')
    .selectAll()
    .where('type', '=', 'ownership')
    .where('matter_id', '=', matterId)
    .orderBy('id')
    .execute();
  const items = (await Promise.all(rows.map((r) => view(ctx, user, r)))).filter((v) => v !== null);
  return {
    items,
    canOwn:
      canOwnMatter(user, facts) && !matterHasEnded(matter.state) && !items.some((i) => i.state === 'owned'),
  };
}

/**
 * A leader's owned cases (mine), those the user or their unit works on (team), or those the user's
 * unit opened (opened), newest first, with the leader's resolution rate read from the matters.
 */
export async function listOwnerships(
  ctx: AppContext,
  user: StaffUser,
  query: z.output<typeof OwnershipListQuery>,
) {
  let q = ctx.db
    .selectFrom('cases as c')
    .innerJoin('case_ownerships as o', 'o.case_id', 'c.id')
    .selectAll('c')
    .where('c.type', '=', 'ownership');
  if (query.view === 'mine') q = q.where('o.leader_id', '=', user.id);
  else if (query.view === 'opened') q = q.where('c.unit_id', '=', user.unit.id);
  else
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('ownership_members as t')
            .select('t.id')
            .whereRef('t.case_id', '=', 'c.id')
            .where((w) =>
              w.or([
                w('t.user_id', '=', user.id),
                w.and([w('t.user_id', 'is', null), w('t.unit_id', '=', user.unit.id)]),
              ]),
            ),
        ),
        eb.exists(
          eb
            .selectFrom('ownership_steps as s')
            .select('s.id')
            .whereRef('s.case_id', '=', 'c.id')
            .where('s.owner_id', '=', user.id),
        ),
      ]),
    );
  const rows = await q.orderBy('c.id', 'desc').limit(OWNERSHIP_LIST_MAX).execute();
  const all = (await Promise.all(rows.map((r) => view(ctx, user, r)))).filter((v) => v !== null);
  const owned = all.filter((o) => o.outcome !== 'released');
  const resolved = owned.filter((o) => o.outcome === 'resolved').length;
  return {
    items: all.filter(
      (o) => (!query.state || o.state === query.state) && (query.overdue !== 'true' || o.overdueSteps > 0),
    ),
    summary: {
      owned: owned.length,
      resolved,
      resolutionRate: owned.length === 0 ? null : resolved / owned.length,
      overdueSteps: all.reduce((n, o) => n + (o.state === 'owned' ? o.overdueSteps : 0), 0),
    },
  };
}

/**
 * Who may be named on an ownership of this matter, under the same rules the commands apply: the
 * leaders who may own it, and the people and units within the lead leader's region (the given
 * leader's, else the user's own) who can read the matter.
 */
export async function ownershipCandidates(
  ctx: AppContext,
  user: StaffUser,
  matterId: number,
  leaderId: number | undefined,
) {
  const db = ctx.db;
  const facts = await matterFactsOf(db, matterId);
  if (!facts || !canSeeMatter(user, facts)) throw notFound('信访事项', 'Matter');
  const users = db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select('u.id')
    .where('u.active', '=', true)
    .where('n.active', '=', true);
  const regionUsers = async (prefix: string, roles: readonly string[]) => {
    const rows = await users
      .where('n.region_code', 'like', `${prefix}%`)
      .where(sql<boolean>`u.roles && ${sql.val([...roles])}::text[]`)
      .orderBy('n.name')
      .orderBy('u.display_name')
      .limit(CANDIDATES_MAX * 2)
      .execute();
    return staffUsers(
      db,
      rows.map((r) => r.id),
    );
  };
  // Leaders answer for a region around the matter: units whose region code begins the matter's.
  const leaderRows = await users
    .where(sql<boolean>`${facts.regionCode} LIKE n.region_code || '%'`)
    .where(sql<boolean>`'leader' = ANY(u.roles)`)
    .execute();
  const leaders = (
    await staffUsers(
      db,
      leaderRows.map((r) => r.id),
    )
  ).filter((l) => mayLeadOwnership(l, facts));
  const [chosen] = leaderId ? await staffUsers(db, [leaderId]) : [];
  const region = (chosen && mayLeadOwnership(chosen, facts) ? chosen : user).unit.regionCode;
  const people = (await regionUsers(region, ['registrar', 'officer', 'unit_head', 'leader', 'supervisor']))
    .filter((p) => mayTakePartInOwnership(p, region, facts))
    .slice(0, CANDIDATES_MAX);
  const units = (
    await db
      .selectFrom('units')
      .selectAll()
      .where('active', '=', true)
      .where('region_code', 'like', `${region}%`)
      .orderBy('name')
      .execute()
  ).filter((u) => unitMayJoinOwnership(unitOf(u), region, facts));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');
  return {
    leaders: leaders
      .map((l) => ({ id: l.id, name: l.displayName, unitName: l.unit.name }))
      .sort(byName)
      .slice(0, CANDIDATES_MAX),
    people: people.map((p) => ({
      id: p.id,
      name: p.displayName,
      unitId: p.unit.id,
      unitName: p.unit.name,
    })),
    units: units.map((u) => ({ id: u.id, name: u.name })).slice(0, CANDIDATES_MAX),
  };
}
