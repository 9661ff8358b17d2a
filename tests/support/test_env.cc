#include "tests/support/test_env.h"

#include <google/protobuf/util/time_util.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "protos/descriptor_set.h"
#include "services/server/response_cache.h"

namespace pwis::testing {

std::string RequiredEnv(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') {
    std::cerr << "test environment variable " << name
              << " is not set: run the tests through scripts/test\n";
    std::abort();
  }
  return v;
}

TestDatabase::TestDatabase(bool migrated)
    : admin_url_(RequiredEnv("PWIS_TEST_ADMIN_URL")) {
  static std::atomic<int> counter{0};
  name_ = absl::StrCat("pwis_t", getpid(), "_", counter++);
  std::string tmpl = migrated ? RequiredEnv("PWIS_TEST_TEMPLATE") : "template0";
  pqxx::connection admin(admin_url_);
  pqxx::nontransaction tx(admin);
  tx.exec(absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
  tx.exec(absl::StrCat("CREATE DATABASE ", name_, " TEMPLATE ", tmpl));
  // Same cluster as the admin connection, other database.
  url_ = absl::StrCat(admin_url_, " dbname=", name_);
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection admin(admin_url_);
    pqxx::nontransaction tx(admin);
    tx.exec(absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
  } catch (const std::exception& e) {
    std::cerr << "dropping " << name_ << ": " << e.what() << "\n";
  }
}

void TestDatabase::Exec(const std::string& sql) {
  pqxx::connection c(url_);
  pqxx::nontransaction tx(c);
  tx.exec(sql);
}

std::string TestDatabase::QueryValue(const std::string& sql) {
  pqxx::connection c(url_);
  pqxx::nontransaction tx(c);
  pqxx::result r = tx.exec(sql);
  return r.empty() || r[0][0].is_null() ? "" : r[0][0].c_str();
}

TestServer::TestServer(const std::string& database_url, int pool_size,
                       const std::function<void(ServerOptions&)>& adjust) {
  ServerOptions o;
  o.listen_address = "127.0.0.1:0";
  o.database_url = database_url;
  o.pool_size = pool_size;
  o.page_token_secret = "test-secret";
  o.health_interval = absl::Milliseconds(200);
  // Tests write between reads: every cached read first hears every change.
  o.read_cache_sync = true;
  o.http.emplace();
  o.http->address = "127.0.0.1";
  o.http->port = 0;
  o.http->log_refusals = false;
  o.gateway.access_log = false;
  o.gateway.swagger_ui_dir = PWIS_SOURCE_DIR "/node_modules/swagger-ui-dist";
  o.gateway.widget_dir = PWIS_SOURCE_DIR "/web/dist";
  o.gateway.descriptor_set =
      std::string(pwis::protos::DescriptorSetWithComments());
  if (adjust) adjust(o);
  auto s = PwisServer::Start(o);
  if (!s.ok()) {
    std::cerr << "cannot start test server: " << s.status() << "\n";
    std::abort();
  }
  server_ = std::move(*s);
  if (const ReadCache* cache = server_->read_cache()) {
    cache->changes->WaitListening(absl::Now() + absl::Seconds(10));
  }
  channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                 grpc::InsecureChannelCredentials());
}

TestServer::~TestServer() { server_->Shutdown(absl::Seconds(1)); }

google::protobuf::Timestamp Ts(const std::string& rfc3339) {
  google::protobuf::Timestamp ts;
  if (!google::protobuf::util::TimeUtil::FromString(rfc3339, &ts)) {
    std::cerr << "bad timestamp in test: " << rfc3339 << "\n";
    std::abort();
  }
  return ts;
}

std::unique_ptr<grpc::ClientContext> Ctx() {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return c;
}

}  // namespace pwis::testing
