-- Petitioners, matters and everything that hangs off a matter.

CREATE TABLE petitioners (
  id           serial PRIMARY KEY,
  kind         text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation')),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  id_number    text CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
  phone        text,
  address      text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
-- One person, one record: by ID number, else by name + phone.
CREATE UNIQUE INDEX petitioners_id_number_unique ON petitioners (id_number) WHERE id_number IS NOT NULL;
CREATE UNIQUE INDEX petitioners_name_phone_unique ON petitioners (name, phone)
  WHERE id_number IS NULL AND phone IS NOT NULL;
CREATE INDEX petitioners_phone_idx ON petitioners (phone);
CREATE INDEX petitioners_name_idx ON petitioners (name);

CREATE TABLE matters (
  id                   serial PRIMARY KEY,
  case_number          text NOT NULL UNIQUE,
  query_code           text NOT NULL UNIQUE,
  channel              text NOT NULL CHECK (channel IN ('letter', 'visit', 'phone', 'web', 'leader_mailbox',
                         'handed_down', 'outreach', 'screening')),
  purpose              text NOT NULL CHECK (purpose IN ('accusation', 'appeal', 'request', 'suggestion', 'other')),
  category_code        text REFERENCES categories (code),
  subject              text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  content              text NOT NULL CHECK (length(content) BETWEEN 1 AND 20000),
  region_code          text NOT NULL REFERENCES regions (code),
  lodged_level         text NOT NULL CHECK (lodged_level IN ('township', 'county', 'city', 'province', 'national')),
  target               text,
  reported_unit_id     integer REFERENCES units (id),
  is_misconduct_report boolean NOT NULL DEFAULT false,
  head_count           integer NOT NULL DEFAULT 1 CHECK (head_count BETWEEN 1 AND 10000),
  is_collective        boolean NOT NULL DEFAULT false,
  state                text NOT NULL CHECK (state IN ('registered', 'accepted', 'in_handling', 'replied',
                         'evaluated', 'review_requested', 'reviewed', 'recheck_requested', 'rechecked',
                         'closed', 'concluded', 'forwarded', 'handed_down', 'not_accepted', 'merged')),
  registering_unit_id  integer NOT NULL REFERENCES units (id),
  registered_by        integer REFERENCES users (id),
  received_at          timestamptz NOT NULL,
  registered_at        timestamptz NOT NULL DEFAULT now(),
  handed_down_from     text,
  external_due_date    date,
  repeat_of_id         integer REFERENCES matters (id),
  accepted_at          timestamptz,
  replied_at           timestamptz,
  closed_at            timestamptz,
  extension_days       integer CHECK (extension_days BETWEEN 1 AND 30),
  version              integer NOT NULL DEFAULT 1,
  search_text          text NOT NULL DEFAULT ''
);
CREATE INDEX matters_state_idx ON matters (state);
CREATE INDEX matters_region_idx ON matters (region_code text_pattern_ops);
CREATE INDEX matters_registered_at_idx ON matters (registered_at DESC);
CREATE INDEX matters_registering_unit_idx ON matters (registering_unit_id);
CREATE INDEX matters_repeat_of_idx ON matters (repeat_of_id);
CREATE INDEX matters_reported_unit_idx ON matters (reported_unit_id) WHERE reported_unit_id IS NOT NULL;

CREATE TABLE matter_petitioners (
  matter_id         integer NOT NULL REFERENCES matters (id),
  petitioner_id     integer NOT NULL REFERENCES petitioners (id),
  is_representative boolean NOT NULL DEFAULT false,
  PRIMARY KEY (matter_id, petitioner_id)
);
CREATE INDEX matter_petitioners_petitioner_idx ON matter_petitioners (petitioner_id);

-- Lead (牵头) and co-handling (配合) units. Exactly one active lead per matter once routed.
CREATE TABLE matter_units (
  id           serial PRIMARY KEY,
  matter_id    integer NOT NULL REFERENCES matters (id),
  unit_id      integer NOT NULL REFERENCES units (id),
  role         text NOT NULL CHECK (role IN ('lead', 'co')),
  assigned_at  timestamptz NOT NULL,
  signed_at    timestamptz,
  released_at  timestamptz,
  release_reason text
);
CREATE UNIQUE INDEX matter_units_one_lead ON matter_units (matter_id) WHERE role = 'lead' AND released_at IS NULL;
CREATE INDEX matter_units_unit_idx ON matter_units (unit_id) WHERE released_at IS NULL;
CREATE INDEX matter_units_matter_idx ON matter_units (matter_id);

CREATE TABLE attachments (
  id           serial PRIMARY KEY,
  matter_id    integer NOT NULL REFERENCES matters (id),
  filename     text NOT NULL,
  mime_type    text NOT NULL,
  size_bytes   integer NOT NULL CHECK (size_bytes >= 0),
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key  text NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  uploaded_by  integer REFERENCES users (id)
);
CREATE INDEX attachments_matter_idx ON attachments (matter_id);

-- Written replies and review decisions: one row per decision, never overwritten.
CREATE TABLE decisions (
  id           serial PRIMARY KEY,
  matter_id    integer NOT NULL REFERENCES matters (id),
  kind         text NOT NULL CHECK (kind IN ('reply', 'review', 'recheck')),
  outcome      text NOT NULL CHECK (outcome IN ('supported', 'explained', 'not_supported', 'upheld', 'changed')),
  facts        text NOT NULL,
  legal_basis  text NOT NULL,
  body         text NOT NULL DEFAULT '',
  unit_id      integer NOT NULL REFERENCES units (id),
  decided_by   integer REFERENCES users (id),
  decided_at   timestamptz NOT NULL,
  delivered_at timestamptz NOT NULL
);
CREATE INDEX decisions_matter_idx ON decisions (matter_id);

CREATE TABLE ratings (
  id          serial PRIMARY KEY,
  matter_id   integer NOT NULL REFERENCES matters (id),
  decision_id integer NOT NULL REFERENCES decisions (id) UNIQUE,
  rating      text NOT NULL CHECK (rating IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
  comment     text,
  rated_at    timestamptz NOT NULL
);

-- Registered matters are never deleted: corrections are new events.
CREATE FUNCTION minsheng_forbid_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are never deleted', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER matters_no_delete BEFORE DELETE ON matters FOR EACH ROW EXECUTE FUNCTION minsheng_forbid_delete();
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION minsheng_forbid_delete();
