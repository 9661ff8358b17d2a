// The pwis-server program itself: serves on the port its flag or
// environment names, and shuts down cleanly on SIGTERM.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/http_client.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

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

bool Serving(int port) {
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                     grpc::InsecureChannelCredentials());
  auto stub = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() +
                   std::chrono::milliseconds(500));
  grpc::health::v1::HealthCheckResponse resp;
  return stub->Check(&ctx, grpc::health::v1::HealthCheckRequest(), &resp)
             .ok() &&
         resp.status() == grpc::health::v1::HealthCheckResponse::SERVING;
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

}  // namespace
}  // namespace pwis::testing
