import type { z } from 'zod';
import type { TxContext } from '../app/context.ts';
import { endOfLocalDay, localDateOf } from '../calendar/zoned.ts';
import { insertCaseDeadline } from '../deadlines/case-deadline.repository.ts';
import { planFixedDeadline } from '../deadlines/plan.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { unitStaff } from '../inbox/recipients.ts';
import { caseEvent } from '../shared/case-events.ts';
import type { AssignmentInput } from '../shared/meeting.schema.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { unitMaySeeMatter } from '../workflow/case-policy.ts';
import { matterInScope, openCase, unitOf } from '../workflow/case.repository.ts';
import type { LockedMeeting } from './meeting.binding.ts';

type Staff = CaseActor & { kind: 'staff' };

/** Who in a unit is told of what the meeting handed it: those who answer for the unit. */
export const ASSIGNEE_ROLES = ['officer', 'unit_head', 'leader'] as const;

/** The date an item must be reported by, as a deadline the scanner warns about and marks overdue. */
export function planAssignmentDue(tx: TxContext, dueDate: string) {
  return planFixedDeadline(
    tx.calendar.calendar,
    tx.calendar.limit('meeting_assignment'),
    'meeting_assignment',
    tx.clock(),
    dueDate,
    endOfLocalDay(dueDate),
  );
}

export function futureDueDate(tx: TxContext, date: string, path: string) {
  if (date < localDateOf(tx.clock()))
    throw fieldError(path, '报告期限不能早于今天', 'the report-by date may not be in the past');
}

/**
 * Opens the items a held meeting hands down (交办), in the meeting command's transaction. Each goes
 * to a member unit of the body; one on a matter only to a unit that may see the matter (so a
 * misconduct report is never handed to the unit it reports) and only by a user who sees it. Every
 * item is checked before any is opened; the first wrong one is a field error naming its place
 * (`assignments.1.unitId`) and the transaction stores nothing.
 */
export async function openAssignments(
  tx: TxContext,
  actor: Staff,
  meeting: { id: number; locked: LockedMeeting },
  inputs: readonly z.output<typeof AssignmentInput>[],
  path = 'assignments',
): Promise<number[]> {
  const { body } = meeting.locked.extra;
  const checked = [];
  for (const [i, a] of inputs.entries()) {
    const unit = await tx.db.selectFrom('units').selectAll().where('id', '=', a.unitId).executeTakeFirst();
    if (!unit || !unit.active || !body.memberUnitIds.includes(a.unitId))
      throw fieldError(
        `${path}.${i}.unitId`,
        `${unit ? `「${unit.name}」` : `单位 ${a.unitId} `}不是本联席会议的成员单位，不能交办`,
        `${unit ? unit.name : `unit ${a.unitId}`} is not a member unit of the joint meeting`,
      );
    futureDueDate(tx, a.dueDate, `${path}.${i}.dueDate`);
    let matter = null;
    if (a.matterId !== undefined) {
      // Not found and not visible read alike, so the error names no matter the user may not see.
      matter = await matterInScope(tx.db, actor.user, a.matterId).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found') return null;
        throw e;
      });
      if (!matter)
        throw fieldError(
          `${path}.${i}.matterId`,
          `事项 ${a.matterId} 不存在或无权查看`,
          `matter ${a.matterId} does not exist or is not visible to you`,
        );
      if (!unitMaySeeMatter(unitOf(unit), matter.facts))
        throw fieldError(
          `${path}.${i}.unitId`,
          `「${unit.name}」无权查看事项 ${matter.row.case_number}，不能交办给该单位`,
          `${unit.name} may not see matter ${matter.row.case_number} and cannot be handed it`,
        );
    }
    checked.push({ input: a, unit, matter });
  }
  const last = await tx.db
    .selectFrom('meeting_assignments')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('meeting_case_id', '=', meeting.id)
    .executeTakeFirst();
  let position = Number(last?.p ?? 0);
  const ids: number[] = [];
  for (const { input, unit, matter } of checked) {
    position += 1;
    const at = position;
    const recipients = await unitStaff(tx.db, [unit.id], ASSIGNEE_ROLES);
    const reps = await tx.db
      .selectFrom('meeting_body_representatives')
      .select('user_id')
      .where('body_id', '=', meeting.locked.extra.bodyId)
      .where('unit_id', '=', unit.id)
      .execute();
    const deadline = planAssignmentDue(tx, input.dueDate);
    const opened = await openCase(
      tx,
      actor,
      {
        type: 'meeting_assignment',
        state: 'assigned',
        matterId: matter?.row.id ?? null,
        regionCode: matter?.row.region_code ?? meeting.locked.row.region_code,
      },
      async (caseId) => {
        await tx.db
          .insertInto('meeting_assignments')
          .values({
            case_id: caseId,
            meeting_case_id: meeting.id,
            position: at,
            unit_id: unit.id,
            task: input.task,
            due_date: input.dueDate,
          })
          .execute();
        await insertCaseDeadline(tx.db, caseId, deadline, unit.id);
        return {
          events: [
            caseEvent('meeting_assignment_opened', {
              meetingId: meeting.id,
              position: at,
              unitId: unit.id,
              task: input.task,
              dueDate: input.dueDate,
            }),
          ],
          notify: [
            {
              kind: 'meeting_assignment_received',
              userIds: [...recipients, ...reps.map((r) => r.user_id)],
              matterId: matter?.row.id ?? null,
              caseId,
              payload: {
                meetingId: meeting.id,
                dueDate: input.dueDate,
                excerpt: input.task.slice(0, 80),
              },
            },
          ],
        };
      },
    );
    ids.push(opened.id);
  }
  return ids;
}
