// geo::JsonToStruct agrees with protobuf's own JSON parser on valid input
// and rejects what it rejects.
#include "gis/geo/json_struct.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

namespace pwis::geo {
namespace {

TEST(JsonStructTest, MatchesProtobufParserOnValidJson) {
  const char* cases[] = {
      R"({"type":"LineString","coordinates":[[120.315,22.6213],[120.3165,22.6213]]})",
      R"({"type":"Polygon","coordinates":[[[120.302,22.639],[120.303,22.639],[120.302,22.639]]]})",
      R"(  { "a" : [ ] , "b" : { } , "c" : -1.5e-7 , "d" : 0 , "e" : true , "f" : false , "g" : null } )",
      R"({"s":"\"\\\/\b\f\n\r\t","u":"\u4e2d\u5c71\ud83d\ude00","raw":"中山一路"})",
      R"({"deep":[[[[[[1]]]]]],"big":1e300,"neg":-0.0})",
  };
  for (const char* json : cases) {
    google::protobuf::Struct ours, theirs;
    ASSERT_TRUE(JsonToStruct(json, &ours).ok()) << json;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &theirs).ok())
        << json;
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(ours, theirs))
        << json << "\nours: " << ours.DebugString()
        << "\ntheirs: " << theirs.DebugString();
  }
}

TEST(JsonStructTest, RejectsMalformedJson) {
  const char* cases[] = {
      "",
      "[]",
      "{",
      "{\"a\"}",
      "{\"a\":}",
      "{\"a\":1,}",
      "{\"a\":[1,]}",
      "{\"a\":01x}",
      "{\"a\":\"unterminated}",
      "{\"a\":tru}",
      "{\"a\":1} x",
      "{\"a\":\"\\ud800\"}",
      "{\"a\":\"\\q\"}",
      "{\"a\":1e999}",
      "{\"a\":\"tab\there\"}",
      "{'a':1}",
  };
  for (const char* json : cases) {
    google::protobuf::Struct s;
    absl::Status status = JsonToStruct(json, &s);
    EXPECT_TRUE(absl::IsInvalidArgument(status)) << json;
  }
}

TEST(JsonStructTest, DeepNestingIsAnErrorNotACrash) {
  std::string json =
      "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  google::protobuf::Struct s;
  EXPECT_TRUE(absl::IsInvalidArgument(JsonToStruct(json, &s)));
}

}  // namespace
}  // namespace pwis::geo
