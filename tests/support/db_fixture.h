// A test suite sharing one private database and one in-process server,
// made before its first test and dropped after its last:
//
//   class PermitsTest : public DatabaseTest {
//     void SetUp() override { Truncate("road_works"); }
//   };
//   TEST_F(PermitsTest, X) { server().stub<...>()...; db().Exec(...); }
#ifndef PWIS_TESTS_SUPPORT_DB_FIXTURE_H_
#define PWIS_TESTS_SUPPORT_DB_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>

#include "tests/support/test_env.h"

namespace pwis::testing {

class DatabaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new TestDatabase();
    server_ = new TestServer(db_->url());
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete db_;
    db_ = nullptr;
  }

  static TestDatabase& db() { return *db_; }
  static TestServer& server() { return *server_; }

  // Empties `tables` (a comma-separated list), for a test that needs to
  // know every row.
  static void Truncate(const std::string& tables) {
    db_->Exec("TRUNCATE " + tables);
  }

 private:
  static inline TestDatabase* db_ = nullptr;
  static inline TestServer* server_ = nullptr;
};

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_DB_FIXTURE_H_
