-- Each assignment knows whether its matter is a report of misconduct (issue 12). A unit's own
-- reports of misconduct are added to its figures beside the rollups, which never hold them; with the
-- flag, "the reports of misconduct this unit handles" reads a handful of index entries instead of
-- every open assignment of the unit (tens of thousands for a bureau).
ALTER TABLE matter_units ADD COLUMN misconduct boolean NOT NULL DEFAULT false;

UPDATE matter_units mu SET misconduct = true
FROM matters m WHERE m.id = mu.matter_id AND m.is_misconduct_report;

-- The flag is copied from the matter when the assignment is made...
CREATE FUNCTION minsheng_matter_units_misconduct() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT m.is_misconduct_report INTO NEW.misconduct FROM matters m WHERE m.id = NEW.matter_id;
  RETURN NEW;
END $$;
CREATE TRIGGER matter_units_misconduct BEFORE INSERT OR UPDATE OF matter_id, misconduct ON matter_units
  FOR EACH ROW EXECUTE FUNCTION minsheng_matter_units_misconduct();

-- ...and follows the matter if it is reclassified.
CREATE FUNCTION minsheng_matters_misconduct_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE matter_units SET misconduct = NEW.is_misconduct_report WHERE matter_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER matters_misconduct_changed AFTER UPDATE OF is_misconduct_report ON matters
  FOR EACH ROW WHEN (OLD.is_misconduct_report IS DISTINCT FROM NEW.is_misconduct_report)
  EXECUTE FUNCTION minsheng_matters_misconduct_changed();

CREATE INDEX matter_units_misconduct_open_idx ON matter_units (unit_id, matter_id)
  WHERE misconduct AND released_at IS NULL;
