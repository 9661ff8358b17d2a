// The README's Python client (examples/python_client.py) works against the
// real pwis-server with Debian's python3-grpcio and stubs made by protoc +
// grpc_python_plugin, as the README says to make them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/server_process.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using ::testing::HasSubstr;

std::string Shell(const std::string& command, int* status) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return "";
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
    out.append(buf.data(), n);
  *status = pclose(p);
  return out;
}

TEST(PythonClientTest, ReadmeExampleRuns) {
  TestDatabase db;
  RoadWorkSpec spec;
  spec.title = "四維三路人孔改善";
  spec.wkt = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";
  spec.road_names = {"四維三路"};
  int64_t id = InsertRoadWork(db, spec);
  ServerProcess server(PWIS_SERVER_BINARY, db.url());
  ASSERT_TRUE(server.running());

  char tmpl[] = "/tmp/pwis-py.XXXXXX";
  std::string stubs = mkdtemp(tmpl);
  int status = 0;
  std::string gen = Shell(
      absl::StrCat("cd ", PWIS_SOURCE_DIR, " && protoc -I protos --python_out=",
                   stubs, " --grpc_out=", stubs,
                   " --plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin "
                   "$(cd protos && find google pwis -name '*.proto') 2>&1"),
      &status);
  ASSERT_EQ(status, 0) << gen;
  std::string out = Shell(
      absl::StrCat("PYTHONPATH=", stubs, " /usr/bin/python3 ", PWIS_SOURCE_DIR,
                   "/examples/python_client.py 127.0.0.1:", server.grpc_port(),
                   " 2>&1"),
      &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_THAT(out, HasSubstr("district 64000"));
  EXPECT_THAT(out, HasSubstr("works 1"));
  EXPECT_THAT(out, HasSubstr(absl::StrCat(id, " 四維三路人孔改善 四維三路")));
  EXPECT_THAT(out, HasSubstr("refused INVALID_ARGUMENT ['bbox']"));
  std::system(absl::StrCat("rm -rf ", stubs).c_str());
}

}  // namespace
}  // namespace pwis::testing
