import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import type { Actor } from '../audit/event-log.ts';
import { loadStaffUser } from '../auth/sessions.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { addCalendarDays, localDateOf, startOfLocalDay } from '../calendar/index.ts';
import { scanDeadlines } from '../deadlines/scanner.ts';
import { AppError } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { registerMatter } from '../intake/register-matter.ts';
import { matterCommands } from '../lifecycle/matter-commands.ts';
import type { CommandActor } from '../lifecycle/run-command.ts';
import { seedReferenceData } from '../org/reference-data.ts';
import type { UnitLevel } from '../shared/enums.ts';
import { RegisterMatterInput, type PetitionerInput } from '../shared/schemas.ts';
import { textDataDir } from '../text/dataset.ts';
import { createRng, type Rng } from '../text/random.ts';
import {
  conflictingUsers,
  DISTRICT,
  NANSHAN_STREET,
  seedDemoOrg,
  USER_SEEDS,
  type DemoOrg,
  type UnitKey,
} from './org.ts';
import { PeopleFactory } from './people.ts';
import { planMatters, type Handler, type MatterSpec } from './plan.ts';
import { cleanText, TextPool, type DemoText } from './texts.ts';
import {
  planTimeline,
  SCAN_LOCAL_TIME,
  wrongUnitOf,
  type ActorKey,
  type PlannedStep,
  type RepeatNeed,
  type Timeline,
} from './timeline.ts';

export { DEMO_PASSWORD } from './org.ts';

export interface DemoSummary {
  skipped: boolean;
  reason?: string;
  /** Usernames of the demo logins (password `minsheng-demo`). */
  users: string[];
  matters: number;
  byState: Record<string, number>;
  /** Steps a service refused, or matters that could not be placed in time; empty when all went to plan. */
  problems: string[];
}

export interface DemoOptions {
  size: 'small' | 'full';
  /** The shared real-petition data folder; default MINSHENG_TEXT_DATA or ../shared/data/tipdm2020. */
  textDataDir?: string;
}

const SEED = 20220501; // the 信访工作条例 came into force on 2022-05-01
const DAY = 86_400_000;

interface Draft {
  spec: MatterSpec;
  timeline: Timeline;
  text: DemoText;
  regionCode: string;
  petitioners: PetitionerInput[];
  headCount: number | undefined;
  reportedUnit: UnitKey | null;
  /** An online report of misconduct whose reported unit the registrar has not identified yet. */
  unidentified?: boolean;
  id: number | null;
  caseNumber: string | null;
  stopped: boolean;
}

const HANDLER_UNIT: Partial<Record<Handler, UnitKey>> = {
  housing: 'housing',
  labour: 'labour',
  street: 'street',
  discipline: 'discipline',
  education: 'education',
  health: 'health',
  transport: 'transport',
  environment: 'environment',
  market: 'market',
  police: 'police',
  government: 'government',
  cityBureau: 'cityBureau',
};

/** The department that co-handles a matter led by the street office, by first-level category. */
const CO_UNIT: Record<string, UnitKey> = {
  urban_construction: 'housing',
  environment: 'environment',
  transport: 'transport',
  education_culture: 'education',
  health: 'health',
  commerce_tourism: 'market',
  labour_social_security: 'labour',
};

const ORGANISATION_SUFFIXES = ['花园业主委员会', '小区业主委员会', '社区居民议事会'];

/**
 * Loads the demo into an empty database: the organisation of 深圳市南山区, one login per role, and
 * about 40 (`small`) or 400 (`full`) matters driven through the real registration and lifecycle
 * services on a simulated clock over the last four months, with the deadline scanner running every
 * evening of that time. Refuses (skipped) when any matter exists.
 */
export async function loadDemo(ctx: AppContext, opts: DemoOptions): Promise<DemoSummary> {
  const empty = { users: [], matters: 0, byState: {}, problems: [] };
  const existing = await ctx.db.selectFrom('matters').select('id').limit(1).executeTakeFirst();
  if (existing) {
    return {
      skipped: true,
      reason: 'the database already holds matters; the demo loads only into an empty database',
      ...empty,
    };
  }
  const conflicts = await conflictingUsers(ctx);
  if (conflicts.length > 0) {
    return {
      skipped: true,
      reason: `demo usernames already used in other units: ${conflicts.join(', ')}`,
      ...empty,
    };
  }

  const now = ctx.clock();
  const rng = createRng(SEED);
  const problems: string[] = [];
  const calendar = await ctx.calendar.calendar();
  const limits = new Map((await ctx.calendar.limits()).map((l) => [l.kind, l]));

  // Plan every matter's path and times first, originals before their repeats.
  const specs = planMatters(opts.size, rng);
  const timelines = new Map<number, Timeline>();
  const needs = new Map<number, RepeatNeed[]>();
  for (const s of specs)
    if (s.repeat) needs.set(s.repeat.of, [...(needs.get(s.repeat.of) ?? []), s.repeat.mode]);
  for (const spec of specs) {
    const original = spec.repeat ? timelines.get(spec.repeat.of) : undefined;
    if (spec.repeat && !original) {
      problems.push(`matter ${spec.key} (${spec.final}) left out: its original was not placed`);
      continue;
    }
    const t = planTimeline(spec, { calendar, limits, now }, rng, original, needs.get(spec.key));
    if (t) timelines.set(spec.key, t);
    else problems.push(`matter ${spec.key} (${spec.final}) could not be placed in time`);
  }
  const firstStep = Math.min(
    ...[...timelines.values()].map((t) => t.steps[0]?.at.getTime() ?? now.getTime()),
  );
  let simNow = new Date(Math.min(firstStep, now.getTime()) - DAY);
  const sim: AppContext = { ...ctx, clock: () => new Date(simNow.getTime()) };

  await seedReferenceData(ctx.db, now);
  const org = await seedDemoOrg(sim, rng);
  // New units, remits and rules: routing suggestions must see them from the first registration.
  ctx.routing.invalidate();

  const dataDir = opts.textDataDir ?? textDataDir();
  const pool = new TextPool(createRng(SEED + 1), existsSync(dataDir) ? dataDir : null);
  const people = new PeopleFactory(createRng(SEED + 2));
  const drafts = new Map<number, Draft>();
  for (const spec of specs) {
    const timeline = timelines.get(spec.key);
    if (!timeline) continue;
    const original = spec.repeat ? drafts.get(spec.repeat.of) : undefined;
    drafts.set(spec.key, makeDraft(spec, timeline, org, pool, people, rng, original));
  }

  const steps = [...drafts.values()]
    .flatMap((d) => d.timeline.steps.map((s, i) => ({ step: s, i })))
    .sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.step.key - b.step.key || a.i - b.i);

  // The deadline scanner runs every evening of the simulated months, as it would have in production.
  let nextScan = new Date(startOfLocalDay(localDateOf(simNow)).getTime() + SCAN_LOCAL_TIME);
  const scanUntil = async (t: Date) => {
    while (nextScan < t) {
      simNow = nextScan;
      await scanDeadlines(sim);
      nextScan = new Date(
        startOfLocalDay(addCalendarDays(localDateOf(nextScan), 1)).getTime() + SCAN_LOCAL_TIME,
      );
    }
  };
  const runner = new StepRunner(sim, org, drafts);
  for (const { step } of steps) {
    const draft = drafts.get(step.key);
    if (!draft || draft.stopped) continue;
    await scanUntil(step.at);
    simNow = step.at;
    try {
      await runner.run(step, draft);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      draft.stopped = true;
      problems.push(
        `matter ${step.key} (${draft.spec.final}), step ${step.kind} at ${step.at.toISOString()}: ${err.code}: ${err.messageEn}`,
      );
    }
  }
  await scanUntil(now);
  simNow = now;
  await scanDeadlines(sim);

  // Each matter should have ended where it was planned to; a difference means a step went astray.
  const ids = [...drafts.values()].filter((d) => d.id !== null && !d.stopped);
  if (ids.length > 0) {
    const rows = await ctx.db
      .selectFrom('matters')
      .select(['id', 'state'])
      .where(
        'id',
        'in',
        ids.map((d) => d.id as number),
      )
      .execute();
    const stateOf = new Map(rows.map((r) => [r.id, r.state]));
    for (const d of ids) {
      const state = stateOf.get(d.id as number);
      if (state !== d.spec.final)
        problems.push(`matter ${d.spec.key} ended ${state ?? 'missing'}, planned ${d.spec.final}`);
    }
  }

  // Suspension comes last, at the real now: a few matters in handling wait for a court ruling or an
  // appraisal, so the suspended state and its public notice are in the demo too.
  const suspendable = ids
    .filter((d) => d.spec.final === 'in_handling' && d.spec.handler !== 'discipline')
    .slice(0, opts.size === 'small' ? 1 : 5);
  for (const d of suspendable) {
    const head = await ctx.db
      .selectFrom('matter_units as mu')
      .innerJoin('users as u', 'u.unit_id', 'mu.unit_id')
      .select('u.id')
      .where('mu.matter_id', '=', d.id as number)
      .where('mu.role', '=', 'lead')
      .where('mu.released_at', 'is', null)
      .where(sql<boolean>`'unit_head' = ANY(u.roles)`)
      .executeTakeFirst();
    const user = head ? await loadStaffUser(ctx, head.id) : null;
    if (!user) continue;
    try {
      await matterCommands.suspend(sim, { kind: 'staff', user }, d.id as number, {
        reason: '该事项涉及的房屋质量问题需等待第三方鉴定机构出具鉴定意见，鉴定期间中止办理。',
        expectedResumeDate: addCalendarDays(localDateOf(now), 20),
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problems.push(`matter ${d.spec.key}: suspend refused: ${err.messageEn}`);
    }
  }

  const counts = await ctx.db
    .selectFrom('matters')
    .select(['state', sql<number>`count(*)::int`.as('n')])
    .groupBy('state')
    .execute();
  const byState: Record<string, number> = {};
  for (const c of counts) byState[c.state] = c.n;
  return {
    skipped: false,
    users: USER_SEEDS.map((u) => u.username),
    matters: counts.reduce((s, c) => s + c.n, 0),
    byState,
    problems,
  };
}

function pickOf<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

function makeDraft(
  spec: MatterSpec,
  timeline: Timeline,
  org: DemoOrg,
  pool: TextPool,
  people: PeopleFactory,
  rng: Rng,
  original?: Draft,
): Draft {
  const base = { spec, timeline, id: null, caseNumber: null, stopped: false };
  if (original) {
    return {
      ...base,
      text: original.text,
      regionCode: original.regionCode,
      petitioners: original.petitioners.slice(0, 1).map((p) => ({ ...p, isRepresentative: false })),
      headCount: undefined,
      reportedUnit: original.reportedUnit,
    };
  }
  const reportedUnit: UnitKey | null =
    spec.topic === 'misconduct' ? (rng.next() < 0.7 ? 'housing' : 'education') : null;
  const text = pool.take(spec.topic, reportedUnit ? { reported: org.unitNames[reportedUnit] } : {});

  let regionCode: string;
  if (spec.place === 'outside') regionCode = '440303';
  else {
    const candidates = org.communities.filter((c) =>
      spec.place === 'nanshan_street' ? c.streetCode === NANSHAN_STREET : true,
    );
    const community = pickOf(rng, candidates.length > 0 ? candidates : org.communities);
    regionCode = community
      ? community.grids.length > 0 && rng.next() < 0.6
        ? pickOf(rng, community.grids)
        : community.code
      : DISTRICT;
  }
  const community = org.communities.find((c) => regionCode.startsWith(c.code));
  const streetName = community
    ? (org.streetOffices.get(community.streetCode)?.name.replace(/办事处$/, '') ?? '')
    : '';
  const address = () =>
    `深圳市南山区${streetName}${community?.name ?? ''}${1 + rng.int(30)}栋${1 + rng.int(30)}0${1 + rng.int(8)}室`;

  const person = (isRepresentative: boolean, withId: boolean): PetitionerInput => {
    const p = people.person();
    return {
      kind: 'person',
      name: p.name,
      ...(withId ? { idNumber: p.idNumber } : {}),
      phone: p.phone,
      ...(rng.next() < 0.6 ? { address: address() } : {}),
      isRepresentative,
    };
  };
  let petitioners: PetitionerInput[];
  let headCount: number | undefined;
  if (spec.collective) {
    const reps = 1 + rng.int(5);
    const others = rng.int(3);
    petitioners = [
      ...Array.from({ length: reps }, () => person(true, true)),
      ...Array.from({ length: others }, () => person(false, rng.next() < 0.5)),
    ];
    headCount = Math.max(petitioners.length, 5 + rng.int(26));
  } else if (spec.topic === 'urban_construction' && spec.channel !== 'visit' && rng.next() < 0.08) {
    petitioners = [
      {
        kind: 'organisation',
        name: `${community?.name ?? '南山'}${pickOf(rng, ORGANISATION_SUFFIXES)}`,
        phone: people.phone(),
        isRepresentative: false,
      },
    ];
  } else {
    petitioners = [
      person(false, rng.next() < (spec.channel === 'web' || spec.channel === 'phone' ? 0.5 : 0.85)),
    ];
  }
  return { ...base, text, regionCode, petitioners, headCount, reportedUnit };
}

const LEADER_NOTES = [
  '请承办单位高度重视，依法依规妥善处理，按期书面答复信访人。',
  '此件涉及群众切身利益，请主要负责同志亲自过问，十日内报告进展。',
  '请会同属地街道做好解释疏导工作，防止矛盾激化。',
];
const OFFICER_NOTES = [
  '已与信访人电话联系，了解具体诉求，约定现场核查时间。',
  '已赴现场核查并拍照取证，正在约谈相关责任方。',
  '已书面函询相关单位，待其反馈核查情况。',
];

/** Runs one planned step through the real services, as the actor it names. */
class StepRunner {
  constructor(
    private readonly ctx: AppContext,
    private readonly org: DemoOrg,
    private readonly drafts: Map<number, Draft>,
  ) {}

  private staff(key: ActorKey): StaffUser {
    const u = this.org.users.get(key);
    if (!u) throw new Error(`no demo user '${key}'`);
    return u;
  }

  private actor(key: ActorKey): CommandActor {
    return key === 'petitioner' ? { kind: 'petitioner' } : { kind: 'staff', user: this.staff(key) };
  }

  private registeringActor(
    key: ActorKey,
  ): Actor & { registeringUnitId: number; registeringUnitLevel: UnitLevel } {
    if (key === 'petitioner') {
      return {
        kind: 'petitioner',
        userId: null,
        unitId: null,
        registeringUnitId: this.org.units.bureau,
        registeringUnitLevel: 'county',
      };
    }
    const u = this.staff(key);
    return {
      kind: 'staff',
      userId: u.id,
      unitId: u.unit.id,
      registeringUnitId: u.unit.id,
      registeringUnitLevel: u.unit.level,
    };
  }

  private unitFor(d: Draft): number {
    const h = d.spec.handler;
    if (h === 'otherStreet') {
      const street = d.regionCode.slice(0, 9);
      const own = this.org.streetOffices.get(street);
      if (own && street !== NANSHAN_STREET) return own.id;
      const other = [...this.org.streetOffices.entries()].find(([code]) => code !== NANSHAN_STREET);
      return (other?.[1] ?? { id: this.org.units.government }).id;
    }
    const key = h ? HANDLER_UNIT[h] : undefined;
    if (!key) throw new Error(`matter ${d.spec.key} has no handling unit`);
    return this.org.units[key];
  }

  private id(d: Draft): number {
    if (d.id === null) throw new Error(`matter ${d.spec.key} is not registered`);
    return d.id;
  }

  private date(at: Date, plusDays = 0): string {
    return addCalendarDays(localDateOf(at), plusDays);
  }

  async run(step: PlannedStep, d: Draft): Promise<void> {
    const cmd = matterCommands;
    const ctx = this.ctx;
    const actor = this.actor(step.actor);
    const text = d.text;
    if (['accept', 'accept_wrong', 'forward', 'hand_down'].includes(step.kind))
      await this.identifyReportedUnit(d);
    switch (step.kind) {
      case 'register':
        return this.register(step, d);
      case 'accept_wrong':
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'accept',
          leadUnitId: this.org.units[wrongUnitOf(d.spec)],
          note: '请按期办理并书面答复信访人。',
        });
        return;
      case 'object':
        await cmd.object(ctx, actor, this.id(d), {
          reason: `经核查，该事项反映的“${cleanText(text.subject, 40)}”问题不属于本单位法定职责范围，建议交由${this.org.unitNames[HANDLER_UNIT[d.spec.handler ?? 'housing'] ?? 'housing']}办理。`,
        });
        return;
      case 'accept': {
        const lead = this.unitFor(d);
        const level1 = text.categoryCode.split('.')[0] ?? '';
        const coKey = d.spec.handler === 'street' ? CO_UNIT[level1] : undefined;
        const co = coKey && coKey !== d.reportedUnit ? [this.org.units[coKey]] : [];
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'accept',
          leadUnitId: lead,
          coUnitIds: co,
          categoryCode: text.categoryCode,
          note: co.length > 0 ? '属地管理：由街道牵头办理，主管部门配合。' : '请按期办理并书面答复信访人。',
        });
        return;
      }
      case 'forward':
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'forward',
          unitId: this.unitFor(d),
          note: '依照“谁主管、谁负责”原则转送有权处理机关。',
        });
        return;
      case 'hand_down':
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'hand_down',
          unitId: this.unitFor(d),
          note: '请依法处理并按期报告办理结果。',
        });
        return;
      case 'not_accept':
        await cmd.decide(ctx, actor, this.id(d), this.notAccept(d));
        return;
      case 'merge': {
        const original = d.spec.repeat ? this.drafts.get(d.spec.repeat.of) : undefined;
        if (!original?.id)
          throw new AppError('conflict', '原事项未登记', 'the original matter was not registered');
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'merge',
          intoMatterId: original.id,
          note: `同一信访人就同一事项重复反映，并入${original.caseNumber ?? '原事项'}办理。`,
        });
        return;
      }
      case 'sign_for':
        await cmd.signFor(ctx, actor, this.id(d));
        return;
      case 'note':
        await cmd.addNote(ctx, actor, this.id(d), {
          note: OFFICER_NOTES[step.at.getTime() % OFFICER_NOTES.length] ?? '已联系信访人。',
        });
        return;
      case 'leader_note':
        await cmd.addNote(ctx, actor, this.id(d), {
          note: `领导批示：${LEADER_NOTES[step.at.getTime() % LEADER_NOTES.length] ?? ''}`,
        });
        return;
      case 'extend':
        await cmd.extend(ctx, actor, this.id(d), {
          days: step.days ?? 30,
          reason: '案情复杂，涉及多个部门，需进一步调查核实并组织协调。',
        });
        return;
      case 'reply':
        await cmd.reply(ctx, actor, this.id(d), {
          outcome: text.reply.outcome,
          facts: text.reply.facts,
          legalBasis: text.reply.legalBasis,
          body: text.reply.body,
        });
        return;
      case 'rate': {
        const rating = d.spec.rating ?? 'satisfied';
        await cmd.rate(
          ctx,
          actor,
          this.id(d),
          rating === 'unsatisfied' ? { rating, comment: '问题没有得到实际解决。' } : { rating },
        );
        return;
      }
      case 'request_review':
        await cmd.requestReview(ctx, actor, this.id(d), {
          reason: '对处理意见不服，认为调查不充分、认定事实不清，请求上一级机关复查。',
        });
        return;
      case 'decide_review':
        await cmd.decideReview(ctx, actor, this.id(d), {
          outcome: step.at.getTime() % 4 === 0 ? 'changed' : 'upheld',
          facts: '经复查，原处理意见认定事实基本清楚，复查机关调阅了办理材料并听取了信访人和承办单位的意见。',
          legalBasis: '《信访工作条例》第三十五条',
        });
        return;
      case 'request_recheck':
        await cmd.requestRecheck(ctx, actor, this.id(d), { reason: '对复查意见仍不服，请求复核。' });
        return;
      case 'decide_recheck':
        await cmd.decideRecheck(ctx, actor, this.id(d), {
          outcome: 'upheld',
          facts: '经复核，复查意见认定事实清楚、适用依据正确、程序合法，予以维持。',
          legalBasis: '《信访工作条例》第三十六条',
        });
        return;
      case 'conclude':
        await cmd.conclude(ctx, actor, this.id(d), {
          note: '复核终结：信访人以同一事实和理由再次提出的，不再受理。',
        });
        return;
      case 'close':
        await cmd.close(ctx, actor, this.id(d), { note: '信访人在法定期限内未申请复查（复核），予以办结。' });
        return;
    }
  }

  private async register(step: PlannedStep, d: Draft): Promise<void> {
    const spec = d.spec;
    const original = spec.repeat ? this.drafts.get(spec.repeat.of) : undefined;
    let subject = d.text.subject;
    let content = d.text.content;
    if (original) {
      const ref = original.caseNumber ? `（${original.caseNumber}）` : '';
      subject = cleanText(`再次反映：${subject}`, 200);
      const lead =
        spec.repeat?.mode === 'higher_level'
          ? `此事已向南山区反映${ref}，至今没有结果，现到市里反映。`
          : `本人曾于${original.timeline.steps[0] ? localDateOf(original.timeline.steps[0].at) : '此前'}反映此问题${ref}，现再次反映。`;
      content = cleanText(`${lead}\n${content}`, 20_000);
    }
    const misconduct = d.reportedUnit !== null;
    // Online, the petitioner names the unit in their own words; the registrar identifies it later.
    const online = spec.channel === 'web';
    const input = parseOrThrow(RegisterMatterInput, {
      channel: spec.channel,
      purpose: misconduct ? 'accusation' : d.text.purpose,
      ...(spec.channel === 'web' ? {} : { categoryCode: d.text.categoryCode }),
      subject,
      content,
      regionCode: d.regionCode,
      ...(misconduct && d.reportedUnit
        ? {
            ...(online ? {} : { reportedUnitId: this.org.units[d.reportedUnit] }),
            isMisconductReport: true,
            target: online
              ? this.org.unitNames[d.reportedUnit].replace('住房和建设', '住建')
              : this.org.unitNames[d.reportedUnit],
          }
        : {}),
      receivedAt: d.timeline.receivedAt.toISOString(),
      ...(d.headCount ? { headCount: d.headCount } : {}),
      petitioners: d.petitioners,
      ...(spec.channel === 'handed_down'
        ? { handedDownFrom: '深圳市信访局', externalDueDate: this.date(step.at, 30) }
        : {}),
    });
    const { matter } = await registerMatter(this.ctx, this.registeringActor(step.actor), input, null);
    d.id = matter.id;
    d.caseNumber = matter.caseNumber;
    d.unidentified = misconduct && online;
  }

  /** The registrar confirms whom an online report of misconduct is about before routing it. */
  private async identifyReportedUnit(d: Draft): Promise<void> {
    if (!d.unidentified || !d.reportedUnit) return;
    // Online petitions are registered by the district bureau, whose registrar confirms the unit.
    await matterCommands.identifyReportedUnit(this.ctx, this.actor('registrar'), this.id(d), {
      unitId: this.org.units[d.reportedUnit],
      note: '经核实，信访人反映的单位即为该单位。',
    });
    d.unidentified = false;
  }

  private notAccept(d: Draft) {
    const na = d.spec.notAccept ?? { reason: 'other' as const };
    const original = d.spec.repeat ? this.drafts.get(d.spec.repeat.of) : undefined;
    const explanations: Record<string, string> = {
      lawful_channel:
        na.lawfulChannel === 'labour_arbitration'
          ? '您反映的劳动合同解除及经济补偿问题属于劳动争议，依法应当先向劳动人事争议仲裁委员会申请仲裁（《中华人民共和国劳动争议调解仲裁法》第五条），本机关不予受理。'
          : '您反映的事项已由人民法院作出判决（裁定），属于诉讼程序解决的范围。根据诉访分离的规定，请依照《中华人民共和国民事诉讼法》通过上诉或申请再审解决，本机关不予受理。',
      outside_remit:
        '您反映的问题发生在罗湖区，不属于本机关的管辖范围，请向罗湖区信访局或有权处理的机关反映。',
      already_concluded: `您反映的问题${original?.caseNumber ? `（${original.caseNumber}）` : ''}已经复核并依法终结，根据《信访工作条例》第三十六条，以同一事实和理由提出的信访事项不再受理。`,
      under_handling_elsewhere: `您反映的问题南山区有关部门正在依法办理${original?.caseNumber ? `（${original.caseNumber}）` : ''}。根据《信访工作条例》第十九条，本机关不再重复受理，请等待办理结果。`,
      other: '经审查，该事项不属于信访事项受理范围。',
    };
    return {
      decision: 'not_accept' as const,
      reason: na.reason,
      ...(na.lawfulChannel ? { lawfulChannel: na.lawfulChannel } : {}),
      explanation: explanations[na.reason] ?? explanations.other,
    };
  }
}

/** Usernames the demo creates, for the CLI's message. */
export const DEMO_USERNAMES: readonly string[] = USER_SEEDS.map((u) => u.username);
