/**
 * The API contract of reception days (领导接访日, 下访, 约访; issue 14 item 1) and of the petitioner's
 * appointment requests from the portal, shared with the web app.
 */
import { z } from 'zod';
import { localDate, timestamp } from './api.schema.ts';
import { caseNumberRef, EARLIEST_DATE, id, regionCode, text, trimmed } from './schemas.ts';

/** 领导接访 at a place, 下访 to a village or grid, 约访 with a named petitioner about their matter. */
export const RECEPTION_KINDS = ['reception', 'outreach', 'appointment'] as const;
export type ReceptionKind = (typeof RECEPTION_KINDS)[number];
export const SESSION_STATES = ['scheduled', 'held', 'cancelled'] as const;
export type SessionState = (typeof SESSION_STATES)[number];
export const SESSION_COMMANDS = ['record', 'cancel', 'comment'] as const;
export type SessionCommand = (typeof SESSION_COMMANDS)[number];

export const REQUEST_STATES = ['requested', 'proposed', 'confirmed', 'declined', 'cancelled'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
/**
 * The bureau confirms, proposes another session or declines; the petitioner accepts or declines a
 * proposal, or cancels. `decline` is the bureau's on a request and the petitioner's on a proposal.
 */
export const REQUEST_COMMANDS = ['confirm', 'propose', 'decline', 'accept', 'cancel', 'comment'] as const;
export type RequestCommand = (typeof REQUEST_COMMANDS)[number];
/** What the bureau does on a request from its list (the petitioner's commands are on the portal). */
export const BUREAU_REQUEST_COMMANDS = ['confirm', 'propose', 'decline', 'comment'] as const;

export const SESSION_CAPACITY_MAX = 1000;
/** The longest a session may last: a reception day, not a week. */
export const SESSION_HOURS_MAX = 12;

/**
 * A point in time with its offset, kept as the string it came as (the service makes it a Date): the
 * route validates the body and the service parses it again, which a transform would break.
 */
const instant = z.iso
  .datetime({ offset: true })
  .refine((s) => Date.parse(s) >= Date.parse(`${EARLIEST_DATE}T00:00:00Z`), {
    params: { reason: 'date_range' },
  });

export const ScheduleSessionInput = z
  .object({
    kind: z.enum(RECEPTION_KINDS),
    leaderId: id,
    startsAt: instant,
    endsAt: instant,
    place: text(200),
    /** The village, community or grid a 下访 goes to. */
    placeRegionCode: regionCode.optional(),
    topics: text(1000, 0).default(''),
    capacity: z.number().int().min(1).max(SESSION_CAPACITY_MAX),
    /** On the portal's schedule; a 约访 names a person and is never published. */
    published: z.boolean().default(false),
    /** 约访: the petitioner's matter. */
    matterId: id.optional(),
  })
  .strict();

export const RecordSessionInput = z
  .object({
    peopleReceived: z.number().int().min(0).max(10_000),
    outcome: text(4000),
  })
  .strict();
export const CancelSessionInput = z.object({ reason: text(1000) }).strict();
export const SessionCommentInput = z.object({ comment: text(2000) }).strict();

export const SessionListQuery = z
  .object({
    /** The first and last local date of the sessions listed (at most a year apart). */
    from: localDate,
    to: localDate,
  })
  .strict();

const MatterRef = z.object({
  id: z.number().int(),
  caseNumber: z.string(),
  subject: z.string(),
  channel: z.string(),
  state: z.string(),
  /** Taken on by the session's leader (包案): an ownership case of theirs on this matter. */
  ownedByLeader: z.boolean(),
  ownershipId: z.number().int().nullable(),
});

export const SessionSchema = z.object({
  id: z.number().int(),
  kind: z.enum(RECEPTION_KINDS),
  state: z.enum(SESSION_STATES),
  version: z.number().int(),
  leaderId: z.number().int(),
  leaderName: z.string(),
  leaderUnitName: z.string(),
  startsAt: timestamp,
  endsAt: timestamp,
  place: z.string(),
  placeRegionCode: z.string().nullable(),
  placeRegionName: z.string().nullable(),
  topics: z.string(),
  capacity: z.number().int(),
  /** Appointments confirmed on the session. */
  booked: z.number().int(),
  published: z.boolean(),
  matter: z.object({ id: z.number().int(), caseNumber: z.string(), subject: z.string() }).nullable(),
  peopleReceived: z.number().int().nullable(),
  outcome: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: timestamp.nullable(),
  cancelReason: z.string().nullable(),
  scheduledByName: z.string(),
  unitName: z.string(),
  allowedActions: z.array(z.enum(SESSION_COMMANDS)),
});

export const SessionDetailSchema = SessionSchema.extend({
  /** Matters registered at the session (channel visit or outreach, the session linked). */
  matters: z.array(MatterRef),
  /** Appointment requests confirmed on the session. */
  appointments: z.array(
    z.object({ id: z.number().int(), number: z.string(), name: z.string(), reason: z.string() }),
  ),
});

export const SessionListSchema = z.object({
  items: z.array(SessionSchema),
  /** Whether the user may schedule sessions (a registrar or supervisor of a bureau or government). */
  canSchedule: z.boolean(),
});

export const LeaderOptionsSchema = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), unitName: z.string() })),
});

/** Sessions a matter may be registered at: today's and recent ones the user's unit can see. */
export const SessionOptionsQuery = z.object({ channel: z.enum(['visit', 'outreach']) }).strict();
export const SessionOptionsSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(RECEPTION_KINDS),
      leaderName: z.string(),
      startsAt: timestamp,
      place: z.string(),
    }),
  ),
});

export const FiguresQuery = z
  .object({
    year: z
      .string()
      .regex(/^[0-9]{4}$/)
      .transform(Number)
      .pipe(z.number().int().min(2000).max(2099)),
  })
  .strict();

/** Reception counts per leader per month: sessions held and people received. */
export const ReceptionFiguresSchema = z.object({
  year: z.number().int(),
  regionCode: z.string(),
  leaders: z.array(
    z.object({
      leaderId: z.number().int(),
      leaderName: z.string(),
      unitName: z.string(),
      /** Twelve months, January first. */
      months: z.array(z.object({ sessions: z.number().int(), people: z.number().int() })),
      sessions: z.number().int(),
      people: z.number().int(),
    }),
  ),
});

// The portal: the published schedule, appointment requests and their look-up.

/**
 * One session on the public schedule. Exactly these keys, and nothing internal: no user id, no
 * matter, no petitioner; a 约访 is never listed (see reception.queries.ts and its test).
 */
export const PublicSessionSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['reception', 'outreach']),
    leaderName: z.string(),
    leaderTitle: z.string(),
    startsAt: timestamp,
    endsAt: timestamp,
    place: z.string(),
    topics: z.string(),
    capacityLeft: z.number().int(),
  })
  .strict();
export const PublicScheduleSchema = z.object({ items: z.array(PublicSessionSchema) });

export const RequestAppointmentInput = z
  .object({
    sessionId: id,
    name: text(100),
    phone: trimmed(30, 5),
    reason: text(2000),
    /** The petitioner's own matter, if any: its case number and query code. */
    caseNumber: caseNumberRef.optional(),
    queryCode: trimmed(40, 1).optional(),
  })
  .strict();

/** What the petitioner keeps: the request's number and its own query code, shown once. */
export const AppointmentReceiptSchema = z.object({
  number: z.string(),
  queryCode: z.string(),
  state: z.enum(REQUEST_STATES),
});

export const AppointmentAuth = z.object({ number: trimmed(40, 1), queryCode: trimmed(40, 1) }).strict();
export const AppointmentPetitionerInput = AppointmentAuth.extend({
  note: text(1000).optional(),
}).strict();

const PublicSlot = z.object({
  leaderName: z.string(),
  leaderTitle: z.string(),
  startsAt: timestamp,
  endsAt: timestamp,
  place: z.string(),
});
export const PublicAppointmentSchema = z.object({
  number: z.string(),
  state: z.enum(REQUEST_STATES),
  requestedAt: timestamp,
  requested: PublicSlot,
  /** The slot confirmed, or proposed by the bureau for the petitioner to accept. */
  confirmed: PublicSlot.nullable(),
  proposed: PublicSlot.nullable(),
  /** The bureau's message (why another slot, why declined, what to bring). */
  message: z.string().nullable(),
  canAccept: z.boolean(),
  canDecline: z.boolean(),
  canCancel: z.boolean(),
});

// The bureau's side of requests.

export const ConfirmRequestInput = z
  .object({
    /** The session confirmed; by default the one requested. */
    sessionId: id.optional(),
    message: text(1000).optional(),
  })
  .strict();
export const ProposeRequestInput = z.object({ sessionId: id, message: text(1000) }).strict();
export const DeclineRequestInput = z.object({ message: text(1000) }).strict();
export const RequestCommentInput = z.object({ comment: text(2000) }).strict();

export const RequestListQuery = z.object({ state: z.enum(REQUEST_STATES).optional() }).strict();

const SlotRef = z.object({
  id: z.number().int(),
  leaderName: z.string(),
  startsAt: timestamp,
  place: z.string(),
});
export const StaffRequestSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  state: z.enum(REQUEST_STATES),
  version: z.number().int(),
  /** The petitioner's name as given, and the phone masked like a petitioner's elsewhere. */
  name: z.string(),
  phone: z.string(),
  reason: z.string(),
  matter: z.object({ id: z.number().int(), caseNumber: z.string(), subject: z.string() }).nullable(),
  requested: SlotRef,
  proposed: SlotRef.nullable(),
  confirmed: SlotRef.nullable(),
  message: z.string().nullable(),
  requestedAt: timestamp,
  allowedActions: z.array(z.enum(REQUEST_COMMANDS)),
});
export const StaffRequestListSchema = z.object({ items: z.array(StaffRequestSchema) });
