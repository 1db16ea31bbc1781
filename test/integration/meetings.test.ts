import { beforeAll, expect, it } from 'vitest';
import { verifyAuditLog } from '../../src/audit/verify.ts';
import type { StaffUser } from '../../src/auth/staff-user.ts';
import { scanDeadlines } from '../../src/deadlines/scanner.ts';
import { listInbox } from '../../src/inbox/inbox.queries.ts';
import {
  acceptAssignment,
  commentOnAssignment,
  reportAssignment,
  returnAssignment,
  withdrawAssignment,
} from '../../src/meetings/assignment.commands.ts';
import {
  createMeetingBody,
  dissolveWorkingGroup,
  setWorkingGroup,
  updateMeetingBody,
} from '../../src/meetings/meeting-body.commands.ts';
import { getMeetingBody, listMeetingBodies } from '../../src/meetings/meeting-body.queries.ts';
import {
  assignFromMeeting,
  cancelMeeting,
  closeMeeting,
  commentOnMeeting,
  recordMeeting,
  scheduleMeeting,
} from '../../src/meetings/meeting.commands.ts';
import {
  getAssignment,
  getMeeting,
  listAssignments,
  listMeetings,
} from '../../src/meetings/meeting.queries.ts';
import { acceptedMatter, reportAgainstHousing, seedOrg, type Org } from '../helpers/fixtures.ts';
import { rejects } from '../helpers/rejects.ts';
import { describeEachDb } from '../helpers/test-context.ts';

describeEachDb('joint meetings (联席会议): the body, meetings and what they hand down', (env) => {
  let org: Org;
  let bodyId: number;
  const staff = (user: StaffUser) => ({ kind: 'staff' as const, user });
  const inboxKinds = async (user: StaffUser, caseId: number) =>
    (await listInbox(env().ctx, user, { page: 1, pageSize: 100 })).items
      .filter((n) => n.caseId === caseId)
      .map((n) => n.kind)
      .sort();
  const members = () => [
    { unitId: org.units.housing, representativeIds: [org.users.head.id] },
    { unitId: org.units.labour, representativeIds: [] },
    { unitId: org.units.discipline, representativeIds: [] },
    { unitId: org.units.street, representativeIds: [org.users.streetHead.id] },
  ];

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    const b = await createMeetingBody(env().ctx, staff(org.users.supervisor), {
      name: '南山区信访工作联席会议',
      convenerLeaderId: org.users.leader.id,
      duties: '研究解决信访突出问题，交办督办重点信访事项',
      members: members(),
    });
    bodyId = b.id;
  });

  /** A meeting of the body that has started, scheduled by the bureau's supervisor. */
  const heldSoon = async (title = '第一次全体会议') => {
    const { ctx, clock } = env();
    const startsAt = new Date(clock.now.getTime() - 3600_000).toISOString();
    return scheduleMeeting(ctx, staff(org.users.supervisor), bodyId, {
      title,
      startsAt,
      place: '区行政中心会议室',
      agenda: '研究住房领域信访积案',
    });
  };

  it('sets up a body of the region with members, representatives and a convener leader', async () => {
    const { ctx } = env();
    const b = await getMeetingBody(ctx, org.users.officer, bodyId);
    expect(b.convenerUnitName).toBe('南山区信访局');
    expect(b.convenerLeaderName).toBe('leader');
    expect(b.members.map((m) => m.unitId)).toEqual(members().map((m) => m.unitId));
    expect(b.members[0]!.representatives).toEqual([{ id: org.users.head.id, name: 'unithead' }]);
    expect(b.canManage).toBe(false);
    expect((await getMeetingBody(ctx, org.users.supervisor, bodyId)).canManage).toBe(true);
    // The units answering for the region or one around it see it too; only the bureau's staff set it up.
    expect((await listMeetingBodies(ctx, org.users.cityHead)).items.map((x) => x.id)).toContain(bodyId);
    expect(await listMeetingBodies(ctx, org.users.countyHead)).toMatchObject({ canCreate: false });
    expect((await listMeetingBodies(ctx, org.users.supervisor)).canCreate).toBe(true);
  });

  it('refuses a body set up by an officer, a member outside the region, a representative of another unit', async () => {
    const { ctx } = env();
    await rejects(
      createMeetingBody(ctx, staff(org.users.officer), { name: '某会议', members: members() }),
      'forbidden',
    );
    const outside = await rejects(
      createMeetingBody(ctx, staff(org.users.supervisor), {
        name: '另一个联席会议',
        members: [{ unitId: org.units.housing }, { unitId: org.units.cityBureau }],
      }),
      'validation_failed',
    );
    expect(outside.fields[0]?.path).toBe('members.1.unitId');
    const rep = await rejects(
      createMeetingBody(ctx, staff(org.users.supervisor), {
        name: '另一个联席会议',
        members: [{ unitId: org.units.housing, representativeIds: [org.users.labourHead.id] }],
      }),
      'validation_failed',
    );
    expect(rep.fields[0]?.path).toBe('members.0.representativeIds.0');
    const dup = await rejects(
      createMeetingBody(ctx, staff(org.users.supervisor), {
        name: '南山区信访工作联席会议',
        members: members(),
      }),
      'validation_failed',
    );
    expect(dup.fields[0]?.path).toBe('name');
    const leader = await rejects(
      createMeetingBody(ctx, staff(org.users.supervisor), {
        name: '另一个联席会议',
        convenerLeaderId: org.users.head.id,
        members: members(),
      }),
      'validation_failed',
    );
    expect(leader.fields[0]?.path).toBe('convenerLeaderId');
    const count = await ctx.db
      .selectFrom('meeting_bodies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('keeps working groups of member units with the categories they cover; a lead cannot leave', async () => {
    const { ctx } = env();
    const sup = staff(org.users.supervisor);
    const notMember = await rejects(
      setWorkingGroup(ctx, sup, bodyId, null, {
        name: '住房领域专项小组',
        leadUnitId: org.units.countyGov,
        categoryCodes: ['urban_construction'],
      }),
      'validation_failed',
    );
    expect(notMember.fields[0]?.path).toBe('leadUnitId');
    const badCategory = await rejects(
      setWorkingGroup(ctx, sup, bodyId, null, {
        name: '住房领域专项小组',
        leadUnitId: org.units.housing,
        categoryCodes: ['urban_construction', 'no_such_code'],
      }),
      'validation_failed',
    );
    expect(badCategory.fields[0]?.path).toBe('categoryCodes.1');
    await rejects(
      setWorkingGroup(ctx, staff(org.users.head), bodyId, null, {
        name: '住房领域专项小组',
        leadUnitId: org.units.housing,
        categoryCodes: ['urban_construction'],
      }),
      'forbidden',
    );
    const g = await setWorkingGroup(ctx, sup, bodyId, null, {
      name: '住房领域专项小组',
      leadUnitId: org.units.housing,
      unitIds: [org.units.street],
      categoryCodes: ['urban_construction'],
    });
    const labour = await setWorkingGroup(ctx, sup, bodyId, null, {
      name: '劳动保障专项小组',
      leadUnitId: org.units.labour,
      categoryCodes: ['labour_social_security'],
    });
    const b = await getMeetingBody(ctx, org.users.head, bodyId);
    expect(
      b.groups.map((x) => [
        x.name,
        x.leadUnitName,
        x.units.map((u) => u.id),
        x.categories.map((c) => c.code),
      ]),
    ).toEqual([
      [
        '住房领域专项小组',
        '南山区住房和建设局',
        [org.units.housing, org.units.street],
        ['urban_construction'],
      ],
      ['劳动保障专项小组', '南山区人力资源局', [org.units.labour], ['labour_social_security']],
    ]);
    // The labour bureau leads a group: it may not leave the body until the group is dissolved.
    const without = members().filter((m) => m.unitId !== org.units.labour);
    const leads = await rejects(
      updateMeetingBody(ctx, sup, bodyId, { name: '南山区信访工作联席会议', members: without }),
      'validation_failed',
    );
    expect(leads.fields[0]?.path).toBe('members');
    await dissolveWorkingGroup(ctx, sup, bodyId, labour.id);
    const stale = await rejects(
      updateMeetingBody(ctx, sup, bodyId, {
        name: '南山区信访工作联席会议',
        members: without,
        expectedVersion: 1,
      }),
      'conflict',
    );
    expect(stale.messageZh).toContain('刷新');
    const v = (await getMeetingBody(ctx, org.users.supervisor, bodyId)).version;
    await updateMeetingBody(ctx, sup, bodyId, {
      name: '南山区信访工作联席会议',
      convenerLeaderId: org.users.leader.id,
      members: without,
      expectedVersion: v,
    });
    expect((await getMeetingBody(ctx, org.users.head, bodyId)).members.map((m) => m.unitId)).not.toContain(
      org.units.labour,
    );
    // And back: the unit rejoins.
    await updateMeetingBody(ctx, sup, bodyId, {
      name: '南山区信访工作联席会议',
      convenerLeaderId: org.users.leader.id,
      members: members(),
    });
    const after = await getMeetingBody(ctx, org.users.head, bodyId);
    expect(after.members.map((m) => m.unitId)).toContain(org.units.labour);
    expect(after.groups.map((x) => x.id)).toEqual([g.id]);
    const events = await ctx.db
      .selectFrom('events')
      .select('kind')
      .where('stream', '=', `meeting-body:${bodyId}`)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.kind)).toEqual([
      'meeting_body_created',
      'meeting_group_set',
      'meeting_group_set',
      'meeting_group_dissolved',
      'meeting_body_updated',
      'meeting_body_updated',
    ]);
  });

  it('records a held meeting, hands items down, takes reports back, and closes only when all are accepted', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const sup = staff(org.users.supervisor);
    const later = await scheduleMeeting(ctx, sup, bodyId, {
      title: '第二次全体会议',
      startsAt: '2026-03-20T02:00:00Z',
      place: '区行政中心会议室',
      agenda: '听取交办事项办理情况',
    });
    expect(await inboxKinds(org.users.head, later.id)).toEqual(['meeting_scheduled']);
    await rejects(
      scheduleMeeting(ctx, staff(org.users.head), bodyId, {
        title: 'x',
        startsAt: '2026-03-20T02:00:00Z',
        place: 'x',
        agenda: 'x',
      }),
      'forbidden',
    );
    // Not before it starts.
    const early = await rejects(
      recordMeeting(ctx, sup, later.id, { attendeeUnitIds: [org.units.bureau], minutes: '纪要' }),
      'conflict',
    );
    expect(early.messageZh).toContain('尚未召开');

    const m = await heldSoon();
    const matter = await acceptedMatter(ctx, org, org.units.housing);
    // An item to a unit that is not a member: refused on the field naming it, nothing stored.
    const notMember = await rejects(
      recordMeeting(ctx, sup, m.id, {
        attendeeUnitIds: [org.units.bureau, org.units.housing],
        minutes: '会议研究了住房领域信访积案。',
        decisions: ['由区住建局牵头化解'],
        assignments: [
          { unitId: org.units.housing, task: '督促物业维修电梯', dueDate: '2026-03-16', matterId: matter.id },
          { unitId: org.units.countyGov, task: '研究资金', dueDate: '2026-03-16' },
        ],
      }),
      'validation_failed',
    );
    expect(notMember.fields[0]?.path).toBe('assignments.1.unitId');
    expect((await getMeeting(ctx, org.users.supervisor, m.id)).state).toBe('scheduled');
    expect(await ctx.db.selectFrom('meeting_assignments').selectAll().execute()).toEqual([]);
    expect(await ctx.db.selectFrom('meeting_attendees').selectAll().execute()).toEqual([]);
    const badAttendee = await rejects(
      recordMeeting(ctx, sup, m.id, {
        attendeeUnitIds: [org.units.bureau],
        attendeeUserIds: [org.users.officer.id],
        minutes: '纪要',
      }),
      'validation_failed',
    );
    expect(badAttendee.fields[0]?.path).toBe('attendeeUserIds.0');
    const past = await rejects(
      recordMeeting(ctx, sup, m.id, {
        attendeeUnitIds: [org.units.bureau],
        minutes: '纪要',
        assignments: [{ unitId: org.units.housing, task: '办理', dueDate: '2026-03-01' }],
      }),
      'validation_failed',
    );
    expect(past.fields[0]?.path).toBe('assignments.0.dueDate');

    const recorded = await recordMeeting(ctx, sup, m.id, {
      attendeeUnitIds: [org.units.bureau, org.units.housing, org.units.street],
      attendeeUserIds: [org.users.leader.id, org.users.head.id],
      minutes: '会议研究了住房领域信访积案。',
      decisions: ['由区住建局牵头化解电梯问题', '南头街道配合入户走访'],
      assignments: [
        { unitId: org.units.housing, task: '督促物业维修电梯', dueDate: '2026-03-16', matterId: matter.id },
      ],
    });
    expect(recorded.state).toBe('held');
    const [first] = recorded.result.assignmentIds as number[];
    const more = await assignFromMeeting(ctx, sup, m.id, {
      assignments: [{ unitId: org.units.street, task: '入户走访并报告', dueDate: '2026-03-13' }],
    });
    const [second] = more.result.assignmentIds as number[];
    const view = await getMeeting(ctx, org.users.supervisor, m.id);
    expect(view).toMatchObject({
      state: 'held',
      decisions: ['由区住建局牵头化解电梯问题', '南头街道配合入户走访'],
      openAssignments: 2,
      allowedActions: ['assign', 'attach', 'close', 'comment'],
    });
    expect(view.attendees.map((a) => [a.unitId, a.userId])).toEqual([
      [org.units.bureau, null],
      [org.units.housing, null],
      [org.units.street, null],
      [org.units.bureau, org.users.leader.id],
      [org.units.housing, org.users.head.id],
    ]);
    expect(view.assignments.map((a) => [a.position, a.unitName, a.state, a.deadline?.badge])).toEqual([
      [1, '南山区住房和建设局', 'assigned', 'on_time'],
      [2, '南头街道办事处', 'assigned', 'on_time'],
    ]);
    expect(await inboxKinds(org.users.officer, first!)).toEqual(['meeting_assignment_received']);
    expect(await inboxKinds(org.users.streetHead, second!)).toEqual(['meeting_assignment_received']);
    // The unit's list: 交办给本单位.
    const mine = await listAssignments(ctx, org.users.officer, { view: 'toMyUnit' });
    expect(mine.items.map((a) => a.id)).toEqual([first]);
    expect(mine.items[0]!.allowedActions).toEqual(['report', 'comment']);
    expect((await getAssignment(ctx, org.users.supervisor, first!)).allowedActions).toEqual([
      'withdraw',
      'comment',
    ]);
    // Another member unit sees the meeting; a member unit cannot accept.
    expect((await getMeeting(ctx, org.users.labourHead, m.id)).allowedActions).toEqual(['comment']);
    await rejects(acceptAssignment(ctx, staff(org.users.head), first!, {}), 'illegal_transition');

    const closing = await rejects(closeMeeting(ctx, sup, m.id, {}), 'conflict');
    expect(closing.messageZh).toContain('第1项（南山区住房和建设局，待报告）');
    expect(closing.details).toMatchObject({ open: [{ id: first }, { id: second }] });

    await reportAssignment(ctx, staff(org.users.officer), first!, {
      report: '已约谈物业公司，电梯3月10日修复。',
    });
    expect(await inboxKinds(org.users.supervisor, first!)).toEqual(['meeting_assignment_reported']);
    expect(await inboxKinds(org.users.leader, first!)).toEqual(['meeting_assignment_reported']);
    await rejects(
      reportAssignment(ctx, staff(org.users.streetHead), first!, { report: 'x' }),
      'illegal_transition',
    );
    await rejects(acceptAssignment(ctx, staff(org.users.officer), first!, {}), 'forbidden');
    const returned = await returnAssignment(ctx, sup, first!, {
      reason: '请附维修验收单',
      dueDate: '2026-03-18',
    });
    expect(returned.state).toBe('assigned');
    expect(await inboxKinds(org.users.head, first!)).toEqual([
      'meeting_assignment_received',
      'meeting_assignment_returned',
    ]);
    expect(await getAssignment(ctx, org.users.officer, first!)).toMatchObject({
      report: null,
      dueDate: '2026-03-18',
      returns: 1,
      deadline: { dueDate: '2026-03-18' },
    });
    await reportAssignment(ctx, staff(org.users.head), first!, { report: '已补充验收单。' });
    await acceptAssignment(ctx, sup, first!, { note: '同意' });
    await commentOnAssignment(ctx, staff(org.users.streetHead), second!, { comment: '已安排入户' });
    await withdrawAssignment(ctx, sup, second!, { reason: '并入第1项办理' });
    await commentOnMeeting(ctx, staff(org.users.labourHead), m.id, { comment: '人社局无意见' });
    const closed = await closeMeeting(ctx, sup, m.id, { note: '交办事项均已办结' });
    expect(closed.state).toBe('closed');
    expect((await getMeeting(ctx, org.users.head, m.id)).openAssignments).toBe(0);
    const dls = await ctx.db
      .selectFrom('case_deadlines')
      .select(['case_id', 'status'])
      .where('case_id', 'in', [first!, second!])
      .orderBy('id')
      .execute();
    expect(dls).toEqual([
      { case_id: first, status: 'met' },
      { case_id: second, status: 'cancelled' },
      { case_id: first, status: 'met' },
    ]);
    await cancelMeeting(ctx, sup, later.id, { reason: '与专题会合并召开' });
    await rejects(cancelMeeting(ctx, sup, m.id, { reason: 'x' }), 'illegal_transition');
    const list = await listMeetings(ctx, org.users.head, { bodyId });
    expect(list.items.map((x) => [x.title, x.state])).toEqual([
      ['第二次全体会议', 'cancelled'],
      ['第一次全体会议', 'closed'],
    ]);
    await rejects(getMeeting(ctx, org.users.registrar, 999999), 'not_found');
  });

  it('never hands a misconduct report to the unit it reports, nor shows it through the meeting', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const sup = staff(org.users.supervisor);
    const report = await reportAgainstHousing(ctx, org, '举报住建局工作人员吃拿卡要');
    const m = await heldSoon('专题会议');
    await recordMeeting(ctx, sup, m.id, { attendeeUnitIds: [org.units.bureau], minutes: '专题研究' });
    const refused = await rejects(
      assignFromMeeting(ctx, sup, m.id, {
        assignments: [
          { unitId: org.units.housing, task: '核查', dueDate: '2026-03-20', matterId: report.id },
        ],
      }),
      'validation_failed',
    );
    expect(refused.fields[0]?.path).toBe('assignments.0.unitId');
    // A matter the user may not see reads as not found, naming the field.
    const unseen = await rejects(
      assignFromMeeting(ctx, staff(org.users.leader), m.id, {
        assignments: [
          { unitId: org.units.discipline, task: '核查', dueDate: '2026-03-20', matterId: 999999 },
        ],
      }),
      'validation_failed',
    );
    expect(unseen.fields[0]?.path).toBe('assignments.0.matterId');
    const ok = await assignFromMeeting(ctx, sup, m.id, {
      assignments: [
        { unitId: org.units.discipline, task: '依规核查', dueDate: '2026-03-20', matterId: report.id },
      ],
    });
    const [id] = ok.result.assignmentIds as number[];
    expect((await getMeeting(ctx, org.users.discipline, m.id)).assignments.map((a) => a.id)).toEqual([id]);
    // The housing bureau is a member and sees the meeting, but not the item on the report about it.
    expect((await getMeeting(ctx, org.users.head, m.id)).assignments).toEqual([]);
    await rejects(getAssignment(ctx, org.users.head, id!), 'not_found');
    expect(await inboxKinds(org.users.discipline, id!)).toEqual(['meeting_assignment_received']);
    expect(await inboxKinds(org.users.head, id!)).toEqual([]);
  });

  it('warns ahead of the report-by date and marks it overdue through the deadline scanner', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const sup = staff(org.users.supervisor);
    const m = await heldSoon('调度会');
    const rec = await recordMeeting(ctx, sup, m.id, {
      attendeeUnitIds: [org.units.bureau, org.units.labour],
      minutes: '调度欠薪问题',
      assignments: [{ unitId: org.units.labour, task: '清理欠薪线索', dueDate: '2026-03-10' }],
    });
    const [id] = rec.result.assignmentIds as number[];
    // 2 working days ahead of Tue 10 March: the warning is due on Fri 6 March (the end of day 8).
    clock.set('2026-03-05T02:00:00Z');
    await scanDeadlines(ctx);
    expect(await inboxKinds(org.users.labourHead, id!)).toEqual(['meeting_assignment_received']);
    clock.set('2026-03-09T02:00:00Z');
    await scanDeadlines(ctx);
    expect(await inboxKinds(org.users.labourHead, id!)).toEqual([
      'meeting_assignment_received',
      'meeting_assignment_warning',
    ]);
    expect((await getAssignment(ctx, org.users.labourHead, id!)).deadline?.badge).toBe('warning');
    clock.set('2026-03-11T02:00:00Z');
    await scanDeadlines(ctx);
    await scanDeadlines(ctx);
    expect(await inboxKinds(org.users.labourHead, id!)).toEqual([
      'meeting_assignment_overdue',
      'meeting_assignment_received',
      'meeting_assignment_warning',
    ]);
    expect(await inboxKinds(org.users.supervisor, id!)).toEqual([
      'meeting_assignment_overdue',
      'meeting_assignment_warning',
    ]);
    expect((await getAssignment(ctx, org.users.supervisor, id!)).deadline?.badge).toBe('overdue');
    expect((await getMeeting(ctx, org.users.supervisor, m.id)).overdueAssignments).toBe(1);
    expect((await listAssignments(ctx, org.users.labourHead, { view: 'toMyUnit' })).counts.overdue).toBe(1);
    const kinds = await ctx.db
      .selectFrom('events')
      .select('kind')
      .where('stream', '=', `case:${id}`)
      .orderBy('seq')
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual([
      'meeting_assignment_opened',
      'meeting_assignment_warning',
      'meeting_assignment_overdue',
    ]);
    // Reported late, the deadline is met and no longer counts as overdue.
    await reportAssignment(ctx, staff(org.users.labourHead), id!, { report: '已清理线索12条' });
    expect((await getAssignment(ctx, org.users.supervisor, id!)).deadline).toBeNull();
    const audit = await verifyAuditLog(ctx.db);
    expect(audit.problems).toEqual([]);
  });
});
