// Composes a parameterised SQL statement from named fragments: values are
// always bound as parameters, never formatted into the text, so the text
// depends only on which filters are present and can be prepared once per
// connection. Not thread-safe; build one per query.
#ifndef PWIS_GIS_STORE_SQL_BUILDER_H_
#define PWIS_GIS_STORE_SQL_BUILDER_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"

namespace pwis::store {

class SqlBuilder {
 public:
  // Binds `value` and returns its placeholder with a cast, e.g. "$3::float8".
  std::string Param(std::string value, const char* type) {
    params_.push_back(std::move(value));
    return absl::StrCat("$", params_.size(), "::", type);
  }
  std::string Param(double v, const char* type = "float8") {
    // %.17g round-trips every double; StrCat would keep only 6 digits.
    return Param(absl::StrFormat("%.17g", v), type);
  }
  std::string Param(long long v, const char* type = "int8") {
    return Param(absl::StrCat(v), type);
  }
  std::string TimeParam(absl::Time t) {
    return Param(
        absl::FormatTime("%Y-%m-%d%ET%H:%M:%E6S%Ez", t, absl::UTCTimeZone()),
        "timestamptz");
  }

  // Adds a condition joined with AND; an empty one adds nothing.
  void Where(std::string condition) {
    if (!condition.empty()) where_.push_back(std::move(condition));
  }

  // " WHERE a AND b", or "" when there is no condition.
  std::string WhereClause() const {
    return where_.empty() ? "" : " WHERE " + absl::StrJoin(where_, " AND ");
  }

  // WhereClause(), and forgets the conditions but not the parameters: the
  // next sub-select of the same statement starts its own conditions.
  std::string TakeWhereClause() {
    std::string clause = WhereClause();
    where_.clear();
    return clause;
  }

  const std::vector<std::string>& params() const { return params_; }

 private:
  std::vector<std::string> params_;
  std::vector<std::string> where_;
};

// The one naming rule for prepared statements: `prefix` (the store's
// short name and the method, e.g. "rw_list") and a hash of the SQL text, so
// each distinct text is prepared once per connection under its own name.
std::string StatementName(const char* prefix, const std::string& sql);

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_SQL_BUILDER_H_
