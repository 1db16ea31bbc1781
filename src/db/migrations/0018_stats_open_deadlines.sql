-- The open time limits of each rollup subtree, for the live deadline badges of the home page and the
-- "overdue now" figures (issue 12). Kept like the volume rollup (0017): triggers append signed rows as
-- a matter's open main deadline opens, closes or moves, and as the matter's place changes; the rows
-- are folded into stats_deadlines by analytics/rollup.ts. A badge depends on the clock, not on any
-- write, so the rollup keeps each limit's warning day and due day (Beijing time): a limit due before
-- today is overdue now, one due after today is in warning or on time by its warning day, and only
-- the limits whose warning or due day is today are read one by one. Reports of misconduct are left
-- out, as in 0017.

CREATE TABLE stats_deadline_pending (
  id          bigserial PRIMARY KEY,
  sign        smallint NOT NULL CHECK (sign IN (-1, 1)),
  region_code text NOT NULL,
  unit_id     integer NOT NULL,      -- 0: no unit named on the limit
  warn_day    date NOT NULL,
  due_day     date NOT NULL
);

CREATE TABLE stats_deadlines (
  scope     text NOT NULL,
  unit_id   integer NOT NULL,
  warn_day  date NOT NULL,
  due_day   date NOT NULL,
  open      integer NOT NULL,
  PRIMARY KEY (scope, unit_id, due_day, warn_day)
);

CREATE FUNCTION minsheng_stats_deadlines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deadline_pending (sign, region_code, unit_id, warn_day, due_day)
  SELECT 1, m.region_code, coalesce(n.unit_id, 0), minsheng_stats_day(n.warn_at), minsheng_stats_day(n.due_at)
  FROM new_deadlines n JOIN matters m ON m.id = n.matter_id
  WHERE n.main AND n.status = 'open' AND NOT m.is_misconduct_report;
  RETURN NULL;
END $$;
CREATE TRIGGER deadlines_stats_insert AFTER INSERT ON deadlines REFERENCING NEW TABLE AS new_deadlines
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_stats_deadlines_inserted();

CREATE FUNCTION minsheng_stats_deadlines_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deadline_pending (sign, region_code, unit_id, warn_day, due_day)
  SELECT s.sign, m.region_code, s.unit_id, s.warn_day, s.due_day
  FROM old_deadlines o
  JOIN new_deadlines n ON n.id = o.id
  JOIN matters m ON m.id = n.matter_id
  CROSS JOIN LATERAL (VALUES
    (-1, o.main AND o.status = 'open', coalesce(o.unit_id, 0), minsheng_stats_day(o.warn_at), minsheng_stats_day(o.due_at)),
    (1, n.main AND n.status = 'open', coalesce(n.unit_id, 0), minsheng_stats_day(n.warn_at), minsheng_stats_day(n.due_at))
  ) AS s (sign, counted, unit_id, warn_day, due_day)
  WHERE s.counted AND NOT m.is_misconduct_report
    AND (o.main AND o.status = 'open', o.unit_id, minsheng_stats_day(o.warn_at), minsheng_stats_day(o.due_at))
        IS DISTINCT FROM
        (n.main AND n.status = 'open', n.unit_id, minsheng_stats_day(n.warn_at), minsheng_stats_day(n.due_at));
  RETURN NULL;
END $$;
CREATE TRIGGER deadlines_stats_update AFTER UPDATE ON deadlines
  REFERENCING OLD TABLE AS old_deadlines NEW TABLE AS new_deadlines
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_stats_deadlines_updated();

-- A matter moved to another place, or found to be a report of misconduct: its open limit moves too.
CREATE FUNCTION minsheng_stats_deadline_matters_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deadline_pending (sign, region_code, unit_id, warn_day, due_day)
  SELECT s.sign, s.region_code, coalesce(d.unit_id, 0), minsheng_stats_day(d.warn_at), minsheng_stats_day(d.due_at)
  FROM old_matters o
  JOIN new_matters n ON n.id = o.id
  JOIN deadlines d ON d.matter_id = n.id AND d.main AND d.status = 'open'
  CROSS JOIN LATERAL (VALUES (-1, o.region_code, o.is_misconduct_report), (1, n.region_code, n.is_misconduct_report))
    AS s (sign, region_code, misconduct)
  WHERE NOT s.misconduct
    AND (o.region_code, o.is_misconduct_report) IS DISTINCT FROM (n.region_code, n.is_misconduct_report);
  RETURN NULL;
END $$;
CREATE TRIGGER matters_stats_deadline_update AFTER UPDATE ON matters
  REFERENCING OLD TABLE AS old_matters NEW TABLE AS new_matters
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_stats_deadline_matters_updated();

CREATE TRIGGER deadlines_no_delete BEFORE DELETE ON deadlines
  FOR EACH ROW EXECUTE FUNCTION minsheng_forbid_delete();

-- The limits whose warning or due point falls today are read one by one.
CREATE INDEX deadlines_open_main_due_idx ON deadlines (due_at) WHERE main AND status = 'open';
CREATE INDEX deadlines_open_main_warn_idx ON deadlines (warn_at) WHERE main AND status = 'open';

INSERT INTO stats_deadline_pending (sign, region_code, unit_id, warn_day, due_day)
SELECT 1, m.region_code, coalesce(d.unit_id, 0), minsheng_stats_day(d.warn_at), minsheng_stats_day(d.due_at)
FROM deadlines d JOIN matters m ON m.id = d.matter_id
WHERE d.main AND d.status = 'open' AND NOT m.is_misconduct_report;
