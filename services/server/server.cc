#include "services/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <algorithm>
#include <iostream>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "gateway/deterministic_serialization.h"
#include "gis/store/change_listener.h"
#include "gis/store/connection_pool.h"
#include "gis/store/districts_store.h"
#include "services/common/page_token.h"
#include "services/server/domain.h"
#include "services/server/response_cache.h"

namespace pwis {

// Everything the domains share, then the domains; destroyed after the gRPC
// server.
struct PwisServer::Parts {
  explicit Parts(const ServerOptions& o)
      : pool({o.database_url, o.pool_size}),
        changes(&pool),
        tokens(o.page_token_secret),
        districts(&pool, &changes),
        key_store(&pool),
        keys(&key_store),
        proxies(o.trusted_proxies) {
    DomainContext context{&pool,    &tokens,  &districts, &keys,
                          o.behind, &changes, &proxies};
    for (const DomainEntry& e : Domains()) domains.push_back(e.make(context));
    if (o.read_cache_bytes > 0) {
      answers = std::make_unique<ResponseCache>(o.read_cache_bytes);
      read_cache = {answers.get(), &changes, o.read_cache_sync};
    }
  }

  const ReadCache* cache() const {
    return answers == nullptr ? nullptr : &read_cache;
  }

  store::ConnectionPool pool;
  // Tells the read cache and the districts' memo of changes.
  store::ChangeListener changes;
  PageTokenCodec tokens;
  store::DistrictsStore districts;
  store::ApiKeysStore key_store;
  ApiKeyAuthenticator keys;
  const gateway::TrustedProxies proxies;
  std::vector<std::unique_ptr<Domain>> domains;
  std::unique_ptr<ResponseCache> answers;
  ReadCache read_cache;
};

namespace {

// Calls of each method per queue requested at shutdown: with 8 queues, room
// for 512 calls of one method waiting unmatched.
constexpr int kMatchAtShutdown = 64;

const google::protobuf::ServiceDescriptor* ServiceDescriptor(const char* name) {
  return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      name);
}

}  // namespace

absl::StatusOr<std::unique_ptr<PwisServer>> PwisServer::Start(
    const ServerOptions& options) {
  // Responses then serialize with sorted map keys: byte-stable answers
  // (and JSON, and ETags) for the same data.
  gateway::UseDeterministicSerialization();
  const store::BehindThresholds& behind = options.behind;
  if (!(behind.warning_points > 0 &&
        behind.warning_points <= behind.severe_points &&
        behind.severe_points <= 100)) {
    return absl::InvalidArgumentError(
        "behind-schedule thresholds: expected 0 < --behind_warning_points <= "
        "--behind_severe_points <= 100");
  }
  std::unique_ptr<PwisServer> s(new PwisServer());
  s->parts_ = std::make_unique<Parts>(options);
  s->health_interval_ = options.health_interval;

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address,
                           grpc::InsecureServerCredentials(), &s->port_);
  for (auto& domain : s->parts_->domains) {
    for (grpc::Service* service : domain->Services()) {
      builder.RegisterService(service);
    }
  }
  s->dispatcher_ =
      std::make_unique<AsyncDispatcher>(builder, std::max(1, options.pool_size),
                                        s->parts_->cache(), &s->parts_->keys);
  for (auto& domain : s->parts_->domains) domain->AddMethods(*s->dispatcher_);
  s->server_ = builder.BuildAndStart();
  if (s->server_ == nullptr || s->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ",
                                               options.listen_address,
                                               " (address in use or invalid)"));
  }
  // gRPC's default health service starts out SERVING; it is not true until
  // the JSON front is up and the database has answered (MonitorHealth).
  if (auto* health = s->server_->GetHealthCheckService()) {
    health->SetServingStatus(false);
  }
  s->dispatcher_->Start();
  if (options.http) {
    // The JSON front calls the services through an in-process channel, so
    // HTTP callers pass the same gRPC path (and later interceptors).
    std::vector<const google::protobuf::ServiceDescriptor*> services;
    for (const DomainEntry& e : Domains()) {
      services.push_back(ServiceDescriptor(e.service));
    }
    auto gw = gateway::Gateway::Create(
        services,
        s->server_->InProcessChannel(gateway::UpstreamChannelArguments()),
        options.gateway);
    if (!gw.ok()) return gw.status();
    s->gateway_ = std::move(*gw);
    auto started = s->gateway_->Serve(*options.http);
    if (!started.ok()) return started.status();
    s->http_ = std::move(*started);
  }
  s->MonitorHealth();  // First probe before returning, then in the background.
  s->health_thread_ = std::thread([p = s.get()] {
    while (!p->stopping_.WaitForNotificationWithTimeout(p->health_interval_)) {
      p->MonitorHealth();
    }
  });
  return s;
}

const ReadCache* PwisServer::read_cache() const {
  return parts_ == nullptr ? nullptr : parts_->cache();
}

void PwisServer::MonitorHealth() {
  absl::Status db = parts_->pool.Ping(absl::Now() + absl::Seconds(1));
  // A busy pool (DEADLINE_EXCEEDED) is not a sick database.
  bool serving = db.ok() || absl::IsDeadlineExceeded(db);
  auto* health = server_->GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus("", serving);
  for (const DomainEntry& e : Domains()) {
    health->SetServingStatus(e.service, serving);
  }
}

void PwisServer::Shutdown(absl::Duration grace) {
  if (server_ == nullptr) return;  // Never started.
  std::call_once(shutdown_once_, [&] {
    stopping_.Notify();
    // HTTP first stops taking connections, but keeps its threads: the
    // calls in flight (HTTP ones included) get the grace period to finish,
    // and their answers are written before the HTTP server goes.
    if (http_ != nullptr) http_->StopAccepting();
    if (health_thread_.joinable()) health_thread_.join();
    // The in-process channel is closed outright by the server's shutdown
    // (no GOAWAY grace as over TCP), so HTTP calls are drained first.
    if (gateway_ != nullptr) gateway_->WaitIdle(grace);
    // Calls received and waiting for a free thread are in flight too.
    dispatcher_->MatchWaitingCalls(kMatchAtShutdown);
    // The time lets a client tell calls it opened later (which gRPC
    // cancels) from calls in flight (bench/faults).
    std::cerr << "pwis-server: gRPC stops taking calls at "
              << absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::Now(),
                                  absl::UTCTimeZone())
              << "\n";
    server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
    dispatcher_->Shutdown();
    if (gateway_ != nullptr) gateway_->WaitIdle(grace + absl::Seconds(5));
    if (http_ != nullptr) http_->Stop();
  });
}

void PwisServer::Wait() { server_->Wait(); }

PwisServer::~PwisServer() {
  if (server_ == nullptr) return;
  Shutdown(absl::ZeroDuration());
  server_->Wait();
  server_.reset();
}

}  // namespace pwis
