import { describe, expect, it } from 'vitest';
import { INSTRUCTION_WORKFLOW } from '../leadership/instruction.workflow.ts';
import { MATTER_WORKFLOW } from '../lifecycle/state-machine.ts';
import { allowedCommands, defineWorkflow, transitionOf } from './workflow.ts';

describe('the workflow kernel', () => {
  it('refuses a table whose command leads to a state it does not have', () => {
    expect(() =>
      defineWorkflow<'a' | 'b', 'go'>({
        type: 't',
        transitions: { a: { go: 'c' as 'b' }, b: {} },
        terminal: ['b'],
      }),
    ).toThrow(/no such state/);
  });

  it('refuses an action that would change the state', () => {
    expect(() =>
      defineWorkflow<'a' | 'b', 'go' | 'note'>({
        type: 't',
        transitions: { a: { note: 'b' }, b: {} },
        actions: { commands: ['note'] },
        terminal: ['b'],
      }),
    ).toThrow(/action/);
  });

  it('allows an action in every state but the excepted ones, keeping the state', () => {
    const wf = defineWorkflow<'open' | 'done' | 'void', 'finish' | 'note'>({
      type: 't',
      transitions: { open: { finish: 'done' }, done: {}, void: {} },
      actions: { commands: ['note'], except: ['void'] },
      terminal: ['done', 'void'],
    });
    expect(transitionOf(wf, 'done', 'note')).toEqual({ ok: true, targets: ['done'] });
    expect(transitionOf(wf, 'void', 'note')).toEqual({ ok: false, allowed: [] });
    expect(allowedCommands(wf, 'open')).toEqual(['finish', 'note']);
  });

  it('offers several targets where the handler chooses (the last answer completes an instruction)', () => {
    expect(transitionOf(INSTRUCTION_WORKFLOW, 'open', 'answer')).toEqual({
      ok: true,
      targets: ['open', 'answered'],
    });
    expect(transitionOf(INSTRUCTION_WORKFLOW, 'answered', 'answer')).toEqual({
      ok: false,
      allowed: ['close', 'comment'],
    });
    for (const s of INSTRUCTION_WORKFLOW.terminal)
      expect(allowedCommands(INSTRUCTION_WORKFLOW, s)).toEqual(['comment']);
  });

  it('runs the matter lifecycle as one of its workflows: a note in every state, nothing else after the end', () => {
    for (const s of MATTER_WORKFLOW.terminal)
      expect(allowedCommands(MATTER_WORKFLOW, s)).toEqual(['add_note']);
    expect(transitionOf(MATTER_WORKFLOW, 'registered', 'accept')).toEqual({
      ok: true,
      targets: ['accepted'],
    });
  });
});
