import type { AppContext } from '../app/context.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { addCalendarDays, localDateOf, startOfLocalDay } from '../calendar/index.ts';
import { scanDeadlines } from '../deadlines/scanner.ts';
import { AppError } from '../errors/app-error.ts';
import { acceptAssignment, reportAssignment } from '../meetings/assignment.commands.ts';
import { createMeetingBody, setWorkingGroup } from '../meetings/meeting-body.commands.ts';
import { closeMeeting, recordMeeting, scheduleMeeting } from '../meetings/meeting.commands.ts';
import type { DemoOrg, UnitKey } from './org.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The district's joint meeting (南山区信访工作联席会议), through the real commands: the body with its
 * member units, representatives and two working groups; two meetings of this year, each recorded
 * with minutes, decisions and items handed down. The first meeting's items were reported and
 * accepted and it is closed; the second's housing item is done and its labour item is past its date.
 */
export async function seedMeetings(ctx: AppContext, org: DemoOrg, now: Date, problems: string[]) {
  const user = (name: string) => org.users.get(name);
  const supervisor = user('supervisor');
  const leader = user('leader');
  const officer = user('officer');
  const labour = user('labour');
  const street = user('street');
  if (!supervisor || !leader || !officer || !labour || !street) return;
  const existing = await ctx.db.selectFrom('meeting_bodies').select('id').executeTakeFirst();
  if (existing) return;
  // Meetings at 09:30 Beijing time on two days of this year, the first ~4 months back, the second ~5 weeks.
  const at = (daysBack: number) =>
    new Date(startOfLocalDay(addCalendarDays(localDateOf(now), -daysBack)).getTime() + 9.5 * HOUR);
  const first = at(120);
  const second = at(35);
  const on = (d: Date): AppContext => ({ ...ctx, clock: () => new Date(d.getTime()) });
  const staff = (u: StaffUser) => ({ kind: 'staff' as const, user: u });
  const sup = staff(supervisor);
  const u = (k: UnitKey) => org.units[k];
  const due = (d: Date, days: number) => addCalendarDays(localDateOf(d), days);
  try {
    const setUp = on(new Date(first.getTime() - 30 * DAY));
    const body = await createMeetingBody(setUp, sup, {
      name: '南山区信访工作联席会议',
      convenerLeaderId: leader.id,
      duties:
        '在区委、区政府领导下，统筹协调全区信访工作，研究解决信访突出问题和重点信访事项，' +
        '对重点信访事项交办督办，指导专项小组开展工作。',
      members: [
        { unitId: u('government'), representativeIds: [] },
        { unitId: u('housing'), representativeIds: [user('unithead')?.id ?? officer.id] },
        { unitId: u('labour'), representativeIds: [labour.id] },
        { unitId: u('street'), representativeIds: [street.id] },
        { unitId: u('education'), representativeIds: [] },
        { unitId: u('health'), representativeIds: [] },
        { unitId: u('market'), representativeIds: [] },
        { unitId: u('police'), representativeIds: [] },
      ],
    });
    await setWorkingGroup(setUp, sup, body.id, null, {
      name: '住房和物业矛盾化解专项小组',
      leadUnitId: u('housing'),
      unitIds: [u('street'), u('market')],
      categoryCodes: ['urban_construction'],
    });
    await setWorkingGroup(setUp, sup, body.id, null, {
      name: '劳动保障和欠薪治理专项小组',
      leadUnitId: u('labour'),
      unitIds: [u('police'), u('street')],
      categoryCodes: ['labour_social_security'],
    });

    const matterOf = async (unit: UnitKey, skip = 0) =>
      (
        await ctx.db
          .selectFrom('matters as m')
          .innerJoin('matter_units as mu', (j) =>
            j.onRef('mu.matter_id', '=', 'm.id').on('mu.role', '=', 'lead').on('mu.released_at', 'is', null),
          )
          .select('m.id')
          .where('mu.unit_id', '=', org.units[unit])
          .where('m.is_misconduct_report', '=', false)
          .where('m.registered_at', '<', first)
          .orderBy('m.id')
          .offset(skip)
          .limit(1)
          .executeTakeFirst()
      )?.id;
    const onMatter = (id: number | undefined) => (id === undefined ? {} : { matterId: id });

    // The first meeting: its three items reported and accepted, then closed.
    const m1 = await scheduleMeeting(on(new Date(first.getTime() - 7 * DAY)), sup, body.id, {
      title: `${localDateOf(first).slice(0, 4)}年第一次全体会议`,
      startsAt: first.toISOString(),
      place: '南山区行政服务大厅三楼会议室',
      agenda: '一、通报全区信访形势；二、研究住房和欠薪领域信访积案；三、部署交办重点信访事项。',
    });
    const r1 = await recordMeeting(on(new Date(first.getTime() + 3 * HOUR)), sup, m1.id, {
      attendeeUnitIds: [u('bureau'), u('government'), u('housing'), u('labour'), u('street'), u('police')],
      attendeeUserIds: [leader.id, labour.id, street.id],
      minutes:
        '会议由区信访工作联席会议召集人主持。区信访局通报了全区信访形势，住房、欠薪领域信访量居前。' +
        '会议逐件研究了住房和欠薪领域的重点信访事项，明确了牵头单位和办理时限。',
      decisions: [
        '住房领域电梯、漏水类信访事项由区住建局牵头，街道配合，限期化解。',
        '欠薪类信访事项由区人力资源局牵头，公安分局配合，春节前清零。',
        '各成员单位按期报告交办事项办理情况，逾期的由区信访局督办。',
      ],
      assignments: [
        {
          unitId: u('housing'),
          task: '牵头化解该小区电梯长期停运问题，报告维修方案和完成时间。',
          dueDate: due(first, 14),
          ...onMatter(await matterOf('housing')),
        },
        {
          unitId: u('labour'),
          task: '督促用人单位结清拖欠工资，报告清欠结果。',
          dueDate: due(first, 14),
          ...onMatter(await matterOf('labour')),
        },
        {
          unitId: u('street'),
          task: '对辖区物业矛盾集中的小区开展入户走访，报告走访情况。',
          dueDate: due(first, 10),
        },
      ],
    });
    const [a1, a2, a3] = r1.result.assignmentIds as number[];
    const report = async (id: number, who: StaffUser, when: Date, text: string) => {
      await reportAssignment(on(when), staff(who), id, { report: text });
      await acceptAssignment(on(new Date(when.getTime() + DAY)), sup, id, {});
    };
    await report(
      a1!,
      officer,
      new Date(first.getTime() + 9 * DAY),
      '已约谈物业公司，电梯已更换主板并通过检验，恢复运行。',
    );
    await report(
      a2!,
      labour,
      new Date(first.getTime() + 11 * DAY),
      '用人单位已结清拖欠的工资，信访人确认收到。',
    );
    await report(
      a3!,
      street,
      new Date(first.getTime() + 8 * DAY),
      '已走访6个小区218户，建立问题台账并移交物业服务企业整改。',
    );
    await closeMeeting(on(new Date(first.getTime() + 14 * DAY)), sup, m1.id, { note: '交办事项均已办结' });

    // The second meeting: one item done, one past its date and still open.
    const m2 = await scheduleMeeting(on(new Date(second.getTime() - 5 * DAY)), sup, body.id, {
      title: `${localDateOf(second).slice(0, 4)}年第二次全体会议`,
      startsAt: second.toISOString(),
      place: '南山区行政服务大厅三楼会议室',
      agenda: '一、听取上次会议交办事项办理情况；二、研究新增重点信访事项。',
    });
    const r2 = await recordMeeting(on(new Date(second.getTime() + 3 * HOUR)), sup, m2.id, {
      attendeeUnitIds: [u('bureau'), u('housing'), u('labour'), u('street')],
      attendeeUserIds: [leader.id, labour.id],
      minutes:
        '会议听取了上次会议交办事项的办理情况，三项交办事项均已按期办结。会议研究了新增的重点信访事项。',
      decisions: ['新增交办事项两项，由区住建局、区人力资源局分别牵头办理。'],
      assignments: [
        {
          unitId: u('housing'),
          task: '核查该小区漏水问题的维修责任，报告处理意见。',
          dueDate: due(second, 10),
          ...onMatter(await matterOf('housing', 1)),
        },
        {
          unitId: u('labour'),
          task: '排查辖区在建工地的欠薪线索，报告排查结果和处理情况。',
          dueDate: due(second, 14),
        },
      ],
    });
    const [b1] = r2.result.assignmentIds as number[];
    await report(
      b1!,
      officer,
      new Date(second.getTime() + 8 * DAY),
      '已明确由开发商承担维修责任，维修已完成。',
    );
    // The labour item's date has passed unreported: the scan marks it overdue.
    await scanDeadlines(ctx);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problems.push(`joint meeting refused: ${err.messageEn}`);
  }
}
