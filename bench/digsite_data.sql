-- The dig-site benchmark's data, on top of the demo set (agencies): every
-- row inside Kaohsiung's urban core (bench/workload.h's box, about 10 km
-- by 13 km), so a check meets the densest data the city could have.
--   psql -v permits=1000000 -v works=100000 -v segments=200000 -f ...
-- Periods start from two years ago to a year ahead. Deterministic.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET pwis.actor = 'bench';
SELECT setseed(0.9);

CREATE TEMP TABLE bench_roads AS
SELECT row_number() OVER () AS i, r AS name
FROM unnest(ARRAY['中山一路', '中山二路', '中正四路', '五福三路', '七賢二路',
  '民族一路', '建國三路', '九如一路', '博愛二路', '自由二路', '四維三路',
  '三多一路', '成功一路', '凱旋三路', '一心二路', '中華四路', '光華一路',
  '大順二路', '澄清路', '十全一路', '明誠四路', '美術館路', '青海路',
  '河西路', '大勇路', '復興四路', '二聖一路', '沿海一路', '漢民路',
  '青年路二段', '光復路二段', '自由路', '文化路', '中山西路', '鳳頂路',
  '民生一路', '六合二路', '武廟路', '福德三路', '擴建路']) AS r;

-- Streets on a 250 m grid: east-west streets named by their row (the
-- first 20 names), north-south ones by their column (the last 20), so the
-- records near a site share its few roads as they do in a city.
CREATE FUNCTION pg_temp.street(x float8, y float8, east_west bool)
  RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT name FROM bench_roads
    WHERE i = CASE WHEN east_west THEN 1 + floor(y / 250)::int % 20
                   ELSE 21 + floor(x / 250)::int % 20 END
  $$;

-- Segments lie on the grid lines, through a random point of the box in
-- TM2; points are at a random place of a grid line.
CREATE TEMP TABLE bench_agencies AS
SELECT row_number() OVER (ORDER BY id) AS i, id, pipeline_type
FROM pipeline_agencies WHERE code LIKE 'DEMO-%';

-- n % 2 = 0: on an east-west street (y on the grid), else north-south.
CREATE TEMP TABLE bench_points AS
SELECT n, ew, x, y,
       ST_SetSRID(ST_MakePoint(x, y), 3826) AS p,
       pg_temp.street(x, y, ew) AS road
FROM (
  SELECT n, ew,
         CASE WHEN ew THEN x0 ELSE round(x0 / 250) * 250 + (n % 7) - 3 END AS x,
         CASE WHEN ew THEN round(y0 / 250) * 250 + (n % 7) - 3 ELSE y0 END AS y
  FROM (SELECT n, n % 2 = 0 AS ew, 175000 + random() * 10200 AS x0,
               2498000 + random() * 13200 AS y0
        FROM generate_series(1, :permits + :works + :segments) n) g
) q;

INSERT INTO excavation_permits (permit_no, agency_id, pipeline_type, category,
  purpose, contractor, contractor_phone, road_names, geom, approved_period,
  status, source, source_key)
SELECT 'B' || n, a.id, a.pipeline_type,
       (ARRAY['emergency', 'planned', 'general', 'general'])[1 + n % 4]::permit_category,
       '效能測試', '測試工程行', '0900000000', ARRAY[road],
       ST_Transform(CASE WHEN n % 10 < 7 THEN p
                         ELSE ST_MakeLine(p, ST_Translate(p, CASE WHEN ew THEN len ELSE 0 END,
                                                          CASE WHEN ew THEN 0 ELSE len END)) END,
                    4326),
       tstzrange(s, s + make_interval(days => (1 + (n::bigint * 7919) % 60)::int)),
       CASE WHEN s + make_interval(days => (1 + (n::bigint * 7919) % 60)::int) < now() THEN 'completed'
            WHEN s < now() THEN 'in_progress' ELSE 'approved' END::permit_status,
       'bench', 'p' || n
FROM (
  SELECT bp.*, 20 + random() * 80 AS len,
         date_trunc('day', now()) - interval '730 days' + random() * interval '1095 days' AS s
  FROM bench_points bp WHERE n <= :permits
) q
JOIN bench_agencies a ON a.i = 1 + q.n % (SELECT count(*) FROM bench_agencies);

INSERT INTO road_works (permit_number, title, road_names, geom, period, status,
                        organiser, contact_phone, source, source_key)
SELECT 'BW' || n, '效能測試工程', ARRAY[road],
       ST_Transform(ST_MakeLine(p, ST_Translate(p, CASE WHEN ew THEN len ELSE 0 END,
                                                CASE WHEN ew THEN 0 ELSE len END)), 4326),
       tstzrange(s, s + make_interval(days => (1 + (n::bigint * 104729) % 120)::int)),
       'active', '高雄市政府工務局', '07-0000000', 'bench', 'w' || n
FROM (
  SELECT bp.*, 50 + random() * 450 AS len,
         date_trunc('day', now()) - interval '730 days' + random() * interval '1095 days' AS s
  -- Points of their own: each kind has its own range of n.
  FROM bench_points bp WHERE n > :permits AND n <= :permits + :works
) q;

INSERT INTO utility_networks (agency_id, name, kind, width_m, geom, source,
                              source_key)
SELECT a.id, road || ' 效能測試管線', 'centre_line', 1 + n % 4,
       ST_Transform(ST_MakeLine(p, ST_Translate(p, CASE WHEN ew THEN len ELSE 0 END,
                                                CASE WHEN ew THEN 0 ELSE len END)), 4326),
       'bench', 'n' || n
FROM (
  SELECT bp.*, 50 + random() * 250 AS len FROM bench_points bp
  WHERE n > :permits + :works
) q
JOIN bench_agencies a ON a.i = 1 + q.n % (SELECT count(*) FROM bench_agencies);

-- Vacuumed now, so that autovacuum does not run during the measurement.
VACUUM (ANALYZE) excavation_permits;
VACUUM (ANALYZE) permit_status_history;
VACUUM (ANALYZE) road_works;
VACUUM (ANALYZE) utility_networks;
VACUUM (ANALYZE) no_dig_zones;
