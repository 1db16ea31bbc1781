import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { AppError, fieldError, forbidden, notFound } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { acceptableUpload, type Upload } from '../intake/attachments.ts';
import { caseEvent } from '../shared/case-events.ts';
import { ASSIGNMENT_STATE_LABELS } from '../shared/meeting.labels.ts';
import {
  AssignInput,
  CancelMeetingInput,
  MeetingCommentInput,
  MeetingNoteInput,
  RecordMeetingInput,
  ScheduleMeetingInput,
  type AssignmentState,
} from '../shared/meeting.schema.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { canSeeMeetingBody, onConvenerSide } from '../workflow/case-policy.ts';
import { openCase } from '../workflow/case.repository.ts';
import { executeWorkflowCommand, runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { openAssignments } from './assignment.open.ts';
import { loadBody } from './meeting-body.repository.ts';
import { MEETING_BINDING } from './meeting.binding.ts';
import { ASSIGNMENT_DONE } from './meeting.workflow.ts';

type Staff = CaseActor & { kind: 'staff' };

/** Files one meeting may hold (the signed minutes, a sign-in sheet, materials). */
export const MEETING_FILES_MAX = 20;

/** The convener side schedules a meeting of the body: title, time, place and agenda. */
export async function scheduleMeeting(ctx: AppContext, actor: Staff, bodyId: number, body: unknown) {
  const input = parseOrThrow(ScheduleMeetingInput, body);
  return withTransaction(ctx, async (tx) => {
    const b = await loadBody(tx.db, bodyId);
    if (!b || !canSeeMeetingBody(actor.user, b.facts)) throw notFound('联席会议', 'Joint meeting body');
    if (!onConvenerSide(actor.user, b.facts))
      throw forbidden(
        '只有召集单位、信访部门的领导和督查人员可以安排会议',
        'Only the convener side may schedule a meeting',
      );
    const reps = await tx.db
      .selectFrom('meeting_body_representatives')
      .select('user_id')
      .where('body_id', '=', bodyId)
      .execute();
    return openCase(
      tx,
      actor,
      { type: 'meeting', state: 'scheduled', matterId: null, regionCode: b.row.region_code },
      async (caseId) => {
        await tx.db
          .insertInto('meetings')
          .values({
            case_id: caseId,
            body_id: bodyId,
            title: input.title,
            starts_at: new Date(input.startsAt),
            place: input.place,
            agenda: input.agenda,
          })
          .execute();
        return {
          events: [
            caseEvent('meeting_scheduled', {
              bodyId,
              title: input.title,
              startsAt: new Date(input.startsAt).toISOString(),
              place: input.place,
              agenda: input.agenda,
            }),
          ],
          notify: [
            {
              kind: 'meeting_scheduled',
              userIds: [
                ...reps.map((r) => r.user_id),
                ...(b.row.convener_leader_id === null ? [] : [b.row.convener_leader_id]),
              ].filter((u) => u !== actor.user.id),
              matterId: null,
              caseId,
              payload: {
                meetingId: caseId,
                startsAt: new Date(input.startsAt).toISOString(),
                excerpt: input.title.slice(0, 80),
              },
            },
          ],
        };
      },
    );
  });
}

/**
 * Records a held meeting: who attended (member units or the convener, and named people of them),
 * the minutes, the decisions in order, and any items handed down at once. Not before it starts.
 */
export async function recordMeeting(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(RecordMeetingInput, body);
  return runWorkflowCommand(
    ctx,
    MEETING_BINDING,
    actor,
    caseId,
    'record',
    async ({ ctx: tx, locked, now }) => {
      const m = await tx.db
        .selectFrom('meetings')
        .select('starts_at')
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      if (m.starts_at > now)
        throw new AppError(
          'conflict',
          '会议尚未召开，召开后再记录',
          'The meeting has not started yet: record it once held',
        );
      const { body: facts } = locked.extra;
      const present = [...new Set(input.attendeeUnitIds)];
      for (const [i, unitId] of input.attendeeUnitIds.entries())
        if (unitId !== facts.convenerUnitId && !facts.memberUnitIds.includes(unitId))
          throw fieldError(
            `attendeeUnitIds.${i}`,
            `单位 ${unitId} 不是召集单位或成员单位`,
            `unit ${unitId} is neither the convener nor a member unit`,
          );
      const people = [...new Set(input.attendeeUserIds)];
      const users = people.length
        ? await tx.db
            .selectFrom('users')
            .select(['id', 'unit_id'])
            .where('id', 'in', people)
            .where('active', '=', true)
            .execute()
        : [];
      const attendees: { unit_id: number; user_id: number | null }[] = present.map((u) => ({
        unit_id: u,
        user_id: null,
      }));
      for (const [i, userId] of input.attendeeUserIds.entries()) {
        const u = users.find((x) => x.id === userId);
        const ok = u && (present.includes(u.unit_id) || userId === facts.convenerLeaderId);
        if (!u || !ok)
          throw fieldError(
            `attendeeUserIds.${i}`,
            '出席人员须为出席单位的在职人员或召集人',
            'an attendee must be an active user of an attending unit, or the convener leader',
          );
        if (!attendees.some((a) => a.user_id === userId))
          attendees.push({ unit_id: u.unit_id, user_id: userId });
      }
      await tx.db
        .updateTable('meetings')
        .set({
          minutes: input.minutes,
          decisions: input.decisions,
          recorded_by: actor.user.id,
          recorded_at: now,
        })
        .where('case_id', '=', caseId)
        .execute();
      await tx.db
        .insertInto('meeting_attendees')
        .values(attendees.map((a) => ({ ...a, case_id: caseId })))
        .execute();
      const assignmentIds = await openAssignments(tx, actor, { id: caseId, locked }, input.assignments);
      return {
        events: [
          caseEvent('meeting_recorded', {
            attendeeUnitIds: present,
            attendeeUserIds: people,
            minutes: input.minutes,
            decisions: input.decisions,
          }),
          ...(assignmentIds.length > 0 ? [caseEvent('meeting_assigned', { assignmentIds })] : []),
        ],
        result: { assignmentIds },
      };
    },
  );
}

/** A held meeting hands more items down to member units (交办). */
export async function assignFromMeeting(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AssignInput, body);
  return runWorkflowCommand(ctx, MEETING_BINDING, actor, caseId, 'assign', async ({ ctx: tx, locked }) => {
    const assignmentIds = await openAssignments(tx, actor, { id: caseId, locked }, input.assignments);
    return { events: [caseEvent('meeting_assigned', { assignmentIds })], result: { assignmentIds } };
  });
}

/**
 * Closes a held meeting once every item it handed down is reported and accepted (a withdrawn one
 * no longer counts); otherwise a 409 naming the items still open.
 */
export async function closeMeeting(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(MeetingNoteInput, body ?? {});
  return runWorkflowCommand(ctx, MEETING_BINDING, actor, caseId, 'close', async ({ trx }) => {
    const open = await trx
      .selectFrom('meeting_assignments as a')
      .innerJoin('cases as c', 'c.id', 'a.case_id')
      .innerJoin('units as n', 'n.id', 'a.unit_id')
      .select(['a.case_id', 'a.position', 'c.state', 'n.name'])
      .where('a.meeting_case_id', '=', caseId)
      .where('c.state', 'not in', [...ASSIGNMENT_DONE])
      .orderBy('a.position')
      .execute();
    if (open.length > 0) {
      const label = (s: string) => ASSIGNMENT_STATE_LABELS[s as AssignmentState];
      throw new AppError(
        'conflict',
        `交办事项尚未全部报告并审核通过：${open.map((a) => `第${a.position}项（${a.name}，${label(a.state).zh}）`).join('、')}`,
        `Not every assigned item is reported and accepted: ${open
          .map((a) => `item ${a.position} (${a.name}, ${label(a.state).en.toLowerCase()})`)
          .join(', ')}`,
        [],
        { open: open.map((a) => ({ id: a.case_id, position: a.position, state: a.state })) },
      );
    }
    return { events: [caseEvent('meeting_closed', { note: input.note ?? null })] };
  });
}

export async function cancelMeeting(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(CancelMeetingInput, body);
  return runWorkflowCommand(ctx, MEETING_BINDING, actor, caseId, 'cancel', async () => ({
    events: [caseEvent('meeting_cancelled', { reason: input.reason })],
  }));
}

export async function commentOnMeeting(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(MeetingCommentInput, body);
  return runWorkflowCommand(ctx, MEETING_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('meeting_comment', { comment: input.comment })],
  }));
}

/**
 * Adds a file to a meeting (the signed minutes, say): checked like a matter's attachment, placed in
 * the store as the transaction's last step and taken out again if the commit fails.
 */
export async function attachMeetingFile(ctx: AppContext, user: StaffUser, caseId: number, upload: Upload) {
  const { file } = upload;
  let placed = false;
  try {
    const filename = acceptableUpload(upload);
    return await withTransaction(ctx, async (tx) => {
      let fileId = 0;
      await executeWorkflowCommand(
        tx,
        MEETING_BINDING,
        { kind: 'staff', user },
        caseId,
        'attach',
        async ({ now }) => {
          const count = await tx.db
            .selectFrom('meeting_files')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('case_id', '=', caseId)
            .executeTakeFirstOrThrow();
          if (Number(count.n) >= MEETING_FILES_MAX)
            throw new AppError(
              'limit_exceeded',
              `每次会议最多${MEETING_FILES_MAX}个附件`,
              `At most ${MEETING_FILES_MAX} files per meeting`,
            );
          fileId = (
            await tx.db
              .insertInto('meeting_files')
              .values({
                case_id: caseId,
                filename,
                mime_type: upload.mimeType,
                size_bytes: file.size,
                sha256: file.sha256,
                storage_key: file.storageKey,
                uploaded_at: now,
                uploaded_by: user.id,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
          return {
            events: [
              caseEvent('meeting_file_added', { fileId, filename, sha256: file.sha256, size: file.size }),
            ],
          };
        },
      );
      await ctx.attachments.place(file);
      placed = true;
      return { id: fileId, filename, sha256: file.sha256, size: file.size };
    });
  } catch (e) {
    if (placed) await ctx.attachments.remove(file.storageKey);
    throw e;
  } finally {
    await ctx.attachments.discard(file);
  }
}
