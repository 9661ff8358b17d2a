// libFuzzer target: query-string parsing and request binding into pwis's
// real request messages (the first input byte picks one), path bindings,
// and JSON body binding ("*", a repeated field, a message field).
// Properties: no crash or sanitizer report; a successful binding yields a
// message that serializes and parses back equal and that the server's own
// request checks accept (no NUL, no unknown enum number, no out-of-range
// Timestamp can get through the binding); a body bound to one field sets
// that field and nothing else (no injection); a path binding is never
// overridden by the body.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/message_differencer.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gateway/request_binding.h"
#include "pwis/v1/districts.pb.h"
#include "pwis/v1/roadworks.pb.h"
#include "services/common/request_checks.h"

namespace {

using google::protobuf::Message;
using pwis::v1::ListRoadWorksRequest;

const Message* const kRequests[] = {
    &pwis::v1::ListRoadWorksRequest::default_instance(),
    &pwis::v1::GetRoadWorkRequest::default_instance(),
    &pwis::v1::LocateDistrictRequest::default_instance(),
    &pwis::v1::ListDistrictsRequest::default_instance(),
};

void RoundTrips(const Message& r) {
  std::unique_ptr<Message> again(r.New());
  if (!again->ParseFromString(r.SerializeAsString())) std::abort();
  if (!google::protobuf::util::MessageDifferencer::Equals(r, *again)) {
    std::abort();
  }
}

// What the binding let through, the server's checks must accept, but for
// REQUIRED fields left unset (the binding does not know them).
void PassesRequestChecks(const Message& r) {
  absl::Status s = pwis::CheckRequest(r);
  if (!s.ok() && !absl::EndsWith(s.message(), ": required")) std::abort();
}

// Binds `body` to `field` only; aborts if anything else got set.
void BodyIntoOneField(const std::string& field, const std::string& body) {
  ListRoadWorksRequest r;
  if (!pwis::gateway::BindBody(&r, field, body).ok()) return;
  std::vector<const google::protobuf::FieldDescriptor*> set;
  r.GetReflection()->ListFields(r, &set);
  for (const auto* f : set) {
    if (f->name() != field) std::abort();
  }
  RoundTrips(r);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Message& type =
      *kRequests[data[0] % (sizeof kRequests / sizeof *kRequests)];
  std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::unique_ptr<Message> request(type.New());
  auto query = pwis::gateway::ParseQueryString(input);
  if (query.ok() &&
      pwis::gateway::BindPathAndQuery(request.get(), {}, *query, {"pretty"})
          .ok()) {
    RoundTrips(*request);
    PassesRequestChecks(*request);
  }
  // The whole body, then a path value that must win over it.
  ListRoadWorksRequest body;
  if (pwis::gateway::BindBody(&body, "*", input).ok() &&
      pwis::gateway::BindPathAndQuery(&body, {{"road", "中山"}}, {}, {}, "*")
          .ok()) {
    if (body.road() != "中山") std::abort();
    RoundTrips(body);
  }
  BodyIntoOneField("status", input);  // Repeated enum.
  BodyIntoOneField("at", input);      // Timestamp message.
  BodyIntoOneField("bbox", input);    // String.
  return 0;
}
