-- Personal phone numbers that feeds carry (a site manager's mobile): kept
-- for the bureau's staff, never served. pwis-import puts a mobile number
-- here instead of contact_phone, which every answer shows; no query of the
-- services reads this column.
ALTER TABLE road_works
  ADD COLUMN restricted_phone text NOT NULL DEFAULT '';
COMMENT ON COLUMN road_works.restricted_phone IS
  'personal phone (restricted): never in a public response';
COMMENT ON COLUMN excavation_permits.contractor_phone IS
  'contractor''s phone (restricted): never in a public response';
