// Glue between absl::Status / absl::Time and gRPC / protobuf types.
#ifndef PWIS_SERVICES_COMMON_GRPC_UTIL_H_
#define PWIS_SERVICES_COMMON_GRPC_UTIL_H_

#include <google/protobuf/timestamp.pb.h>
#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace pwis {

// The gRPC status with the same code and message; payloads (keyed by type
// URL) become google.rpc.Status details.
grpc::Status ToGrpcStatus(const absl::Status& status);

// INVALID_ARGUMENT whose message starts with the offending field's name, as
// every pwis validation error does: "bbox: min_lng is greater than max_lng",
// with a google.rpc.BadRequest payload naming the field.
absl::Status InvalidField(const std::string& field, const std::string& why);

// How long a request may wait for a database connection: its own deadline,
// capped at `cap` from now (a missing deadline means `cap`).
absl::Time WaitDeadline(const grpc::ServerContext& context,
                        absl::Duration cap = absl::Seconds(10));

// Validates a Timestamp field (range 0001-01-01..9999-12-31, nanos in range).
absl::StatusOr<absl::Time> TimeFromProto(const google::protobuf::Timestamp& ts,
                                         const std::string& field);

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_GRPC_UTIL_H_
