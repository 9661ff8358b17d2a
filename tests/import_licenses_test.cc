// pwis-import for building licenses in flat layouts: a register exported
// as CSV (several addresses and parcels in one cell, TWD97 or WGS84
// columns, loose numbers) and an export with pwis field names (GeoJSON;
// GPKG goes through the same GDAL reader), into the real database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "tests/support/import_fixture.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

class ImportLicensesTest : public ImportTest {};

TEST_F(ImportLicensesTest, RegisterCsvLoadsAndRejectsNameTheField) {
  Outcome o = Import({"--profile", "kaohsiung-licenses-csv",
                      kFixtures + "kaohsiung_licenses.csv"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("5 read = 3 inserted + 0 updated + 0 "
                                  "unchanged + 2 rejected"))
      << o.output;
  EXPECT_THAT(o.output, HasSubstr("record 3: issue_date"));
  EXPECT_THAT(o.output, HasSubstr("record 4: parcels"));
  // The number in the bureau's form, ROC date, full-width digits and
  // thousands separators; both addresses and parcels from one cell; the
  // person masked beside the name, the firm in full.
  EXPECT_EQ(Q("SELECT license_no || ' ' || issue_date || ' ' || floors_above "
              "|| ' ' || total_floor_area_m2 || ' ' || construction_cost_twd "
              "|| ' ' || jsonb_array_length(addresses) || ' ' || "
              "array_to_string(parcel_keys, '|') FROM building_licenses "
              "WHERE sequence = 456"),
            "(113)高市工建築字第00456號 2024-05-20 12 8450.50 120000000 2 "
            "苓雅段:0123-0004|苓雅段:0123-0005");
  EXPECT_THAT(Q("SELECT parties::text FROM building_licenses WHERE sequence = "
                "456"),
              AllOf(HasSubstr("王○明"), HasSubstr("華興營造股份有限公司")));
  // A loose number said in full (the API answers the key); TWD97 metres
  // found and made WGS84; the district from the point.
  EXPECT_EQ(Q("SELECT license_key || ' ' || d.name_zh || ' ' || "
              "round(ST_X(l.geom)::numeric, 4) || ' ' || "
              "round(ST_Y(l.geom)::numeric, 4) FROM building_licenses l JOIN "
              "districts d ON d.code = l.district_code WHERE sequence = 457"),
            "(113)高市工建築字第00457號 新興區 120.3100 22.6250");
  // No coordinates: listed under its district; the use license linked.
  EXPECT_EQ(Q("SELECT kind || ' ' || d.name_zh || ' ' || (l.geom IS NULL) || ' "
              "' || building_license_key FROM building_licenses l JOIN "
              "districts d ON d.code = l.district_code WHERE kind = 'use'"),
            "use 三民區 true (113)高市工建築字第00456號");
  // Loaded again, nothing changes.
  o = Import({"--profile", "kaohsiung-licenses-csv", "--allow-rejects",
              kFixtures + "kaohsiung_licenses.csv"});
  EXPECT_THAT(o.output, HasSubstr("0 inserted + 0 updated + 3 unchanged"));
}

TEST_F(ImportLicensesTest, ExportWithPwisNamesLoads) {
  const std::string path = (work_ / "licenses.geojson").string();
  std::ofstream(path) << R"({"type": "FeatureCollection", "features": [
  {"type": "Feature",
   "geometry": {"type": "Point", "coordinates": [120.31, 22.625]},
   "properties": {"license_no": "(112)高市工建築字第01234-01號",
     "issue_date": "2023-08-01", "owner": "張三豐", "designer": "周杰",
     "designer_office": "周杰建築師事務所", "floors_above": 7,
     "addresses": "苓雅區四維三路20號;苓雅區四維三路22號",
     "parcels": [{"地段": "苓雅段", "地號": "0300-0001"}],
     "floors": [{"樓層": "1F", "樓地板面積": "150", "用途": "店鋪"}]}},
  {"type": "Feature", "geometry": null,
   "properties": {"license_no": "(112)高市工建築拆字第00077號",
     "issue_date": "112/09/09", "district": "鼓山區",
     "owner": "鼓山開發有限公司"}},
  {"type": "Feature", "geometry": null,
   "properties": {"license_no": "第77號", "issue_date": "112/09/09",
     "district": "鼓山區"}}
]})";
  Outcome o = Import({"--profile", "generic-licenses-geojson", path});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("3 read = 2 inserted"));
  EXPECT_THAT(o.output, HasSubstr("record 3: license_no"));
  EXPECT_EQ(Q("SELECT kind || ' ' || version || ' ' || floors_above || ' ' || "
              "jsonb_array_length(addresses) || ' ' || array_to_string(uses, "
              "'|') || ' ' || array_to_string(parcel_keys, '|') FROM "
              "building_licenses WHERE sequence = 1234"),
            "building 1 7 2 店鋪 苓雅段:0300-0001");
  EXPECT_THAT(Q("SELECT parties::text FROM building_licenses WHERE sequence = "
                "1234"),
              AllOf(HasSubstr("張○豐"), Not(HasSubstr("\"public_name\": "
                                                      "\"張三豐\""))));
  EXPECT_EQ(Q("SELECT kind || ' ' || d.name_zh FROM building_licenses l JOIN "
              "districts d ON d.code = l.district_code WHERE sequence = 77"),
            "demolition 鼓山區");
}

}  // namespace
}  // namespace pwis::testing
