#include "tests/support/status_matchers.h"

#include "absl/strings/cord.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace pwis::testing {
namespace {

void ReadBadRequest(const google::rpc::BadRequest& bad, FieldError& e) {
  e.violations = bad.field_violations_size();
  if (e.violations == 1) e.detail_field = bad.field_violations(0).field();
  for (const auto& v : bad.field_violations()) e.fields.push_back(v.field());
}

}  // namespace

FieldError ReadFieldError(const grpc::Status& s) {
  FieldError e{static_cast<int>(s.error_code()), s.error_message(), "", 0};
  google::rpc::Status details;
  if (!details.ParseFromString(s.error_details())) return e;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) ReadBadRequest(bad, e);
  }
  return e;
}

FieldError ReadFieldError(const absl::Status& s) {
  FieldError e{static_cast<int>(s.code()), std::string(s.message()), "", 0};
  if (auto payload =
          s.GetPayload("type.googleapis.com/google.rpc.BadRequest")) {
    google::rpc::BadRequest bad;
    if (bad.ParseFromString(std::string(*payload))) ReadBadRequest(bad, e);
  }
  return e;
}

}  // namespace pwis::testing
