#include "services/common/district_filter.h"

#include "absl/strings/str_cat.h"
#include "services/common/grpc_util.h"

namespace pwis {

absl::StatusOr<std::string> ResolveDistrict(store::DistrictsStore& districts,
                                            const std::string& key,
                                            const store::CallLimit& limit,
                                            const char* field) {
  if (key.empty()) return std::string();
  absl::StatusOr<std::optional<std::string>> code =
      districts.Resolve(key, limit);
  if (!code.ok()) return code.status();
  if (!code->has_value()) {
    return InvalidField(field, absl::StrCat("unknown district '", key,
                                            "' (give a TOWNCODE or a name)"));
  }
  return **code;
}

}  // namespace pwis
