-- Backlog campaigns (积案专项治理, issue 14 item 2) as a case type of the workflow kernel.
--
-- The backlog itself is never stored: it is read from the record by a rule that is configuration
-- (app_settings 'backlog_rule'). A campaign has a name, a period, a scope (a region and, optionally,
-- a lead unit), a target share of its matters to resolve and a description; it takes on matters
-- from the backlog, each with an owner, and records for each an outcome with evidence. Outcomes are
-- append-only: the current outcome of a matter is its latest row, and a closed campaign is
-- corrected only by a new row naming the one it corrects (with a reason), never in place.
CREATE TABLE campaigns (
  case_id         integer PRIMARY KEY REFERENCES cases (id),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  starts_on       date NOT NULL,
  ends_on         date NOT NULL,
  region_code     text NOT NULL REFERENCES regions (code),
  lead_unit_id    integer REFERENCES units (id),
  target_percent  integer NOT NULL CHECK (target_percent BETWEEN 1 AND 100),
  description     text CHECK (description IS NULL OR length(description) BETWEEN 1 AND 4000),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX campaigns_region_idx ON campaigns (region_code);

CREATE TABLE campaign_matters (
  case_id     integer NOT NULL REFERENCES campaigns (case_id),
  matter_id   integer NOT NULL REFERENCES matters (id),
  -- Who answers for resolving it; null until one is named (by default the 包案 leader in force).
  owner_id    integer REFERENCES users (id),
  added_by    integer NOT NULL REFERENCES users (id),
  added_at    timestamptz NOT NULL,
  -- Whether the campaign is still draft or active: a matter is taken on by at most one such
  -- campaign at a time (closing or withdrawing the campaign clears it in the same transaction).
  open        boolean NOT NULL DEFAULT true,
  PRIMARY KEY (case_id, matter_id)
);
CREATE UNIQUE INDEX campaign_matters_one_open_idx ON campaign_matters (matter_id) WHERE open;
CREATE INDEX campaign_matters_owner_idx ON campaign_matters (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE campaign_outcomes (
  id                 serial PRIMARY KEY,
  case_id            integer NOT NULL,
  matter_id          integer NOT NULL,
  outcome            text NOT NULL CHECK (outcome IN ('resolved', 'legal_channel', 'explained_accepted',
                                                      'hardship_assistance', 'concluded')),
  note               text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  recorded_by        integer NOT NULL REFERENCES users (id),
  recorded_at        timestamptz NOT NULL,
  correction_of      integer REFERENCES campaign_outcomes (id),
  correction_reason  text CHECK (correction_reason IS NULL OR length(correction_reason) BETWEEN 1 AND 2000),
  CHECK ((correction_of IS NULL) = (correction_reason IS NULL)),
  -- A matter with an outcome stays in its campaign: removing it would hide what was recorded.
  FOREIGN KEY (case_id, matter_id) REFERENCES campaign_matters (case_id, matter_id)
);
CREATE INDEX campaign_outcomes_matter_idx ON campaign_outcomes (case_id, matter_id, id);

CREATE TABLE campaign_outcome_attachments (
  outcome_id     integer NOT NULL REFERENCES campaign_outcomes (id),
  attachment_id  integer NOT NULL REFERENCES attachments (id),
  PRIMARY KEY (outcome_id, attachment_id)
);

CREATE FUNCTION minsheng_campaign_outcomes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'campaign outcomes are append-only (% refused): record a correction instead', TG_OP
    USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER campaign_outcomes_append_only BEFORE UPDATE OR DELETE ON campaign_outcomes
  FOR EACH ROW EXECUTE FUNCTION minsheng_campaign_outcomes_append_only();
CREATE TRIGGER campaign_outcome_attachments_append_only BEFORE UPDATE OR DELETE ON campaign_outcome_attachments
  FOR EACH ROW EXECUTE FUNCTION minsheng_campaign_outcomes_append_only();
CREATE TRIGGER campaign_outcomes_no_truncate BEFORE TRUNCATE ON campaign_outcomes
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_forbid_truncate();
CREATE TRIGGER campaign_outcome_attachments_no_truncate BEFORE TRUNCATE ON campaign_outcome_attachments
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_forbid_truncate();
