#include "gis/store/sql_builder.h"

#include <functional>

#include "absl/strings/str_format.h"

namespace pwis::store {

std::string StatementName(const char* prefix, const std::string& sql) {
  return absl::StrFormat("%s_%016x", prefix, std::hash<std::string>{}(sql));
}

}  // namespace pwis::store
