-- The volume rollup by month beside the rollup by day (issue 12): a year's figures read twelve rows
-- per value instead of 365, and a period's odd days at either end still come from the days. The fold
-- and the rebuild (analytics/rollup.ts) write both; `minsheng stats verify` checks each month against
-- its days.

-- The first day of a date's month, by date arithmetic alone (date_trunc would pass through the
-- session's time zone).
CREATE FUNCTION minsheng_stats_month(d date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT d - (extract(day FROM d)::int - 1)
$$;

CREATE TABLE stats_volume_month (
  scope              text NOT NULL,
  dim                text NOT NULL,
  month              date NOT NULL,
  value              text NOT NULL,
  cases              integer NOT NULL,
  people             integer NOT NULL,
  visit_batches      integer NOT NULL,
  visit_people       integer NOT NULL,
  collective_batches integer NOT NULL,
  collective_people  integer NOT NULL,
  repeats            integer NOT NULL,
  PRIMARY KEY (scope, dim, month, value)
    INCLUDE (cases, people, visit_batches, visit_people, collective_batches, collective_people, repeats)
);

INSERT INTO stats_volume_month
SELECT scope, dim, minsheng_stats_month(day), value, sum(cases)::int, sum(people)::int,
  sum(visit_batches)::int, sum(visit_people)::int, sum(collective_batches)::int,
  sum(collective_people)::int, sum(repeats)::int
FROM stats_volume
GROUP BY 1, 2, 3, 4;
