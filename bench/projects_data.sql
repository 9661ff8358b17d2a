-- bench/projects: 50,000 projects with 36 monthly reports each, made from
-- the demo's contracted projects (loaded through pwis-import by
-- scripts/demo-data): each copy keeps its model's unit, category, status,
-- site, districts and money, and is numbered KH-BENCH-00001 ..
-- KH-BENCH-50000 (bench/workload.h). Every copy's contract starts in late
-- 2023 and runs 30 to 53 months (finished ones end after their 36th
-- report); its reports are the month ends of its first 36 months, on the
-- demo's S-curve at a pace of 0.70 to 1.09 of plan. The reports' row
-- triggers (the series rules, the project's latest report, change
-- notices) are off while they are written, and the latest report is set
-- in one statement afterwards: the data is consistent by construction.
SET client_min_messages = warning;

CREATE TEMP TABLE models AS
SELECT row_number() OVER (ORDER BY id) AS m, p.*
FROM projects p
WHERE source = 'demo-projects' AND contract_start IS NOT NULL;

INSERT INTO projects (project_no, name_zh, name_en, unit_code, category,
  status, location, road_names, district_code, district_codes, geom,
  budget, contract_amount, contractor, supervisor, designer,
  contract_start, planned_completion, extension_days, actual_completion,
  source, source_key)
SELECT 'KH-BENCH-' || lpad(i::text, 5, '0'), m.name_zh, m.name_en,
       m.unit_code, m.category, m.status, m.location, m.road_names,
       m.district_code, m.district_codes, m.geom, m.budget,
       m.contract_amount, m.contractor, m.supervisor, m.designer,
       s.start, s.start + 900 + (i * 53) % 700,
       CASE WHEN i % 4 = 0 THEN 30 + i % 61 ELSE 0 END,
       CASE WHEN m.status IN ('completed', 'accepted')
            THEN (date_trunc('month', s.start) + interval '36 months'
                  - interval '1 day')::date END,
       'bench', 'bench-' || i
FROM generate_series(1, 50000) i
JOIN models m ON m.m = 1 + (i - 1) % (SELECT count(*) FROM models)
CROSS JOIN LATERAL (SELECT date '2023-10-01' + (i * 17) % 60 AS start) s;

ALTER TABLE project_progress_reports DISABLE TRIGGER USER;
INSERT INTO project_progress_reports (project_id, report_date, planned_pct,
  actual_pct, paid_amount, lag_reason, source)
SELECT p.id, r.day,
       round(100 * (3 * t.x ^ 2 - 2 * t.x ^ 3)::numeric, 2),
       round(100 * (3 * c.a ^ 2 - 2 * c.a ^ 3)::numeric, 2),
       round(p.contract_amount * (3 * c.a ^ 2 - 2 * c.a ^ 3) * 0.9)::bigint,
       CASE WHEN t.x - c.a > 0.05 THEN '管線遷移延宕' ELSE '' END, 'bench'
FROM projects p
CROSS JOIN LATERAL (
  SELECT (date_trunc('month', p.contract_start)
          + make_interval(months => k) - interval '1 day')::date AS day
  FROM generate_series(1, 36) k) r
CROSS JOIN LATERAL (
  SELECT least(1, greatest(0, (r.day - p.contract_start)::float8
                  / (coalesce(p.actual_completion, p.revised_completion)
                     - p.contract_start))) AS x,
         0.70 + (p.id % 40) / 100.0 AS pace) t
CROSS JOIN LATERAL (
  SELECT CASE WHEN p.actual_completion IS NOT NULL THEN t.x
              ELSE least(1, t.x * t.pace) END AS a) c
WHERE p.source = 'bench';
ALTER TABLE project_progress_reports ENABLE TRIGGER USER;

UPDATE projects p SET
  (report_date, planned_pct, actual_pct, paid_amount, lag_reason) =
  (l.report_date, l.planned_pct, l.actual_pct, l.paid_amount, l.lag_reason)
FROM (SELECT DISTINCT ON (project_id) * FROM project_progress_reports
      WHERE source = 'bench' ORDER BY project_id, report_date DESC) l
WHERE l.project_id = p.id;

VACUUM ANALYZE projects;
VACUUM ANALYZE project_progress_reports;
