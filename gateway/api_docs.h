// The front's self-description: a landing page at / (what the service is,
// where its documents and exports are), GET /openapi.json (the generated
// OpenAPI 3 document) and Swagger UI under /docs/, its files read once at
// start-up from the npm package swagger-ui-dist (served locally, never from a
// CDN). Immutable after Create; thread-safe.
#ifndef PWIS_GATEWAY_API_DOCS_H_
#define PWIS_GATEWAY_API_DOCS_H_

#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/http_server.h"

namespace pwis::gateway {

class ApiDocs {
 public:
  // `swagger_ui_dir` empty: /docs answers 404 saying how to enable it.
  // FAILED_PRECONDITION if the directory lacks Swagger UI's files.
  // `landing_html` is served at / (nothing there when empty).
  static absl::StatusOr<ApiDocs> Create(std::string openapi_json,
                                        const std::string& swagger_ui_dir,
                                        std::string landing_html = "");

  // The answer if `path` is one of the docs paths; nullopt otherwise.
  std::optional<HttpResponse> Answer(absl::string_view method,
                                     absl::string_view path,
                                     unsigned version) const;

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::map<std::string, File, std::less<>> files_;  // By path.
  bool swagger_ui_ = false;
};

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_API_DOCS_H_
