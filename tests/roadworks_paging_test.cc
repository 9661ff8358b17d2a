// AIP-158 paging of ListRoadWorks and ExportRoadWorksGeoJson: complete,
// without gaps or repeats, stable across concurrent inserts, and tokens bound
// to their query.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "tests/support/db_fixture.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using pwis::v1::ListRoadWorksRequest;
using pwis::v1::ListRoadWorksResponse;

class RoadWorksPagingTest : public DatabaseTest {
 protected:
  void SetUp() override { Truncate("road_works"); }

  // Inserts n works whose starts repeat (groups of 3 share a start), so the
  // keyset must break ties by id.
  std::vector<int64_t> AddMany(int n) {
    std::vector<int64_t> ids;
    for (int i = 0; i < n; ++i) {
      RoadWorkSpec s;
      s.wkt = absl::StrCat("LINESTRING(120.31", 10 + i % 80,
                           " 22.62, 120.3195 22.6213)");
      s.period = absl::StrCat(
          "[", absl::FormatCivilTime(absl::CivilDay(2026, 1, 1) + (n - i) / 3),
          " 00:00+08,2026-04-01 00:00+08)");
      ids.push_back(InsertRoadWork(db(), s));
    }
    return ids;
  }

  static ListRoadWorksRequest Base() {
    ListRoadWorksRequest r;
    *r.mutable_at() = Ts("2026-03-10T10:00:00+08:00");
    r.set_bbox("120.2,22.5,120.4,22.7");
    return r;
  }

  ListRoadWorksResponse List(const ListRoadWorksRequest& r) {
    ListRoadWorksResponse resp;
    grpc::Status s = server().roadworks().ListRoadWorks(Ctx().get(), r, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }
};

TEST_F(RoadWorksPagingTest, PagesCoverEverythingOnceInOrder) {
  std::vector<int64_t> ids = AddMany(23);
  ListRoadWorksRequest all = Base();
  all.set_page_size(1000);
  ListRoadWorksResponse whole = List(all);
  ASSERT_EQ(whole.road_works_size(), 23);
  EXPECT_TRUE(whole.next_page_token().empty());

  ListRoadWorksRequest r = Base();
  r.set_page_size(5);
  std::vector<int64_t> seen;
  int pages = 0;
  do {
    ListRoadWorksResponse page = List(r);
    ++pages;
    EXPECT_LE(page.road_works_size(), 5);
    for (const auto& w : page.road_works()) seen.push_back(w.id());
    r.set_page_token(page.next_page_token());
  } while (!r.page_token().empty() && pages < 20);
  EXPECT_EQ(pages, 5);
  ASSERT_EQ(seen.size(), 23u);
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), 23u);
  for (int i = 0; i < 23; ++i)
    EXPECT_EQ(seen[i], whole.road_works(i).id()) << i;
  // The oracle is the database itself, not the server's own big page: the
  // documented order (start, then id), from SQL written here.
  std::string expected = db().QueryValue(
      "SELECT string_agg(id::text, ',' ORDER BY lower(period), id) "
      "FROM road_works");
  EXPECT_EQ(absl::StrJoin(seen, ","), expected);
}

TEST_F(RoadWorksPagingTest, ExactMultipleHasNoEmptyTrailingPage) {
  AddMany(10);
  ListRoadWorksRequest r = Base();
  r.set_page_size(5);
  ListRoadWorksResponse p1 = List(r);
  ASSERT_FALSE(p1.next_page_token().empty());
  r.set_page_token(p1.next_page_token());
  ListRoadWorksResponse p2 = List(r);
  EXPECT_EQ(p2.road_works_size(), 5);
  EXPECT_TRUE(p2.next_page_token().empty());
}

TEST_F(RoadWorksPagingTest, DefaultPageSizeIs50) {
  AddMany(60);
  ListRoadWorksResponse p = List(Base());
  EXPECT_EQ(p.road_works_size(), 50);
  EXPECT_FALSE(p.next_page_token().empty());
}

TEST_F(RoadWorksPagingTest, PageSizeMayChangeBetweenPages) {
  AddMany(12);
  ListRoadWorksRequest r = Base();
  r.set_page_size(4);
  ListRoadWorksResponse p1 = List(r);
  r.set_page_token(p1.next_page_token());
  r.set_page_size(100);
  ListRoadWorksResponse p2 = List(r);
  EXPECT_EQ(p2.road_works_size(), 8);
  EXPECT_TRUE(p2.next_page_token().empty());
}

TEST_F(RoadWorksPagingTest, InsertsBeforeTheCursorDoNotShiftLaterPages) {
  std::vector<int64_t> ids = AddMany(10);
  ListRoadWorksRequest r = Base();
  r.set_page_size(5);
  ListRoadWorksResponse p1 = List(r);
  // A new work that sorts first: with OFFSET paging it would push one row
  // of page 1 onto page 2 and repeat it.
  RoadWorkSpec s;
  s.wkt = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";
  s.period = "[2026-01-01 00:00+08,2026-04-01 00:00+08)";
  InsertRoadWork(db(), s);
  r.set_page_token(p1.next_page_token());
  ListRoadWorksResponse p2 = List(r);
  std::set<int64_t> first;
  for (const auto& w : p1.road_works()) first.insert(w.id());
  ASSERT_EQ(p2.road_works_size(), 5);
  for (const auto& w : p2.road_works()) EXPECT_EQ(first.count(w.id()), 0u);
}

TEST_F(RoadWorksPagingTest, TokenFromAnotherQueryIsInvalidArgument) {
  AddMany(6);
  ListRoadWorksRequest r = Base();
  r.set_page_size(2);
  ListRoadWorksResponse p1 = List(r);
  ASSERT_FALSE(p1.next_page_token().empty());
  ListRoadWorksRequest other = Base();
  other.set_road("中山");
  other.set_page_token(p1.next_page_token());
  ListRoadWorksResponse resp;
  grpc::Status s =
      server().roadworks().ListRoadWorks(Ctx().get(), other, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("page_token:", 0), 0u) << s.error_message();
}

TEST_F(RoadWorksPagingTest, TamperedTokenIsInvalidArgument) {
  AddMany(6);
  ListRoadWorksRequest r = Base();
  r.set_page_size(2);
  std::string token = List(r).next_page_token();
  ASSERT_GT(token.size(), 10u);
  token[5] = token[5] == 'A' ? 'B' : 'A';
  r.set_page_token(token);
  ListRoadWorksResponse resp;
  grpc::Status s = server().roadworks().ListRoadWorks(Ctx().get(), r, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("page_token:", 0), 0u) << s.error_message();
}

TEST_F(RoadWorksPagingTest, DefaultNowIsTheMinuteAndFrozenAcrossPages) {
  // "Now" is the current minute's start (so that the same list gives the
  // same bytes, and ETags, for a minute): works that ended a second ago,
  // within this minute, are still in effect at that instant, on the first
  // page and on the next one (whose token carries the instant).
  auto second = [&] {
    return std::stoi(db().QueryValue("SELECT extract(second FROM now())::int"));
  };
  if (second() < 3) std::this_thread::sleep_for(std::chrono::seconds(3));
  for (int i = 0; i < 4; ++i) {
    db().Exec(
        "INSERT INTO road_works (title, geom, period, status) VALUES ('t', "
        "ST_GeomFromText('LINESTRING(120.3150 22.6213, 120.3165 22.6213)', "
        "4326), "
        "tstzrange(now() - interval '1 day', now() - interval '1 second'), "
        "'active')");
  }
  ListRoadWorksRequest r;
  r.set_page_size(2);
  ListRoadWorksResponse p1 = List(r);
  if (second() < 2) GTEST_SKIP() << "crossed a minute boundary; rerun";
  ASSERT_EQ(p1.road_works_size(), 2);
  r.set_page_token(p1.next_page_token());
  EXPECT_EQ(List(r).road_works_size(), 2);
  // The same query again: the same bytes.
  EXPECT_EQ(List(r).SerializeAsString(), List(r).SerializeAsString());
  ListRoadWorksRequest first;
  first.set_page_size(2);
  EXPECT_EQ(List(first).next_page_token(), p1.next_page_token());
}

TEST_F(RoadWorksPagingTest, GeoJsonExport_SameSelectionAsListAndPaged) {
  AddMany(7);
  ListRoadWorksRequest r = Base();
  r.set_page_size(1000);
  ListRoadWorksResponse list = List(r);

  r.set_page_size(4);
  std::vector<int64_t> ids;
  for (int page = 0; page < 2; ++page) {
    google::api::HttpBody body;
    grpc::Status s =
        server().roadworks().ExportRoadWorksGeoJson(Ctx().get(), r, &body);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(body.content_type(), "application/geo+json");
    google::protobuf::Struct fc;
    ASSERT_TRUE(
        google::protobuf::util::JsonStringToMessage(body.data(), &fc).ok())
        << body.data().substr(0, 200);
    EXPECT_EQ(fc.fields().at("type").string_value(), "FeatureCollection");
    const auto& features = fc.fields().at("features").list_value();
    EXPECT_EQ(fc.fields().at("numberReturned").number_value(),
              features.values_size());
    for (const auto& f : features.values()) {
      const auto& ff = f.struct_value().fields();
      EXPECT_EQ(ff.at("type").string_value(), "Feature");
      EXPECT_EQ(
          ff.at("geometry").struct_value().fields().at("type").string_value(),
          "LineString");
      EXPECT_EQ(ff.at("properties")
                    .struct_value()
                    .fields()
                    .at("district_name_zh")
                    .string_value(),
                "苓雅區");
      EXPECT_EQ(ff.at("properties")
                    .struct_value()
                    .fields()
                    .at("start_time")
                    .string_value()
                    .substr(19),
                "+08:00");
      ids.push_back(static_cast<int64_t>(ff.at("id").number_value()));
    }
    r.set_page_token(fc.fields().at("next_page_token").string_value());
    if (page == 0) {
      EXPECT_FALSE(r.page_token().empty());
    }
  }
  EXPECT_TRUE(r.page_token().empty());
  ASSERT_EQ(ids.size(), 7u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(ids[i], list.road_works(i).id());
}

TEST_F(RoadWorksPagingTest, GeoJsonExport_EmptySelectionIsAnEmptyCollection) {
  ListRoadWorksRequest r = Base();
  google::api::HttpBody body;
  ASSERT_TRUE(
      server().roadworks().ExportRoadWorksGeoJson(Ctx().get(), r, &body).ok());
  google::protobuf::Struct fc;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(body.data(), &fc).ok());
  EXPECT_EQ(fc.fields().at("features").list_value().values_size(), 0);
  EXPECT_EQ(fc.fields().at("next_page_token").string_value(), "");
}

TEST_F(RoadWorksPagingTest, Stream_SameSelectionAsPagesAcrossBatches) {
  // More than one internal batch (1000) of the stream: 4 works, and 1000
  // copies of the first with starts a second apart (one statement; a
  // thousand separate inserts would be slow).
  std::vector<int64_t> first = AddMany(4);
  db().Exec(absl::StrCat(R"sql(
      INSERT INTO road_works (title, road_names, district_code, geom, period,
                              status, source, organiser, contractor,
                              contact_phone, lanes_closed, lanes_total)
      SELECT title, road_names, district_code, geom,
             tstzrange(lower(period) + make_interval(secs => g),
                       upper(period)),
             status, source, organiser, contractor, contact_phone,
             lanes_closed, lanes_total
      FROM road_works, generate_series(1, 1000) g WHERE id = )sql",
                         first[0]));
  std::vector<int64_t> listed;
  ListRoadWorksRequest r = Base();
  r.set_page_size(300);
  do {
    ListRoadWorksResponse page = List(r);
    for (const auto& w : page.road_works()) listed.push_back(w.id());
    r.set_page_token(page.next_page_token());
  } while (!r.page_token().empty());
  ASSERT_EQ(listed.size(), 1004u);

  auto ctx = Ctx();
  auto reader = server().roadworks().StreamRoadWorks(ctx.get(), Base());
  std::vector<int64_t> streamed;
  pwis::v1::RoadWork w;
  while (reader->Read(&w)) {
    streamed.push_back(w.id());
    if (streamed.size() == 1) {
      EXPECT_EQ(w.geometry().fields().at("type").string_value(), "LineString");
    }
  }
  grpc::Status st = reader->Finish();
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(streamed, listed);
}

TEST_F(RoadWorksPagingTest, Stream_RejectsPagingFieldsAndBadFilters) {
  auto expect_invalid = [&](ListRoadWorksRequest r, const std::string& field) {
    auto ctx = Ctx();
    auto reader = server().roadworks().StreamRoadWorks(ctx.get(), r);
    pwis::v1::RoadWork w;
    EXPECT_FALSE(reader->Read(&w));
    grpc::Status st = reader->Finish();
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << field;
    EXPECT_EQ(st.error_message().rfind(field, 0), 0u) << st.error_message();
  };
  ListRoadWorksRequest r = Base();
  r.set_page_size(10);
  expect_invalid(r, "page_size");
  r = Base();
  r.set_page_token("abc");
  expect_invalid(r, "page_token");
  r = Base();
  r.set_bbox("1,2,3");
  expect_invalid(r, "bbox");
}

}  // namespace
}  // namespace pwis::testing
