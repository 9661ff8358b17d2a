-- bench/licenses: the demo's licenses (about 56,000, loaded through
-- pwis-import by scripts/demo-data) copied :copies - 1 more times, each
-- copy's sequences moved on by copy * 10000 (so numbers stay unique and
-- in the bureau's form), to about 500,000 licenses with the demo's mix of
-- kinds, districts, parties, addresses and dates.
SET client_min_messages = warning;
INSERT INTO building_licenses (
  license_no, license_key, roc_year, kind, sequence, version,
  building_license_key, project_name, issue_date, start_date,
  completion_date, district_code, zoning, structure, uses, building_count,
  unit_count, floors_above, floors_below, height_m, site_area_m2,
  building_area_m2, total_floor_area_m2, parking_spaces,
  construction_cost_twd, addresses, parcels, parties, floors, geom, source,
  source_key)
SELECT regexp_replace(l.license_key, '第[0-9]{5}',
                      '第' || lpad((l.sequence + k * 10000)::text, 5, '0')),
       regexp_replace(l.license_key, '第[0-9]{5}',
                      '第' || lpad((l.sequence + k * 10000)::text, 5, '0')),
       l.roc_year, l.kind, l.sequence + k * 10000, l.version,
       CASE WHEN l.building_license_key = '' THEN ''
            ELSE regexp_replace(l.building_license_key, '第([0-9]{5})',
                   '第' || lpad(((substring(l.building_license_key
                                   FROM '第([0-9]{5})'))::int + k * 10000)::text,
                                5, '0')) END,
       l.project_name, l.issue_date, l.start_date, l.completion_date,
       l.district_code, l.zoning, l.structure, l.uses, l.building_count,
       l.unit_count, l.floors_above, l.floors_below, l.height_m,
       l.site_area_m2, l.building_area_m2, l.total_floor_area_m2,
       l.parking_spaces, l.construction_cost_twd, l.addresses, l.parcels,
       l.parties, l.floors, l.geom, 'bench', l.source_key || '#' || k
FROM building_licenses l, generate_series(1, :copies - 1) k
WHERE l.source = 'demo-licenses' AND l.deleted_at IS NULL;
-- VACUUM sets the visibility map the index-only walk of the search needs.
VACUUM (ANALYZE) building_licenses;
