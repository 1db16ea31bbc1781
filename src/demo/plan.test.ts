import { describe, expect, it } from 'vitest';
import { CHANNELS, MATTER_STATES } from '../shared/enums.ts';
import { createRng } from '../text/random.ts';
import { HANDLED_STATES, planMatters } from './plan.ts';

describe('demo plan', () => {
  const small = planMatters('small', createRng(1));
  const full = planMatters('full', createRng(1));

  it('covers every state and channel in the small demo, with the side paths', () => {
    expect(small.length).toBeGreaterThanOrEqual(38);
    expect(small.length).toBeLessThanOrEqual(50);
    // 'suspended' is applied after the plan, at the real now (loadDemo), so the plan does not hold it.
    for (const state of MATTER_STATES.filter((s) => s !== 'suspended'))
      expect(
        small.some((s) => s.final === state),
        state,
      ).toBe(true);
    for (const channel of CHANNELS)
      expect(
        small.some((s) => s.channel === channel),
        channel,
      ).toBe(true);
    expect(small.filter((s) => s.collective).length).toBeGreaterThanOrEqual(2);
    expect(small.filter((s) => s.topic === 'misconduct').length).toBeGreaterThanOrEqual(3);
    // A hot issue within the default 30 days of the hot-issues page, whatever the date.
    expect(
      small.filter((s) => s.topic === 'neighbourhood_issue' && s.final === 'registered' && s.age === 'recent')
        .length,
    ).toBeGreaterThanOrEqual(3);
    expect(new Set(small.filter((s) => s.repeat).map((s) => s.repeat?.mode))).toEqual(
      new Set(['merge', 'after_end', 'higher_level']),
    );
    expect(small.some((s) => s.objectFirst)).toBe(true);
    expect(small.some((s) => s.extend)).toBe(true);
    expect(small.some((s) => s.age === 'warning')).toBe(true);
    expect(small.some((s) => s.age === 'overdue')).toBe(true);
  });

  it('makes 400 consistent specs for the full demo', () => {
    expect(full).toHaveLength(400);
    full.forEach((s, i) => {
      expect(s.key).toBe(i);
      if (s.repeat) expect(s.repeat.of).toBeLessThan(s.key);
      if (s.collective) expect(s.channel).toBe('visit');
      if (HANDLED_STATES.includes(s.final))
        expect(['housing', 'labour', 'street', 'discipline']).toContain(s.handler);
      if (s.topic === 'misconduct' && s.handler) expect(s.handler).toBe('discipline');
      if (s.registrar === 'street') expect(s.place).toBe('nanshan_street');
      if (s.handler === 'street') expect(s.place).toBe('nanshan_street');
      if (s.final === 'not_accepted') expect(s.notAccept).not.toBeNull();
      if (s.channel === 'screening') expect(s.registrar).toBe('street');
      if (s.channel === 'web') expect(s.registrar).toBe('web');
    });
  });

  it('is reproducible from its seed', () => {
    expect(planMatters('full', createRng(1))).toEqual(full);
  });
});
