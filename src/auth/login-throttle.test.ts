import { describe, expect, it } from 'vitest';
import { admitAttempt, delayAfter, type ThrottleState } from './login-throttle.ts';

const policy = { maxFailures: 5, lockMs: 15 * 60_000 };
const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, s));

/** Runs attempts at the given seconds; each admitted attempt is a failure (the state it leaves). */
function run(seconds: number[]) {
  let state: ThrottleState | null = null;
  return seconds.map((s) => {
    const a = admitAttempt(state, at(s), policy);
    if (a.admitted) state = a.next;
    return a;
  });
}

describe('login throttle', () => {
  it('grows the delay after the second failure, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(delayAfter)).toEqual([0, 0, 1000, 2000, 4000, 8000, 30_000]);
  });

  it('refuses an attempt made before the delay is over, without counting it', () => {
    const r = run([0, 1, 2, 2, 3]);
    expect(r.map((a) => a.admitted)).toEqual([true, true, true, false, true]);
    expect(r[3]).toMatchObject({ locked: false, retryAfterMs: 1000 });
    expect(r[4]).toMatchObject({ next: { failures: 4 } });
  });

  it('locks at the Nth failure for the lock period, then starts afresh', () => {
    const r = run([0, 1, 2, 4, 10, 20, 10 + 15 * 60 - 1, 10 + 15 * 60]);
    expect(r[4]).toMatchObject({ admitted: true, locksIfWrong: true });
    expect(r[5]).toMatchObject({ admitted: false, locked: true, retryAfterMs: 890_000 });
    expect(r[6]).toMatchObject({ admitted: false, locked: true, retryAfterMs: 1000 });
    expect(r[7]).toMatchObject({ admitted: true, next: { failures: 1, lockedUntil: null } });
  });

  it('forgets failures older than the lock period', () => {
    const r = run([0, 1, 2, 2 + 15 * 60]);
    expect(r[3]).toMatchObject({ admitted: true, next: { failures: 1 } });
  });
});
