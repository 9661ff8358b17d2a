// Whose address a request counts as: trusted proxies, X-Forwarded-For read
// from the right, and the keys per-client limits use.
#include "gateway/client_address.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pwis::gateway {
namespace {

using ::testing::HasSubstr;

TrustedProxies Proxies(const std::vector<std::string>& entries) {
  absl::StatusOr<TrustedProxies> p = TrustedProxies::Parse(entries);
  EXPECT_TRUE(p.ok()) << p.status();
  return p.ok() ? *p : TrustedProxies();
}

TEST(TrustedProxiesTest, ParsesAddressesAndNetworks) {
  TrustedProxies p =
      Proxies({"10.0.0.0/8", " 192.0.2.7 ", "fd00::/8", "::1", ""});
  EXPECT_TRUE(p.Trusts("10.200.3.4"));
  EXPECT_TRUE(p.Trusts("192.0.2.7"));
  EXPECT_FALSE(p.Trusts("192.0.2.8"));
  EXPECT_FALSE(p.Trusts("11.0.0.1"));
  EXPECT_TRUE(p.Trusts("fd12:3456::1"));
  EXPECT_FALSE(p.Trusts("fe80::1"));
  EXPECT_TRUE(p.Trusts("::1"));
  EXPECT_TRUE(p.Trusts("::ffff:10.1.2.3"));  // IPv4-mapped is IPv4
  EXPECT_TRUE(p.Trusts("10.1.2.3:8080"));
  EXPECT_FALSE(p.Trusts("not-an-address"));
  EXPECT_TRUE(Proxies({"0.0.0.0/0"}).Trusts("8.8.8.8"));
  EXPECT_FALSE(Proxies({"0.0.0.0/0"}).Trusts("2001:db8::1"));
  EXPECT_TRUE(Proxies({}).empty());

  for (const char* bad :
       {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0/8", "proxy.example",
        "10.0.0.1:80", "[::1]", "10.0.0.0/", "fe80::1%eth0", "10.0.0.0/8x"}) {
    absl::StatusOr<TrustedProxies> p = TrustedProxies::Parse({bad});
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_THAT(p.status().message(), HasSubstr("--trusted_proxies"));
    EXPECT_THAT(p.status().message(), HasSubstr(bad));
  }
}

TEST(TrustedProxiesTest, TheClientIsTheFirstUntrustedHopFromTheRight) {
  TrustedProxies p = Proxies({"10.0.0.0/8"});
  // A peer not trusted: its own header is its own words.
  EXPECT_EQ(p.ClientBehind("198.51.100.9", "203.0.113.5"), "198.51.100.9");
  // Behind the proxy: the address it appended.
  EXPECT_EQ(p.ClientBehind("10.0.0.2", "203.0.113.5"), "203.0.113.5");
  // What the client wrote itself (left) is not taken.
  EXPECT_EQ(p.ClientBehind("10.0.0.2", "1.2.3.4, 203.0.113.5"), "203.0.113.5");
  // Through two of our proxies.
  EXPECT_EQ(p.ClientBehind("10.0.0.2", "1.2.3.4,203.0.113.5 , 10.9.9.9"),
            "203.0.113.5");
  // Only proxies: the one furthest out.
  EXPECT_EQ(p.ClientBehind("10.0.0.2", "10.0.0.7, 10.9.9.9"), "10.0.0.7");
  // No header: the proxy itself.
  EXPECT_EQ(p.ClientBehind("10.0.0.2", ""), "10.0.0.2");
  // An entry that is no address: the hop that wrote it.
  EXPECT_EQ(p.ClientBehind("10.0.0.2", "203.0.113.5, unknown"), "10.0.0.2");
  EXPECT_EQ(p.ClientBehind("10.0.0.2", "unknown, 10.0.0.9"), "10.0.0.9");
  EXPECT_EQ(p.ClientBehind("10.0.0.2", "203.0.113.5,,10.0.0.9"), "10.0.0.9");
  // Ports, brackets and spellings made one form.
  EXPECT_EQ(p.ClientBehind("10.0.0.2", "203.0.113.5:41234"), "203.0.113.5");
  EXPECT_EQ(p.ClientBehind("10.0.0.2", "[2001:DB8::0:1]:443"), "2001:db8::1");
  EXPECT_EQ(p.ClientBehind("10.0.0.2", "::ffff:203.0.113.5"), "203.0.113.5");
  EXPECT_EQ(p.ClientBehind("::ffff:10.0.0.2", "203.0.113.5"), "203.0.113.5");
  // Nobody trusted: always the peer.
  EXPECT_EQ(TrustedProxies().ClientBehind("10.0.0.2", "203.0.113.5"),
            "10.0.0.2");
}

TEST(LimitKeyTest, IPv6ClientsCountByTheirSlash64) {
  EXPECT_EQ(LimitKey("203.0.113.5"), "203.0.113.5");
  EXPECT_EQ(LimitKey("::ffff:203.0.113.5"), "203.0.113.5");
  EXPECT_EQ(LimitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(LimitKey("2001:db8:1:2::1"), LimitKey("2001:db8:1:2:ffff::9"));
  EXPECT_NE(LimitKey("2001:db8:1:2::1"), LimitKey("2001:db8:1:3::1"));
  EXPECT_EQ(LimitKey("unix:/tmp/sock"), "unix:/tmp/sock");
}

}  // namespace
}  // namespace pwis::gateway
