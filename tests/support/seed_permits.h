// Test rows for the excavation-permits domain (pipeline_agencies,
// excavation_permits).
#ifndef PWIS_TESTS_SUPPORT_SEED_PERMITS_H_
#define PWIS_TESTS_SUPPORT_SEED_PERMITS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/test_env.h"

namespace pwis::testing {

struct AgencySpec {
  std::string code = "TPC-KH";
  std::string name_zh = "台灣電力公司高雄區營業處";
  std::string name_en = "Taipower Kaohsiung District Office";
  std::string pipeline_type = "electric";
  std::string public_phone = "07-1911";
  std::string dig_notice_phone = "07-2411911";
};

// Inserts an agency and returns its id.
int64_t InsertAgency(TestDatabase& db, const AgencySpec& spec);

// A permit to insert; defaults make a valid approved row. The contractor
// phone is set to a telling value so tests can look for it.
struct PermitSpec {
  std::string permit_no = "K11500027";
  int64_t agency_id = 0;  // Required.
  std::string pipeline_type = "electric";
  std::string category = "general";
  std::string purpose = "配電外線新設";
  std::string contractor = "測試電機工程行";
  std::string contractor_phone = "0912-345-678";
  std::vector<std::string> road_names = {"中山一路"};
  std::string wkt;  // WGS84; required.
  std::string approved = "[2026-03-01 00:00+08,2026-03-15 00:00+08)";
  std::optional<std::string> extension;
  std::optional<std::string> work_start, work_end;  // "HH:MM"
  std::string status = "approved";
  std::string district_code;  // Empty: the one containing the geometry.
  bool deleted = false;
  // Stored without a geometry (a feed gave a district and an address):
  // give district_code.
  bool unplaced = false;
  std::string location;
};

// Inserts a permit and returns its id. A status past "applied" is reached
// along the lifecycle (the database refuses other moves).
int64_t InsertPermit(TestDatabase& db, const PermitSpec& spec);

// A no-dig zone to insert; defaults make a resurfaced road closed for a
// year.
struct NoDigZoneSpec {
  std::string zone_no = "ND-2026-0001";
  std::string reason = "resurfaced";
  std::string description_zh = "中山一路路面更新，一年內禁止挖掘";
  std::string description_en =
      "Zhongshan 1st Rd. resurfaced: closed to digging";
  std::vector<std::string> road_names = {"中山一路"};
  std::string wkt;  // WGS84; required.
  std::string period = "[2026-01-01 00:00+08,2027-01-01 00:00+08)";
  std::string authority_zh = "高雄市政府工務局養護工程處";
  std::string authority_phone = "07-7995678";
  bool deleted = false;
};

// Inserts a no-dig zone and returns its id.
int64_t InsertNoDigZone(TestDatabase& db, const NoDigZoneSpec& spec);

// A registered network: a centre line with a corridor width, or a service
// area polygon.
struct NetworkSpec {
  int64_t agency_id = 0;  // Required.
  std::string name = "中山一路 配電幹線";
  std::string kind = "centre_line";
  double width_m = 2;
  std::string wkt;  // WGS84; required.
  bool deleted = false;
};

// Inserts a network and returns its id.
int64_t InsertNetwork(TestDatabase& db, const NetworkSpec& spec);

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_SEED_PERMITS_H_
