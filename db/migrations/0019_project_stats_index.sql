-- GetProjectStats reads a handful of columns of every project it counts;
-- the rows themselves are wide (two geometries, the folded search text).
-- This index holds exactly those columns, so the whole city's statistics
-- are an index-only scan: 45 -> 33 ms over 50,000 projects against 98 ms
-- from the table (bench/projects).
CREATE INDEX projects_stats ON projects (district_code, unit_code, status)
  INCLUDE (budget, current_contract_amount, variance, revised_completion)
  WHERE deleted_at IS NULL;
