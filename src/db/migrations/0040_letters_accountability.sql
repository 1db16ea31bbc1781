-- Responsibility letters (信访工作责任书), frozen year-end scorecards and accountability records
-- (责任追究: 通报, 约谈, 书面检查) — issue 14, item 4.

-- A letter is a case of type `responsibility_letter`: the bureau (cases.unit_id) issues it to a unit
-- of its region for a year. One letter in force per unit and year; a withdrawn one makes room for a
-- new one. What the letter says (its text and its targets) lives in letter_revisions, never edited:
-- a change is a new revision, and `current_revision` names the one in force.
CREATE TABLE responsibility_letters (
  case_id                 integer PRIMARY KEY REFERENCES cases (id),
  target_unit_id          integer NOT NULL REFERENCES units (id),
  year                    integer NOT NULL CHECK (year BETWEEN 1990 AND 2099),
  title                   text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  doc_number              text CHECK (doc_number IS NULL OR length(doc_number) BETWEEN 1 AND 100),
  bureau_signatory_name   text NOT NULL CHECK (length(bureau_signatory_name) BETWEEN 1 AND 100),
  bureau_signatory_title  text NOT NULL CHECK (length(bureau_signatory_title) BETWEEN 1 AND 100),
  unit_signatory_name     text CHECK (length(unit_signatory_name) BETWEEN 1 AND 100),
  unit_signatory_title    text CHECK (length(unit_signatory_title) BETWEEN 1 AND 100),
  signed_on               date,
  signed_recorded_by      integer REFERENCES users (id),
  issued_at               timestamptz,
  current_revision        integer NOT NULL DEFAULT 1 CHECK (current_revision >= 1),
  in_force                boolean NOT NULL DEFAULT true,
  CHECK ((signed_on IS NULL) = (unit_signatory_name IS NULL)
     AND (signed_on IS NULL) = (unit_signatory_title IS NULL)
     AND (signed_on IS NULL) = (signed_recorded_by IS NULL))
);
CREATE UNIQUE INDEX responsibility_letters_unit_year_idx
  ON responsibility_letters (target_unit_id, year) WHERE in_force;
CREATE INDEX responsibility_letters_year_idx ON responsibility_letters (year, case_id);

-- Each revision of a letter's text and targets ([{indicator, target}], a rate's target as a ratio
-- 0..1 like every rate of the statistics). Revision 1 is the draft as created; each amendment adds
-- one with its reason. Append-only.
CREATE TABLE letter_revisions (
  case_id     integer NOT NULL REFERENCES responsibility_letters (case_id),
  revision    integer NOT NULL CHECK (revision >= 1),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 8000),
  targets     jsonb NOT NULL CHECK (jsonb_typeof(targets) = 'array'),
  reason      text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 2000),
  created_by  integer NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (case_id, revision),
  CHECK ((revision = 1) = (reason IS NULL))
);

-- The unit's targets of a year come from its letter once one is issued: the rows the letter wrote
-- name it, and the administrators' form refuses to change them (amend the letter instead). The
-- follow-up rates (issue 13) join the rates a target may be set on, as the scorecard already reads.
ALTER TABLE unit_targets ADD COLUMN letter_case_id integer REFERENCES cases (id);
ALTER TABLE unit_targets DROP CONSTRAINT unit_targets_indicator_check;
ALTER TABLE unit_targets ADD CONSTRAINT unit_targets_indicator_check
  CHECK (indicator IN ('on_time_acceptance', 'on_time_completion', 'rating_rate', 'satisfaction',
    'repeat_rate', 'first_contact_resolution', 'cross_level_rate', 'changed_on_review',
    'follow_up_coverage', 'follow_up_solved'));
CREATE INDEX unit_targets_letter_idx ON unit_targets (letter_case_id) WHERE letter_case_id IS NOT NULL;

-- A year's scorecard of a region frozen at the year end: the ranked rows as computed then, with the
-- weights and targets used, and the SHA-256 of their canonical JSON, which the freezing event in the
-- stream 'scorecard:<year>:<region>' repeats (so it sits in the hash chain). Never edited: a
-- correction is a new row superseding the old one (one correction per row; a correction may itself
-- be corrected), and both stay.
CREATE TABLE frozen_scorecards (
  id             serial PRIMARY KEY,
  year           integer NOT NULL CHECK (year BETWEEN 1990 AND 2099),
  region_code    text NOT NULL REFERENCES regions (code),
  supersedes_id  integer UNIQUE REFERENCES frozen_scorecards (id),
  reason         text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 2000),
  snapshot       jsonb NOT NULL,
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  frozen_by      integer NOT NULL REFERENCES users (id),
  frozen_at      timestamptz NOT NULL,
  CHECK ((supersedes_id IS NULL) = (reason IS NULL))
);
CREATE UNIQUE INDEX frozen_scorecards_first_idx ON frozen_scorecards (year, region_code)
  WHERE supersedes_id IS NULL;

CREATE FUNCTION minsheng_frozen_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are never changed (% refused): write a correction', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER frozen_scorecards_immutable BEFORE UPDATE OR DELETE ON frozen_scorecards
  FOR EACH ROW EXECUTE FUNCTION minsheng_frozen_immutable();
CREATE TRIGGER frozen_scorecards_no_truncate BEFORE TRUNCATE ON frozen_scorecards
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_forbid_truncate();
CREATE TRIGGER letter_revisions_immutable BEFORE UPDATE OR DELETE ON letter_revisions
  FOR EACH ROW EXECUTE FUNCTION minsheng_frozen_immutable();
CREATE TRIGGER letter_revisions_no_truncate BEFORE TRUNCATE ON letter_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_forbid_truncate();

-- An accountability record (责任追究) against a unit: a case of type `accountability`, opened by the
-- bureau (cases.unit_id) for a failure, answered by the unit, concluded or returned by the bureau.
CREATE TABLE accountability_records (
  case_id            integer PRIMARY KEY REFERENCES cases (id),
  target_unit_id     integer NOT NULL REFERENCES units (id),
  kind               text NOT NULL CHECK (kind IN ('notice', 'talk', 'self_examination')),
  failure            text NOT NULL CHECK (length(failure) BETWEEN 1 AND 4000),
  demand             text NOT NULL CHECK (length(demand) BETWEEN 1 AND 2000),
  talk_on            date,
  talk_place         text CHECK (talk_place IS NULL OR length(talk_place) BETWEEN 1 AND 200),
  talk_participants  text CHECK (length(talk_participants) BETWEEN 1 AND 1000),
  respond_by         date NOT NULL,
  response           text CHECK (response IS NULL OR length(response) BETWEEN 1 AND 8000),
  responded_by       integer REFERENCES users (id),
  responded_at       timestamptz,
  finding            text CHECK (finding IS NULL OR length(finding) BETWEEN 1 AND 4000),
  CHECK (kind <> 'talk'
    OR (talk_on IS NOT NULL AND talk_place IS NOT NULL AND talk_participants IS NOT NULL)),
  CHECK ((response IS NULL) = (responded_at IS NULL) AND (response IS NULL) = (responded_by IS NULL))
);
CREATE INDEX accountability_records_target_idx ON accountability_records (target_unit_id, case_id);

-- The matters a record cites: each visible to the opener and to the unit (a report of misconduct is
-- never cited to the unit it reports).
CREATE TABLE accountability_matters (
  case_id    integer NOT NULL REFERENCES accountability_records (case_id),
  matter_id  integer NOT NULL REFERENCES matters (id),
  PRIMARY KEY (case_id, matter_id)
);
CREATE INDEX accountability_matters_matter_idx ON accountability_matters (matter_id);

-- The figures a record cites, as they were when it was opened (captured from the live computation),
-- and, where a frozen scorecard is cited, the unit's figure and rank there.
CREATE TABLE accountability_figures (
  case_id              integer NOT NULL REFERENCES accountability_records (case_id),
  position             integer NOT NULL CHECK (position >= 0),
  indicator            text NOT NULL,
  period_from          date NOT NULL,
  period_to            date NOT NULL CHECK (period_to >= period_from),
  numerator            integer NOT NULL,
  denominator          integer,
  value                double precision,
  frozen_scorecard_id  integer REFERENCES frozen_scorecards (id),
  frozen_value         double precision,
  frozen_rank          integer,
  captured_at          timestamptz NOT NULL,
  PRIMARY KEY (case_id, position)
);

INSERT INTO time_limits (kind, amount, unit, warn_amount, description_zh, description_en) VALUES
  ('accountability_response', 10, 'working_days', 2,
   '责任追究的单位答复（书面检查、整改报告）期限（以写明的日期为准；到期前预警的工作日数）',
   'A unit''s response to an accountability record (the date set on it; warning ahead of it)');
