import type { DeadlineRecord, EventRecord } from './event-record.ts';
import { recordedValue, sha256Hex } from './event-record.ts';
import { NOTICE_OF_EVENT } from '../documents/document-numbers.ts';

/** One row that is not what the matter's events say it must be. */
export interface RowDifference {
  matterId: number;
  table: 'matters' | 'events' | 'deadlines' | 'decisions' | 'ratings' | 'issued_documents';
  /** The row's id; null when the row the events call for is not there at all. */
  id: number | null;
  /** The column that differs; null for a row missing or not accounted for by any event. */
  column: string | null;
  expected: string | number | boolean | null;
  found: string | number | boolean | null;
}

export interface ReplayEvent {
  seq: number;
  kind: string;
  at: Date;
  actor_id: number | null;
  payload: Record<string, unknown>;
}

/** A matter row with the digests of its long text (computed by the database, not shipped here). */
export interface ReplayMatter extends Record<string, unknown> {
  id: number;
  subject_sha256: string;
  content_sha256: string;
}

export interface ReplayDeadline {
  id: number;
  kind: string;
  main: boolean;
  status: string;
  due_at: Date;
  due_date: string;
}

export interface ReplayDecision {
  id: number;
  kind: string;
  outcome: string;
  facts: string;
  legal_basis: string;
  body: string;
  unit_id: number;
  decided_by: number | null;
  decided_at: Date;
  delivered_at: Date;
}

export interface ReplayRating {
  id: number;
  decision_id: number;
  rating: string;
  comment: string | null;
  rated_at: Date;
}

export interface ReplayIssuedDocument {
  id: number;
  kind: string;
  doc_number: string;
}

export interface ReplayInput {
  matter: ReplayMatter;
  /** The matter's events in seq order (their chain is checked separately). */
  events: ReplayEvent[];
  deadlines: ReplayDeadline[];
  decisions: ReplayDecision[];
  ratings: ReplayRating[];
  /** The matter's numbered notices (文号); each was issued by an event that carries its number. */
  issuedDocuments?: ReplayIssuedDocument[];
  /** When verification runs: an objection window past due may have been lapsed by the scanner. */
  now: Date;
}

type Value = string | number | boolean | null;

/**
 * Recomputes a matter's current state, its columns, its open deadlines, its decisions and ratings
 * from its events and lists every row that differs. A matter registered before events carried
 * their records (see event-record.ts) is compared on its state only: nothing older proves more.
 */
export function replayMatter(input: ReplayInput): RowDifference[] {
  const { matter, events } = input;
  const out: RowDifference[] = [];
  const diff = (
    table: RowDifference['table'],
    id: number | null,
    column: string | null,
    expected: Value,
    found: Value,
  ) => out.push({ matterId: matter.id, table, id, column, expected, found });

  if (events.length === 0) {
    diff('events', null, null, `stream matter:${matter.id}`, 'no events');
    return out;
  }
  const first = events[0]!;
  const recorded = first.kind === 'registered' && isRecord(first.payload.record);
  const columns = new Map<string, Value>();
  let state: string | null = first.kind === 'registered' ? 'registered' : null;
  let digests: EventRecord['digests'] | undefined;
  const firstDeadlineId = input.deadlines.reduce<number | null>(
    (min, d) => (min === null || d.id < min ? d.id : min),
    null,
  );
  // Open deadlines by id; the registration statement's own limit has no id in its event and is
  // the matter's first deadline row.
  const open = new Map<number | 'registration', DeadlineRecord>();
  const decisions = new Map<number, { rec: NonNullable<EventRecord['decision']>; at: Date }>();
  const ratings = new Map<number, { rec: NonNullable<EventRecord['rating']>; at: Date }>();
  // 文号 by notice kind: the first event issuing a kind numbers it; later ones repeat that number.
  const docNumbers = new Map<string, string>();

  for (const e of events) {
    if (typeof e.payload.to === 'string') state = e.payload.to;
    const notice = NOTICE_OF_EVENT[e.kind];
    if (notice && typeof e.payload.docNumber === 'string' && !docNumbers.has(notice))
      docNumbers.set(notice, e.payload.docNumber);
    const record = isRecord(e.payload.record) ? (e.payload.record as EventRecord) : null;
    if (!record) continue;
    for (const [k, v] of Object.entries(record.matter ?? {})) columns.set(k, v ?? null);
    if (e.kind === 'registered') columns.set('registered_at', e.at.toISOString());
    if (record.digests) digests = record.digests;
    for (const d of record.deadlines?.closed ?? []) open.delete(keyOf(d, firstDeadlineId));
    for (const d of record.deadlines?.opened ?? []) open.set(keyOf(d, firstDeadlineId), d);
    if (record.decision) decisions.set(record.decision.id, { rec: record.decision, at: e.at });
    if (record.rating) ratings.set(record.rating.id, { rec: record.rating, at: e.at });
  }

  if (state !== null && matter.state !== state) diff('matters', matter.id, 'state', state, str(matter.state));
  if (!recorded) return out;

  for (const [column, expected] of columns) {
    if (column === 'state') continue;
    const found = recordedValue(matter[column]);
    if (!same(expected, found)) diff('matters', matter.id, column, expected, found);
  }
  if (digests) {
    if (digests.subject !== matter.subject_sha256)
      diff('matters', matter.id, 'subject', `sha256:${digests.subject}`, `sha256:${matter.subject_sha256}`);
    if (digests.content !== matter.content_sha256)
      diff('matters', matter.id, 'content', `sha256:${digests.content}`, `sha256:${matter.content_sha256}`);
  }

  const byId = new Map(input.deadlines.map((d) => [d.id, d]));
  const accounted = new Set<number>();
  for (const [key, rec] of open) {
    const id = key === 'registration' ? null : key;
    const row = id === null ? undefined : byId.get(id);
    if (!row) {
      diff('deadlines', id, null, `open ${rec.kind} due ${rec.dueDate}`, 'missing');
      continue;
    }
    accounted.add(row.id);
    // The scanner lets an unused objection window lapse without an event (条例 §23: nothing happens).
    const lapsedWindow = rec.kind === 'objection' && row.status === 'lapsed' && row.due_at < input.now;
    if (row.status !== 'open' && !lapsedWindow) diff('deadlines', row.id, 'status', 'open', row.status);
    if (row.kind !== rec.kind) diff('deadlines', row.id, 'kind', rec.kind, row.kind);
    if (row.main !== rec.main) diff('deadlines', row.id, 'main', rec.main, row.main);
    if (row.due_date !== rec.dueDate) diff('deadlines', row.id, 'due_date', rec.dueDate, row.due_date);
    if (row.due_at.toISOString() !== rec.dueAt)
      diff('deadlines', row.id, 'due_at', rec.dueAt, row.due_at.toISOString());
  }
  for (const d of input.deadlines) {
    if (d.status === 'open' && !accounted.has(d.id))
      diff('deadlines', d.id, 'status', 'not opened by any event', 'open');
  }

  const decisionRows = new Map(input.decisions.map((d) => [d.id, d]));
  for (const [id, { rec, at }] of decisions) {
    const row = decisionRows.get(id);
    if (!row) {
      diff('decisions', id, null, `${rec.kind} decision`, 'missing');
      continue;
    }
    const expect: [string, Value, Value][] = [
      ['kind', rec.kind, row.kind],
      ['outcome', rec.outcome, row.outcome],
      ['unit_id', rec.unitId, row.unit_id],
      ['decided_by', rec.decidedBy, row.decided_by],
      ['decided_at', at.toISOString(), row.decided_at.toISOString()],
      ['delivered_at', at.toISOString(), row.delivered_at.toISOString()],
      ['facts', `sha256:${rec.factsSha256}`, `sha256:${sha256Hex(row.facts)}`],
      ['legal_basis', `sha256:${rec.legalBasisSha256}`, `sha256:${sha256Hex(row.legal_basis)}`],
      ['body', `sha256:${rec.bodySha256}`, `sha256:${sha256Hex(row.body)}`],
    ];
    for (const [column, expected, found] of expect)
      if (!same(expected, found)) diff('decisions', id, column, expected, found);
  }
  for (const d of input.decisions)
    if (!decisions.has(d.id)) diff('decisions', d.id, null, 'no decision', 'a row no event made');

  const ratingRows = new Map(input.ratings.map((r) => [r.id, r]));
  for (const [id, { rec, at }] of ratings) {
    const row = ratingRows.get(id);
    if (!row) {
      diff('ratings', id, null, `rating ${rec.rating}`, 'missing');
      continue;
    }
    const expect: [string, Value, Value][] = [
      ['decision_id', rec.decisionId, row.decision_id],
      ['rating', rec.rating, row.rating],
      ['comment', rec.comment, row.comment],
      ['rated_at', at.toISOString(), row.rated_at.toISOString()],
    ];
    for (const [column, expected, found] of expect)
      if (!same(expected, found)) diff('ratings', id, column, expected, found);
  }
  for (const r of input.ratings)
    if (!ratings.has(r.id)) diff('ratings', r.id, null, 'no rating', 'a row no event made');

  const issued = input.issuedDocuments ?? [];
  for (const [kind, number] of docNumbers) {
    const row = issued.find((d) => d.kind === kind);
    if (!row) diff('issued_documents', null, null, `${kind} ${number}`, 'missing');
    else if (row.doc_number !== number)
      diff('issued_documents', row.id, 'doc_number', number, row.doc_number);
  }
  for (const d of issued)
    if (!docNumbers.has(d.kind))
      diff('issued_documents', d.id, null, 'no document issued', 'a row no event made');
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const keyOf = (d: DeadlineRecord, firstDeadlineId: number | null): number | 'registration' =>
  d.id ?? firstDeadlineId ?? 'registration';

const str = (v: unknown): Value => recordedValue(v);

/** Numbers may come back from the driver as strings (bigint); compare by their text. */
function same(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return String(a) === String(b);
}
