-- Joint meetings (联席会议, issue 14 item 3; procedure.md §5).
--
-- The joint meeting body is a standing body of a region: a convener unit (the petition bureau or the
-- people's government there) and a convener leader, member units with their representatives, and
-- special working groups (专项小组) with a lead unit, member units and the petition categories they
-- cover. It is configuration, not a case: plain tables changed only by audited commands, each body
-- with its own hash-chained stream 'meeting-body:<id>'. A unit that leaves keeps its row (left_at),
-- so what it was handed stays explained.
--
-- A meeting is a case of type 'meeting' (its own stream 'case:<id>'); each item it hands down to a
-- member unit (交办) is a case of type 'meeting_assignment' with a report-back and a deadline in
-- case_deadlines, raised by the deadline scanner like any other.
CREATE TABLE meeting_bodies (
  id                  serial PRIMARY KEY,
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  region_code         text NOT NULL REFERENCES regions (code),
  convener_unit_id    integer NOT NULL REFERENCES units (id),
  convener_leader_id  integer REFERENCES users (id),
  duties              text CHECK (duties IS NULL OR length(duties) BETWEEN 1 AND 4000),
  version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by          integer NOT NULL REFERENCES users (id),
  created_at          timestamptz NOT NULL,
  UNIQUE (region_code, name)
);

CREATE TABLE meeting_body_members (
  body_id    integer NOT NULL REFERENCES meeting_bodies (id),
  unit_id    integer NOT NULL REFERENCES units (id),
  joined_at  timestamptz NOT NULL,
  left_at    timestamptz,
  PRIMARY KEY (body_id, unit_id)
);
CREATE INDEX meeting_body_members_unit_idx ON meeting_body_members (unit_id) WHERE left_at IS NULL;

-- The people who speak for a member unit at the meeting (its users).
CREATE TABLE meeting_body_representatives (
  body_id  integer NOT NULL,
  unit_id  integer NOT NULL,
  user_id  integer NOT NULL REFERENCES users (id),
  PRIMARY KEY (body_id, user_id),
  FOREIGN KEY (body_id, unit_id) REFERENCES meeting_body_members (body_id, unit_id)
);

CREATE TABLE meeting_working_groups (
  id            serial PRIMARY KEY,
  body_id       integer NOT NULL REFERENCES meeting_bodies (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  lead_unit_id  integer NOT NULL,
  created_at    timestamptz NOT NULL,
  dissolved_at  timestamptz,
  FOREIGN KEY (body_id, lead_unit_id) REFERENCES meeting_body_members (body_id, unit_id)
);
CREATE UNIQUE INDEX meeting_working_groups_name_idx ON meeting_working_groups (body_id, name)
  WHERE dissolved_at IS NULL;
CREATE TABLE meeting_working_group_units (
  group_id  integer NOT NULL REFERENCES meeting_working_groups (id),
  unit_id   integer NOT NULL REFERENCES units (id),
  PRIMARY KEY (group_id, unit_id)
);
CREATE TABLE meeting_working_group_categories (
  group_id       integer NOT NULL REFERENCES meeting_working_groups (id),
  category_code  text NOT NULL REFERENCES categories (code),
  PRIMARY KEY (group_id, category_code)
);

CREATE TABLE meetings (
  case_id      integer PRIMARY KEY REFERENCES cases (id),
  body_id      integer NOT NULL REFERENCES meeting_bodies (id),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  starts_at    timestamptz NOT NULL,
  place        text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  agenda       text NOT NULL CHECK (length(agenda) BETWEEN 1 AND 4000),
  minutes      text CHECK (minutes IS NULL OR length(minutes) BETWEEN 1 AND 20000),
  -- The decisions in their order (议定事项一、二、三 …).
  decisions    text[] NOT NULL DEFAULT '{}',
  recorded_by  integer REFERENCES users (id),
  recorded_at  timestamptz,
  CHECK ((minutes IS NULL) = (recorded_at IS NULL))
);
CREATE INDEX meetings_body_idx ON meetings (body_id, starts_at);

-- Who attended: a member unit as such (user_id NULL) or a named person of it.
CREATE TABLE meeting_attendees (
  id       serial PRIMARY KEY,
  case_id  integer NOT NULL REFERENCES meetings (case_id),
  unit_id  integer NOT NULL REFERENCES units (id),
  user_id  integer REFERENCES users (id),
  UNIQUE NULLS NOT DISTINCT (case_id, unit_id, user_id)
);

-- Files of a meeting (the signed minutes, a sign-in sheet): the attachment store's files, checked
-- like a matter's attachments, with a row of their own because they belong to no matter.
CREATE TABLE meeting_files (
  id           serial PRIMARY KEY,
  case_id      integer NOT NULL REFERENCES meetings (case_id),
  filename     text NOT NULL,
  mime_type    text NOT NULL,
  size_bytes   integer NOT NULL CHECK (size_bytes >= 0),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key  text NOT NULL UNIQUE,
  uploaded_at  timestamptz NOT NULL,
  uploaded_by  integer NOT NULL REFERENCES users (id)
);
CREATE INDEX meeting_files_case_idx ON meeting_files (case_id);

-- 交办: one item a held meeting hands down to a member unit, with the report-back it must give.
-- The matter it concerns, if any, is the case's matter_id.
CREATE TABLE meeting_assignments (
  case_id          integer PRIMARY KEY REFERENCES cases (id),
  meeting_case_id  integer NOT NULL REFERENCES meetings (case_id),
  position         integer NOT NULL CHECK (position > 0),
  unit_id          integer NOT NULL REFERENCES units (id),
  task             text NOT NULL CHECK (length(task) BETWEEN 1 AND 2000),
  due_date         date NOT NULL,
  report           text CHECK (report IS NULL OR length(report) BETWEEN 1 AND 4000),
  reported_by      integer REFERENCES users (id),
  reported_at      timestamptz,
  returns          integer NOT NULL DEFAULT 0 CHECK (returns >= 0),
  UNIQUE (meeting_case_id, position),
  CHECK ((report IS NULL) = (reported_at IS NULL))
);
CREATE INDEX meeting_assignments_unit_idx ON meeting_assignments (unit_id, case_id);

INSERT INTO time_limits (kind, amount, unit, warn_amount, description_zh, description_en) VALUES
  ('meeting_assignment', 15, 'working_days', 2,
   '联席会议交办事项的报告期限（以交办写明的日期为准；到期前预警的工作日数）',
   'Report-back on a joint meeting''s assignment (the date it sets; warning ahead of it)');
