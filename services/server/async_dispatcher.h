// AsyncDispatcher serves unary RPCs through gRPC's asynchronous API: a fixed
// set of threads, each owning one completion queue, takes calls and runs
// their handlers inline. Compared with the synchronous server this avoids
// handing every call between poller and worker threads, which on a small
// machine costs more CPU than the call itself (see bench/README.md).
//
// Every request passes CheckRequest before its handler, and every error
// PublicStatus after it.
//
// Handlers are the ordinary synchronous service methods, so services stay
// written against the plain generated `Service` interface. A handler may
// block (on the database); other threads keep serving meanwhile.
//
// Use: construct before ServerBuilder::BuildAndStart() and Add() methods,
// Start() after it; at the end MatchWaitingCalls(), grpc::Server::Shutdown(),
// then Shutdown().
#ifndef PWIS_SERVICES_SERVER_ASYNC_DISPATCHER_H_
#define PWIS_SERVICES_SERVER_ASYNC_DISPATCHER_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "services/common/grpc_util.h"
#include "services/common/request_checks.h"

namespace pwis {

class AsyncDispatcher {
 public:
  // Adds `threads` completion queues to `builder`.
  AsyncDispatcher(grpc::ServerBuilder& builder, int threads);
  ~AsyncDispatcher();

  template <typename T>
  struct NoDeduce {
    using type = T;
  };

  template <typename Req, typename Resp>
  using Handler =
      std::function<grpc::Status(grpc::ServerContext*, const Req*, Resp*)>;

  // Serves one unary method: `request` is the generated
  // AsyncService::RequestXxx member, `handler` answers a call.
  // The types come from `request` alone (it may be a member of a base of
  // the service's class).
  template <typename Svc, typename Req, typename Resp>
  void Add(typename NoDeduce<Svc>::type* service,
           void (Svc::*request)(grpc::ServerContext*, Req*,
                                grpc::ServerAsyncResponseWriter<Resp>*,
                                grpc::CompletionQueue*,
                                grpc::ServerCompletionQueue*, void*),
           typename NoDeduce<Handler<Req, Resp>>::type handler);

  // The same, answered by `impl`'s method (a synchronous service method).
  template <typename Svc, typename Req, typename Resp, typename Impl>
  void Add(typename NoDeduce<Svc>::type* service,
           void (Svc::*request)(grpc::ServerContext*, Req*,
                                grpc::ServerAsyncResponseWriter<Resp>*,
                                grpc::CompletionQueue*,
                                grpc::ServerCompletionQueue*, void*),
           Impl* impl,
           grpc::Status (Impl::*method)(grpc::ServerContext*,
                                        const typename NoDeduce<Req>::type*,
                                        typename NoDeduce<Resp>::type*)) {
    Add(service, request,
        Handler<Req, Resp>(
            [impl, method](grpc::ServerContext* c, const Req* q, Resp* r) {
              return (impl->*method)(c, q, r);
            }));
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

  // Stops the queues and joins the threads; call after the server's
  // Shutdown(). Idempotent.
  void Shutdown();

 private:
  // A completion-queue event owner.
  struct Tag {
    virtual ~Tag() = default;
    virtual void Proceed(bool ok) = 0;
  };
  template <typename Svc, typename Req, typename Resp>
  class UnaryCall;
  // Starts waiting for one call of a method on a queue.
  using Starter = std::function<void(grpc::ServerCompletionQueue*)>;

  std::vector<std::unique_ptr<grpc::ServerCompletionQueue>> queues_;
  std::vector<Starter> starters_;
  std::vector<std::thread> threads_;
  bool stopped_ = false;
};

template <typename Svc, typename Req, typename Resp>
class AsyncDispatcher::UnaryCall final : public AsyncDispatcher::Tag {
 public:
  using RequestFn = void (Svc::*)(grpc::ServerContext*, Req*,
                                  grpc::ServerAsyncResponseWriter<Resp>*,
                                  grpc::CompletionQueue*,
                                  grpc::ServerCompletionQueue*, void*);
  struct Method {
    Svc* service;
    RequestFn request;
    Handler<Req, Resp> handler;
  };

  // Registers interest in the next call of `method` on `cq`.
  UnaryCall(std::shared_ptr<const Method> method,
            grpc::ServerCompletionQueue* cq)
      : method_(std::move(method)), cq_(cq), writer_(&context_) {
    (method_->service->*method_->request)(&context_, &request_, &writer_, cq_,
                                          cq_, this);
  }

  void Proceed(bool ok) override {
    if (finishing_ || !ok) {  // Sent, or the queue is shutting down.
      delete this;
      return;
    }
    new UnaryCall(method_, cq_);  // Be ready for the next call first.
    Resp response;
    grpc::Status status = ToGrpcStatus(CheckRequest(request_));
    if (status.ok()) status = method_->handler(&context_, &request_, &response);
    status = PublicStatus(context_, std::move(status));
    finishing_ = true;
    if (status.ok()) {
      writer_.Finish(response, status, this);
    } else {
      writer_.FinishWithError(status, this);
    }
  }

 private:
  std::shared_ptr<const Method> method_;
  grpc::ServerCompletionQueue* cq_;
  grpc::ServerContext context_;
  Req request_;
  grpc::ServerAsyncResponseWriter<Resp> writer_;
  bool finishing_ = false;
};

template <typename Svc, typename Req, typename Resp>
void AsyncDispatcher::Add(
    typename NoDeduce<Svc>::type* service,
    void (Svc::*request)(grpc::ServerContext*, Req*,
                         grpc::ServerAsyncResponseWriter<Resp>*,
                         grpc::CompletionQueue*, grpc::ServerCompletionQueue*,
                         void*),
    typename NoDeduce<Handler<Req, Resp>>::type handler) {
  using Call = UnaryCall<Svc, Req, Resp>;
  auto method = std::make_shared<const typename Call::Method>(
      typename Call::Method{service, request, std::move(handler)});
  starters_.push_back(
      [method](grpc::ServerCompletionQueue* cq) { new Call(method, cq); });
}

}  // namespace pwis

#endif  // PWIS_SERVICES_SERVER_ASYNC_DISPATCHER_H_
