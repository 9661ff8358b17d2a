#include "services/server/async_dispatcher.h"

#include <grpcpp/support/async_unary_call.h>

#include <algorithm>

#include "absl/time/clock.h"
#include "gateway/byte_buffer.h"
#include "services/common/grpc_util.h"

namespace pwis {

namespace {

int64_t Minute() { return absl::ToUnixSeconds(absl::Now()) / 60; }

// What decides a read's answer besides the database (see Caching::kRead).
std::string CacheKey(const std::string& method, int64_t minute,
                     const grpc::ServerContext& context,
                     const std::string& request) {
  std::string key = method;
  key += '\0';
  key.append(reinterpret_cast<const char*>(&minute), sizeof minute);
  for (const char* name : {kRequestUrlMetadata, "accept-language"}) {
    auto it = context.client_metadata().find(name);
    if (it != context.client_metadata().end()) {
      key.append(it->second.data(), it->second.size());
    }
    key += '\0';
  }
  key += request;
  return key;
}

}  // namespace

class AsyncDispatcher::UnaryCall final : public AsyncDispatcher::Tag {
 public:
  // Registers interest in the next call of `method` on `cq`.
  UnaryCall(std::shared_ptr<const MethodBase> method, AsyncDispatcher* d,
            grpc::ServerCompletionQueue* cq)
      : method_(std::move(method)),
        dispatcher_(d),
        cache_(method_->caching == Caching::kRead ? d->cache_ : nullptr),
        cq_(cq),
        writer_(&context_) {
    method_->request(&context_, &request_, &writer_, cq_, this);
  }

  // On the queue's thread: a call has come (or its answer is sent).
  void Proceed(bool ok) override {
    if (finishing_ || !ok) {  // Sent, or the queue is shutting down.
      delete this;
      return;
    }
    new UnaryCall(method_, dispatcher_, cq_);  // Ready for the next call.
    request_bytes_ = gateway::BufferBytes(request_);
    // A key holder's answer may differ from the public's, and is audited.
    if (PresentsKey(context_)) cache_ = nullptr;
    if (cache_ != nullptr && !cache_->sync_each_read) {
      CachedAnswer hit;
      if (Lookup(&hit)) return Finish(hit.body, hit.status);
    }
    dispatcher_->ToWorker(this);
  }

  // On a worker: answers the call, which may wait on the database.
  void Work() {
    grpc::ByteBuffer answer;
    if (cache_ != nullptr && !looked_up_) {
      // Tests' exact mode: hear every change committed so far first.
      CachedAnswer hit;
      if (cache_->changes->Sync(WaitDeadline(context_)).ok() && Lookup(&hit)) {
        return Finish(hit.body, hit.status);
      }
    }
    std::optional<Caller> caller;
    if (PresentsKey(context_)) {
      absl::StatusOr<std::optional<Caller>> who =
          dispatcher_->keys_ == nullptr
              ? absl::UnauthenticatedError("this server takes no API keys")
              : dispatcher_->keys_->Authenticate(context_);
      if (!who.ok()) {
        return Finish(answer,
                      PublicStatus(context_, ToGrpcStatus(who.status())));
      }
      caller = std::move(*who);
    }
    CallerScope scope(caller ? &*caller : nullptr);
    grpc::Status status = method_->answer(&context_, request_bytes_, &answer);
    // An answer computed across a minute's turn may have used either. A
    // refusal kept costs its message and details (a dense tile found over
    // its cap is refused again without the database).
    if (generation_ && Minute() == minute_ && ResponseCache::Keeps(status)) {
      const size_t bytes = status.ok() ? answer.Length()
                                       : status.error_message().size() +
                                             status.error_details().size();
      cache_->answers->Insert(key_, *generation_, {answer, status}, bytes);
    }
    Finish(answer, status);
  }

 private:
  // Looks the call up in the cache; remembers the key and generation for
  // filling it after a miss.
  bool Lookup(CachedAnswer* answer) {
    looked_up_ = true;
    generation_ = cache_->changes->Generation();
    if (!generation_) return false;
    minute_ = Minute();
    key_ = CacheKey(method_->name, minute_, context_, request_bytes_);
    if (auto hit = cache_->answers->Find(key_, *generation_)) {
      *answer = std::move(*hit);
      return true;
    }
    return false;
  }

  void Finish(const grpc::ByteBuffer& answer, const grpc::Status& status) {
    finishing_ = true;
    if (status.ok()) {
      writer_.Finish(answer, status, this);
    } else {
      writer_.FinishWithError(status, this);
    }
  }

  std::shared_ptr<const MethodBase> method_;
  AsyncDispatcher* dispatcher_;
  const ReadCache* cache_;  // Null: not cached.
  grpc::ServerCompletionQueue* cq_;
  grpc::ServerContext context_;
  grpc::ByteBuffer request_;
  grpc::ServerAsyncResponseWriter<grpc::ByteBuffer> writer_;
  std::string request_bytes_;
  bool looked_up_ = false;
  std::optional<uint64_t> generation_;  // Set by Lookup.
  int64_t minute_ = 0;
  std::string key_;
  bool finishing_ = false;
};

AsyncDispatcher::AsyncDispatcher(grpc::ServerBuilder& builder, int workers,
                                 const ReadCache* cache,
                                 const ApiKeyAuthenticator* keys)
    : cache_(cache), keys_(keys), workers_(std::max(1, workers)) {
  const int cores =
      std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  for (int i = 0; i < std::min(workers_, cores); ++i) {
    queues_.push_back(builder.AddCompletionQueue());
  }
}

AsyncDispatcher::~AsyncDispatcher() { Shutdown(); }

void AsyncDispatcher::AddMethod(std::shared_ptr<const MethodBase> method) {
  starters_.push_back(
      [method = std::move(method), this](grpc::ServerCompletionQueue* cq) {
        new UnaryCall(method, this, cq);
      });
}

void AsyncDispatcher::ToWorker(UnaryCall* call) {
  {
    absl::MutexLock l(&work_mu_);
    if (!work_done_) {
      work_.push_back(call);
      return;
    }
  }
  call->Work();  // Shutting down: no worker left to take it.
}

void AsyncDispatcher::WorkerLoop() {
  auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(work_mu_) {
    return !work_.empty() || work_done_;
  };
  for (;;) {
    UnaryCall* call;
    {
      absl::MutexLock l(&work_mu_);
      work_mu_.Await(absl::Condition(&ready));
      if (work_.empty()) return;  // Done, and nothing left.
      call = work_.front();
      work_.pop_front();
    }
    call->Work();
  }
}

void AsyncDispatcher::Start() {
  for (int i = 0; i < workers_; ++i) {
    worker_threads_.emplace_back([this] { WorkerLoop(); });
  }
  for (auto& cq : queues_) {
    for (const Starter& start : starters_) start(cq.get());
    threads_.emplace_back([q = cq.get()] {
      void* tag;
      bool ok;
      while (q->Next(&tag, &ok)) static_cast<Tag*>(tag)->Proceed(ok);
    });
  }
}

void AsyncDispatcher::MatchWaitingCalls(int per_method) {
  if (threads_.empty() || stopped_) return;
  for (auto& cq : queues_) {
    for (const Starter& start : starters_) {
      for (int i = 0; i < per_method; ++i) start(cq.get());
    }
  }
}

void AsyncDispatcher::Shutdown() {
  if (stopped_) return;
  stopped_ = true;
  // Workers finish (and so queue the answers of) every call they hold
  // while the queues still take them.
  {
    absl::MutexLock l(&work_mu_);
    work_done_ = true;
  }
  for (auto& t : worker_threads_) t.join();
  for (auto& cq : queues_) cq->Shutdown();
  for (auto& t : threads_) t.join();
  // Queues never started still hold nothing but need draining.
  if (threads_.empty()) {
    for (auto& cq : queues_) {
      void* tag;
      bool ok;
      while (cq->Next(&tag, &ok)) static_cast<Tag*>(tag)->Proceed(ok);
    }
  }
}

}  // namespace pwis
