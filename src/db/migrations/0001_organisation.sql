-- Organisation: the administrative hierarchy, units with their remit, and staff users.

-- GB/T 2260 codes are prefixes of their children (44 → 4403 → 440305 → 440305001 → 440305001001),
-- so a region subtree is a prefix match on the code. Grids extend a village/community code by 3 digits.
CREATE TABLE regions (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{2,15}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  level       text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village', 'grid')),
  parent_code text REFERENCES regions (code),
  grid_leader text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_code IS NULL OR starts_with(code, parent_code))
);
CREATE INDEX regions_parent_idx ON regions (parent_code);
CREATE INDEX regions_code_prefix_idx ON regions (code text_pattern_ops);

CREATE TABLE categories (
  code        text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_.-]{1,80}$'),
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  parent_code text REFERENCES categories (code),
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  sort        integer NOT NULL DEFAULT 0,
  active      boolean NOT NULL DEFAULT true
);
CREATE INDEX categories_parent_idx ON categories (parent_code);

CREATE TABLE units (
  id           serial PRIMARY KEY,
  name         text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  kind         text NOT NULL CHECK (kind IN ('petition_bureau', 'functional_department', 'township_government',
                 'county_government', 'city_government', 'political_legal', 'discipline_inspection', 'court',
                 'procuratorate', 'public_security', 'village_committee', 'grid', 'other')),
  level        text NOT NULL CHECK (level IN ('national', 'province', 'city', 'county', 'township', 'village', 'grid')),
  region_code  text NOT NULL REFERENCES regions (code),
  parent_id    integer REFERENCES units (id),
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX units_region_idx ON units (region_code text_pattern_ops);

-- Remit: which regions × categories a unit is competent for (谁主管·谁负责). A null category means all.
CREATE TABLE unit_remits (
  id            serial PRIMARY KEY,
  unit_id       integer NOT NULL REFERENCES units (id),
  region_code   text NOT NULL REFERENCES regions (code),
  category_code text REFERENCES categories (code)
);
CREATE UNIQUE INDEX unit_remits_unique ON unit_remits (unit_id, region_code, coalesce(category_code, ''));

CREATE TABLE users (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  unit_id       integer NOT NULL REFERENCES units (id),
  roles         text[] NOT NULL CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['registrar', 'officer',
                  'unit_head', 'leader', 'supervisor', 'analyst', 'admin']::text[]),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id          text PRIMARY KEY,          -- SHA-256 of the cookie token; the token itself is never stored
  user_id     integer NOT NULL REFERENCES users (id),
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
