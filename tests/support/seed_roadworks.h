// Test rows for the road-works domain (table road_works).
#ifndef PWIS_TESTS_SUPPORT_SEED_ROADWORKS_H_
#define PWIS_TESTS_SUPPORT_SEED_ROADWORKS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/test_env.h"

namespace pwis::testing {

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

// Inserts a road work and returns its id.
int64_t InsertRoadWork(TestDatabase& db, const RoadWorkSpec& spec);

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_SEED_ROADWORKS_H_
