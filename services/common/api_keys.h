// API keys: who a call comes from, and what it may read beyond the public
// answer. The server authenticates every call that presents a key before
// its handler runs (AsyncDispatcher, for every domain alike), so a handler
// only asks:
//
//   absl::StatusOr<const Caller*> c = RequireScope("licenses.full");
//   ... read the full record ...
//   keys->Audit(**c, context, "GetLicense", number);
//
// A key is presented as "Authorization: Bearer pwis_<id>_<secret>" or
// "X-Api-Key: pwis_<id>_<secret>" (HTTP), the same as gRPC metadata. A key
// that is malformed, unknown, revoked or expired is UNAUTHENTICATED for
// every method, never quietly treated as no key. Calls with a key are
// never answered from, nor stored in, the read cache.
#ifndef PWIS_SERVICES_COMMON_API_KEYS_H_
#define PWIS_SERVICES_COMMON_API_KEYS_H_

#include <grpcpp/grpcpp.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gis/store/api_keys_store.h"

namespace pwis {

struct Caller {
  int64_t key = 0;     // api_keys.id
  std::string key_id;  // the public part, for logs
  std::string holder;
  std::vector<std::string> scopes;
  bool Has(const std::string& scope) const;
};

// The caller of the call this thread is answering (set by the dispatcher
// for the handler's duration); null when the call presented no key.
const Caller* CurrentCaller();

// Sets CurrentCaller() for its lifetime on this thread.
class CallerScope {
 public:
  explicit CallerScope(const Caller* caller);
  ~CallerScope();
  CallerScope(const CallerScope&) = delete;
  CallerScope& operator=(const CallerScope&) = delete;

 private:
  const Caller* previous_;
};

// The current caller when it holds `scope`: UNAUTHENTICATED without a key,
// PERMISSION_DENIED for a key without the scope.
absl::StatusOr<const Caller*> RequireScope(const std::string& scope);

// A scope held whole ("projects.write") or narrowed to some of its
// resources ("projects.write:NBO", "projects.write:MO": that unit's
// projects only).
struct ScopeGrant {
  const Caller* caller = nullptr;
  bool whole = false;
  std::vector<std::string> parts;  // when not whole
  bool Covers(const std::string& part) const;
};

// The current caller's grant of `scope`, whole or narrowed; the same
// errors as RequireScope when it holds neither.
absl::StatusOr<ScopeGrant> RequireScopeGrant(const std::string& scope);

// True when the call's metadata presents a key (well-formed or not).
bool PresentsKey(const grpc::ServerContext& context);

class ApiKeyAuthenticator {
 public:
  explicit ApiKeyAuthenticator(store::ApiKeysStore* keys) : keys_(keys) {}

  // The caller the call's key names; nullopt when it presents none.
  absl::StatusOr<std::optional<Caller>> Authenticate(
      const grpc::ServerContext& context) const;

  // Records that `caller` read `resource` through `method`; a read that
  // cannot be recorded must not be answered (the error is returned).
  absl::Status Audit(const Caller& caller, const grpc::ServerContext& context,
                     const std::string& method,
                     const std::string& resource) const;

 private:
  store::ApiKeysStore* keys_;
};

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_API_KEYS_H_
