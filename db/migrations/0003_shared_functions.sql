-- SQL functions every domain's tables and queries share (see
-- gis/store/sql_fragments.h for the column conventions they serve).

-- Names (road names, ...) joined for trigram search; IMMUTABLE so it can back an index.
CREATE FUNCTION pwis_join_names(names text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_string(names, ' ') $$;

-- True iff local time t lies in the daily slot [ws, we); a slot whose end is
-- not after its start runs overnight.
CREATE FUNCTION pwis_hours_contain(ws time, we time, t time) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT ws IS NULL OR CASE WHEN ws < we THEN t >= ws AND t < we
                              ELSE t >= ws OR t < we END
  $$;

-- True iff some daily slot [ws, we) (Asia/Taipei) meets the span. Any span of
-- a day or more holds a whole slot, so only shorter spans are walked.
CREATE FUNCTION pwis_hours_meet(ws time, we time, span tstzrange)
  RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT NOT isempty(span) AND (
      ws IS NULL OR lower_inf(span) OR upper_inf(span)
      OR upper(span) - lower(span) >= interval '1 day'
      OR EXISTS (
        SELECT 1
        FROM generate_series(
               ((lower(span) AT TIME ZONE 'Asia/Taipei')::date - 1)::timestamp,
               ((upper(span) AT TIME ZONE 'Asia/Taipei')::date)::timestamp,
               interval '1 day') AS d(day)
        WHERE tstzrange(
                (d.day + ws) AT TIME ZONE 'Asia/Taipei',
                (d.day + we + CASE WHEN we <= ws THEN interval '1 day'
                                   ELSE interval '0' END)
                  AT TIME ZONE 'Asia/Taipei') && span))
  $$;

-- RFC 3339 in Taiwan's local offset (no DST since 1979), for GeoJSON output.
CREATE FUNCTION pwis_local_iso(t timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT to_char(t AT TIME ZONE 'Asia/Taipei',
                   'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')
  $$;

-- updated_at follows every change, so "changed since" feeds see it.
CREATE FUNCTION pwis_touch_updated_at() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
