import { z } from 'zod';
import {
  CHANNELS,
  LAWFUL_CHANNELS,
  MATTER_STATES,
  NOT_ACCEPTED_REASONS,
  PURPOSES,
  RATINGS,
  REPLY_OUTCOMES,
  ROLES,
  ROUTING_RULE_ACTIONS,
  UNIT_KINDS,
  UNIT_LEVELS,
} from '../shared/enums.ts';

/**
 * The shape of every file in src/demo/data. Objects are strict, so a misspelt field is an error
 * rather than a silently missing value; each file may carry a `$comment` for its readers.
 */

export const UNIT_KEYS = [
  'provBureau',
  'cityBureau',
  'bureau',
  'government',
  'housing',
  'labour',
  'education',
  'health',
  'transport',
  'environment',
  'market',
  'discipline',
  'court',
  'police',
  'street',
] as const;
export type UnitKey = (typeof UNIT_KEYS)[number];

/** Topics of the demo: a first-level category, or a special kind of matter written from templates. */
export const TOPICS = [
  'urban_construction',
  'labour_social_security',
  'education_culture',
  'commerce_tourism',
  'environment',
  'health',
  'transport',
  'civil_affairs',
  'misconduct',
  'litigation',
  'labour_arbitration',
  'public_order',
  'outside_remit',
  // One nuisance that neighbours of one estate write about separately: the demo's recent hot issue.
  'neighbourhood_issue',
] as const;
export type Topic = (typeof TOPICS)[number];

/** The unit that handles a matter. Only housing, labour, street and discipline have staff who act. */
export const HANDLERS = [
  'housing',
  'labour',
  'street',
  'discipline',
  'education',
  'health',
  'transport',
  'environment',
  'market',
  'police',
  'government',
  'otherStreet',
  'cityBureau',
] as const;
export type Handler = (typeof HANDLERS)[number];

/** Where a matter is registered: the district bureau (by its registrar, its leader or the web portal), the 南山街道 office, the city or province bureau. */
export const REGISTRARS = ['bureau', 'web', 'leader', 'street', 'city', 'province'] as const;
export type Registrar = (typeof REGISTRARS)[number];

/** Who acts in a demo step: a demo login (by username) or the petitioner. */
export const ACTORS = [
  'registrar',
  'leader',
  'supervisor',
  'officer',
  'unithead',
  'labour',
  'street',
  'cityhead',
  'provhead',
  'discipline',
  'petitioner',
] as const;
export type ActorKey = (typeof ACTORS)[number];

export const STEP_KINDS = [
  'register',
  'accept_wrong',
  'object',
  'accept',
  'forward',
  'hand_down',
  'not_accept',
  'merge',
  'sign_for',
  'note',
  'instruct',
  'supervise',
  'own',
  'own_report',
  'own_reply',
  'extend',
  'reply',
  'rate',
  'follow_up',
  'request_review',
  'decide_review',
  'request_recheck',
  'decide_recheck',
  'conclude',
  'close',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

const file = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ $comment: z.string().optional(), ...shape });
const text = z.string().min(1);
const code = z.string().regex(/^\d+$/, 'a region code of digits');
const weights = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.partialRecord(z.enum(keys), z.number().positive());
const pattern = text.refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

export const OrgFile = file({
  district: code,
  nanshanStreet: code,
  gridStreets: z.array(code),
  outsideRegion: code,
  password: z.string().min(8),
  units: z.array(
    z.strictObject({
      key: z.enum(UNIT_KEYS).nullable(),
      name: text,
      spokenName: text.optional(),
      kind: z.enum(UNIT_KINDS),
      level: z.enum(UNIT_LEVELS),
      region: code,
      parent: text.nullable(),
      remit: text.optional(),
    }),
  ),
  users: z.array(
    z.strictObject({
      username: z.string().regex(/^[a-z][a-z0-9_]*$/),
      displayName: text,
      unit: z.enum(UNIT_KEYS),
      roles: z.array(z.enum(ROLES)).min(1),
    }),
  ),
  coUnitByCategory: z.record(text, z.enum(UNIT_KEYS)),
  routingRules: z.array(
    z.strictObject({
      name: text,
      regionPrefix: code,
      categoryCode: text.optional(),
      keywords: z.array(text),
      action: z.enum(ROUTING_RULE_ACTIONS),
      lawfulChannel: z.enum(LAWFUL_CHANNELS).optional(),
      unit: z.enum(UNIT_KEYS).optional(),
      coUnits: z.array(z.enum(UNIT_KEYS)).optional(),
      reasonZh: text,
      reasonEn: text,
      priority: z.int(),
    }),
  ),
});

export const PeopleFile = file({
  surnames: z.array(text).min(1),
  givenMale: z.array(text).min(1),
  givenFemale: z.array(text).min(1),
  idRegions: z.array(z.string().regex(/^\d{6}$/, 'a six-digit county code')).min(1),
  mobilePrefixes: z.array(z.string().regex(/^1\d\d$/, 'a three-digit mobile prefix')).min(1),
  organisationSuffixes: z.array(text).min(1),
  address: text,
});

const keyword = z.strictObject({ category: text, pattern });
export const CategoriesFile = file({
  boardLabels: z.record(text, text),
  firstLevelKeywords: z.array(keyword),
  subcategoryKeywords: z.array(keyword),
  legalBasis: z.record(text, text).refine((r) => 'other' in r, 'needs an `other` entry'),
});

const FIELD = /\{(\w+)\}/g;
/** Fields the generator fills itself rather than from the file's `fields`. */
const GIVEN_FIELDS = new Set(['reported']);
export const TemplatesFile = file({
  fields: z.record(
    z.string().regex(/^\w+$/),
    z.union([
      z.strictObject({ pick: z.array(text).min(1) }),
      z.strictObject({ from: z.int(), count: z.int().positive() }),
    ]),
  ),
  templates: z
    .array(
      z.strictObject({
        topic: z.enum(TOPICS),
        categoryCode: text,
        subject: text,
        content: text,
        purpose: z.enum(PURPOSES).optional(),
      }),
    )
    .min(1),
}).superRefine((f, ctx) => {
  f.templates.forEach((t, i) => {
    for (const key of ['subject', 'content'] as const)
      for (const [, name] of t[key].matchAll(FIELD))
        if (!((name as string) in f.fields) && !GIVEN_FIELDS.has(name as string))
          ctx.addIssue({ code: 'custom', path: ['templates', i, key], message: `unknown field {${name}}` });
  });
  const missing = TOPICS.filter((topic) => !f.templates.some((t) => t.topic === topic));
  if (missing.length > 0)
    ctx.addIssue({ code: 'custom', path: ['templates'], message: `no template for ${missing.join(', ')}` });
});

const spec = z.strictObject({
  final: z.enum(MATTER_STATES),
  name: text.optional(),
  note: text.optional(),
  channel: z.enum(CHANNELS).optional(),
  registrar: z.enum(REGISTRARS).optional(),
  topic: z.enum(TOPICS).optional(),
  handler: z.enum(HANDLERS).nullable().optional(),
  entry: z.enum(['accept', 'forward', 'hand_down']).optional(),
  collective: z.boolean().optional(),
  repeat: z.strictObject({ of: text, mode: z.enum(['merge', 'after_end', 'higher_level']) }).optional(),
  objectFirst: z.boolean().optional(),
  extend: z.boolean().optional(),
  leaderNote: z.boolean().optional(),
  rating: z.enum(RATINGS).optional(),
  viaReview: z.boolean().optional(),
  age: z.enum(['recent', 'warning', 'overdue', 'any']).optional(),
  notAccept: z
    .strictObject({ reason: z.enum(NOT_ACCEPTED_REASONS), lawfulChannel: z.enum(LAWFUL_CHANNELS).optional() })
    .optional(),
});
const chance = z.number().min(0).max(1);
export const PlanFile = file({
  fullSize: z.int().positive(),
  stateWeights: weights(MATTER_STATES),
  channelWeights: weights(CHANNELS),
  streetTopics: z.array(z.enum(TOPICS)).min(1),
  otherTopics: z.array(z.enum(TOPICS)),
  handlerTopics: z.partialRecord(z.enum(HANDLERS), z.enum(TOPICS)),
  forwardedTo: z.array(z.enum(HANDLERS)).min(1),
  handedDownFrom: weights(REGISTRARS),
  handedDownByCityTo: z.array(z.enum(HANDLERS)).min(1),
  acceptedBy: z.array(z.enum(HANDLERS)).min(1),
  handledBy: weights(HANDLERS),
  openAge: weights(['recent', 'warning', 'overdue']),
  notAcceptedMix: z
    .array(
      z.strictObject({
        weight: z.number().positive(),
        channel: z.enum(CHANNELS).optional(),
        registrar: z.enum(REGISTRARS).optional(),
        topic: z.enum(TOPICS).optional(),
        /** Lodged higher up about a matter the district is still handling. */
        repeatOfOpen: z.literal('higher_level').optional(),
        notAccept: spec.shape.notAccept.unwrap(),
      }),
    )
    .min(1)
    .refine(
      (mix) => Math.abs(mix.reduce((t, m) => t + m.weight, 0) - 1) < 1e-9,
      'the weights must add up to 1',
    ),
  evaluatedRatings: z.array(z.enum(RATINGS)).min(1),
  closedRatings: z.array(z.enum(RATINGS)).min(1),
  chances: z.strictObject({
    higherVisit: chance,
    collectiveVisit: chance,
    extension: chance,
    leaderNote: chance,
    closedRated: chance,
    labourForwarded: chance,
    streetHandedDown: chance,
    misconduct: chance,
    objection: chance,
    closedViaReview: chance,
  }),
  smallPlan: z.array(spec).superRefine((specs, ctx) => {
    specs.forEach((s, i) => {
      if (s.repeat && !specs.slice(0, i).some((e) => e.name === s.repeat?.of))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'repeat', 'of'],
          message: `no earlier entry is named '${s.repeat.of}'`,
        });
    });
  }),
});
export type PlanEntry = z.infer<typeof spec>;

export const WordingFile = file({
  reply: z.strictObject({
    outcomes: z.record(z.enum(REPLY_OUTCOMES), text),
    reviewNotice: text,
    facts: text,
  }),
  leaderNotes: z.array(text).min(1),
  officerNotes: z.array(text).min(1),
  decisionNotes: z.strictObject({
    accept: text,
    acceptWithCoUnits: text,
    forward: text,
    handDown: text,
    merge: text,
  }),
  instructionAnswers: z.array(text).min(1),
  cardReasons: z.array(text).min(1),
  /** 对单位督办: the card the bureau issues on the unit with the most overdue matters in hand. */
  unitCard: z.strictObject({ reason: text, demand: text }),
  followUpSolved: text,
  cardDemands: z.array(text).min(1),
  ownership: z.strictObject({
    problems: z.array(text).min(1),
    goal: text,
    steps: z.array(text).min(2),
    progress: text,
    done: text,
    reply: text,
  }),
  objection: text,
  identifyReportedUnit: text,
  extension: text,
  unsatisfiedComment: text,
  reviewRequest: text,
  review: z.strictObject({ facts: text, legalBasis: text }),
  recheckRequest: text,
  recheck: z.strictObject({ facts: text, legalBasis: text }),
  conclusion: text,
  closing: text,
  suspension: text,
  handedDownFrom: text,
  repeat: z.strictObject({
    subject: text,
    higherLevel: text,
    again: text,
    caseRef: text,
    unknownCase: text,
    unknownDate: text,
  }),
  notAccepted: z.strictObject({
    litigation: text,
    labour_arbitration: text,
    outside_remit: text,
    already_concluded: text,
    under_handling_elsewhere: text,
    other: text,
  }),
});

const days = z
  .tuple([z.number().positive(), z.number().positive()])
  .refine(([earliest, latest]) => earliest > latest, 'the earliest day must lie before the latest');
export const TimelineFile = file({
  registeredBy: z.record(z.enum(REGISTRARS), z.enum(ACTORS)),
  decidedBy: z.record(z.enum(REGISTRARS), z.enum(ACTORS)),
  signedBy: z.partialRecord(z.enum(HANDLERS), z.enum(ACTORS)),
  staffedHandlers: z.array(z.enum(HANDLERS)),
  anchorStep: z.partialRecord(z.enum(MATTER_STATES), z.enum(STEP_KINDS)),
  anchorDays: z.record(
    z.enum(MATTER_STATES),
    z.strictObject({
      extended: days.optional(),
      overdue: days.optional(),
      warning: days.optional(),
      recent: days.optional(),
      staffed: days.optional(),
      viaReview: days.optional(),
      any: days,
    }),
  ),
});

/** Every data file and its schema, by file name. */
export const DATA_FILES = {
  'org.json': OrgFile,
  'people.json': PeopleFile,
  'categories.json': CategoriesFile,
  'templates.json': TemplatesFile,
  'plan.json': PlanFile,
  'wording.json': WordingFile,
  'timeline.json': TimelineFile,
} as const;
export type DataFileName = keyof typeof DATA_FILES;
export type DataOf<F extends DataFileName> = z.infer<(typeof DATA_FILES)[F]>;
