-- TRUNCATE fires no row trigger, so `TRUNCATE matters CASCADE` or `TRUNCATE events, audit_heads`
-- emptied the tables that DELETE cannot touch. A statement-level BEFORE TRUNCATE trigger refuses it on
-- every table that refuses DELETE (found by its row trigger, so a table added earlier with one of the
-- two functions is covered too), and on audit_heads, whose rows are the chains' ends and are never
-- deleted either. CASCADE fires the trigger of each table it would empty, so one refusal aborts all.
CREATE FUNCTION minsheng_forbid_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are never deleted (TRUNCATE refused)', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;

DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN
    SELECT DISTINCT tg.tgrelid::regclass FROM pg_trigger tg JOIN pg_proc p ON p.oid = tg.tgfoid
    WHERE NOT tg.tgisinternal AND p.proname IN ('minsheng_forbid_delete', 'minsheng_events_append_only')
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION minsheng_forbid_truncate()',
      replace(t::text, '"', '') || '_no_truncate', t);
  END LOOP;
END $$;

CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads
  FOR EACH ROW EXECUTE FUNCTION minsheng_forbid_delete();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_forbid_truncate();
