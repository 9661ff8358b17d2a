#include "gateway/api_docs.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/http_status.h"
#include "gateway/web_headers.h"

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

// Content types of the widget's files, by extension.
const char* ContentTypeOf(absl::string_view name) {
  if (absl::EndsWith(name, ".html")) return "text/html; charset=utf-8";
  if (absl::EndsWith(name, ".js") || absl::EndsWith(name, ".mjs")) {
    return "text/javascript; charset=utf-8";
  }
  if (absl::EndsWith(name, ".css")) return "text/css; charset=utf-8";
  if (absl::EndsWith(name, ".json")) return "application/json";
  if (absl::EndsWith(name, ".png")) return "image/png";
  if (absl::EndsWith(name, ".svg")) return "image/svg+xml";
  return "text/plain; charset=utf-8";
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream body;
  body << in.rdbuf();
  *out = body.str();
  return true;
}

// The widget's pages load only this server's scripts and data; the
// widget's styles are inline in its shadow root.
const char kPagePolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' "
    "'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'";

}  // namespace

void ApiDocs::Add(std::string path, std::string content_type, std::string body,
                  bool page) {
  File f{std::move(content_type), std::move(body), "", "", page};
  f.etag = ETagOf(f.body);
  // Once here rather than per request: the widget's MapLibre is 1 MB.
  std::string zipped;
  if (f.body.size() >= 1024 && Gzip(f.body, &zipped) &&
      zipped.size() < f.body.size()) {
    f.gzipped = std::move(zipped);
  }
  files_[std::move(path)] = std::move(f);
}

absl::StatusOr<ApiDocs> ApiDocs::Create(std::string openapi_json,
                                        const std::string& swagger_ui_dir,
                                        std::string landing_html,
                                        const std::string& widget_dir) {
  ApiDocs docs;
  docs.Add("/openapi.json", "application/json", std::move(openapi_json));
  if (!widget_dir.empty()) {
    if (access(absl::StrCat(widget_dir, "/pwis-map.js").c_str(), R_OK) != 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "map widget: cannot read ", widget_dir,
          "/pwis-map.js (scripts/setup builds it: npm run build:widget)"));
    }
    DIR* dir = opendir(widget_dir.c_str());
    if (dir == nullptr) {
      return absl::FailedPreconditionError(
          absl::StrCat("map widget: cannot list ", widget_dir));
    }
    while (dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      if (name.empty() || name[0] == '.') continue;
      std::string path = absl::StrCat(widget_dir, "/", name);
      struct stat st;
      std::string body;
      if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
          !ReadFile(path, &body)) {
        continue;
      }
      std::string url = name == "index.html"   ? "/"
                        : name == "embed.html" ? "/embed.html"
                                               : absl::StrCat("/widget/", name);
      docs.Add(url, ContentTypeOf(name), std::move(body),
               absl::EndsWith(name, ".html"));
    }
    closedir(dir);
    docs.widget_ = true;
  }
  if (!landing_html.empty()) {
    if (!docs.widget_) docs.Add("/", "text/html; charset=utf-8", landing_html);
    docs.Add("/api.html", "text/html; charset=utf-8", std::move(landing_html));
  }
  if (swagger_ui_dir.empty()) return docs;
  for (const auto& [name, type] : kSwaggerFiles) {
    std::string path = absl::StrCat(swagger_ui_dir, "/", name);
    std::string body;
    if (!ReadFile(path, &body)) {
      return absl::FailedPreconditionError(
          absl::StrCat("Swagger UI: cannot read ", path,
                       " (is the npm package swagger-ui-dist installed?)"));
    }
    docs.Add(absl::StrCat("/docs/", name), type, std::move(body));
  }
  docs.Add("/docs/", "text/html; charset=utf-8", kIndexHtml);
  docs.Add("/docs/docs.js", "application/javascript; charset=utf-8", kDocsJs);
  docs.swagger_ui_ = true;
  return docs;
}

std::optional<HttpResponse> ApiDocs::Answer(
    absl::string_view method, absl::string_view path, unsigned version,
    absl::string_view accept_encoding, absl::string_view if_none_match) const {
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
    if (absl::StartsWith(path, "/widget/") && !widget_) {
      return status_body(http::status::not_found, grpc::StatusCode::NOT_FOUND,
                         "the map widget is not enabled on this server "
                         "(start it with --widget_dir)");
    }
    if (absl::StartsWith(path, "/docs/") ||
        absl::StartsWith(path, "/widget/")) {
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
  const File& f = it->second;
  res.set("X-Content-Type-Options", "nosniff");
  if (f.page) res.set("Content-Security-Policy", kPagePolicy);
  const bool gzip = !f.gzipped.empty() && AcceptsGzip(accept_encoding);
  std::string etag = f.etag;
  if (gzip) etag.insert(etag.size() - 1, "-gzip");
  res.set(http::field::etag, etag);
  // Revalidated after five minutes: a deployment's new widget reaches
  // pages within that, and an unchanged one costs a 304.
  res.set(http::field::cache_control, "public, max-age=300");
  if (!if_none_match.empty() && ETagMatches(if_none_match, f.etag)) {
    res.result(http::status::not_modified);
    if (!f.gzipped.empty()) res.set(http::field::vary, "Accept-Encoding");
    return res;
  }
  res.set(http::field::content_type, f.content_type);
  if (gzip) {
    res.body() = f.gzipped;
    res.set(http::field::content_encoding, "gzip");
    res.set(http::field::vary, "Accept-Encoding");
  } else {  // Vary comes with ApplyCompression, which leaves it unzipped.
    res.body() = f.body;
  }
  return res;
}

}  // namespace pwis::gateway
