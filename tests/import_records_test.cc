// The record-style readers (importers/json_records.h, xml_records.h) on
// files written here: layouts, quirks, and broken or hostile documents.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "importers/json_records.h"
#include "importers/xml_records.h"

namespace pwis::importers {
namespace {

using ::testing::HasSubstr;

class RecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("pwis-records-", ::getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& body) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << body;
    return path;
  }

  // Every record's fields as "k=v;k=v", one string per record, and the
  // final status.
  struct Read {
    std::vector<std::string> records;
    std::vector<std::string> problems;
    absl::Status status;
  };
  Read All(RecordSource& source) {
    Read r;
    SourceRecord rec;
    while (source.Next(&rec)) {
      std::string s;
      for (const auto& [k, v] : rec.fields) absl::StrAppend(&s, k, "=", v, ";");
      r.records.push_back(s);
      r.problems.push_back(rec.problem.empty() ? rec.broken_text : rec.problem);
    }
    r.status = source.status();
    return r;
  }
  Read Json(const std::string& body, const std::string& records = "Data",
            const std::string& encoding = "") {
    auto s = JsonRecordSource::Open(Write("f.json", body), records, encoding);
    EXPECT_TRUE(s.ok()) << s.status();
    return All(**s);
  }
  Read Xml(const std::string& body, const std::string& element,
           const std::string& encoding = "") {
    auto s = XmlRecordSource::Open(Write("f.xml", body), element, encoding);
    EXPECT_TRUE(s.ok()) << s.status();
    return All(**s);
  }

  std::filesystem::path dir_;
};

TEST_F(RecordsTest, JsonRecordsUnderAKey) {
  Read r = Json(
      "\xEF\xBB\xBF{\"Success\": true, \"Meta\": {\"a\": [1, {\"b\": null}]},\n"
      " \"Data\": [{\"pmtNo\": \"A1\", \"lat\": 22.6, \"lng\": -1.5e2, "
      "\"x\": null, \"ok\": false, \"esc\": \"\\u81fa\\\"\\n\\ud83d\\ude00\"},"
      " {\"nested\": {\"k\": [\"v\", 2]}}, {}],\n \"Total\": 3}\n");
  ASSERT_TRUE(r.status.ok()) << r.status;
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0],
            "pmtNo=A1;lat=22.6;lng=-1.5e2;x=;ok=false;esc=臺\"\n😀;");
  EXPECT_EQ(r.records[1], "nested={\"k\":[\"v\",2]};");
  EXPECT_EQ(r.records[2], "");
}

TEST_F(RecordsTest, JsonTopLevelArrayAndNestedPath) {
  Read top = Json("[{\"a\": \"1\"}, {\"a\": \"2\"}]", "");
  ASSERT_TRUE(top.status.ok()) << top.status;
  EXPECT_EQ(top.records.size(), 2u);
  Read nested =
      Json("{\"result\": {\"records\": [{\"a\": \"1\"}]}}", "result.records");
  ASSERT_TRUE(nested.status.ok()) << nested.status;
  EXPECT_EQ(nested.records, std::vector<std::string>{"a=1;"});
}

TEST_F(RecordsTest, JsonRecordThatIsNotAnObjectIsRejectedOthersRead) {
  Read r = Json("{\"Data\": [{\"a\": \"1\"}, \"oops\", 3, {\"a\": \"2\"}]}");
  ASSERT_TRUE(r.status.ok()) << r.status;
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_THAT(r.problems[1], HasSubstr("not an object"));
  EXPECT_THAT(r.problems[2], HasSubstr("not an object"));
  EXPECT_EQ(r.problems[3], "");
}

TEST_F(RecordsTest, JsonNulCharacterMakesARejectNotAnAlteredValue) {
  Read r = Json("{\"Data\": [{\"a\": \"x\\u0000y\"}]}");
  ASSERT_TRUE(r.status.ok()) << r.status;
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_THAT(r.problems[0], HasSubstr("NUL"));
}

TEST_F(RecordsTest, JsonInvalidUtf8IsMarked) {
  Read r = Json("{\"Data\": [{\"a\": \"\xB3\x5C\"}]}");
  // Not Big5-aware without the encoding: 0x5C is an escape, a bad one.
  EXPECT_FALSE(r.status.ok());
  Read bad = Json("{\"Data\": [{\"a\": \"ok\", \"b\": \"\xFF\xFE\"}]}");
  ASSERT_TRUE(bad.status.ok()) << bad.status;
  EXPECT_EQ(bad.problems[0], "b");
}

TEST_F(RecordsTest, JsonBig5WithABackslashTrailByte) {
  // 許 is B3 5C in Big5: its second byte is '\'.
  Read r =
      Json("{\"Data\": [{\"name\": \"\xB3\x5C\xA4\x6A\"}]}", "Data", "CP950");
  ASSERT_TRUE(r.status.ok()) << r.status;
  EXPECT_EQ(r.records, std::vector<std::string>{"name=許大;"});
}

TEST_F(RecordsTest, JsonBrokenDocumentsFailTheFileAndSayWhere) {
  struct Case {
    std::string body, why;
  };
  const std::vector<Case> cases = {
      {"{\"Data\": [{\"a\": \"1\"}, {\"a\": \"2", "truncated"},
      {"{\"Data\": [{\"a\": \"1\"}", "truncated"},
      {"{\"Data\": [{\"a\": \"1\"}]", "truncated"},
      {"{\"Data\": [{\"a\": 1}]} trailing", "after the end"},
      {"{\"Other\": []}", "no member \"Data\""},
      {"{\"Data\": {\"a\": 1}}", "array of records"},
      {"{\"Data\": [{\"a\": tru}]}", "not a value"},
      {"{\"Data\": [{\"a\": 1-2}]}", "not a value"},
      {"{\"Data\": [{\"a\": 01}]}", "not a value"},
      {"{\"Data\": [{\"a\": .5}]}", "not a value"},
      {"{\"Data\": [{\"a\": 1e}]}", "not a value"},
      {"{\"x\": 1 \"Data\": []}", "',' or '}' expected"},
      {"{\"Data\": [{\"a\" 1}]}", "':' expected"},
      {"{\"Data\": [{\"a\": \"\\x\"}]}", "bad escape"},
      {"{\"Data\": [{\"a\": \"\\ud800\"}]}", "surrogate"},
      {std::string("\x7f\x45\x4c\x46\x02\x01\x01\0\0\0", 10), "expected"},
      {"", "truncated"},
  };
  for (const Case& c : cases) {
    Read r = Json(c.body);
    EXPECT_FALSE(r.status.ok()) << c.body;
    EXPECT_THAT(std::string(r.status.message()), HasSubstr(c.why)) << c.body;
  }
}

TEST_F(RecordsTest, JsonLimitsHoldWithoutReadingEverything) {
  // A 64 MiB string in one record: refused once past 1 MiB.
  {
    const std::string path = (dir_ / "big.json").string();
    std::ofstream out(path, std::ios::binary);
    out << "{\"Data\": [{\"a\": \"";
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 64; ++i) out << chunk;
    out << "\"}]}";
    out.close();
    auto s = JsonRecordSource::Open(path, "Data", "");
    ASSERT_TRUE(s.ok());
    Read r = All(**s);
    EXPECT_THAT(std::string(r.status.message()),
                HasSubstr("larger than 1 MiB"));
    EXPECT_TRUE(r.records.empty());
  }
  // Deep nesting: refused at 64 levels, no recursion beyond.
  std::string deep = "{\"Data\": [{\"a\": ";
  for (int i = 0; i < 100000; ++i) deep += "[";
  Read r = Json(deep);
  EXPECT_THAT(std::string(r.status.message()), HasSubstr("nested deeper"));
  // A million empty fields make a large record too.
  std::string empties = "{\"Data\": [{";
  for (int i = 0; i < 100000; ++i) empties += "\"\": null,";
  Read e = Json(empties + "\"\": null}]}");
  EXPECT_THAT(std::string(e.status.message()), HasSubstr("larger than 1 MiB"));
  // A huge member outside the records is skipped without being kept.
  std::string skip = "{\"Blob\": \"" + std::string(3 << 20, 'y') +
                     "\", \"Data\": [{\"a\": \"1\"}]}";
  Read s = Json(skip);
  ASSERT_TRUE(s.status.ok()) << s.status;
  EXPECT_EQ(s.records.size(), 1u);
}

TEST_F(RecordsTest, XmlRecordsAnywhereWithFieldsAndAttributes) {
  Read r =
      Xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<DigCaseInfos><Head>x</Head>\n"
          " <DigCaseInfo id=\"7\"><AREA>苓雅區</AREA><LOCATION>四維三路"
          "<b>2</b>號</LOCATION><EMPTY/><AMP>a &amp; b</AMP></DigCaseInfo>\n"
          " <Group><DigCaseInfo><AREA>前鎮區</AREA></DigCaseInfo></Group>\n"
          "</DigCaseInfos>",
          "DigCaseInfo");
  ASSERT_TRUE(r.status.ok()) << r.status;
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0],
            "id=7;AREA=苓雅區;LOCATION=四維三路2號;EMPTY=;AMP=a & b;");
  EXPECT_EQ(r.records[1], "AREA=前鎮區;");
}

TEST_F(RecordsTest, XmlBig5IsRecodedWhateverTheDeclarationSays) {
  Read r = Xml(
      "<?xml version=\"1.0\" encoding=\"Big5\"?><R><C><N>\xB3\x5C\xA4\x6A</N>"
      "</C></R>",
      "C", "CP950");
  ASSERT_TRUE(r.status.ok()) << r.status;
  EXPECT_EQ(r.records, std::vector<std::string>{"N=許大;"});
}

TEST_F(RecordsTest, XmlBrokenAndHostileDocumentsFailTheFile) {
  struct Case {
    std::string body, why;
  };
  const std::vector<Case> cases = {
      {"<R><C><N>1</N></C><C><N>2", "truncated"},
      {"<R><C><N>1</N></C></X>", "mismatched tag"},
      {"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
       "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><R><C><N>&b;</N></C>"
       "</R>",
       "entity declarations"},
      {std::string("\x7f\x45\x4c\x46\x02\x01\x01\0\0\0", 10), "line"},
  };
  for (const Case& c : cases) {
    Read r = Xml(c.body, "C");
    EXPECT_FALSE(r.status.ok()) << c.body;
    EXPECT_THAT(std::string(r.status.message()), HasSubstr(c.why)) << c.body;
  }
  std::string deep = "<R><C>";
  for (int i = 0; i < 1000; ++i) deep += "<d>";
  Read r = Xml(deep, "C");
  EXPECT_THAT(std::string(r.status.message()), HasSubstr("nested deeper"));
  // A record of a million empty fields; an attribute of 8 MiB.
  std::string empties = "<R><C>";
  for (int i = 0; i < 1000000; ++i) empties += "<a/>";
  r = Xml(empties + "</C></R>", "C");
  EXPECT_THAT(std::string(r.status.message()), HasSubstr("larger than 1 MiB"));
  r = Xml("<R><C a=\"" + std::string(8 << 20, 'x') + "\"/></R>", "C");
  EXPECT_THAT(std::string(r.status.message()), HasSubstr("larger than 2 MiB"));
}

}  // namespace
}  // namespace pwis::importers
