#include "services/common/request_checks.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gateway/field_behavior.h"
#include "gateway/text_forms.h"
#include "services/common/grpc_util.h"

namespace pwis {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

absl::Status CheckTimestamp(const Message& m, const std::string& path) {
  const auto& ts = static_cast<const google::protobuf::Timestamp&>(m);
  if (ts.seconds() < gateway::kTimestampMinSeconds ||
      ts.seconds() > gateway::kTimestampMaxSeconds || ts.nanos() < 0 ||
      ts.nanos() > 999999999) {
    return InvalidField(path,
                        "timestamp out of range (0001-01-01T00:00:00Z to "
                        "9999-12-31T23:59:59.999999999Z)");
  }
  return absl::OkStatus();
}

absl::Status CheckDuration(const Message& m, const std::string& path) {
  const auto& d = static_cast<const google::protobuf::Duration&>(m);
  bool bad = d.seconds() < -gateway::kDurationMaxSeconds ||
             d.seconds() > gateway::kDurationMaxSeconds ||
             d.nanos() < -999999999 || d.nanos() > 999999999 ||
             (d.seconds() > 0 && d.nanos() < 0) ||
             (d.seconds() < 0 && d.nanos() > 0);
  if (bad) return InvalidField(path, "duration out of range");
  return absl::OkStatus();
}

absl::Status CheckMessage(const Message& m, const std::string& prefix,
                          int depth);

absl::Status CheckValue(const Message& m, const FieldDescriptor* f, int index,
                        const std::string& path, int depth) {
  const Reflection* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      if (f->type() != FieldDescriptor::TYPE_STRING) return absl::OkStatus();
      std::string scratch;
      const std::string& v =
          rep ? r->GetRepeatedStringReference(m, f, index, &scratch)
              : r->GetStringReference(m, f, &scratch);
      if (v.find('\0') != std::string::npos) {
        return InvalidField(path, "must not contain NUL (U+0000) characters");
      }
      if (!gateway::IsValidUtf8(v))
        return InvalidField(path, "not valid UTF-8");
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      int v =
          rep ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
      if (f->enum_type()->FindValueByNumber(v) == nullptr) {
        return InvalidField(path, absl::StrCat("unknown value ", v, " of ",
                                               f->enum_type()->full_name()));
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Message& sub =
          rep ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f);
      const std::string& type = f->message_type()->full_name();
      if (type == "google.protobuf.Timestamp") return CheckTimestamp(sub, path);
      if (type == "google.protobuf.Duration") return CheckDuration(sub, path);
      if (type == "google.protobuf.Struct" || type == "google.protobuf.Value" ||
          type == "google.protobuf.ListValue") {
        // A JSON document: the client knows the field, not protobuf's
        // representation of it.
        absl::Status s = CheckMessage(sub, "", depth + 1);
        if (!s.ok()) {
          return InvalidField(path,
                              "holds a string with NUL or bytes that "
                              "are not UTF-8");
        }
        return s;
      }
      return CheckMessage(sub, path, depth + 1);
    }
    default:
      return absl::OkStatus();
  }
}

absl::Status CheckMessage(const Message& m, const std::string& prefix,
                          int depth) {
  // gRPC's parser stops at 100 levels; a message built in process could
  // nest deeper, and the walk must not overflow the stack.
  if (depth > 100) return InvalidField(prefix, "nested too deeply");
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  const Reflection* r = m.GetReflection();
  auto path_of = [&](const FieldDescriptor* f) {
    return prefix.empty() ? f->name() : absl::StrCat(prefix, ".", f->name());
  };
  auto is_set = [&](const FieldDescriptor* f) {
    return f->is_repeated() ? r->FieldSize(m, f) > 0 : r->HasField(m, f);
  };
  // Every missing required field at once, before any value is judged.
  std::vector<std::string> missing;
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (!is_set(f) && gateway::IsRequiredField(f))
      missing.push_back(path_of(f));
  }
  if (!missing.empty()) return RequiredFields(missing);
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    std::string path = path_of(f);
    if (!is_set(f)) continue;
    if (f->is_repeated()) {
      for (int k = 0, n = r->FieldSize(m, f); k < n; ++k) {
        absl::Status s =
            CheckValue(m, f, k, absl::StrCat(path, "[", k, "]"), depth);
        if (!s.ok()) return s;
      }
    } else {
      absl::Status s = CheckValue(m, f, -1, path, depth);
      if (!s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

std::string RequestId(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find("x-request-id");
  if (it != context.client_metadata().end()) {
    absl::string_view v(it->second.data(), it->second.size());
    if (gateway::IsSaneRequestId(v)) return std::string(v);
  }
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return absl::StrFormat("%016x%016x", rng(), rng());
}

}  // namespace

absl::Status CheckRequest(const google::protobuf::Message& request) {
  return CheckMessage(request, "", 0);
}

grpc::Status PublicStatus(grpc::ServerContext& context, grpc::Status status) {
  const char* generic = nullptr;
  switch (status.error_code()) {
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::DATA_LOSS:
      generic = "internal error";
      break;
    case grpc::StatusCode::UNAVAILABLE:
      generic = "the database is unavailable; try again shortly";
      break;
    default:
      // Messages quote input; gRPC carries them in a header.
      if (status.error_message().size() > 1024) {
        return grpc::Status(status.error_code(),
                            gateway::Truncated(status.error_message(), 1024),
                            status.error_details());
      }
      return status;
  }
  std::string id = RequestId(context);
  std::cerr << absl::StrFormat("pwis: request %s failed: code %d: %s\n", id,
                               static_cast<int>(status.error_code()),
                               gateway::DisplayForm(status.error_message()));
  context.AddTrailingMetadata("x-request-id", id);
  return grpc::Status(status.error_code(),
                      absl::StrCat(generic, " (request id ", id, ")"));
}

}  // namespace pwis
