// API keys (table api_keys) and their audit log (api_key_audit).
// Thread-safe; UNAVAILABLE when the database cannot be reached.
#ifndef PWIS_GIS_STORE_API_KEYS_STORE_H_
#define PWIS_GIS_STORE_API_KEYS_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gis/store/store_base.h"

namespace pwis::store {

struct ApiKeyRecord {
  int64_t id = 0;
  std::string key_id;
  std::string holder;
  std::vector<std::string> scopes;
};

class ApiKeysStore : public StoreBase {
 public:
  using StoreBase::StoreBase;

  // The live key (not revoked, not expired) whose key_id is `key_id` and
  // whose secret hashes to the stored SHA-256; nullopt when none is.
  absl::StatusOr<std::optional<ApiKeyRecord>> Find(const std::string& key_id,
                                                   const std::string& secret,
                                                   const CallLimit& limit);

  // Adds one audit row.
  absl::Status Audit(int64_t key, const std::string& method,
                     const std::string& resource, const std::string& peer,
                     const CallLimit& limit);
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_API_KEYS_STORE_H_
