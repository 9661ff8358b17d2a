-- Upserts districts and villages from the staging table filled by
-- scripts/load-districts. Idempotent.
BEGIN;
INSERT INTO districts AS d (code, county_code, name_zh, name_en, geom)
SELECT code, parent_code, name_zh, name_en,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(
         ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)), 3))
FROM pwis_seed_areas WHERE kind = 'town'
ON CONFLICT (code) DO UPDATE
  SET county_code = EXCLUDED.county_code, name_zh = EXCLUDED.name_zh,
      name_en = EXCLUDED.name_en, geom = EXCLUDED.geom, updated_at = now();

INSERT INTO villages AS v (code, district_code, name_zh, name_en, geom, source_valid)
SELECT code, parent_code, name_zh, name_en,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)), ST_IsValid(g)
FROM (SELECT *, ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326) AS g
      FROM pwis_seed_areas WHERE kind = 'village') s
ON CONFLICT (code) DO UPDATE
  SET district_code = EXCLUDED.district_code, name_zh = EXCLUDED.name_zh,
      name_en = EXCLUDED.name_en, geom = EXCLUDED.geom,
      source_valid = EXCLUDED.source_valid, updated_at = now();
COMMIT;
ANALYZE districts;
ANALYZE villages;
