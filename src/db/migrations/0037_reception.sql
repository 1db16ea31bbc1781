-- Reception days (领导接访日, issue 14 item 1): leaders' reception sessions, outreach visits (下访)
-- and appointments with a named petitioner (约访), scheduled by the petition bureau; and the
-- petitioner's appointment requests from the portal. Both are case types of the workflow kernel
-- (their state, version and stream live in `cases`, migration 0036).

CREATE TABLE reception_sessions (
  case_id           integer PRIMARY KEY REFERENCES cases (id),
  kind              text NOT NULL CHECK (kind IN ('reception', 'outreach', 'appointment')),
  leader_id         integer NOT NULL REFERENCES users (id),
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  place             text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  -- The village, community or grid an outreach visit goes to (下访), when it goes to one.
  place_region_code text REFERENCES regions (code),
  topics            text NOT NULL DEFAULT '' CHECK (length(topics) <= 1000),
  capacity          integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  published         boolean NOT NULL DEFAULT false,
  -- 约访: the petitioner's matter. Such a session names a person, so it is never published.
  matter_id         integer REFERENCES matters (id),
  people_received   integer CHECK (people_received IS NULL OR people_received BETWEEN 0 AND 10000),
  outcome           text CHECK (outcome IS NULL OR length(outcome) BETWEEN 1 AND 4000),
  recorded_by       integer REFERENCES users (id),
  recorded_at       timestamptz,
  cancel_reason     text CHECK (cancel_reason IS NULL OR length(cancel_reason) BETWEEN 1 AND 1000),
  CHECK (ends_at > starts_at),
  CHECK ((kind = 'appointment') = (matter_id IS NOT NULL)),
  CHECK (NOT (kind = 'appointment' AND published))
);
CREATE INDEX reception_sessions_leader_idx ON reception_sessions (leader_id, starts_at);
CREATE INDEX reception_sessions_published_idx ON reception_sessions (starts_at) WHERE published;

-- A matter registered at a session (channel visit at a reception, outreach at a 下访) names it.
ALTER TABLE matters ADD COLUMN reception_session_id integer REFERENCES cases (id);
CREATE INDEX matters_reception_session_idx ON matters (reception_session_id)
  WHERE reception_session_id IS NOT NULL;

CREATE TABLE appointment_requests (
  case_id              integer PRIMARY KEY REFERENCES cases (id),
  number               text NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 40),
  -- Only a digest of the query code is kept: the petitioner holds the code itself.
  query_code_hash      text NOT NULL CHECK (length(query_code_hash) = 64),
  session_id           integer NOT NULL REFERENCES cases (id),
  proposed_session_id  integer REFERENCES cases (id),
  confirmed_session_id integer REFERENCES cases (id),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  phone                text NOT NULL CHECK (length(phone) BETWEEN 1 AND 30),
  reason               text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  matter_id            integer REFERENCES matters (id),
  message              text CHECK (message IS NULL OR length(message) BETWEEN 1 AND 1000),
  answered_by          integer REFERENCES users (id),
  answered_at          timestamptz
);
CREATE INDEX appointment_requests_confirmed_idx ON appointment_requests (confirmed_session_id)
  WHERE confirmed_session_id IS NOT NULL;

-- The petitioner opens an appointment request on the portal, as they answer their own follow-up
-- (migration 0035): no member of staff opens it, the bureau of the session answers for it.
ALTER TABLE cases DROP CONSTRAINT cases_opener_check;
ALTER TABLE cases ADD CONSTRAINT cases_opener_check
  CHECK (opened_by IS NOT NULL OR type IN ('follow_up', 'appointment_request'));
