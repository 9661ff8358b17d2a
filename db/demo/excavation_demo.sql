-- Generates the excavation demo set, after the demo road works are loaded
-- (it reads them, and demo_areas.sql's streets): registers the pipeline
-- agencies, then writes, as the agencies' and the bureau's feeds, their
-- asset networks along the demo streets, about 3,000 excavation permits
-- over past, present and future periods (some on the streets of the demo
-- road works and at their time, some beside each other) and no-dig zones
-- (streets resurfaced by the demo works within the last year, events,
-- protected pavements). scripts/demo-data loads the files with pwis-import:
--   :outdir/demo-networks.geojson   generic-networks-geojson
--   :outdir/demo-permits.geojson    generic-permits-geojson
--   :outdir/demo-dig.xml            kaohsiung-dig-xml (every 20th permit, in
--                                   Kaohsiung's dig-case layout: district
--                                   and address, no coordinates)
--   :outdir/demo-nodig.geojson      generic-nodig-geojson
-- Agencies are real Kaohsiung utilities; numbers, phones and geometries
-- are synthetic.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir demo_areas.sql
DELETE FROM pipeline_agencies a WHERE code LIKE 'DEMO-%'
  AND code NOT IN ('DEMO-TPC', 'DEMO-CHT', 'DEMO-TWC', 'DEMO-HSG', 'DEMO-HSN',
                   'DEMO-WRB', 'DEMO-CPC', 'DEMO-SL', 'DEMO-TSC', 'DEMO-CTV',
                   'DEMO-TWM', 'DEMO-MOD')
  AND NOT EXISTS (SELECT 1 FROM excavation_permits p WHERE p.agency_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM utility_networks n WHERE n.agency_id = a.id);
SELECT setseed(0.1201);

-- prefix: how the agency numbers its permits; share: its part of them;
-- net: how many demo streets its networks follow (0: none registered).
CREATE TEMP TABLE demo_agencies (
  code text, name_zh text, name_en text, pipeline_type pipeline_type,
  public_phone text, notice_phone text, prefix text, share int, net real)
  ON COMMIT DROP;
INSERT INTO demo_agencies VALUES
  ('DEMO-TPC', '台灣電力公司高雄區營業處', 'Taipower Kaohsiung District Office',
   'electric', '07-2411911', '07-2410911', 'K', 22, 0.6),
  ('DEMO-CHT', '中華電信高雄營運處', 'Chunghwa Telecom Kaohsiung Branch',
   'telecom', '07-3441600', '07-3441123', 'T', 16, 0.55),
  ('DEMO-TWC', '台灣自來水公司第七區管理處', 'Taiwan Water Corp. 7th Branch',
   'water', '07-7613111', '07-7613222', 'W', 18, 0.7),
  ('DEMO-HSG', '欣高石油氣股份有限公司', 'Shin Kao Gas Co.',
   'gas', '07-3313141', '07-3313119', 'G', 8, 0.35),
  ('DEMO-HSN', '欣雄天然氣股份有限公司', 'Shin Shiung Natural Gas Co.',
   'gas', '07-7462111', '07-7462119', 'N', 5, 0.25),
  ('DEMO-WRB', '高雄市政府水利局', 'Kaohsiung Water Resources Bureau',
   'sewer', '07-3373371', '07-3373000', 'S', 9, 0.45),
  ('DEMO-CPC', '台灣中油股份有限公司', 'CPC Corporation, Taiwan',
   'oil', '07-5824141', '07-5824999', 'P', 2, 0.08),
  ('DEMO-SL', '高雄市政府工務局養護工程處', 'Kaohsiung Maintenance Office',
   'street_light', '07-7995678', '07-7995600', 'L', 6, 0.3),
  ('DEMO-TSC', '高雄市政府交通局', 'Kaohsiung Transportation Bureau',
   'traffic_signal', '07-2299825', '07-2299800', 'X', 5, 0.2),
  ('DEMO-CTV', '南國有線電視股份有限公司', 'Southern Cable TV',
   'cable_tv', '07-2260000', '07-2261111', 'C', 5, 0.25),
  ('DEMO-TWM', '台灣大哥大股份有限公司', 'Taiwan Mobile',
   'telecom', '07-3311000', '07-3311999', 'M', 3, 0.12),
  ('DEMO-MOD', '高雄市政府捷運工程局', 'Kaohsiung Mass Rapid Transit Bureau',
   'other', '07-3368333', '07-3368300', 'R', 1, 0);

INSERT INTO pipeline_agencies (code, name_zh, name_en, pipeline_type,
                               public_phone, dig_notice_phone)
SELECT code, name_zh, name_en, pipeline_type, public_phone, notice_phone
FROM demo_agencies
ON CONFLICT (code) DO UPDATE SET
  name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
  pipeline_type = EXCLUDED.pipeline_type,
  public_phone = EXCLUDED.public_phone,
  dig_notice_phone = EXCLUDED.dig_notice_phone;

-- The demo streets: the road works' lines (a polygon work stands for its
-- outline), in TM2.
CREATE TEMP TABLE demo_streets ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY id) AS s, id AS work_id, road_names,
       district_code, period,
       (SELECT d.geom FROM ST_Dump(ST_Boundary(ST_Transform(geom, 3826))) d
        ORDER BY ST_Length(d.geom) DESC LIMIT 1) AS line
FROM road_works
WHERE source = 'demo' AND deleted_at IS NULL
  AND GeometryType(geom) = 'POLYGON'
UNION ALL
SELECT row_number() OVER (ORDER BY id) + 100000, id, road_names, district_code,
       period, (SELECT d.geom FROM ST_Dump(ST_Transform(geom, 3826)) d
                ORDER BY ST_Length(d.geom) DESC LIMIT 1)
FROM road_works
WHERE source = 'demo' AND deleted_at IS NULL
  AND GeometryType(geom) <> 'POLYGON';

-- Networks: each agency's mains along a share of the streets, a little
-- off the centre line and longer than the work, and service areas for
-- the gas companies.
CREATE TEMP TABLE demo_networks (agency text, name text, kind text,
  width_m real, district_code text, geom geometry, source_key text)
  ON COMMIT DROP;
INSERT INTO demo_networks
SELECT da.code,
       format('%s %s', s.road_names[1],
              CASE da.pipeline_type
                WHEN 'electric' THEN '配電幹線 22.8kV'
                WHEN 'telecom' THEN '光纜管道'
                WHEN 'water' THEN format('配水管 DN%s', (ARRAY[200, 300, 600])[1 + (s.s % 3)::int])
                WHEN 'gas' THEN '中壓天然氣管'
                WHEN 'sewer' THEN '污水幹管'
                WHEN 'oil' THEN '輸油管線'
                WHEN 'street_light' THEN '路燈電纜'
                WHEN 'traffic_signal' THEN '號誌管線'
                WHEN 'cable_tv' THEN '有線電視纜線'
                ELSE '管線' END),
       'centre_line',
       CASE da.pipeline_type WHEN 'sewer' THEN 3 WHEN 'water' THEN 2
                             WHEN 'oil' THEN 4 ELSE 1 END,
       s.district_code,
       -- Longer than the work's stretch, a few metres off its line.
       ST_Transform(ST_OffsetCurve(
         ST_Scale(s.line, ST_MakePoint(1.6, 1.6), ST_Centroid(s.line)),
         (hashtext(da.code || s.s) % 9)::float8), 4326),
       format('net-%s-%s', da.code, s.s)
FROM demo_streets s
CROSS JOIN demo_agencies da
WHERE s.line IS NOT NULL AND ST_Length(s.line) > 20
  AND abs(hashtext(da.code || '/' || s.s)) % 1000 < da.net * 1000;

INSERT INTO demo_networks
SELECT da.code, format('%s 供氣區域', d.name_zh), 'service_area', 0, d.code,
       d.geom, format('area-%s-%s', da.code, d.code)
FROM demo_agencies da
JOIN districts d ON
  (da.code = 'DEMO-HSG' AND d.name_zh IN ('鹽埕區', '鼓山區', '三民區', '新興區', '前金區', '苓雅區'))
  OR (da.code = 'DEMO-HSN' AND d.name_zh IN ('鳳山區', '大寮區', '林園區'));

-- An offset of a short bent street can come out empty: no network there.
DELETE FROM demo_networks WHERE geom IS NULL OR ST_IsEmpty(geom);

-- Permits.
CREATE TEMP TABLE demo_purposes (t pipeline_type, i int, purpose text)
  ON COMMIT DROP;
INSERT INTO demo_purposes VALUES
  ('electric', 0, '配電外線新設'), ('electric', 1, '地下電纜汰換'),
  ('electric', 2, '用戶引接線工程'), ('telecom', 0, '光纖管道新設'),
  ('telecom', 1, '電信人孔改善'), ('telecom', 2, '用戶線路引接'),
  ('water', 0, '自來水管線汰換'), ('water', 1, '漏水搶修'),
  ('water', 2, '用戶接水工程'), ('gas', 0, '天然氣管線延伸'),
  ('gas', 1, '瓦斯管線漏氣搶修'), ('gas', 2, '用戶供氣管接管'),
  ('sewer', 0, '污水下水道用戶接管'), ('sewer', 1, '污水幹管推進'),
  ('sewer', 2, '人孔調整'), ('oil', 0, '輸油管線檢修'),
  ('oil', 1, '管線防蝕改善'), ('oil', 2, '閥室改善'),
  ('street_light', 0, '路燈電纜更新'), ('street_light', 1, '路燈基座新設'),
  ('street_light', 2, '路燈故障搶修'), ('traffic_signal', 0, '號誌管線新設'),
  ('traffic_signal', 1, '偵測器埋設'), ('traffic_signal', 2, '號誌搶修'),
  ('cable_tv', 0, '有線電視纜線地下化'), ('cable_tv', 1, '纜線汰換'),
  ('cable_tv', 2, '用戶引接'), ('other', 0, '捷運管線遷移'),
  ('other', 1, '地質鑽探'), ('other', 2, '監測井設置');

CREATE TEMP TABLE demo_contractors2 (c int, name text) ON COMMIT DROP;
INSERT INTO demo_contractors2 VALUES
  (0, '南展工程有限公司'), (1, '大旺管線工程有限公司'), (2, '永豐水電工程行'),
  (3, '宏昇土木包工業'), (4, '港都管線工程股份有限公司'), (5, '立群營造股份有限公司'),
  (6, '高屏水電工程行'), (7, '德興營造有限公司'), (8, '巨原電機工程有限公司'),
  (9, '協益土木包工業'), (10, '東昇機電工程有限公司'), (11, '恆達管線有限公司');

CREATE TEMP TABLE demo_permits ON COMMIT DROP AS
WITH shares AS (
  SELECT da.*, a.id AS agency_id,
         sum(share) OVER (ORDER BY da.code) - share AS lo,
         sum(share) OVER (ORDER BY da.code) AS hi, sum(share) OVER () AS total
  FROM demo_agencies da JOIN pipeline_agencies a ON a.code = da.code
),
draws AS MATERIALIZED (
  SELECT n, random() AS pick, random() AS street_pick, random() AS along,
         random() AS shape, random() AS cat, random() AS start_pick,
         random() AS dur, random() AS ext, random() AS hours, random() AS stat,
         random() AS side, floor(random() * 3)::int AS purpose,
         floor(random() * 12)::int AS contractor,
         (10000000 + floor(random() * 89999999))::int AS phone
  FROM generate_series(1, 3000) AS n
),
streets AS (SELECT count(*) AS n FROM demo_streets WHERE line IS NOT NULL)
SELECT d.*, sh.code, sh.agency_id, sh.prefix, sh.pipeline_type,
       st.work_id, st.road_names, st.district_code, st.line, st.period AS work_period
FROM draws d
JOIN shares sh ON d.pick * sh.total >= sh.lo AND d.pick * sh.total < sh.hi
CROSS JOIN streets c
JOIN demo_streets st ON st.s = (SELECT s FROM demo_streets WHERE line IS NOT NULL
                                ORDER BY s OFFSET floor(d.street_pick * c.n)::int LIMIT 1);

CREATE TEMP TABLE demo_permits_out (
  n int, permit_no text, agency text, pipeline_type pipeline_type,
  category permit_category, purpose text, contractor text,
  contractor_phone text, road_names text[], district_code text,
  geom geometry, approved_period tstzrange, extension_period tstzrange,
  work_start time, work_end time, dug_carriageway_m numeric,
  dug_sidewalk_m numeric, dug_other_m numeric, source_key text,
  status permit_status DEFAULT 'applied', period tstzrange)
  ON COMMIT DROP;
INSERT INTO demo_permits_out (
  n, permit_no, agency, pipeline_type, category, purpose, contractor,
  contractor_phone, road_names, district_code, geom, approved_period,
  extension_period, work_start, work_end, dug_carriageway_m,
  dug_sidewalk_m, dug_other_m, source_key)
SELECT t.n,
  -- K11500027 for most; twelve digits for the water company's newer
  -- numbers.
  CASE WHEN t.code = 'DEMO-TWC' AND t.n % 3 = 0
       THEN format('%s%s%s', to_char(lower(t.approved) AT TIME ZONE 'Asia/Taipei', 'YYYY')::int - 1911,
                   '07', lpad(t.n::text, 7, '0'))
       ELSE format('%s%s%s', t.prefix,
                   to_char(lower(t.approved) AT TIME ZONE 'Asia/Taipei', 'YYYY')::int - 1911,
                   lpad(t.n::text, 5, '0')) END,
  t.code, t.pipeline_type, t.category, p.purpose, c.name,
  '09' || lpad((t.phone % 100000000)::text, 8, '0'),
  t.road_names, t.district_code, ST_Transform(t.g, 4326), t.approved,
  t.extension, t.work_start, t.work_end,
  round((ST_Length(t.g) + sqrt(ST_Area(t.g)) + 3)::numeric, 1),
  CASE WHEN t.side < 0.3 THEN round((t.side * 20)::numeric, 1) ELSE 0 END,
  0, 'demo-' || t.n
FROM (
  SELECT dp.*,
         (CASE WHEN cat < 0.15 THEN 'emergency' WHEN cat < 0.5 THEN 'planned'
               ELSE 'general' END)::permit_category AS category,
         -- A point (one work area), a trench line or a pit polygon on the
         -- street.
         CASE
           WHEN shape < 0.6 THEN ST_LineInterpolatePoint(line, along)
           WHEN shape < 0.9 THEN ST_LineSubstring(line, least(along, 0.7),
                                                  least(along, 0.7) + 0.3)
           ELSE ST_Buffer(ST_LineInterpolatePoint(line, along), 3 + side * 6,
                          'quad_segs=2')
         END AS g,
         tstzrange(s0 AT TIME ZONE 'Asia/Taipei',
                   (s0 + make_interval(days => days)) AT TIME ZONE 'Asia/Taipei') AS approved,
         CASE WHEN ext < 0.12 THEN
           tstzrange((s0 + make_interval(days => days)) AT TIME ZONE 'Asia/Taipei',
                     (s0 + make_interval(days => days + 3 + floor(ext * 100)::int))
                       AT TIME ZONE 'Asia/Taipei') END AS extension,
         CASE WHEN hours < 0.55 THEN time '09:00' WHEN hours < 0.7 THEN time '22:00' END AS work_start,
         CASE WHEN hours < 0.55 THEN time '16:00' WHEN hours < 0.7 THEN time '05:00' END AS work_end
  FROM (
    SELECT dp.*,
           -- Near a third are dug at the time of the work on their street
           -- (coordination cases), the rest from 200 days ago to 140 ahead.
           CASE WHEN n % 3 = 0 AND work_period IS NOT NULL
                THEN date_trunc('day', lower(work_period) AT TIME ZONE 'Asia/Taipei')
                       + make_interval(days => floor(start_pick * 10)::int)
                ELSE date_trunc('day', now() AT TIME ZONE 'Asia/Taipei')
                       + make_interval(days => floor(-200 + start_pick * 340)::int) END AS s0,
           CASE WHEN cat < 0.15 THEN 1 + floor(dur * 3)::int
                ELSE 3 + floor(dur * dur * 60)::int END AS days
    FROM demo_permits dp
  ) dp
) t
JOIN demo_purposes p ON p.t = t.pipeline_type AND p.i = t.purpose
JOIN demo_contractors2 c ON c.c = t.contractor
WHERE t.g IS NOT NULL AND NOT ST_IsEmpty(t.g);

-- Statuses along the lifecycle, by where the period stands today.
UPDATE demo_permits_out SET period = CASE
  WHEN extension_period IS NULL THEN approved_period
  ELSE range_merge(approved_period, extension_period) END;
UPDATE demo_permits_out SET status = 'approved'
WHERE upper(period) <= now() OR hashtext(source_key) % 10 <> 0;
UPDATE demo_permits_out SET status = 'rejected'
WHERE status = 'applied' AND lower(period) <= now();
UPDATE demo_permits_out SET status = 'in_progress'
WHERE status = 'approved' AND lower(period) <= now()
  AND abs(hashtext(source_key)) % 50 <> 1;
UPDATE demo_permits_out SET status = 'cancelled'
WHERE status = 'approved' AND lower(period) <= now();
UPDATE demo_permits_out SET status = 'backfilled'
WHERE status = 'in_progress' AND upper(period) <= now();
UPDATE demo_permits_out SET status = 'completed'
WHERE status = 'backfilled' AND upper(period) <= now() - interval '14 days';

-- No-dig zones: streets the demo resurfacing works finished within the
-- last year are closed to digging for a year from then.
CREATE TEMP TABLE demo_zones (zone_no text, reason text,
  description_zh text, description_en text, road_names text[],
  district_code text, geom geometry, period tstzrange, work_start time,
  work_end time, authority_zh text, authority_en text,
  authority_phone text, source_key text) ON COMMIT DROP;
INSERT INTO demo_zones (zone_no, reason, description_zh, description_en,
                        road_names, district_code, geom, period,
                        authority_zh, authority_en, authority_phone,
                        source_key)
SELECT format('ND-%s-%s', to_char(upper(w.period) AT TIME ZONE 'Asia/Taipei', 'YYYY'),
              lpad(split_part(w.source_key, '-', 2), 4, '0')),
       'resurfaced',
       format('%s 路面刨鋪完成未滿一年，禁止挖掘（緊急搶修除外）', w.road_names[1]),
       format('%s resurfaced: no digging for a year (emergency repairs excepted)',
              w.road_names[1]),
       w.road_names, w.district_code, w.geom,
       tstzrange(upper(w.period), upper(w.period) + interval '1 year'),
       '高雄市政府工務局養護工程處', 'Kaohsiung Maintenance Office', '07-7995678',
       'nodig-rw-' || split_part(w.source_key, '-', 2)
FROM road_works w
WHERE w.source = 'demo' AND w.deleted_at IS NULL AND w.status = 'completed'
  AND w.title LIKE '%刨鋪%' AND upper(w.period) > now() - interval '1 year';

INSERT INTO demo_zones
SELECT format('ND-EV-%s', n), reason, zh, en, ARRAY[road],
       s.district_code, ST_Transform(ST_Buffer(s.line, 8), 4326),
       tstzrange((date_trunc('day', now() AT TIME ZONE 'Asia/Taipei') + make_interval(days => d0))
                   AT TIME ZONE 'Asia/Taipei',
                 (date_trunc('day', now() AT TIME ZONE 'Asia/Taipei') + make_interval(days => d0 + len))
                   AT TIME ZONE 'Asia/Taipei'),
       ws, we, auth_zh, auth_en, phone, 'nodig-ev-' || n
FROM (VALUES
  (1, 'event', '跨年活動管制，禁止挖掘', 'New Year''s Eve event: no digging', 12, 3, NULL::time, NULL::time,
   '高雄市政府觀光局', 'Kaohsiung Tourism Bureau', '07-7995678'),
  (2, 'event', '高雄馬拉松路線，活動期間禁止挖掘', 'Kaohsiung Marathon route: no digging', 30, 2, NULL, NULL,
   '高雄市政府運動發展局', 'Kaohsiung Sports Development Bureau', '07-5556666'),
  (3, 'event', '夜市營業時段禁止施工', 'Night market hours: no digging', -30, 365, time '17:00', time '01:00',
   '高雄市政府經濟發展局', 'Kaohsiung Economic Development Bureau', '07-3368333'),
  (4, 'protected_pavement', '特色鋪面路段，挖掘須專案核准', 'Protected decorative pavement', -100, 720, NULL, NULL,
   '高雄市政府工務局養護工程處', 'Kaohsiung Maintenance Office', '07-7995678'),
  (5, 'protected_pavement', '歷史街區石板鋪面', 'Historic stone pavement', -300, 1500, NULL, NULL,
   '高雄市政府文化局', 'Kaohsiung Cultural Affairs Bureau', '07-2225136'),
  (6, 'other', '邊坡監測範圍，暫停挖掘', 'Slope monitoring area: digging suspended', -10, 60, NULL, NULL,
   '高雄市政府工務局新建工程處', 'Kaohsiung New Construction Office', '07-3373000')
) AS v(n, reason, zh, en, d0, len, ws, we, auth_zh, auth_en, phone)
JOIN LATERAL (
  SELECT line, district_code, road_names[1] AS road FROM demo_streets
  WHERE line IS NOT NULL AND ST_Length(line) > 100
  ORDER BY hashtext(n || '/' || s) LIMIT 1) s ON true;

-- The feeds. Times as Taipei times with their offset.
CREATE FUNCTION pg_temp.demo_iso(t timestamptz) RETURNS text
  LANGUAGE sql AS $$
    SELECT to_char(t AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD"T"HH24:MI:SS')
           || '+08:00' $$;
-- ROC dates as Kaohsiung's dig cases write them: 115/08/10, the last day.
CREATE FUNCTION pg_temp.demo_roc(t timestamptz) RETURNS text
  LANGUAGE sql AS $$
    SELECT (extract(year FROM t AT TIME ZONE 'Asia/Taipei')::int - 1911)
           || to_char(t AT TIME ZONE 'Asia/Taipei', '/MM/DD') $$;

\pset tuples_only on
\pset format unaligned
\set networks_file :outdir '/demo-networks.geojson'
\o :networks_file
SELECT '{"type": "FeatureCollection", "features": [' ||
  coalesce(string_agg(json_build_object(
    'type', 'Feature',
    'properties', json_build_object(
      'id', source_key, 'agency', agency, 'name', name, 'kind', kind,
      'width_m', width_m),
    'geometry', ST_AsGeoJSON(geom, 7)::json)::text, E',\n'
    ORDER BY source_key), '') || ']}'
FROM demo_networks;

\set permits_file :outdir '/demo-permits.geojson'
\o :permits_file
SELECT '{"type": "FeatureCollection", "features": [' ||
  coalesce(string_agg(json_build_object(
    'type', 'Feature',
    'properties', json_build_object(
      'id', source_key, 'permit_no', permit_no, 'agency', agency,
      'pipeline_type', pipeline_type, 'category', category,
      'purpose', purpose, 'contractor', contractor,
      'contractor_phone', contractor_phone,
      'road_names', array_to_string(road_names, '、'),
      'approved_start', pg_temp.demo_iso(lower(approved_period)),
      'approved_end', pg_temp.demo_iso(upper(approved_period)),
      'extension_start', pg_temp.demo_iso(lower(extension_period)),
      'extension_end', pg_temp.demo_iso(upper(extension_period)),
      'work_start', work_start, 'work_end', work_end, 'status', status,
      'dug_carriageway_m', dug_carriageway_m,
      'dug_sidewalk_m', dug_sidewalk_m, 'dug_other_m', dug_other_m),
    'geometry', ST_AsGeoJSON(geom, 7)::json)::text, E',\n'
    ORDER BY n), '') || ']}'
FROM demo_permits_out WHERE n % 20 <> 0;

-- Kaohsiung's dig-case layout: what the XML would say of the others.
\set dig_file :outdir '/demo-dig.xml'
\o :dig_file
SELECT '<?xml version="1.0" encoding="UTF-8"?>' || E'\n' ||
  xmlelement(name "DigCaseInfos", xmlagg(xmlelement(name "DigCaseInfo",
    xmlelement(name "AREA", d.name_zh),
    -- The numbers keep the cases' keys (company, location, start) apart.
    xmlelement(name "LOCATION", d.name_zh || array_to_string(p.road_names, '與')
               || CASE WHEN cardinality(p.road_names) > 1 THEN '口旁' ELSE '' END
               || format('%s號前', p.n / 20)),
    xmlelement(name "COMPANY", a.name_zh),
    xmlelement(name "REASON", p.purpose),
    xmlelement(name "DATE_DIG_S", pg_temp.demo_roc(lower(p.approved_period))),
    xmlelement(name "DATE_DIG_E",
               pg_temp.demo_roc(upper(p.approved_period) - interval '1 day')),
    xmlelement(name "DATE_EXT_S", pg_temp.demo_roc(lower(p.extension_period))),
    xmlelement(name "DATE_EXT_E",
               pg_temp.demo_roc(upper(p.extension_period) - interval '1 day')),
    xmlelement(name "RESULT", CASE p.status
      WHEN 'applied' THEN '審查中' WHEN 'approved' THEN '核准'
      WHEN 'in_progress' THEN '施工中' WHEN 'backfilled' THEN '已回填'
      WHEN 'completed' THEN '完工' WHEN 'rejected' THEN '駁回'
      WHEN 'cancelled' THEN '撤銷' ELSE '廢止' END))
    ORDER BY p.n))::text
FROM demo_permits_out p
JOIN pipeline_agencies a ON a.code = p.agency
JOIN districts d ON d.code = p.district_code
WHERE p.n % 20 = 0;

\set nodig_file :outdir '/demo-nodig.geojson'
\o :nodig_file
SELECT '{"type": "FeatureCollection", "features": [' ||
  coalesce(string_agg(json_build_object(
    'type', 'Feature',
    'properties', json_build_object(
      'id', source_key, 'zone_no', zone_no, 'reason', reason,
      'description_zh', description_zh, 'description_en', description_en,
      'road_names', array_to_string(road_names, '、'),
      'start', pg_temp.demo_iso(lower(period)),
      'end', pg_temp.demo_iso(upper(period)),
      'work_start', work_start, 'work_end', work_end,
      'authority_zh', authority_zh, 'authority_en', authority_en,
      'authority_phone', authority_phone),
    'geometry', ST_AsGeoJSON(geom, 7)::json)::text, E',\n'
    ORDER BY source_key), '') || ']}'
FROM demo_zones;
\o
COMMIT;
ANALYZE pipeline_agencies;
