// Opaque AIP-158 page tokens.
//
// A token carries a keyset position (a few integers) and is bound to the
// query that produced it by a hash of that query; it is signed with
// HMAC-SHA256 under a server secret, so a client cannot forge one, alter
// the position, or reuse it with other filters. Servers sharing a secret
// accept each other's tokens. Thread-safe (immutable after construction).
#ifndef PWIS_SERVICES_COMMON_PAGE_TOKEN_H_
#define PWIS_SERVICES_COMMON_PAGE_TOKEN_H_

#include <google/protobuf/message.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace pwis {

class PageTokenCodec {
 public:
  // `secret` keys the signature; an empty secret draws a random one, so
  // tokens then only work on this process.
  explicit PageTokenCodec(std::string secret);

  // A token for `position` bound to `query_hash`.
  std::string Encode(uint64_t query_hash,
                     const std::vector<int64_t>& position) const;

  // The position in `token`; INVALID_ARGUMENT naming page_token if the token
  // is malformed, forged, or belongs to another query.
  absl::StatusOr<std::vector<int64_t>> Decode(const std::string& token,
                                              uint64_t query_hash) const;

  // A hash of `request` with its paging fields cleared (page_token and
  // page_size may change between pages; nothing else may). `domain` keeps
  // equal-looking requests of different RPCs apart.
  static uint64_t QueryHash(const std::string& domain,
                            const google::protobuf::Message& request);

 private:
  std::string Sign(const std::string& payload) const;
  std::string secret_;
};

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_PAGE_TOKEN_H_
