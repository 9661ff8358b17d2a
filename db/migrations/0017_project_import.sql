-- pwis-import loads projects: the provenance every imported table keeps
-- (see 0009_import_provenance).
ALTER TABLE projects
  ADD COLUMN imported_at   timestamptz,
  ADD COLUMN import_file   text,
  ADD COLUMN import_record bigint CHECK (import_record > 0);
