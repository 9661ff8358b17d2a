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
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <typeindex>
#include <vector>

#include "pwis/v1/districts.grpc.pb.h"
#include "pwis/v1/roadworks.grpc.pb.h"
#include "services/server/server.h"

namespace pwis::testing {

// The value of environment variable `name`; aborts the test program with a
// message if it is unset (tests must not silently pass without a database).
std::string RequiredEnv(const char* name);

class TestDatabase {
 public:
  // Creates a fresh database from the template (migrated, districts
  // loaded), or with `migrated` false an empty one (template0).
  explicit TestDatabase(bool migrated = true);
  ~TestDatabase();

  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

  // Runs SQL (no results) on the database.
  void Exec(const std::string& sql);

  // Runs a query and returns the first column of the first row as text.
  std::string QueryValue(const std::string& sql);

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

class TestServer {
 public:
  // `adjust`, when given, changes the test options before the start.
  explicit TestServer(const std::string& database_url, int pool_size = 4,
                      const std::function<void(ServerOptions&)>& adjust = {});
  ~TestServer();

  int port() const { return server_->port(); }
  int http_port() const { return server_->http_port(); }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // The server's read cache (the tests run it with read_cache_sync).
  const ReadCache* read_cache() const { return server_->read_cache(); }

  // A stub of any pwis service on this server, made on first use:
  // server.stub<pwis::v1::RoadWorkService>().ListRoadWorks(...).
  template <typename Service>
  typename Service::Stub& stub() {
    using Stub = typename Service::Stub;
    std::shared_ptr<void>& slot = stubs_[std::type_index(typeid(Service))];
    if (slot == nullptr)
      slot = std::shared_ptr<Stub>(Service::NewStub(channel_));
    return *static_cast<Stub*>(slot.get());
  }
  pwis::v1::RoadWorkService::Stub& roadworks() {
    return stub<pwis::v1::RoadWorkService>();
  }
  pwis::v1::DistrictService::Stub& districts() {
    return stub<pwis::v1::DistrictService>();
  }

 private:
  std::unique_ptr<PwisServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::map<std::type_index, std::shared_ptr<void>> stubs_;
};

// A Timestamp from RFC 3339 text, e.g. "2026-03-10T10:00:00+08:00".
google::protobuf::Timestamp Ts(const std::string& rfc3339);

// A client context with a 10 s deadline.
std::unique_ptr<grpc::ClientContext> Ctx();

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_TEST_ENV_H_
