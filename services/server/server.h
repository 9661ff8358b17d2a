// PwisServer wires the pwis gRPC services, health checking and reflection
// around one database connection pool. Tests start it in-process; main.cc
// runs it as pwis-server.
#ifndef PWIS_SERVICES_SERVER_SERVER_H_
#define PWIS_SERVICES_SERVER_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gateway/gateway.h"
#include "gateway/http_server.h"
#include "gis/store/projects_store.h"
#include "services/server/async_dispatcher.h"

namespace pwis {

struct ServerOptions {
  // host:port to listen on; port 0 picks a free one (see PwisServer::port).
  std::string listen_address = "0.0.0.0:50051";
  // libpq connection string or URI of the pwis database.
  std::string database_url;
  // Most database connections held at once; also the number of threads
  // answering calls.
  int pool_size = 8;
  // Key for page-token signatures; servers behind one load balancer must
  // share it. Empty: a random key per process.
  std::string page_token_secret;
  // The HTTP/JSON front (gateway/), served when set; port 0 picks a free
  // one (see PwisServer::http_port).
  std::optional<gateway::HttpServerOptions> http;
  gateway::GatewayOptions gateway;
  // Budget of the read cache (services/server/response_cache.h): answers
  // of read methods kept until a change to the database is announced;
  // 0 turns it off.
  size_t read_cache_bytes = size_t{256} << 20;
  // Before each cached read, wait until every change committed so far has
  // been heard (exact even right after a write; one round trip per call).
  bool read_cache_sync = false;
  // From how many points behind plan a project is WARNING and SEVERE
  // (--behind_warning_points, --behind_severe_points); Start refuses
  // thresholds outside 0 < warning <= severe <= 100.
  store::BehindThresholds behind;
  // The deployment's own proxies (--trusted_proxies): a gRPC call from one
  // counts as from the client it names (gateway/client_address.h).
  gateway::TrustedProxies trusted_proxies;
  // How often health checking probes the database.
  absl::Duration health_interval = absl::Seconds(1);
};

struct ReadCache;

class PwisServer {
 public:
  // Starts serving; fails if the address cannot be bound. A database that is
  // down does not stop the start: health reports NOT_SERVING until it is up.
  static absl::StatusOr<std::unique_ptr<PwisServer>> Start(
      const ServerOptions& options);

  ~PwisServer();

  // The bound gRPC port.
  int port() const { return port_; }

  // The bound HTTP port, or -1 without the HTTP front.
  int http_port() const { return http_ == nullptr ? -1 : http_->port(); }

  // The read cache, or null when it is off.
  const ReadCache* read_cache() const;

  // Stops accepting calls, lets running ones finish within `grace`, then
  // cancels the rest. Idempotent; thread-safe.
  void Shutdown(absl::Duration grace = absl::Seconds(5));

  // Blocks until Shutdown() has completed.
  void Wait();

 private:
  struct Parts;
  PwisServer() = default;
  void MonitorHealth();

  // Destroyed in reverse: the server first, then the dispatcher's queues,
  // then the services and the pool.
  std::unique_ptr<Parts> parts_;
  std::unique_ptr<AsyncDispatcher> dispatcher_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<gateway::Gateway> gateway_;
  std::unique_ptr<gateway::HttpServer> http_;
  int port_ = 0;
  absl::Notification stopping_;
  std::thread health_thread_;
  absl::Duration health_interval_;
  std::once_flag shutdown_once_;
};

}  // namespace pwis

#endif  // PWIS_SERVICES_SERVER_SERVER_H_
