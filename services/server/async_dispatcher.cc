#include "services/server/async_dispatcher.h"

namespace pwis {

AsyncDispatcher::AsyncDispatcher(grpc::ServerBuilder& builder, int threads) {
  for (int i = 0; i < threads; ++i) {
    queues_.push_back(builder.AddCompletionQueue());
  }
}

AsyncDispatcher::~AsyncDispatcher() { Shutdown(); }

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
