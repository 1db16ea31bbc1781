import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import type { Trx } from '../audit/event-log.ts';
import { clearLetterTargets, writeLetterTargets } from '../analytics/scorecard-settings.ts';
import { localDateOf } from '../calendar/zoned.ts';
import { AppError, fieldError, forbidden } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { unitStaff } from '../inbox/recipients.ts';
import {
  AmendLetterInput,
  CreateLetterInput,
  IssueLetterInput,
  LetterCommentInput,
  LetterReasonInput,
  SignLetterInput,
} from '../shared/assessment.schema.ts';
import { caseEvent } from '../shared/case-events.ts';
import type { CaseActor } from '../workflow/actor.ts';
import { canDraftLetter, mayReceiveLetter } from '../workflow/case-policy.ts';
import { openCase, staffOpenerOf } from '../workflow/case.repository.ts';
import { runWorkflowCommand } from '../workflow/run-workflow-command.ts';
import { LETTER_BINDING, type LockedLetter } from './letter.binding.ts';
import { checkLetterTargets, type CheckedTarget } from './letter-targets.ts';

type Staff = CaseActor & { kind: 'staff' };

/** Who in the unit signs a letter and is told of it. */
const HEADS = ['unit_head', 'leader'] as const;

/** The standard duties of a letter (信访工作条例 §7, §28–§30), when the bureau writes none of its own. */
export const STANDARD_LETTER_BODY =
  '为贯彻落实《信访工作条例》，压实信访工作责任，依法及时就地解决群众合理诉求，经研究，签订本责任书。' +
  '责任单位主要负责人为本单位信访工作第一责任人，对本单位信访工作负总责；' +
  '责任单位应当依法受理、按期办理职责范围内的信访事项，做到件件有着落、事事有回音，' +
  '并接受信访工作机构的督查督办。考核指标以信访信息系统登记的记录计算，不以信访人数或来访批次作为考核指标。';

const letterEvent = (revision: number, targets: readonly CheckedTarget[]) => ({
  revision,
  targets: targets.map((t) => ({ indicator: t.indicator, target: t.target })),
});

/**
 * The bureau drafts a unit's letter for a year: its text, its targets, who signs for the bureau.
 * One letter in force per unit and year (a second is a 409); the unit must be in the bureau's region.
 */
export async function createLetter(ctx: AppContext, actor: Staff, body: unknown) {
  const input = parseOrThrow(CreateLetterInput, body);
  if (!canDraftLetter(actor.user))
    throw forbidden(
      '只有信访部门（或党委政府）的督查人员可以起草责任书',
      'Only a supervisor of a petition bureau or a government may draft a responsibility letter',
    );
  const targets = checkLetterTargets(input.targets);
  return withTransaction(ctx, async (tx) => {
    const unit = await tx.db
      .selectFrom('units')
      .select(['id', 'name', 'region_code', 'active'])
      .where('id', '=', input.unitId)
      .executeTakeFirst();
    if (!unit || !mayReceiveLetter(actor.user.unit, { ...unit, regionCode: unit.region_code }))
      throw fieldError(
        'unitId',
        '责任单位应为本地区内的其他在用单位',
        'the unit must be another active unit of your region',
      );
    const existing = await tx.db
      .selectFrom('responsibility_letters')
      .select('case_id')
      .where('target_unit_id', '=', unit.id)
      .where('year', '=', input.year)
      .where('in_force', '=', true)
      .executeTakeFirst();
    if (existing)
      throw new AppError(
        'conflict',
        `「${unit.name}」${input.year}年度已有责任书，请修订该责任书或先将其撤回`,
        `${unit.name} already has a letter for ${input.year}: amend it, or withdraw it first`,
        [],
        { letterId: existing.case_id },
      );
    const title = input.title ?? `${input.year}年度信访工作目标责任书`;
    const text = input.body ?? STANDARD_LETTER_BODY;
    const at = tx.clock();
    return openCase(
      tx,
      actor,
      {
        type: 'responsibility_letter',
        state: 'draft',
        matterId: null,
        regionCode: actor.user.unit.regionCode,
      },
      async (caseId) => {
        await tx.db
          .insertInto('responsibility_letters')
          .values({
            case_id: caseId,
            target_unit_id: unit.id,
            year: input.year,
            title,
            doc_number: input.docNumber ?? null,
            bureau_signatory_name: input.bureauSignatory.name,
            bureau_signatory_title: input.bureauSignatory.title,
          })
          .execute();
        await tx.db
          .insertInto('letter_revisions')
          .values({
            case_id: caseId,
            revision: 1,
            body: text,
            targets: JSON.stringify(targets),
            reason: null,
            created_by: actor.user.id,
            created_at: at,
          })
          .execute();
        return {
          events: [
            caseEvent('letter_drafted', {
              unitId: unit.id,
              year: input.year,
              title,
              ...letterEvent(1, targets),
            }),
          ],
        };
      },
    );
  });
}

/** The letter's targets become the unit's targets of its year (the scorecard reads them there). */
const writeThrough = (
  trx: Trx,
  c: LockedLetter,
  targets: readonly CheckedTarget[],
  by: { id: number; at: Date },
) =>
  writeLetterTargets(
    trx,
    {
      caseId: c.row.id,
      unitId: c.extra.letter.target_unit_id,
      year: c.extra.letter.year,
      by: by.id,
      at: by.at,
    },
    targets,
  );

/** The bureau issues the draft to the unit: its targets become the unit's; the unit's head is told. */
export async function issueLetter(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(IssueLetterInput, body ?? {});
  return runWorkflowCommand(ctx, LETTER_BINDING, actor, caseId, 'issue', async ({ trx, now, locked }) => {
    await trx
      .updateTable('responsibility_letters')
      .set({ issued_at: now })
      .where('case_id', '=', caseId)
      .execute();
    await writeThrough(trx, locked, locked.extra.targets, { id: actor.user.id, at: now });
    const unitId = locked.extra.letter.target_unit_id;
    return {
      events: [
        caseEvent('letter_issued', {
          note: input.note ?? null,
          ...letterEvent(locked.extra.letter.current_revision, locked.extra.targets),
        }),
      ],
      notify: [
        {
          kind: 'letter_issued',
          userIds: await unitStaff(trx, [unitId], HEADS),
          matterId: null,
          caseId,
          payload: { year: locked.extra.letter.year, targets: locked.extra.targets.length },
        },
      ],
    };
  });
}

/**
 * The letter is signed: the date and who signed for the unit (its head), beside who signs for the
 * bureau. Not before the day it was issued, nor in the future.
 */
export async function signLetter(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(SignLetterInput, body);
  return runWorkflowCommand(ctx, LETTER_BINDING, actor, caseId, 'sign', async ({ trx, now, locked }) => {
    const issuedOn = localDateOf(locked.extra.letter.issued_at ?? now);
    if (input.signedOn > localDateOf(now) || input.signedOn < issuedOn)
      throw fieldError(
        'signedOn',
        `签订日期应在下达日期（${issuedOn}）至今天之间`,
        `the signing date must lie between the issue date (${issuedOn}) and today`,
      );
    await trx
      .updateTable('responsibility_letters')
      .set({
        signed_on: input.signedOn,
        unit_signatory_name: input.unitSignatory.name,
        unit_signatory_title: input.unitSignatory.title,
        signed_recorded_by: actor.user.id,
      })
      .where('case_id', '=', caseId)
      .execute();
    const l = locked.extra.letter;
    const supervisors = await unitStaff(trx, [locked.row.unit_id], ['supervisor']);
    return {
      events: [
        caseEvent('letter_signed', {
          signedOn: input.signedOn,
          unitSignatory: input.unitSignatory,
          bureauSignatory: { name: l.bureau_signatory_name, title: l.bureau_signatory_title },
        }),
      ],
      notify: [
        {
          kind: 'letter_signed',
          userIds: [staffOpenerOf(locked.row), ...supervisors].filter((u) => u !== actor.user.id),
          matterId: null,
          caseId,
          payload: { year: l.year, signedOn: input.signedOn },
        },
      ],
    };
  });
}

/**
 * A change to the letter's text or targets: a new revision with its reason, never an edit of the
 * old one. Once issued, the new targets replace the unit's at once and the unit is told.
 */
export async function amendLetter(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(AmendLetterInput, body);
  if (input.body === undefined && input.targets === undefined)
    throw fieldError('targets', '请修改正文或目标', 'change the text or the targets');
  const checked = input.targets ? checkLetterTargets(input.targets) : null;
  return runWorkflowCommand(ctx, LETTER_BINDING, actor, caseId, 'amend', async ({ trx, now, locked }) => {
    const revision = locked.extra.letter.current_revision + 1;
    const targets = checked ?? locked.extra.targets;
    await trx
      .insertInto('letter_revisions')
      .values({
        case_id: caseId,
        revision,
        body: input.body ?? locked.extra.body,
        targets: JSON.stringify(targets),
        reason: input.reason,
        created_by: actor.user.id,
        created_at: now,
      })
      .execute();
    await trx
      .updateTable('responsibility_letters')
      .set({ current_revision: revision })
      .where('case_id', '=', caseId)
      .execute();
    const inForce = locked.row.state !== 'draft';
    if (inForce) await writeThrough(trx, locked, targets, { id: actor.user.id, at: now });
    return {
      events: [caseEvent('letter_amended', { reason: input.reason, ...letterEvent(revision, targets) })],
      notify: inForce
        ? [
            {
              kind: 'letter_amended',
              userIds: await unitStaff(trx, [locked.extra.letter.target_unit_id], HEADS),
              matterId: null,
              caseId,
              payload: { year: locked.extra.letter.year, revision },
            },
          ]
        : [],
    };
  });
}

/**
 * A letter not yet signed is withdrawn: its targets are no longer the unit's, and a new one may be
 * drafted for the unit and year.
 */
export async function withdrawLetter(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(LetterReasonInput, body);
  return runWorkflowCommand(ctx, LETTER_BINDING, actor, caseId, 'withdraw', async ({ trx }) => {
    await trx
      .updateTable('responsibility_letters')
      .set({ in_force: false })
      .where('case_id', '=', caseId)
      .execute();
    await clearLetterTargets(trx, caseId);
    return { events: [caseEvent('letter_withdrawn', { reason: input.reason })] };
  });
}

export async function commentOnLetter(ctx: AppContext, actor: Staff, caseId: number, body: unknown) {
  const input = parseOrThrow(LetterCommentInput, body);
  return runWorkflowCommand(ctx, LETTER_BINDING, actor, caseId, 'comment', async () => ({
    events: [caseEvent('letter_comment', { comment: input.comment })],
  }));
}
