-- Progress reports written by two kinds of writer (units through the API,
-- feeds through pwis-import) keep their rules under concurrency, never
-- lose a replaced figure, and a feed never overwrites a unit's own write.

-- The series rules read the project's other reports: writes to one
-- project are serialised on its row, so that two concurrent reports
-- cannot each pass against a series the other is changing (and the
-- latest report the project carries is the latest).
CREATE OR REPLACE FUNCTION pwis_progress_report_check() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  p projects%ROWTYPE;
  prev project_progress_reports%ROWTYPE;
  next project_progress_reports%ROWTYPE;
BEGIN
  SELECT * INTO p FROM projects WHERE id = NEW.project_id FOR UPDATE;
  -- A report the unit wrote through the API stands until the unit (any
  -- API key) replaces it: a feed's re-run is refused for that day.
  IF TG_OP = 'UPDATE' AND OLD.source LIKE 'api:%'
     AND NEW.source NOT LIKE 'api:%' THEN
    RAISE EXCEPTION 'report_date: the report of % for project % was written '
      'through the API (%) at %; a feed does not replace it',
      OLD.report_date, p.project_no, OLD.source, OLD.updated_at
      USING ERRCODE = 'check_violation';
  END IF;
  IF NOT NEW.outside_project_dates AND (
       NEW.report_date < p.contract_start
       OR NEW.report_date >= date_trunc('month',
            coalesce(p.actual_completion, p.revised_completion))
            + interval '1 month') THEN
    RAISE EXCEPTION 'report_date: % is outside the dates of project % '
      '(% to %); set outside_project_dates to keep it', NEW.report_date,
      p.project_no, p.contract_start,
      coalesce(p.actual_completion, p.revised_completion)
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT * INTO prev FROM project_progress_reports
    WHERE project_id = NEW.project_id AND report_date < NEW.report_date
    ORDER BY report_date DESC LIMIT 1;
  SELECT * INTO next FROM project_progress_reports
    WHERE project_id = NEW.project_id AND report_date > NEW.report_date
    ORDER BY report_date LIMIT 1;
  IF NOT NEW.correction AND prev.planned_pct > NEW.planned_pct THEN
    RAISE EXCEPTION 'planned_percent: % on % is below % on % (cumulative; '
      'set correction to revise it)', NEW.planned_pct, NEW.report_date,
      prev.planned_pct, prev.report_date USING ERRCODE = 'check_violation';
  END IF;
  IF NOT NEW.correction AND prev.actual_pct > NEW.actual_pct THEN
    RAISE EXCEPTION 'actual_percent: % on % is below % on % (cumulative; '
      'set correction to revise it)', NEW.actual_pct, NEW.report_date,
      prev.actual_pct, prev.report_date USING ERRCODE = 'check_violation';
  END IF;
  IF NOT next.correction AND (next.planned_pct < NEW.planned_pct
                              OR next.actual_pct < NEW.actual_pct) THEN
    RAISE EXCEPTION 'report_date: the report of % has lower percents than '
      'this one of %', next.report_date, NEW.report_date
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

-- Every figure a report had before it was replaced or deleted, with who
-- replaced it (the replacing row's source, "api:<key id>" or the feed's;
-- for a deletion pwis.actor, else the database user). Kept even when the
-- project itself is deleted.
CREATE TABLE project_progress_report_history (
  project_id   bigint NOT NULL,
  report_date  date NOT NULL,
  ad_hoc       boolean NOT NULL,
  planned_pct  numeric(5, 2) NOT NULL,
  actual_pct   numeric(5, 2) NOT NULL,
  paid_amount  bigint NOT NULL,
  lag_reason   text NOT NULL,
  correction   boolean NOT NULL,
  outside_project_dates boolean NOT NULL,
  photos       jsonb NOT NULL,
  source       text NOT NULL,
  written_at   timestamptz NOT NULL,
  replaced_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  replaced_by  text NOT NULL,
  deleted      boolean NOT NULL
);
CREATE INDEX project_progress_report_history_report
  ON project_progress_report_history (project_id, report_date, replaced_at);
SELECT pwis_announce_changes('project_progress_report_history');

CREATE FUNCTION pwis_progress_report_keep() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.ad_hoc, OLD.planned_pct, OLD.actual_pct,
       OLD.paid_amount, OLD.lag_reason, OLD.correction,
       OLD.outside_project_dates, OLD.photos, OLD.source)
     IS NOT DISTINCT FROM (NEW.ad_hoc, NEW.planned_pct, NEW.actual_pct,
       NEW.paid_amount, NEW.lag_reason, NEW.correction,
       NEW.outside_project_dates, NEW.photos, NEW.source) THEN
    RETURN NULL;
  END IF;
  INSERT INTO project_progress_report_history (project_id, report_date,
    ad_hoc, planned_pct, actual_pct, paid_amount, lag_reason, correction,
    outside_project_dates, photos, source, written_at, replaced_by, deleted)
  VALUES (OLD.project_id, OLD.report_date, OLD.ad_hoc, OLD.planned_pct,
    OLD.actual_pct, OLD.paid_amount, OLD.lag_reason, OLD.correction,
    OLD.outside_project_dates, OLD.photos, OLD.source, OLD.updated_at,
    CASE WHEN TG_OP = 'UPDATE' THEN NEW.source
         ELSE coalesce(nullif(current_setting('pwis.actor', true), ''),
                       current_user) END,
    TG_OP = 'DELETE');
  RETURN NULL;
END $$;
CREATE TRIGGER project_progress_reports_keep
  AFTER UPDATE OR DELETE ON project_progress_reports
  FOR EACH ROW EXECUTE FUNCTION pwis_progress_report_keep();

-- The importer's key (project and day) is checked in its stage; as a
-- unique index it refused good records once a number moved to another
-- project (a deleted one's rows keep their old keys).
DROP INDEX project_progress_reports_source_key;
