import { sql } from 'kysely';
import type { z } from 'zod';
import { AppError, fieldError } from '../../errors/app-error.ts';
import { closeDeadlines, insertDeadline } from '../../deadlines/deadline.repository.ts';
import { planDeadline, planFixedDeadline } from '../../deadlines/plan.ts';
import { endOfLocalDay } from '../../calendar/index.ts';
import type { DecideInput } from '../../shared/schemas.ts';
import { LAWFUL_CHANNEL_LABELS, label } from '../../shared/labels.ts';
import type { CommandHandlerArgs, CommandOutcome } from '../run-command.ts';
import { TERMINAL_STATES } from '../state-machine.ts';
import { handlingLimitKind, openObjectionWindow, requireUnit, restartMainDeadline } from './helpers.ts';

type Decide = z.output<typeof DecideInput>;

const assertNotReported = (args: CommandHandlerArgs, unitIds: number[], field: string) => {
  const reported = args.matter.row.reported_unit_id;
  if (args.matter.row.is_misconduct_report && reported !== null && unitIds.includes(reported)) {
    throw fieldError(
      field,
      '检举控告事项不得交由被反映单位办理',
      'a report of misconduct is never sent to the unit it reports',
    );
  }
};

async function assignLead(args: CommandHandlerArgs, unitId: number, coUnitIds: number[]) {
  const { trx, matter, now } = args;
  await trx
    .updateTable('matter_units')
    .set({ released_at: now, release_reason: 'reassigned' })
    .where('matter_id', '=', matter.row.id)
    .where('released_at', 'is', null)
    .execute();
  await trx
    .insertInto('matter_units')
    .values([
      { matter_id: matter.row.id, unit_id: unitId, role: 'lead' as const, assigned_at: now },
      ...coUnitIds
        .filter((id) => id !== unitId)
        .map((id) => ({ matter_id: matter.row.id, unit_id: id, role: 'co' as const, assigned_at: now })),
    ])
    .execute();
}

/** The acceptance decision of 条例 §22–25: accept, forward, hand down, not accept, or merge as a repeat. */
export async function decide(args: CommandHandlerArgs, input: Decide): Promise<CommandOutcome> {
  const { trx, ctx, matter, now } = args;
  switch (input.decision) {
    case 'accept': {
      const lead = await requireUnit(trx, input.leadUnitId, 'leadUnitId');
      for (const [i, id] of input.coUnitIds.entries()) await requireUnit(trx, id, `coUnitIds.${i}`);
      assertNotReported(args, [input.leadUnitId, ...input.coUnitIds], 'leadUnitId');
      if (input.categoryCode) {
        const cat = await trx
          .selectFrom('categories')
          .select('code')
          .where('code', '=', input.categoryCode)
          .executeTakeFirst();
        if (!cat) throw fieldError('categoryCode', '问题分类不存在', 'unknown category');
      }
      await assignLead(args, lead.id, input.coUnitIds);
      const due = await restartMainDeadline(
        trx,
        ctx,
        matter.row.id,
        handlingLimitKind(matter.row.purpose),
        now,
        lead.id,
      );
      if (lead.id !== matter.row.registering_unit_id)
        await openObjectionWindow(trx, ctx, matter.row.id, now, lead.id);
      return {
        set: { accepted_at: now, ...(input.categoryCode ? { category_code: input.categoryCode } : {}) },
        events: [
          {
            kind: 'accepted',
            public: true,
            payload: {
              leadUnitId: lead.id,
              leadUnitName: lead.name,
              coUnitIds: input.coUnitIds,
              handlingDueDate: due.dueDate,
              note: input.note ?? null,
            },
          },
        ],
        result: { handlingDueDate: due.dueDate },
      };
    }
    case 'forward': {
      const unit = await requireUnit(trx, input.unitId, 'unitId');
      assertNotReported(args, [unit.id], 'unitId');
      await assignLead(args, unit.id, []);
      // The competent body decides on acceptance within its own 15 days from receiving the matter.
      const due = await restartMainDeadline(trx, ctx, matter.row.id, 'acceptance', now, unit.id);
      const objection = await openObjectionWindow(trx, ctx, matter.row.id, now, unit.id);
      return {
        events: [
          {
            kind: 'forwarded',
            public: true,
            payload: {
              unitId: unit.id,
              unitName: unit.name,
              acceptanceDueDate: due.dueDate,
              objectionDueDate: objection.dueDate,
              note: input.note ?? null,
            },
          },
        ],
        result: { acceptanceDueDate: due.dueDate },
      };
    }
    case 'hand_down': {
      const unit = await requireUnit(trx, input.unitId, 'unitId');
      assertNotReported(args, [unit.id], 'unitId');
      await assignLead(args, unit.id, []);
      await closeDeadlines(trx, matter.row.id, 'met', now);
      const calendar = ctx.calendar.calendar;
      const handling = ctx.calendar.limit(handlingLimitKind(matter.row.purpose));
      const dueDate = input.dueDate ?? matter.row.external_due_date;
      let plan;
      if (dueDate) {
        const dueAt = endOfLocalDay(dueDate);
        if (dueAt <= now)
          throw fieldError('dueDate', '交办期限须晚于今天', 'the due date must be after today');
        plan = planFixedDeadline(calendar, handling, 'handed_down', now, dueDate, dueAt);
      } else {
        plan = { ...planDeadline(calendar, handling, now), kind: 'handed_down' };
      }
      await insertDeadline(trx, matter.row.id, plan, { main: true, unitId: unit.id });
      await openObjectionWindow(trx, ctx, matter.row.id, now, unit.id);
      return {
        set: { accepted_at: now },
        events: [
          {
            kind: 'handed_down',
            public: true,
            payload: {
              unitId: unit.id,
              unitName: unit.name,
              dueDate: plan.dueDate,
              note: input.note ?? null,
            },
          },
        ],
        result: { dueDate: plan.dueDate },
      };
    }
    case 'not_accept': {
      if (input.reason === 'lawful_channel' && !input.lawfulChannel) {
        throw fieldError(
          'lawfulChannel',
          '诉访分离：须告知信访人应当通过的法定途径',
          'name the lawful channel the petitioner should use',
        );
      }
      await closeDeadlines(trx, matter.row.id, 'met', now);
      const channel = input.lawfulChannel ? label(LAWFUL_CHANNEL_LABELS, input.lawfulChannel) : null;
      return {
        set: { closed_at: now },
        events: [
          {
            kind: 'not_accepted',
            public: true,
            payload: {
              reason: input.reason,
              lawfulChannel: input.lawfulChannel ?? null,
              lawfulChannelZh: channel?.zh ?? null,
              explanation: input.explanation,
            },
          },
        ],
      };
    }
    case 'merge': {
      const into = input.intoMatterId;
      const target = await trx
        .selectFrom('matters')
        .select(['id', 'case_number', 'state'])
        .$call((qb) =>
          typeof into === 'number' ? qb.where('id', '=', into) : qb.where('case_number', '=', into),
        )
        .executeTakeFirst();
      if (!target)
        throw fieldError('intoMatterId', '被合并的事项不存在', 'the matter to merge into does not exist');
      if (target.id === matter.row.id) {
        throw fieldError('intoMatterId', '不能合并到自身', 'a matter cannot be merged into itself');
      }
      if (
        (TERMINAL_STATES as readonly string[]).includes(target.state) &&
        target.state !== 'closed' &&
        target.state !== 'concluded'
      ) {
        throw new AppError(
          'conflict',
          '只能合并到未合并、已受理的事项',
          'merge only into a matter that is itself not merged',
        );
      }
      const shared = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM matter_petitioners a JOIN matter_petitioners b ON a.petitioner_id = b.petitioner_id
        WHERE a.matter_id = ${matter.row.id} AND b.matter_id = ${target.id}`.execute(trx);
      await closeDeadlines(trx, matter.row.id, 'cancelled', now);
      return {
        set: { repeat_of_id: target.id, closed_at: now },
        events: [
          {
            kind: 'merged',
            public: true,
            payload: {
              intoMatterId: target.id,
              intoCaseNumber: target.case_number,
              intoState: target.state,
              samePetitioner: (shared.rows[0]?.n ?? 0) > 0,
              note: input.note ?? null,
            },
          },
        ],
      };
    }
  }
}
