// gMock matchers for the statuses pwis returns, on grpc::Status and
// absl::Status alike:
//   EXPECT_THAT(status, IsInvalidField("bbox"));
//   EXPECT_THAT(status, HasCode(grpc::StatusCode::NOT_FOUND));
#ifndef PWIS_TESTS_SUPPORT_STATUS_MATCHERS_H_
#define PWIS_TESTS_SUPPORT_STATUS_MATCHERS_H_

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace pwis::testing {

// The field a google.rpc.BadRequest detail names ("" if none, or more
// than one violation), and whether the message starts with "<field>:".
struct FieldError {
  int code;
  std::string message;
  std::string detail_field;  // From the BadRequest detail.
  int violations = 0;
  std::vector<std::string> fields;  // Every violation's field, in order.
};
FieldError ReadFieldError(const grpc::Status& s);
FieldError ReadFieldError(const absl::Status& s);

// INVALID_ARGUMENT whose message starts with "<field>:" and whose one
// BadRequest violation names `field`.
MATCHER_P(IsInvalidField, field,
          std::string(negation ? "isn't" : "is") +
              " INVALID_ARGUMENT naming field " + std::string(field)) {
  FieldError e = ReadFieldError(arg);
  *result_listener << "code " << e.code << ", message \"" << e.message
                   << "\", BadRequest field \"" << e.detail_field << "\" of "
                   << e.violations;
  const std::string f(field);
  return e.code == static_cast<int>(absl::StatusCode::kInvalidArgument) &&
         e.message.rfind(f + ":", 0) == 0 && e.violations == 1 &&
         e.detail_field == f;
}

// INVALID_ARGUMENT whose BadRequest violations name exactly `fields` (a
// std::vector<std::string>), in order: the answer that tells every missing
// field at once.
MATCHER_P(IsInvalidFields, fields,
          std::string(negation ? "isn't" : "is") +
              " INVALID_ARGUMENT naming fields " +
              ::testing::PrintToString(fields)) {
  FieldError e = ReadFieldError(arg);
  *result_listener << "code " << e.code << ", message \"" << e.message
                   << "\", fields " << ::testing::PrintToString(e.fields);
  return e.code == static_cast<int>(absl::StatusCode::kInvalidArgument) &&
         e.fields == std::vector<std::string>(fields);
}

// The status has `code` (a grpc::StatusCode or absl::StatusCode).
MATCHER_P(HasCode, code, "has code " + ::testing::PrintToString(code)) {
  int got = ReadFieldError(arg).code;
  *result_listener << "code " << got << " (" << ReadFieldError(arg).message
                   << ")";
  return got == static_cast<int>(code);
}

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_STATUS_MATCHERS_H_
