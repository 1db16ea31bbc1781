import { describe, expect, it } from 'vitest';
import * as enums from './enums.ts';
import * as labels from './labels.ts';
import { allowedCommands } from '../lifecycle/state-machine.ts';
import * as caseLabels from './case-labels.ts';
import * as leadership from './leadership.schema.ts';
import * as supervision from './supervision.schema.ts';
import { NOTIFICATION_KINDS } from './inbox.schema.ts';

/**
 * Every enumeration a user sees, with the table that labels it. The compiler already refuses a
 * table that leaves a value out (tables are `Labels<Enum>`); this checks that each label is a real
 * word in both languages, not the code again, not empty, not a snake_case leftover.
 */
/** Every command some state allows: what an action button can say. */
const COMMANDS = [...new Set(enums.MATTER_STATES.flatMap((s) => allowedCommands(s)))];

const PAIRS: [string, readonly string[], labels.Labels<string>][] = [
  ['matter states', enums.MATTER_STATES, labels.STATE_LABELS],
  ['commands', COMMANDS, labels.COMMAND_LABELS],
  ['channels', enums.CHANNELS, labels.CHANNEL_LABELS],
  ['purposes', enums.PURPOSES, labels.PURPOSE_LABELS],
  ['lodged levels', enums.LODGED_LEVELS, labels.UNIT_LEVEL_LABELS],
  ['roles', enums.ROLES, labels.ROLE_LABELS],
  ['reply outcomes', enums.REPLY_OUTCOMES, labels.OUTCOME_LABELS],
  ['review outcomes', enums.REVIEW_OUTCOMES, labels.OUTCOME_LABELS],
  ['ratings', enums.RATINGS, labels.RATING_LABELS],
  ['lawful channels', enums.LAWFUL_CHANNELS, labels.LAWFUL_CHANNEL_LABELS],
  ['not-accepted reasons', enums.NOT_ACCEPTED_REASONS, labels.NOT_ACCEPTED_REASON_LABELS],
  ['unit kinds', enums.UNIT_KINDS, labels.UNIT_KIND_LABELS],
  ['unit levels', enums.UNIT_LEVELS, labels.UNIT_LEVEL_LABELS],
  ['routing rule actions', enums.ROUTING_RULE_ACTIONS, labels.ROUTING_RULE_ACTION_LABELS],
  ['unit roles', enums.UNIT_ROLES, labels.UNIT_ROLE_LABELS],
  ['decision kinds', enums.DECISION_KINDS, labels.DECISION_KIND_LABELS],
  ['time limits', enums.TIME_LIMIT_KINDS, labels.TIME_LIMIT_LABELS],
  ['limit units', enums.LIMIT_UNITS, labels.LIMIT_UNIT_LABELS],
  ['deadline kinds', enums.DEADLINE_KINDS, labels.DEADLINE_KIND_LABELS],
  ['deadline statuses', enums.DEADLINE_STATUSES, labels.DEADLINE_STATUS_LABELS],
  ['close reasons', enums.CLOSE_REASONS, labels.CLOSE_REASON_LABELS],
  ['matter events', enums.MATTER_EVENT_KINDS, labels.EVENT_LABELS],
  ['case events', caseLabels.CASE_EVENT_KINDS, caseLabels.CASE_EVENT_LABELS],
  ['instruction states', leadership.INSTRUCTION_STATES, caseLabels.INSTRUCTION_STATE_LABELS],
  ['instruction commands', leadership.INSTRUCTION_COMMANDS, caseLabels.INSTRUCTION_COMMAND_LABELS],
  ['notifications', NOTIFICATION_KINDS, caseLabels.NOTIFICATION_KIND_LABELS],
  ['card states', supervision.CARD_STATES, caseLabels.CARD_STATE_LABELS],
  ['card commands', supervision.CARD_COMMANDS, caseLabels.CARD_COMMAND_LABELS],
  ['card levels', supervision.CARD_LEVELS, caseLabels.CARD_LEVEL_LABELS],
];

const HAN = /\p{Script=Han}/u;
const CODE_LIKE = /[a-z]+_[a-z]+/;

describe('labels of the shared enumerations', () => {
  it.each(PAIRS)(
    'every one of the %s has a Chinese and an English label that is not its code',
    (_, values, table) => {
      for (const v of values) {
        const l = (table as Partial<Record<string, labels.Label>>)[v];
        expect(l, v).toBeDefined();
        expect(l!.zh.trim(), `${v} zh`).not.toBe('');
        expect(l!.en.trim(), `${v} en`).not.toBe('');
        expect(l!.zh, `${v} zh`).not.toBe(v);
        expect(l!.en, `${v} en`).not.toBe(v);
        expect(l!.zh, `${v} zh is Chinese`).toMatch(HAN);
        expect(l!.en, `${v} en has no Chinese`).not.toMatch(HAN);
        expect(`${l!.zh} ${l!.en}`, `${v} has no snake_case code`).not.toMatch(CODE_LIKE);
      }
    },
  );

  it('labels no value that is not in its enumeration (a renamed code leaves no stale label)', () => {
    for (const [name, values, table] of PAIRS) {
      if (name.endsWith('outcomes') || name === 'lodged levels') continue; // tables shared by two enumerations
      expect(Object.keys(table).sort(), name).toEqual([...values].sort());
    }
  });

  it('shows an unknown stored value as it is instead of hiding it', () => {
    expect(labels.label(labels.STATE_LABELS, 'replied')).toEqual({ zh: '已答复', en: 'Replied' });
    expect(labels.label(labels.STATE_LABELS, 'from_the_future')).toEqual({
      zh: 'from_the_future',
      en: 'from_the_future',
    });
  });
});
