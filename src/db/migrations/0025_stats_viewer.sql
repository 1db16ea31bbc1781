-- Reports of misconduct in the rollups, each under the one unit that may count it there (issue 12).
--
-- Until now the rollups held no report of misconduct, and a bureau's figures added the reports it
-- registered from the matters one by one: 13,000 a year for a province bureau, most of the time of
-- its tables and home page at ten million matters. Every rollup row now has a viewer: 0 for a matter
-- anyone counting the subtree may count, or the registering unit of a report of misconduct (which
-- sees it, unless it is itself the unit reported). A unit's figures read the viewers 0 and itself, so
-- no other unit's figure — not the unit reported, not its superiors' bureaus — can contain the report:
-- not a cell of one, not a difference of two totals. What is left to read from the matters is a report
-- a unit handles but did not register (analytics/stats-scope.ts), a handful.

-- The viewer of a matter in the rollups; NULL: in no rollup (a report registered by the unit reported,
-- which only the units it is routed to may see).
CREATE FUNCTION minsheng_stats_viewer(misconduct boolean, registering integer, reported integer)
RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN NOT misconduct THEN 0 WHEN registering IS DISTINCT FROM reported THEN registering END
$$;

ALTER TABLE stats_pending ADD COLUMN viewer integer NOT NULL DEFAULT 0;
ALTER TABLE stats_deadline_pending ADD COLUMN viewer integer NOT NULL DEFAULT 0;
ALTER TABLE stats_volume ADD COLUMN viewer integer NOT NULL DEFAULT 0;
ALTER TABLE stats_volume_month ADD COLUMN viewer integer NOT NULL DEFAULT 0;
ALTER TABLE stats_deadlines ADD COLUMN viewer integer NOT NULL DEFAULT 0;

-- The viewer right after the subtree: a unit's read is two key ranges (0 and itself), and the rows
-- of other viewers are never passed over.
ALTER TABLE stats_volume DROP CONSTRAINT stats_volume_pkey;
ALTER TABLE stats_volume ADD PRIMARY KEY (scope, viewer, dim, day, value)
  INCLUDE (cases, people, visit_batches, visit_people, collective_batches, collective_people, repeats);
ALTER TABLE stats_volume_month DROP CONSTRAINT stats_volume_month_pkey;
ALTER TABLE stats_volume_month ADD PRIMARY KEY (scope, viewer, dim, month, value)
  INCLUDE (cases, people, visit_batches, visit_people, collective_batches, collective_people, repeats);
ALTER TABLE stats_deadlines DROP CONSTRAINT stats_deadlines_pkey;
ALTER TABLE stats_deadlines ADD PRIMARY KEY (scope, viewer, due_day, warn_day) INCLUDE (open);

CREATE OR REPLACE FUNCTION minsheng_stats_matters_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_pending (sign, viewer, day, region_code, lodged_level, channel, purpose, category_code,
    unit_id, state, head_count, is_collective, is_repeat)
  SELECT 1, v.viewer, minsheng_stats_day(n.received_at), n.region_code, n.lodged_level, n.channel, n.purpose,
    n.category_code, NULL, n.state, n.head_count, n.is_collective, n.repeat_of_id IS NOT NULL
  FROM new_matters n
  CROSS JOIN LATERAL (SELECT minsheng_stats_viewer(n.is_misconduct_report, n.registering_unit_id,
    n.reported_unit_id) AS viewer) v
  WHERE v.viewer IS NOT NULL;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION minsheng_stats_matters_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_pending (sign, viewer, day, region_code, lodged_level, channel, purpose, category_code,
    unit_id, state, head_count, is_collective, is_repeat)
  SELECT s.sign, s.viewer, minsheng_stats_day(s.received_at), s.region_code, s.lodged_level, s.channel,
    s.purpose, s.category_code, lead.unit_id, s.state, s.head_count, s.is_collective, s.is_repeat
  FROM old_matters o
  JOIN new_matters n ON n.id = o.id
  CROSS JOIN LATERAL (VALUES
    (-1, minsheng_stats_viewer(o.is_misconduct_report, o.registering_unit_id, o.reported_unit_id),
      o.received_at, o.region_code, o.lodged_level, o.channel, o.purpose,
      o.category_code, o.state, o.head_count, o.is_collective, o.repeat_of_id IS NOT NULL),
    (1, minsheng_stats_viewer(n.is_misconduct_report, n.registering_unit_id, n.reported_unit_id),
      n.received_at, n.region_code, n.lodged_level, n.channel, n.purpose,
      n.category_code, n.state, n.head_count, n.is_collective, n.repeat_of_id IS NOT NULL)
  ) AS s (sign, viewer, received_at, region_code, lodged_level, channel, purpose, category_code, state,
          head_count, is_collective, is_repeat)
  LEFT JOIN matter_units lead
    ON lead.matter_id = n.id AND lead.role = 'lead' AND lead.released_at IS NULL
  WHERE s.viewer IS NOT NULL
    AND (minsheng_stats_day(o.received_at), o.region_code, o.lodged_level, o.channel, o.purpose, o.category_code,
         o.state, o.head_count, o.is_collective, o.repeat_of_id IS NULL, o.is_misconduct_report,
         o.registering_unit_id, o.reported_unit_id)
        IS DISTINCT FROM
        (minsheng_stats_day(n.received_at), n.region_code, n.lodged_level, n.channel, n.purpose, n.category_code,
         n.state, n.head_count, n.is_collective, n.repeat_of_id IS NULL, n.is_misconduct_report,
         n.registering_unit_id, n.reported_unit_id);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION minsheng_stats_lead_changed(p_matter integer, p_old integer, p_new integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO stats_pending (sign, viewer, day, region_code, lodged_level, channel, purpose, category_code,
    unit_id, state, head_count, is_collective, is_repeat)
  SELECT s.sign, v.viewer, minsheng_stats_day(m.received_at), m.region_code, m.lodged_level, m.channel,
    m.purpose, m.category_code, s.unit_id, m.state, m.head_count, m.is_collective, m.repeat_of_id IS NOT NULL
  FROM matters m
  CROSS JOIN (VALUES (-1, p_old), (1, p_new)) AS s (sign, unit_id)
  CROSS JOIN LATERAL (SELECT minsheng_stats_viewer(m.is_misconduct_report, m.registering_unit_id,
    m.reported_unit_id) AS viewer) v
  WHERE m.id = p_matter AND v.viewer IS NOT NULL AND p_old IS DISTINCT FROM p_new
$$;

CREATE OR REPLACE FUNCTION minsheng_stats_deadlines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deadline_pending (sign, viewer, region_code, unit_id, warn_day, due_day)
  SELECT 1, v.viewer, m.region_code, coalesce(n.unit_id, 0), minsheng_stats_day(n.warn_at),
    minsheng_stats_day(n.due_at)
  FROM new_deadlines n JOIN matters m ON m.id = n.matter_id
  CROSS JOIN LATERAL (SELECT minsheng_stats_viewer(m.is_misconduct_report, m.registering_unit_id,
    m.reported_unit_id) AS viewer) v
  WHERE n.main AND n.status = 'open' AND v.viewer IS NOT NULL;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION minsheng_stats_deadlines_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deadline_pending (sign, viewer, region_code, unit_id, warn_day, due_day)
  SELECT s.sign, v.viewer, m.region_code, s.unit_id, s.warn_day, s.due_day
  FROM old_deadlines o
  JOIN new_deadlines n ON n.id = o.id
  JOIN matters m ON m.id = n.matter_id
  CROSS JOIN LATERAL (SELECT minsheng_stats_viewer(m.is_misconduct_report, m.registering_unit_id,
    m.reported_unit_id) AS viewer) v
  CROSS JOIN LATERAL (VALUES
    (-1, o.main AND o.status = 'open', coalesce(o.unit_id, 0), minsheng_stats_day(o.warn_at), minsheng_stats_day(o.due_at)),
    (1, n.main AND n.status = 'open', coalesce(n.unit_id, 0), minsheng_stats_day(n.warn_at), minsheng_stats_day(n.due_at))
  ) AS s (sign, counted, unit_id, warn_day, due_day)
  WHERE s.counted AND v.viewer IS NOT NULL
    AND (o.main AND o.status = 'open', o.unit_id, minsheng_stats_day(o.warn_at), minsheng_stats_day(o.due_at))
        IS DISTINCT FROM
        (n.main AND n.status = 'open', n.unit_id, minsheng_stats_day(n.warn_at), minsheng_stats_day(n.due_at));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION minsheng_stats_deadline_matters_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deadline_pending (sign, viewer, region_code, unit_id, warn_day, due_day)
  SELECT s.sign, s.viewer, s.region_code, coalesce(d.unit_id, 0), minsheng_stats_day(d.warn_at),
    minsheng_stats_day(d.due_at)
  FROM old_matters o
  JOIN new_matters n ON n.id = o.id
  JOIN deadlines d ON d.matter_id = n.id AND d.main AND d.status = 'open'
  CROSS JOIN LATERAL (VALUES
    (-1, o.region_code, minsheng_stats_viewer(o.is_misconduct_report, o.registering_unit_id, o.reported_unit_id)),
    (1, n.region_code, minsheng_stats_viewer(n.is_misconduct_report, n.registering_unit_id, n.reported_unit_id))
  ) AS s (sign, region_code, viewer)
  WHERE s.viewer IS NOT NULL
    AND (o.region_code, o.is_misconduct_report, o.registering_unit_id, o.reported_unit_id)
        IS DISTINCT FROM (n.region_code, n.is_misconduct_report, n.registering_unit_id, n.reported_unit_id);
  RETURN NULL;
END $$;

-- The reports of misconduct registered before this migration join the rollups now (through the
-- pending log, as any change does).
INSERT INTO stats_pending (sign, viewer, day, region_code, lodged_level, channel, purpose, category_code,
  unit_id, state, head_count, is_collective, is_repeat)
SELECT 1, m.registering_unit_id, minsheng_stats_day(m.received_at), m.region_code, m.lodged_level, m.channel,
  m.purpose, m.category_code, lead.unit_id, m.state, m.head_count, m.is_collective, m.repeat_of_id IS NOT NULL
FROM matters m
LEFT JOIN matter_units lead ON lead.matter_id = m.id AND lead.role = 'lead' AND lead.released_at IS NULL
WHERE m.is_misconduct_report AND m.registering_unit_id IS DISTINCT FROM m.reported_unit_id;

INSERT INTO stats_deadline_pending (sign, viewer, region_code, unit_id, warn_day, due_day)
SELECT 1, m.registering_unit_id, m.region_code, coalesce(d.unit_id, 0), minsheng_stats_day(d.warn_at),
  minsheng_stats_day(d.due_at)
FROM deadlines d JOIN matters m ON m.id = d.matter_id
WHERE d.main AND d.status = 'open' AND m.is_misconduct_report
  AND m.registering_unit_id IS DISTINCT FROM m.reported_unit_id;
