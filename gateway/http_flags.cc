#include "gateway/http_flags.h"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_split.h"
#include "protos/descriptor_set.h"

namespace {
std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}
}  // namespace

ABSL_FLAG(int, http_threads, 2, "threads serving HTTP connections");
ABSL_FLAG(int64_t, http_max_body_bytes, 1 << 20,
          "largest request body; larger ones get 413");
ABSL_FLAG(int64_t, http_max_header_bytes, 16 << 10,
          "largest request header block; larger ones get 431");
ABSL_FLAG(int64_t, http_max_url_bytes, 8 << 10,
          "longest request target (path and query); longer ones get 414");
ABSL_FLAG(int, http_idle_timeout, 60,
          "seconds an idle keep-alive connection (or a client that stops "
          "reading) is kept");
ABSL_FLAG(int, http_request_timeout, 30,
          "seconds a request may take to arrive once started; else 408");
ABSL_FLAG(int, http_max_connections, 1024,
          "open HTTP connections at most; further ones get 503");
ABSL_FLAG(int, http_call_timeout, 30,
          "deadline in seconds of a call when the client sends no "
          "Grpc-Timeout");
ABSL_FLAG(bool, http_access_log, true, "log every HTTP request to stderr");
ABSL_FLAG(std::vector<std::string>, cors_origins,
          absl::StrSplit(EnvOr("PWIS_CORS_ORIGINS", "*"), ','),
          "origins browsers may call the HTTP API from (comma-separated, or "
          "* for any); env PWIS_CORS_ORIGINS");
ABSL_FLAG(std::string, swagger_ui_dir, EnvOr("PWIS_SWAGGER_UI_DIR", ""),
          "directory of the npm package swagger-ui-dist, served at /docs; "
          "env PWIS_SWAGGER_UI_DIR; default: the checkout's node_modules "
          "copy when present");
ABSL_FLAG(std::string, widget_dir, EnvOr("PWIS_WIDGET_DIR", ""),
          "directory of the built map widget (web/dist), served at /widget/ "
          "with its demo at /; env PWIS_WIDGET_DIR; default: the checkout's "
          "web/dist when built");
ABSL_FLAG(std::vector<std::string>, trusted_proxies,
          absl::StrSplit(EnvOr("PWIS_TRUSTED_PROXIES", ""), ',',
                         absl::SkipEmpty()),
          "the deployment's own proxies, addresses or networks "
          "(10.0.0.0/8,::1): a request from one counts as from the client "
          "its X-Forwarded-For reports (for per-client limits); a "
          "pwis-gateway in front of pwis-server must be listed there; env "
          "PWIS_TRUSTED_PROXIES; default: none");

namespace pwis::gateway {

absl::StatusOr<TrustedProxies> TrustedProxiesFromFlags() {
  return TrustedProxies::Parse(absl::GetFlag(FLAGS_trusted_proxies));
}

HttpServerOptions HttpServerOptionsFromFlags() {
  HttpServerOptions o;
  o.threads = absl::GetFlag(FLAGS_http_threads);
  o.max_body_bytes = absl::GetFlag(FLAGS_http_max_body_bytes);
  o.max_header_bytes = absl::GetFlag(FLAGS_http_max_header_bytes);
  o.max_url_bytes = absl::GetFlag(FLAGS_http_max_url_bytes);
  o.idle_timeout_seconds = absl::GetFlag(FLAGS_http_idle_timeout);
  o.request_timeout_seconds = absl::GetFlag(FLAGS_http_request_timeout);
  o.max_connections = absl::GetFlag(FLAGS_http_max_connections);
  o.log_refusals = absl::GetFlag(FLAGS_http_access_log);
  return o;
}

GatewayOptions GatewayOptionsFromFlags() {
  GatewayOptions o;
  o.access_log = absl::GetFlag(FLAGS_http_access_log);
  o.default_timeout_seconds = absl::GetFlag(FLAGS_http_call_timeout);
  o.web.cors_origins = absl::GetFlag(FLAGS_cors_origins);
  o.swagger_ui_dir = absl::GetFlag(FLAGS_swagger_ui_dir);
#ifdef PWIS_DEFAULT_SWAGGER_UI_DIR
  // Unset: the checkout's own copy (scripts/setup installs it), if there.
  if (o.swagger_ui_dir.empty() &&
      access(PWIS_DEFAULT_SWAGGER_UI_DIR "/swagger-ui-bundle.js", R_OK) == 0) {
    o.swagger_ui_dir = PWIS_DEFAULT_SWAGGER_UI_DIR;
  }
#endif
  o.widget_dir = absl::GetFlag(FLAGS_widget_dir);
#ifdef PWIS_DEFAULT_WIDGET_DIR
  if (o.widget_dir.empty() &&
      access(PWIS_DEFAULT_WIDGET_DIR "/pwis-map.js", R_OK) == 0) {
    o.widget_dir = PWIS_DEFAULT_WIDGET_DIR;
  }
#endif
  o.descriptor_set = std::string(pwis::protos::DescriptorSetWithComments());
  return o;
}

}  // namespace pwis::gateway
