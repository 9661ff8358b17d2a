-- PostGIS for geometry, pg_trgm for substring search on Chinese road names.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
