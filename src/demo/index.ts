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
import { demoData, fillIn } from './data.ts';
import { ORGANISATION_SUFFIXES, PeopleFactory } from './people.ts';
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

const ORG = demoData('org.json');
/** What staff and petitioners write along the way (data/wording.json). */
const W = demoData('wording.json');

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
        reason: W.suspension,
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
  if (spec.place === 'outside') regionCode = ORG.outsideRegion;
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
          note: W.decisionNotes.accept,
        });
        return;
      case 'object':
        await cmd.object(ctx, actor, this.id(d), {
          reason: fillIn(W.objection, {
            subject: cleanText(text.subject, 40),
            unit: this.org.unitNames[HANDLER_UNIT[d.spec.handler ?? 'housing'] ?? 'housing'],
          }),
        });
        return;
      case 'accept': {
        const lead = this.unitFor(d);
        const level1 = text.categoryCode.split('.')[0] ?? '';
        const coKey = d.spec.handler === 'street' ? ORG.coUnitByCategory[level1] : undefined;
        const co = coKey && coKey !== d.reportedUnit ? [this.org.units[coKey]] : [];
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'accept',
          leadUnitId: lead,
          coUnitIds: co,
          categoryCode: text.categoryCode,
          note: co.length > 0 ? W.decisionNotes.acceptWithCoUnits : W.decisionNotes.accept,
        });
        return;
      }
      case 'forward':
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'forward',
          unitId: this.unitFor(d),
          note: W.decisionNotes.forward,
        });
        return;
      case 'hand_down':
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'hand_down',
          unitId: this.unitFor(d),
          note: W.decisionNotes.handDown,
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
          note: fillIn(W.decisionNotes.merge, { original: original.caseNumber ?? W.repeat.unknownCase }),
        });
        return;
      }
      case 'sign_for':
        await cmd.signFor(ctx, actor, this.id(d));
        return;
      case 'note':
        await cmd.addNote(ctx, actor, this.id(d), {
          note: W.officerNotes[step.at.getTime() % W.officerNotes.length] ?? '',
        });
        return;
      case 'leader_note':
        await cmd.addNote(ctx, actor, this.id(d), {
          note: W.leaderNotePrefix + (W.leaderNotes[step.at.getTime() % W.leaderNotes.length] ?? ''),
        });
        return;
      case 'extend':
        await cmd.extend(ctx, actor, this.id(d), {
          days: step.days ?? 30,
          reason: W.extension,
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
          rating === 'unsatisfied' ? { rating, comment: W.unsatisfiedComment } : { rating },
        );
        return;
      }
      case 'request_review':
        await cmd.requestReview(ctx, actor, this.id(d), { reason: W.reviewRequest });
        return;
      case 'decide_review':
        await cmd.decideReview(ctx, actor, this.id(d), {
          outcome: step.at.getTime() % 4 === 0 ? 'changed' : 'upheld',
          ...W.review,
        });
        return;
      case 'request_recheck':
        await cmd.requestRecheck(ctx, actor, this.id(d), { reason: W.recheckRequest });
        return;
      case 'decide_recheck':
        await cmd.decideRecheck(ctx, actor, this.id(d), { outcome: 'upheld', ...W.recheck });
        return;
      case 'conclude':
        await cmd.conclude(ctx, actor, this.id(d), { note: W.conclusion });
        return;
      case 'close':
        await cmd.close(ctx, actor, this.id(d), { note: W.closing });
        return;
    }
  }

  private async register(step: PlannedStep, d: Draft): Promise<void> {
    const spec = d.spec;
    const original = spec.repeat ? this.drafts.get(spec.repeat.of) : undefined;
    let subject = d.text.subject;
    let content = d.text.content;
    if (original) {
      const ref = caseRef(original.caseNumber);
      subject = cleanText(fillIn(W.repeat.subject, { subject }), 200);
      const first = original.timeline.steps[0];
      const lead =
        spec.repeat?.mode === 'higher_level'
          ? fillIn(W.repeat.higherLevel, { ref })
          : fillIn(W.repeat.again, { ref, date: first ? localDateOf(first.at) : W.repeat.unknownDate });
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
            target: online ? this.org.spokenNames[d.reportedUnit] : this.org.unitNames[d.reportedUnit],
          }
        : {}),
      receivedAt: d.timeline.receivedAt.toISOString(),
      ...(d.headCount ? { headCount: d.headCount } : {}),
      petitioners: d.petitioners,
      ...(spec.channel === 'handed_down'
        ? { handedDownFrom: W.handedDownFrom, externalDueDate: this.date(step.at, 30) }
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
      note: W.identifyReportedUnit,
    });
    d.unidentified = false;
  }

  private notAccept(d: Draft) {
    const na = d.spec.notAccept ?? { reason: 'other' as const };
    const original = d.spec.repeat ? this.drafts.get(d.spec.repeat.of) : undefined;
    const explanation =
      na.reason === 'lawful_channel'
        ? W.notAccepted[na.lawfulChannel === 'labour_arbitration' ? 'labour_arbitration' : 'litigation']
        : fillIn(W.notAccepted[na.reason as keyof typeof W.notAccepted] ?? W.notAccepted.other, {
            ref: caseRef(original?.caseNumber ?? null),
          });
    return {
      decision: 'not_accept' as const,
      reason: na.reason,
      ...(na.lawfulChannel ? { lawfulChannel: na.lawfulChannel } : {}),
      explanation,
    };
  }
}

/** `（case number）` after a mention of an earlier matter, or nothing when it has none. */
function caseRef(caseNumber: string | null): string {
  return caseNumber ? fillIn(W.repeat.caseRef, { caseNumber }) : '';
}

/** Usernames the demo creates, for the CLI's message. */
export const DEMO_USERNAMES: readonly string[] = USER_SEEDS.map((u) => u.username);
