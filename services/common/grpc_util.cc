#include "services/common/grpc_util.h"

#include <google/rpc/error_details.pb.h>
#include <google/rpc/status.pb.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gateway/path_template.h"
#include "gateway/text_forms.h"

namespace pwis {
namespace {
constexpr char kBadRequestUrl[] = "type.googleapis.com/google.rpc.BadRequest";
}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // Typed payloads travel as google.rpc.Status details
  // (grpc-status-details-bin), which the JSON front renders too.
  google::rpc::Status details;
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& value) {
    google::protobuf::Any* any = details.add_details();
    any->set_type_url(std::string(url));
    any->set_value(std::string(value));
  });
  if (details.details_size() == 0) {
    return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                        std::string(status.message()));
  }
  details.set_code(static_cast<int>(status.code()));
  details.set_message(std::string(status.message()));
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()),
                      details.SerializeAsString());
}

absl::Status InvalidField(const std::string& field,
                          const std::string& why_untrimmed) {
  // The reason may quote the input: keep it short (gRPC sends it, and the
  // details, as headers).
  const std::string why = gateway::Truncated(why_untrimmed, 300);
  absl::Status s = absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
  google::rpc::BadRequest bad;
  auto* v = bad.add_field_violations();
  v->set_field(field);
  v->set_description(why);
  s.SetPayload(kBadRequestUrl, absl::Cord(bad.SerializeAsString()));
  return s;
}

absl::Status RequiredFields(const std::vector<std::string>& fields) {
  absl::Status s = absl::InvalidArgumentError(
      absl::StrCat(absl::StrJoin(fields, ", "), ": required"));
  google::rpc::BadRequest bad;
  for (const std::string& f : fields) {
    auto* v = bad.add_field_violations();
    v->set_field(f);
    v->set_description("required");
  }
  s.SetPayload(kBadRequestUrl, absl::Cord(bad.SerializeAsString()));
  return s;
}

absl::Time WaitDeadline(const grpc::ServerContext& context,
                        absl::Duration cap) {
  absl::Time capped = absl::Now() + cap;
  auto d = context.deadline();
  if (d == std::chrono::system_clock::time_point::max()) return capped;
  return std::min(absl::FromChrono(d), capped);
}

absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& ts,
                                         const std::string& field) {
  if (ts.nanos() < 0 || ts.nanos() > 999999999 ||
      ts.seconds() < absl::ToUnixSeconds(kEarliestQueryTime) ||
      ts.seconds() >= absl::ToUnixSeconds(kLatestQueryTime)) {
    return InvalidField(field,
                        "out of the supported range 1900-01-01T00:00:00Z to "
                        "9999-01-01T00:00:00Z");
  }
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

std::string NextPageUrl(const grpc::ServerContext& context,
                        const std::string& token) {
  if (token.empty()) return "";
  auto it = context.client_metadata().find(kRequestUrlMetadata);
  if (it == context.client_metadata().end()) return "";
  std::string url(it->second.data(), it->second.size());
  size_t q = url.find('?');
  std::string out = url.substr(0, q);
  std::string sep = "?";
  if (q != std::string::npos) {
    for (absl::string_view p :
         absl::StrSplit(absl::string_view(url).substr(q + 1), '&')) {
      // Keys as the gateway reads them: `page%5Ftoken=` is the token too.
      std::string key =
          gateway::PercentDecode(p.substr(0, p.find('=')), false).value_or("");
      if (p.empty() || key == "page_token" || key == "pageToken") continue;
      absl::StrAppend(&out, sep, p);
      sep = "&";
    }
  }
  // Tokens are base64url: nothing to escape.
  absl::StrAppend(&out, sep, "page_token=", token);
  return out;
}

std::string RequestOrigin(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find(kRequestUrlMetadata);
  if (it == context.client_metadata().end()) return "";
  absl::string_view url(it->second.data(), it->second.size());
  // The gateway writes "http(s)://" + a checked Host + the target.
  const size_t scheme = url.find("://");
  if (scheme == absl::string_view::npos) return "";
  return std::string(url.substr(0, url.find('/', scheme + 3)));
}

std::string ClientAddress(const grpc::ServerContext& context,
                          const gateway::TrustedProxies& proxies) {
  auto metadata = [&](const char* key) -> std::optional<std::string> {
    auto it = context.client_metadata().find(key);
    if (it == context.client_metadata().end()) return std::nullopt;
    return std::string(it->second.data(), it->second.size());
  };
  const std::string peer = context.peer();
  for (absl::string_view scheme : {"ipv4:", "ipv6:"}) {
    if (absl::StartsWith(peer, scheme)) {
      const std::string unescaped =
          absl::StrReplaceAll(absl::string_view(peer).substr(scheme.size()),
                              {{"%5B", "["}, {"%5D", "]"}, {"%25", "%"}});
      absl::string_view host = unescaped;
      // ipv4:1.2.3.4:5678, ipv6:[::1]:5678 (percent-encoded in places)
      const std::string address =
          !host.empty() && host.front() == '['
              ? std::string(host.substr(1, host.find(']') - 1))
              : std::string(host.substr(0, host.rfind(':')));
      if (proxies.empty() || !proxies.Trusts(address)) return address;
      // A trusted pwis-gateway names its HTTP client; a gRPC proxy
      // appends its caller to X-Forwarded-For.
      if (std::optional<std::string> client = metadata("pwis-client-address");
          client && gateway::ParseAddress(*client)) {
        return *client;
      }
      return proxies.ClientBehind(address,
                                  metadata("x-forwarded-for").value_or(""));
    }
  }
  if (absl::StartsWith(peer, "unix:")) return peer;
  if (std::optional<std::string> client = metadata("pwis-client-address")) {
    return *client;
  }
  return peer;
}

}  // namespace pwis
