import { createHash } from 'node:crypto';

/**
 * What an event proves about the rows its transaction wrote: `payload.record`. `audit verify` replays
 * these records and compares the result with the tables, so a row edited, deleted or added behind
 * the application's back (by someone with the database's superuser rights) is reported with its
 * table, id and column. Nested under one key so the timeline, which shows only a payload's flat
 * text and number fields, never displays it. Events written before records existed have none; their
 * matters are compared on what the older payloads prove (the state).
 */
export interface EventRecord {
  /** Columns of the matter as this event left them (timestamps as ISO strings). */
  matter?: Partial<Record<RecordedMatterColumn, string | number | boolean | null>>;
  /** SHA-256 of the matter's long text: proof without a second copy of what a petitioner wrote. */
  digests?: { subject: string; content: string };
  deadlines?: { opened: DeadlineRecord[]; closed: DeadlineRecord[] };
  decision?: DecisionRecord;
  rating?: RatingRecord;
}

/** The matter columns an event may record; anything else on the row is not proved by the log. */
export const RECORDED_MATTER_COLUMNS = [
  'state',
  'version',
  'case_number',
  'channel',
  'purpose',
  'category_code',
  'region_code',
  'registering_unit_id',
  'received_at',
  'head_count',
  'is_collective',
  'repeat_of_id',
  'accepted_at',
  'replied_at',
  'closed_at',
  'extension_days',
  'suspended_at',
  'reported_unit_id',
  'is_misconduct_report',
] as const;
export type RecordedMatterColumn = (typeof RECORDED_MATTER_COLUMNS)[number];

/** One deadline row; `id` is null for the acceptance limit written by the registration statement. */
export interface DeadlineRecord {
  id: number | null;
  kind: string;
  main: boolean;
  dueAt: string;
  dueDate: string;
}

export interface DecisionRecord {
  id: number;
  kind: 'reply' | 'review' | 'recheck';
  outcome: string;
  unitId: number;
  decidedBy: number | null;
  factsSha256: string;
  legalBasisSha256: string;
  bodySha256: string;
}

export interface RatingRecord {
  id: number;
  decisionId: number;
  rating: string;
  comment: string | null;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A column value as an event records it: instants as ISO strings, the rest as they are. */
export function recordedValue(v: unknown): string | number | boolean | null {
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  return v as string | number | boolean | null;
}

/** The matter columns of a command's `set`, in the form an event records them. */
export function matterRecord(set: Record<string, unknown>): EventRecord['matter'] {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(set)) {
    if ((RECORDED_MATTER_COLUMNS as readonly string[]).includes(k)) out[k] = recordedValue(v);
  }
  return out;
}

/** Deadline rows as an event records them. */
export function deadlineRecords(
  rows: { id: number; kind: string; main: boolean; due_at: Date; due_date: string }[],
): DeadlineRecord[] {
  return rows.map((d) => ({
    id: d.id,
    kind: d.kind,
    main: d.main,
    dueAt: d.due_at.toISOString(),
    dueDate: d.due_date,
  }));
}
