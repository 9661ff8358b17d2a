// The pwis-server program itself: serves on the port its flag or
// environment names, and shuts down cleanly on SIGTERM.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/http_client.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

// Starts pwis-server with PWIS_GRPC_PORT and PWIS_DATABASE_URL set.
pid_t Spawn(const std::string& url, int port, int http_port) {
  pid_t pid = fork();
  if (pid == 0) {
    setenv("PWIS_GRPC_PORT", std::to_string(port).c_str(), 1);
    setenv("PWIS_HTTP_PORT", std::to_string(http_port).c_str(), 1);
    setenv("PWIS_DATABASE_URL", url.c_str(), 1);
    execl(PWIS_SERVER_BINARY, "pwis-server", "--listen_host=127.0.0.1",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// Inserts one road work; its id.
int64_t InsertOneWork(TestDatabase& db) {
  RoadWorkSpec spec;
  spec.wkt = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";
  return InsertRoadWork(db, spec);
}

TEST(ServerBinaryTest, ServesOnEnvironmentPortAndStopsOnSigterm) {
  TestDatabase db;
  int port = FreePort();
  pid_t pid = Spawn(db.url(), port, FreePort());
  ASSERT_GT(pid, 0);
  bool up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    up = Serving(port);
  }
  EXPECT_TRUE(up);

  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  pid_t done = 0;
  for (int i = 0; i < 100 && done == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    done = waitpid(pid, &status, WNOHANG);
  }
  if (done == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    FAIL() << "pwis-server did not stop within 10 s of SIGTERM";
  }
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_FALSE(Serving(port));
}

TEST(ServerBinaryTest, WithoutDatabaseUrlExitsWithUsageError) {
  pid_t pid = fork();
  if (pid == 0) {
    unsetenv("PWIS_DATABASE_URL");
    execl(PWIS_SERVER_BINARY, "pwis-server", static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

TEST(ServerBinaryTest, StandaloneGatewayFrontsARemoteServer) {
  TestDatabase db;
  TestServer upstream(db.url());
  int http_port = FreePort();
  pid_t pid = fork();
  if (pid == 0) {
    std::string up = "--upstream=127.0.0.1:" + std::to_string(upstream.port());
    std::string port = "--http_port=" + std::to_string(http_port);
    execl(PWIS_GATEWAY_BINARY, "pwis-gateway", up.c_str(), port.c_str(),
          "--listen_host=127.0.0.1", "--http_access_log=false",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  HttpResult r;
  for (int i = 0; i < 100 && r.status == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    r = Fetch(http_port, "GET",
              "/v1/districts:locate?lng=120.3157&lat=22.6213");
  }
  EXPECT_EQ(r.status, 200) << r.body << r.error;
  EXPECT_NE(r.body.find("林富里"), std::string::npos) << r.body;
  EXPECT_EQ(Fetch(http_port, "GET", "/v1/roadworks/0").status, 400);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

// The HTTP limit flags reach the server: each limit set small on the
// command line and provoked over a real socket.
TEST(ServerBinaryTest, HttpLimitFlags) {
  TestDatabase db;
  int grpc_port = FreePort(), http_port = FreePort();
  pid_t pid = fork();
  if (pid == 0) {
    std::string url = "--database_url=" + db.url();
    std::string g = "--grpc_port=" + std::to_string(grpc_port);
    std::string h = "--http_port=" + std::to_string(http_port);
    execl(PWIS_SERVER_BINARY, "pwis-server", url.c_str(), g.c_str(), h.c_str(),
          "--listen_host=127.0.0.1", "--http_access_log=false",
          "--http_max_url_bytes=64", "--http_max_header_bytes=1024",
          "--http_max_body_bytes=100", "--http_request_timeout=1",
          "--http_idle_timeout=1", "--http_max_connections=1",
          "--http_call_timeout=5", static_cast<char*>(nullptr));
    _exit(127);
  }
  HttpResult r;
  for (int i = 0; i < 100 && r.status == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    r = Fetch(http_port, "GET", "/v1/districts");
  }
  EXPECT_EQ(r.status, 200) << r.error;
  // With one connection allowed, give each closed one a moment to be
  // gone on the server's side before the next.
  auto fetch = [&](const std::string& method, const std::string& target,
                   const std::map<std::string, std::string>& headers,
                   const std::string& body) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return Fetch(http_port, method, target, headers, body);
  };
  EXPECT_EQ(
      fetch("GET", "/v1/roadworks?road=" + std::string(60, 'a'), {}, "").status,
      414);
  EXPECT_EQ(
      fetch("GET", "/v1/districts", {{"X-Pad", std::string(2000, 'a')}}, "")
          .status,
      431);
  EXPECT_EQ(fetch("POST", "/v1/districts", {}, std::string(101, 'x')).status,
            413);
  {
    // Started and never finished: 408 after the request timeout (1 s).
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    HttpStream slow(http_port, "POST", "/v1/districts",
                    {{"Content-Length", "50"}});
    EXPECT_EQ(slow.status(), 408) << slow.error();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  {
    // One connection held open: the next is refused (503); after the idle
    // timeout (1 s) the held one is closed and connections are accepted
    // again.
    HttpStream held(http_port, "GET", "/v1/districts");
    ASSERT_EQ(held.status(), 200);
    EXPECT_EQ(Fetch(http_port, "GET", "/v1/districts").status, 503);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    EXPECT_EQ(Fetch(http_port, "GET", "/v1/districts").status, 200);
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

// SIGTERM with calls in flight on both fronts (held up by a lock this test
// holds): they are answered within the grace period, then the process
// exits cleanly.
TEST(ServerBinaryTest, SigtermDrainsCallsInFlight) {
  TestDatabase db;
  int64_t id = InsertOneWork(db);
  ServerProcess server(PWIS_SERVER_BINARY, db.url());
  ASSERT_TRUE(server.running());
  pqxx::connection locker(db.url());
  pqxx::work lock(locker);
  lock.exec("LOCK TABLE road_works IN ACCESS EXCLUSIVE MODE");
  HttpResult http;
  std::thread h([&] {
    http = Fetch(server.http_port(), "GET", absl::StrCat("/v1/roadworks/", id));
  });
  // A stream too: its first batch waits on the lock.
  std::string streamed;
  int stream_status = 0;
  std::thread st([&] {
    HttpStream stream(server.http_port(), "GET",
                      "/v1/roadworks:stream?any_time=true", {}, 20);
    stream_status = stream.status();
    while (auto chunk = stream.Next()) streamed += *chunk;
  });
  grpc::Status rpc;
  pwis::v1::RoadWork work;
  std::thread g([&] {
    auto stub = pwis::v1::RoadWorkService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", server.grpc_port()),
                            grpc::InsecureChannelCredentials()));
    pwis::v1::GetRoadWorkRequest req;
    req.set_id(id);
    rpc = stub->GetRoadWork(Ctx().get(), req, &work);
  });
  // Both calls' statements are waiting on the lock before the signal.
  int waiting = 0;
  for (int i = 0; i < 100 && waiting < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    waiting = std::stoi(db.QueryValue(absl::StrCat(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = '", db.name(),
        "' AND state = 'active' AND pid <> pg_backend_pid() AND pid <> ",
        locker.backendpid())));
  }
  EXPECT_EQ(waiting, 3) << "the calls are not all waiting on the lock";
  EXPECT_EQ(kill(server.pid(), SIGTERM), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  lock.abort();  // Well within the 5 s grace.
  h.join();
  g.join();
  st.join();
  EXPECT_EQ(stream_status, 200);
  EXPECT_NE(streamed.find(absl::StrCat(R"("id":")", id, R"(")")),
            std::string::npos)
      << streamed;
  EXPECT_EQ(http.status, 200) << http.error << http.body;
  EXPECT_TRUE(rpc.ok()) << rpc.error_message();
  EXPECT_EQ(work.id(), id);
  int status = server.Stop();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

// More gRPC calls than threads: with --pool_size=1 one call runs (held by
// a lock) and the others have reached the server but wait for the one
// thread, most of them not yet matched to a handler. gRPC's shutdown
// cancels unmatched calls; the server matches them first, so every call
// in flight at SIGTERM is answered.
TEST(ServerBinaryTest, SigtermAnswersGrpcCallsWaitingForAThread) {
  TestDatabase db;
  int64_t id = InsertOneWork(db);
  // No read cache: the same call must reach the database every time.
  ServerProcess server(PWIS_SERVER_BINARY, db.url(),
                       {"--pool_size=1", "--read_cache_mb=0"});
  ASSERT_TRUE(server.running());
  auto stub = pwis::v1::RoadWorkService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", server.grpc_port()),
                          grpc::InsecureChannelCredentials()));
  pwis::v1::RoadWork warm;
  pwis::v1::GetRoadWorkRequest req;
  req.set_id(id);
  ASSERT_TRUE(stub->GetRoadWork(Ctx().get(), req, &warm).ok());
  pqxx::connection locker(db.url());
  pqxx::work lock(locker);
  lock.exec("LOCK TABLE road_works IN ACCESS EXCLUSIVE MODE");
  constexpr int kCalls = 6;
  std::vector<grpc::Status> status(kCalls);
  std::vector<pwis::v1::RoadWork> works(kCalls);
  std::vector<std::thread> calls;
  for (int i = 0; i < kCalls; ++i) {
    calls.emplace_back([&, i] {
      auto ctx = Ctx();
      ctx->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(20));
      status[i] = stub->GetRoadWork(ctx.get(), req, &works[i]);
    });
  }
  // The first call's statement waits on the lock; the others wait behind it.
  int waiting = 0;
  for (int i = 0; i < 100 && waiting < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    waiting = std::stoi(db.QueryValue(absl::StrCat(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = '", db.name(),
        "' AND state = 'active' AND wait_event_type = 'Lock'")));
  }
  ASSERT_EQ(waiting, 1) << "no call is waiting on the lock";
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // All sent.
  EXPECT_EQ(kill(server.pid(), SIGTERM), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  lock.abort();  // Well within the 5 s grace.
  for (auto& t : calls) t.join();
  for (int i = 0; i < kCalls; ++i) {
    EXPECT_TRUE(status[i].ok())
        << "call " << i << ": " << status[i].error_code() << " "
        << status[i].error_message();
    EXPECT_EQ(works[i].id(), id);
  }
  int exit_status = server.Stop();
  EXPECT_TRUE(WIFEXITED(exit_status) && WEXITSTATUS(exit_status) == 0)
      << exit_status;
}

// Threads of `pid` named `name`.
int ThreadsNamed(pid_t pid, const std::string& name) {
  int n = 0;
  std::string dir = absl::StrCat("/proc/", pid, "/task");
  for (const auto& task : std::filesystem::directory_iterator(dir)) {
    std::ifstream comm(task.path() / "comm");
    std::string line;
    if (std::getline(comm, line) && line == name) ++n;
  }
  return n;
}

// --http_threads sets the HTTP threads (one is enough to serve a call while
// another waits), --http_call_timeout the deadline of an HTTP call without
// Grpc-Timeout: 504, and its statement cancelled on the server.
TEST(ServerBinaryTest, HttpThreadsAndCallTimeoutFlags) {
  TestDatabase db;
  int64_t id = InsertOneWork(db);
  {
    ServerProcess three(PWIS_SERVER_BINARY, db.url(), {"--http_threads=3"});
    ASSERT_TRUE(three.running());
    EXPECT_EQ(ThreadsNamed(three.pid(), "pwis-http"), 3);
  }
  ServerProcess server(PWIS_SERVER_BINARY, db.url(),
                       {"--http_threads=1", "--http_call_timeout=1"});
  ASSERT_TRUE(server.running());
  EXPECT_EQ(ThreadsNamed(server.pid(), "pwis-http"), 1);
  pqxx::connection locker(db.url());
  pqxx::work lock(locker);
  lock.exec("LOCK TABLE road_works IN ACCESS EXCLUSIVE MODE");
  HttpResult held;
  absl::Time start = absl::Now();
  absl::Time end;
  std::thread h([&] {
    held = Fetch(server.http_port(), "GET", absl::StrCat("/v1/roadworks/", id));
    end = absl::Now();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // The one HTTP thread is not held by the waiting call.
  EXPECT_EQ(Fetch(server.http_port(), "GET", "/v1/districts").status, 200);
  h.join();
  EXPECT_EQ(held.status, 504) << held.error << held.body;
  EXPECT_NE(held.body.find(R"("code":4)"), std::string::npos) << held.body;
  // About the flag's 1 s, far below the default 30 s.
  EXPECT_LT(end - start, absl::Seconds(10));
  EXPECT_GE(end - start, absl::Milliseconds(900));
  // Nothing of the call is left running on the server.
  std::string left;
  for (int i = 0; i < 50; ++i) {
    left = db.QueryValue(absl::StrCat(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = '", db.name(),
        "' AND state = 'active' AND pid <> pg_backend_pid() AND pid <> ",
        locker.backendpid()));
    if (left == "0") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(left, "0");
}

// Through the binary's flags: CORS with a restricted origin list (headers,
// preflight, a 304 that keeps Vary: Origin) and the access log line.
TEST(ServerBinaryTest, RestrictedCorsAndAccessLog) {
  TestDatabase db;
  char tmpl[] = "/tmp/pwis-log.XXXXXX";
  int fd = mkstemp(tmpl);
  close(fd);
  std::string log = tmpl;
  const std::string origin = "https://pwb.kcg.gov.tw";
  ServerProcess server(PWIS_SERVER_BINARY, db.url(),
                       {"--cors_origins=" + origin, "--http_access_log=true"},
                       log);
  ASSERT_TRUE(server.running());
  HttpResult ok = Fetch(server.http_port(), "GET", "/v1/districts",
                        {{"Origin", origin}, {"X-Request-Id", "cors-rid-1"}});
  ASSERT_EQ(ok.status, 200) << ok.error << " (server log: " << log << ")";
  EXPECT_EQ(ok.headers["access-control-allow-origin"], origin);
  EXPECT_NE(ok.headers["vary"].find("Origin"), std::string::npos);
  EXPECT_NE(ok.headers["access-control-expose-headers"].find("X-Request-Id"),
            std::string::npos);
  EXPECT_NE(ok.headers["access-control-expose-headers"].find("ETag"),
            std::string::npos);
  HttpResult again =
      Fetch(server.http_port(), "GET", "/v1/districts",
            {{"Origin", origin}, {"If-None-Match", ok.headers["etag"]}});
  EXPECT_EQ(again.status, 304);
  EXPECT_NE(again.headers["vary"].find("Origin"), std::string::npos)
      << again.headers["vary"];
  HttpResult evil = Fetch(server.http_port(), "GET", "/v1/districts",
                          {{"Origin", "https://evil.example"}});
  EXPECT_EQ(evil.status, 200);
  EXPECT_EQ(evil.headers.count("access-control-allow-origin"), 0u);
  HttpResult pre = Fetch(server.http_port(), "OPTIONS", "/v1/roadworks",
                         {{"Origin", origin},
                          {"Access-Control-Request-Method", "GET"},
                          {"Access-Control-Request-Headers", "grpc-timeout"}});
  EXPECT_EQ(pre.status, 204);
  EXPECT_EQ(pre.headers["access-control-allow-origin"], origin);
  EXPECT_EQ(pre.headers["access-control-allow-methods"], "GET");
  EXPECT_EQ(pre.headers["access-control-max-age"], "600");
  EXPECT_EQ(server.Stop(), 0);
  std::ifstream in(log);
  std::string line, found;
  while (std::getline(in, line)) {
    if (line.find("cors-rid-1") != std::string::npos) found = line;
  }
  // "http GET /v1/districts 200 <bytes> <ms>ms cors-rid-1"
  EXPECT_EQ(found.rfind("http GET /v1/districts 200 ", 0), 0u) << found;
  EXPECT_NE(found.find("ms cors-rid-1"), std::string::npos) << found;
  unlink(log.c_str());
}

// Two processes (two replicas behind a load balancer, sharing the token
// secret) give the same bytes and ETags for the same data.
TEST(ServerBinaryTest, SameBytesFromTwoProcesses) {
  TestDatabase db;
  RoadWorkSpec spec;
  spec.wkt = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";
  InsertRoadWork(db, spec);
  spec.wkt = "LINESTRING(120.3570 22.6310, 120.3585 22.6310)";
  InsertRoadWork(db, spec);
  setenv("PWIS_PAGE_TOKEN_SECRET", "shared-by-replicas", 1);
  ServerProcess a(PWIS_SERVER_BINARY, db.url());
  ServerProcess b(PWIS_SERVER_BINARY, db.url());
  unsetenv("PWIS_PAGE_TOKEN_SECRET");
  ASSERT_TRUE(a.running() && b.running());
  for (const char* target :
       {"/v1/districts?include_geometry=true", "/v1/roadworks?any_time=true",
        "/v1/roadworks?any_time=true&page_size=1",
        "/v1/roadworks:geojson?any_time=true"}) {
    HttpResult x = Fetch(a.http_port(), "GET", target);
    HttpResult y = Fetch(b.http_port(), "GET", target);
    ASSERT_EQ(x.status, 200) << target;
    EXPECT_EQ(x.body, y.body) << target;
    EXPECT_EQ(x.headers["etag"], y.headers["etag"]) << target;
  }
}

}  // namespace
}  // namespace pwis::testing
