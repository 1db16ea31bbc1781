-- The append-only, hash-chained event log; time limits and the deadlines they produce.

-- Each stream (one per matter, plus 'system') is its own hash chain, so registrations never queue
-- behind one global lock. audit_heads holds each chain's last seq and hash: removing the newest event
-- of a stream is caught because the head no longer matches.
CREATE TABLE events (
  id          bigserial PRIMARY KEY,
  stream      text NOT NULL,
  seq         integer NOT NULL CHECK (seq >= 1),
  matter_id   integer REFERENCES matters (id),
  kind        text NOT NULL,
  actor_kind  text NOT NULL CHECK (actor_kind IN ('staff', 'petitioner', 'system')),
  actor_id    integer REFERENCES users (id),
  unit_id     integer REFERENCES units (id),
  at          timestamptz NOT NULL,
  public      boolean NOT NULL DEFAULT false,   -- part of what the petitioner must be told
  payload     jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  UNIQUE (stream, seq)
);
CREATE INDEX events_matter_idx ON events (matter_id, seq);
CREATE INDEX events_kind_at_idx ON events (kind, at);

CREATE TABLE audit_heads (
  stream  text PRIMARY KEY,
  seq     integer NOT NULL,
  hash    text NOT NULL
);

CREATE FUNCTION minsheng_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION minsheng_events_append_only();

-- Every time limit is configuration; the defaults follow the 信访工作条例 (2022).
CREATE TABLE time_limits (
  kind              text PRIMARY KEY,
  amount            integer NOT NULL CHECK (amount BETWEEN 1 AND 3650),
  unit              text NOT NULL CHECK (unit IN ('days', 'working_days', 'hours')),
  roll_forward      boolean NOT NULL DEFAULT true,
  warn_amount       integer NOT NULL DEFAULT 3 CHECK (warn_amount BETWEEN 0 AND 365),
  warn_unit         text NOT NULL DEFAULT 'working_days' CHECK (warn_unit IN ('days', 'working_days', 'hours')),
  description_zh    text NOT NULL,
  description_en    text NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
INSERT INTO time_limits (kind, amount, unit, description_zh, description_en) VALUES
  ('acceptance', 15, 'days', '自收到信访事项之日起15日内决定是否受理（条例第二十四条）', 'Acceptance decision within 15 days of receipt'),
  ('handling', 60, 'days', '自受理之日起60日内办结（条例第三十四条）', 'Written reply within 60 days of acceptance'),
  ('handling_suggestion', 60, 'days', '意见建议类事项办理期限', 'Handling limit for suggestions'),
  ('handling_accusation', 90, 'days', '检举控告类事项办理期限（按纪检监察程序）', 'Handling limit for accusations'),
  ('extension_max', 30, 'days', '延长期限最多不超过30日', 'An extension is at most 30 days'),
  ('objection', 5, 'working_days', '收到转送事项后5个工作日内提出异议（条例第二十三条）', 'Objection to a forwarded matter within 5 working days'),
  ('review_request', 30, 'days', '收到处理意见书之日起30日内请求复查（条例第三十五条）', 'Review request within 30 days of the reply'),
  ('review_decision', 30, 'days', '自收到复查请求之日起30日内提出复查意见', 'Review decided within 30 days'),
  ('recheck_request', 30, 'days', '收到复查意见书之日起30日内请求复核（条例第三十六条）', 'Second review request within 30 days'),
  ('recheck_decision', 30, 'days', '自收到复核请求之日起30日内提出复核意见', 'Second review decided within 30 days');
UPDATE time_limits SET warn_amount = 1 WHERE kind = 'objection';
UPDATE time_limits SET warn_amount = 0 WHERE kind IN ('extension_max', 'review_request', 'recheck_request');

-- Deadlines of a matter. `main` is the limit the matter's own clock runs on (at most one open);
-- others (an objection window) run beside it. Warning and overdue are raised exactly once:
-- the scanner claims a row by setting warned_at / overdue_at in the same transaction as the event.
CREATE TABLE deadlines (
  id          serial PRIMARY KEY,
  matter_id   integer NOT NULL REFERENCES matters (id),
  kind        text NOT NULL,
  main        boolean NOT NULL DEFAULT true,
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
CREATE UNIQUE INDEX deadlines_one_open_main ON deadlines (matter_id) WHERE main AND status = 'open';
CREATE INDEX deadlines_open_warn_idx ON deadlines (warn_at) WHERE status = 'open' AND warned_at IS NULL;
CREATE INDEX deadlines_open_due_idx ON deadlines (due_at) WHERE status = 'open' AND overdue_at IS NULL;
CREATE INDEX deadlines_matter_idx ON deadlines (matter_id);

-- Administrator corrections to the official holiday calendar (or a whole year's notice).
CREATE TABLE calendar_overrides (
  date        date PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('workday', 'holiday')),
  name        text,
  created_by  integer REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE calendar_years_loaded (
  year        integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  created_by  integer REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
