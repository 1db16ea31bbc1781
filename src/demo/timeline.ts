import { addCalendarDays, localDateOf, startOfLocalDay, type WorkingCalendar } from '../calendar/index.ts';
import type { TimeLimit } from '../deadlines/calendar-provider.ts';
import { deadlineBadge, planDeadline } from '../deadlines/plan.ts';
import { handlingLimitKind } from '../lifecycle/commands/helpers.ts';
import type { Rng } from '../text/random.ts';
import { demoData } from './data.ts';
import type { ActorKey, StepKind } from './data-schema.ts';
import type { Handler, MatterSpec, RepeatSpec } from './plan.ts';

/**
 * When each step of a demo matter happens. Staff act on working days in office hours (Beijing
 * time), petitioners at any time; every step lands in its lawful window (a review is asked before
 * the 30 days run out, a matter is closed only after them), and matters that should still be open
 * at the end are placed so that they are. Computed with the same calendar and limits as the services.
 */

export type { ActorKey, StepKind } from './data-schema.ts';

/** Who acts and when the key step falls (data/timeline.json). */
const TL = demoData('timeline.json');

export interface PlannedStep {
  key: number;
  at: Date;
  kind: StepKind;
  actor: ActorKey;
  /** Extension days for `extend`. */
  days?: number;
  /** For `own`: each plan step's owner and due date, in days after the step. */
  plan?: { owner: ActorKey; dueDays: number }[];
  /** For `own_report`: which plan step (from 0) and whether it is reported done. */
  report?: { step: number; done: boolean };
}

export interface Timeline {
  key: number;
  receivedAt: Date;
  steps: PlannedStep[];
  /** The matter's review window lapses and the deadline scanner closes it. */
  closedByScanner: boolean;
  /** When the matter's last step happens (for a repeat lodged after it ended). */
  endAt: Date;
}

export interface TimelineEnv {
  calendar: WorkingCalendar;
  limits: ReadonlyMap<string, TimeLimit>;
  now: Date;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OFFICE_OPENS = 9 * HOUR;
const OFFICE_HOURS = 7 * HOUR; // start a task by 16:00, well before the evening deadline scan
/** The simulated deadline scanner runs every evening at this local time. */
export const SCAN_LOCAL_TIME = 18.5 * HOUR;

/** Replays the same random numbers, so a timeline can be rebuilt at another start with the same gaps. */
class Tape {
  private readonly values: number[] = [];
  private i = 0;
  constructor(private readonly rng: Rng) {}
  next(): number {
    if (this.i >= this.values.length) this.values.push(this.rng.next());
    return this.values[this.i++] as number;
  }
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }
  rewind() {
    this.i = 0;
  }
}

/** The instant itself if it is in office hours of a working day, else the next office hours. */
export function officeTime(at: Date, calendar: WorkingCalendar, r: number): Date {
  const date = localDateOf(at);
  const start = startOfLocalDay(date).getTime();
  const local = at.getTime() - start;
  if (calendar.isWorkingDay(date) && local >= OFFICE_OPENS && local <= OFFICE_OPENS + OFFICE_HOURS) return at;
  if (calendar.isWorkingDay(date) && local < OFFICE_OPENS)
    return new Date(start + OFFICE_OPENS + r * 2 * HOUR);
  const next = calendar.nextWorkingDayOnOrAfter(addCalendarDays(date, 1));
  return new Date(startOfLocalDay(next).getTime() + OFFICE_OPENS + r * OFFICE_HOURS);
}

/** Petitioners act at any time of day, but not in the small hours: those move to the morning. */
export function awakeTime(at: Date, r: number): Date {
  const start = startOfLocalDay(localDateOf(at)).getTime();
  const local = at.getTime() - start;
  if (local < 7 * HOUR) return new Date(start + 7 * HOUR + r * 3 * HOUR);
  if (local > 23 * HOUR) return new Date(start + DAY + 7 * HOUR + r * 3 * HOUR);
  return at;
}

const replierOf = (h: Handler): ActorKey => (h === 'housing' ? 'unithead' : (TL.signedBy[h] ?? 'unithead'));
/** 复查 by the body above the handling unit: the district for a street office, the city for a district unit. */
const reviewerOf = (h: Handler): ActorKey => (h === 'street' ? 'leader' : 'cityhead');
const recheckerOf = (reviewer: ActorKey): ActorKey => (reviewer === 'leader' ? 'cityhead' : 'provhead');

/** Whether the objection side path applies: the district bureau decided and a department with staff was wrongly picked. */
export const objectionApplies = (spec: MatterSpec) =>
  spec.objectFirst &&
  spec.entry === 'accept' &&
  ['bureau', 'web', 'leader'].includes(spec.registrar) &&
  spec.handler !== null &&
  spec.handler !== 'discipline';

/** The department first (wrongly) given a matter that objects: the labour bureau for housing matters, else housing. */
export const wrongUnitOf = (spec: MatterSpec): 'housing' | 'labour' =>
  spec.handler === 'housing' ? 'labour' : 'housing';

interface Built {
  timeline: Timeline;
  anchorAt: Date | null;
  problems: string[];
}

function limitOf(env: TimelineEnv, kind: string): TimeLimit {
  const l = env.limits.get(kind);
  if (!l) throw new Error(`time limit '${kind}' is not configured`);
  return l;
}

function anchorKind(spec: MatterSpec): StepKind {
  if (spec.final === 'closed') return spec.viaReview ? 'decide_review' : 'reply';
  if (spec.final === 'in_handling')
    return spec.entry === 'forward' ? 'sign_for' : objectionApplies(spec) ? 'accept' : spec.entry;
  return TL.anchorStep[spec.final] ?? 'register';
}

/** Days before now where the anchor step should fall: [earliest, latest]. */
function anchorRange(spec: MatterSpec): readonly [number, number] {
  const d = TL.anchorDays[spec.final];
  return (
    (spec.extend ? d.extended : undefined) ??
    (spec.age !== 'any' ? d[spec.age] : undefined) ??
    (TL.staffedHandlers.includes(spec.handler ?? 'otherStreet') ? d.staffed : undefined) ??
    (spec.viaReview ? d.viaReview : undefined) ??
    d.any
  );
}

/** What a later repeat needs of this matter: the step it follows must leave it room before now. */
export type RepeatNeed = RepeatSpec['mode'];

function build(
  spec: MatterSpec,
  t0: Date,
  tape: Tape,
  snaps: Tape,
  env: TimelineEnv,
  needs: readonly RepeatNeed[],
): Built {
  tape.rewind();
  snaps.rewind();
  const { calendar, now } = env;
  const steps: PlannedStep[] = [];
  const problems: string[] = [];
  let c = t0;
  let closedByScanner = false;
  let endAt = t0;
  const push = (kind: StepKind, actor: ActorKey, at: Date, extra: Partial<PlannedStep> = {}) => {
    const t = new Date(Math.max(at.getTime(), c.getTime() + 10 * MINUTE));
    steps.push({ key: spec.key, at: t, kind, actor, ...extra });
    c = t;
    endAt = t;
    return t;
  };
  const staff = (minDays: number, maxDays: number) =>
    officeTime(
      new Date(c.getTime() + tape.uniform(minDays, maxDays) * DAY + 10 * MINUTE),
      calendar,
      snaps.next(),
    );
  const anyTime = (minDays: number, maxDays: number) =>
    awakeTime(new Date(c.getTime() + tape.uniform(minDays, maxDays) * DAY + 10 * MINUTE), snaps.next());
  const byPetitioner = (kind: StepKind, minDays: number, maxDays: number) => {
    if (tape.next() < 0.25) push(kind, 'registrar', staff(minDays, maxDays));
    else push(kind, 'petitioner', anyTime(minDays, maxDays));
  };
  /** Closes after a petitioner's window: by the registrar the next morning, or by the evening scan. */
  const closeAfter = (windowStart: Date, kind: string) => {
    const due = planDeadline(calendar, limitOf(env, kind), windowStart);
    const dayAfter = addCalendarDays(due.dueDate, 1);
    if (calendar.isWorkingDay(dayAfter) && tape.next() < 0.6) {
      push(
        'close',
        'registrar',
        new Date(startOfLocalDay(dayAfter).getTime() + OFFICE_OPENS + snaps.next() * OFFICE_HOURS),
      );
    } else {
      closedByScanner = true;
      endAt = new Date(startOfLocalDay(dayAfter).getTime() + SCAN_LOCAL_TIME);
      if (due.dueAt >= now) problems.push('the review window is still open at the end');
    }
  };

  const decider = TL.decidedBy[spec.registrar];
  const registerAt =
    spec.registrar === 'web' ? awakeTime(t0, snaps.next()) : officeTime(t0, calendar, snaps.next());
  push('register', TL.registeredBy[spec.registrar], registerAt);
  const receivedAt =
    spec.channel === 'letter' ? new Date(registerAt.getTime() - tape.uniform(0, 3) * HOUR) : registerAt;

  if (spec.final === 'registered') return finish();
  if (spec.repeat?.mode === 'merge') {
    push('merge', decider, staff(0.1, 3));
    return finish();
  }
  if (spec.final === 'not_accepted') {
    push('not_accept', decider, staff(0.3, 6));
    return finish();
  }
  const handler = spec.handler;
  if (handler === null) {
    problems.push('no handler');
    return finish();
  }
  let handlingStart: Date | null = null;
  if (objectionApplies(spec)) {
    const wrongAt = push('accept_wrong', decider, staff(0.5, 4));
    const objectAt = push('object', wrongUnitOf(spec) === 'labour' ? 'labour' : 'officer', staff(0.2, 2.5));
    const window = planDeadline(calendar, limitOf(env, 'objection'), wrongAt);
    if (objectAt > window.dueAt) problems.push('objection after its window');
    handlingStart = push('accept', decider, staff(0.2, 2));
  } else {
    const at = push(spec.entry, decider, staff(0.5, 5));
    if (spec.entry !== 'forward') handlingStart = at;
  }
  if (spec.leaderNote) push('instruct', 'leader', staff(0.2, 3));
  if (spec.final === 'accepted' || spec.final === 'forwarded' || spec.final === 'handed_down')
    return finish();

  const signer = TL.signedBy[handler];
  if (!signer) {
    problems.push(`nobody signs for ${handler}`);
    return finish();
  }
  const signedAt = push('sign_for', signer, staff(0.1, 3));
  handlingStart ??= signedAt;
  if (tape.next() < 0.3) push('note', signer, staff(1, 8));
  const replier = replierOf(handler);
  let extensionDays = 0;
  if (spec.extend) {
    extensionDays = 10 + Math.floor(tape.next() * 21);
    push('extend', replier, staff(spec.final === 'in_handling' ? 20 : 25, 45), { days: extensionDays });
  }
  if (spec.final === 'in_handling') {
    if (spec.age !== 'any') {
      const kind = handlingLimitKind(spec.topic === 'misconduct' ? 'accusation' : 'request');
      const limit = limitOf(env, kind);
      const plan = planDeadline(calendar, limit, handlingStart, limit.amount + extensionDays);
      const badge = deadlineBadge(now, plan);
      if (badge !== (spec.age === 'recent' ? 'on_time' : spec.age))
        problems.push(`handling limit is ${badge}, wanted ${spec.age}`);
    }
    // 督查督办: the bureau's supervisor puts a card on each matter still in handling, two, eight or
    // thirty days ago (by the matter's key, so that cards are seen at every level: the evening scans
    // escalate those nobody answers). No tape is drawn: the other timelines stay as they were.
    const back = [2, 8, 30][spec.key % 3]! * DAY;
    const cardAt = officeTime(new Date(Math.max(c.getTime() + DAY, now.getTime() - back)), calendar, 0.3);
    if (cardAt.getTime() < now.getTime() - DAY) push('supervise', 'supervisor', cardAt);
    return finish();
  }

  const long =
    ['reviewed', 'recheck_requested', 'rechecked', 'concluded'].includes(spec.final) || spec.viaReview;
  const replyAt = push('reply', replier, long ? staff(6, 25) : staff(8, 45));
  const reviewWindow = planDeadline(calendar, limitOf(env, 'review_request'), replyAt);
  if (spec.rating) {
    byPetitioner('rate', 0.3, 8);
    if (c >= reviewWindow.dueAt) problems.push('rated after the review window');
    // 回访: the bureau phones the petitioner in office hours after the rating. No tape is drawn and
    // the cursor stays, so the matter's other steps keep their times.
    const followAt = officeTime(new Date(c.getTime() + DAY), calendar, 0.4);
    if (followAt < now) steps.push({ key: spec.key, at: followAt, kind: 'follow_up', actor: 'registrar' });
  }
  if (spec.final === 'replied' || spec.final === 'evaluated') {
    if (reviewWindow.dueAt <= now) problems.push('review window lapses before the end');
    return finish();
  }
  if (spec.final === 'closed' && !spec.viaReview) {
    closeAfter(replyAt, 'review_request');
    return finish();
  }
  byPetitioner('request_review', 2, 24);
  if (c >= reviewWindow.dueAt) problems.push('review asked after its window');
  if (spec.final === 'review_requested') return finish();
  const reviewer = reviewerOf(handler);
  const reviewedAt = push('decide_review', reviewer, staff(5, 25));
  const recheckWindow = planDeadline(calendar, limitOf(env, 'recheck_request'), reviewedAt);
  if (spec.final === 'reviewed') {
    if (recheckWindow.dueAt <= now) problems.push('second-review window lapses before the end');
    return finish();
  }
  if (spec.final === 'closed') {
    closeAfter(reviewedAt, 'recheck_request');
    return finish();
  }
  byPetitioner('request_recheck', 2, 24);
  if (c >= recheckWindow.dueAt) problems.push('second review asked after its window');
  if (spec.final === 'recheck_requested') return finish();
  const rechecker = recheckerOf(reviewer);
  push('decide_recheck', rechecker, staff(5, 25));
  if (spec.final === 'rechecked') return finish();
  push('conclude', rechecker, staff(1, 7));
  return finish();

  function finish(): Built {
    const want = anchorKind(spec);
    const anchor = steps.find((s) => s.kind === want) ?? null;
    if (spec.final === 'registered' && spec.age !== 'any') {
      const plan = planDeadline(calendar, limitOf(env, 'acceptance'), receivedAt);
      const badge = deadlineBadge(now, plan);
      if (badge !== (spec.age === 'recent' ? 'on_time' : spec.age))
        problems.push(`acceptance limit is ${badge}, wanted ${spec.age}`);
    }
    if (steps.some((s) => s.at.getTime() > now.getTime() - 30 * MINUTE))
      problems.push('a step falls after now');
    const timeline: Timeline = { key: spec.key, receivedAt, steps, closedByScanner, endAt };
    for (const need of needs) {
      const bound = repeatLowerBound(need, timeline);
      if (!bound || bound.getTime() > now.getTime() - (need === 'merge' ? 7 : 14) * DAY)
        problems.push(`no room for a later repeat (${need})`);
    }
    return { timeline, anchorAt: anchor?.at ?? null, problems };
  }
}

/** The earliest registration a repeat may have, given its original's timeline. */
function repeatLowerBound(mode: RepeatNeed, original: Timeline): Date | null {
  const first = original.steps[0];
  if (!first) return null;
  if (mode === 'merge') return new Date(first.at.getTime() + DAY);
  if (mode === 'after_end') return new Date(original.endAt.getTime() + DAY);
  const start = original.steps.find((s) => ['accept', 'forward', 'hand_down'].includes(s.kind));
  return start ? new Date(start.at.getTime() + 2 * DAY) : null;
}

/**
 * Plans a matter's steps: draws the gaps, places the anchor step in its range, and retries with
 * fresh draws until every constraint holds; if random placement keeps failing (a long holiday can
 * leave little room), the range is swept in quarter days. Returns null when nothing works; the
 * caller then leaves the matter out and says so.
 */
export function planTimeline(
  spec: MatterSpec,
  env: TimelineEnv,
  rng: Rng,
  original?: Timeline,
  needs: readonly RepeatNeed[] = [],
): Timeline | null {
  // Around long holidays a limit can be unable to be in its warning window on the day: then any age will do.
  return (
    placeTimeline(spec, env, rng, original, needs) ??
    (spec.age !== 'any' ? placeTimeline({ ...spec, age: 'any' }, env, rng, original, needs) : null)
  );
}

function placeTimeline(
  spec: MatterSpec,
  env: TimelineEnv,
  rng: Rng,
  original?: Timeline,
  needs: readonly RepeatNeed[] = [],
): Timeline | null {
  const now = env.now.getTime();
  const earliestStart = now - 200 * DAY;
  /** Builds with the anchor step (or, for a repeat, the registration) near `target`. */
  const attempt = (target: number): Timeline | null => {
    const tape = new Tape(rng);
    const snaps = new Tape(rng);
    let t0 = target;
    if (!spec.repeat) {
      const probe = build(spec, new Date(earliestStart), tape, snaps, env, []);
      t0 = target - (probe.anchorAt ? probe.anchorAt.getTime() - earliestStart : 0);
    }
    if (t0 < earliestStart) return null;
    const built = build(spec, new Date(t0), tape, snaps, env, needs);
    return built.problems.length === 0 ? built.timeline : null;
  };

  let lo: number;
  let hi: number;
  if (spec.repeat) {
    const lower = original ? repeatLowerBound(spec.repeat.mode, original) : null;
    if (!lower) return null;
    lo = lower.getTime();
    hi = Math.min(now - 1.5 * DAY, lo + 20 * DAY);
    if (lo > hi) return null;
  } else {
    const [earliest, latest] = anchorRange(spec);
    lo = now - earliest * DAY;
    hi = now - latest * DAY;
  }
  for (let i = 0; i < 60; i++) {
    const t = attempt(lo + rng.next() * (hi - lo));
    if (t) return t;
  }
  // Sweep, widening the range for placements that are only possible a little outside it.
  const widen = spec.repeat ? 0 : Math.max((hi - lo) / 2, 10 * DAY);
  for (let target = hi; target >= lo - widen; target -= DAY / 4) {
    const t = attempt(target);
    if (t) return t;
  }
  return null;
}
