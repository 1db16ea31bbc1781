-- Statistics rollups (issue 12): exact volume figures over millions of matters, never stale.
--
-- Every change of a matter's counted facts (its day, place, level, channel, purpose, category, state,
-- head count, whether it is a repeat, its handling unit) appends two signed rows to stats_pending —
-- minus the old facts, plus the new — from triggers, so in the same transaction as the change and on
-- every write path (commands, registration, demo, bulk loads). Appending never waits on another
-- writer, unlike a counter row that every registration of a province would lock in turn.
-- Now and then the pending rows are folded into stats_volume (analytics/rollup.ts); a figure reads
-- stats_volume plus whatever is still pending, in one snapshot, so it is exact at every moment.
--
-- Reports of misconduct (检举控告) are never counted here: only the units that registered or handle one
-- may see it, and their figures add them from the matters themselves (analytics/stats-scope.ts).

-- Which rollup subtrees (province, city, county) a region lies in, and, for each, the child of that
-- subtree on the way down to it (the row of the "by region, next level down" table; the subtree
-- itself for a matter placed at that level).
CREATE TABLE stats_region_scopes (
  region_code text NOT NULL,
  scope       text NOT NULL,
  child       text NOT NULL,
  PRIMARY KEY (region_code, scope)
);

CREATE FUNCTION minsheng_stats_rebuild_scopes() RETURNS void LANGUAGE sql AS $$
  DELETE FROM stats_region_scopes;
  INSERT INTO stats_region_scopes (region_code, scope, child)
  WITH RECURSIVE chain (region_code, ancestor, below) AS (
    SELECT code, code, NULL::text FROM regions
    UNION ALL
    SELECT c.region_code, r.parent_code, c.ancestor
    FROM chain c JOIN regions r ON r.code = c.ancestor
    WHERE r.parent_code IS NOT NULL
  )
  SELECT c.region_code, c.ancestor, coalesce(c.below, c.ancestor)
  FROM chain c JOIN regions a ON a.code = c.ancestor
  WHERE a.level IN ('province', 'city', 'county');
$$;

-- Regions change rarely (an administrator adds one): the whole small table is recomputed.
CREATE FUNCTION minsheng_stats_refresh_scopes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM minsheng_stats_rebuild_scopes();
  RETURN NULL;
END $$;
CREATE TRIGGER regions_stats_scopes AFTER INSERT OR UPDATE OR DELETE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_stats_refresh_scopes();

CREATE TABLE stats_pending (
  id            bigserial PRIMARY KEY,
  sign          smallint NOT NULL CHECK (sign IN (-1, 1)),
  day           date NOT NULL,        -- the Beijing date the matter was received
  region_code   text NOT NULL,
  lodged_level  text NOT NULL,
  channel       text NOT NULL,
  purpose       text NOT NULL,
  category_code text,
  unit_id       integer,              -- the lead handling unit now, if any
  state         text NOT NULL,
  head_count    integer NOT NULL,
  is_collective boolean NOT NULL,
  is_repeat     boolean NOT NULL
);

-- One row per (subtree, dimension, day, value): dimension 'all' (value ''), 'level', 'channel',
-- 'purpose', 'category' (the matter's own category, '' for none), 'region' (the child on the way
-- down), 'unit' (the lead unit's id, '' before routing) and 'state'. Each matter is in exactly one
-- value of each dimension, so the rows of any dimension add up to the subtree's total.
CREATE TABLE stats_volume (
  scope              text NOT NULL,
  dim                text NOT NULL,
  day                date NOT NULL,
  value              text NOT NULL,
  cases              integer NOT NULL,
  people             integer NOT NULL,
  visit_batches      integer NOT NULL,
  visit_people       integer NOT NULL,
  collective_batches integer NOT NULL,
  collective_people  integer NOT NULL,
  repeats            integer NOT NULL,
  PRIMARY KEY (scope, dim, day, value)
);

-- The day a matter counts on: its receipt, in Beijing time whatever the server's zone.
CREATE FUNCTION minsheng_stats_day(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE 'Asia/Shanghai')::date
$$;

CREATE FUNCTION minsheng_stats_matters_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_pending (sign, day, region_code, lodged_level, channel, purpose, category_code, unit_id,
    state, head_count, is_collective, is_repeat)
  SELECT 1, minsheng_stats_day(n.received_at), n.region_code, n.lodged_level, n.channel, n.purpose,
    n.category_code, NULL, n.state, n.head_count, n.is_collective, n.repeat_of_id IS NOT NULL
  FROM new_matters n
  WHERE NOT n.is_misconduct_report;
  RETURN NULL;
END $$;
CREATE TRIGGER matters_stats_insert AFTER INSERT ON matters REFERENCING NEW TABLE AS new_matters
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_stats_matters_inserted();

CREATE FUNCTION minsheng_stats_matters_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_pending (sign, day, region_code, lodged_level, channel, purpose, category_code, unit_id,
    state, head_count, is_collective, is_repeat)
  SELECT s.sign, minsheng_stats_day(s.received_at), s.region_code, s.lodged_level, s.channel, s.purpose,
    s.category_code, lead.unit_id, s.state, s.head_count, s.is_collective, s.is_repeat
  FROM old_matters o
  JOIN new_matters n ON n.id = o.id
  CROSS JOIN LATERAL (VALUES
    (-1, o.is_misconduct_report, o.received_at, o.region_code, o.lodged_level, o.channel, o.purpose,
      o.category_code, o.state, o.head_count, o.is_collective, o.repeat_of_id IS NOT NULL),
    (1, n.is_misconduct_report, n.received_at, n.region_code, n.lodged_level, n.channel, n.purpose,
      n.category_code, n.state, n.head_count, n.is_collective, n.repeat_of_id IS NOT NULL)
  ) AS s (sign, misconduct, received_at, region_code, lodged_level, channel, purpose, category_code, state,
          head_count, is_collective, is_repeat)
  LEFT JOIN matter_units lead
    ON lead.matter_id = n.id AND lead.role = 'lead' AND lead.released_at IS NULL
  WHERE NOT s.misconduct
    AND (minsheng_stats_day(o.received_at), o.region_code, o.lodged_level, o.channel, o.purpose, o.category_code,
         o.state, o.head_count, o.is_collective, o.repeat_of_id IS NULL, o.is_misconduct_report)
        IS DISTINCT FROM
        (minsheng_stats_day(n.received_at), n.region_code, n.lodged_level, n.channel, n.purpose, n.category_code,
         n.state, n.head_count, n.is_collective, n.repeat_of_id IS NULL, n.is_misconduct_report);
  RETURN NULL;
END $$;
CREATE TRIGGER matters_stats_update AFTER UPDATE ON matters
  REFERENCING OLD TABLE AS old_matters NEW TABLE AS new_matters
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_stats_matters_updated();

-- A change of lead unit: minus the matter under the old lead (or none), plus under the new.
CREATE FUNCTION minsheng_stats_lead_changed(p_matter integer, p_old integer, p_new integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO stats_pending (sign, day, region_code, lodged_level, channel, purpose, category_code, unit_id,
    state, head_count, is_collective, is_repeat)
  SELECT s.sign, minsheng_stats_day(m.received_at), m.region_code, m.lodged_level, m.channel, m.purpose,
    m.category_code, s.unit_id, m.state, m.head_count, m.is_collective, m.repeat_of_id IS NOT NULL
  FROM matters m CROSS JOIN (VALUES (-1, p_old), (1, p_new)) AS s (sign, unit_id)
  WHERE m.id = p_matter AND NOT m.is_misconduct_report AND p_old IS DISTINCT FROM p_new
$$;

CREATE FUNCTION minsheng_stats_units_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The unique index allows one active lead per matter, so a new active lead had none before it.
  PERFORM minsheng_stats_lead_changed(n.matter_id, NULL, n.unit_id)
  FROM new_units n WHERE n.role = 'lead' AND n.released_at IS NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER matter_units_stats_insert AFTER INSERT ON matter_units REFERENCING NEW TABLE AS new_units
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_stats_units_inserted();

CREATE FUNCTION minsheng_stats_units_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM minsheng_stats_lead_changed(n.matter_id,
    CASE WHEN o.role = 'lead' AND o.released_at IS NULL THEN o.unit_id END,
    CASE WHEN n.role = 'lead' AND n.released_at IS NULL THEN n.unit_id END)
  FROM old_units o JOIN new_units n ON n.id = o.id;
  RETURN NULL;
END $$;
CREATE TRIGGER matter_units_stats_update AFTER UPDATE ON matter_units
  REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_stats_units_updated();

-- A row of matter_units is never removed (an assignment ends by release), or the rollup would miss it.
CREATE TRIGGER matter_units_no_delete BEFORE DELETE ON matter_units
  FOR EACH ROW EXECUTE FUNCTION minsheng_forbid_delete();

-- The reports of misconduct a unit registered, read when its own figures add them.
CREATE INDEX matters_misconduct_registering_idx ON matters (registering_unit_id, received_at)
  WHERE is_misconduct_report;

-- Regions that exist already get their scopes now.
SELECT minsheng_stats_rebuild_scopes();

-- Matters registered before this migration are counted now (a fresh database has none).
INSERT INTO stats_pending (sign, day, region_code, lodged_level, channel, purpose, category_code, unit_id,
  state, head_count, is_collective, is_repeat)
SELECT 1, minsheng_stats_day(m.received_at), m.region_code, m.lodged_level, m.channel, m.purpose, m.category_code,
  lead.unit_id, m.state, m.head_count, m.is_collective, m.repeat_of_id IS NOT NULL
FROM matters m
LEFT JOIN matter_units lead ON lead.matter_id = m.id AND lead.role = 'lead' AND lead.released_at IS NULL
WHERE NOT m.is_misconduct_report;
