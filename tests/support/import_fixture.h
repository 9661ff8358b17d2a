// The fixture of the pwis-import end-to-end tests: a fresh database, a
// work directory, and the binary run with arguments (its exit code and
// output kept). Tests that include it define PWIS_IMPORT_BINARY.
#ifndef PWIS_TESTS_SUPPORT_IMPORT_FIXTURE_H_
#define PWIS_TESTS_SUPPORT_IMPORT_FIXTURE_H_

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/support/test_env.h"

namespace pwis::testing {

inline const std::string kFixtures =
    std::string(PWIS_SOURCE_DIR) + "/tests/fixtures/import/";

struct Outcome {
  int exit_code = -1;
  std::string output;  // stdout and stderr: rejects, progress, summary
};

inline std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs pwis-import on the database at `url` with `args`; its output is
// written to `log` and returned.
inline Outcome RunImport(const std::string& url,
                         const std::vector<std::string>& args,
                         const std::string& log, const std::string& env = "") {
  std::vector<std::string> quoted;
  for (const auto& a : args) quoted.push_back(Quote(a));
  const std::string cmd = absl::StrCat(
      env, " ", Quote(PWIS_IMPORT_BINARY), " --database_url=", Quote(url), " ",
      absl::StrJoin(quoted, " "), " >", Quote(log), " 2>&1");
  Outcome o;
  const int status = std::system(cmd.c_str());
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  o.output = text.str();
  return o;
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ =
        std::filesystem::temp_directory_path() /
        absl::StrCat(
            "pwis-import-test-", ::getpid(), "-",
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(work_);
  }
  void TearDown() override { std::filesystem::remove_all(work_); }

  Outcome Import(const std::vector<std::string>& args,
                 const std::string& env = "") {
    return RunImport(db_.url(), args, (work_ / "stderr.txt").string(), env);
  }
  std::string Q(const std::string& sql) { return db_.QueryValue(sql); }

  TestDatabase db_;
  std::filesystem::path work_;
};

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_IMPORT_FIXTURE_H_
