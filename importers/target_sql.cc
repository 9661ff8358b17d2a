#include "importers/target_sql.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace pwis::importers {
namespace {

std::string Compared(const TargetColumn& c, const std::string& expr) {
  return c.geometry ? absl::StrCat("ST_AsBinary(", expr, ")") : expr;
}

}  // namespace

TargetSpec BuildTargetSpec(const std::string& table,
                           std::vector<std::string> staged,
                           std::vector<TargetColumn> columns,
                           const TargetShape& shape) {
  if (shape.located) {
    columns.insert(columns.begin(), {{"district_code", "s.district_code"},
                                     {"geom", "s.geom", /*geometry=*/true}});
  }
  std::vector<std::string> names, values, sets, in_table, excluded, in_stage;
  // The row's key, when not (source, source_key), and how a staged record
  // finds its row.
  std::vector<std::string> key_names, key_match;
  for (const TargetColumn& k : shape.key) {
    key_names.push_back(k.name);
    names.push_back(k.name);
    values.push_back(k.value);
    key_match.push_back(absl::StrCat("t.", k.name, " = ", k.value));
  }
  for (const TargetColumn& c : columns) {
    names.push_back(c.name);
    values.push_back(c.value);
    sets.push_back(absl::StrCat(c.name, " = EXCLUDED.", c.name));
    in_table.push_back(Compared(c, absl::StrCat("t.", c.name)));
    excluded.push_back(Compared(c, absl::StrCat("EXCLUDED.", c.name)));
    in_stage.push_back(Compared(c, c.value));
  }
  const bool own_key = !shape.key.empty();
  const std::string conflict =
      own_key ? absl::StrJoin(key_names, ", ") : "source, source_key";
  // Taking over a row another source wrote makes it this source's.
  if (own_key) {
    sets.push_back(
        "source = EXCLUDED.source, source_key = EXCLUDED.source_key");
  }
  const std::string revive = shape.soft_deleted ? ", deleted_at = NULL" : "";
  const std::string live_t = shape.soft_deleted ? ", t.deleted_at IS NULL" : "";
  const std::string live = shape.soft_deleted ? ", true" : "";
  const std::string upsert = absl::StrCat(
      "INSERT INTO ", table, " AS t (source, source_key, ",
      absl::StrJoin(names, ", "),
      ", imported_at, import_file, import_record)\n"
      "SELECT $1, s.source_key, ",
      absl::StrJoin(values, ", "),
      ", now(), $4, s.ord\n"
      "FROM pwis_import_stage s\n"
      "WHERE NOT s.seen_only AND s.ord >= $2 AND s.ord < $3",
      // Rows whose triggers read the table's other rows (a report's
      // series) are written in the file's order, so that the record a
      // rule refuses is the same on every run.
      own_key ? " ORDER BY s.ord" : "",
      "\n"
      "ON CONFLICT (",
      conflict, ") DO UPDATE SET ", absl::StrJoin(sets, ", "),
      ", imported_at = EXCLUDED.imported_at, import_file = "
      "EXCLUDED.import_file, import_record = EXCLUDED.import_record",
      revive,
      "\n"
      // Unchanged content is left alone: updated_at, the change feed and
      // the read caches see only real changes.
      "WHERE (",
      absl::StrJoin(in_table, ", "), live_t, ") IS DISTINCT FROM (",
      absl::StrJoin(excluded, ", "), live,
      ")\n"
      "RETURNING (xmax = 0) AS inserted");
  // Records whose row already holds exactly their content: taken out of
  // the stage in one join before the upsert, which then touches (and
  // locks) only new and changed rows. A daily full snapshot is mostly
  // these.
  const std::string found =
      own_key ? absl::StrCat("t.source = $1 AND ",
                             absl::StrJoin(key_match, " AND "))
              : "t.source = $1 AND t.source_key = s.source_key";
  const std::string unchanged = absl::StrCat(
      "DELETE FROM pwis_import_stage s USING ", table, " t\nWHERE ", found,
      " AND NOT s.seen_only",
      shape.soft_deleted ? " AND t.deleted_at IS NULL" : "", "\n  AND (",
      absl::StrJoin(in_table, ", "), ") IS NOT DISTINCT FROM (",
      absl::StrJoin(in_stage, ", "), ")");
  TargetSpec spec{table, std::move(staged), upsert, unchanged};
  spec.snapshots = shape.soft_deleted;
  return spec;
}

}  // namespace pwis::importers
