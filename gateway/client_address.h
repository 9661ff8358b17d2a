// Who a request comes from, for per-client limits (failed case lookups).
// The socket's peer, unless that peer is one of the deployment's own
// proxies (--trusted_proxies: a reverse proxy in front of the JSON front,
// a separate pwis-gateway in front of pwis-server); then the address the
// proxies report, read from the right of X-Forwarded-For past every
// trusted hop. Entries left of the first untrusted hop are the client's
// own words and never taken, so a client cannot pick another's address.
#ifndef PWIS_GATEWAY_CLIENT_ADDRESS_H_
#define PWIS_GATEWAY_CLIENT_ADDRESS_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace pwis::gateway {

class TrustedProxies {
 public:
  // Trusts no one: every request is its socket's peer.
  TrustedProxies() = default;

  // Addresses and networks: "10.0.0.5", "10.0.0.0/8", "::1", "fd00::/8".
  // INVALID_ARGUMENT naming the first entry that is neither.
  static absl::StatusOr<TrustedProxies> Parse(
      const std::vector<std::string>& entries);

  bool empty() const { return networks_.empty(); }
  // `address` (IPv4 or IPv6 text) is in one of the networks.
  bool Trusts(absl::string_view address) const;

  // The client behind `peer` (the socket's address) given the request's
  // X-Forwarded-For values joined by commas: `peer` when it is not
  // trusted; else, right to left, the first untrusted entry; at an entry
  // that is no address ("unknown", garbage), the hop that wrote it.
  std::string ClientBehind(absl::string_view peer,
                           absl::string_view forwarded_for) const;

 private:
  struct Network {
    std::array<unsigned char, 16> base;  // IPv4 as IPv4-mapped IPv6
    int prefix_bits;
  };
  std::vector<Network> networks_;
};

// The address in `text` as 16 bytes (IPv4 mapped), accepting what
// X-Forwarded-For entries carry: brackets, a port ("1.2.3.4:80",
// "[::1]:80"), spaces around. nullopt if it is no address.
std::optional<std::array<unsigned char, 16>> ParseAddress(
    absl::string_view text);

// The key per-client limits count under: an IPv4 address as itself
// (IPv4-mapped IPv6 too); an IPv6 address by its /64, the prefix one
// subscriber holds (else one client would have 2^64 tries); anything else
// (a unix socket) as given.
std::string LimitKey(absl::string_view address);

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_CLIENT_ADDRESS_H_
