import type { AppContext } from '../app/context.ts';
import { appendEvents, SYSTEM_ACTOR, type Actor } from '../audit/event-log.ts';
import { AppError } from '../errors/app-error.ts';
import { withTransaction } from '../app/transaction.ts';

/**
 * Failed logins are counted per account name as well as per client address: rotating addresses
 * (or a forged X-Forwarded-For) escapes a per-address limit, a per-account count does not.
 * Unknown names are counted exactly like real ones, so neither the delay nor the lock tells an
 * attacker whether an account exists.
 */
export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
}

export interface ThrottlePolicy {
  /** Failures that lock the account. */
  maxFailures: number;
  /** How long a lock lasts, and how long a failure is remembered. */
  lockMs: number;
}

export type Admission =
  | { admitted: true; next: ThrottleState; locksIfWrong: boolean }
  | { admitted: false; locked: boolean; retryAfterMs: number };

/**
 * Wait before the attempt that follows the given number of failures: none for the first two typing
 * mistakes, then 1 s, 2 s, 4 s … up to 30 s.
 */
export function delayAfter(failures: number): number {
  return failures < 3 ? 0 : Math.min(1000 * 2 ** (failures - 3), 30_000);
}

/**
 * Decides whether a login attempt may reach the password check. An admitted attempt is counted as
 * a failure before the password is checked (a success clears the count), so attempts sent in
 * parallel cannot all slip through before the first failure is recorded.
 */
export function admitAttempt(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): Admission {
  const t = now.getTime();
  let failures = state?.failures ?? 0;
  if (state?.lockedUntil) {
    if (t < state.lockedUntil.getTime())
      return { admitted: false, locked: true, retryAfterMs: state.lockedUntil.getTime() - t };
    failures = 0; // the lock has been served
  } else if (state && t - state.lastFailureAt.getTime() >= policy.lockMs) {
    failures = 0; // old failures lapse
  } else if (state && t < state.nextAttemptAt.getTime()) {
    return { admitted: false, locked: false, retryAfterMs: state.nextAttemptAt.getTime() - t };
  }
  const n = failures + 1;
  const locksIfWrong = n >= policy.maxFailures;
  return {
    admitted: true,
    locksIfWrong,
    next: {
      failures: n,
      lastFailureAt: now,
      nextAttemptAt: new Date(t + delayAfter(n)),
      lockedUntil: locksIfWrong ? new Date(t + policy.lockMs) : null,
    },
  };
}

const policyOf = (ctx: AppContext): ThrottlePolicy => ({
  maxFailures: ctx.config.loginMaxFailures,
  lockMs: ctx.config.loginLockMinutes * 60_000,
});

function refusal(a: { locked: boolean; retryAfterMs: number }): AppError {
  const seconds = Math.max(1, Math.ceil(a.retryAfterMs / 1000));
  const details = { retryAfterSeconds: seconds };
  if (!a.locked)
    return new AppError(
      'rate_limited',
      `登录失败次数过多，请${seconds}秒后再试`,
      `Too many failed sign-ins; try again in ${seconds} s`,
      [],
      details,
    );
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'rate_limited',
    `登录失败次数过多，该账户已暂时锁定，请约${minutes}分钟后再试，或请管理员解锁`,
    `Too many failed sign-ins: the account is locked for about ${minutes} min; try later or ask an administrator to unlock it`,
    [],
    details,
  );
}

/**
 * Admits one login attempt for the (lower-cased) name or throws `rate_limited` with the seconds to
 * wait. Call before the password is checked.
 */
export async function admitLogin(ctx: AppContext, username: string): Promise<{ locksIfWrong: boolean }> {
  const now = ctx.clock();
  const policy = policyOf(ctx);
  const admission = await withTransaction(ctx, async ({ db: trx }) => {
    const inserted = await trx
      .insertInto('login_throttle')
      .values({ username, failures: 0, last_failure_at: now, next_attempt_at: now })
      .onConflict((oc) => oc.column('username').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) {
      // A new name: forget the names whose failures have lapsed, so guessed names do not pile up.
      const cutoff = new Date(now.getTime() - policy.lockMs);
      await trx
        .deleteFrom('login_throttle')
        .where('last_failure_at', '<', cutoff)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .execute();
    }
    const row = await trx
      .selectFrom('login_throttle')
      .selectAll()
      .where('username', '=', username)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const a = admitAttempt(
      row.failures === 0
        ? null
        : {
            failures: row.failures,
            lastFailureAt: row.last_failure_at,
            nextAttemptAt: row.next_attempt_at,
            lockedUntil: row.locked_until,
          },
      now,
      policy,
    );
    if (a.admitted)
      await trx
        .updateTable('login_throttle')
        .set({
          failures: a.next.failures,
          last_failure_at: a.next.lastFailureAt,
          next_attempt_at: a.next.nextAttemptAt,
          locked_until: a.next.lockedUntil,
        })
        .where('username', '=', username)
        .execute();
    return a;
  });
  if (!admission.admitted) throw refusal(admission);
  return { locksIfWrong: admission.locksIfWrong };
}

/**
 * After a wrong password: if this failure locked the account, the administrators are told through
 * an event in the system stream (the lock itself was written when the attempt was admitted).
 */
export async function recordLoginFailure(
  ctx: AppContext,
  username: string,
  userId: number | null,
  admission: { locksIfWrong: boolean },
): Promise<void> {
  if (!admission.locksIfWrong) return;
  const now = ctx.clock();
  await withTransaction(ctx, async ({ db: trx }) => {
    const row = await trx
      .selectFrom('login_throttle')
      .select(['failures', 'locked_until'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (!row?.locked_until) return; // a correct password in parallel cleared it
    await appendEvents(trx, { stream: 'system', matterId: null }, SYSTEM_ACTOR, [
      {
        kind: 'login_locked',
        at: now,
        payload: {
          username,
          userId,
          failures: row.failures,
          lockedUntil: row.locked_until.toISOString(),
        },
      },
    ]);
  });
}

/** A successful login clears the account's failures (call inside the session's transaction). */
export async function clearLoginFailures(db: AppContext['db'], username: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username', '=', username).execute();
}

export interface LoginLock {
  username: string;
  userId: number | null;
  displayName: string | null;
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date;
}

/** The accounts locked now, for the administrators; names with no account are listed too. */
export async function listLoginLocks(ctx: AppContext): Promise<LoginLock[]> {
  const rows = await ctx.db
    .selectFrom('login_throttle as t')
    .leftJoin('users as u', 'u.username', 't.username')
    .select([
      't.username',
      'u.id as userId',
      'u.display_name as displayName',
      't.failures',
      't.last_failure_at as lastFailureAt',
      't.locked_until as lockedUntil',
    ])
    .where('t.locked_until', '>', ctx.clock())
    .orderBy('t.locked_until', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...r, lockedUntil: r.lockedUntil! }));
}

/** An administrator lifts a lock before it expires; audited in the system stream. */
export async function unlockLogin(ctx: AppContext, actor: Actor, username: string): Promise<void> {
  const name = username.toLowerCase();
  const now = ctx.clock();
  await withTransaction(ctx, async ({ db: trx }) => {
    const removed = await trx
      .deleteFrom('login_throttle')
      .where('username', '=', name)
      .where('locked_until', '>', now)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0)
      throw new AppError('not_found', '该账户当前未被锁定', 'This account is not locked', [
        { path: 'username', message_zh: '该账户当前未被锁定', message_en: 'not locked' },
      ]);
    await appendEvents(trx, { stream: 'system', matterId: null }, actor, [
      { kind: 'login_unlocked', at: now, payload: { username: name } },
    ]);
  });
}
