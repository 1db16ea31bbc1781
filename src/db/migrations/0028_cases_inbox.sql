-- The workflow kernel's cases (issue 13), their deadlines, leaders' instructions (阅批), and the inbox.
--
-- One row per case of any type: the columns every workflow shares (state, version, the matter it is
-- on, where it lies in the hierarchy, who opened it). What only one type has lives in that type's own
-- table keyed by the case. Each case has its own hash-chained event stream 'case:<id>'; those events
-- carry matter_id NULL, so a matter's replay (audit verify) sees only the matter's own stream, and
-- the matter page reads the case streams of its cases beside it.
CREATE TABLE cases (
  id           serial PRIMARY KEY,
  type         text NOT NULL CHECK (type IN ('instruction')),
  state        text NOT NULL,
  version      integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  matter_id    integer REFERENCES matters (id),
  -- The unit that opened the case and answers for it (the leader's or the supervisor's unit).
  unit_id      integer NOT NULL REFERENCES units (id),
  region_code  text NOT NULL REFERENCES regions (code),
  opened_by    integer NOT NULL REFERENCES users (id),
  opened_at    timestamptz NOT NULL,
  closed_at    timestamptz
);
CREATE INDEX cases_matter_idx ON cases (matter_id) WHERE matter_id IS NOT NULL;
CREATE INDEX cases_opener_idx ON cases (type, opened_by, id);
CREATE INDEX cases_unit_idx ON cases (type, unit_id, id);

-- A case's time limits, claimed by the deadline scanner exactly like a matter's (warned_at and
-- overdue_at set in the transaction that raises the mark). `unit_id` is the unit that must act.
CREATE TABLE case_deadlines (
  id          serial PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES cases (id),
  kind        text NOT NULL,
  unit_id     integer REFERENCES units (id),
  starts_at   timestamptz NOT NULL,
  due_at      timestamptz NOT NULL,
  due_date    date NOT NULL,
  warn_at     timestamptz NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'cancelled', 'lapsed')),
  closed_at   timestamptz,
  warned_at   timestamptz,
  overdue_at  timestamptz,
  CHECK (warn_at <= due_at)
);
CREATE INDEX case_deadlines_case_idx ON case_deadlines (case_id);
CREATE INDEX case_deadlines_open_warn_idx ON case_deadlines (warn_at) WHERE status = 'open' AND warned_at IS NULL;
CREATE INDEX case_deadlines_open_due_idx ON case_deadlines (due_at) WHERE status = 'open' AND overdue_at IS NULL;

-- 阅批: a leader's written instruction on a matter, and the units that must answer it.
CREATE TABLE instructions (
  case_id     integer PRIMARY KEY REFERENCES cases (id),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  answer_by   date
);
CREATE TABLE instruction_addressees (
  case_id      integer NOT NULL REFERENCES instructions (case_id),
  unit_id      integer NOT NULL REFERENCES units (id),
  answer       text CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 4000),
  answered_by  integer REFERENCES users (id),
  answered_at  timestamptz,
  PRIMARY KEY (case_id, unit_id),
  CHECK ((answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (answered_by IS NULL))
);
CREATE INDEX instruction_addressees_unit_idx ON instruction_addressees (unit_id, case_id);

INSERT INTO time_limits (kind, amount, unit, warn_amount, description_zh, description_en) VALUES
  ('instruction_answer', 10, 'working_days', 1,
   '领导批示的答复期限（批示未写明答复日期时不计时；写明日期的，提前预警的工作日数）',
   'Answer to a leader''s instruction (only when the instruction sets a date; warning ahead of it)');

-- The inbox: one row per recipient of each notice, written in the transaction of the event that
-- caused it. (stream, seq) names that event; the unique key makes a notice to a user exactly once.
CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users (id),
  kind        text NOT NULL,
  stream      text NOT NULL,
  seq         integer NOT NULL,
  matter_id   integer REFERENCES matters (id),
  case_id     integer REFERENCES cases (id),
  payload     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  UNIQUE (user_id, stream, seq, kind)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- The outbox of outbound channels (e-mail when SMTP is configured): a row per notice to send,
-- written with the notice, claimed by one sender at a time (FOR UPDATE SKIP LOCKED), retried with
-- backoff, marked sent in the sender's transaction.
CREATE TABLE notification_deliveries (
  id               bigserial PRIMARY KEY,
  notification_id  bigint NOT NULL REFERENCES notifications (id),
  channel          text NOT NULL CHECK (channel IN ('email')),
  address          text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  sent_at          timestamptz,
  last_error       text,
  UNIQUE (notification_id, channel)
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status = 'pending';

-- Where outbound notices go; null: the inbox only.
ALTER TABLE users ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$');
