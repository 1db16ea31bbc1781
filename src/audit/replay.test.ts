import { describe, expect, it } from 'vitest';
import { sha256Hex } from './event-record.ts';
import { replayMatter, type ReplayDeadline, type ReplayEvent, type ReplayInput } from './replay.ts';

const at = new Date('2026-03-02T01:00:00Z');
const later = new Date('2026-03-03T01:00:00Z');

const registered = (record = true): ReplayEvent => ({
  seq: 1,
  kind: 'registered',
  at,
  actor_id: 1,
  payload: record
    ? {
        record: {
          matter: { state: 'registered', version: 1, head_count: 1 },
          digests: { subject: sha256Hex('电梯故障'), content: sha256Hex('电梯停运三个月') },
          deadlines: {
            opened: [
              {
                id: null,
                kind: 'acceptance',
                main: true,
                dueAt: '2026-03-17T15:59:59.999Z',
                dueDate: '2026-03-17',
              },
            ],
            closed: [],
          },
        },
      }
    : { headCount: 1 },
});

const acceptance: ReplayDeadline = {
  id: 7,
  kind: 'acceptance',
  main: true,
  status: 'open',
  due_at: new Date('2026-03-17T15:59:59.999Z'),
  due_date: '2026-03-17',
};

const input = (over: Partial<ReplayInput> = {}): ReplayInput => ({
  matter: {
    id: 1,
    state: 'registered',
    version: 1,
    head_count: 1,
    registered_at: at,
    subject_sha256: sha256Hex('电梯故障'),
    content_sha256: sha256Hex('电梯停运三个月'),
  },
  events: [registered()],
  deadlines: [acceptance],
  decisions: [],
  ratings: [],
  now: later,
  ...over,
});

describe('replaying a matter against its rows', () => {
  it('finds nothing when the rows are what the events say', () => {
    expect(replayMatter(input())).toEqual([]);
  });

  it('names the table, row, column, expected and found value of each difference', () => {
    const diffs = replayMatter(
      input({
        matter: { ...input().matter, head_count: 3, content_sha256: sha256Hex('已解决') },
        deadlines: [{ ...acceptance, due_date: '2026-04-30' }],
      }),
    );
    expect(diffs).toEqual([
      { matterId: 1, table: 'matters', id: 1, column: 'head_count', expected: 1, found: 3 },
      expect.objectContaining({ table: 'matters', column: 'content' }),
      {
        matterId: 1,
        table: 'deadlines',
        id: 7,
        column: 'due_date',
        expected: '2026-03-17',
        found: '2026-04-30',
      },
    ]);
  });

  it('compares a matter whose events predate records on its state only', () => {
    const legacy = input({ events: [registered(false)], deadlines: [] });
    expect(replayMatter({ ...legacy, matter: { ...legacy.matter, head_count: 3 } })).toEqual([]);
    expect(replayMatter({ ...legacy, matter: { ...legacy.matter, state: 'closed' } })).toEqual([
      { matterId: 1, table: 'matters', id: 1, column: 'state', expected: 'registered', found: 'closed' },
    ]);
  });

  it('takes an objection window past due as lapsed by the scanner, but no open limit of a duty', () => {
    const objection = {
      id: 9,
      kind: 'objection',
      main: false,
      dueAt: '2026-03-02T15:59:59.999Z',
      dueDate: '2026-03-02',
    };
    const events: ReplayEvent[] = [
      registered(),
      {
        seq: 2,
        kind: 'note',
        at,
        actor_id: 1,
        payload: { record: { deadlines: { opened: [objection], closed: [] } } },
      },
    ];
    const row: ReplayDeadline = {
      id: 9,
      kind: 'objection',
      main: false,
      status: 'lapsed',
      due_at: new Date(objection.dueAt),
      due_date: objection.dueDate,
    };
    expect(replayMatter(input({ events, deadlines: [acceptance, row] }))).toEqual([]);
    expect(
      replayMatter(input({ events, deadlines: [{ ...acceptance, status: 'lapsed' }, row] })).map(
        (d) => d.column,
      ),
    ).toEqual(['status']);
  });
});
