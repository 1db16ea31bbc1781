-- Case ownership (领导包案, "六一三包", issue 13 item 4) as a case type of the workflow kernel:
-- one problem, one supervision card, one lead leader, one team, one plan, one written reply.
--
-- A leader (or the petition bureau on their behalf) owns a difficult matter: the team (users and
-- units with their roles), the plan (steps with an owner, a due date, a status and a progress
-- figure reported on them), a supervision card bound to it and, at the end, the written reply.
-- Whether the case is resolved is never stored: it is read from the matter (a final state reached
-- with a reply), so a leader's resolution rate cannot be entered by hand.
ALTER TABLE cases DROP CONSTRAINT cases_type_check;
ALTER TABLE cases ADD CONSTRAINT cases_type_check
  CHECK (type IN ('instruction', 'supervision_card', 'follow_up', 'ownership'));

CREATE TABLE case_ownerships (
  case_id        integer PRIMARY KEY REFERENCES cases (id),
  matter_id      integer NOT NULL REFERENCES matters (id),
  leader_id      integer NOT NULL REFERENCES users (id),
  problem        text NOT NULL CHECK (length(problem) BETWEEN 1 AND 2000),
  goal           text CHECK (goal IS NULL OR length(goal) BETWEEN 1 AND 2000),
  card_case_id   integer REFERENCES supervision_cards (case_id),
  written_reply  text CHECK (written_reply IS NULL OR length(written_reply) BETWEEN 1 AND 8000),
  replied_by     integer REFERENCES users (id),
  replied_at     timestamptz,
  -- One lead leader per problem: a matter has at most one ownership in force.
  in_force       boolean NOT NULL DEFAULT true,
  CHECK ((written_reply IS NULL) = (replied_at IS NULL))
);
CREATE UNIQUE INDEX case_ownerships_in_force_idx ON case_ownerships (matter_id) WHERE in_force;
CREATE INDEX case_ownerships_leader_idx ON case_ownerships (leader_id, case_id);

CREATE TABLE ownership_members (
  id        serial PRIMARY KEY,
  case_id   integer NOT NULL REFERENCES case_ownerships (case_id),
  unit_id   integer NOT NULL REFERENCES units (id),
  -- Null: the unit as a whole (a lead or cooperating unit); set: a named person of that unit.
  user_id   integer REFERENCES users (id),
  role      text NOT NULL CHECK (role IN ('deputy_leader', 'lead_unit', 'cooperating_unit', 'liaison')),
  added_at  timestamptz NOT NULL,
  UNIQUE NULLS NOT DISTINCT (case_id, unit_id, user_id)
);
CREATE INDEX ownership_members_user_idx ON ownership_members (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX ownership_members_unit_idx ON ownership_members (unit_id);

CREATE TABLE ownership_steps (
  id                serial PRIMARY KEY,
  case_id           integer NOT NULL REFERENCES case_ownerships (case_id),
  position          integer NOT NULL CHECK (position > 0),
  title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  owner_id          integer NOT NULL REFERENCES users (id),
  due_date          date NOT NULL,
  status            text NOT NULL DEFAULT 'planned'
                      CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
  progress          integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  last_report       text CHECK (last_report IS NULL OR length(last_report) BETWEEN 1 AND 2000),
  last_reported_at  timestamptz,
  deadline_id       integer REFERENCES case_deadlines (id),
  created_at        timestamptz NOT NULL,
  UNIQUE (case_id, position),
  CHECK (status <> 'done' OR progress = 100)
);
CREATE INDEX ownership_steps_owner_idx ON ownership_steps (owner_id);
CREATE INDEX ownership_steps_deadline_idx ON ownership_steps (deadline_id);

INSERT INTO time_limits (kind, amount, unit, warn_amount, description_zh, description_en) VALUES
  ('ownership_step', 10, 'working_days', 2,
   '包案化解方案步骤的完成期限（以步骤写明的日期为准；到期前预警的工作日数）',
   'A step of an owned case''s plan (the date on the step; warning ahead of it)');
