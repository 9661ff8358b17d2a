// Hostile X-Forwarded-For values and --trusted_proxies entries: whatever
// the bytes, parsing and the walk must not crash, and the client found is
// the peer or one of the header's entries.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "absl/strings/str_split.h"
#include "gateway/client_address.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  // "entries\npeer\nforwarded-for"
  std::vector<std::string> parts =
      absl::StrSplit(input, absl::MaxSplits('\n', 2));
  while (parts.size() < 3) parts.emplace_back();
  auto proxies =
      pwis::gateway::TrustedProxies::Parse(absl::StrSplit(parts[0], ','));
  pwis::gateway::TrustedProxies trusted =
      proxies.ok()
          ? *proxies
          : *pwis::gateway::TrustedProxies::Parse({"0.0.0.0/0", "::/0"});
  const std::string client = trusted.ClientBehind(parts[1], parts[2]);
  if (client != parts[1] &&
      pwis::gateway::ParseAddress(client) == std::nullopt) {
    std::abort();  // a client that is neither the peer nor an address
  }
  (void)pwis::gateway::LimitKey(client);
  (void)pwis::gateway::LimitKey(parts[2]);
  return 0;
}
