import type { Kysely } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import type { Database } from '../db/schema.ts';
import { AppError, fieldError } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { OnlineFollowUpInput } from '../shared/follow-up.schema.ts';
import { hasReply, openFollowUp } from './follow-up.ts';

/**
 * 网上回访: the petitioner answers the follow-up questionnaire on the portal, after the reply and
 * once per matter. They were reached by definition; "not solved" flags it for the supervisors of
 * the scope exactly as a follow-up staff record. The unit that answers for it is the one that
 * handled the matter (the registering unit when none did).
 */
export async function answerOnlineFollowUp(ctx: AppContext, matterId: number, body: unknown) {
  const input = parseOrThrow(OnlineFollowUpInput, body);
  return withTransaction(ctx, async (tx) => {
    // The matter's row lock makes two answers sent at once one answer and one refusal.
    const matter = await tx.db
      .selectFrom('matters')
      .select(['id', 'region_code', 'case_number', 'lead_unit_id', 'registering_unit_id'])
      .where('id', '=', matterId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!(await hasReply(tx.db, matterId)))
      throw fieldError(
        'caseNumber',
        '事项尚未出具处理意见，回访在答复之后进行',
        'a follow-up comes after the reply',
      );
    if (await petitionerAnswer(tx.db, matterId))
      throw new AppError(
        'conflict',
        '您已提交过网上回访，每件信访事项只能提交一次',
        'You have already answered the follow-up questionnaire; it can be answered once per matter',
      );
    await openFollowUp(
      tx,
      { kind: 'petitioner', unitId: matter.lead_unit_id ?? matter.registering_unit_id },
      matter,
      { method: 'online', reached: true, solved: input.solved, opinion: input.opinion ?? null },
    );
    return (await petitionerAnswer(tx.db, matterId))!;
  });
}

/**
 * The questionnaire as the portal shows it: open once the matter has its reply, until the
 * petitioner answers; then their answer (never what staff recorded).
 */
export async function onlineFollowUpOf(db: Kysely<Database>, matterId: number) {
  const answer = await petitionerAnswer(db, matterId);
  return {
    canFollowUp: !answer && (await hasReply(db, matterId)),
    followUp: answer,
  };
}

/** Only the petitioner's own follow-up has no staff opener (migration 0035). */
async function petitionerAnswer(db: Kysely<Database>, matterId: number) {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('follow_ups as f', 'f.case_id', 'c.id')
    .select(['c.opened_at', 'f.solved', 'f.opinion'])
    .where('c.type', '=', 'follow_up')
    .where('c.matter_id', '=', matterId)
    .where('c.opened_by', 'is', null)
    .executeTakeFirst();
  // The petitioner was reached, so the answer always says whether it was solved.
  if (!row?.solved) return null;
  return { solved: row.solved, opinion: row.opinion, answeredAt: row.opened_at };
}
