#include "services/common/grpc_util.h"

#include "absl/strings/str_cat.h"

namespace pwis {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      std::string(status.message()));
}

absl::Status InvalidField(const std::string& field, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
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
  constexpr int64_t kMinSeconds = -62135596800;  // 0001-01-01T00:00:00Z
  constexpr int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z
  if (ts.seconds() < kMinSeconds || ts.seconds() > kMaxSeconds ||
      ts.nanos() < 0 || ts.nanos() > 999999999) {
    return InvalidField(field, "timestamp out of range");
  }
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

}  // namespace pwis
