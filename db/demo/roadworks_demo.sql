-- Generates the demo data set: several hundred road works on Kaohsiung
-- streets, with Chinese road names, placed inside the real district
-- boundaries (districts must be loaded), spread over past, present and future
-- periods relative to now. There is no packaged road network for Taiwan, so
-- segments are synthetic: grid-aligned lines from a random point in the
-- district, clipped to it. Deterministic for a given day (setseed).
-- Replaces earlier demo rows; rows of other sources are untouched.
BEGIN;
SET LOCAL client_min_messages = warning;
DELETE FROM road_works WHERE source = 'demo';
SELECT setseed(0.2026);

-- Kept for the session: db/demo/excavation_demo.sql, run next, reads it.
DROP TABLE IF EXISTS demo_areas;
CREATE TEMP TABLE demo_areas (name_zh text, weight int, roads text[]);
INSERT INTO demo_areas VALUES
  ('鹽埕區', 4, '{大勇路,五福四路,七賢三路,大仁路,必忠街,河西路}'),
  ('鼓山區', 7, '{美術館路,明誠四路,中華一路,臨海二路,青海路,九如四路}'),
  ('左營區', 9, '{博愛二路,自由二路,大中一路,重愛路,明誠二路,文自路,翠華路}'),
  ('楠梓區', 7, '{德民路,楠梓新路,藍田路,創新路,加昌路,土庫一路}'),
  ('三民區', 11, '{九如一路,建國三路,民族一路,大昌二路,十全一路,澄清路,覺民路,大順二路,博愛一路}'),
  ('新興區', 6, '{中山一路,中正三路,七賢一路,民生一路,復興一路,六合二路}'),
  ('前金區', 4, '{中正四路,成功一路,市中一路,自強二路,五福三路}'),
  ('苓雅區', 9, '{四維三路,自強三路,三多一路,中華四路,光華一路,福德三路,武廟路,凱旋二路}'),
  ('前鎮區', 9, '{中山三路,凱旋三路,一心二路,二聖一路,翠亨北路,成功二路,復興四路,擴建路}'),
  ('旗津區', 2, '{旗津三路,中洲三路,廟前路}'),
  ('小港區', 6, '{沿海一路,中山四路,大業北路,漢民路,宏平路,桂陽路}'),
  ('鳳山區', 11, '{自由路,光復路二段,青年路二段,五甲二路,中山西路,建國路三段,文化路,鳳頂路}'),
  ('大寮區', 3, '{鳳林三路,光明路二段,捷西路,大寮路}'),
  ('林園區', 2, '{沿海路一段,林園北路,東林西路}'),
  ('仁武區', 3, '{仁雄路,鳳仁路,八德南路,中正路}'),
  ('大社區', 1, '{中山路,旗楠路,三民路}'),
  ('鳥松區', 2, '{大埤路,神農路,本館路}'),
  ('岡山區', 4, '{岡山路,介壽路,中山北路,柳橋東路}'),
  ('路竹區', 2, '{中山路,中華路,國昌路}'),
  ('橋頭區', 2, '{成功路,隆豐路,橋南路}'),
  ('梓官區', 1, '{進學路,中正路,梓官路}'),
  ('彌陀區', 1, '{中正路,中華路,海尾路}'),
  ('永安區', 1, '{永安路,保寧路}'),
  ('燕巢區', 1, '{中民路,角宿路,安招路}'),
  ('田寮區', 1, '{崗安路,南安路}'),
  ('阿蓮區', 1, '{中正路,民生路,岡山路}'),
  ('湖內區', 1, '{中山路二段,民權路,忠孝街}'),
  ('茄萣區', 1, '{濱海路二段,民權路,白雲路}'),
  ('旗山區', 2, '{中山路,中華路,旗甲路,延平一路}'),
  ('美濃區', 1, '{中山路一段,中正路一段,美中路}'),
  ('六龜區', 1, '{中正路,太平路,光復路}'),
  ('甲仙區', 1, '{文化路,和安街}'),
  ('杉林區', 1, '{清水路,山仙路}'),
  ('內門區', 1, '{內門路,中正路}'),
  ('茂林區', 1, '{茂林巷,多納巷}'),
  ('桃源區', 1, '{南橫公路,東庄巷}'),
  ('那瑪夏區', 1, '{秀嶺巷,平和巷}'),
  ('大樹區', 2, '{中興北路,久堂路,三和路}');

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
INSERT INTO road_works (
  permit_number, title, description, road_names, district_code, geom, period,
  work_start, work_end, status, lanes_closed, lanes_total, full_closure,
  sidewalk_affected, bike_lane_affected, parking_affected, organiser,
  contractor, contact_phone, source, source_key, imported_at, deleted_at)
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
  CASE WHEN t.gone < 0.01 THEN now() END
FROM timed t
JOIN demo_kinds k ON k.k = t.kind
JOIN demo_contractors c ON c.c = t.contractor;
COMMIT;
ANALYZE road_works;
SELECT count(*) AS demo_road_works,
       count(*) FILTER (WHERE period @> now()) AS in_period_now,
       count(DISTINCT district_code) AS districts
FROM road_works WHERE source = 'demo';
