-- The open limits of a subtree by warning day and due day, whoever holds them (issue 12). The home
-- page's badges never asked which unit holds a limit, and keeping it made a province's rollup a row
-- per unit and day pair (87,000 at two million matters) where a row per day pair does (a few
-- thousand). A unit's own overdue limits are counted from its limits (the "overdue now" indicator).
CREATE TABLE stats_deadlines_by_day (
  scope     text NOT NULL,
  warn_day  date NOT NULL,
  due_day   date NOT NULL,
  open      integer NOT NULL,
  PRIMARY KEY (scope, due_day, warn_day) INCLUDE (open)
);
INSERT INTO stats_deadlines_by_day
SELECT scope, warn_day, due_day, sum(open)::int FROM stats_deadlines GROUP BY 1, 2, 3;
DROP TABLE stats_deadlines;
ALTER TABLE stats_deadlines_by_day RENAME TO stats_deadlines;
ALTER INDEX stats_deadlines_by_day_pkey RENAME TO stats_deadlines_pkey;
