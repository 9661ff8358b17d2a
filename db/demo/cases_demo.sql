-- Generates the application-case demo set (案件進度) as the bureau's case
-- feed (importers/profiles/generic-cases-json.textproto):
--   :outdir/demo-cases.json
-- About 600 cases received in the eight months to November 2026, 75 in each status
-- (received, in review, correction required, resubmitted, approved,
-- license issued, rejected, withdrawn), of every kind, on the demo
-- districts' streets, with their timelines; correction requests list
-- their documents. The reviewing units are registered here in SQL.
-- Check codes are derived from the case number (demo only:
-- upper(substr(md5('pwis-demo-' || case_no), 1, 10))), so the README can
-- show a lookup; real check codes are random and kept only as hashes.
BEGIN;
SET LOCAL client_min_messages = warning;
\ir demo_areas.sql
SELECT setseed(0.1202);

INSERT INTO review_units (code, name_zh, name_en, public_phone) VALUES
  ('KCG-CB-LIC', '高雄市政府工務局建築管理處 建照科',
   'Building Licensing Section, Construction Management Office',
   '07-3368333#3301'),
  ('KCG-CB-USE', '高雄市政府工務局建築管理處 使用管理科',
   'Use Licensing Section, Construction Management Office',
   '07-3368333#3501'),
  ('KCG-CB-CON', '高雄市政府工務局建築管理處 施工科',
   'Construction Supervision Section, Construction Management Office',
   '07-3368333#3401')
ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh,
  name_en = EXCLUDED.name_en, public_phone = EXCLUDED.public_phone;

CREATE FUNCTION pg_temp.iso(t timestamptz) RETURNS text
  LANGUAGE sql AS $$ SELECT to_char(t AT TIME ZONE 'Asia/Taipei',
                                    'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') $$;

CREATE TEMP TABLE demo_case_places ON COMMIT DROP AS
SELECT d.name_zh AS district, a.roads, row_number() OVER () AS k
FROM demo_areas a JOIN districts d ON d.name_zh = a.name_zh;

-- Each case's path through the lifecycle up to its final status.
CREATE TEMP TABLE demo_cases ON COMMIT DROP AS
SELECT n,
       (ARRAY['received', 'in_review', 'correction_required', 'resubmitted',
              'approved', 'license_issued', 'rejected',
              'withdrawn'])[1 + n % 8] AS final,
       (ARRAY['new_building', 'new_building', 'amendment', 'use_license',
              'start_report', 'stage_inspection', 'miscellaneous'])[1 + n % 7]
         AS kind,
       -- A fixed day, not now(): a case's timeline may only grow, so the
       -- same feed must come out of every run.
       timestamptz '2026-11-30 09:00+08' - (5 + (n * 7919) % 235) * interval '1 day'
         - (n % 9) * interval '1 hour' AS received_at,
       (SELECT p FROM demo_case_places p
        WHERE p.k = 1 + n % (SELECT count(*) FROM demo_case_places)) AS place
FROM generate_series(1, 600) n;

CREATE FUNCTION pg_temp.steps(final text, kind text) RETURNS text[]
  LANGUAGE sql AS $$
    SELECT CASE final
      WHEN 'received' THEN '{received}'
      WHEN 'in_review' THEN '{received,in_review}'
      WHEN 'correction_required' THEN '{received,in_review,correction_required}'
      WHEN 'resubmitted' THEN '{received,in_review,correction_required,resubmitted}'
      WHEN 'approved' THEN '{received,in_review,correction_required,resubmitted,in_review,approved}'
      WHEN 'license_issued' THEN
        CASE WHEN kind IN ('start_report', 'stage_inspection')
             THEN '{received,in_review,approved}'
             ELSE '{received,in_review,approved,license_issued}' END
      WHEN 'rejected' THEN '{received,in_review,correction_required,rejected}'
      ELSE '{received,in_review,withdrawn}' END::text[] $$;

\pset tuples_only on
\pset format unaligned
\set cases_file :outdir '/demo-cases.json'
\o :cases_file
SELECT '[' || string_agg(json_build_object(
  'case_no', c.no,
  'check_code', upper(substr(md5('pwis-demo-' || c.no), 1, 10)),
  'kind', c.kind,
  'project_name', (c.place).district || (c.place).roads[1 + c.n % cardinality((c.place).roads)]
                  || CASE c.kind WHEN 'use_license' THEN '使用執照申請'
                                 WHEN 'start_report' THEN '開工申報'
                                 WHEN 'stage_inspection' THEN '施工勘驗'
                                 WHEN 'miscellaneous' THEN '雜項工程'
                                 WHEN 'amendment' THEN '變更設計'
                                 ELSE '新建工程' END,
  'site_address', (c.place).district || (c.place).roads[1 + c.n % cardinality((c.place).roads)]
                  || (1 + c.n % 300) || '號',
  'district', (c.place).district,
  'unit', CASE c.kind WHEN 'use_license' THEN 'KCG-CB-USE'
                      WHEN 'start_report' THEN 'KCG-CB-CON'
                      WHEN 'stage_inspection' THEN 'KCG-CB-CON'
                      ELSE 'KCG-CB-LIC' END,
  'received_date', to_char(c.received_at AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD'),
  'statutory_days', CASE c.kind WHEN 'new_building' THEN 30 WHEN 'amendment' THEN 20
                                WHEN 'use_license' THEN 30 ELSE 10 END,
  -- The applicant, as a real feed would carry them: never loaded.
  'applicant', '申請人' || c.n, 'applicant_phone', '09' || lpad((c.n * 7393)::text, 8, '0'),
  'events', (
    SELECT json_agg(json_build_object(
      'status', s,
      'at', pg_temp.iso(c.received_at + (i - 1) * (2 + c.n % 5) * interval '1 day'),
      'note_zh', CASE s WHEN 'correction_required' THEN '請於30日內一次補正下列文件'
                        WHEN 'rejected' THEN '逾期未補正，依法駁回'
                        WHEN 'withdrawn' THEN '申請人申請撤回' ELSE '' END,
      'note_en', CASE s WHEN 'correction_required' THEN 'Please send all of these within 30 days'
                        WHEN 'rejected' THEN 'Rejected: not corrected in time'
                        WHEN 'withdrawn' THEN 'Withdrawn at the applicant''s request' ELSE '' END,
      'documents', CASE WHEN s = 'correction_required' THEN (
        SELECT json_agg(json_build_object('name_zh', d.zh, 'name_en', d.en,
                                          'reason_zh', d.rzh, 'reason_en', d.ren))
        FROM (VALUES
          ('土地使用權同意書', 'Land use consent', '缺土地所有權人簽章', 'The landowner''s seal is missing'),
          ('結構計算書', 'Structural calculations', '未經結構技師簽證', 'Not certified by a structural engineer'),
          ('建築線指示(定)圖', 'Building line map', '已逾有效期限', 'Expired'),
          ('地籍圖謄本', 'Cadastral map transcript', '未附', 'Not attached'),
          ('消防設備圖說', 'Fire equipment drawings', '與平面圖不符', 'Does not match the floor plans'))
          AS d(zh, en, rzh, ren), generate_series(1, 1) g
        WHERE (abs(hashtext(c.no || d.zh)) % 3) <> 0 OR d.zh = '地籍圖謄本')
        END) ORDER BY i)
    FROM unnest(pg_temp.steps(c.final, c.kind)) WITH ORDINALITY u(s, i))
  )::text, E',\n' ORDER BY c.n) || ']'
FROM (SELECT *, (extract(year FROM received_at AT TIME ZONE 'Asia/Taipei')::int - 1911)
                || CASE kind WHEN 'new_building' THEN 'BA' WHEN 'amendment' THEN 'BC'
                             WHEN 'use_license' THEN 'UA' WHEN 'start_report' THEN 'SR'
                             WHEN 'stage_inspection' THEN 'SI' ELSE 'MA' END
                || lpad(n::text, 5, '0') AS no
      FROM demo_cases) c;
\o
COMMIT;
