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

// `staged`: the stage's text columns (TargetSpec::columns). `columns`: the
// table's content columns besides source, source_key, district_code, geom
// and the provenance ones, which every target has.
TargetSpec BuildTargetSpec(const std::string& table,
                           std::vector<std::string> staged,
                           std::vector<TargetColumn> columns);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_TARGET_SQL_H_
