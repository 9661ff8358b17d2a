#include "gateway/api_docs.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/http_status.h"

namespace pwis::gateway {
namespace {

namespace http = boost::beast::http;

// Our own page: Swagger UI's bundle pointed at our document (relative, so
// it works behind a path prefix too).
const char kIndexHtml[] = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pwis API</title>
<link rel="stylesheet" href="swagger-ui.css">
<link rel="icon" type="image/png" href="favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="swagger-ui-bundle.js"></script>
<script src="docs.js"></script>
</body>
</html>
)html";

const char kDocsJs[] = R"js(window.ui = SwaggerUIBundle({
  url: "../openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
});
)js";

// The files of swagger-ui-dist that the page uses.
const std::pair<const char*, const char*> kSwaggerFiles[] = {
    {"swagger-ui.css", "text/css; charset=utf-8"},
    {"swagger-ui-bundle.js", "application/javascript; charset=utf-8"},
    {"favicon-32x32.png", "image/png"},
};

}  // namespace

absl::StatusOr<ApiDocs> ApiDocs::Create(std::string openapi_json,
                                        const std::string& swagger_ui_dir,
                                        std::string landing_html) {
  ApiDocs docs;
  docs.files_["/openapi.json"] = {"application/json", std::move(openapi_json)};
  if (!landing_html.empty()) {
    docs.files_["/"] = {"text/html; charset=utf-8", std::move(landing_html)};
  }
  if (swagger_ui_dir.empty()) return docs;
  for (const auto& [name, type] : kSwaggerFiles) {
    std::string path = absl::StrCat(swagger_ui_dir, "/", name);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return absl::FailedPreconditionError(
          absl::StrCat("Swagger UI: cannot read ", path,
                       " (is the npm package swagger-ui-dist installed?)"));
    }
    std::ostringstream body;
    body << in.rdbuf();
    docs.files_[absl::StrCat("/docs/", name)] = {type, body.str()};
  }
  docs.files_["/docs/"] = {"text/html; charset=utf-8", kIndexHtml};
  docs.files_["/docs/docs.js"] = {"application/javascript; charset=utf-8",
                                  kDocsJs};
  docs.swagger_ui_ = true;
  return docs;
}

std::optional<HttpResponse> ApiDocs::Answer(absl::string_view method,
                                            absl::string_view path,
                                            unsigned version) const {
  auto status_body = [version](http::status s, grpc::StatusCode code,
                               const std::string& message) {
    HttpResponse res(s, version);
    res.set(http::field::content_type, "application/json");
    res.body() = StatusJson(code, message);
    return res;
  };
  if (path == "/docs") {  // The page's relative links need the slash.
    HttpResponse res(http::status::moved_permanently, version);
    res.set(http::field::location, "/docs/");
    return res;
  }
  auto it = files_.find(path);
  if (it == files_.end()) {
    if (absl::StartsWith(path, "/docs/") && !swagger_ui_) {
      return status_body(http::status::not_found, grpc::StatusCode::NOT_FOUND,
                         "Swagger UI is not enabled on this server (start "
                         "it with --swagger_ui_dir); the API description "
                         "is at /openapi.json");
    }
    if (absl::StartsWith(path, "/docs/")) {
      return status_body(http::status::not_found, grpc::StatusCode::NOT_FOUND,
                         absl::StrCat("no file at ", path));
    }
    return std::nullopt;
  }
  if (method != "GET") {
    HttpResponse res = status_body(
        http::status::method_not_allowed, grpc::StatusCode::UNIMPLEMENTED,
        absl::StrCat("method ", method, " not allowed on ", path));
    res.set(http::field::allow, "GET");
    return res;
  }
  HttpResponse res(http::status::ok, version);
  res.set(http::field::content_type, it->second.content_type);
  res.body() = it->second.body;
  return res;
}

}  // namespace pwis::gateway
