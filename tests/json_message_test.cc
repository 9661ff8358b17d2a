// geo::JsonToMessage fills a message as protobuf's JSON parser does for the
// documents the stores build (proto field names, enums by name, nested,
// repeated and Struct fields), and names the field or the byte it cannot
// take.
#include "gis/geo/json_message.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "pwis/v1/projects.pb.h"

namespace pwis::geo {
namespace {

using pwis::v1::Project;

Project Theirs(const std::string& json) {
  Project m;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  EXPECT_TRUE(
      google::protobuf::util::JsonStringToMessage(json, &m, options).ok())
      << json;
  return m;
}

TEST(JsonMessageTest, MatchesProtobufParser) {
  const std::string cases[] = {
      R"({"id": 7, "project_no": "KH-NBO-114-0032",
          "name": {"zh_tw": "中山一路人行道改善", "en": "Zhongshan 1st Rd"},
          "unit": {"code": "NBO", "name": {"zh_tw": "新建工程處", "en": null},
                   "public_phone": "07-3368333"},
          "category": "PROJECT_CATEGORY_ROAD", "status": "PROJECT_STATUS_SUSPENDED",
          "road_names": ["中山一路", "五福路"],
          "districts": [{"code": "64000110", "name": {"zh_tw": "前金區"}},
                        {"code": "64000120"}],
          "budget": 123456789012, "extension_days": -3,
          "latest": {"report_date": "2026-10-31", "planned_percent": 55.5,
                     "actual_percent": 40, "variance_points": -15.5,
                     "paid_amount": 0, "lag_reason": "管線遷移\n\"延宕\" \u4e2d"},
          "behind_level": "BEHIND_LEVEL_SEVERE", "delay_days": 12,
          "status_history": [
            {"status": "PROJECT_STATUS_UNDER_CONSTRUCTION",
             "change_time": {"seconds": 1700000000, "nanos": 5000}},
            null,
            {"status": "PROJECT_STATUS_SUSPENDED"}],
          "geometry": {"type": "Point", "coordinates": [120.3, 22.6]},
          "not_a_field": {"deep": [1, {"x": null}]}, "other": "x"})",
      R"({})",
      R"(  {"id":1,"latest":null,"road_names":[],"change_orders":[]}  )",
      // camelCase names, as protobuf's own printer writes them.
      R"({"projectNo": "A-1", "contractStartDate": "2024-01-02"})",
  };
  for (const std::string& json : cases) {
    Project ours;
    ASSERT_TRUE(JsonToMessage(json, &ours).ok()) << json;
    Project theirs = Theirs(json);
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(ours, theirs))
        << json << "\nours: " << ours.DebugString()
        << "\ntheirs: " << theirs.DebugString();
  }
}

TEST(JsonMessageTest, KeepsIntegersExactAndTakesIntegralDecimals) {
  Project m;
  ASSERT_TRUE(
      JsonToMessage(R"({"id": 9007199254740993, "delay_days": 4.0})", &m).ok());
  EXPECT_EQ(m.id(), 9007199254740993LL);
  EXPECT_EQ(m.delay_days(), 4);
}

TEST(JsonMessageTest, RepeatedKeyReplaces) {
  Project m;
  ASSERT_TRUE(JsonToMessage(R"({"road_names": ["a", "b"], "road_names": ["c"],
      "name": {"zh_tw": "x"}, "name": {"en": "y"}})",
                            &m)
                  .ok());
  ASSERT_EQ(m.road_names_size(), 1);
  EXPECT_EQ(m.road_names(0), "c");
  EXPECT_EQ(m.name().zh_tw(), "");
  EXPECT_EQ(m.name().en(), "y");
}

TEST(JsonMessageTest, NamesTheFieldThatDoesNotFit) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"id": "7"})", "pwis.v1.Project.id"},
      {R"({"id": 1.5})", "pwis.v1.Project.id"},
      {R"({"delay_days": 3000000000})", "pwis.v1.Project.delay_days"},
      {R"({"project_no": 12})", "pwis.v1.Project.project_no"},
      {R"({"status": "PROJECT_STATUS_NO_SUCH"})", "pwis.v1.Project.status"},
      {R"({"road_names": "中山路"})", "pwis.v1.Project.road_names"},
      {R"({"latest": [1]})", "pwis.v1.Project.latest"},
      {R"({"latest": {"planned_percent": true}})",
       "pwis.v1.ProgressSnapshot.planned_percent"},
      {R"({"geometry": [1, 2]})", "pwis.v1.Project.geometry"},
  };
  for (const auto& [json, field] : cases) {
    Project m;
    absl::Status s = JsonToMessage(json, &m);
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << json;
    EXPECT_NE(s.message().find(field), absl::string_view::npos)
        << json << " → " << s;
  }
}

TEST(JsonMessageTest, RejectsMalformedJsonWithItsOffset) {
  const char* cases[] = {
      "",
      "[]",
      "{",
      R"({"id"})",
      R"({"id":})",
      R"({"id":1,})",
      R"({"road_names":["a",]})",
      R"({"id":1} x)",
      R"({"other":[1 2]})",
      R"({"name":{"zh_tw":"\q"}})",
      R"({"id":01x})",
      R"({"project_no":"a)",
      R"({"latest":{"lag_reason":"\ud800"}})",
  };
  for (const char* json : cases) {
    Project m;
    absl::Status s = JsonToMessage(json, &m);
    EXPECT_TRUE(absl::IsInvalidArgument(s)) << json;
    EXPECT_NE(s.message().find("invalid JSON at byte"), absl::string_view::npos)
        << json << " → " << s;
  }
  // Deeper than the limit, in a key no field takes and in a Struct.
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  for (const std::string& json :
       {R"({"other":)" + deep + "}", R"({"geometry":{"a":)" + deep + "}}"}) {
    Project m;
    EXPECT_TRUE(absl::IsInvalidArgument(JsonToMessage(json, &m))) << json;
  }
}

}  // namespace
}  // namespace pwis::geo
