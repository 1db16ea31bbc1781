import { describe, expect, it } from 'vitest';
import { createCalendar, localDateOf, startOfLocalDay } from '../calendar/index.ts';
import type { TimeLimit } from '../deadlines/calendar-provider.ts';
import { planDeadline } from '../deadlines/plan.ts';
import { createRng } from '../text/random.ts';
import { planMatters } from './plan.ts';
import { officeTime, planTimeline, type RepeatNeed, type Timeline } from './timeline.ts';

// The defaults of migrations/0003 (time_limits).
const limit = (
  kind: string,
  amount: number,
  unit: TimeLimit['unit'] = 'days',
  warn = 3,
): [string, TimeLimit] => [
  kind,
  {
    kind,
    amount,
    unit,
    roll_forward: true,
    warn_amount: warn,
    warn_unit: 'working_days',
    description_zh: '',
    description_en: '',
    updated_at: new Date(0),
  },
];
const limits = new Map<string, TimeLimit>([
  limit('acceptance', 15),
  limit('handling', 60),
  limit('handling_suggestion', 60),
  limit('handling_accusation', 90),
  limit('extension_max', 30, 'days', 0),
  limit('objection', 5, 'working_days', 1),
  limit('review_request', 30, 'days', 0),
  limit('review_decision', 30),
  limit('recheck_request', 30, 'days', 0),
  limit('recheck_decision', 30),
]);
const calendar = createCalendar();
const HOUR = 3_600_000;

function planAll(size: 'small' | 'full', now: Date) {
  const rng = createRng(9);
  const specs = planMatters(size, rng);
  const needs = new Map<number, RepeatNeed[]>();
  for (const s of specs)
    if (s.repeat) needs.set(s.repeat.of, [...(needs.get(s.repeat.of) ?? []), s.repeat.mode]);
  const timelines = new Map<number, Timeline>();
  for (const s of specs) {
    const t = planTimeline(
      s,
      { calendar, limits, now },
      rng,
      s.repeat ? timelines.get(s.repeat.of) : undefined,
      needs.get(s.key),
    );
    if (t) timelines.set(s.key, t);
  }
  return { specs, timelines };
}

describe('demo timelines', () => {
  it('moves a staff step into office hours on a working day', () => {
    // Saturday 2026-03-07, 20:00 Beijing time → Monday 03-09 from 09:00.
    const moved = officeTime(new Date('2026-03-07T12:00:00Z'), calendar, 0);
    expect(moved.toISOString()).toBe('2026-03-09T01:00:00.000Z');
    const inHours = new Date('2026-03-09T03:00:00Z');
    expect(officeTime(inHours, calendar, 0.5)).toBe(inHours);
  });

  // Just after the 2026 Spring Festival holiday (02-15 to 02-23), the hardest time to place steps.
  for (const iso of ['2026-03-02T01:00:00Z', '2026-02-23T07:30:00Z', '2026-10-09T03:00:00Z']) {
    it(`places every small-demo matter lawfully before ${iso}`, () => {
      const now = new Date(iso);
      const { specs, timelines } = planAll('small', now);
      expect(timelines.size).toBe(specs.length);
      for (const [key, t] of timelines) {
        const spec = specs[key]!;
        let prev = 0;
        for (const step of t.steps) {
          expect(step.at.getTime()).toBeGreaterThan(prev);
          expect(step.at.getTime()).toBeLessThan(now.getTime());
          prev = step.at.getTime();
          const date = localDateOf(step.at);
          const local = step.at.getTime() - startOfLocalDay(date).getTime();
          if (step.actor === 'petitioner') {
            expect(local).toBeGreaterThanOrEqual(7 * HOUR);
            expect(local).toBeLessThanOrEqual(23.5 * HOUR);
          } else {
            expect(calendar.isWorkingDay(date), `${key} ${step.kind} on ${date}`).toBe(true);
            expect(local).toBeGreaterThanOrEqual(9 * HOUR);
            expect(local).toBeLessThanOrEqual(16 * HOUR);
          }
        }
        const reply = t.steps.find((s) => s.kind === 'reply');
        const ask = t.steps.find((s) => s.kind === 'request_review');
        if (reply && ask)
          expect(ask.at <= planDeadline(calendar, limits.get('review_request')!, reply.at).dueAt).toBe(true);
        const close = t.steps.find((s) => s.kind === 'close');
        if (close && reply && !spec.viaReview)
          expect(close.at > planDeadline(calendar, limits.get('review_request')!, reply.at).dueAt).toBe(true);
        if (spec.final === 'replied' || spec.final === 'evaluated') {
          expect(planDeadline(calendar, limits.get('review_request')!, reply!.at).dueAt > now).toBe(true);
        }
        if (spec.repeat) expect(t.steps[0]!.at > timelines.get(spec.repeat.of)!.steps[0]!.at).toBe(true);
      }
    });
  }

  it('spreads the full demo over about four months before now', () => {
    const now = new Date('2026-11-22T02:00:00Z');
    const { specs, timelines } = planAll('full', now);
    expect(timelines.size).toBe(specs.length);
    const ages = [...timelines.values()]
      .map((t) => (now.getTime() - t.receivedAt.getTime()) / 86_400_000)
      .sort((a, b) => a - b);
    expect(ages[0]!).toBeGreaterThanOrEqual(0);
    expect(ages[Math.floor(ages.length * 0.9)]!).toBeLessThan(130);
    expect(ages[ages.length - 1]!).toBeLessThan(200);
  });
});
