#include "gateway/client_address.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/address_v6.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace pwis::gateway {
namespace {

using Bytes = std::array<unsigned char, 16>;

bool IsMappedV4(const Bytes& b) {
  for (int i = 0; i < 10; ++i) {
    if (b[i] != 0) return false;
  }
  return b[10] == 0xff && b[11] == 0xff;
}

bool Matches(const Bytes& a, const Bytes& base, int bits) {
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const unsigned char mask =
        bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
    if ((a[i] & mask) != (base[i] & mask)) return false;
  }
  return true;
}

std::optional<Bytes> Plain(absl::string_view text) {
  // Boost reads the text with inet_pton: no names, no DNS.
  boost::system::error_code ec;
  const boost::asio::ip::address a =
      boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v4()) {
    return boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped,
                                            a.to_v4())
        .to_bytes();
  }
  // A zone ("fe80::1%eth0") names a link here, not a client.
  if (a.to_v6().scope_id() != 0) return std::nullopt;
  return a.to_v6().to_bytes();
}

// The canonical text: one client, one key, however a proxy spells it.
std::string Text(const Bytes& a) {
  if (IsMappedV4(a)) {
    return absl::StrCat(a[12], ".", a[13], ".", a[14], ".", a[15]);
  }
  return boost::asio::ip::address_v6(a).to_string();
}

}  // namespace

std::optional<Bytes> ParseAddress(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.size() > 64) return std::nullopt;
  if (absl::ConsumePrefix(&text, "[")) {
    const size_t close = text.find(']');
    if (close == absl::string_view::npos) return std::nullopt;
    absl::string_view rest = text.substr(close + 1);
    text = text.substr(0, close);
    uint32_t port = 0;
    if (!rest.empty() && !(absl::ConsumePrefix(&rest, ":") &&
                           absl::SimpleAtoi(rest, &port) && port < 65536)) {
      return std::nullopt;
    }
    return Plain(text);
  }
  // One colon: IPv4 with a port (IPv6 has at least two).
  if (const size_t colon = text.find(':');
      colon != absl::string_view::npos &&
      text.find(':', colon + 1) == absl::string_view::npos) {
    uint32_t port = 0;
    if (!absl::SimpleAtoi(text.substr(colon + 1), &port) || port >= 65536) {
      return std::nullopt;
    }
    text = text.substr(0, colon);
  }
  return Plain(text);
}

absl::StatusOr<TrustedProxies> TrustedProxies::Parse(
    const std::vector<std::string>& entries) {
  TrustedProxies out;
  for (const std::string& raw : entries) {
    absl::string_view entry = absl::StripAsciiWhitespace(raw);
    if (entry.empty()) continue;
    absl::string_view address = entry;
    int bits = -1;
    if (const size_t slash = entry.find('/');
        slash != absl::string_view::npos) {
      address = entry.substr(0, slash);
      if (!absl::SimpleAtoi(entry.substr(slash + 1), &bits) || bits < 0) {
        bits = 1000;  // refused below
      }
    }
    std::optional<Bytes> base = Plain(address);
    const int width = base && IsMappedV4(*base) ? 32 : 128;
    if (bits == -1) bits = width;
    if (!base || bits > width ||
        address.find_first_of(" []") != absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--trusted_proxies: \"", entry,
          "\" is not an address or network (10.0.0.0/8, 192.0.2.7, "
          "fd00::/8, ::1)"));
    }
    out.networks_.push_back({*base, bits + (width == 32 ? 96 : 0)});
  }
  return out;
}

bool TrustedProxies::Trusts(absl::string_view address) const {
  std::optional<Bytes> a = ParseAddress(address);
  if (!a) return false;
  for (const Network& n : networks_) {
    if (Matches(*a, n.base, n.prefix_bits)) return true;
  }
  return false;
}

std::string TrustedProxies::ClientBehind(
    absl::string_view peer, absl::string_view forwarded_for) const {
  if (networks_.empty() || !Trusts(peer)) return std::string(peer);
  std::vector<absl::string_view> hops = absl::StrSplit(forwarded_for, ',');
  absl::string_view current = peer;
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    absl::string_view hop = absl::StripAsciiWhitespace(*it);
    if (hop.empty() && hops.size() == 1) break;  // no header at all
    std::optional<Bytes> a = ParseAddress(hop);
    if (!a) break;
    current = hop;
    if (!Trusts(hop)) break;
  }
  // The canonical text, so that one client has one key however a proxy
  // spells it.
  std::optional<Bytes> a = ParseAddress(current);
  if (!a) return std::string(current);
  if (IsMappedV4(*a)) {
    return absl::StrCat((*a)[12], ".", (*a)[13], ".", (*a)[14], ".", (*a)[15]);
  }
  return boost::asio::ip::address_v6(*a).to_string();
}

std::string LimitKey(absl::string_view address) {
  std::optional<Bytes> a = ParseAddress(address);
  if (!a) return std::string(address);
  if (IsMappedV4(*a)) {
    return absl::StrCat((*a)[12], ".", (*a)[13], ".", (*a)[14], ".", (*a)[15]);
  }
  Bytes prefix = *a;
  for (int i = 8; i < 16; ++i) prefix[i] = 0;
  return absl::StrCat(boost::asio::ip::address_v6(prefix).to_string(), "/64");
}

}  // namespace pwis::gateway
