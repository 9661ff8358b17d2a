#include "gis/store/api_keys_store.h"

#include "absl/strings/str_split.h"

namespace pwis::store {

absl::StatusOr<std::optional<ApiKeyRecord>> ApiKeysStore::Find(
    const std::string& key_id, const std::string& secret,
    const CallLimit& limit) {
  static constexpr char kSql[] =
      "SELECT id, key_id, holder, array_to_string(scopes, E'\\x1f') "
      "FROM api_keys WHERE key_id = $1::text "
      "AND secret_sha256 = sha256(convert_to($2::text, 'UTF8')) "
      "AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())";
  return Query<std::optional<ApiKeyRecord>>(
      limit, "key_find", {kSql, {key_id, secret}},
      [](const pqxx::result& r) -> absl::StatusOr<std::optional<ApiKeyRecord>> {
        if (r.empty()) return std::optional<ApiKeyRecord>();
        ApiKeyRecord k;
        k.id = r[0][0].as<int64_t>();
        k.key_id = r[0][1].c_str();
        k.holder = r[0][2].c_str();
        k.scopes = absl::StrSplit(r[0][3].c_str(), '\x1f', absl::SkipEmpty());
        return std::optional<ApiKeyRecord>(std::move(k));
      });
}

absl::Status ApiKeysStore::Audit(int64_t key, const std::string& method,
                                 const std::string& resource,
                                 const std::string& peer,
                                 const CallLimit& limit) {
  static constexpr char kSql[] =
      "INSERT INTO api_key_audit (key_id, method, resource, peer) "
      "VALUES ($1::int8, $2::text, $3::text, $4::text)";
  return Query<bool>(
             limit, "key_audit",
             {kSql, {std::to_string(key), method, resource, peer}},
             [](const pqxx::result&) -> absl::StatusOr<bool> { return true; })
      .status();
}

}  // namespace pwis::store
