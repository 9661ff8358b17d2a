// The SQL a load target runs, built from its column list: the upsert on
// (source, source_key) that leaves unchanged rows alone, and the pre-pass
// that takes unchanged records out of the stage. Every target has the same
// provenance columns and the same change test; only its columns differ.
#ifndef PWIS_IMPORTERS_TARGET_SQL_H_
#define PWIS_IMPORTERS_TARGET_SQL_H_

#include <string>
#include <vector>

#include "importers/loader.h"

namespace pwis::importers {

struct TargetColumn {
  std::string name;   // the table's column
  std::string value;  // its value from the stage row `s`: "s.lanes::smallint"
  bool geometry = false;  // compared as WKB (geometry = is bounding boxes)
};

// How a table differs from the usual one (a place, soft deletes, a row
// per (source, source_key)).
struct TargetShape {
  // district_code and geom columns.
  bool located = true;
  // deleted_at: full snapshots mark rows deleted, a re-import revives them.
  bool soft_deleted = true;
  // The columns a row is found by, and their values from the stage; empty:
  // (source, source_key). Another key (progress reports: the project and
  // the day) lets a source take over a row another source wrote.
  std::vector<TargetColumn> key = {};
};

// `staged`: the stage's text columns (TargetSpec::columns). `columns`: the
// table's content columns besides source, source_key, district_code, geom
// and the provenance ones, which every target has.
TargetSpec BuildTargetSpec(const std::string& table,
                           std::vector<std::string> staged,
                           std::vector<TargetColumn> columns,
                           const TargetShape& shape = TargetShape());

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_TARGET_SQL_H_
