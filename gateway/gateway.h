// Gateway: the grpc-gateway style HTTP/JSON front. It turns an HTTP request
// into a gRPC call on `channel` by the google.api.http rules (Router),
// calls the method generically (grpc::GenericStub, so it links no domain),
// and turns the answer into JSON, a raw HttpBody, a stream (NDJSON or
// Server-Sent Events) or a google.rpc.Status error body. Thread-safe.
#ifndef PWIS_GATEWAY_GATEWAY_H_
#define PWIS_GATEWAY_GATEWAY_H_

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gateway/api_docs.h"
#include "gateway/client_address.h"
#include "gateway/http_server.h"
#include "gateway/json_memo.h"
#include "gateway/router.h"
#include "gateway/web_headers.h"

namespace pwis::gateway {

// The largest answer the front reads from its upstream (gRPC's default is
// 4 MiB; a city-wide GeoJSON page or a dense tile may pass it), and the
// channel arguments that set it.
inline constexpr int kMaxUpstreamAnswerBytes = 64 << 20;
inline grpc::ChannelArguments UpstreamChannelArguments() {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxUpstreamAnswerBytes);
  return args;
}

struct GatewayOptions {
  // Deadline of a call when the client sends no Grpc-Timeout.
  int default_timeout_seconds = 30;
  // One line per request on stderr: method, target, status, bytes,
  // milliseconds, request id.
  bool access_log = true;
  // Memory for the JSON of answers already printed (JsonMemo); 0: none.
  size_t json_memo_bytes = size_t{64} << 20;
  // CORS and caching headers.
  WebOptions web;
  // The npm package swagger-ui-dist, served at /docs; empty: no /docs.
  std::string swagger_ui_dir;
  // The built map widget (web/dist), served at /widget/ with its demo at /
  // and /embed.html; empty: none (/ is then the routes page).
  std::string widget_dir;
  // The deployment's own proxies (--trusted_proxies): behind them the
  // client is the one X-Forwarded-For reports (gateway/client_address.h).
  TrustedProxies trusted_proxies;
  // The API's title and version in /openapi.json.
  std::string api_title = "pwis: Public Works Information Service";
  std::string api_version = "v1";
  // A serialized FileDescriptorSet with source info, whose comments become
  // the OpenAPI descriptions; empty: none.
  std::string descriptor_set;
};

class Gateway {
 public:
  // Builds the router and the OpenAPI document from the rules of
  // `services`; fails on bad rules or an unusable swagger_ui_dir.
  static absl::StatusOr<std::unique_ptr<Gateway>> Create(
      const std::vector<const google::protobuf::ServiceDescriptor*>& services,
      std::shared_ptr<grpc::Channel> channel, GatewayOptions options = {});

  // Answers one HTTP request (the HttpServer handler).
  void Handle(HttpRequest request, std::shared_ptr<HttpResponder> responder);

  // Waits until no call started by Handle is in flight, at most `timeout`;
  // false if some still are. Call after the HTTP server stopped taking
  // requests and before destroying it or the gateway.
  bool WaitIdle(absl::Duration timeout);

  // Waits (a while) for calls still in flight.
  ~Gateway();

  // Starts an HTTP server whose requests this gateway answers; the gateway
  // must outlive it.
  absl::StatusOr<std::unique_ptr<HttpServer>> Serve(
      const HttpServerOptions& options);

 private:
  friend class CallTicket;
  Gateway(Router router, ApiDocs docs, std::shared_ptr<grpc::Channel> channel,
          GatewayOptions options);

  Router router_;
  ApiDocs docs_;
  // Calls in flight (they point into router_ and options_).
  bool Idle() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return in_flight_ == 0;
  }
  absl::Mutex mu_;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  grpc::GenericStub stub_;
  GatewayOptions options_;
  JsonMemo json_memo_;
};

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_GATEWAY_H_
