#include "services/server/async_dispatcher.h"

#include <grpcpp/support/async_unary_call.h>

#include "absl/time/clock.h"
#include "services/common/grpc_util.h"

namespace pwis {

namespace {

std::string Bytes(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  buffer.Dump(&slices);
  std::string bytes;
  for (const auto& s : slices) {
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return bytes;
}

int64_t Minute() { return absl::ToUnixSeconds(absl::Now()) / 60; }

// What decides a read's answer besides the database (see Caching::kRead).
std::string CacheKey(const std::string& method, int64_t minute,
                     const grpc::ServerContext& context,
                     const std::string& request) {
  std::string key = method;
  key += '\0';
  key.append(reinterpret_cast<const char*>(&minute), sizeof minute);
  auto it = context.client_metadata().find(kRequestUrlMetadata);
  if (it != context.client_metadata().end()) {
    key.append(it->second.data(), it->second.size());
  }
  key += '\0';
  key += request;
  return key;
}

}  // namespace

class AsyncDispatcher::UnaryCall final : public AsyncDispatcher::Tag {
 public:
  // Registers interest in the next call of `method` on `cq`.
  UnaryCall(std::shared_ptr<const MethodBase> method, const ReadCache* cache,
            grpc::ServerCompletionQueue* cq)
      : method_(std::move(method)),
        cache_(method_->caching == Caching::kRead ? cache : nullptr),
        cq_(cq),
        writer_(&context_) {
    method_->request(&context_, &request_, &writer_, cq_, this);
  }

  void Proceed(bool ok) override {
    if (finishing_ || !ok) {  // Sent, or the queue is shutting down.
      delete this;
      return;
    }
    new UnaryCall(method_, cache_, cq_);  // Be ready for the next call first.
    grpc::ByteBuffer answer;
    grpc::Status status = Answer(&answer);
    finishing_ = true;
    if (status.ok()) {
      writer_.Finish(answer, status, this);
    } else {
      writer_.FinishWithError(status, this);
    }
  }

 private:
  grpc::Status Answer(grpc::ByteBuffer* answer) {
    const std::string request = Bytes(request_);
    std::optional<uint64_t> generation;
    std::string key;
    int64_t minute = 0;
    if (cache_ != nullptr) {
      if (!cache_->sync_each_read ||
          cache_->changes->Sync(WaitDeadline(context_)).ok()) {
        generation = cache_->changes->Generation();
      }
      if (generation) {
        minute = Minute();
        key = CacheKey(method_->name, minute, context_, request);
        if (auto hit = cache_->answers->Find(key, *generation)) {
          *answer = std::move(*hit);
          return grpc::Status::OK;
        }
      }
    }
    grpc::Status status = method_->answer(&context_, request, answer);
    // An answer computed across a minute's turn may have used either.
    if (status.ok() && generation && Minute() == minute) {
      cache_->answers->Insert(key, *generation, *answer, answer->Length());
    }
    return status;
  }

  std::shared_ptr<const MethodBase> method_;
  const ReadCache* cache_;  // Null: not cached.
  grpc::ServerCompletionQueue* cq_;
  grpc::ServerContext context_;
  grpc::ByteBuffer request_;
  grpc::ServerAsyncResponseWriter<grpc::ByteBuffer> writer_;
  bool finishing_ = false;
};

AsyncDispatcher::AsyncDispatcher(grpc::ServerBuilder& builder, int threads,
                                 const ReadCache* cache)
    : cache_(cache) {
  for (int i = 0; i < threads; ++i) {
    queues_.push_back(builder.AddCompletionQueue());
  }
}

AsyncDispatcher::~AsyncDispatcher() { Shutdown(); }

void AsyncDispatcher::AddMethod(std::shared_ptr<const MethodBase> method) {
  starters_.push_back([method = std::move(method),
                       cache = cache_](grpc::ServerCompletionQueue* cq) {
    new UnaryCall(method, cache, cq);
  });
}

void AsyncDispatcher::Start() {
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
