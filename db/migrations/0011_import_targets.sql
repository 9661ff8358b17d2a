-- What pwis-import needs to load permits as feeds publish them.
--
-- Kaohsiung's dig-case feed gives a district and an address, no
-- coordinates and no permit number: such a permit is stored without a
-- geometry (listed under its district, found by its roads and location
-- text; no spatial query returns it) and with an empty number (it is
-- found by district, road, agency and time; GetPermit, which takes a
-- number, never finds it).
ALTER TABLE excavation_permits ALTER COLUMN geom DROP NOT NULL;
ALTER TABLE excavation_permits
  ADD COLUMN location text NOT NULL DEFAULT '',
  ADD CONSTRAINT excavation_permits_placed_check
    CHECK (geom IS NOT NULL OR district_code IS NOT NULL);
COMMENT ON COLUMN excavation_permits.location IS
  'where the work is (施工地點), as the feed writes it';

-- The dig-site check asks for these by district.
CREATE INDEX excavation_permits_unplaced_idx
  ON excavation_permits (district_code)
  WHERE geom IS NULL AND deleted_at IS NULL;

DROP INDEX excavation_permits_key_idx;
CREATE UNIQUE INDEX excavation_permits_key_idx
  ON excavation_permits (permit_key)
  WHERE deleted_at IS NULL AND permit_key <> '';

-- The road filter reads the location text too (an address names its road
-- even where road_names is empty).
DROP INDEX excavation_permits_road_trgm_idx;
ALTER TABLE excavation_permits DROP COLUMN road_text;
ALTER TABLE excavation_permits ADD COLUMN road_text text
  GENERATED ALWAYS AS (pwis_join_names(road_names) || ' ' || location) STORED;
CREATE INDEX excavation_permits_road_trgm_idx
  ON excavation_permits USING gin (road_text gin_trgm_ops);

-- True when the lifecycle leads from `from_s` to `to_s` in one or more
-- moves (approved reaches completed; completed reaches nothing).
CREATE FUNCTION pwis_permit_status_reaches(from_s permit_status,
                                           to_s permit_status)
  RETURNS boolean LANGUAGE sql STABLE AS $$
    WITH RECURSIVE reach(s) AS (
      SELECT to_status FROM permit_status_transitions WHERE from_status = from_s
      UNION
      SELECT t.to_status FROM permit_status_transitions t
      JOIN reach r ON t.from_status = r.s)
    SELECT EXISTS (SELECT 1 FROM reach WHERE s = to_s)
  $$;

-- A feed reports where a permit stands, not every step it took: a session
-- that sets pwis.status_moves to 'forward' (pwis-import does) may move a
-- permit to any status the lifecycle reaches from its own (approved →
-- completed), never back. Other sessions move one step at a time.
CREATE OR REPLACE FUNCTION pwis_permit_status_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  permit text := coalesce(nullif(OLD.permit_no, ''), OLD.source_key,
                          OLD.id::text);
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status THEN
    IF coalesce(current_setting('pwis.status_moves', true), '') = 'forward' THEN
      IF NOT pwis_permit_status_reaches(OLD.status, NEW.status) THEN
        RAISE EXCEPTION 'permit % may not go from % back or across to %',
          permit, OLD.status, NEW.status
          USING ERRCODE = 'check_violation';
      END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM permit_status_transitions
                      WHERE from_status = OLD.status
                        AND to_status = NEW.status) THEN
      RAISE EXCEPTION 'permit % may not go from % to %', permit,
        OLD.status, NEW.status
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
