// Glue between absl::Status / absl::Time and gRPC / protobuf types.
#ifndef PWIS_SERVICES_COMMON_GRPC_UTIL_H_
#define PWIS_SERVICES_COMMON_GRPC_UTIL_H_

#include <google/protobuf/timestamp.pb.h>
#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gateway/client_address.h"

namespace pwis {

// The gRPC status with the same code and message; payloads (keyed by type
// URL) become google.rpc.Status details.
grpc::Status ToGrpcStatus(const absl::Status& status);

// INVALID_ARGUMENT whose message starts with the offending field's name, as
// every pwis validation error does: "bbox: min_lng is greater than max_lng",
// with a google.rpc.BadRequest payload naming the field.
absl::Status InvalidField(const std::string& field, const std::string& why);

// INVALID_ARGUMENT naming every field of `fields` as "required", so a
// client learns all it left out at once.
absl::Status RequiredFields(const std::vector<std::string>& fields);

// How long a request may wait on the database (for a connection, then for
// each statement, which is cancelled when this passes): its own deadline,
// capped at `cap` from now (a missing deadline means `cap`).
absl::Time WaitDeadline(const grpc::ServerContext& context,
                        absl::Duration cap = absl::Seconds(10));

// The instants a query may name: [1900-01-01T00:00:00Z,
// 9999-01-01T00:00:00Z). Narrower than Timestamp's own range so that every
// derived instant (a local day's end, a zone shift) stays a valid
// PostgreSQL timestamptz; no record of the city's falls outside it.
inline const absl::Time kEarliestQueryTime = absl::FromCivil(
    absl::CivilSecond(1900, 1, 1, 0, 0, 0), absl::UTCTimeZone());
inline const absl::Time kLatestQueryTime = absl::FromCivil(
    absl::CivilSecond(9999, 1, 1, 0, 0, 0), absl::UTCTimeZone());

// Validates a Timestamp field of a query: nanos in range, and inside
// [kEarliestQueryTime, kLatestQueryTime).
absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& ts,
                                         const std::string& field);

// Metadata the JSON front sends with the request's absolute URL; a
// handler's answer may depend on it (NextPageUrl), so read caches key on it.
inline constexpr char kRequestUrlMetadata[] = "pwis-request-url";

// The URL of the page after this one (the request's own URL, sent by the
// JSON front as metadata "pwis-request-url", with its page_token replaced
// by `token`); empty for gRPC callers, or when `token` is empty.
std::string NextPageUrl(const grpc::ServerContext& context,
                        const std::string& token);

// "scheme://host" of the HTTP request the JSON front answers (from
// "pwis-request-url"); empty for gRPC callers.
std::string RequestOrigin(const grpc::ServerContext& context);

// The caller's IP address: the socket's peer for a network call; for a call
// from the JSON front (in-process), the HTTP client's address it sends as
// metadata "pwis-client-address". A network caller's metadata counts only
// when its peer is in `proxies` (a separate pwis-gateway, a gRPC proxy):
// then "pwis-client-address", else the client "x-forwarded-for" reports.
std::string ClientAddress(const grpc::ServerContext& context,
                          const gateway::TrustedProxies& proxies);

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_GRPC_UTIL_H_
