#include "gateway/http_status.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/rpc/error_details.pb.h>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/text_forms.h"

namespace pwis::gateway {

int HttpStatusFromGrpc(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::UNKNOWN:
      return 500;
    case grpc::StatusCode::INVALID_ARGUMENT:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::FAILED_PRECONDITION:
      return 400;
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::INTERNAL:
      return 500;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::DATA_LOSS:
      return 500;
    default:
      return 500;
  }
}

std::string StatusJson(grpc::StatusCode code, const std::string& message,
                       const google::rpc::Status* details) {
  // The message is escaped by protobuf's JSON printer (as a string Value);
  // the object is laid out by hand to keep google.rpc.Status field order.
  google::protobuf::Value text;
  // Messages may quote client input: keep the body valid UTF-8.
  text.set_string_value(IsValidUtf8(message) ? message : DisplayForm(message));
  std::string quoted;
  if (!google::protobuf::util::MessageToJsonString(text, &quoted).ok()) {
    quoted = "\"(unprintable message)\"";
  }
  std::vector<std::string> printed;
  if (details != nullptr) {
    for (const google::protobuf::Any& any : details->details()) {
      std::string json;
      if (!google::protobuf::util::MessageToJsonString(any, &json).ok()) {
        google::protobuf::Value url;
        url.set_string_value(any.type_url());
        std::string quoted_url;
        (void)google::protobuf::util::MessageToJsonString(url, &quoted_url);
        json = absl::StrCat("{\"@type\":", quoted_url, "}");
      }
      printed.push_back(std::move(json));
    }
  }
  return absl::StrCat("{\"code\":", static_cast<int>(code),
                      ",\"message\":", quoted, ",\"details\":[",
                      absl::StrJoin(printed, ","), "]}");
}

std::optional<google::rpc::Status> DetailsOf(const grpc::Status& status) {
  if (status.error_details().empty()) return std::nullopt;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return std::nullopt;
  return details;
}

google::rpc::Status DetailsOf(const absl::Status& status) {
  google::rpc::Status details;
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& value) {
    google::protobuf::Any* any = details.add_details();
    any->set_type_url(std::string(url));
    any->set_value(std::string(value));
  });
  return details;
}

void AddFieldViolations(
    absl::Status& status,
    const std::vector<std::pair<std::string, std::string>>& fields) {
  google::rpc::BadRequest bad;
  for (const auto& [field, why] : fields) {
    auto* v = bad.add_field_violations();
    v->set_field(field);
    v->set_description(why);
  }
  status.SetPayload("type.googleapis.com/google.rpc.BadRequest",
                    absl::Cord(bad.SerializeAsString()));
}

}  // namespace pwis::gateway
