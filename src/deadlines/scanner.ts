import { sql } from 'kysely';
import type { AppContext, TxContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { appendEvents, matterStream, SYSTEM_ACTOR } from '../audit/event-log.ts';
import { AppError } from '../errors/app-error.ts';
import { writeNotifications } from '../inbox/notify.ts';
import { scopeSupervisors, unitStaff } from '../inbox/recipients.ts';
import { raiseCaseDeadline } from './case-deadline-marks.ts';
import { close } from '../lifecycle/commands/review.ts';
import { runCommand } from '../lifecycle/run-command.ts';
import type { CloseReason, DeadlineKind } from '../shared/enums.ts';

/** Kinds that are a unit's duty; the others are the petitioner's windows, which lapse instead. */
const DUTY_KINDS: DeadlineKind[] = [
  'acceptance',
  'handling',
  'handling_suggestion',
  'handling_accusation',
  'handed_down',
  'review_decision',
  'recheck_decision',
];
const WINDOW_KINDS: DeadlineKind[] = ['review_request', 'recheck_request'];

export interface ScanResult {
  warnings: number;
  overdue: number;
  closed: number;
}

type Mark = 'warning' | 'overdue';
interface ClaimedDeadline {
  id: number;
  owner_id: number;
  kind: string;
  due_date: string;
  unit_id: number | null;
}

/**
 * Where deadlines live and what raising a mark on one does: a matter's (the lifecycle's duty limits)
 * or a case's (the workflow kernel's). Each claimed row is handled in the claiming transaction.
 */
interface DeadlineSource {
  table: 'deadlines' | 'case_deadlines';
  owner: 'matter_id' | 'case_id';
  kinds: readonly string[] | null;
  raise(tx: TxContext, d: ClaimedDeadline, mark: Mark): Promise<void>;
}

/** Who is told of a matter's warning or overdue mark (procedure.md §4): the unit that must act and the scope's supervisors. */
const DUTY_ROLES = ['registrar', 'officer', 'unit_head'] as const;

const MATTER_SOURCE: DeadlineSource = {
  table: 'deadlines',
  owner: 'matter_id',
  kinds: DUTY_KINDS,
  async raise(tx, d, mark) {
    const trx = tx.db;
    const matter = await trx
      .selectFrom('matters')
      .select(['id', 'region_code', 'registering_unit_id'])
      .where('id', '=', d.owner_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const stream = matterStream(d.owner_id);
    const at = tx.clock();
    const [seq] = await appendEvents(trx, { stream, matterId: d.owner_id }, SYSTEM_ACTOR, [
      {
        kind: mark === 'warning' ? 'deadline_warning' : 'deadline_overdue',
        at,
        payload: { deadlineId: d.id, kind: d.kind, dueDate: d.due_date, unitId: d.unit_id },
      },
    ]);
    const unitId = d.unit_id ?? matter.registering_unit_id;
    const userIds = [
      ...(await unitStaff(trx, [unitId], DUTY_ROLES)),
      ...(await scopeSupervisors(trx, matter.region_code)),
    ];
    await writeNotifications(trx, { stream, seq: seq!, at }, [
      {
        kind: mark === 'warning' ? 'deadline_warning' : 'deadline_overdue',
        userIds,
        matterId: d.owner_id,
        caseId: null,
        payload: { deadlineKind: d.kind, dueDate: d.due_date },
      },
    ]);
  },
};

const CASE_SOURCE: DeadlineSource = {
  table: 'case_deadlines',
  owner: 'case_id',
  kinds: null,
  async raise(tx, d, mark) {
    await raiseCaseDeadline(
      tx,
      { id: d.id, caseId: d.owner_id, kind: d.kind, dueDate: d.due_date, unitId: d.unit_id },
      mark,
    );
  },
};

/**
 * Raises each warning and overdue mark exactly once, on matters and on every case type, and closes
 * matters whose review window ran out. A row is claimed with FOR UPDATE SKIP LOCKED and marked in
 * the same transaction as its event, its notices and whatever the mark sets off (a card's
 * escalation), so two app instances never raise the same mark and a restart never loses one.
 */
export async function scanDeadlines(ctx: AppContext, batch = 200): Promise<ScanResult> {
  const result: ScanResult = { warnings: 0, overdue: 0, closed: 0 };
  for (const source of [MATTER_SOURCE, CASE_SOURCE]) {
    for (const mark of ['warning', 'overdue'] as const) {
      for (;;) {
        const n = await withTransaction(ctx, async (tx) => {
          const trx = tx.db;
          const now = tx.clock();
          const column = mark === 'warning' ? 'warned_at' : 'overdue_at';
          const rows = await sql<ClaimedDeadline>`
            SELECT d.id, d.${sql.ref(source.owner)} AS owner_id, d.kind, d.due_date, d.unit_id
            FROM ${sql.table(source.table)} d
            WHERE d.status = 'open' AND d.${sql.ref(column)} IS NULL
              AND ${mark === 'warning' ? sql`d.warn_at <= ${now}` : sql`d.due_at < ${now}`}
              AND ${source.kinds ? sql`d.kind = ANY(${source.kinds})` : sql`true`}
            ORDER BY d.id LIMIT ${batch} FOR UPDATE SKIP LOCKED`.execute(trx);
          for (const d of rows.rows) {
            await trx
              .updateTable(source.table)
              .set({ [column]: now })
              .where('id', '=', d.id)
              .execute();
            await source.raise(tx, d, mark);
          }
          return rows.rows.length;
        });
        result[mark === 'warning' ? 'warnings' : 'overdue'] += n;
        if (n < batch) break;
      }
    }
  }
  // An objection window nobody used simply ends: the assigned unit keeps the matter (条例 §23).
  await ctx.db
    .updateTable('deadlines')
    .set({ status: 'lapsed', closed_at: ctx.clock() })
    .where('status', '=', 'open')
    .where('kind', '=', 'objection')
    .where('due_at', '<', ctx.clock())
    .execute();
  // A lapsed review window closes the matter (no review asked in time), through the one lifecycle path.
  const lapsed = await sql<{ matter_id: number; kind: string }>`
    SELECT d.matter_id, d.kind FROM deadlines d JOIN matters m ON m.id = d.matter_id
    WHERE d.status = 'open' AND d.due_at < ${ctx.clock()} AND d.kind = ANY(${WINDOW_KINDS})
      AND m.state IN ('replied', 'evaluated', 'reviewed')
    ORDER BY d.id LIMIT ${batch * 10}`.execute(ctx.db);
  for (const d of lapsed.rows) {
    const reason: CloseReason =
      d.kind === 'review_request' ? 'review_window_lapsed' : 'recheck_window_lapsed';
    try {
      await runCommand(ctx, { kind: 'system' }, d.matter_id, 'close', (args) =>
        close(args, undefined, reason),
      );
      result.closed += 1;
    } catch (err) {
      // Another instance closed it first, or a review was asked at the last moment: nothing to do.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return result;
}

/** Runs the scanner every `intervalSeconds` until stopped; a failed scan is logged and retried. */
export function startScanner(
  ctx: AppContext,
  intervalSeconds: number,
  log: (msg: string, err?: unknown) => void,
) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await scanDeadlines(ctx);
      if (r.warnings + r.overdue + r.closed > 0)
        log(`deadline scan: ${r.warnings} warnings, ${r.overdue} overdue, ${r.closed} closed`);
    } catch (err) {
      log('deadline scan failed', err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalSeconds * 1000);
  void tick();
  return () => clearInterval(timer);
}
