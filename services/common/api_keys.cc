#include "services/common/api_keys.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/grpc_util.h"

namespace pwis {
namespace {

thread_local const Caller* current_caller = nullptr;

constexpr char kForm[] =
    "expected an API key pwis_<12 hex digits>_<64 hex digits>, as "
    "\"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\"";

std::optional<std::string> Metadata(const grpc::ServerContext& c,
                                    const char* name) {
  const auto& m = c.client_metadata();
  auto it = m.find(name);
  if (it == m.end()) return std::nullopt;
  return std::string(it->second.data(), it->second.size());
}

// The key text the call presents, or nullopt (an Authorization header of
// another scheme is not a pwis key).
std::optional<std::string> PresentedKey(const grpc::ServerContext& c) {
  if (auto key = Metadata(c, "x-api-key")) return key;
  if (auto auth = Metadata(c, "authorization")) {
    absl::string_view v = absl::StripAsciiWhitespace(*auth);
    if (v.size() > 7 && absl::EqualsIgnoreCase(v.substr(0, 7), "bearer ")) {
      return std::string(absl::StripAsciiWhitespace(v.substr(7)));
    }
    return std::string(v);
  }
  return std::nullopt;
}

bool Hex(absl::string_view s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) {
           return absl::ascii_isdigit(c) || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

bool Caller::Has(const std::string& scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

const Caller* CurrentCaller() { return current_caller; }

CallerScope::CallerScope(const Caller* caller) : previous_(current_caller) {
  current_caller = caller;
}
CallerScope::~CallerScope() { current_caller = previous_; }

absl::StatusOr<const Caller*> RequireScope(const std::string& scope) {
  const Caller* c = CurrentCaller();
  if (c == nullptr) {
    return absl::UnauthenticatedError(
        absl::StrCat("an API key with the ", scope, " scope is required"));
  }
  if (!c->Has(scope)) {
    return absl::PermissionDeniedError(
        absl::StrCat("API key ", c->key_id, " lacks the ", scope, " scope"));
  }
  return c;
}

bool ScopeGrant::Covers(const std::string& part) const {
  return whole || std::find(parts.begin(), parts.end(), part) != parts.end();
}

absl::StatusOr<ScopeGrant> RequireScopeGrant(const std::string& scope) {
  const Caller* c = CurrentCaller();
  if (c == nullptr) {
    return absl::UnauthenticatedError(
        absl::StrCat("an API key with the ", scope, " scope is required"));
  }
  ScopeGrant grant;
  grant.caller = c;
  const std::string narrowed = scope + ":";
  for (const std::string& s : c->scopes) {
    if (s == scope) grant.whole = true;
    if (s.size() > narrowed.size() && s.rfind(narrowed, 0) == 0) {
      grant.parts.push_back(s.substr(narrowed.size()));
    }
  }
  if (!grant.whole && grant.parts.empty()) {
    return absl::PermissionDeniedError(
        absl::StrCat("API key ", c->key_id, " lacks the ", scope, " scope"));
  }
  return grant;
}

bool PresentsKey(const grpc::ServerContext& context) {
  return PresentedKey(context).has_value();
}

absl::StatusOr<std::optional<Caller>> ApiKeyAuthenticator::Authenticate(
    const grpc::ServerContext& context) const {
  std::optional<std::string> key = PresentedKey(context);
  if (!key) return std::optional<Caller>();
  // pwis_ + 12 + _ + 64
  absl::string_view k = *key;
  if (k.size() != 82 || !absl::StartsWith(k, "pwis_") || k[17] != '_' ||
      !Hex(k.substr(5, 12), 12) || !Hex(k.substr(18), 64)) {
    return absl::UnauthenticatedError(kForm);
  }
  const std::string key_id(k.substr(5, 12));
  auto found =
      keys_->Find(key_id, std::string(k.substr(18)), WaitDeadline(context));
  if (!found.ok()) return found.status();
  if (!*found) {
    return absl::UnauthenticatedError(
        absl::StrCat("API key ", key_id, " is unknown, revoked or expired"));
  }
  Caller c;
  c.key = (*found)->id;
  c.key_id = std::move((*found)->key_id);
  c.holder = std::move((*found)->holder);
  c.scopes = std::move((*found)->scopes);
  return std::optional<Caller>(std::move(c));
}

absl::Status ApiKeyAuthenticator::Audit(const Caller& caller,
                                        const grpc::ServerContext& context,
                                        const std::string& method,
                                        const std::string& resource) const {
  return keys_->Audit(caller.key, method, resource, context.peer(),
                      WaitDeadline(context));
}

}  // namespace pwis
