// pwis-gateway: the HTTP/JSON front as its own process, in front of remote
// pwis gRPC servers.
//
//   pwis-gateway --upstream=host:50051 [--http_port=8080]
//
// The routes come from the google.api.http rules of --services, read from
// the descriptors compiled into this binary.
#include <google/protobuf/descriptor.h>
#include <grpcpp/grpcpp.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "gateway/gateway.h"
#include "gateway/http_flags.h"
#include "gateway/http_server.h"
#include "services/server/domain.h"

namespace {
int EnvIntOr(const char* name, int fallback) {
  const char* v = std::getenv(name);
  int n;
  return v != nullptr && absl::SimpleAtoi(v, &n) ? n : fallback;
}
}  // namespace

ABSL_FLAG(std::string, upstream, "127.0.0.1:50051",
          "pwis gRPC server host:port");
ABSL_FLAG(std::string, listen_host, "0.0.0.0", "address to listen on");
ABSL_FLAG(int, http_port, EnvIntOr("PWIS_HTTP_PORT", 8080),
          "HTTP port (env PWIS_HTTP_PORT)");
namespace {
// Every domain's service by default (services/server/domains.cc).
std::vector<std::string> AllServices() {
  std::vector<std::string> names;
  for (const pwis::DomainEntry& e : pwis::Domains()) names.push_back(e.service);
  return names;
}
}  // namespace

ABSL_FLAG(std::vector<std::string>, services, AllServices(),
          "gRPC services to expose (default: all of pwis's)");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::vector<const google::protobuf::ServiceDescriptor*> services;
  for (const std::string& name : absl::GetFlag(FLAGS_services)) {
    const auto* s =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            name);
    if (s == nullptr) {
      std::cerr << "pwis-gateway: unknown service " << name << "\n";
      return 2;
    }
    services.push_back(s);
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  pwis::gateway::GatewayOptions options =
      pwis::gateway::GatewayOptionsFromFlags();
  absl::StatusOr<pwis::gateway::TrustedProxies> proxies =
      pwis::gateway::TrustedProxiesFromFlags();
  if (!proxies.ok()) {
    std::cerr << "pwis-gateway: " << proxies.status().message() << "\n";
    return 2;
  }
  options.trusted_proxies = *proxies;
  auto gateway = pwis::gateway::Gateway::Create(
      services,
      grpc::CreateCustomChannel(absl::GetFlag(FLAGS_upstream),
                                grpc::InsecureChannelCredentials(),
                                pwis::gateway::UpstreamChannelArguments()),
      options);
  if (!gateway.ok()) {
    std::cerr << "pwis-gateway: " << gateway.status().message() << "\n";
    return 1;
  }
  pwis::gateway::HttpServerOptions http =
      pwis::gateway::HttpServerOptionsFromFlags();
  http.address = absl::GetFlag(FLAGS_listen_host);
  http.port = absl::GetFlag(FLAGS_http_port);
  auto server = (*gateway)->Serve(http);
  if (!server.ok()) {
    std::cerr << "pwis-gateway: " << server.status().message() << "\n";
    return 1;
  }
  std::cerr << "pwis-gateway: HTTP/JSON on " << http.address << ":"
            << (*server)->port() << " → gRPC " << absl::GetFlag(FLAGS_upstream)
            << "\n";
  int sig = 0;
  sigwait(&signals, &sig);
  std::cerr << "pwis-gateway: signal " << sig << ", stopping\n";
  // Drain: no new connections, the calls in flight answered, then stop.
  (*server)->StopAccepting();
  (*gateway)->WaitIdle(absl::Seconds(30));
  (*server)->Stop();
  return 0;
}
