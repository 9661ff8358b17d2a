-- Building licenses (執照): building (建造), use (使用), miscellaneous works
-- (雜項) and demolition (拆除) licenses, with their addresses (門牌), land
-- parcels (地段/地號), parties, and floor summary (樓層概要).
--
-- A license's lists are JSONB arrays on its row, written whole by
-- pwis-import (importers/licenses_target.cc): one row per license keeps
-- the upsert's change test and the search columns simple. The search
-- columns are generated here from those arrays by the same SQL functions
-- the queries use on the caller's text, so a stored address and a typed
-- one fold alike whoever wrote the row.

CREATE TYPE license_kind AS ENUM
  ('building', 'use', 'miscellaneous', 'demolition');

-- Text as people type it, folded for substring search: full-width letters,
-- digits and signs to ASCII, 台 to 臺, lower case, no spaces.
CREATE FUNCTION pwis_text_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT lower(regexp_replace(
      translate(t,
        '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ（）－，．／台',
        '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz()-,./臺'),
      '[\s　]+', '', 'g'))
  $$;

-- 1..99 written in Chinese numerals (一, 十, 十二, 二十, 二十五, 〇 as 0).
CREATE FUNCTION pwis_cn_numeral(t text) RETURNS integer
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
DECLARE
  digits constant text := '〇一二三四五六七八九';
  tens integer := 0;
  ones integer := 0;
  p integer;
BEGIN
  p := position('十' IN t);
  IF p > 0 THEN
    tens := CASE WHEN p = 1 THEN 1
                 ELSE position(substr(t, 1, 1) IN digits) - 1 END;
    t := substr(t, p + 1);
  END IF;
  IF t <> '' THEN
    ones := position(substr(t, 1, 1) IN digits) - 1;
  END IF;
  RETURN tens * 10 + ones;
END $$;

-- An address (門牌) folded for matching: pwis_text_fold, the city left
-- out, the village (里) after the district and the neighbourhood (鄰) left
-- out (people seldom type them; 苓雅區林德里5鄰四維三路2號 is found by
-- 苓雅區四維三路2號), Chinese numerals before 段/小段/巷/弄/樓 as digits
-- (四維三路 keeps its name), 之 and dashes as "-", 2號之1 as 2-1號, 5F as
-- 5樓.
CREATE FUNCTION pwis_address_fold(t text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
DECLARE
  m text[];
BEGIN
  t := pwis_text_fold(t);
  t := regexp_replace(t, '^(高雄市|高雄縣)', '');
  t := translate(t, '之‐‑–—―', '------');
  LOOP
    m := regexp_match(t, '([〇一二三四五六七八九十]{1,3})(段|小段|巷|弄|鄰|樓)');
    EXIT WHEN m IS NULL;
    t := regexp_replace(t, m[1] || m[2], pwis_cn_numeral(m[1]) || m[2]);
  END LOOP;
  t := regexp_replace(t, '區[^0-9路街道巷弄號段區]{1,3}里', '區');
  t := regexp_replace(t, '[0-9]+鄰', '', 'g');
  t := regexp_replace(t, '([0-9]+)號-([0-9]+)', '\1-\2號', 'g');
  t := regexp_replace(t, '([0-9]+)f', '\1樓', 'g');
  RETURN t;
END $$;

-- A land parcel (地號) as one key: the folded section name (地段, with its
-- 小段), the mother and the child number, e.g. "苓雅段:0123-0004".
CREATE FUNCTION pwis_parcel_key(section text, mother integer, child integer)
  RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT pwis_address_fold(coalesce(section, '')) || ':' ||
           lpad(coalesce(mother, 0)::text, 4, '0') || '-' ||
           lpad(coalesce(child, 0)::text, 4, '0')
  $$;

-- The generated search columns, from the license's arrays.
CREATE FUNCTION pwis_license_address_text(addresses jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(string_agg(pwis_address_fold(a->>'text'), ' | '), '')
    FROM jsonb_array_elements(addresses) a
  $$;

CREATE FUNCTION pwis_license_parcel_keys(parcels jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(pwis_parcel_key(p->>'section',
                                              (p->>'mother')::integer,
                                              (p->>'child')::integer)),
                    '{}')
    FROM jsonb_array_elements(parcels) p
  $$;

-- Only the parties' public names are searchable: a search must not find a
-- license by a person's full name that no answer shows.
CREATE FUNCTION pwis_license_search_text(license_no text, project_name text,
                                         parties jsonb, addresses jsonb)
  RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT pwis_text_fold(concat_ws(' | ', license_no, project_name,
             (SELECT string_agg(concat_ws(' ', p->>'public_name',
                                          p->>'office'), ' | ')
              FROM jsonb_array_elements(parties) p)))
           || ' | ' || pwis_license_address_text(addresses)
  $$;

CREATE FUNCTION pwis_license_uses_text(uses text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT pwis_text_fold(array_to_string(uses, ' | ')) $$;

-- Every party has a role and a public name; a person's phone or address
-- has no key to be kept under.
CREATE FUNCTION pwis_license_parties_ok(parties jsonb) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT jsonb_typeof(parties) = 'array' AND NOT EXISTS (
      SELECT 1 FROM jsonb_array_elements(parties) p
      WHERE jsonb_typeof(p) <> 'object'
         OR NOT (p->>'role' IN ('owner', 'designer', 'supervisor', 'builder'))
         OR coalesce(p->>'name', '') = ''
         OR coalesce(p->>'public_name', '') = ''
         OR p ?| ARRAY['phone', 'address', 'id_no'])
  $$;

-- The day a license was issued as a number for the search order (latest
-- first, undated last): days since 1900-01-01, -1 when unknown.
CREATE FUNCTION pwis_license_day(issued date) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(issued - DATE '1900-01-01', -1) $$;

CREATE TABLE building_licenses (
  id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  -- As the source wrote it, and the bureau's form (the lookup key).
  license_no      text NOT NULL,
  license_key     text NOT NULL CHECK (license_key <> ''),
  roc_year        smallint NOT NULL CHECK (roc_year BETWEEN 1 AND 300),
  kind            license_kind NOT NULL,
  sequence        integer NOT NULL CHECK (sequence BETWEEN 1 AND 99999),
  -- 0: the original; 1..99: its amendments (變更, -01 ...).
  version         smallint NOT NULL DEFAULT 0 CHECK (version BETWEEN 0 AND 99),
  -- A use license's building license, in the bureau's form.
  building_license_key text NOT NULL DEFAULT '',
  project_name    text NOT NULL DEFAULT '',
  issue_date      date,
  start_date      date,
  completion_date date,
  district_code   text NOT NULL REFERENCES districts (code),
  zoning          text NOT NULL DEFAULT '',
  structure       text NOT NULL DEFAULT '',
  uses            text[] NOT NULL DEFAULT '{}',
  building_count  integer CHECK (building_count >= 0),
  unit_count      integer CHECK (unit_count >= 0),
  floors_above    smallint CHECK (floors_above BETWEEN 0 AND 200),
  floors_below    smallint CHECK (floors_below BETWEEN 0 AND 20),
  height_m        numeric(8, 2) CHECK (height_m >= 0),
  site_area_m2    numeric(14, 2) CHECK (site_area_m2 >= 0),
  building_area_m2 numeric(14, 2) CHECK (building_area_m2 >= 0),
  total_floor_area_m2 numeric(14, 2) CHECK (total_floor_area_m2 >= 0),
  parking_spaces  integer CHECK (parking_spaces >= 0),
  construction_cost_twd bigint CHECK (construction_cost_twd >= 0),
  -- [{text, district, village, neighbourhood, road, section, lane, alley,
  --   number, floor}]
  addresses       jsonb NOT NULL DEFAULT '[]'
                  CHECK (jsonb_typeof(addresses) = 'array'),
  -- [{district, section, mother, child}]
  parcels         jsonb NOT NULL DEFAULT '[]'
                  CHECK (jsonb_typeof(parcels) = 'array'),
  -- [{role, name, public_name, organisation, office}]
  parties         jsonb NOT NULL DEFAULT '[]'
                  CHECK (pwis_license_parties_ok(parties)),
  -- [{floor, height_m, area_m2, use}]
  floors          jsonb NOT NULL DEFAULT '[]'
                  CHECK (jsonb_typeof(floors) = 'array'),
  geom            geometry(Point, 4326),
  geom_tm2        geometry(Point, 3826)
                  GENERATED ALWAYS AS (ST_Transform(geom, 3826)) STORED,
  address_text    text GENERATED ALWAYS AS
                    (pwis_license_address_text(addresses)) STORED,
  parcel_keys     text[] GENERATED ALWAYS AS
                    (pwis_license_parcel_keys(parcels)) STORED,
  search_text     text GENERATED ALWAYS AS
                    (pwis_license_search_text(license_no, project_name,
                                              parties, addresses)) STORED,
  uses_text       text GENERATED ALWAYS AS
                    (pwis_license_uses_text(uses)) STORED,
  source          text NOT NULL DEFAULT 'manual',
  source_key      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  deleted_at      timestamptz,
  imported_at     timestamptz,
  import_file     text,
  import_record   bigint CHECK (import_record > 0),
  CHECK ((kind = 'use') OR building_license_key = ''),
  CHECK (completion_date IS NULL OR start_date IS NULL
         OR completion_date >= start_date),
  UNIQUE (source, source_key)
);

CREATE UNIQUE INDEX building_licenses_key_idx
  ON building_licenses (license_key) WHERE deleted_at IS NULL;
-- Amendments of an original, and use licenses of a building license.
CREATE INDEX building_licenses_number_idx
  ON building_licenses (kind, roc_year, sequence, version);
CREATE INDEX building_licenses_building_idx
  ON building_licenses (building_license_key) WHERE building_license_key <> '';
CREATE INDEX building_licenses_issue_idx
  ON building_licenses (pwis_license_day(issue_date) DESC, id)
  WHERE deleted_at IS NULL;
CREATE INDEX building_licenses_district_idx
  ON building_licenses (district_code, pwis_license_day(issue_date) DESC, id)
  WHERE deleted_at IS NULL;
CREATE INDEX building_licenses_geom_tm2_idx
  ON building_licenses USING gist (geom_tm2);
CREATE INDEX building_licenses_search_trgm_idx
  ON building_licenses USING gin (search_text gin_trgm_ops);
CREATE INDEX building_licenses_address_trgm_idx
  ON building_licenses USING gin (address_text gin_trgm_ops);
CREATE INDEX building_licenses_parcels_idx
  ON building_licenses USING gin (parcel_keys);
CREATE INDEX building_licenses_updated_idx ON building_licenses (updated_at);

CREATE TRIGGER building_licenses_touch BEFORE UPDATE ON building_licenses
  FOR EACH ROW EXECUTE FUNCTION pwis_touch_updated_at();
SELECT pwis_announce_changes('building_licenses');
