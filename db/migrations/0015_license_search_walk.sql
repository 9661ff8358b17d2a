-- License search walks the issue-day order until a page of keyword
-- matches is full (gis/store/licenses_store.cc). With the searched texts
-- in the index the walk reads index pages only (an index-only scan, some
-- 25 rows a page) instead of one heap row (about 1.8 KB) per license
-- tried: a keyword matching one license in a hundred fills its page
-- after ~5,000 entries in a few milliseconds. issue_date is included
-- because the planner takes an index-only scan only when the columns
-- under the indexed expression are in the index too.
DROP INDEX building_licenses_issue_idx;
CREATE INDEX building_licenses_issue_idx
  ON building_licenses (pwis_license_day(issue_date) DESC, id)
  INCLUDE (issue_date, search_text, address_text)
  WHERE deleted_at IS NULL;
