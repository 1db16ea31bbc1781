import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { hasRole } from '../auth/staff-user.ts';
import { badgeCondition } from '../deadlines/badge.sql.ts';
import { deadlineBadge } from '../deadlines/plan.ts';
import { fieldError, notFound, forbidden } from '../errors/app-error.ts';
import { maskIdNumber, maskPhone } from '../intake/id-number.ts';
import { CHANNELS, LODGED_LEVELS, MATTER_STATES, PURPOSES, type MatterState } from '../shared/enums.ts';
import { BadgeSchema } from '../shared/api.schema.ts';
import { intQuery, isoDate, PageQuery } from '../shared/schemas.ts';
import { appendEvents } from '../audit/event-log.ts';
import { matterFacts } from './matter.repository.ts';
import { allowedCommands } from './state-machine.ts';
import { windowAllows } from './command-windows.ts';
import { canRunCommand, canSeeMatter, UNMASK_ROLES } from './policy.ts';
import { visibleTo } from './access-rule.ts';
import { suggestReportedUnits } from '../routing/reported-unit.ts';
import { withTransaction } from '../app/transaction.ts';
import { drillDownCondition } from '../analytics/indicators.ts';
import { INDICATORS } from '../shared/stats.schema.ts';
import { addCalendarDays, startOfLocalDay } from '../calendar/index.ts';

export const MatterListQuery = PageQuery.extend({
  state: z.enum(MATTER_STATES).optional(),
  channel: z.enum(CHANNELS).optional(),
  purpose: z.enum(PURPOSES).optional(),
  categoryCode: z.string().max(80).optional(),
  regionCode: z
    .string()
    .regex(/^[0-9]{2,15}$/)
    .optional(),
  mine: z.enum(['unit', 'all']).default('all'),
  deadline: BadgeSchema.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['registered_at', 'due_at', 'case_number']).default('registered_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  /**
   * Drill-down from a statistics figure (issue 12): exactly the matters behind one part of one
   * indicator, for the period from–to, the region subtree `regionCode` (defaulting, as the figure
   * does, to the user's unit's region), the unit `statsUnit` and the category subtree `statsCategory`.
   */
  indicator: z.enum(INDICATORS).optional(),
  part: z.enum(['numerator', 'denominator']).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  statsUnit: intQuery(1, 2_147_483_647).optional(),
  statsCategory: z.string().min(1).max(80).optional(),
  /**
   * Drill-down from a volume cell (issue 12; src/shared/stats-drill-down.ts builds these): received
   * in these Beijing-time days (both included), placed at `regionCode` itself rather than below it
   * (`regionExact`), lodged at a level, led now by a unit (`none`: not yet assigned), in a category
   * subtree (`uncategorised`: none), collective. `categoryLevel` reads `category` as a row of the
   * volume table split by that level: a category above it stands for the matters filed under it
   * exactly, the finer ones being rows of their own.
   */
  receivedFrom: isoDate.optional(),
  receivedTo: isoDate.optional(),
  regionExact: z.enum(['true', 'false']).optional(),
  lodgedLevel: z.enum(LODGED_LEVELS).optional(),
  leadUnit: z.union([z.literal('none'), intQuery(1, 2_147_483_647)]).optional(),
  category: z.string().min(1).max(80).optional(),
  categoryLevel: intQuery(1, 3).optional(),
  collective: z.enum(['true', 'false']).optional(),
});
export type MatterListQuery = z.output<typeof MatterListQuery>;

/** Counting stops here: a queue shows "10000+" rather than scanning every match for an exact total. */
export const QUEUE_COUNT_CAP = 10_000;

/** The queue's filter: every field of its query but paging and order. The export reads the same. */
export type QueueFilter = Omit<MatterListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

/**
 * The matters of the queue for a filter, over `matters as m`, with the open main deadline joined
 * as `d` when the filter or the caller (`joinDeadline`: to sort by it) needs it. One definition for
 * the queue's page, its count and its export (analytics/export/queue-export.ts).
 */
export async function filteredMatters(
  db: Db,
  user: StaffUser,
  q: QueueFilter,
  now: Date,
  joinDeadline = false,
) {
  // A drill-down from a statistics figure: exactly the matters behind it (analytics/indicators.ts).
  const drillDown = await drillDownCondition(db, user, q, now);
  const needsDeadline = joinDeadline || q.deadline !== undefined;
  let base = db
    .selectFrom('matters as m')
    .$if(needsDeadline, (qb) =>
      qb.leftJoin('deadlines as d', (j) =>
        j.onRef('d.matter_id', '=', 'm.id').on('d.main', '=', true).on('d.status', '=', 'open'),
      ),
    )
    .where(visibleTo(user));
  if (q.state) base = base.where('m.state', '=', q.state);
  if (q.channel) base = base.where('m.channel', '=', q.channel);
  if (q.purpose) base = base.where('m.purpose', '=', q.purpose);
  if (q.categoryCode) base = base.where('m.category_code', '=', q.categoryCode);
  if (q.regionCode)
    base =
      q.regionExact === 'true'
        ? base.where('m.region_code', '=', q.regionCode)
        : base.where('m.region_code', 'like', `${q.regionCode}%`);
  const cell = await volumeCellCondition(db, q);
  if (cell) base = base.where(cell);
  if (q.mine === 'unit') {
    base = base.where((eb) =>
      eb.or([
        eb('m.registering_unit_id', '=', user.unit.id),
        eb.exists(
          eb
            .selectFrom('matter_units as mu')
            .select('mu.id')
            .whereRef('mu.matter_id', '=', 'm.id')
            .where('mu.unit_id', '=', user.unit.id)
            .where('mu.released_at', 'is', null),
        ),
      ]),
    );
  }
  // The deadline filter refers to d, joined above whenever it is used.
  if (q.deadline) base = base.where(badgeCondition(q.deadline, now));
  if (q.q && /^\d{6}-\d{8}-\d{6}$/.test(q.q)) {
    base = base.where('m.case_number', '=', q.q); // a case number: the unique index answers
  } else if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('m.case_number', '=', q.q!), eb('m.search_text', 'like', like)]));
  }
  if (drillDown) base = base.where(drillDown);
  return base;
}

const CELL_FILTERS = [
  'receivedFrom',
  'receivedTo',
  'lodgedLevel',
  'collective',
  'category',
  'leadUnit',
] as const;

/**
 * The conditions of a drill-down from a volume cell (see MatterListQuery), counted as the volume
 * tables count (analytics/volume.queries.ts); null when none is asked.
 */
async function volumeCellCondition(db: Db, q: QueueFilter) {
  if (!CELL_FILTERS.some((k) => q[k] !== undefined)) return null;
  if (q.receivedFrom && q.receivedTo && q.receivedFrom > q.receivedTo)
    throw fieldError(
      'querystring.receivedFrom',
      '开始日期不能晚于结束日期',
      'the start date must not be after the end date',
    );
  let categories: { codes: string[] | null } | null = null;
  if (q.category !== undefined) categories = { codes: await categoryCodes(db, q.category, q.categoryLevel) };
  return (eb: ExpressionBuilder<Database & { m: Database['matters'] }, 'm'>) => {
    const all: Expression<SqlBool>[] = [];
    // A matter's day is its Beijing day of receipt (analytics/period.ts), as in every statistics figure.
    if (q.receivedFrom) all.push(eb('m.received_at', '>=', startOfLocalDay(q.receivedFrom)));
    if (q.receivedTo) all.push(eb('m.received_at', '<', startOfLocalDay(addCalendarDays(q.receivedTo, 1))));
    if (q.lodgedLevel) all.push(eb('m.lodged_level', '=', q.lodgedLevel));
    if (q.collective) all.push(eb('m.is_collective', '=', q.collective === 'true'));
    if (categories)
      all.push(
        categories.codes === null
          ? eb('m.category_code', 'is', null)
          : eb('m.category_code', 'in', categories.codes),
      );
    // The lead is the unit leading now, as the rollups keep it (migration 0017).
    if (q.leadUnit !== undefined) {
      const lead = eb
        .selectFrom('matter_units as lu')
        .select('lu.id')
        .whereRef('lu.matter_id', '=', 'm.id')
        .where('lu.role', '=', 'lead')
        .where('lu.released_at', 'is', null);
      all.push(
        q.leadUnit === 'none'
          ? eb.not(eb.exists(lead))
          : eb.exists(lead.where('lu.unit_id', '=', q.leadUnit)),
      );
    }
    return eb.and(all);
  };
}

/**
 * The codes a category filter stands for: the subtree under `code`, or only `code` itself when it lies
 * above `level` (a volume row of that level); null for `uncategorised`. An unknown code is refused.
 */
async function categoryCodes(db: Db, code: string, level: number | undefined): Promise<string[] | null> {
  if (code === 'uncategorised') return null;
  const found = await db.selectFrom('categories').select('level').where('code', '=', code).executeTakeFirst();
  if (!found) throw fieldError('querystring.category', `未知的问题分类 ${code}`, `unknown category ${code}`);
  if (level !== undefined && found.level < level) return [code];
  const rows = await sql<{ code: string }>`
    WITH RECURSIVE sub(code) AS (
      SELECT code FROM categories WHERE code = ${code}
      UNION ALL
      SELECT c.code FROM categories c JOIN sub ON c.parent_code = sub.code
    ) SELECT code FROM sub`.execute(db);
  return rows.rows.map((r) => r.code);
}

/** The queue's order; sorting by deadline needs `d` (filteredMatters with joinDeadline). */
export function queueOrder(q: Pick<MatterListQuery, 'sort' | 'order'>) {
  const dir = q.order === 'asc' ? sql`ASC` : sql`DESC`;
  return q.sort === 'due_at'
    ? sql`d.due_at ${dir} NULLS LAST, m.id ${dir}`
    : q.sort === 'case_number'
      ? sql`m.case_number ${dir}`
      : sql`m.registered_at ${dir}, m.id ${dir}`;
}

/**
 * The queue: visible matters, filtered, sorted and paginated on the server, each with its deadline
 * badge. The page of ids is chosen from `matters` alone (joining deadlines only to filter or sort by
 * them), and names and deadlines are joined for those 20 rows only: it stays fast at 100,000 matters.
 */
export async function listMatters(ctx: AppContext, user: StaffUser, q: MatterListQuery) {
  const now = ctx.clock();
  const base = await filteredMatters(ctx.db, user, q, now, q.sort === 'due_at');
  const counted = await ctx.db
    .selectFrom(
      base
        .select(sql`1`.as('one'))
        .limit(QUEUE_COUNT_CAP + 1)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const page = await base
    .select('m.id')
    .orderBy(queueOrder(q))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const ids = page.map((p) => p.id);
  const rows =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom('matters as m')
          .leftJoin('deadlines as d', (j) =>
            j.onRef('d.matter_id', '=', 'm.id').on('d.main', '=', true).on('d.status', '=', 'open'),
          )
          .leftJoin('categories as c', 'c.code', 'm.category_code')
          .leftJoin('regions as r', 'r.code', 'm.region_code')
          .select([
            'm.id',
            'm.case_number',
            'm.subject',
            'm.channel',
            'm.purpose',
            'm.state',
            'm.category_code',
            'c.name_zh as category_name',
            'm.region_code',
            'r.name as region_name',
            'm.registered_at',
            'm.received_at',
            'm.is_collective',
            'm.head_count',
            'm.is_misconduct_report',
            'd.kind as deadline_kind',
            'd.due_at',
            'd.due_date',
            'd.warn_at',
          ])
          .where('m.id', 'in', ids)
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const total = Number(counted.n);
  return {
    total: Math.min(total, QUEUE_COUNT_CAP),
    totalCapped: total > QUEUE_COUNT_CAP,
    page: q.page,
    pageSize: q.pageSize,
    items: ids
      .map((id) => byId.get(id)!)
      .map((r) => ({
        id: r.id,
        caseNumber: r.case_number,
        subject: r.subject,
        channel: r.channel,
        purpose: r.purpose,
        state: r.state,
        categoryCode: r.category_code,
        categoryName: r.category_name,
        regionCode: r.region_code,
        regionName: r.region_name,
        registeredAt: r.registered_at,
        receivedAt: r.received_at,
        isCollective: r.is_collective,
        headCount: r.head_count,
        isMisconductReport: r.is_misconduct_report,
        deadline:
          r.due_at && r.warn_at
            ? {
                kind: r.deadline_kind,
                dueAt: r.due_at,
                dueDate: r.due_date,
                badge: deadlineBadge(now, { warnAt: r.warn_at, dueAt: r.due_at }),
                daysLeft: Math.ceil((r.due_at.getTime() - now.getTime()) / 86_400_000),
              }
            : null,
      })),
  };
}

/** The matter page: details, masked petitioners, units, decisions, deadlines, timeline and allowed actions. */
export async function getMatter(ctx: AppContext, user: StaffUser, matterId: number) {
  const db = ctx.db;
  const row = await db.selectFrom('matters').selectAll().where('id', '=', matterId).executeTakeFirst();
  if (!row) throw notFound('信访事项', 'Matter');
  const { facts } = await matterFacts(db, row);
  const names = await db
    .selectFrom('regions as r')
    .leftJoin('categories as c', (j) => j.on('c.code', '=', row.category_code ?? ''))
    .select(['r.name as regionName', 'c.name_zh as categoryName'])
    .where('r.code', '=', row.region_code)
    .executeTakeFirst();
  if (!canSeeMatter(user, facts)) throw notFound('信访事项', 'Matter');
  const reportedUnit =
    row.reported_unit_id === null
      ? null
      : await db
          .selectFrom('units')
          .select(['id', 'name'])
          .where('id', '=', row.reported_unit_id)
          .executeTakeFirst();
  // The petitioner's own words for the unit, matched to unit names, for the registrar to confirm.
  const reportedUnitSuggestions =
    row.is_misconduct_report && row.reported_unit_id === null && row.target
      ? suggestReportedUnits(
          row.target,
          row.region_code,
          await db
            .selectFrom('units')
            .select(['id', 'name', 'region_code as regionCode'])
            .where('active', '=', true)
            .execute(),
        )
      : [];
  const petitioners = await db
    .selectFrom('matter_petitioners as mp')
    .innerJoin('petitioners as p', 'p.id', 'mp.petitioner_id')
    .select(['p.id', 'p.kind', 'p.name', 'p.id_number', 'p.phone', 'p.address', 'mp.is_representative'])
    .where('mp.matter_id', '=', matterId)
    .orderBy('mp.position')
    .orderBy('p.id')
    .execute();
  const units = await db
    .selectFrom('matter_units as mu')
    .innerJoin('units as u', 'u.id', 'mu.unit_id')
    .select([
      'mu.unit_id',
      'u.name',
      'mu.role',
      'mu.assigned_at',
      'mu.signed_at',
      'mu.released_at',
      'mu.release_reason',
    ])
    .where('mu.matter_id', '=', matterId)
    .orderBy('mu.id')
    .execute();
  const decisions = await db
    .selectFrom('decisions')
    .selectAll()
    .where('matter_id', '=', matterId)
    .orderBy('id')
    .execute();
  const ratings = await db
    .selectFrom('ratings')
    .selectAll()
    .where('matter_id', '=', matterId)
    .orderBy('id')
    .execute();
  const deadlines = await db
    .selectFrom('deadlines')
    .selectAll()
    .where('matter_id', '=', matterId)
    .orderBy('id')
    .execute();
  const attachments = await db
    .selectFrom('attachments')
    .select(['id', 'filename', 'mime_type', 'size_bytes', 'sha256', 'uploaded_at'])
    .where('matter_id', '=', matterId)
    .orderBy('id')
    .execute();
  const events = await db
    .selectFrom('events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .leftJoin('units as n', 'n.id', 'e.unit_id')
    .select([
      'e.id',
      'e.seq',
      'e.kind',
      'e.at',
      'e.actor_kind',
      'u.display_name as actor_name',
      'n.name as unit_name',
      'e.public',
      'e.payload',
    ])
    .where('e.matter_id', '=', matterId)
    .orderBy('e.seq')
    .execute();
  // The cases on the matter (instructions, cards …) keep their own streams; their events join the
  // matter's internal timeline here, in time order, each marked with its case.
  const caseEvents = await db
    .selectFrom('cases as c')
    .innerJoin('events as e', (j) => j.on(sql<boolean>`e.stream = 'case:' || c.id`))
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .leftJoin('units as n', 'n.id', 'e.unit_id')
    .select([
      'c.id as case_id',
      'e.seq',
      'e.kind',
      'e.at',
      'e.actor_kind',
      'u.display_name as actor_name',
      'n.name as unit_name',
      'e.public',
      'e.payload',
    ])
    .where('c.matter_id', '=', matterId)
    .execute();
  const timeline = [...events.map((e) => ({ ...e, case_id: null as number | null })), ...caseEvents].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || (a.case_id ?? 0) - (b.case_id ?? 0) || a.seq - b.seq,
  );
  const now = ctx.clock();
  const open = deadlines.find((d) => d.main && d.status === 'open');
  return {
    id: row.id,
    caseNumber: row.case_number,
    queryCode: row.query_code,
    channel: row.channel,
    purpose: row.purpose,
    categoryCode: row.category_code,
    categoryName: names?.categoryName ?? null,
    regionName: names?.regionName ?? null,
    subject: row.subject,
    content: row.content,
    regionCode: row.region_code,
    lodgedLevel: row.lodged_level,
    target: row.target,
    reportedUnitId: row.reported_unit_id,
    reportedUnitName: reportedUnit?.name ?? null,
    reportedUnitSuggestions,
    isMisconductReport: row.is_misconduct_report,
    headCount: row.head_count,
    isCollective: row.is_collective,
    state: row.state,
    version: row.version,
    receivedAt: row.received_at,
    registeredAt: row.registered_at,
    acceptedAt: row.accepted_at,
    repliedAt: row.replied_at,
    closedAt: row.closed_at,
    extensionDays: row.extension_days,
    repeatOfId: row.repeat_of_id,
    handedDownFrom: row.handed_down_from,
    petitioners: petitioners.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      idNumber: p.id_number ? maskIdNumber(p.id_number) : null,
      phone: p.phone ? maskPhone(p.phone) : null,
      address: p.address,
      isRepresentative: p.is_representative,
      masked: true,
    })),
    units: units.map((u) => ({
      unitId: u.unit_id,
      name: u.name,
      role: u.role,
      assignedAt: u.assigned_at,
      signedAt: u.signed_at,
      releasedAt: u.released_at,
      releaseReason: u.release_reason,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      kind: d.kind,
      outcome: d.outcome,
      facts: d.facts,
      legalBasis: d.legal_basis,
      body: d.body,
      unitId: d.unit_id,
      decidedAt: d.decided_at,
    })),
    ratings: ratings.map((r) => ({ rating: r.rating, comment: r.comment, ratedAt: r.rated_at })),
    deadlines: deadlines.map((d) => ({
      kind: d.kind,
      main: d.main,
      status: d.status,
      startsAt: d.starts_at,
      dueAt: d.due_at,
      dueDate: d.due_date,
      warnAt: d.warn_at,
      warnedAt: d.warned_at,
      overdueAt: d.overdue_at,
    })),
    currentDeadline: open
      ? {
          kind: open.kind,
          dueAt: open.due_at,
          dueDate: open.due_date,
          badge: deadlineBadge(now, { warnAt: open.warn_at, dueAt: open.due_at }),
        }
      : null,
    attachments,
    timeline: timeline.map((e) => ({
      caseId: e.case_id,
      seq: e.seq,
      kind: e.kind,
      at: e.at,
      actorKind: e.actor_kind,
      actorName: e.actor_name,
      unitName: e.unit_name,
      public: e.public,
      payload: e.payload,
    })),
    // Only what the server would accept now: the state, the policy and the time windows.
    allowedActions: allowedCommands(row.state as MatterState).filter(
      (c) =>
        canRunCommand(user, c, facts) &&
        windowAllows(c, {
          deadlines: deadlines.map((d) => ({
            kind: d.kind,
            main: d.main,
            status: d.status,
            dueAt: d.due_at,
          })),
          extensionDays: row.extension_days,
          now,
        }),
    ),
  };
}

/** Shows a petitioner's full ID and phone number to a role that needs them, and logs that it did. */
export async function unmaskPetitioner(
  ctx: AppContext,
  user: StaffUser,
  matterId: number,
  petitionerId: number,
) {
  if (!hasRole(user, ...UNMASK_ROLES))
    throw forbidden('您的角色无权查看完整证件号码和电话', 'Your role may not see full ID and phone numbers');
  const row = await ctx.db.selectFrom('matters').selectAll().where('id', '=', matterId).executeTakeFirst();
  if (!row) throw notFound('信访事项', 'Matter');
  return withTransaction(ctx, async ({ db: trx }) => {
    const { facts } = await matterFacts(trx, row);
    if (!canSeeMatter(user, facts)) throw notFound('信访事项', 'Matter');
    const p = await trx
      .selectFrom('matter_petitioners as mp')
      .innerJoin('petitioners as p', 'p.id', 'mp.petitioner_id')
      .select(['p.id', 'p.name', 'p.id_number', 'p.phone', 'p.address'])
      .where('mp.matter_id', '=', matterId)
      .where('mp.petitioner_id', '=', petitionerId)
      .executeTakeFirst();
    if (!p) throw notFound('信访人', 'Petitioner');
    const fields = [p.id_number ? 'id_number' : null, p.phone ? 'phone' : null].filter(
      (f): f is string => f !== null,
    );
    await trx
      .insertInto('unmask_log')
      .values({ user_id: user.id, petitioner_id: p.id, matter_id: matterId, fields, at: ctx.clock() })
      .execute();
    await appendEvents(
      trx,
      { stream: 'system', matterId: null },
      { kind: 'staff', userId: user.id, unitId: user.unit.id },
      [{ kind: 'petitioner_unmasked', at: ctx.clock(), payload: { matterId, petitionerId: p.id, fields } }],
    );
    // The address too (never masked): "使用此人" on the registration form copies the whole person.
    return { id: p.id, name: p.name, idNumber: p.id_number, phone: p.phone, address: p.address };
  });
}

/** Matters of one petitioner shown at most, newest first. */
export const PETITIONER_MATTERS_MAX = 100;

/**
 * One person's matters that `user` may see, newest first: the history a registrar or handler needs
 * to recognise a repeat and to answer the person consistently. Nothing about the person beyond
 * their petitions; a misconduct report stays hidden from the unit it reports, as everywhere.
 */
export async function listPetitionerMatters(ctx: AppContext, user: StaffUser, petitionerId: number) {
  const items = await ctx.db
    .selectFrom('matters as m')
    .innerJoin('matter_petitioners as mp', 'mp.matter_id', 'm.id')
    .select([
      'm.id',
      'm.case_number as caseNumber',
      'm.subject',
      'm.state',
      'm.received_at as receivedAt',
      'm.repeat_of_id as repeatOfId',
    ])
    .where('mp.petitioner_id', '=', petitionerId)
    .where(visibleTo(user))
    .orderBy('m.received_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(PETITIONER_MATTERS_MAX)
    .execute();
  return { items };
}
