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

-- The lead unit of the matters given, as matter_units says it is now: what the triggers call.
-- (No "all matters" branch here: a generic plan of `p IS NULL OR id = ANY (p)` reads every matter.)
CREATE FUNCTION minsheng_stats_sync_leads(p_matters integer[]) RETURNS integer LANGUAGE sql AS $$
  WITH lead AS (
    SELECT m.id, l.unit_id
    FROM matters m
    LEFT JOIN matter_units l ON l.matter_id = m.id AND l.role = 'lead' AND l.released_at IS NULL
    WHERE m.id = ANY (p_matters)
  ), changed AS (
    UPDATE matters m SET lead_unit_id = lead.unit_id
    FROM lead
    WHERE m.id = lead.id AND m.lead_unit_id IS DISTINCT FROM lead.unit_id
    RETURNING 1
  )
  SELECT count(*)::int FROM changed
$$;

-- Every matter's lead unit: for this migration and for `minsheng stats
-- rebuild` after a load without triggers.
CREATE FUNCTION minsheng_stats_sync_all_leads() RETURNS integer LANGUAGE sql AS $$
  WITH lead AS (
    SELECT m.id, l.unit_id
    FROM matters m
    LEFT JOIN matter_units l ON l.matter_id = m.id AND l.role = 'lead' AND l.released_at IS NULL
  ), changed AS (
    UPDATE matters m SET lead_unit_id = lead.unit_id
    FROM lead
    WHERE m.id = lead.id AND m.lead_unit_id IS DISTINCT FROM lead.unit_id
    RETURNING 1
  )
  SELECT count(*)::int FROM changed
$$;

CREATE FUNCTION minsheng_stats_sync_reviewed_units() RETURNS integer LANGUAGE sql AS $$
  WITH reviewed AS (
    SELECT r.id, (SELECT p.unit_id FROM decisions p WHERE p.matter_id = r.matter_id AND p.kind = 'reply'
      AND p.id < r.id ORDER BY p.id DESC LIMIT 1) AS unit_id
    FROM decisions r WHERE r.kind IN ('review', 'recheck')
  ), changed AS (
    UPDATE decisions d SET reviewed_unit_id = reviewed.unit_id
    FROM reviewed
    WHERE d.id = reviewed.id AND d.reviewed_unit_id IS DISTINCT FROM reviewed.unit_id
    RETURNING 1
  )
  SELECT count(*)::int FROM changed
$$;

-- The backfill changes no counted column: the rollup triggers would only compare every row with itself.
ALTER TABLE matters DISABLE TRIGGER matters_stats_update, DISABLE TRIGGER matters_stats_deadline_update;
SELECT minsheng_stats_sync_all_leads();
ALTER TABLE matters ENABLE TRIGGER matters_stats_update, ENABLE TRIGGER matters_stats_deadline_update;
SELECT minsheng_stats_sync_reviewed_units();

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

-- A decision's id is drawn before BEFORE triggers run: the replies before it are those with smaller ids.
-- Decisions are never changed once written (the procedure appends a new one), so the unit stays right.
CREATE FUNCTION minsheng_stats_reviewed_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.reviewed_unit_id := (SELECT p.unit_id FROM decisions p WHERE p.matter_id = NEW.matter_id
    AND p.kind = 'reply' AND p.id < NEW.id ORDER BY p.id DESC LIMIT 1);
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
