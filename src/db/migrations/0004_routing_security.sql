-- Routing rules, idempotent creates and the log of unmasked views.

-- A rule matches on region subtree (prefix), category (and its subtree) and purpose; the most
-- specific match wins, then priority. `action` says what the suggestion is.
CREATE TABLE routing_rules (
  id             serial PRIMARY KEY,
  name           text NOT NULL,
  region_prefix  text NOT NULL DEFAULT '' CHECK (region_prefix ~ '^[0-9]{0,15}$'),
  category_code  text REFERENCES categories (code),
  purpose        text CHECK (purpose IN ('accusation', 'appeal', 'request', 'suggestion', 'other')),
  keywords       text[] NOT NULL DEFAULT '{}',
  action         text NOT NULL CHECK (action IN ('assign', 'lawful_channel', 'discipline')),
  unit_id        integer REFERENCES units (id),
  co_unit_ids    integer[] NOT NULL DEFAULT '{}',
  lawful_channel text CHECK (lawful_channel IN ('litigation', 'arbitration', 'administrative_review',
                   'administrative_reconsideration', 'labour_arbitration', 'other')),
  reason_zh      text NOT NULL,
  reason_en      text NOT NULL,
  priority       integer NOT NULL DEFAULT 0,
  active         boolean NOT NULL DEFAULT true,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (action <> 'assign' OR unit_id IS NOT NULL),
  CHECK (action <> 'lawful_channel' OR lawful_channel IS NOT NULL)
);

-- A retried create with the same Idempotency-Key returns the first result.
CREATE TABLE idempotency_keys (
  scope          text NOT NULL,      -- 'user:<id>' or 'public:<ip>'
  key            text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  request_hash   text NOT NULL,
  status_code    integer,
  response       jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);



CREATE TABLE unmask_log (
  id           bigserial PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES users (id),
  petitioner_id integer NOT NULL REFERENCES petitioners (id),
  matter_id    integer REFERENCES matters (id),
  fields       text[] NOT NULL,
  at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_settings (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL
);
