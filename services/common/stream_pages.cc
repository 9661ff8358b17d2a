#include "services/common/stream_pages.h"

namespace pwis {

absl::Status CheckStreamRequest(int32_t page_size,
                                const std::string& page_token) {
  if (page_size != 0) {
    return InvalidField("page_size", "a stream is not paged; leave it unset");
  }
  if (!page_token.empty()) {
    return InvalidField("page_token", "a stream is not paged; leave it unset");
  }
  return absl::OkStatus();
}

}  // namespace pwis
