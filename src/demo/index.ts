import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { loadStaffUser } from '../auth/sessions.ts';
import { issueUnitCard } from '../supervision/card.commands.ts';
import { unitCardCandidates } from '../supervision/card.queries.ts';
import { UNIT_CARD_MATTERS_MAX } from '../shared/supervision.schema.ts';
import { addCalendarDays, localDateOf, startOfLocalDay } from '../calendar/index.ts';
import { scanDeadlines } from '../deadlines/scanner.ts';
import { saveUnitTargets } from '../analytics/scorecard-settings.ts';
import { AppError } from '../errors/app-error.ts';
import { matterCommands } from '../lifecycle/matter-commands.ts';
import { seedReferenceData } from '../org/reference-data.ts';
import { textDataDir } from '../text/dataset.ts';
import { createRng } from '../text/random.ts';
import { demoData } from './data.ts';
import { makeDraft, type Draft } from './drafts.ts';
import { conflictingUsers, seedDemoOrg, USER_SEEDS, type DemoOrg, type UnitKey } from './org.ts';
import { PeopleFactory } from './people.ts';
import { planMatters } from './plan.ts';
import { planOwnerships } from './ownership-plan.ts';
import { StepRunner } from './steps.ts';
import { seedCampaigns } from './campaigns.ts';
import { seedMeetings } from './meetings.ts';
import { TextPool } from './texts.ts';
import { seedReception } from './reception.ts';
import { planTimeline, SCAN_LOCAL_TIME, type RepeatNeed, type Timeline } from './timeline.ts';
import { seedAssessment } from './assessment.ts';

export { DEMO_PASSWORD } from './org.ts';

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
  planOwnerships(specs, timelines, calendar, now);
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

  await issueBacklogCard(sim, org, now, problems);
  await seedTargets(ctx, org, now);
  // — issue 14 · reception days —
  await seedReception(ctx, org, createRng(SEED + 14), problems);
  // — issue 14 · backlog and campaigns —
  await seedCampaigns(sim, org, now, problems);
  // — issue 14 · joint meetings —
  await seedMeetings(ctx, org, now, problems);
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
  await seedAssessment(ctx, org, now, problems);

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

/**
 * 对单位督办: the bureau's supervisor puts one card on the handling unit with the most overdue
 * matters in hand (or the most in hand), naming those matters, so the demo has a card on a unit's set beside the cards on
 * single matters.
 */
async function issueBacklogCard(ctx: AppContext, org: DemoOrg, now: Date, problems: string[]) {
  const supervisor = org.users.get('supervisor');
  if (!supervisor) return;
  // The unit with the most overdue matters in hand, or, where none is overdue, the most in hand.
  let best: { unitId: number; ids: number[]; rank: number } | null = null;
  for (const [key, unitId] of Object.entries(org.units)) {
    if (key === 'bureau') continue;
    const { items } = await unitCardCandidates(ctx, supervisor, unitId);
    const overdue = items.filter((m) => m.overdue).map((m) => m.id);
    const ids = overdue.length >= 2 ? overdue : items.map((m) => m.id);
    const rank = overdue.length * 1000 + items.length;
    if (ids.length >= 2 && rank > (best?.rank ?? 0)) best = { unitId, ids, rank };
  }
  if (!best) return;
  try {
    await issueUnitCard(
      ctx,
      { kind: 'staff', user: supervisor },
      {
        unitId: best.unitId,
        matterIds: best.ids.slice(0, UNIT_CARD_MATTERS_MAX),
        reason: W.unitCard.reason,
        demand: W.unitCard.demand,
        level: 'yellow',
        answerBy: addCalendarDays(localDateOf(now), 7),
      },
    );
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problems.push(`card on a unit refused: ${err.messageEn}`);
  }
}

/**
 * This year's and last year's targets of the bureau itself, as an administrator enters them (the
 * departments' come from their letters, seedAssessment), so the scorecards show gaps. A unit's row is
 * set only where none is yet (a second demo load keeps what an administrator changed).
 */
async function seedTargets(ctx: AppContext, org: DemoOrg, now: Date): Promise<void> {
  const admin = org.users.get('admin');
  if (!admin) return;
  const actor = { kind: 'staff' as const, userId: admin.id, unitId: admin.unit.id };
  const year = Number(localDateOf(now).slice(0, 4));
  // The departments' targets come from their responsibility letters (seedAssessment); the bureau,
  // which issues the letters, has its own entered here.
  const keysWithTargets: UnitKey[] = ['bureau'];
  for (const y of [year - 1, year])
    for (const [i, key] of keysWithTargets.entries()) {
      const unitId = org.units[key];
      const existing = await ctx.db
        .selectFrom('unit_targets')
        .select('unit_id')
        .where('unit_id', '=', unitId)
        .where('year', '=', y)
        .executeTakeFirst();
      if (existing) continue;
      // 按期办结率 and 及时受理率 are set at 95–98 %, 满意率 at 85–90 %, 参评率 at 80 %.
      await saveUnitTargets(ctx, actor, unitId, y, {
        targets: {
          on_time_acceptance: 0.98,
          on_time_completion: 0.95 + (i % 3) * 0.01,
          satisfaction: 0.85 + (i % 2) * 0.05,
          rating_rate: 0.8,
        },
      });
    }
}

/** Usernames the demo creates, for the CLI's message. */
export const DEMO_USERNAMES: readonly string[] = USER_SEEDS.map((u) => u.username);
