// The front's own pages: GET /openapi.json (the generated OpenAPI 3
// document), Swagger UI under /docs/ (from the npm package swagger-ui-dist),
// the map widget under /widget/ with its demo at / and /embed.html (from
// web/dist, built by scripts/setup), and /api.html (what the service is,
// its routes and exports; also at / when there is no widget). Files are
// read once at start-up and served locally, never from a CDN; large ones
// are gzipped once then. Immutable after Create; thread-safe.
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
  // `landing_html` is served at /api.html (nothing there when empty).
  // `widget_dir` empty: no /widget/; else FAILED_PRECONDITION unless it
  // holds pwis-map.js. Its index.html is served at /, its embed.html at
  // /embed.html and every other file at /widget/<name>.
  static absl::StatusOr<ApiDocs> Create(std::string openapi_json,
                                        const std::string& swagger_ui_dir,
                                        std::string landing_html = "",
                                        const std::string& widget_dir = "");

  // The answer if `path` is one of the docs paths; nullopt otherwise. The
  // body is the file's gzip form when `accept_encoding` admits it; a file
  // whose ETag `if_none_match` names is a 304.
  std::optional<HttpResponse> Answer(
      absl::string_view method, absl::string_view path, unsigned version,
      absl::string_view accept_encoding = "",
      absl::string_view if_none_match = "") const;

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string gzipped;  // Empty: served as it is.
    std::string etag;     // Of `body`.
    bool page = false;    // The widget's pages: sent with a CSP.
  };
  void Add(std::string path, std::string content_type, std::string body,
           bool page = false);
  std::map<std::string, File, std::less<>> files_;  // By path.
  bool swagger_ui_ = false;
  bool widget_ = false;
};

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_API_DOCS_H_
