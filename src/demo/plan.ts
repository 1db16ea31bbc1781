import type { Channel, LawfulChannel, MatterState, NotAcceptedReason, Rating } from '../shared/enums.ts';
import type { Rng } from '../text/random.ts';
import { demoData } from './data.ts';
import type { Handler, PlanEntry, Registrar, Topic } from './data-schema.ts';

/**
 * What each demo matter will go through, decided before any time or text is chosen: its final
 * state, channel, who registers it, who handles it and the side paths (objection, extension,
 * review, repeats). Pure, so the coverage of the small demo is testable without a database. The
 * small demo's entries and the full demo's proportions are in data/plan.json.
 */

export type { Handler, Registrar } from './data-schema.ts';

const PLAN = demoData('plan.json');
const CHANCE = PLAN.chances;

export type Entry = 'accept' | 'forward' | 'hand_down';

export interface RepeatSpec {
  of: number;
  /** merge: merged into the open original; after_end: lodged again after the original ended; higher_level: lodged with the city while the district handles it (条例 §19). */
  mode: 'merge' | 'after_end' | 'higher_level';
}

export interface MatterSpec {
  key: number;
  final: MatterState;
  channel: Channel;
  registrar: Registrar;
  topic: Topic;
  handler: Handler | null;
  entry: Entry;
  collective: boolean;
  place: 'nanshan_street' | 'district' | 'outside';
  repeat: RepeatSpec | null;
  /** First assigned to the wrong department, which objects within 5 working days (条例 §23). */
  objectFirst: boolean;
  extend: boolean;
  leaderNote: boolean;
  rating: Rating | null;
  /** For `closed`: the matter went through review, and the second-review window lapsed. */
  viaReview: boolean;
  /** Where the matter's open limit stands at the end: within it, in the warning window, or overdue. */
  age: 'recent' | 'warning' | 'overdue' | 'any';
  notAccept: { reason: NotAcceptedReason; lawfulChannel?: LawfulChannel } | null;
}

/** Final states reached only through a written reply (or signing for), so the handler needs staff. */
export const HANDLED_STATES: readonly MatterState[] = [
  'in_handling',
  'replied',
  'evaluated',
  'review_requested',
  'reviewed',
  'recheck_requested',
  'rechecked',
  'concluded',
  'closed',
];

/** States a repeat can be merged into at any later time (never not_accepted or merged). */
const MERGE_TARGET_STATES: readonly MatterState[] = [
  'in_handling',
  'replied',
  'evaluated',
  'closed',
  'review_requested',
  'reviewed',
  'concluded',
];

const STREET_TOPICS: readonly Topic[] = PLAN.streetTopics;
const ANY_TOPICS: readonly Topic[] = [...STREET_TOPICS, ...PLAN.otherTopics];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

function weighted<T>(rng: Rng, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return (items[items.length - 1] as [T, number])[0];
}

/** A data file's weights as the pairs `weighted` draws from, in the file's order. */
const pairs = <K extends string>(w: Partial<Record<K, number>>) => Object.entries(w) as [K, number][];

const registrarFor = (channel: Channel): Registrar =>
  channel === 'web'
    ? 'web'
    : channel === 'outreach'
      ? 'leader'
      : channel === 'screening'
        ? 'street'
        : 'bureau';

/** Builds one spec, filling what `o` leaves open with consistent random choices. */
export function makeSpec(key: number, final: MatterState, rng: Rng, o: Partial<MatterSpec> = {}): MatterSpec {
  let handler: Handler | null = o.handler ?? null;
  let registrar: Registrar | undefined = o.registrar;
  let channel: Channel | undefined = o.channel;
  let entry: Entry = o.entry ?? 'accept';

  if (o.handler === undefined) {
    if (final === 'forwarded') handler = pick(rng, PLAN.forwardedTo);
    else if (final === 'handed_down') {
      registrar ??= weighted(rng, pairs(PLAN.handedDownFrom));
      handler =
        registrar === 'province'
          ? 'cityBureau'
          : registrar === 'city'
            ? pick(rng, PLAN.handedDownByCityTo)
            : 'otherStreet';
    } else if (final === 'accepted') handler = pick(rng, PLAN.acceptedBy);
    else if (HANDLED_STATES.includes(final)) handler = weighted(rng, pairs(PLAN.handledBy));
  }
  if (final === 'forwarded') entry = 'forward';
  if (final === 'handed_down') entry = 'hand_down';

  if (!channel) {
    if (registrar === 'city' || registrar === 'province')
      channel = rng.next() < CHANCE.higherVisit ? 'visit' : 'letter';
    else if (registrar === 'street') channel = 'screening';
    else if (registrar === 'leader') channel = 'outreach';
    else if (registrar === 'web') channel = 'web';
    else {
      // The district registrar takes letters, visits, calls and the leader's mailbox; the rest arrive their own way.
      channel = weighted(
        rng,
        registrar === 'bureau'
          ? pairs(PLAN.channelWeights).filter(([c]) => !['web', 'outreach', 'screening'].includes(c))
          : pairs(PLAN.channelWeights),
      );
      // The street office only screens in its own area, which its own staff handle.
      if (channel === 'screening' && handler !== null && handler !== 'street') channel = 'visit';
      // A matter handed down to the district arrives with its own deadline; keep it on the ordinary paths.
      if (channel === 'handed_down' && (final === 'handed_down' || final === 'forwarded')) channel = 'letter';
    }
  }
  registrar ??= registrarFor(channel);
  if (registrar === 'street' && handler !== null) handler = 'street';

  if (o.entry === undefined && (final === 'accepted' || HANDLED_STATES.includes(final))) {
    if (registrar === 'city' || registrar === 'province') entry = 'hand_down';
    else if (registrar === 'street') entry = 'accept';
    else if (handler === 'labour') entry = rng.next() < CHANCE.labourForwarded ? 'forward' : 'accept';
    else if (handler === 'street') entry = rng.next() < CHANCE.streetHandedDown ? 'hand_down' : 'accept';
  }

  const topic: Topic =
    o.topic ??
    (handler === null || handler === 'street' || handler === 'otherStreet' || handler === 'cityBureau'
      ? pick(rng, handler === 'street' ? STREET_TOPICS : ANY_TOPICS)
      : (PLAN.handlerTopics[handler] ?? 'urban_construction'));
  const handled = HANDLED_STATES.includes(final);
  const collective = o.collective ?? (channel === 'visit' && rng.next() < CHANCE.collectiveVisit);
  return {
    key,
    final,
    channel,
    registrar,
    topic,
    handler,
    entry,
    collective: collective && channel === 'visit',
    place:
      o.place ??
      (topic === 'outside_remit'
        ? 'outside'
        : handler === 'street' || registrar === 'street'
          ? 'nanshan_street'
          : 'district'),
    repeat: o.repeat ?? null,
    objectFirst: o.objectFirst ?? false,
    extend:
      o.extend ??
      (handled &&
        final !== 'in_handling' &&
        handler !== 'discipline' &&
        entry !== 'hand_down' &&
        rng.next() < CHANCE.extension),
    leaderNote: o.leaderNote ?? (final !== 'registered' && rng.next() < CHANCE.leaderNote),
    rating:
      o.rating ??
      (final === 'evaluated'
        ? pick(rng, PLAN.evaluatedRatings)
        : final === 'closed' && rng.next() < CHANCE.closedRated
          ? pick(rng, PLAN.closedRatings)
          : null),
    viaReview: o.viaReview ?? false,
    age: o.age ?? 'any',
    notAccept: o.notAccept ?? null,
  };
}

/**
 * The small demo (data/plan.json's smallPlan): every state, every channel, collective visits,
 * reports of misconduct, repeats (merged, lodged higher up while open, lodged again after 终结), an
 * objection, an extension, warning and overdue limits. The full demo adds random matters.
 */
export function basePlan(rng: Rng): MatterSpec[] {
  const named = new Map<string, number>();
  return PLAN.smallPlan.map((entry: PlanEntry, key) => {
    const { final, name, note: _note, repeat, ...o } = entry;
    const spec = makeSpec(key, final, rng, {
      ...o,
      ...(repeat ? { repeat: { of: named.get(repeat.of) as number, mode: repeat.mode } } : {}),
    });
    if (name) named.set(name, key);
    return spec;
  });
}

const REVIEW_PATH: readonly MatterState[] = [
  'review_requested',
  'reviewed',
  'recheck_requested',
  'rechecked',
  'concluded',
];

/** `small`: the base plan (about 50); `full`: the base plan plus random matters up to the plan's full size. */
export function planMatters(size: 'small' | 'full', rng: Rng): MatterSpec[] {
  const specs = basePlan(rng);
  if (size === 'small') return specs;
  while (specs.length < PLAN.fullSize) {
    const key = specs.length;
    const final = weighted(rng, pairs(PLAN.stateWeights));
    if (final === 'merged') {
      const targets = specs.filter((s) => MERGE_TARGET_STATES.includes(s.final) && s.repeat === null);
      specs.push(makeSpec(key, 'merged', rng, { repeat: { of: pick(rng, targets).key, mode: 'merge' } }));
    } else if (final === 'not_accepted') {
      // One draw picks the reason by the mix's cumulative weights.
      const r = rng.next();
      let upTo = 0;
      const mix = PLAN.notAcceptedMix.find((m) => r < (upTo += m.weight)) ?? PLAN.notAcceptedMix.at(-1);
      const { weight: _weight, repeatOfOpen, ...o } = mix as NonNullable<typeof mix>;
      const open = specs.filter(
        (s) => s.final === 'in_handling' && s.repeat === null && s.handler !== 'discipline',
      );
      specs.push(
        makeSpec(key, final, rng, {
          ...o,
          ...(repeatOfOpen ? { repeat: { of: pick(rng, open).key, mode: repeatOfOpen } } : {}),
        }),
      );
    } else if (
      (HANDLED_STATES.includes(final) || final === 'accepted' || final === 'registered') &&
      rng.next() < CHANCE.misconduct &&
      // Its review belongs to the discipline body above (市纪委监委), which the demo does not have;
      // a petition bureau above may not see a report of misconduct.
      !REVIEW_PATH.includes(final)
    ) {
      // A report of misconduct: handled by discipline inspection, never by the unit reported.
      specs.push(
        makeSpec(
          key,
          final,
          rng,
          final === 'registered' || final === 'accepted'
            ? { topic: 'misconduct', handler: final === 'accepted' ? 'discipline' : null }
            : { handler: 'discipline', topic: 'misconduct', entry: 'accept' },
        ),
      );
    } else {
      const o: Partial<MatterSpec> = {};
      if (final === 'in_handling' || final === 'registered') o.age = weighted(rng, pairs(PLAN.openAge));
      if (final === 'in_handling' && rng.next() < CHANCE.objection) o.objectFirst = true;
      if (final === 'closed' && rng.next() < CHANCE.closedViaReview) o.viaReview = true;
      specs.push(makeSpec(key, final, rng, o));
    }
  }
  return specs;
}
