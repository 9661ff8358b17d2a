-- Generated road works in an agency's export layout, for bench/import:
--   psql -At -v n=1000000 -v format=geojson|csv -f bench/import_feed.sql
-- prints a GeoJSON FeatureCollection (one feature per line) or a CSV with a
-- WKT column. Lines of 50-500 m on a 250 m street grid of the urban core
-- (as bench/digsite_data.sql), ROC and Gregorian dates mixed, as feeds
-- write them. Deterministic; no table is written.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SELECT setseed(0.42) \gset
CREATE TEMP VIEW feed AS
SELECT n, 'B-' || n AS id, 'KH' || lpad(n::text, 9, '0') AS permit_number,
       '效能測試工程 第' || n || '件' AS title,
       (ARRAY['中山二路', '四維三路', '五福三路', '民族一路', '建國三路',
              '九如一路', '博愛二路', '自由二路'])[1 + n % 8] AS road,
       CASE WHEN n % 2 = 0
            THEN (extract(year FROM s)::int - 1911) || to_char(s, '/MM/DD')
            ELSE to_char(s, 'YYYY-MM-DD') END AS start,
       CASE WHEN n % 2 = 0
            THEN (extract(year FROM e)::int - 1911) || to_char(e, '/MM/DD')
            ELSE to_char(e, 'YYYY-MM-DD') END AS "end",
       '測試營造有限公司' AS contractor,
       round(ST_X(a)::numeric, 7) AS x1, round(ST_Y(a)::numeric, 7) AS y1,
       round(ST_X(b)::numeric, 7) AS x2, round(ST_Y(b)::numeric, 7) AS y2
FROM (
  SELECT n, s, s + (1 + n % 90) * interval '1 day' AS e,
         ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 3826), 4326) AS a,
         ST_Transform(ST_SetSRID(ST_MakePoint(
             x + CASE WHEN n % 2 = 0 THEN len ELSE 0 END,
             y + CASE WHEN n % 2 = 0 THEN 0 ELSE len END), 3826), 4326) AS b
  FROM (SELECT n, 50 + random() * 450 AS len,
               175000 + random() * 10200 AS x, 2498000 + random() * 13200 AS y,
               date '2026-01-01' + (random() * 700)::int AS s
        FROM generate_series(1, :n) n) g
) q;

\if :{?format}
\else
\set format geojson
\endif
SELECT :'format' = 'csv' AS csv \gset
\if :csv
SELECT 'id,permit_number,title,road_names,start,end,contractor,wkt';
SELECT concat_ws(',', id, permit_number, title, road, start, "end", contractor,
                 '"LINESTRING (' || x1 || ' ' || y1 || ', ' || x2 || ' ' || y2 || ')"')
FROM feed ORDER BY n;
\else
SELECT '{"type":"FeatureCollection","features":[';
SELECT '{"type":"Feature","properties":{"id":"' || id || '","permit_number":"'
       || permit_number || '","title":"' || title || '","road_names":"' || road
       || '","start":"' || start || '","end":"' || "end" || '","contractor":"'
       || contractor || '"},"geometry":{"type":"LineString","coordinates":[['
       || x1 || ',' || y1 || '],[' || x2 || ',' || y2 || ']]}}'
       || CASE WHEN n < :n THEN ',' ELSE '' END
FROM feed ORDER BY n;
SELECT ']}';
\endif
