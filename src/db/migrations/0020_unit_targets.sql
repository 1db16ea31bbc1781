-- Unit scorecards (issue 12, item 4): each unit's target for each rate indicator, per year, as a
-- ratio 0..1 (0.9500 = 95 %), entered by administrators until the responsibility-letter issue
-- manages them. No row: no target for that indicator. The indicator names are the rates of
-- src/shared/stats.schema.ts (RATE_INDICATORS); the counts (overdue now, backlog) have no target.
CREATE TABLE unit_targets (
  unit_id     integer NOT NULL REFERENCES units (id),
  year        integer NOT NULL CHECK (year BETWEEN 1990 AND 2099),
  indicator   text NOT NULL CHECK (indicator IN ('on_time_acceptance', 'on_time_completion',
                'rating_rate', 'satisfaction', 'repeat_rate', 'first_contact_resolution',
                'cross_level_rate', 'changed_on_review')),
  target      numeric(5, 4) NOT NULL CHECK (target >= 0 AND target <= 1),
  updated_by  integer NOT NULL REFERENCES users (id),
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (unit_id, year, indicator)
);
-- A scorecard reads one year's targets of every unit.
CREATE INDEX unit_targets_year_idx ON unit_targets (year);
