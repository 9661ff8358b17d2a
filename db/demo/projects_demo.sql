-- Generates the public works project demo portfolio as the bureau would
-- export it:
--   psql -v outdir=DIR -f projects_demo.sql
-- writes DIR/demo-projects.geojson (the project list, in the layout of
-- importers/profiles/generic-projects-geojson) and DIR/demo-progress.csv
-- (their monthly progress, in the layout of kaohsiung-progress-csv: ROC
-- months, percents), for scripts/demo-data to load through pwis-import.
-- 400 projects of the five units over 2021-2026 on the demo districts'
-- streets (sites inside the real boundaries: streets as synthetic lines,
-- parks and buildings as areas, bridges as short lines, some points),
-- in every status: most under construction (some on time, some behind
-- with their reasons, a few ahead), some suspended, finished and accepted
-- ones, and the planned, in design, tendering or cancelled. Progress
-- follows an S-curve (3x^2 - 2x^3 of the contract time elapsed); a late
-- project's actual curve runs slower, a suspended one's stops. Every
-- date is relative to a fixed day (2026-11-30), not today, so every run
-- writes the same feeds; behind levels are derived at each query.
-- Nothing is written to the database.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT setseed(0.1130);

\ir demo_areas.sql

CREATE TEMP TABLE demo_categories (k int, category text, unit text,
  zh text, en text, shape text, scale int) ON COMMIT DROP;
INSERT INTO demo_categories VALUES
  (0, 'road', 'NBO', '道路拓寬工程', 'Road widening', 'line', 12),
  (1, 'bridge', 'NBO', '橋梁改建工程', 'Bridge reconstruction', 'short', 30),
  (2, 'drainage', 'NBO', '排水改善工程', 'Drainage improvement', 'long', 20),
  (3, 'sewer', 'MO', '污水下水道工程', 'Sewer works', 'long', 15),
  (4, 'park', 'NBO', '公園新建工程', 'New park', 'area', 6),
  (5, 'building', 'BMO', '公有建築整修工程', 'Public building renovation',
   'area', 10),
  (6, 'bike_path', 'NBO', '自行車道建置工程', 'Bike path', 'line', 3),
  (7, 'pavement', 'MO', '路平專案', 'Road resurfacing', 'line', 2),
  (8, 'street_light', 'MO', '路燈汰換工程', 'Street light renewal', 'point', 1),
  (9, 'other', 'EPO', '人行環境改善工程', 'Walkway improvement', 'line', 2),
  (10, 'other', 'IBD', '違建拆除及環境整理工程', 'Illegal structure removal',
   'point', 1);

CREATE TEMP TABLE demo_firms (i int, contractor text, supervisor text,
  designer text) ON COMMIT DROP;
INSERT INTO demo_firms VALUES
  (0, '泰成營造有限公司', '港都工程顧問有限公司', '南方工程顧問股份有限公司'),
  (1, '建順營造股份有限公司', '明光工程顧問有限公司', '高雄建築師事務所'),
  (2, '德興營造有限公司', '中興工程顧問股份有限公司', '大地工程顧問有限公司'),
  (3, '立群營造股份有限公司', '台灣世曦工程顧問股份有限公司',
   '台灣世曦工程顧問股份有限公司'),
  (4, '榮工工程股份有限公司', '亞新工程顧問股份有限公司', '林文雄建築師事務所'),
  (5, '大成營造股份有限公司', '港都工程顧問有限公司', '興南工程顧問有限公司'),
  (6, '高屏土木包工業', '新亞工程顧問有限公司', '南方工程顧問股份有限公司'),
  (7, '南展工程有限公司', '明光工程顧問有限公司', '旗美工程顧問有限公司');

CREATE TEMP TABLE demo_lag_reasons (i int, reason text) ON COMMIT DROP;
INSERT INTO demo_lag_reasons VALUES
  (0, '用地取得延宕'), (1, '管線遷移延宕'), (2, '雨季停工'),
  (3, '地下管線衝突，變更設計中'), (4, '交通維持計畫審查中'),
  (5, '民眾陳情，暫緩施工'), (6, '缺工缺料'), (7, '物價上漲，材料進場延遲');

-- Each project's draws, its status and its days (R = 2026-11-30).
CREATE TEMP TABLE demo_projects ON COMMIT DROP AS
WITH cumulative AS (
  SELECT a.*, d.geom, sum(weight) OVER (ORDER BY d.code) - weight AS lo,
         sum(weight) OVER (ORDER BY d.code) AS hi,
         sum(weight) OVER () AS total
  FROM demo_areas a JOIN districts d ON d.name_zh = a.name_zh
),
draws AS MATERIALIZED (
  SELECT n, random() AS pick, random() AS road_pick, random() AS bearing,
         random() AS len, floor(random() * 11)::int AS kind,
         floor(random() * 8)::int AS firm, random() AS money,
         random() AS started, random() AS lasting, random() AS pace,
         random() AS late, floor(random() * 8)::int AS reason
  FROM generate_series(1, 400) AS n
),
placed AS MATERIALIZED (
  SELECT dr.*, c.name_zh AS district,
         c.roads[1 + floor(dr.road_pick * array_length(c.roads, 1))::int]
           AS road,
         ST_Transform(c.geom, 3826) AS area,
         ST_Transform((ST_Dump(ST_GeneratePoints(c.geom, 1, dr.n))).geom,
                      3826) AS p
  FROM draws dr
  JOIN cumulative c ON dr.pick * c.total >= c.lo AND dr.pick * c.total < c.hi
)
SELECT pl.n, pl.district, pl.road, pl.pace, pl.late, pl.reason, pl.firm,
       k.category, k.unit, k.zh, k.en,
       -- The status by the project's number, so each kind of project
       -- keeps its share: 5 % planning, 7 % design, 6 % tendering, 45 %
       -- under construction, 4 % suspended, 15 % completed, 15 %
       -- accepted, 3 % cancelled.
       CASE WHEN pl.n % 100 < 5 THEN 'planning'
            WHEN pl.n % 100 < 12 THEN 'design'
            WHEN pl.n % 100 < 18 THEN 'tendering'
            WHEN pl.n % 100 < 63 THEN 'under_construction'
            WHEN pl.n % 100 < 67 THEN 'suspended'
            WHEN pl.n % 100 < 82 THEN 'completed'
            WHEN pl.n % 100 < 97 THEN 'accepted'
            ELSE 'cancelled' END AS status,
       round((3 + pl.money * 60) * k.scale)::bigint * 1000000 AS budget,
       (SELECT s.geom FROM ST_Dump(ST_Intersection(pl.area, ST_MakeLine(
          ST_Translate(pl.p, -cos(pl.bearing * pi()) * m.metres / 2,
                       -sin(pl.bearing * pi()) * m.metres / 2),
          ST_Translate(pl.p, cos(pl.bearing * pi()) * m.metres / 2,
                       sin(pl.bearing * pi()) * m.metres / 2)))) s
        WHERE GeometryType(s.geom) = 'LINESTRING'
        ORDER BY ST_Length(s.geom) DESC LIMIT 1) AS seg,
       pl.p, k.shape, pl.len
FROM placed pl
JOIN demo_categories k ON k.k = pl.kind
CROSS JOIN LATERAL (SELECT CASE k.shape WHEN 'long' THEN 800 + pl.len * 2500
                                        WHEN 'short' THEN 60 + pl.len * 200
                                        ELSE 150 + pl.len * 1200 END
                             AS metres) m;

ALTER TABLE demo_projects
  ADD COLUMN project_no text, ADD COLUMN geom geometry,
  ADD COLUMN contract_amount bigint, ADD COLUMN contract_start date,
  ADD COLUMN planned_completion date, ADD COLUMN extension_days int,
  ADD COLUMN actual_completion date, ADD COLUMN suspended_at float8,
  ADD COLUMN rate float8;

UPDATE demo_projects SET
  geom = ST_Transform(CASE
    WHEN shape = 'area' THEN ST_Buffer(p, 30 + len * 90)
    WHEN shape = 'point' OR seg IS NULL OR ST_Length(seg) < 20 THEN p
    ELSE seg END, 4326),
  contract_amount = CASE WHEN status IN ('planning', 'design', 'tendering',
                                         'cancelled') THEN 0
                         ELSE round(budget * (0.8 + (n % 17) / 100.0))
                    END,
  -- Contract days: finished works started 1.5 to 5.5 years ago, works
  -- under way 1 to 30 months ago, suspended ones 8 to 24.
  contract_start = date '2026-11-30' - CASE
    WHEN status IN ('completed', 'accepted') THEN 540 + (n * 41) % 1460
    WHEN status = 'under_construction' THEN 30 + (n * 37) % 870
    WHEN status = 'suspended' THEN 240 + (n * 13) % 480
    END,
  extension_days = CASE WHEN n % 4 = 0 AND status NOT IN ('planning',
                          'design', 'tendering', 'cancelled')
                        THEN 30 + n % 61 ELSE 0 END,
  -- How fast the actual curve runs against the planned: most about on
  -- time, a quarter behind, one in seven far behind, a few ahead.
  rate = CASE WHEN pace < 0.55 THEN 0.97 + pace / 10
              WHEN pace < 0.62 THEN 1.03 + (pace - 0.55)
              WHEN pace < 0.86 THEN 0.90 + (pace - 0.62) / 5
              ELSE 0.70 + (pace - 0.86) * 0.7 END,
  suspended_at = CASE WHEN status = 'suspended' THEN 0.25 + late * 0.35 END;

UPDATE demo_projects SET
  planned_completion = contract_start + CASE
    WHEN status IN ('completed', 'accepted')
      THEN 150 + (n * 29) % least(700, date '2026-11-30' - contract_start - 200)
    -- Works under way mostly end after the fixed day; one in ten is
    -- past its planned completion.
    ELSE greatest(180, date '2026-11-30' - contract_start + CASE
      WHEN n % 10 = 3 THEN -(20 + n % 100) ELSE 45 + (n * 53) % 700 END)
    END
WHERE contract_start IS NOT NULL;

UPDATE demo_projects SET
  actual_completion = least(date '2026-11-30' - 20,
                            planned_completion + extension_days
                              + (n % 6) * 12)
WHERE status IN ('completed', 'accepted');

UPDATE demo_projects SET project_no = 'KH-' || unit || '-' ||
  (extract(year FROM coalesce(contract_start, date '2026-06-01'))::int - 1911)
  || '-' || lpad(n::text, 4, '0');

-- The progress series: one report per month's end from the contract's
-- first month to November 2026 or the month of completion (actual, else
-- revised: a late project reports no further).
CREATE TEMP TABLE demo_reports ON COMMIT DROP AS
SELECT p.project_no, p.n, r.day, p.reason,
       round(100 * (3 * x ^ 2 - 2 * x ^ 3)::numeric, 2) AS planned,
       round(100 * (3 * a ^ 2 - 2 * a ^ 3)::numeric, 2) AS actual,
       p.contract_amount
FROM demo_projects p
CROSS JOIN LATERAL (
  SELECT (date_trunc('month', m) + interval '1 month' - interval '1 day')::date
           AS day
  FROM generate_series(date_trunc('month', p.contract_start),
                       least(date '2026-11-01',
                             date_trunc('month', coalesce(p.actual_completion,
                               p.planned_completion + p.extension_days))),
                       interval '1 month') m) r
CROSS JOIN LATERAL (
  SELECT least(1, greatest(0, (r.day - p.contract_start)::float8
                  / (p.planned_completion + p.extension_days
                     - p.contract_start))) AS x,
         -- Finished works reach 100 % on their completion day; others
         -- run at their rate, a suspended one stopping where it stopped.
         CASE WHEN p.actual_completion IS NOT NULL THEN
                least(1, greatest(0, (r.day - p.contract_start)::float8
                         / (p.actual_completion - p.contract_start)))
              ELSE least(1, p.rate * least(
                     greatest(0, (r.day - p.contract_start)::float8
                      / (p.planned_completion + p.extension_days
                         - p.contract_start)),
                     coalesce(p.suspended_at, 1)))
         END AS a) c(x, a)
WHERE p.contract_start IS NOT NULL;

\set projects_file :outdir '/demo-projects.geojson'
\set progress_file :outdir '/demo-progress.csv'
\pset tuples_only on
\pset format unaligned
\o :projects_file
SELECT '{"type": "FeatureCollection", "features": [';
SELECT json_build_object(
  'type', 'Feature',
  'properties', json_build_object(
    'project_no', project_no, 'name_zh', road || zh,
    'name_en', en || ', ' || project_no, 'unit', unit,
    'category', category, 'status', status,
    'location', district || road, 'district', district, 'road_names', road,
    'budget', budget, 'contract_amount', contract_amount,
    'contractor', CASE WHEN contract_amount > 0 THEN f.contractor ELSE '' END,
    'supervisor', CASE WHEN contract_amount > 0 THEN f.supervisor ELSE '' END,
    'designer', CASE WHEN status <> 'planning' THEN f.designer ELSE '' END,
    'contract_start', contract_start,
    'planned_completion', planned_completion,
    'extension_days', extension_days,
    'actual_completion', actual_completion),
  'geometry', ST_AsGeoJSON(geom, 7)::json)::text
  || CASE WHEN row_number() OVER (ORDER BY n) < count(*) OVER () THEN ','
          ELSE '' END
FROM demo_projects JOIN demo_firms f ON f.i = firm ORDER BY n;
SELECT ']}';
\o :progress_file
SELECT '標案案號,進度年月,填報日期,預定進度,實際進度,累計估驗金額,落後原因,進度修正';
-- ROC months as the tracking forms write them; every third project gives
-- its percents with "%".
SELECT concat_ws(',', r.project_no,
  (extract(year FROM r.day)::int - 1911) || '/' || to_char(r.day, 'MM'), '',
  r.planned || CASE WHEN r.n % 3 = 0 THEN '%' ELSE '' END,
  r.actual || CASE WHEN r.n % 3 = 0 THEN '%' ELSE '' END,
  round(r.contract_amount * r.actual / 100 * 0.9),
  CASE WHEN r.planned - r.actual >= 3 THEN l.reason ELSE '' END, '')
FROM demo_reports r JOIN demo_lag_reasons l ON l.i = r.reason
ORDER BY r.project_no, r.day;
\o
COMMIT;
