-- Failed logins counted per account name (issue 10, item 6): a per-address limit alone is escaped by
-- rotating addresses. Keyed by the name as typed (lower-cased), whether or not such a user exists, so
-- the answer to a locked name does not reveal whether the account exists.
CREATE TABLE login_throttle (
  username text PRIMARY KEY,
  -- Attempts that reached the password check since the last success (or since the count lapsed).
  failures integer NOT NULL CHECK (failures >= 0),
  last_failure_at timestamptz NOT NULL,
  -- No attempt is checked before this time: the growing delay between failures.
  next_attempt_at timestamptz NOT NULL,
  locked_until timestamptz
);
CREATE INDEX login_throttle_locked ON login_throttle (locked_until) WHERE locked_until IS NOT NULL;
