// The floor under pwis-server's gRPC path: a server with pwis's service
// registration and completion-queue shape (raw GetRoadWork method, one queue
// per thread) that answers every call with the same fixed bytes and does no
// other work. What it spends per call is what gRPC C++ itself costs on this
// machine; bench/grpc-floor compares pwis-server's cached GetRoadWork to it.
//
//   pwis-grpc-floor --port=P --response_bytes=N --threads=T

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "pwis/v1/roadworks.grpc.pb.h"

ABSL_FLAG(int, port, 0, "port to listen on (127.0.0.1)");
ABSL_FLAG(int, response_bytes, 500, "size of the fixed answer");
ABSL_FLAG(int, threads, 2, "completion queues, one thread each");

namespace {

using Service = pwis::v1::RoadWorkService::WithRawMethod_GetRoadWork<
    pwis::v1::RoadWorkService::AsyncService>;

// One call: asked for, then answered, then deleted when the answer is sent.
class Call {
 public:
  Call(Service* service, grpc::ServerCompletionQueue* queue,
       const grpc::ByteBuffer* answer)
      : service_(service), queue_(queue), answer_(answer) {
    service_->RequestGetRoadWork(&context_, &request_, &writer_, queue_, queue_,
                                 this);
  }

  void Proceed(bool ok) {
    if (!ok || answered_) {
      delete this;
      return;
    }
    new Call(service_, queue_, answer_);
    answered_ = true;
    writer_.Finish(*answer_, grpc::Status::OK, this);
  }

 private:
  Service* service_;
  grpc::ServerCompletionQueue* queue_;
  const grpc::ByteBuffer* answer_;
  grpc::ServerContext context_;
  grpc::ByteBuffer request_;
  grpc::ServerAsyncResponseWriter<grpc::ByteBuffer> writer_{&context_};
  bool answered_ = false;
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // Any bytes will do: h2load does not parse the answer.
  grpc::Slice slice(std::string(absl::GetFlag(FLAGS_response_bytes), 'x'));
  const grpc::ByteBuffer answer(&slice, 1);

  Service service;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(
      "127.0.0.1:" + std::to_string(absl::GetFlag(FLAGS_port)),
      grpc::InsecureServerCredentials());
  builder.RegisterService(&service);
  std::vector<std::unique_ptr<grpc::ServerCompletionQueue>> queues;
  for (int i = 0; i < absl::GetFlag(FLAGS_threads); ++i) {
    queues.push_back(builder.AddCompletionQueue());
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr) return 1;

  std::vector<std::thread> threads;
  for (auto& queue : queues) {
    threads.emplace_back([&service, &answer, queue = queue.get()] {
      for (int i = 0; i < 16; ++i) new Call(&service, queue, &answer);
      void* tag;
      bool ok;
      while (queue->Next(&tag, &ok)) static_cast<Call*>(tag)->Proceed(ok);
    });
  }
  // Runs until killed: the benchmark script stops it.
  for (auto& thread : threads) thread.join();
  return 0;
}
