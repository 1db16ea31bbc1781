import { beforeAll, expect, it } from 'vitest';
import { loadStaffUser } from '../../src/auth/sessions.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { listMeetingBodies } from '../../src/meetings/meeting-body.queries.ts';
import { getMeeting, listAssignments, listMeetings } from '../../src/meetings/meeting.queries.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('the demo’s joint meeting', (env) => {
  let problems: string[] = [];
  beforeAll(async () => {
    problems = (await loadDemo(env().ctx, { size: 'small' })).problems;
  });

  it('has the body with two working groups and two meetings: one closed, one with an overdue item', async () => {
    const { ctx } = env();
    expect(problems.filter((p) => p.includes('meeting'))).toEqual([]);
    const user = async (username: string) => {
      const row = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      return (await loadStaffUser(ctx, row.id))!;
    };
    const supervisor = await user('supervisor');
    const { items } = await listMeetingBodies(ctx, supervisor);
    expect(items).toHaveLength(1);
    expect(items[0]!.groups).toHaveLength(2);
    expect(items[0]!.members.length).toBeGreaterThanOrEqual(6);
    const meetings = (await listMeetings(ctx, supervisor, {})).items;
    expect(meetings.map((m) => m.state)).toEqual(['held', 'closed']);
    expect(meetings[0]).toMatchObject({ openAssignments: 1, overdueAssignments: 1 });
    const closed = await getMeeting(ctx, supervisor, meetings[1]!.id);
    expect(closed.assignments.map((a) => a.state)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(closed.decisions.length).toBe(3);
    const labour = await listAssignments(ctx, await user('labour'), { view: 'toMyUnit' });
    expect(labour.counts.overdue).toBe(1);
  });
});
