// Test support: a private database per test program, cloned from the
// template that scripts/test prepares (migrations + real district
// boundaries), and an in-process pwis server on a free port reached through
// a real gRPC channel.
//
// Environment (set by scripts/test): PWIS_TEST_ADMIN_URL (conninfo of the
// throw-away cluster's "postgres" database) and PWIS_TEST_TEMPLATE.
#ifndef PWIS_TESTS_SUPPORT_TEST_ENV_H_
#define PWIS_TESTS_SUPPORT_TEST_ENV_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pwis/v1/districts.grpc.pb.h"
#include "pwis/v1/roadworks.grpc.pb.h"
#include "services/server/server.h"

namespace pwis::testing {

// The value of environment variable `name`; aborts the test program with a
// message if it is unset (tests must not silently pass without a database).
std::string RequiredEnv(const char* name);

// A road work to insert; defaults make a valid active row.
struct RoadWorkSpec {
  std::string title = "測試工程";
  std::string wkt;  // WGS84; required.
  // tstzrange text, e.g. "[2026-03-01 00:00+08,2026-04-01 00:00+08)".
  std::string period = "[2026-03-01 00:00+08,2026-04-01 00:00+08)";
  std::optional<std::string> work_start, work_end;  // "HH:MM"
  std::string status = "active";
  std::vector<std::string> road_names = {"中山一路"};
  // Empty: the district containing the geometry's point on surface.
  std::string district_code;
  std::string source = "test";
  bool deleted = false;
};

class TestDatabase {
 public:
  // Creates a fresh database from the template.
  TestDatabase();
  ~TestDatabase();

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

  // Runs SQL (no results) on the database.
  void Exec(const std::string& sql);

  // Runs a query and returns the first column of the first row as text.
  std::string QueryValue(const std::string& sql);

  // Inserts a road work and returns its id.
  int64_t Insert(const RoadWorkSpec& spec);

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

class TestServer {
 public:
  explicit TestServer(const std::string& database_url, int pool_size = 4);
  ~TestServer();

  int port() const { return server_->port(); }
  int http_port() const { return server_->http_port(); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  pwis::v1::RoadWorkService::Stub& roadworks() { return *roadworks_; }
  pwis::v1::DistrictService::Stub& districts() { return *districts_; }

 private:
  std::unique_ptr<PwisServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<pwis::v1::RoadWorkService::Stub> roadworks_;
  std::unique_ptr<pwis::v1::DistrictService::Stub> districts_;
};

// A Timestamp from RFC 3339 text, e.g. "2026-03-10T10:00:00+08:00".
google::protobuf::Timestamp Ts(const std::string& rfc3339);

// A client context with a 10 s deadline.
std::unique_ptr<grpc::ClientContext> Ctx();

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_TEST_ENV_H_
