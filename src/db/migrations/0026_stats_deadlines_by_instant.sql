-- The open-limit rollup keyed by the warning and due instants instead of their days (issue 12).
--
-- A badge turns at an instant: keyed by day, the rollup could not say whether a limit due or warned
-- today had turned yet, and those were read one by one from the limits and their matters — 7,500
-- limits due and as many warned on any day at ten million matters, most of a province's home page.
-- The instants cluster (a limit is due at the end of a working day and warned at its start), so the
-- rollup keeps as many rows as before, and every badge is a sum over it.

-- Both are recounted below from the open limits as they are now (open limits only: a small table).
DELETE FROM stats_deadline_pending;
ALTER TABLE stats_deadline_pending RENAME COLUMN warn_day TO warn_at;
ALTER TABLE stats_deadline_pending RENAME COLUMN due_day TO due_at;
ALTER TABLE stats_deadline_pending ALTER COLUMN warn_at TYPE timestamptz USING warn_at::timestamptz;
ALTER TABLE stats_deadline_pending ALTER COLUMN due_at TYPE timestamptz USING due_at::timestamptz;

DROP TABLE stats_deadlines;
CREATE TABLE stats_deadlines (
  scope    text NOT NULL,
  viewer   integer NOT NULL DEFAULT 0,
  warn_at  timestamptz NOT NULL,
  due_at   timestamptz NOT NULL,
  open     integer NOT NULL,
  PRIMARY KEY (scope, viewer, due_at, warn_at) INCLUDE (open)
);

CREATE OR REPLACE FUNCTION minsheng_stats_deadlines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deadline_pending (sign, viewer, region_code, unit_id, warn_at, due_at)
  SELECT 1, v.viewer, m.region_code, coalesce(n.unit_id, 0), n.warn_at, n.due_at
  FROM new_deadlines n JOIN matters m ON m.id = n.matter_id
  CROSS JOIN LATERAL (SELECT minsheng_stats_viewer(m.is_misconduct_report, m.registering_unit_id,
    m.reported_unit_id) AS viewer) v
  WHERE n.main AND n.status = 'open' AND v.viewer IS NOT NULL;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION minsheng_stats_deadlines_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deadline_pending (sign, viewer, region_code, unit_id, warn_at, due_at)
  SELECT s.sign, v.viewer, m.region_code, s.unit_id, s.warn_at, s.due_at
  FROM old_deadlines o
  JOIN new_deadlines n ON n.id = o.id
  JOIN matters m ON m.id = n.matter_id
  CROSS JOIN LATERAL (SELECT minsheng_stats_viewer(m.is_misconduct_report, m.registering_unit_id,
    m.reported_unit_id) AS viewer) v
  CROSS JOIN LATERAL (VALUES
    (-1, o.main AND o.status = 'open', coalesce(o.unit_id, 0), o.warn_at, o.due_at),
    (1, n.main AND n.status = 'open', coalesce(n.unit_id, 0), n.warn_at, n.due_at)
  ) AS s (sign, counted, unit_id, warn_at, due_at)
  WHERE s.counted AND v.viewer IS NOT NULL
    AND (o.main AND o.status = 'open', o.unit_id, o.warn_at, o.due_at)
        IS DISTINCT FROM
        (n.main AND n.status = 'open', n.unit_id, n.warn_at, n.due_at);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION minsheng_stats_deadline_matters_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deadline_pending (sign, viewer, region_code, unit_id, warn_at, due_at)
  SELECT s.sign, s.viewer, s.region_code, coalesce(d.unit_id, 0), d.warn_at, d.due_at
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

INSERT INTO stats_deadlines (scope, viewer, warn_at, due_at, open)
SELECT s.scope, f.viewer, f.warn_at, f.due_at, count(*)::int
FROM (
  SELECT minsheng_stats_viewer(m.is_misconduct_report, m.registering_unit_id, m.reported_unit_id) AS viewer,
    m.region_code, d.warn_at, d.due_at
  FROM deadlines d JOIN matters m ON m.id = d.matter_id
  WHERE d.main AND d.status = 'open'
) f
JOIN stats_region_scopes s ON s.region_code = f.region_code
WHERE f.viewer IS NOT NULL
GROUP BY 1, 2, 3, 4;
