-- Generates the demo road works as an agency's export would give them:
--   psql -v outdir=DIR -f roadworks_demo.sql
-- writes DIR/demo-roadworks.geojson (every work) and
-- DIR/demo-roadworks-current.geojson (without the ~1 % withdrawn since),
-- in the layout of importers/profiles/generic-roadworks-geojson, for
-- scripts/demo-data to load through pwis-import. Several hundred road works on Kaohsiung
-- streets, with Chinese road names, placed inside the real district
-- boundaries (districts must be loaded), spread over past, present and future
-- periods relative to now. There is no packaged road network for Taiwan, so
-- segments are synthetic: grid-aligned lines from a random point in the
-- district, clipped to it. Deterministic for a given day (setseed).
-- Nothing is written to the database.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT setseed(0.2026);
DROP TABLE IF EXISTS demo_road_works;
CREATE TEMP TABLE demo_road_works AS SELECT * FROM road_works WITH NO DATA;
ALTER TABLE demo_road_works ADD COLUMN gone bool;

\ir demo_areas.sql

-- Kinds of work with their organising agency.
CREATE TEMP TABLE demo_kinds (k int, title text, organiser text) ON COMMIT DROP;
INSERT INTO demo_kinds VALUES
  (0, '道路刨鋪工程', '高雄市政府工務局養護工程處'),
  (1, '人行道改善工程', '高雄市政府工務局養護工程處'),
  (2, '自來水管線汰換工程', '台灣自來水公司第七區管理處'),
  (3, '電力管線埋設工程', '台灣電力公司高雄區營業處'),
  (4, '電信管線工程', '中華電信高雄營運處'),
  (5, '天然氣管線工程', '欣高石油氣股份有限公司'),
  (6, '污水下水道用戶接管工程', '高雄市政府水利局'),
  (7, '側溝改善工程', '高雄市政府水利局'),
  (8, '輕軌及捷運路線施工', '高雄市政府捷運工程局'),
  (9, '路燈及交通號誌更新工程', '高雄市政府交通局'),
  (10, '道路拓寬工程', '高雄市政府工務局新建工程處');

CREATE TEMP TABLE demo_contractors (c int, name text) ON COMMIT DROP;
INSERT INTO demo_contractors VALUES
  (0, '泰成營造有限公司'), (1, '宏昇土木包工業'), (2, '南展工程有限公司'),
  (3, '永豐水電工程行'), (4, '建順營造股份有限公司'), (5, '大旺管線工程有限公司'),
  (6, '港都道路工程有限公司'), (7, '德興營造有限公司'), (8, '高屏土木包工業'),
  (9, '立群營造股份有限公司');

WITH cumulative AS (
  SELECT a.*, d.code, d.geom,
         sum(weight) OVER (ORDER BY d.code) - weight AS lo,
         sum(weight) OVER (ORDER BY d.code) AS hi,
         sum(weight) OVER () AS total
  FROM demo_areas a JOIN districts d ON d.name_zh = a.name_zh
),
draws AS MATERIALIZED (
  SELECT n, random() AS pick, random() AS road_pick, random() AS bearing,
         random() AS len, random() AS shape, floor(random() * 11)::int AS kind,
         floor(random() * 10)::int AS contractor, random() AS start_pick,
         random() AS dur, random() AS hours, random() AS stat,
         random() AS lanes, random() AS flags, random() AS gone,
         (1000000 + floor(random() * 8999999))::int AS phone
  FROM generate_series(1, 460) AS n
),
placed AS MATERIALIZED (
  SELECT dr.*, c.code, c.name_zh AS district_zh,
         c.roads[1 + floor(dr.road_pick * array_length(c.roads, 1))::int] AS road,
         ST_Transform(c.geom, 3826) AS area,
         ST_Transform((ST_Dump(ST_GeneratePoints(c.geom, 1, dr.n))).geom, 3826) AS p
  FROM draws dr
  JOIN cumulative c ON dr.pick * c.total >= c.lo AND dr.pick * c.total < c.hi
),
lines AS MATERIALIZED (
  SELECT pl.*,
         -- Streets run mostly along the grid, some at an angle.
         CASE WHEN bearing < 0.4 THEN 0 WHEN bearing < 0.8 THEN pi() / 2
              ELSE bearing * pi() END AS theta,
         80 + len * 720 AS metres
  FROM placed pl
),
segments AS MATERIALIZED (
  SELECT l.*,
         (SELECT s.geom FROM ST_Dump(ST_Intersection(l.area,
            ST_MakeLine(ST_Translate(l.p, -cos(theta) * metres / 2, -sin(theta) * metres / 2),
                        ST_Translate(l.p, cos(theta) * metres / 2, sin(theta) * metres / 2)))) s
          WHERE GeometryType(s.geom) = 'LINESTRING'
          ORDER BY ST_Length(s.geom) DESC LIMIT 1) AS seg
  FROM lines l
),
shaped AS (
  SELECT s.*,
         CASE
           -- A work zone (e.g. an excavation pit) as a polygon.
           WHEN shape < 0.2 THEN ST_Buffer(seg, 4 + shape * 30, 'endcap=flat join=mitre')
           -- A crossing: two perpendicular streets.
           WHEN shape < 0.3 THEN ST_Multi(ST_Union(seg, ST_Rotate(seg, pi() / 2, ST_Centroid(seg))))
           ELSE seg
         END AS g3826,
         (date_trunc('day', now() AT TIME ZONE 'Asia/Taipei')
            + make_interval(days => floor(-200 + start_pick * 340)::int)) AS start_local,
         1 + floor(dur * dur * 120)::int AS days
  FROM segments s
  WHERE seg IS NOT NULL AND ST_Length(seg) > 20
),
timed AS (
  SELECT sh.*,
         tstzrange(start_local AT TIME ZONE 'Asia/Taipei',
                   (start_local + make_interval(days => days)) AT TIME ZONE 'Asia/Taipei') AS period
  FROM shaped sh
)
INSERT INTO demo_road_works (
  permit_number, title, description, road_names, district_code, geom, period,
  work_start, work_end, status, lanes_closed, lanes_total, full_closure,
  sidewalk_affected, bike_lane_affected, parking_affected, organiser,
  contractor, contact_phone, source, source_key, imported_at, gone)
SELECT
  format('高市工%s字第%s%s號', (ARRAY['養','新','管'])[1 + t.n % 3],
         extract(year FROM lower(t.period) AT TIME ZONE 'Asia/Taipei')::int - 1911,
         lpad(t.n::text, 5, '0')),
  t.road || k.title,
  format('%s（%s）%s，施工期間請減速慢行並依現場交通指揮通行。', t.road, t.district_zh, k.title),
  CASE WHEN t.shape >= 0.2 AND t.shape < 0.3
       THEN ARRAY[t.road, (SELECT roads[1 + (t.n % array_length(roads, 1))]
                           FROM demo_areas WHERE name_zh = t.district_zh)]
       ELSE ARRAY[t.road] END,
  t.code,
  ST_Transform(t.g3826, 4326),
  t.period,
  CASE WHEN t.hours < 0.2 THEN time '09:00' WHEN t.hours < 0.35 THEN time '22:00'
       WHEN t.hours < 0.45 THEN time '08:00' END,
  CASE WHEN t.hours < 0.2 THEN time '16:00' WHEN t.hours < 0.35 THEN time '06:00'
       WHEN t.hours < 0.45 THEN time '17:00' END,
  (CASE
     WHEN upper(t.period) <= now() THEN CASE WHEN t.stat < 0.92 THEN 'completed' ELSE 'cancelled' END
     WHEN lower(t.period) > now() THEN CASE WHEN t.stat < 0.95 THEN 'planned' ELSE 'cancelled' END
     ELSE CASE WHEN t.stat < 0.9 THEN 'active' ELSE 'suspended' END
   END)::road_work_status,
  CASE WHEN t.flags < 0.05 THEN (ARRAY[2, 2, 4, 6])[1 + floor(t.lanes * 4)::int]
       ELSE floor(t.lanes * 2)::int END,
  (ARRAY[2, 2, 4, 6])[1 + floor(t.lanes * 4)::int],
  t.flags < 0.05,
  t.flags > 0.7,
  t.flags BETWEEN 0.2 AND 0.35,
  t.flags BETWEEN 0.3 AND 0.7,
  k.organiser,
  c.name,
  '07-' || t.phone,
  'demo',
  'demo-' || t.n,
  now(),
  t.gone < 0.01
FROM timed t
JOIN demo_kinds k ON k.k = t.kind
JOIN demo_contractors c ON c.c = t.contractor;
COMMIT;

-- The export: one feature per line, Taipei times with their offset.
CREATE TEMP VIEW demo_features AS
SELECT source_key, gone, json_build_object(
  'type', 'Feature',
  'properties', json_build_object(
    'id', source_key, 'permit_number', permit_number, 'title', title,
    'description', description,
    'road_names', array_to_string(road_names, '、'),
    'start', to_char(lower(period) AT TIME ZONE 'Asia/Taipei',
                     'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00',
    'end', to_char(upper(period) AT TIME ZONE 'Asia/Taipei',
                   'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00',
    'status', status, 'organiser', organiser, 'contractor', contractor,
    'contact_phone', contact_phone, 'work_start', work_start,
    'work_end', work_end, 'lanes_closed', lanes_closed,
    'lanes_total', lanes_total, 'full_closure', full_closure,
    'sidewalk_affected', sidewalk_affected,
    'bike_lane_affected', bike_lane_affected,
    'parking_affected', parking_affected),
  'geometry', ST_AsGeoJSON(geom)::json)::text AS feature
FROM demo_road_works;

\set all_file :outdir '/demo-roadworks.geojson'
\set current_file :outdir '/demo-roadworks-current.geojson'
\pset tuples_only on
\pset format unaligned
\o :all_file
SELECT '{"type": "FeatureCollection", "features": [';
SELECT feature || CASE WHEN row_number() OVER w < count(*) OVER () THEN ','
                       ELSE '' END
FROM demo_features WINDOW w AS (ORDER BY source_key) ORDER BY source_key;
SELECT ']}';
\o :current_file
SELECT '{"type": "FeatureCollection", "features": [';
SELECT feature || CASE WHEN row_number() OVER w < count(*) OVER () THEN ','
                       ELSE '' END
FROM demo_features WHERE NOT gone WINDOW w AS (ORDER BY source_key)
ORDER BY source_key;
SELECT ']}';
\o
