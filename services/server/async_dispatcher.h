// AsyncDispatcher serves unary RPCs through gRPC's asynchronous API: a few
// threads (one per core at most), each owning one completion queue, take
// calls and answer those they can at once (reads found in the ReadCache);
// every other call goes to a pool of worker threads, which may block on the
// database. A cache hit so costs no hand-over between threads, which on a
// small machine costs more CPU than the answer (see bench/README.md), and
// a slow query never holds up a queue.
//
// Every request passes CheckRequest before its handler, and every error
// PublicStatus after it. A call that presents an API key is authenticated
// first (services/common/api_keys.h: UNAUTHENTICATED for a bad key, else
// CurrentCaller() is set for its handler) and is never cached. Answers'
// labels are cut to the call's language, if it names one
// (services/common/language.h).
//
// Handlers are the ordinary synchronous service methods, so services stay
// written against the plain generated `Service` interface. Methods are
// taken raw (wire bytes), so that a read's answer can be served from the
// ReadCache as the bytes computed before, without parsing the request or
// building the message again.
//
// Use: construct before ServerBuilder::BuildAndStart() and Add() methods,
// Start() after it; at the end MatchWaitingCalls(), grpc::Server::Shutdown(),
// then Shutdown().
#ifndef PWIS_SERVICES_SERVER_ASYNC_DISPATCHER_H_
#define PWIS_SERVICES_SERVER_ASYNC_DISPATCHER_H_

#include <grpcpp/grpcpp.h>

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "services/common/api_keys.h"
#include "services/common/grpc_util.h"
#include "services/common/language.h"
#include "services/common/request_checks.h"
#include "services/server/response_cache.h"

namespace pwis {

class AsyncDispatcher {
 public:
  // How a method's answers may be reused.
  enum class Caching {
    // Computed for every call (writes, or answers that carry the time).
    kNone,
    // A read: its answer depends only on the request message, the
    // metadata handlers read (pwis-request-url, accept-language), the
    // minute (defaulted
    // "now", see ParsePaging) and the database; kept in the ReadCache.
    kRead,
  };

  // Adds min(`workers`, cores) completion queues to `builder`, and will
  // run `workers` threads for calls that are not answered from `cache`
  // (null: none is).
  // `keys` (null: a call presenting a key is UNAUTHENTICATED) must
  // outlive the dispatcher.
  AsyncDispatcher(grpc::ServerBuilder& builder, int workers,
                  const ReadCache* cache = nullptr,
                  const ApiKeyAuthenticator* keys = nullptr);
  ~AsyncDispatcher();

  template <typename T>
  struct NoDeduce {
    using type = T;
  };

  // Serves one unary method, marked raw in `service`
  // (WithRawMethod_Xxx; `request` is its RequestXxx member), answered by
  // `impl`'s synchronous method.
  template <typename Svc, typename Impl, typename Req, typename Resp>
  void Add(
      typename NoDeduce<Svc>::type* service,
      void (Svc::*request)(grpc::ServerContext*, grpc::ByteBuffer*,
                           grpc::ServerAsyncResponseWriter<grpc::ByteBuffer>*,
                           grpc::CompletionQueue*, grpc::ServerCompletionQueue*,
                           void*),
      Impl* impl,
      grpc::Status (Impl::*method)(grpc::ServerContext*, const Req*, Resp*),
      Caching caching) {
    auto m = std::make_shared<MethodBase>();
    m->request = [service, request](
                     grpc::ServerContext* c, grpc::ByteBuffer* in,
                     grpc::ServerAsyncResponseWriter<grpc::ByteBuffer>* w,
                     grpc::ServerCompletionQueue* cq,
                     void* tag) { (service->*request)(c, in, w, cq, cq, tag); };
    m->answer = [impl, method](grpc::ServerContext* c, const std::string& bytes,
                               grpc::ByteBuffer* out) -> grpc::Status {
      Req req;
      if (!req.ParseFromString(bytes)) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            "the request is not a valid " +
                                Req::descriptor()->full_name() + " message");
      }
      Resp resp;
      grpc::Status status = ToGrpcStatus(CheckRequest(req));
      absl::StatusOr<Language> language = Language::kBoth;
      if (status.ok()) {
        language = CallLanguage(req, *c);
        if (!language.ok()) status = ToGrpcStatus(language.status());
      }
      if (status.ok()) status = (impl->*method)(c, &req, &resp);
      if (status.ok()) KeepLanguage(*language, &resp);
      status = PublicStatus(*c, std::move(status));
      if (!status.ok()) return status;
      bool own;
      return grpc::SerializationTraits<Resp>::Serialize(resp, out, &own);
    };
    m->caching = caching;
    // Methods may share a request type (ListPermits and
    // ExportPermitsGeoJson): the key must name the method itself.
    m->name = Req::descriptor()->full_name() + "#" +
              std::to_string(next_method_id_++);
    AddMethod(std::move(m));
  }

  // Starts taking calls on every queue.
  void Start();

  // Requests `per_method` more calls of every method on every queue, so
  // that calls gRPC has received but not yet matched to a request are
  // matched now. gRPC's Shutdown() cancels unmatched calls (CANCELLED,
  // grpc/grpc#41785) but lets matched ones finish within the grace
  // period: call this just before it. Each queue normally holds one
  // request per method, because a connection's calls go first to its own
  // queue and deeper queues would serve one connection on one thread.
  void MatchWaitingCalls(int per_method);

  // Lets the workers finish every call handed to them, then stops the
  // queues and joins the threads; call after the server's Shutdown().
  // Idempotent.
  void Shutdown();

 private:
  // A completion-queue event owner.
  struct Tag {
    virtual ~Tag() = default;
    virtual void Proceed(bool ok) = 0;
  };
  // What one method's calls share.
  struct MethodBase {
    using RequestFn =
        std::function<void(grpc::ServerContext*, grpc::ByteBuffer*,
                           grpc::ServerAsyncResponseWriter<grpc::ByteBuffer>*,
                           grpc::ServerCompletionQueue*, void*)>;
    // Answers one call: the request's wire bytes in, the answer's out.
    using AnswerFn = std::function<grpc::Status(
        grpc::ServerContext*, const std::string&, grpc::ByteBuffer*)>;
    RequestFn request;
    AnswerFn answer;
    Caching caching;
    std::string name;  // Tells the methods apart in cache keys.
  };
  int next_method_id_ = 0;
  class UnaryCall;
  // Starts waiting for one call of a method on a queue.
  using Starter = std::function<void(grpc::ServerCompletionQueue*)>;
  void AddMethod(std::shared_ptr<const MethodBase> method);

  // Hands `call` to a worker.
  void ToWorker(UnaryCall* call);
  void WorkerLoop();

  const ReadCache* cache_;
  const ApiKeyAuthenticator* keys_;
  const int workers_;
  absl::Mutex work_mu_;
  std::deque<UnaryCall*> work_ ABSL_GUARDED_BY(work_mu_);
  bool work_done_ ABSL_GUARDED_BY(work_mu_) = false;
  std::vector<std::thread> worker_threads_;
  std::vector<std::unique_ptr<grpc::ServerCompletionQueue>> queues_;
  std::vector<Starter> starters_;
  std::vector<std::thread> threads_;
  bool stopped_ = false;
};

}  // namespace pwis

#endif  // PWIS_SERVICES_SERVER_ASYNC_DISPATCHER_H_
