// pwis-server: the pwis gRPC services on PostgreSQL + PostGIS.
//
//   pwis-server --database_url=URL [--grpc_port=50051]   serve
//   pwis-server --database_url=URL --migrate              apply migrations,
//   exit
//
// Flags default from the environment: PWIS_DATABASE_URL, PWIS_GRPC_PORT,
// PWIS_POOL_SIZE, PWIS_PAGE_TOKEN_SECRET. SIGTERM or SIGINT shut down
// gracefully.
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "db/migrations.h"
#include "gateway/http_flags.h"
#include "gis/store/migrator.h"
#include "services/server/server.h"

namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

int EnvIntOr(const char* name, int fallback) {
  int v;
  return absl::SimpleAtoi(EnvOr(name, ""), &v) ? v : fallback;
}

}  // namespace

ABSL_FLAG(std::string, database_url, EnvOr("PWIS_DATABASE_URL", ""),
          "libpq connection string or URI (env PWIS_DATABASE_URL)");
ABSL_FLAG(std::string, listen_host, "0.0.0.0", "address to listen on");
ABSL_FLAG(int, grpc_port, EnvIntOr("PWIS_GRPC_PORT", 50051),
          "gRPC port (env PWIS_GRPC_PORT)");
ABSL_FLAG(int, http_port, EnvIntOr("PWIS_HTTP_PORT", 8080),
          "HTTP/JSON port (env PWIS_HTTP_PORT); -1 disables the JSON front");
ABSL_FLAG(int, pool_size, EnvIntOr("PWIS_POOL_SIZE", 8),
          "most database connections (env PWIS_POOL_SIZE)");
ABSL_FLAG(int, read_cache_mb, EnvIntOr("PWIS_READ_CACHE_MB", 256),
          "memory for answers of read methods, kept until the database "
          "announces a change (env PWIS_READ_CACHE_MB); 0 turns it off");
ABSL_FLAG(bool, read_cache_sync, false,
          "before each cached read, wait until every change committed so far "
          "has been heard (one round trip per call)");
ABSL_FLAG(double, behind_warning_points, 5,
          "a project under construction this many percentage points behind "
          "its planned progress is behind schedule (WARNING)");
ABSL_FLAG(double, behind_severe_points, 10,
          "... and this many points, or past its revised completion, "
          "seriously behind (SEVERE)");
ABSL_FLAG(bool, migrate, false, "apply database migrations and exit");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "pwis-server --database_url=URL [--grpc_port=N] [--migrate]");
  absl::ParseCommandLine(argc, argv);
  // Debian builds Abseil with mutex deadlock detection on, which gRPC's
  // locks then pay for on every call (a graph update per lock).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  const std::string url = absl::GetFlag(FLAGS_database_url);
  if (url.empty()) {
    std::cerr << "pwis-server: no database: set --database_url or "
                 "PWIS_DATABASE_URL\n";
    return 2;
  }
  if (absl::GetFlag(FLAGS_migrate)) {
    auto n = pwis::store::ApplyMigrations(url, pwis::db::EmbeddedMigrations(),
                                          &std::cerr);
    if (!n.ok()) {
      std::cerr << "pwis-server: " << n.status().message() << "\n";
      return 1;
    }
    std::cerr << "pwis-server: schema up to date (" << *n << " applied)\n";
    return 0;
  }

  // Signals are taken by one thread with sigwait, so no handler runs
  // inside gRPC or libpq code.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  pwis::ServerOptions options;
  options.listen_address = absl::StrCat(absl::GetFlag(FLAGS_listen_host), ":",
                                        absl::GetFlag(FLAGS_grpc_port));
  options.database_url = url;
  options.pool_size = absl::GetFlag(FLAGS_pool_size);
  options.read_cache_bytes =
      static_cast<size_t>(std::max(0, absl::GetFlag(FLAGS_read_cache_mb)))
      << 20;
  options.read_cache_sync = absl::GetFlag(FLAGS_read_cache_sync);
  options.behind.warning_points = absl::GetFlag(FLAGS_behind_warning_points);
  options.behind.severe_points = absl::GetFlag(FLAGS_behind_severe_points);
  absl::StatusOr<pwis::gateway::TrustedProxies> proxies =
      pwis::gateway::TrustedProxiesFromFlags();
  if (!proxies.ok()) {
    std::cerr << "pwis-server: " << proxies.status().message() << "\n";
    return 2;
  }
  options.trusted_proxies = *proxies;
  if (absl::GetFlag(FLAGS_http_port) >= 0) {
    options.http = pwis::gateway::HttpServerOptionsFromFlags();
    options.http->address = absl::GetFlag(FLAGS_listen_host);
    options.http->port = absl::GetFlag(FLAGS_http_port);
    options.gateway = pwis::gateway::GatewayOptionsFromFlags();
    options.gateway.trusted_proxies = *proxies;
  }
  options.page_token_secret = EnvOr("PWIS_PAGE_TOKEN_SECRET", "");
  auto server = pwis::PwisServer::Start(options);
  if (!server.ok()) {
    std::cerr << "pwis-server: " << server.status().message() << "\n";
    return 1;
  }
  std::cerr << "pwis-server: gRPC listening on "
            << absl::GetFlag(FLAGS_listen_host) << ":" << (*server)->port()
            << "\n";
  if ((*server)->http_port() >= 0) {
    std::cerr << "pwis-server: HTTP/JSON listening on "
              << absl::GetFlag(FLAGS_listen_host) << ":"
              << (*server)->http_port() << "\n";
  }

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::cerr << "pwis-server: signal " << sig << ", shutting down\n";
    (*server)->Shutdown(absl::Seconds(5));
  });
  (*server)->Wait();
  waiter.join();
  std::cerr << "pwis-server: stopped\n";
  return 0;
}
