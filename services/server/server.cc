#include "services/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <algorithm>
#include <iostream>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "gateway/deterministic_serialization.h"
#include "gis/store/connection_pool.h"
#include "gis/store/districts_store.h"
#include "gis/store/roadworks_store.h"
#include "services/common/grpc_util.h"
#include "services/common/page_token.h"
#include "services/common/request_checks.h"
#include "services/districts/district_service.h"
#include "services/roadworks/roadwork_service.h"

namespace pwis {
namespace {

// StreamRoadWorks runs on gRPC's synchronous threads (the AsyncDispatcher
// serves unary methods); this forwards it to the implementation.
class RoadWorkStreaming : public pwis::v1::RoadWorkService::Service {
 public:
  void set_impl(roadworks::RoadWorkServiceImpl* impl) { impl_ = impl; }
  grpc::Status StreamRoadWorks(
      grpc::ServerContext* context,
      const pwis::v1::ListRoadWorksRequest* request,
      grpc::ServerWriter<pwis::v1::RoadWork>* writer) override {
    grpc::Status status = ToGrpcStatus(CheckRequest(*request));
    if (status.ok()) status = impl_->StreamRoadWorks(context, request, writer);
    return PublicStatus(*context, std::move(status));
  }

 private:
  roadworks::RoadWorkServiceImpl* impl_ = nullptr;
};

// The road-work service as registered: unary methods asynchronous, the
// stream synchronous.
using RW = pwis::v1::RoadWorkService;
class RoadWorkRegistration
    : public RW::WithAsyncMethod_GetRoadWork<RW::WithAsyncMethod_ListRoadWorks<
          RW::WithAsyncMethod_ExportRoadWorksGeoJson<RoadWorkStreaming>>> {
 public:
  explicit RoadWorkRegistration(roadworks::RoadWorkServiceImpl* impl) {
    // The With* templates only default-construct their base.
    set_impl(impl);
  }
};

}  // namespace

// Everything the services share; destroyed after the gRPC server.
struct PwisServer::Parts {
  explicit Parts(const ServerOptions& o)
      : pool({o.database_url, o.pool_size}),
        tokens(o.page_token_secret),
        works(&pool),
        districts(&pool),
        roadwork_service(&works, &districts, &tokens),
        district_service(&districts) {}

  store::ConnectionPool pool;
  PageTokenCodec tokens;
  store::RoadWorksStore works;
  store::DistrictsStore districts;
  roadworks::RoadWorkServiceImpl roadwork_service;
  districts::DistrictServiceImpl district_service;
  // Registered with gRPC; calls are dispatched to the services above.
  RoadWorkRegistration roadwork_async{&roadwork_service};
  pwis::v1::DistrictService::AsyncService district_async;
};

namespace {

// Calls of each method per queue requested at shutdown: with 8 queues, room
// for 512 calls of one method waiting unmatched.
constexpr int kMatchAtShutdown = 64;

const google::protobuf::ServiceDescriptor* ServiceDescriptor(const char* name) {
  return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      name);
}

// Routes every pwis RPC through `d` to the synchronous implementations.
void AddMethods(AsyncDispatcher& d, roadworks::RoadWorkServiceImpl* rw,
                districts::DistrictServiceImpl* ds,
                RoadWorkRegistration* rw_async,
                pwis::v1::DistrictService::AsyncService* ds_async) {
  using RW = RoadWorkRegistration;
  using DS = pwis::v1::DistrictService::AsyncService;
  d.Add(rw_async, &RW::RequestGetRoadWork,
        [rw](auto* c, auto* req, auto* resp) {
          return rw->GetRoadWork(c, req, resp);
        });
  d.Add(rw_async, &RW::RequestListRoadWorks,
        [rw](auto* c, auto* req, auto* resp) {
          return rw->ListRoadWorks(c, req, resp);
        });
  d.Add(rw_async, &RW::RequestExportRoadWorksGeoJson,
        [rw](auto* c, auto* req, auto* resp) {
          return rw->ExportRoadWorksGeoJson(c, req, resp);
        });
  d.Add(ds_async, &DS::RequestLocateDistrict,
        [ds](auto* c, auto* req, auto* resp) {
          return ds->LocateDistrict(c, req, resp);
        });
  d.Add(ds_async, &DS::RequestListDistricts,
        [ds](auto* c, auto* req, auto* resp) {
          return ds->ListDistricts(c, req, resp);
        });
  d.Add(ds_async, &DS::RequestExportDistrictsGeoJson,
        [ds](auto* c, auto* req, auto* resp) {
          return ds->ExportDistrictsGeoJson(c, req, resp);
        });
}

}  // namespace

absl::StatusOr<std::unique_ptr<PwisServer>> PwisServer::Start(
    const ServerOptions& options) {
  // Responses then serialize with sorted map keys: byte-stable answers
  // (and JSON, and ETags) for the same data.
  gateway::UseDeterministicSerialization();
  std::unique_ptr<PwisServer> s(new PwisServer());
  s->parts_ = std::make_unique<Parts>(options);
  s->health_interval_ = options.health_interval;

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address,
                           grpc::InsecureServerCredentials(), &s->port_);
  builder.RegisterService(&s->parts_->roadwork_async);
  builder.RegisterService(&s->parts_->district_async);
  s->dispatcher_ = std::make_unique<AsyncDispatcher>(
      builder, std::max(1, options.pool_size));
  AddMethods(*s->dispatcher_, &s->parts_->roadwork_service,
             &s->parts_->district_service, &s->parts_->roadwork_async,
             &s->parts_->district_async);
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
    auto gw = gateway::Gateway::Create(
        {ServiceDescriptor("pwis.v1.RoadWorkService"),
         ServiceDescriptor("pwis.v1.DistrictService")},
        s->server_->InProcessChannel(grpc::ChannelArguments()),
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

void PwisServer::MonitorHealth() {
  absl::Status db = parts_->pool.Ping(absl::Now() + absl::Seconds(1));
  // A busy pool (DEADLINE_EXCEEDED) is not a sick database.
  bool serving = db.ok() || absl::IsDeadlineExceeded(db);
  auto* health = server_->GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus("", serving);
  health->SetServingStatus("pwis.v1.RoadWorkService", serving);
  health->SetServingStatus("pwis.v1.DistrictService", serving);
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
