import type { AppContext } from '../app/context.ts';
import { addCalendarDays, dayOfWeek, localDateOf } from '../calendar/index.ts';
import { AppError } from '../errors/app-error.ts';
import { registerMatter } from '../intake/register-matter.ts';
import { matterCommands } from '../lifecycle/matter-commands.ts';
import {
  confirmRequest,
  declineRequest,
  proposeSlot,
  requestAppointment,
} from '../reception/request.commands.ts';
import { recordSession, scheduleSession } from '../reception/session.commands.ts';
import { RegisterMatterInput } from '../shared/schemas.ts';
import type { createRng } from '../text/random.ts';
import type { DemoOrg } from './org.ts';

type Rng = ReturnType<typeof createRng>;

const TOPICS = [
  '住房建设、物业管理、老旧小区改造',
  '劳动保障、欠薪讨薪',
  '征地拆迁、城市更新',
  '教育、医疗、社会保障',
  '生态环境、噪音扰民',
];
const OUTCOMES = [
  (n: number) => `接待来访群众${n}人，现场答复政策咨询，其余问题当场交办有关部门限期办理。`,
  (n: number) => `接待来访群众${n}人，涉及物业、停车和噪音问题，已明确责任单位和办理时限。`,
  (n: number) => `接待群众${n}人，其中重复信访2件已由领导包案，其余事项按程序登记转办。`,
];

/** The Wednesday of the month's second week (a reception day), as a local date. */
function secondWednesday(month: string): string {
  let d = `${month}-08`;
  while (dayOfWeek(d) !== 3) d = addCalendarDays(d, 1);
  return d;
}

const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

/**
 * 领导接访日 in the demo, through the real commands: a year of the district leader's monthly
 * reception days and some outreach visits (下访) to communities, each recorded after it took place
 * with the people received; matters registered at the last ones (channel visit, the session named);
 * a few 约访 on matters of the record; upcoming published sessions; and appointment requests from
 * the portal in each state. The clock of each command is the day it happened.
 */
export async function seedReception(ctx: AppContext, org: DemoOrg, rng: Rng, problems: string[]) {
  const leader = org.users.get('leader');
  const supervisor = org.users.get('supervisor');
  const registrar = org.users.get('registrar');
  if (!leader || !supervisor || !registrar) return;
  const now = ctx.clock();
  let clock = now;
  const c: AppContext = { ...ctx, clock: () => new Date(clock.getTime()) };
  const bureau = { kind: 'staff' as const, user: supervisor };
  const guard = async <T>(what: string, run: () => Promise<T>): Promise<T | null> => {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problems.push(`reception: ${what}: ${err.messageEn}`);
      return null;
    }
  };
  const communities = org.communities.slice(0, 12);
  const today = localDateOf(now);
  const held: number[] = [];
  for (let back = 12; back >= 1; back--) {
    const month = addCalendarDays(`${today.slice(0, 7)}-15`, -30 * back).slice(0, 7);
    const days: { date: string; kind: 'reception' | 'outreach'; place: string; region?: string }[] = [
      { date: secondWednesday(month), kind: 'reception', place: '南山区信访局一楼群众接待大厅' },
    ];
    if (back % 3 === 0 && communities.length > 0) {
      const community = communities[back % communities.length]!;
      days.push({
        date: addCalendarDays(secondWednesday(month), 8),
        kind: 'outreach',
        place: `${community.name}党群服务中心`,
        region: community.code,
      });
    }
    for (const d of days) {
      if (d.date >= today) continue;
      clock = at(addCalendarDays(d.date, -14), '10:00');
      const s = await guard(`schedule ${d.date}`, () =>
        scheduleSession(c, bureau, {
          kind: d.kind,
          leaderId: leader.id,
          startsAt: at(d.date, '09:00').toISOString(),
          endsAt: at(d.date, '12:00').toISOString(),
          place: d.place,
          ...(d.region ? { placeRegionCode: d.region } : {}),
          topics: TOPICS[rng.int(TOPICS.length)]!,
          capacity: 20,
          published: true,
        }),
      );
      if (!s) continue;
      clock = at(d.date, '12:30');
      const people = 4 + rng.int(13);
      const outcome = OUTCOMES[rng.int(OUTCOMES.length)]!(people);
      if (
        await guard(`record ${d.date}`, () =>
          recordSession(c, { kind: 'staff', user: leader }, s.id, { peopleReceived: people, outcome }),
        )
      )
        held.push(s.id);
    }
  }
  // Matters registered at the latest reception day, accepted the same afternoon: the session
  // page lists them, and they join the record like any visit.
  const last = held[held.length - 1];
  if (last !== undefined) {
    const row = await ctx.db
      .selectFrom('reception_sessions')
      .select(['starts_at', 'kind'])
      .where('case_id', '=', last)
      .executeTakeFirstOrThrow();
    const received = [
      {
        subject: '小区电梯频繁停运，物业拖延维修',
        content: '在领导接访日反映：小区两部电梯一个月内停运六次，物业公司以资金不足为由拖延维修，请求督促。',
      },
      {
        subject: '外卖骑手被拖欠三个月工资',
        content: '在领导接访日反映：所在配送站点拖欠三个月工资共计两万余元，站点负责人失联，请求协调追讨。',
      },
    ];
    for (const [i, m] of received.entries()) {
      clock = new Date(row.starts_at.getTime() + (i + 1) * 40 * 60_000);
      const registered = await guard('register at a session', async () =>
        registerMatter(
          c,
          {
            kind: 'staff',
            userId: registrar.id,
            unitId: registrar.unit.id,
            registeringUnitId: registrar.unit.id,
            registeringUnitLevel: registrar.unit.level,
          },
          RegisterMatterInput.parse({
            channel: row.kind === 'outreach' ? 'outreach' : 'visit',
            purpose: 'request',
            categoryCode: i === 0 ? 'urban_construction' : 'labour_social_security',
            subject: m.subject,
            content: m.content,
            regionCode: communities[i]?.code ?? registrar.unit.regionCode,
            petitioners: [
              { name: i === 0 ? '梁秀芳' : '何志强', phone: i === 0 ? '13760001201' : '13760001202' },
            ],
            receptionSessionId: last,
          }),
          null,
          registrar,
        ),
      );
      if (!registered) continue;
      clock = new Date(clock.getTime() + 2 * 3_600_000);
      await guard('accept a matter received at a session', () =>
        matterCommands.decide(c, { kind: 'staff', user: registrar }, registered.matter.id, {
          decision: 'accept',
          leadUnitId: i === 0 ? org.units.housing : org.units.labour,
        }),
      );
    }
  }
  // 约访: the leader meets the petitioners of three matters in handling, at the bureau.
  const owned = await ctx.db
    .selectFrom('matters')
    .select('id')
    .where('state', '=', 'in_handling')
    .where('is_misconduct_report', '=', false)
    .orderBy('id')
    .limit(3)
    .execute();
  for (const [i, m] of owned.entries()) {
    const date = addCalendarDays(today, -20 + i * 9);
    clock = at(addCalendarDays(date, -3), '15:00');
    const s = await guard('schedule a 约访', () =>
      scheduleSession(c, bureau, {
        kind: 'appointment',
        leaderId: leader.id,
        startsAt: at(date, '15:00').toISOString(),
        endsAt: at(date, '16:00').toISOString(),
        place: '南山区信访局约访室',
        capacity: 1,
        matterId: m.id,
      }),
    );
    if (s && date < today) {
      clock = at(date, '16:10');
      await guard('record a 约访', () =>
        recordSession(c, { kind: 'staff', user: leader }, s.id, {
          peopleReceived: 1,
          outcome: '当面听取信访人诉求，说明办理进展，约定两周内书面答复。',
        }),
      );
    }
  }
  // The coming reception days, on the portal, and requests for them in each state.
  clock = now;
  const upcoming: number[] = [];
  for (const [i, days] of [6, 13, 20, 27].entries()) {
    let date = addCalendarDays(today, days);
    while (dayOfWeek(date) === 0 || dayOfWeek(date) === 6) date = addCalendarDays(date, 1);
    const s = await guard('schedule an upcoming day', () =>
      scheduleSession(c, bureau, {
        kind: i === 2 ? 'outreach' : 'reception',
        leaderId: leader.id,
        startsAt: at(date, '09:00').toISOString(),
        endsAt: at(date, '11:30').toISOString(),
        place:
          i === 2 ? `${communities[0]?.name ?? '南头城社区'}党群服务中心` : '南山区信访局一楼群众接待大厅',
        ...(i === 2 && communities[0] ? { placeRegionCode: communities[0].code } : {}),
        topics: TOPICS[i % TOPICS.length]!,
        capacity: i === 0 ? 3 : 15,
        published: true,
      }),
    );
    if (s) upcoming.push(s.id);
  }
  const [first, second] = upcoming;
  if (first === undefined || second === undefined) return;
  const ask = (name: string, phone: string, reason: string, sessionId: number) =>
    guard('request an appointment', () => requestAppointment(c, { sessionId, name, phone, reason }, null));
  const caseOf = async (r: { number: string } | null) =>
    r
      ? (
          await ctx.db
            .selectFrom('appointment_requests')
            .select('case_id')
            .where('number', '=', r.number)
            .executeTakeFirstOrThrow()
        ).case_id
      : null;
  await ask('陈美玲', '13925550101', '小区外墙瓷砖脱落，多次反映未修，想当面向领导反映。', first);
  const confirmed = await caseOf(
    await ask('黄国栋', '13925550102', '学校学位分配不公，想请领导听取意见。', first),
  );
  const proposed = await caseOf(await ask('林小燕', '13925550103', '征收补偿款迟迟未发放。', first));
  const declined = await caseOf(await ask('周建明', '13925550104', '与邻居的民事纠纷。', second));
  if (confirmed)
    await guard('confirm', () =>
      confirmRequest(c, bureau, confirmed, {
        message: '请携带身份证件和相关材料，提前10分钟到一楼接待大厅。',
      }),
    );
  if (proposed)
    await guard('propose', () =>
      proposeSlot(c, bureau, proposed, {
        sessionId: second,
        message: '该场次预约人数较多，建议改约下一场次，届时安排充足时间听取您的诉求。',
      }),
    );
  if (declined)
    await guard('decline', () =>
      declineRequest(c, bureau, declined, {
        message: '邻里民事纠纷可向人民调解委员会申请调解或依法向人民法院起诉，本次不安排领导接访。',
      }),
    );
}
