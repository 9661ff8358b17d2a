-- Generates the building-license demo set as the national open-data feed
-- (importers/profiles/national-licenses-json.textproto) writes it:
--   :outdir/demo-licenses.json
-- Twenty years (ROC 95-115) of building licenses in the demo districts,
-- weighted like the road works, on the districts' real villages and
-- streets; about one in ten amended (-01, -02), most finished buildings
-- with their use license, and miscellaneous-works and demolition
-- licenses. Owners are companies or persons (masked by the importer),
-- designers architects with their offices, builders construction firms.
-- Names, numbers, parcels and phones are synthetic; the phones and home
-- addresses in the feed are there to show that pwis never keeps them.
-- scripts/demo-data loads the file with pwis-import.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir demo_areas.sql
SELECT setseed(0.1108);

CREATE FUNCTION pg_temp.pick(a text[]) RETURNS text
  LANGUAGE sql AS $$ SELECT a[1 + floor(random() * cardinality(a))::int] $$;
CREATE FUNCTION pg_temp.roc(d date) RETURNS text
  LANGUAGE sql AS $$
    SELECT lpad((extract(year FROM d)::int - 1911)::text, 3, '0') || to_char(d, 'MMDD') $$;

-- People: a surname and one or two given characters.
CREATE FUNCTION pg_temp.person() RETURNS text
  LANGUAGE sql AS $$
    SELECT pg_temp.pick('{陳,林,黃,張,李,王,吳,劉,蔡,楊,許,鄭,謝,郭,洪,曾,邱,廖,賴,周,徐,蘇,葉,莊,呂,江,何,蕭,羅,高,歐陽}')
        || pg_temp.pick('{志,俊,美,淑,家,建,宗,雅,明,文,怡,冠,承,佳,信,宏,秀,玉,國,麗}')
        || CASE WHEN random() < 0.9
                THEN pg_temp.pick('{豪,華,玲,宏,傑,芳,偉,婷,德,萍,輝,慧,誠,珍,龍,蓉,彬,琪,哲,君}')
                ELSE '' END $$;

CREATE TEMP TABLE demo_firms (kind text, name text) ON COMMIT DROP;
INSERT INTO demo_firms
SELECT 'developer', w || s FROM
  unnest('{國美,興富發,京城,海悅,義大,遠雄,華友聯,春福,總太,冠德,大城,凱撒,樂揚,龍寶,德鑫,昌益,河堤,麗寶}'::text[]) w,
  unnest('{建設股份有限公司,開發股份有限公司}'::text[]) s;
INSERT INTO demo_firms
SELECT 'builder', w || s FROM
  unnest('{大高雄,南霸天,港都,鼎泰,中鋼,榮工,長鴻,皇昌,瑞助,冠宇,聯上,新亞,達欣,勝捷}'::text[]) w,
  unnest('{營造股份有限公司,營造有限公司}'::text[]) s;
INSERT INTO demo_firms
SELECT 'owner_org', x FROM unnest(
  '{高雄市政府工務局,高雄市政府教育局,高雄市立鳳山高級中學,財團法人高雄醫學大學,台灣電力股份有限公司,中華郵政股份有限公司,高雄市三民區公所,財團法人慈濟基金會,三鳳宮管理委員會,台灣糖業股份有限公司}'::text[]) x;

CREATE TEMP TABLE demo_architects (n int, name text, office text) ON COMMIT DROP;
INSERT INTO demo_architects
SELECT n, p, p || '建築師事務所'
FROM (SELECT n, pg_temp.person() AS p FROM generate_series(1, 60) n) a;

-- Where: a demo district by weight, one of its real villages and streets.
CREATE TEMP TABLE demo_lic_places (w_from int, w_to int, district_code text,
                                   name_zh text, roads text[]) ON COMMIT DROP;
INSERT INTO demo_lic_places
SELECT coalesce(sum(weight) OVER w - weight, 0), sum(weight) OVER w,
       d.code, a.name_zh, a.roads
FROM demo_areas a JOIN districts d ON d.name_zh = a.name_zh
WINDOW w AS (ORDER BY a.name_zh);

-- The building licenses: about 1,250 a year.
CREATE TEMP TABLE demo_lic ON COMMIT DROP AS
WITH b AS (
  SELECT n, y, row_number() OVER (PARTITION BY y ORDER BY n) AS seq,
         random() * (SELECT max(w_to) FROM demo_lic_places) AS r,
         random() AS r_owner, random() AS r_struct, random() AS r_size,
         random() AS r_use
  FROM (SELECT n, 95 + (n % 21) AS y FROM generate_series(1, 26000) n) s
)
SELECT b.n, b.y AS roc_year, b.seq::int AS seq, p.district_code,
       p.name_zh AS district,
       (SELECT v.name_zh FROM villages v
        WHERE v.district_code = p.district_code
        ORDER BY md5(v.code || b.n) LIMIT 1) AS village,
       p.roads[1 + (b.n % cardinality(p.roads))] AS road,
       make_date(b.y + 1911, 1, 1) + (b.n * 7919 % 365) AS issued,
       CASE WHEN b.r_struct < 0.68 THEN '鋼筋混凝土造'
            WHEN b.r_struct < 0.80 THEN '鋼骨鋼筋混凝土造'
            WHEN b.r_struct < 0.86 THEN '鋼骨造'
            WHEN b.r_struct < 0.97 THEN '加強磚造' ELSE '木造' END AS structure,
       CASE WHEN b.r_size < 0.55 THEN 1 + floor(random() * 4)::int
            WHEN b.r_size < 0.85 THEN 5 + floor(random() * 10)::int
            ELSE 15 + floor(random() * 24)::int END AS above,
       b.r_owner, b.r_use
FROM b JOIN demo_lic_places p ON b.r >= p.w_from AND b.r < p.w_to;

ALTER TABLE demo_lic
  ADD COLUMN below int, ADD COLUMN use text, ADD COLUMN owner text,
  ADD COLUMN owner_phone text, ADD COLUMN designer int,
  ADD COLUMN builder text, ADD COLUMN builder_person text,
  ADD COLUMN number int, ADD COLUMN nb int, ADD COLUMN section text,
  ADD COLUMN mother int, ADD COLUMN child int, ADD COLUMN site_area numeric,
  ADD COLUMN lon float8, ADD COLUMN lat float8;
UPDATE demo_lic SET
  below = CASE WHEN above >= 15 THEN 2 + floor(random() * 3)::int
               WHEN above >= 5 THEN floor(random() * 3)::int ELSE 0 END,
  use = CASE WHEN above <= 4 AND r_use < 0.7 THEN '獨立住宅'
             WHEN r_use < 0.55 THEN '集合住宅'
             WHEN r_use < 0.75 THEN '集合住宅、店鋪'
             WHEN r_use < 0.85 THEN '辦公室'
             WHEN r_use < 0.93 THEN '廠房' ELSE '店鋪' END,
  owner = CASE WHEN r_owner < 0.45
                 THEN (SELECT name FROM demo_firms WHERE kind = 'developer'
                       ORDER BY md5(name || n) LIMIT 1)
               WHEN r_owner < 0.50
                 THEN (SELECT name FROM demo_firms WHERE kind = 'owner_org'
                       ORDER BY md5(name || n) LIMIT 1)
               WHEN r_owner < 0.85 THEN pg_temp.person()
               WHEN r_owner < 0.95 THEN pg_temp.person() || '、' || pg_temp.person()
               ELSE pg_temp.person() || '等' || (3 + n % 5) || '人' END,
  designer = 1 + (n * 31 % 60),
  builder = (SELECT name FROM demo_firms WHERE kind = 'builder'
             ORDER BY md5(name || n) LIMIT 1),
  builder_person = pg_temp.person(),
  number = 1 + (n * 13 % 380),
  nb = 1 + (n % 24),
  section = regexp_replace(district, '區$', '') ||
            pg_temp.pick('{段,一段,二段,新段,北段,南段}') ||
            CASE WHEN random() < 0.3 THEN pg_temp.pick('{一小段,二小段,三小段}') ELSE '' END,
  mother = 1 + (n * 37 % 2400),
  child = CASE WHEN random() < 0.6 THEN n % 40 ELSE 0 END,
  site_area = round((120 + random() * 3000)::numeric, 2);
UPDATE demo_lic SET owner_phone = '09' || lpad((n * 7393 % 100000000)::text, 8, '0')
WHERE owner !~ '(公司|局|學|基金會|委員會|公所)';
-- Most have their site as coordinates, inside their village.
UPDATE demo_lic l SET lon = ST_X(p), lat = ST_Y(p)
FROM (SELECT l2.n, (ST_Dump(ST_GeneratePoints(v.geom, 1, l2.n))).geom AS p
      FROM demo_lic l2 JOIN villages v
        ON v.district_code = l2.district_code AND v.name_zh = l2.village
      WHERE l2.n % 5 <> 0) g
WHERE g.n = l.n;
-- Where a village's boundary strays past its district's (the coast), the
-- point could name no district: those sites go without coordinates.
UPDATE demo_lic l SET lon = NULL, lat = NULL
WHERE lon IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM districts d WHERE d.code = l.district_code
    AND ST_Intersects(d.geom, ST_SetSRID(ST_MakePoint(l.lon, l.lat), 4326)));

-- When a building is finished (its use license follows 45 days later).
ALTER TABLE demo_lic ADD COLUMN done date, ADD COLUMN uy int;
UPDATE demo_lic SET done = issued + 60 + 240 + 30 * above;
UPDATE demo_lic SET uy = extract(year FROM done + 45)::int - 1911;

-- Every license of the feed: the building license, its amendments, the
-- use license of a finished building, and the other kinds.
CREATE TEMP TABLE demo_lic_out (ord bigserial, doc json) ON COMMIT DROP;

CREATE FUNCTION pg_temp.addresses(l demo_lic, k int) RETURNS json
  LANGUAGE sql AS $$
    SELECT json_agg(json_build_object(
      '行政區', l.district, '村里', l.village, '鄰', l.nb::text,
      '街路', l.road, '號', (l.number + 2 * i)::text ||
        CASE WHEN i = 0 AND l.n % 11 = 0 THEN '之1' ELSE '' END) ORDER BY i)
    FROM generate_series(0, k - 1) i $$;
CREATE FUNCTION pg_temp.parcels(l demo_lic, k int) RETURNS json
  LANGUAGE sql AS $$
    SELECT json_agg(json_build_object(
      '行政區', l.district, '地段', l.section,
      '地號', lpad((l.mother + i)::text, 4, '0') || '-' ||
              lpad(l.child::text, 4, '0')) ORDER BY i)
    FROM generate_series(0, k - 1) i $$;
CREATE FUNCTION pg_temp.floors(l demo_lic) RETURNS json
  LANGUAGE sql AS $$
    SELECT json_agg(json_build_object(
      '樓層', CASE WHEN f < 0 THEN 'B' || (-f) ELSE f || 'F' END,
      '樓層高度', CASE WHEN f = 1 THEN '4.2' WHEN f < 0 THEN '3.4' ELSE '3.2' END,
      '樓地板面積', round((l.site_area * CASE WHEN f < 0 THEN 0.8 ELSE 0.5 END)::numeric, 2)::text,
      '用途', CASE WHEN f < 0 THEN '停車空間'
                   WHEN f = 1 AND l.use LIKE '%店鋪%' THEN '店鋪'
                   ELSE split_part(l.use, '、', 1) END) ORDER BY f)
    FROM generate_series(-l.below, l.above) f WHERE f <> 0 $$;

INSERT INTO demo_lic_out (doc)
SELECT json_build_object(
  '核發執照字號', format('(%s)高市工建築字第%s%s號', l.roc_year,
                       lpad(l.seq::text, 5, '0'),
                       CASE WHEN v > 0 THEN '-' || lpad(v::text, 2, '0') ELSE '' END),
  '發照日期', pg_temp.roc(l.issued + 90 * v),
  '開工日期', CASE WHEN v = 0 AND l.issued + 60 < current_date
                   THEN pg_temp.roc(l.issued + 60) END,
  '工程名稱', l.district || l.road || split_part(l.use, '、', 1) ||
              CASE WHEN v > 0 THEN '新建工程(第' || v || '次變更設計)' ELSE '新建工程' END,
  '行政區', l.district, '使用分區', CASE WHEN l.use = '廠房' THEN '乙種工業區'
                                         WHEN l.use LIKE '%店鋪%' THEN '商業區'
                                         ELSE '第' || (2 + l.n % 4) || '種住宅區' END,
  '構造種類', l.structure, '主要用途', l.use,
  '棟數', (1 + (l.n % 9 = 0)::int)::text,
  '戶數', CASE WHEN l.use LIKE '集合住宅%' THEN (l.above * (2 + l.n % 6))::text ELSE '1' END,
  '地上層數', l.above::text, '地下層數', l.below::text,
  '建築物高度', round((l.above * 3.3 + 1.5)::numeric, 2)::text,
  '基地面積', to_char(l.site_area, 'FM999,990.00'),
  '建築面積', round(l.site_area * 0.5, 2)::text,
  '總樓地板面積', round(l.site_area * 0.5 * (l.above + l.below * 1.6), 2)::text,
  '停車位數', CASE WHEN l.below > 0 THEN (l.below * 40)::text ELSE '0' END,
  '工程造價', to_char(round(l.site_area * (l.above + l.below) * 28000), 'FM999,999,999,990'),
  '起造人代表人', l.owner, '起造人電話', l.owner_phone,
  '起造人地址', CASE WHEN l.owner_phone IS NOT NULL
                     THEN l.district || l.road || (l.number + 100) || '號' END,
  '設計人', a.name, '設計人事務所', a.office,
  '監造人', a.name, '監造人事務所', a.office,
  '承造人', l.builder_person, '承造廠商', l.builder,
  '門牌', pg_temp.addresses(l, 1 + (l.n % 3)),
  '地號', pg_temp.parcels(l, 1 + (l.n % 2)),
  '樓層概要', pg_temp.floors(l),
  '經度', l.lon::numeric(10, 7)::text, '緯度', l.lat::numeric(10, 7)::text)
FROM demo_lic l JOIN demo_architects a ON a.n = l.designer,
     generate_series(0, CASE WHEN l.n % 10 = 0 THEN 1 + (l.n % 20 = 0)::int
                             ELSE 0 END) v
WHERE l.issued + 90 * v < current_date;

-- Use licenses: for buildings begun at least two years ago, 85 % of them,
-- numbered in the year they were issued.
INSERT INTO demo_lic_out (doc)
SELECT json_build_object(
  '核發執照字號', format('(%s)高市工建築使字第%s號', u.uy,
                       lpad(row_number() OVER (PARTITION BY u.uy ORDER BY u.n)::text, 5, '0')),
  '建造執照字號', format('(%s)高市工建築字第%s號', u.roc_year, lpad(u.seq::text, 5, '0')),
  '發照日期', pg_temp.roc(u.done + 45), '竣工日期', pg_temp.roc(u.done),
  '開工日期', pg_temp.roc(u.issued + 60),
  '工程名稱', u.district || u.road || split_part(u.use, '、', 1),
  '行政區', u.district, '構造種類', u.structure, '主要用途', u.use,
  '地上層數', u.above::text, '地下層數', u.below::text,
  '起造人代表人', u.owner,
  '設計人', a.name, '設計人事務所', a.office,
  '監造人', a.name, '監造人事務所', a.office,
  '承造人', u.builder_person, '承造廠商', u.builder,
  '門牌', pg_temp.addresses(u, 1 + (u.n % 3)),
  '地號', pg_temp.parcels(u, 1 + (u.n % 2)),
  '經度', u.lon::numeric(10, 7)::text, '緯度', u.lat::numeric(10, 7)::text)
FROM demo_lic u
JOIN demo_architects a ON a.n = u.designer
WHERE u.done + 45 < current_date AND u.n % 7 <> 0;

-- Miscellaneous works (walls, signs, pools) and demolitions.
INSERT INTO demo_lic_out (doc)
SELECT json_build_object(
  '核發執照字號', format('(%s)高市工建築%s字第%s號', l.roc_year,
                       CASE WHEN l.n % 8 = 3 THEN '雜' ELSE '拆' END,
                       lpad((l.seq)::text, 5, '0')),
  '發照日期', pg_temp.roc(l.issued),
  '工程名稱', CASE WHEN l.n % 8 = 3
                   THEN pg_temp.pick('{擋土牆新設工程,圍牆新設工程,廣告招牌設置,游泳池新設工程,機械停車設備}')
                   ELSE '既有建築物拆除工程' END,
  '行政區', l.district,
  '構造種類', CASE WHEN l.n % 8 = 3 THEN '鋼筋混凝土造' ELSE '加強磚造' END,
  '起造人代表人', l.owner, '起造人電話', l.owner_phone,
  '承造人', l.builder_person, '承造廠商', l.builder,
  '門牌', pg_temp.addresses(l, 1),
  '地號', pg_temp.parcels(l, 1),
  '經度', l.lon::numeric(10, 7)::text, '緯度', l.lat::numeric(10, 7)::text)
FROM demo_lic l WHERE l.n % 8 IN (3, 4) AND l.issued < current_date;

\pset tuples_only on
\pset format unaligned
\set licenses_file :outdir '/demo-licenses.json'
\o :licenses_file
SELECT '[' || string_agg(doc::text, E',\n' ORDER BY ord) || ']' FROM demo_lic_out;
\o
COMMIT;
