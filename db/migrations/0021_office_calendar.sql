-- The government offices' working calendar (政府行政機關辦公日曆表): which
-- days the bureau works, so that a case's statutory working days skip
-- public holidays and their substitute days (補假) and count make-up
-- working Saturdays (補班). The Directorate-General of Personnel
-- Administration publishes each year's calendar as a CSV (西元日期, 星期,
-- 是否放假, 備註), loaded by pwis-import's `dgpa-calendar-csv` profile; a
-- day the city closes its offices (a typhoon day) is one more row.
-- A year without any row is not known: its days follow Monday to Friday
-- and schedules that reach into it say so (Case.expected_date_provisional).
CREATE TABLE office_calendar (
  day           date PRIMARY KEY
                CHECK (day BETWEEN DATE '1912-01-01' AND DATE '2200-12-31'),
  day_off       boolean NOT NULL,
  note          text NOT NULL DEFAULT '' CHECK (octet_length(note) <= 600),
  source        text NOT NULL DEFAULT 'manual',
  source_key    text,
  imported_at   timestamptz,
  import_file   text,
  import_record bigint CHECK (import_record > 0)
);
CREATE UNIQUE INDEX office_calendar_source_key
  ON office_calendar (source, source_key) WHERE source_key IS NOT NULL;
SELECT pwis_announce_changes('office_calendar');
