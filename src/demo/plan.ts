import type { Channel, LawfulChannel, MatterState, NotAcceptedReason, Rating } from '../shared/enums.ts';
import type { Rng } from '../text/random.ts';
import type { Topic } from './texts.ts';

/**
 * What each demo matter will go through, decided before any time or text is chosen: its final
 * state, channel, who registers it, who handles it and the side paths (objection, extension,
 * review, repeats). Pure, so the coverage of the small demo is testable without a database.
 */

/** The unit that handles a matter. Only housing, labour, street and discipline have staff who act. */
export type Handler =
  | 'housing'
  | 'labour'
  | 'street'
  | 'discipline'
  | 'education'
  | 'health'
  | 'transport'
  | 'environment'
  | 'market'
  | 'police'
  | 'government'
  | 'otherStreet'
  | 'cityBureau';

/** Where a matter is registered: the district bureau (by its registrar, its leader or the web portal), the 南山街道 office, the city or province bureau. */
export type Registrar = 'bureau' | 'web' | 'leader' | 'street' | 'city' | 'province';

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

const STREET_TOPICS: Topic[] = [
  'urban_construction',
  'environment',
  'transport',
  'education_culture',
  'health',
  'commerce_tourism',
  'civil_affairs',
];
const ANY_TOPICS: Topic[] = [...STREET_TOPICS, 'labour_social_security'];

const HANDLER_TOPIC: Partial<Record<Handler, Topic>> = {
  housing: 'urban_construction',
  labour: 'labour_social_security',
  discipline: 'misconduct',
  education: 'education_culture',
  health: 'health',
  transport: 'transport',
  environment: 'environment',
  market: 'commerce_tourism',
  police: 'public_order',
  government: 'civil_affairs',
};

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

const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['letter', 20],
  ['visit', 20],
  ['phone', 20],
  ['web', 22],
  ['leader_mailbox', 8],
  ['handed_down', 4],
  ['outreach', 3],
  ['screening', 3],
];

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
    if (final === 'forwarded') handler = pick(rng, ['police', 'environment', 'market', 'health'] as const);
    else if (final === 'handed_down') {
      registrar ??= weighted(rng, [
        ['city', 5],
        ['bureau', 4],
        ['province', 1],
      ] as [Registrar, number][]);
      handler =
        registrar === 'province'
          ? 'cityBureau'
          : registrar === 'city'
            ? pick(rng, ['government', 'education', 'health', 'transport'] as const)
            : 'otherStreet';
    } else if (final === 'accepted')
      handler = pick(rng, [
        'housing',
        'labour',
        'education',
        'health',
        'transport',
        'environment',
        'market',
        'government',
      ] as const);
    else if (HANDLED_STATES.includes(final))
      handler = weighted(rng, [
        ['housing', 4],
        ['labour', 2.5],
        ['street', 2.5],
      ] as [Handler, number][]);
  }
  if (final === 'forwarded') entry = 'forward';
  if (final === 'handed_down') entry = 'hand_down';

  if (!channel) {
    if (registrar === 'city' || registrar === 'province') channel = rng.next() < 0.6 ? 'visit' : 'letter';
    else if (registrar === 'street') channel = 'screening';
    else if (registrar === 'leader') channel = 'outreach';
    else if (registrar === 'web') channel = 'web';
    else {
      // The district registrar takes letters, visits, calls and the leader's mailbox; the rest arrive their own way.
      channel = weighted(
        rng,
        registrar === 'bureau'
          ? CHANNEL_WEIGHTS.filter(([c]) => !['web', 'outreach', 'screening'].includes(c))
          : CHANNEL_WEIGHTS,
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
    else if (handler === 'labour') entry = rng.next() < 0.3 ? 'forward' : 'accept';
    else if (handler === 'street') entry = rng.next() < 0.4 ? 'hand_down' : 'accept';
  }

  const topic: Topic =
    o.topic ??
    (handler === null || handler === 'street' || handler === 'otherStreet' || handler === 'cityBureau'
      ? pick(rng, handler === 'street' ? STREET_TOPICS : ANY_TOPICS)
      : (HANDLER_TOPIC[handler] ?? 'urban_construction'));
  const handled = HANDLED_STATES.includes(final);
  const collective = o.collective ?? (channel === 'visit' && rng.next() < 0.15);
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
        rng.next() < 0.1),
    leaderNote: o.leaderNote ?? (final !== 'registered' && rng.next() < 0.15),
    rating:
      o.rating ??
      (final === 'evaluated'
        ? pick(rng, ['satisfied', 'satisfied', 'basically_satisfied'] as const)
        : final === 'closed' && rng.next() < 0.5
          ? pick(rng, ['satisfied', 'basically_satisfied', 'unsatisfied'] as const)
          : null),
    viaReview: o.viaReview ?? false,
    age: o.age ?? 'any',
    notAccept: o.notAccept ?? null,
  };
}

/**
 * The small demo: every state, every channel, collective visits, reports of misconduct, repeats
 * (merged, lodged higher up while open, lodged again after 终结), an objection, an extension,
 * warning and overdue limits. The full demo adds random matters in realistic proportions.
 */
export function basePlan(rng: Rng): MatterSpec[] {
  const specs: MatterSpec[] = [];
  const add = (final: MatterState, o: Partial<MatterSpec> = {}) => {
    const s = makeSpec(specs.length, final, rng, o);
    specs.push(s);
    return s.key;
  };
  const closedHousing = add('closed', { handler: 'housing', channel: 'letter', rating: 'satisfied' });
  add('closed', { handler: 'labour', channel: 'phone', entry: 'forward' });
  add('closed', { handler: 'street', channel: 'web', entry: 'hand_down', rating: 'basically_satisfied' });
  add('closed', { handler: 'discipline', channel: 'letter', topic: 'misconduct' });
  add('closed', { handler: 'housing', channel: 'visit', viaReview: true, rating: 'unsatisfied' });
  add('closed', { handler: 'labour', channel: 'leader_mailbox' });
  const concluded = add('concluded', { handler: 'housing', channel: 'visit', collective: true });
  add('concluded', { handler: 'street', channel: 'letter', entry: 'accept' });
  add('rechecked', { handler: 'housing', channel: 'phone' });
  add('rechecked', { handler: 'labour', channel: 'web', entry: 'accept' });
  add('recheck_requested', { handler: 'housing', channel: 'letter' });
  add('recheck_requested', { handler: 'street', channel: 'visit', entry: 'accept' });
  add('reviewed', { handler: 'housing', channel: 'web', rating: 'unsatisfied' });
  add('reviewed', { handler: 'street', channel: 'phone', entry: 'hand_down' });
  add('review_requested', { handler: 'labour', channel: 'letter', entry: 'accept', rating: 'unsatisfied' });
  add('review_requested', { handler: 'housing', channel: 'handed_down' });
  add('evaluated', { handler: 'housing', channel: 'phone', rating: 'satisfied' });
  add('evaluated', { handler: 'street', channel: 'screening', rating: 'basically_satisfied' });
  add('evaluated', { handler: 'labour', channel: 'web', entry: 'accept', extend: true });
  add('replied', { handler: 'housing', channel: 'outreach' });
  add('replied', { handler: 'discipline', channel: 'letter', topic: 'misconduct' });
  add('replied', { handler: 'housing', registrar: 'city', channel: 'visit', collective: true });
  const overdueHandling = add('in_handling', { handler: 'housing', channel: 'letter', age: 'overdue' });
  add('in_handling', {
    handler: 'labour',
    channel: 'phone',
    entry: 'accept',
    age: 'warning',
    objectFirst: true,
  });
  add('in_handling', { handler: 'discipline', channel: 'web', topic: 'misconduct', age: 'recent' });
  const streetHandling = add('in_handling', {
    handler: 'street',
    channel: 'visit',
    entry: 'accept',
    leaderNote: true,
    extend: true,
  });
  add('accepted', { handler: 'education', channel: 'web' });
  add('accepted', { handler: 'environment', channel: 'phone' });
  add('accepted', { handler: 'market', channel: 'leader_mailbox' });
  add('forwarded', { handler: 'police', channel: 'letter' });
  add('forwarded', { handler: 'environment', channel: 'visit' });
  add('handed_down', { registrar: 'city', handler: 'education', channel: 'visit', collective: true });
  add('handed_down', { registrar: 'bureau', handler: 'otherStreet', channel: 'phone' });
  add('not_accepted', {
    channel: 'visit',
    topic: 'litigation',
    notAccept: { reason: 'lawful_channel', lawfulChannel: 'litigation' },
  });
  add('not_accepted', {
    channel: 'phone',
    topic: 'labour_arbitration',
    notAccept: { reason: 'lawful_channel', lawfulChannel: 'labour_arbitration' },
  });
  add('not_accepted', {
    channel: 'letter',
    registrar: 'city',
    repeat: { of: overdueHandling, mode: 'higher_level' },
    notAccept: { reason: 'under_handling_elsewhere' },
  });
  add('not_accepted', {
    channel: 'letter',
    repeat: { of: concluded, mode: 'after_end' },
    notAccept: { reason: 'already_concluded' },
  });
  add('not_accepted', { channel: 'letter', topic: 'outside_remit', notAccept: { reason: 'outside_remit' } });
  add('merged', { channel: 'web', repeat: { of: closedHousing, mode: 'merge' } });
  add('merged', { channel: 'phone', repeat: { of: streetHandling, mode: 'merge' } });
  add('registered', { channel: 'web', age: 'recent' });
  add('registered', { channel: 'letter', age: 'warning' });
  add('registered', { channel: 'phone', age: 'overdue' });
  add('registered', { channel: 'web', topic: 'misconduct', age: 'recent' }); // reported unit not identified yet
  // A hot issue of the last weeks: neighbours of one estate, each petitioning separately.
  add('registered', { channel: 'web', topic: 'neighbourhood_issue', age: 'recent' });
  add('registered', { channel: 'phone', topic: 'neighbourhood_issue', age: 'recent' });
  add('registered', { channel: 'letter', topic: 'neighbourhood_issue', age: 'recent' });
  add('accepted', { handler: 'environment', channel: 'web', topic: 'neighbourhood_issue' });
  return specs;
}

/** Proportions of final states in the full demo (roughly a district's real mix). */
const FULL_WEIGHTS: [MatterState, number][] = [
  ['registered', 20],
  ['accepted', 25],
  ['in_handling', 60],
  ['replied', 28],
  ['evaluated', 30],
  ['review_requested', 10],
  ['reviewed', 8],
  ['recheck_requested', 6],
  ['rechecked', 5],
  ['concluded', 6],
  ['closed', 115],
  ['forwarded', 20],
  ['handed_down', 22],
  ['not_accepted', 30],
  ['merged', 15],
];

/** `small`: the base plan (about 40); `full`: the base plan plus random matters up to 400. */
const REVIEW_PATH: readonly MatterState[] = [
  'review_requested',
  'reviewed',
  'recheck_requested',
  'rechecked',
  'concluded',
];

export function planMatters(size: 'small' | 'full', rng: Rng): MatterSpec[] {
  const specs = basePlan(rng);
  if (size === 'small') return specs;
  while (specs.length < 400) {
    const key = specs.length;
    const final = weighted(rng, FULL_WEIGHTS);
    if (final === 'merged') {
      const targets = specs.filter((s) => MERGE_TARGET_STATES.includes(s.final) && s.repeat === null);
      specs.push(makeSpec(key, 'merged', rng, { repeat: { of: pick(rng, targets).key, mode: 'merge' } }));
    } else if (final === 'not_accepted') {
      const r = rng.next();
      if (r < 0.4)
        specs.push(
          makeSpec(key, final, rng, {
            topic: 'litigation',
            notAccept: { reason: 'lawful_channel', lawfulChannel: 'litigation' },
          }),
        );
      else if (r < 0.7)
        specs.push(
          makeSpec(key, final, rng, {
            topic: 'labour_arbitration',
            notAccept: { reason: 'lawful_channel', lawfulChannel: 'labour_arbitration' },
          }),
        );
      else if (r < 0.85)
        specs.push(
          makeSpec(key, final, rng, {
            channel: 'letter',
            topic: 'outside_remit',
            notAccept: { reason: 'outside_remit' },
          }),
        );
      else {
        const open = specs.filter(
          (s) => s.final === 'in_handling' && s.repeat === null && s.handler !== 'discipline',
        );
        specs.push(
          makeSpec(key, final, rng, {
            registrar: 'city',
            channel: 'visit',
            repeat: { of: pick(rng, open).key, mode: 'higher_level' },
            notAccept: { reason: 'under_handling_elsewhere' },
          }),
        );
      }
    } else if (
      (HANDLED_STATES.includes(final) || final === 'accepted' || final === 'registered') &&
      rng.next() < 0.05 &&
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
      if (final === 'in_handling' || final === 'registered')
        o.age = weighted(rng, [
          ['recent', 6],
          ['warning', 1],
          ['overdue', 2],
        ] as ['recent' | 'warning' | 'overdue', number][]);
      if (final === 'in_handling' && rng.next() < 0.05) o.objectFirst = true;
      if (final === 'closed' && rng.next() < 0.1) o.viaReview = true;
      specs.push(makeSpec(key, final, rng, o));
    }
  }
  return specs;
}
