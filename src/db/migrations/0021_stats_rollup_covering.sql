-- The rollups are read by key range and summed: with their figures in the primary key's index, a
-- read touches the index alone (an index-only scan), not rows scattered over the table.
ALTER TABLE stats_volume DROP CONSTRAINT stats_volume_pkey;
ALTER TABLE stats_volume ADD PRIMARY KEY (scope, dim, day, value)
  INCLUDE (cases, people, visit_batches, visit_people, collective_batches, collective_people, repeats);
ALTER TABLE stats_deadlines DROP CONSTRAINT stats_deadlines_pkey;
ALTER TABLE stats_deadlines ADD PRIMARY KEY (scope, unit_id, due_day, warn_day) INCLUDE (open);
