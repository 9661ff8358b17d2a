-- Polygons are stored with RFC 7946 ring orientation (exterior rings
-- counter-clockwise, holes clockwise), so that every GeoJSON the service
-- writes follows it without a per-request cost. The district boundaries
-- from the Ministry of the Interior arrive clockwise.
CREATE FUNCTION pwis_rfc7946_rings() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  -- Polygons only: ST_ForcePolygonCCW reverses line strings too.
  IF GeometryType(NEW.geom) IN ('POLYGON', 'MULTIPOLYGON') THEN
    NEW.geom := ST_ForcePolygonCCW(NEW.geom);
  END IF;
  RETURN NEW;
END $$;

UPDATE districts SET geom = ST_ForcePolygonCCW(geom)
  WHERE NOT ST_IsPolygonCCW(geom);
UPDATE villages SET geom = ST_ForcePolygonCCW(geom)
  WHERE NOT ST_IsPolygonCCW(geom);
UPDATE road_works SET geom = ST_ForcePolygonCCW(geom)
  WHERE GeometryType(geom) IN ('POLYGON', 'MULTIPOLYGON')
    AND NOT ST_IsPolygonCCW(geom);

CREATE TRIGGER districts_rfc7946 BEFORE INSERT OR UPDATE OF geom ON districts
  FOR EACH ROW EXECUTE FUNCTION pwis_rfc7946_rings();
CREATE TRIGGER villages_rfc7946 BEFORE INSERT OR UPDATE OF geom ON villages
  FOR EACH ROW EXECUTE FUNCTION pwis_rfc7946_rings();
CREATE TRIGGER road_works_rfc7946 BEFORE INSERT OR UPDATE OF geom ON road_works
  FOR EACH ROW EXECUTE FUNCTION pwis_rfc7946_rings();
