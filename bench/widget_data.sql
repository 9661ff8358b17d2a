-- bench/widget's data: 5,000 features in effect today inside the demo
-- page's first view (Kaohsiung's core at zoom 12): 3,000 excavation
-- permits (points and short lines) and 2,000 road works, on a street grid
-- in TWD97 (EPSG:3826) like bench/digsite_data.sql's.
CREATE TEMP TABLE widget_points AS
SELECT n, n % 2 = 0 AS ew,
       ST_SetSRID(ST_MakePoint(172500 + random() * 7500, 2501500 + random() * 5500), 3826) AS p
FROM generate_series(1, 5000) n;

INSERT INTO excavation_permits (permit_no, agency_id, pipeline_type, category,
  purpose, contractor, contractor_phone, road_names, geom, approved_period,
  status, source, source_key)
SELECT 'WB' || n, a.id, a.pipeline_type, 'general', '效能測試', '測試工程行',
       '0900000000', ARRAY['測試路'],
       ST_Transform(CASE WHEN n % 3 = 0
                         THEN ST_MakeLine(p, ST_Translate(p, CASE WHEN ew THEN 60 ELSE 0 END,
                                                          CASE WHEN ew THEN 0 ELSE 60 END))
                         ELSE p END, 4326),
       tstzrange(now() - interval '2 days', now() + interval '20 days'),
       'in_progress', 'bench', 'wb' || n
FROM widget_points
JOIN (SELECT id, pipeline_type, row_number() OVER (ORDER BY id) AS i FROM pipeline_agencies) a
  ON a.i = 1 + n % (SELECT count(*) FROM pipeline_agencies)
WHERE n <= 3000;

INSERT INTO road_works (permit_number, title, road_names, geom, period, status,
                        organiser, contact_phone, lanes_closed, lanes_total,
                        source, source_key)
SELECT 'WW' || n, '效能測試工程', ARRAY['測試路'],
       ST_Transform(ST_MakeLine(p, ST_Translate(p, CASE WHEN ew THEN 120 ELSE 0 END,
                                                CASE WHEN ew THEN 0 ELSE 120 END)), 4326),
       tstzrange(now() - interval '2 days', now() + interval '30 days'),
       'active', '高雄市政府工務局', '07-0000000', n % 3, 4, 'bench', 'ww' || n
FROM widget_points WHERE n > 3000;
ANALYZE;
