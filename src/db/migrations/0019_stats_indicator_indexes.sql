-- The procedure indicators of one unit (analytics/indicators.sql.ts, issue 12): its limits by due
-- day (on-time acceptance and completion), its open limits (overdue now) and its decisions by time
-- (rating rate, satisfaction; changed on review finds the reviewed unit's replies through the same
-- index). Without them a unit's indicator set read every limit and every decision of the database.
CREATE INDEX deadlines_unit_due_idx ON deadlines (unit_id, due_date);
CREATE INDEX deadlines_open_main_unit_idx ON deadlines (unit_id, due_at) WHERE main AND status = 'open';
CREATE INDEX decisions_unit_decided_idx ON decisions (unit_id, decided_at);
