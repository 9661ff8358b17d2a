-- What pwis-import needs from the tables it loads (importers/).
--
-- Real road-works feeds give points and multi-points (Kaohsiung's gives one
-- point per work area), and agencies' exports give multi-polygons.
ALTER TABLE road_works DROP CONSTRAINT road_works_geom_check;
ALTER TABLE road_works ADD CONSTRAINT road_works_geom_check
  CHECK (GeometryType(geom) IN ('POINT', 'MULTIPOINT', 'LINESTRING',
                                'MULTILINESTRING', 'POLYGON', 'MULTIPOLYGON'));

-- Provenance of an imported row: when, from which file and record. The
-- file is the name the import was given (no directory), the record its
-- 1-based number in that file; both NULL for rows not imported.
ALTER TABLE road_works
  ADD COLUMN import_file   text,
  ADD COLUMN import_record bigint CHECK (import_record > 0);
ALTER TABLE excavation_permits
  ADD COLUMN imported_at   timestamptz,
  ADD COLUMN import_file   text,
  ADD COLUMN import_record bigint CHECK (import_record > 0);
ALTER TABLE utility_networks
  ADD COLUMN imported_at   timestamptz,
  ADD COLUMN import_file   text,
  ADD COLUMN import_record bigint CHECK (import_record > 0);
ALTER TABLE no_dig_zones
  ADD COLUMN imported_at   timestamptz,
  ADD COLUMN import_file   text,
  ADD COLUMN import_record bigint CHECK (import_record > 0);
