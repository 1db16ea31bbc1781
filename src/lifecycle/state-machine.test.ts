import { describe, expect, it } from 'vitest';
import { MATTER_STATES } from '../shared/enums.ts';
import { allowedCommands, TERMINAL_STATES, transition } from './state-machine.ts';

describe('the lifecycle state machine', () => {
  it('accepts, forwards, hands down, refuses or merges only a registered matter', () => {
    for (const c of ['accept', 'forward', 'hand_down', 'not_accept', 'merge'] as const) {
      expect(transition('registered', c).ok).toBe(true);
      for (const s of MATTER_STATES.filter((x) => x !== 'registered'))
        expect(transition(s, c).ok).toBe(false);
    }
  });

  it('runs the main path to the reply and the review chain to conclusion', () => {
    const path: [Parameters<typeof transition>[0], Parameters<typeof transition>[1], string][] = [
      ['registered', 'accept', 'accepted'],
      ['accepted', 'sign_for', 'in_handling'],
      ['in_handling', 'extend', 'in_handling'],
      ['in_handling', 'reply', 'replied'],
      ['replied', 'rate', 'evaluated'],
      ['evaluated', 'request_review', 'review_requested'],
      ['review_requested', 'decide_review', 'reviewed'],
      ['reviewed', 'request_recheck', 'recheck_requested'],
      ['recheck_requested', 'decide_recheck', 'rechecked'],
      ['rechecked', 'conclude', 'concluded'],
    ];
    for (const [from, cmd, to] of path) expect(transition(from, cmd)).toEqual({ ok: true, to });
  });

  it('returns an objected matter to registration for a new decision', () => {
    for (const s of ['accepted', 'forwarded', 'handed_down'] as const)
      expect(transition(s, 'object')).toEqual({ ok: true, to: 'registered' });
    expect(transition('in_handling', 'object').ok).toBe(false);
  });

  it('says what is allowed when a command is illegal', () => {
    const r = transition('replied', 'reply');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.allowed.sort()).toEqual(['add_note', 'close', 'rate', 'request_review']);
  });

  it('lets terminal states take notes only: a registered matter is never removed', () => {
    for (const s of TERMINAL_STATES) expect(allowedCommands(s)).toEqual(['add_note']);
  });
});
