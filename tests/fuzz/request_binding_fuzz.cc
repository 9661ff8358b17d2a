// libFuzzer target: query-string parsing and request binding into the real
// ListRoadWorksRequest, path bindings, and JSON body binding ("*", a
// repeated field, a message field). Properties: no crash or sanitizer
// report; a successful binding yields a message that serializes and parses
// back equal; a body bound to one field sets that field and nothing else
// (no injection); a path binding is never overridden by the body.
#include <google/protobuf/descriptor.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "gateway/request_binding.h"
#include "pwis/v1/roadworks.pb.h"

namespace {

using pwis::v1::ListRoadWorksRequest;

void RoundTrips(const ListRoadWorksRequest& r) {
  ListRoadWorksRequest again;
  if (!again.ParseFromString(r.SerializeAsString())) std::abort();
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
  std::string input(reinterpret_cast<const char*>(data), size);
  ListRoadWorksRequest request;
  auto query = pwis::gateway::ParseQueryString(input);
  if (query.ok() &&
      pwis::gateway::BindPathAndQuery(&request, {}, *query, {"pretty"}).ok()) {
    RoundTrips(request);
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
