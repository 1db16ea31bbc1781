-- The unit each procedure indicator names, beside the row it counts (issue 12).
--
-- A unit's figures for repeat rate, cross-level rate, first-contact resolution and backlog name the
-- matter's current lead unit, and changed-on-review names the unit whose reply a review decided on.
-- Both were found through other rows (the lead assignment; the latest earlier reply), so a unit's
-- quarter read every matter it ever led or replied to — 95,000 for a busy county department at ten
-- million matters, a second per figure — before the period could narrow anything. Kept beside the
-- rows by triggers in the writer's own transaction, the unit and the period are one index range:
-- the figures are still counted from the record when asked, so they are never stale.

-- The matter's current lead unit (matter_units_one_lead: at most one). No foreign key: a copy of
-- matter_units.unit_id, which has one.
ALTER TABLE matters ADD COLUMN lead_unit_id integer;

-- The unit whose answer a review or recheck decided on: the matter's latest reply before it.
ALTER TABLE decisions ADD COLUMN reviewed_unit_id integer;

-- What the two copies should hold, as the record says it now: each matter's active lead assignment,
-- and for a review or recheck the latest reply with a smaller id (a decision's id is drawn before
-- BEFORE triggers run). Read by the syncs below and by `minsheng stats verify`.
CREATE VIEW minsheng_stats_lead_of AS
  SELECT m.id AS matter_id, l.unit_id
  FROM matters m
  LEFT JOIN matter_units l ON l.matter_id = m.id AND l.role = 'lead' AND l.released_at IS NULL;

CREATE FUNCTION minsheng_stats_reviewed_unit_of(p_matter integer, p_decision integer) RETURNS integer
LANGUAGE sql STABLE AS $$
  SELECT p.unit_id FROM decisions p
  WHERE p.matter_id = p_matter AND p.kind = 'reply' AND p.id < p_decision
  ORDER BY p.id DESC LIMIT 1
$$;

-- The lead unit of the matters given: what the triggers call. The whole table has its own function
-- (a generic plan of `p IS NULL OR id = ANY (p)` would read every matter on every assignment); the
-- list is on both sides of the self-join so that each is an index lookup whatever the join order.
CREATE FUNCTION minsheng_stats_sync_leads(p_matters integer[]) RETURNS void LANGUAGE sql AS $$
  UPDATE matters m SET lead_unit_id = c.unit_id
  FROM minsheng_stats_lead_of c
  WHERE m.id = ANY (p_matters) AND c.matter_id = ANY (p_matters) AND m.id = c.matter_id
    AND m.lead_unit_id IS DISTINCT FROM c.unit_id
$$;

-- Every matter's lead unit and every review's reviewed unit: for this migration and for
-- `minsheng stats rebuild` after a load without triggers.
CREATE FUNCTION minsheng_stats_sync_all_units() RETURNS void LANGUAGE sql AS $$
  UPDATE matters m SET lead_unit_id = c.unit_id
  FROM minsheng_stats_lead_of c
  WHERE m.id = c.matter_id AND m.lead_unit_id IS DISTINCT FROM c.unit_id;
  UPDATE decisions d SET reviewed_unit_id = minsheng_stats_reviewed_unit_of(d.matter_id, d.id)
  WHERE d.kind IN ('review', 'recheck')
    AND d.reviewed_unit_id IS DISTINCT FROM minsheng_stats_reviewed_unit_of(d.matter_id, d.id);
$$;

-- The backfill changes no counted column: the rollup triggers would only compare every row with itself.
ALTER TABLE matters DISABLE TRIGGER matters_stats_update, DISABLE TRIGGER matters_stats_deadline_update;
SELECT minsheng_stats_sync_all_units();
ALTER TABLE matters ENABLE TRIGGER matters_stats_update, ENABLE TRIGGER matters_stats_deadline_update;

CREATE FUNCTION minsheng_stats_leads_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM minsheng_stats_sync_leads(array_agg(DISTINCT n.matter_id)) FROM new_units n WHERE n.role = 'lead';
  RETURN NULL;
END $$;
CREATE TRIGGER matter_units_stats_lead_insert AFTER INSERT ON matter_units REFERENCING NEW TABLE AS new_units
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_stats_leads_inserted();

CREATE FUNCTION minsheng_stats_leads_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM minsheng_stats_sync_leads(array_agg(DISTINCT c.matter_id))
  FROM (SELECT matter_id, role FROM old_units UNION ALL SELECT matter_id, role FROM new_units) c
  WHERE c.role = 'lead';
  RETURN NULL;
END $$;
CREATE TRIGGER matter_units_stats_lead_update AFTER UPDATE ON matter_units
  REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_stats_leads_updated();

-- Decisions are never changed once written (the procedure appends a new one), so the unit stays right.
CREATE FUNCTION minsheng_stats_reviewed_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.reviewed_unit_id := minsheng_stats_reviewed_unit_of(NEW.matter_id, NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER decisions_stats_reviewed_unit BEFORE INSERT ON decisions
  FOR EACH ROW WHEN (NEW.kind IN ('review', 'recheck'))
  EXECUTE FUNCTION minsheng_stats_reviewed_unit();

-- A unit's matters received in a period (repeat, cross-level), closed in one (first-contact
-- resolution: only first petitions closed count) and open now (backlog); its reviews by time.
CREATE INDEX matters_lead_received_idx ON matters (lead_unit_id, received_at) WHERE lead_unit_id IS NOT NULL;
CREATE INDEX matters_lead_closed_idx ON matters (lead_unit_id, closed_at)
  WHERE lead_unit_id IS NOT NULL AND repeat_of_id IS NULL AND state IN ('closed', 'concluded');
CREATE INDEX matters_lead_open_idx ON matters (lead_unit_id, received_at)
  WHERE lead_unit_id IS NOT NULL
    AND state NOT IN ('closed', 'concluded', 'forwarded', 'handed_down', 'not_accepted', 'merged');
CREATE INDEX decisions_reviewed_unit_idx ON decisions (reviewed_unit_id, decided_at)
  WHERE kind IN ('review', 'recheck');

-- The planner needs the new columns' statistics before the indicators' first read.
ANALYZE matters;
ANALYZE decisions;
