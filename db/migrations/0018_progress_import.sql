-- pwis-import loads monthly progress reports: the provenance every imported
-- table keeps (see 0009_import_provenance). A report stays keyed by its
-- project and day; source_key is the importer's canonical spelling of that
-- key (project number and day), unique per source, so a file that lists a
-- report twice is told record by record.
ALTER TABLE project_progress_reports
  ADD COLUMN source_key    text,
  ADD COLUMN imported_at   timestamptz,
  ADD COLUMN import_file   text,
  ADD COLUMN import_record bigint CHECK (import_record > 0);
CREATE UNIQUE INDEX project_progress_reports_source_key
  ON project_progress_reports (source, source_key)
  WHERE source_key IS NOT NULL;
