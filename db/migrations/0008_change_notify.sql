-- Every committed change to pwis's tables is announced on the channel
-- `pwis_change` (payload: the table's name), so that servers keeping a read
-- cache (services/server/response_cache.h) drop what they hold. NOTIFY is
-- delivered at commit, in commit order, once per distinct payload per
-- transaction: a bulk import costs one notification per table, not one
-- per row. Statement-level triggers, so COPY and TRUNCATE announce too;
-- only a session with session_replication_role = replica writes silently.

CREATE FUNCTION pwis_notify_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pwis_change', TG_TABLE_NAME);
  RETURN NULL;
END $$;

-- Attaches the trigger to one table; later migrations call it for every
-- table they create (migrations_test checks that none is left out).
CREATE FUNCTION pwis_announce_changes(t regclass) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'CREATE TRIGGER pwis_notify_change'
    ' AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s'
    ' FOR EACH STATEMENT EXECUTE FUNCTION pwis_notify_change()', t);
END $$;

DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      AND c.relname NOT IN ('spatial_ref_sys', 'schema_migrations')
    ORDER BY c.relname
  LOOP
    PERFORM pwis_announce_changes(t);
  END LOOP;
END $$;
