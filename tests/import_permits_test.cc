// pwis-import for the excavation domain end to end: permits (a generic
// export, Kaohsiung's dig-case XML without coordinates, a New Taipei-style
// Big5 CSV in TWD97), utility networks and no-dig zones, through the binary
// into the real database, then read back through ExcavationService.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "pwis/v1/excavation.grpc.pb.h"
#include "tests/support/import_fixture.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ImportPermitsTest : public ImportTest {
 protected:
  void SetUp() override {
    ImportTest::SetUp();
    db_.Exec(
        "INSERT INTO pipeline_agencies (code, name_zh, name_en, "
        "pipeline_type, public_phone) VALUES "
        "('TPC', '台灣電力公司高雄區營業處', 'Taipower Kaohsiung', "
        "'electric', '07-2411911'), "
        "('TWC', '台灣自來水公司第七區管理處', 'Taiwan Water 7th Branch', "
        "'water', '07-7613111')");
  }
  std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
};

TEST_F(ImportPermitsTest, GenericExportLoadsPermitsAndRejectsWithReasons) {
  const std::string rejects = (work_ / "rejects.jsonl").string();
  Outcome o = Import({"--profile", "generic-permits-geojson", "--reject-file",
                      rejects, kFixtures + "generic_permits.geojson"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("9 read = 4 inserted + 0 updated + 0 "
                                  "unchanged + 5 rejected"));
  EXPECT_EQ(Q("SELECT string_agg(source_key, ',' ORDER BY source_key) FROM "
              "excavation_permits WHERE source = 'agency-permits'"),
            "P-1,P-2,P-3,P-9");
  // Full-width number, the agency by code, its type; hours, lengths.
  EXPECT_EQ(Q("SELECT permit_no || ' ' || a.code || ' ' || p.pipeline_type "
              "|| ' ' || status || ' ' || work_start || '-' || work_end || ' "
              "' || dug_carriageway_m || ' ' || dug_sidewalk_m || ' ' || "
              "array_to_string(road_names, '|') FROM excavation_permits p "
              "JOIN pipeline_agencies a ON a.id = agency_id WHERE source_key "
              "= 'P-1'"),
            "K11500027 TPC electric approved 09:00:00-16:00:00 12.5 3 "
            "四維三路|中正一路");
  EXPECT_EQ(Q("SELECT lower(approved_period) AT TIME ZONE 'Asia/Taipei' || "
              "' ' || (upper(approved_period) AT TIME ZONE 'Asia/Taipei') "
              "FROM excavation_permits WHERE source_key = 'P-1'"),
            "2026-08-10 00:00:00 2026-09-08 00:00:00");
  // The agency by its name as written otherwise (台/臺, spaces); no status
  // given and the period past: completed.
  EXPECT_EQ(Q("SELECT a.code || ' ' || status FROM excavation_permits p "
              "JOIN pipeline_agencies a ON a.id = agency_id WHERE "
              "source_key = 'P-2'"),
            "TPC completed");
  // No coordinates: listed under the district named, its roads read from
  // the location; no number.
  EXPECT_EQ(Q("SELECT (p.geom IS NULL) || ' ' || d.name_zh || ' ' || "
              "array_to_string(road_names, '|') || ' ' || location || ' [' "
              "|| permit_no || ']' FROM excavation_permits p JOIN districts "
              "d ON d.code = p.district_code WHERE source_key = 'P-3'"),
            "true 苓雅區 四維三路|中正一路 苓雅區四維三路與中正一路口 []");
  // A type by its zh-TW label, the agency by its 股份有限公司 name, an
  // extension, a status by its English label; the mobile kept restricted.
  EXPECT_EQ(Q("SELECT a.code || ' ' || p.pipeline_type || ' ' || status || "
              "' ' || (upper(period) AT TIME ZONE 'Asia/Taipei') || ' ' || "
              "contractor_phone FROM excavation_permits p JOIN "
              "pipeline_agencies a ON a.id = agency_id WHERE source_key = "
              "'P-9'"),
            "TWC water in_progress 2026-08-16 00:00:00 0912-345-678");
  EXPECT_EQ(Q("SELECT changed_by FROM permit_status_history h JOIN "
              "excavation_permits p ON p.id = h.permit_id WHERE source_key = "
              "'P-1'"),
            "import:agency-permits");

  const std::string r = Read(rejects);
  EXPECT_THAT(r, HasSubstr("\"source_key\":\"P-4\",\"field\":\"agency\""));
  EXPECT_THAT(r, HasSubstr("\"source_key\":\"P-5\",\"field\":"
                           "\"pipeline_type\",\"reason\":\"\\\"lava\\\": not "
                           "one of electric"));
  EXPECT_THAT(r, HasSubstr("\"source_key\":\"P-6\",\"field\":\"geometry\","
                           "\"reason\":\"missing, and no district"));
  EXPECT_THAT(r, HasSubstr("\"source_key\":\"P-7\",\"field\":"
                           "\"extension_start\""));
  // The database's own reason: P-1 holds that number already.
  EXPECT_THAT(r, HasSubstr("\"source_key\":\"P-8\""));
  EXPECT_THAT(r, HasSubstr("excavation_permits_key_idx"));

  // The contractor's mobile is stored, and in no answer.
  {
    TestServer server(db_.url());
    auto& stub = server.stub<pwis::v1::ExcavationService>();
    pwis::v1::ListPermitsRequest all;
    all.set_any_time(true);
    google::api::HttpBody body;
    grpc::Status st = stub.ExportPermitsGeoJson(Ctx().get(), all, &body);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_THAT(body.data(), Not(HasSubstr("0912-345-678")));
    pwis::v1::ListPermitsResponse list;
    ASSERT_TRUE(stub.ListPermits(Ctx().get(), all, &list).ok());
    EXPECT_EQ(list.permits_size(), 4);
    EXPECT_THAT(list.DebugString(), Not(HasSubstr("0912-345-678")));
  }

  // Again: nothing changes.
  o = Import({"--profile", "generic-permits-geojson", "--allow-rejects",
              kFixtures + "generic_permits.geojson"});
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("9 read = 0 inserted + 0 updated + 4 "
                                  "unchanged + 5 rejected"));
}

// A feed reports where a permit stands: it may skip steps it did not
// report, never go back.
TEST_F(ImportPermitsTest, FeedStatusMovesForwardOnly) {
  auto write = [&](const std::string& name, const std::string& status) {
    std::ofstream(work_ / name)
        << R"({"type":"FeatureCollection","features":[{"type":"Feature",)"
        << R"("properties":{"id":"S-1","permit_no":"K11500999",)"
        << R"("agency":"TPC","approved_start":"115/08/10",)"
        << R"("approved_end":"115/08/20","status":")" << status
        << R"("},"geometry":{"type":"Point","coordinates":[120.316,22.622]}}]})";
    return (work_ / name).string();
  };
  Outcome o = Import(
      {"--profile", "generic-permits-geojson", write("a.geojson", "approved")});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  o = Import({"--profile", "generic-permits-geojson",
              write("b.geojson", "completed")});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("1 updated"));
  o = Import({"--profile", "generic-permits-geojson",
              write("c.geojson", "in_progress")});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("may not go from completed back or across "
                                  "to in_progress"));
  EXPECT_EQ(Q("SELECT string_agg(status::text, ',' ORDER BY changed_at) FROM "
              "permit_status_history"),
            "approved,completed");
  // A hand edit still moves one step at a time: approved → backfilled
  // skips in_progress, which only a session in forward mode may.
  db_.Exec(
      "INSERT INTO excavation_permits (permit_no, agency_id, pipeline_type, "
      "geom, approved_period, status) SELECT 'H-1', id, 'electric', "
      "ST_SetSRID(ST_MakePoint(120.316, 22.622), 4326), "
      "'[2026-08-10,2026-08-20)', 'approved' FROM pipeline_agencies WHERE "
      "code = 'TPC'");
  const std::string skip =
      "DO $$ BEGIN UPDATE excavation_permits SET status = 'backfilled' WHERE "
      "permit_no = 'H-1'; EXCEPTION WHEN check_violation THEN NULL; END $$";
  db_.Exec(skip);
  EXPECT_EQ(Q("SELECT status FROM excavation_permits WHERE permit_no = "
              "'H-1'"),
            "approved");
  db_.Exec("SET pwis.status_moves = 'forward'; " + skip);
  EXPECT_EQ(Q("SELECT status FROM excavation_permits WHERE permit_no = "
              "'H-1'"),
            "backfilled");
}

TEST_F(ImportPermitsTest, KaohsiungDigXmlWithoutCoordinates) {
  const std::string rejects = (work_ / "rejects.jsonl").string();
  Outcome o = Import({"--profile", "kaohsiung-dig-xml", "--reject-file",
                      rejects, kFixtures + "kaohsiung_dig.xml"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("6 read = 2 inserted + 0 updated + 0 "
                                  "unchanged + 4 rejected"));
  EXPECT_EQ(Q("SELECT string_agg(a.code || ' ' || d.name_zh || ' ' || "
              "status || ' ' || array_to_string(road_names, '|') || ' ' || "
              "(p.geom IS NULL), '; ' ORDER BY a.code) FROM excavation_permits "
              "p JOIN pipeline_agencies a ON a.id = agency_id JOIN districts "
              "d ON d.code = p.district_code"),
            "TPC 苓雅區 approved 四維三路|中正一路 true; "
            "TWC 前鎮區 in_progress 中山二路 true");
  // The case's key is made of its company, location and start.
  EXPECT_EQ(Q("SELECT source_key FROM excavation_permits p JOIN "
              "pipeline_agencies a ON a.id = agency_id WHERE a.code = 'TWC'"),
            "臺灣自來水公司第七區管理處|前鎮區中山二路123號前|1150901");
  EXPECT_EQ(Q("SELECT (lower(extension_period) AT TIME ZONE 'Asia/Taipei') "
              "|| ' ' || (upper(period) AT TIME ZONE 'Asia/Taipei') FROM "
              "excavation_permits WHERE status = 'in_progress'"),
            "2026-09-16 00:00:00 2026-10-01 00:00:00");
  const std::string r = Read(rejects);
  EXPECT_THAT(r, HasSubstr("\"record\":3,"));
  EXPECT_THAT(r,
              HasSubstr("\"field\":\"district\",\"reason\":\"\\\"信義區\\\""));
  EXPECT_THAT(r, HasSubstr("\"record\":4,"));
  EXPECT_THAT(r, HasSubstr("\"field\":\"approved_start\""));
  EXPECT_THAT(r,
              HasSubstr("\"field\":\"status\",\"reason\":\"\\\"審核不明\\\""));
  EXPECT_THAT(r, HasSubstr("\"field\":\"agency\",\"reason\":\"\\\"南方瓦斯"));

  // Read back: listed by district and road, with its location, never by
  // place; the empty number names no permit.
  TestServer server(db_.url());
  auto& stub = server.stub<pwis::v1::ExcavationService>();
  pwis::v1::ListPermitsRequest by_road;
  by_road.set_road("中正一路");
  by_road.set_any_time(true);
  pwis::v1::ListPermitsResponse resp;
  ASSERT_TRUE(stub.ListPermits(Ctx().get(), by_road, &resp).ok());
  ASSERT_EQ(resp.permits_size(), 1);
  EXPECT_EQ(resp.permits(0).location(), "苓雅區四維三路與中正一路口");
  EXPECT_EQ(resp.permits(0).district().name().zh_tw(), "苓雅區");
  EXPECT_FALSE(resp.permits(0).has_geometry());
  pwis::v1::ListPermitsRequest by_district;
  by_district.set_district("前鎮區");
  by_district.set_any_time(true);
  ASSERT_TRUE(stub.ListPermits(Ctx().get(), by_district, &resp).ok());
  EXPECT_EQ(resp.permits_size(), 1);
  pwis::v1::ListPermitsRequest by_box;
  by_box.set_bbox("120.1,22.4,120.5,22.9");
  by_box.set_any_time(true);
  ASSERT_TRUE(stub.ListPermits(Ctx().get(), by_box, &resp).ok());
  EXPECT_EQ(resp.permits_size(), 0);
  pwis::v1::GetPermitRequest get;
  get.set_permit_no("-");
  pwis::v1::Permit permit;
  EXPECT_EQ(stub.GetPermit(Ctx().get(), get, &permit).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // GeoJSON: a feature without a geometry is `"geometry": null`.
  pwis::v1::ListPermitsRequest all;
  all.set_any_time(true);
  google::api::HttpBody body;
  ASSERT_TRUE(stub.ExportPermitsGeoJson(Ctx().get(), all, &body).ok());
  EXPECT_THAT(body.data(), HasSubstr("\"geometry\" : null"));
  EXPECT_THAT(body.data(), HasSubstr("\"location\" : \"苓雅區四維三路"));
}

TEST_F(ImportPermitsTest, NewTaipeiStyleBig5CsvInTwd97) {
  Outcome o = Import(
      {"--profile", "newtaipei-dig-csv", kFixtures + "newtaipei_dig.csv"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("agency: required"));
  o = Import({"--profile", "newtaipei-dig-csv", "--agency", "TWC",
              kFixtures + "newtaipei_dig.csv"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("4 read = 2 inserted + 0 updated + 0 "
                                  "unchanged + 2 rejected"));
  EXPECT_THAT(o.output, HasSubstr("record 3: geometry: missing"));
  EXPECT_THAT(o.output, HasSubstr("record 4: approved_end"));
  // The point, from TWD97 metres, lands where it was (120.3160, 22.6220);
  // the WKT work area wins over the (empty) point; Big5 text read right.
  EXPECT_EQ(Q("SELECT round(ST_X(geom)::numeric, 4) || ' ' || "
              "round(ST_Y(geom)::numeric, 4) || ' ' || location FROM "
              "excavation_permits WHERE source_key = 'NT-1'"),
            "120.3160 22.6220 苓雅區四維三路100號");
  EXPECT_EQ(Q("SELECT GeometryType(geom) || ' ' || permit_no || ' ' || "
              "array_to_string(road_names, '|') || ' ' || p.pipeline_type "
              "FROM excavation_permits p WHERE source_key = 'NT-2'"),
            "LINESTRING 1150810002 四維三路|中山二路 water");
  // --agency: for targets with agencies, layouts without an agency
  // column, and an agency that exists.
  o = Import({"--profile", "generic-roadworks-geojson", "--agency", "TWC",
              kFixtures + "newtaipei_dig.csv"});
  EXPECT_EQ(o.exit_code, 2) << o.output;
  o = Import({"--profile", "generic-permits-geojson", "--agency", "TWC",
              kFixtures + "generic_permits.geojson"});
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("reads each record's agency"));
  o = Import({"--profile", "newtaipei-dig-csv", "--agency", "NOPE",
              kFixtures + "newtaipei_dig.csv"});
  EXPECT_EQ(o.exit_code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("--agency: \"NOPE\": no pipeline agency"));
}

TEST_F(ImportPermitsTest, NetworksAndNoDigZones) {
  std::ofstream(work_ / "networks.geojson")
      << R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"N-1","agency":"TWC","name":"四維三路 配水管","width_m":"3"},
 "geometry":{"type":"LineString","coordinates":[[120.3150,22.6213],[120.3165,22.6213]]}},
{"type":"Feature","properties":{"id":"N-2","agency":"台灣電力公司高雄區營業處"},
 "geometry":{"type":"Polygon","coordinates":[[[120.315,22.620],[120.317,22.620],[120.317,22.622],[120.315,22.620]]]}},
{"type":"Feature","properties":{"id":"N-3","agency":"TPC"},
 "geometry":{"type":"Point","coordinates":[120.316,22.622]}},
{"type":"Feature","properties":{"id":"N-4","agency":"TPC","kind":"centre_line"},
 "geometry":{"type":"Polygon","coordinates":[[[120.315,22.620],[120.317,22.620],[120.317,22.622],[120.315,22.620]]]}},
{"type":"Feature","properties":{"id":"N-5","agency":"TPC","width_m":"150"},
 "geometry":{"type":"LineString","coordinates":[[120.3150,22.6213],[120.3165,22.6213]]}}
]})";
  Outcome o = Import({"--profile", "generic-networks-geojson",
                      (work_ / "networks.geojson").string()});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("5 read = 2 inserted + 0 updated + 0 "
                                  "unchanged + 3 rejected"));
  EXPECT_EQ(Q("SELECT string_agg(source_key || ' ' || kind || ' ' || "
              "width_m, '; ' ORDER BY source_key) FROM utility_networks"),
            "N-1 centre_line 3; N-2 service_area 0");
  EXPECT_THAT(o.output, HasSubstr("record 3: geometry: Point: not a line or "
                                  "polygon"));
  EXPECT_THAT(o.output, HasSubstr("record 4: kind: centre_line needs a line"));
  EXPECT_THAT(o.output, HasSubstr("record 5: width_m"));

  std::ofstream(work_ / "zones.geojson")
      << R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"Z-1","zone_no":"ND-115-001","reason":"resurfaced","road_names":"四維三路","start":"115/01/01","end":"115/12/31","authority_zh":"高雄市政府工務局養護工程處","authority_phone":"07-7995678"},
 "geometry":{"type":"LineString","coordinates":[[120.3150,22.6213],[120.3165,22.6213]]}},
{"type":"Feature","properties":{"id":"Z-2","zone_no":"ND-115-002","reason":"活動使用道路","start":"115/10/10","end":"115/10/12","work_start":"17:00","work_end":"23:00"},
 "geometry":{"type":"Polygon","coordinates":[[[120.315,22.620],[120.317,22.620],[120.317,22.622],[120.315,22.620]]]}},
{"type":"Feature","properties":{"id":"Z-3","zone_no":"ND-115-003","reason":"because","start":"115/10/10"},
 "geometry":{"type":"LineString","coordinates":[[120.3150,22.6213],[120.3165,22.6213]]}},
{"type":"Feature","properties":{"id":"Z-4","zone_no":"ND-115-004","reason":"event","start":"115/10/10","authority_phone":"0912-345-678"},
 "geometry":{"type":"LineString","coordinates":[[120.3150,22.6213],[120.3165,22.6213]]}}
]})";
  o = Import({"--profile", "generic-nodig-geojson",
              (work_ / "zones.geojson").string()});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("4 read = 2 inserted + 0 updated + 0 "
                                  "unchanged + 2 rejected"));
  EXPECT_THAT(o.output, HasSubstr("record 4: authority_phone: a mobile"));
  EXPECT_EQ(Q("SELECT string_agg(zone_no || ' ' || reason || ' ' || "
              "coalesce(work_start::text, '-') || ' ' || "
              "(upper(period) AT TIME ZONE 'Asia/Taipei'), '; ' ORDER BY "
              "zone_no) FROM no_dig_zones"),
            "ND-115-001 resurfaced - 2027-01-01 00:00:00; "
            "ND-115-002 event 17:00:00 2026-10-13 00:00:00");
  EXPECT_THAT(o.output, HasSubstr("record 3: reason"));
  // A full snapshot without Z-2 marks it deleted.
  std::ofstream(work_ / "zones2.geojson")
      << R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"Z-1","zone_no":"ND-115-001","reason":"resurfaced","road_names":"四維三路","start":"115/01/01","end":"115/12/31","authority_zh":"高雄市政府工務局養護工程處","authority_phone":"07-7995678"},
 "geometry":{"type":"LineString","coordinates":[[120.3150,22.6213],[120.3165,22.6213]]}}
]})";
  o = Import({"--profile", "generic-nodig-geojson", "--full-snapshot",
              (work_ / "zones2.geojson").string()});
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("1 unchanged + 0 rejected; 1 marked "
                                  "deleted"));
}

// Two agencies whose names fold alike are never guessed between; codes
// still tell them apart.
TEST_F(ImportPermitsTest, AmbiguousAgencyNamesAreRejectedNotGuessed) {
  db_.Exec(
      "INSERT INTO pipeline_agencies (code, name_zh, pipeline_type) VALUES "
      "('TPC-2', '臺灣電力股份有限公司 高雄區營業處', 'electric')");
  const std::string rejects = (work_ / "rejects.jsonl").string();
  Outcome o = Import({"--profile", "generic-permits-geojson", "--reject-file",
                      rejects, kFixtures + "generic_permits.geojson"});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(Read(rejects),
              HasSubstr("\"source_key\":\"P-2\",\"field\":\"agency\","
                        "\"reason\":\"\\\"台灣電力公司 高雄區營業處\\\": "
                        "several agencies match (TPC, TPC-2)"));
  EXPECT_EQ(Q("SELECT count(*) FROM excavation_permits WHERE source_key = "
              "'P-1'"),
            "1");
}

// A status derived from the period (the feed gives none) never moves a
// permit back: an extension after it was completed keeps it completed,
// and the extension loads.
TEST_F(ImportPermitsTest, DerivedStatusNeverMovesBack) {
  auto write = [&](const std::string& name, const std::string& extension) {
    std::ofstream(work_ / name)
        << R"({"type":"FeatureCollection","features":[{"type":"Feature",)"
        << R"("properties":{"id":"D-1","permit_no":"K11400999",)"
        << R"("agency":"TPC","approved_start":"2024-03-01",)"
        << R"("approved_end":"2024-03-10")" << extension
        << R"(},"geometry":{"type":"Point","coordinates":[120.316,22.622]}}]})";
    return (work_ / name).string();
  };
  Outcome o =
      Import({"--profile", "generic-permits-geojson", write("a.geojson", "")});
  ASSERT_EQ(o.exit_code, 0) << o.output;
  EXPECT_EQ(Q("SELECT status FROM excavation_permits"), "completed");
  // The feed now extends it into the future: derived "in progress".
  o = Import({"--profile", "generic-permits-geojson",
              write("b.geojson", R"(,"extension_start":"2024-03-11",)"
                                 R"("extension_end":"2099-12-31")")});
  EXPECT_EQ(o.exit_code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("1 updated"));
  EXPECT_EQ(Q("SELECT status || ' ' || (upper(extension_period) AT TIME "
              "ZONE 'Asia/Taipei') FROM excavation_permits"),
            "completed 2100-01-01 00:00:00");
}

// A key made of fields (Kaohsiung's company + address + date) may be
// long: it is cut with a digest of the whole, stable from run to run.
TEST_F(ImportPermitsTest, LongJoinedKeysFitAndStayStable) {
  std::string location = "苓雅區四維三路";
  for (int i = 0; i < 40; ++i) location += "與中正一路";
  std::ofstream(work_ / "long.xml")
      << "<DigCaseInfos><DigCaseInfo><AREA>苓雅區</AREA><LOCATION>" << location
      << "</LOCATION><COMPANY>台灣電力公司高雄區營業處</COMPANY>"
         "<DATE_DIG_S>115/08/10</DATE_DIG_S><DATE_DIG_E>115/08/20"
         "</DATE_DIG_E><RESULT>核准</RESULT></DigCaseInfo>"
         "<DigCaseInfo><AREA>苓雅區</AREA><LOCATION>苓雅區三多一路"
         "</LOCATION><COMPANY>台灣電力公司高雄區營業處</COMPANY>"
         "<DATE_DIG_E>115/08/20</DATE_DIG_E></DigCaseInfo></DigCaseInfos>";
  const std::string file = (work_ / "long.xml").string();
  Outcome o = Import({"--profile", "kaohsiung-dig-xml", file});
  EXPECT_EQ(o.exit_code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("2 read = 1 inserted"));
  // A part of the key missing is a reject naming it.
  EXPECT_THAT(o.output,
              HasSubstr("source_key: required (from DATE_DIG_S), missing"));
  EXPECT_EQ(Q("SELECT octet_length(source_key) <= 200 AND source_key LIKE "
              "'台灣電力公司高雄區營業處|苓雅區四維三路%#%' FROM "
              "excavation_permits"),
            "t");
  o = Import({"--profile", "kaohsiung-dig-xml", "--allow-rejects", file});
  EXPECT_THAT(o.output, HasSubstr("0 inserted + 0 updated + 1 unchanged"));
}

}  // namespace
}  // namespace pwis::testing
