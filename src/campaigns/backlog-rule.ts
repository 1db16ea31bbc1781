import type { AppContext } from '../app/context.ts';
import { withTransaction } from '../app/transaction.ts';
import { appendEvents, type Actor } from '../audit/event-log.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { BacklogRuleSchema, DEFAULT_BACKLOG_RULE, type BacklogRule } from '../shared/campaign.schema.ts';

/**
 * The backlog rule (积案: open past N days or with M repeats; indicators.md's 90 and 3 by default) is
 * configuration: app_settings 'backlog_rule', read by every member of staff, changed by an
 * administrator with an event on the system stream in the same transaction, as the scorecard's
 * weights are (analytics/scorecard-settings.ts).
 */
const RULE_KEY = 'backlog_rule';

/** The rule in force: the stored one, checked against the schema, or the published default. */
export async function readBacklogRule(db: Db): Promise<BacklogRule> {
  const row = await db
    .selectFrom('app_settings')
    .select('value')
    .where('key', '=', RULE_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_BACKLOG_RULE;
  const parsed = BacklogRuleSchema.safeParse(row.value);
  // Only this module writes the key, through the same schema: a value failing it was edited by hand,
  // and a guessed rule would quietly put matters in or out of the backlog.
  if (!parsed.success)
    throw new AppError(
      'internal',
      '积案认定规则配置无效，请管理员重新保存',
      'The stored backlog rule is invalid; an administrator must save it again',
    );
  return parsed.data;
}

export async function saveBacklogRule(ctx: AppContext, actor: Actor, body: unknown): Promise<BacklogRule> {
  const input = parseOrThrow(BacklogRuleSchema, body);
  await withTransaction(ctx, async ({ db }) => {
    const before = await db
      .selectFrom('app_settings')
      .select('value')
      .where('key', '=', RULE_KEY)
      .forUpdate()
      .executeTakeFirst();
    await db
      .insertInto('app_settings')
      .values({ key: RULE_KEY, value: JSON.stringify(input) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(input) }))
      .execute();
    await appendEvents(db, { stream: 'system', matterId: null }, actor, [
      {
        kind: 'backlog_rule_changed',
        at: ctx.clock(),
        payload: { before: before?.value ?? null, after: input },
      },
    ]);
  });
  return input;
}

const DAY_MS = 86_400_000;

/** Whole calendar days since the matter was received (what "older than N days" compares). */
export const ageInDays = (receivedAt: Date, now: Date): number =>
  Math.floor((now.getTime() - receivedAt.getTime()) / DAY_MS);

/** The instant before which a matter received is past the rule's age. */
export const ageCutoff = (rule: BacklogRule, now: Date): Date =>
  new Date(now.getTime() - rule.ageDays * DAY_MS);

/** Whether a matter, open or not, is backlog under the rule (the same test as backlogCondition). */
export function isBacklog(
  m: { open: boolean; receivedAt: Date; repeats: number },
  rule: BacklogRule,
  now: Date,
): boolean {
  return m.open && (m.receivedAt < ageCutoff(rule, now) || m.repeats >= rule.minRepeats);
}
