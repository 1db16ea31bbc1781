import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely's view of migration 0040 (responsibility letters, frozen scorecards, accountability),
 * joined into the Database interface of src/db/schema.ts.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface ResponsibilityLettersTable {
  case_id: number;
  target_unit_id: number;
  year: number;
  title: string;
  doc_number: string | null;
  bureau_signatory_name: string;
  bureau_signatory_title: string;
  unit_signatory_name: string | null;
  unit_signatory_title: string | null;
  signed_on: DateOnly | null;
  signed_recorded_by: number | null;
  issued_at: Timestamp | null;
  current_revision: Generated<number>;
  in_force: Generated<boolean>;
}

export interface LetterRevisionsTable {
  case_id: number;
  revision: number;
  body: string;
  targets: Json<{ indicator: string; target: number }[]>;
  reason: string | null;
  created_by: number;
  created_at: Timestamp;
}

export interface FrozenScorecardsTable {
  id: Generated<number>;
  year: number;
  region_code: string;
  supersedes_id: number | null;
  reason: string | null;
  snapshot: Json<unknown>;
  sha256: string;
  frozen_by: number;
  frozen_at: Timestamp;
}

export interface AccountabilityRecordsTable {
  case_id: number;
  target_unit_id: number;
  kind: 'notice' | 'talk' | 'self_examination';
  failure: string;
  demand: string;
  talk_on: DateOnly | null;
  talk_place: string | null;
  talk_participants: string | null;
  respond_by: DateOnly;
  response: string | null;
  responded_by: number | null;
  responded_at: Timestamp | null;
  finding: string | null;
}

export interface AccountabilityMattersTable {
  case_id: number;
  matter_id: number;
}

export interface AccountabilityFiguresTable {
  case_id: number;
  position: number;
  indicator: string;
  period_from: DateOnly;
  period_to: DateOnly;
  numerator: number;
  denominator: number | null;
  value: number | null;
  frozen_scorecard_id: number | null;
  frozen_value: number | null;
  frozen_rank: number | null;
  captured_at: Timestamp;
}

/** The tables of migration 0040, spread into the Database interface. */
export interface AssessmentTables {
  responsibility_letters: ResponsibilityLettersTable;
  letter_revisions: LetterRevisionsTable;
  frozen_scorecards: FrozenScorecardsTable;
  accountability_records: AccountabilityRecordsTable;
  accountability_matters: AccountabilityMattersTable;
  accountability_figures: AccountabilityFiguresTable;
}
