// The read cache: answers of read methods kept until PostgreSQL announces
// a change (ResponseCache, ChangeListener, AsyncDispatcher's kRead
// methods), and the JSON front's memo of printed answers (JsonMemo).
// Against the real database: changes are heard through real NOTIFYs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "gateway/byte_buffer.h"
#include "gateway/json_memo.h"
#include "gis/store/change_listener.h"
#include "gis/store/connection_pool.h"
#include "gis/store/districts_store.h"
#include "services/server/response_cache.h"
#include "tests/support/db_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/seed_roadworks.h"

namespace pwis::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

#define ASSERT_OK(expr)                   \
  do {                                    \
    const absl::Status status_ = (expr);  \
    ASSERT_TRUE(status_.ok()) << status_; \
  } while (0)
#define EXPECT_OK(expr)                   \
  do {                                    \
    const absl::Status status_ = (expr);  \
    EXPECT_TRUE(status_.ok()) << status_; \
  } while (0)

CachedAnswer Buffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return CachedAnswer{grpc::ByteBuffer(&slice, 1), grpc::Status::OK};
}

TEST(ResponseCacheTest, ServesAnEntryOnlyAtItsGeneration) {
  ResponseCache cache(1 << 20);
  cache.Insert("k", 5, Buffer("five"), 4);
  auto hit = cache.Find("k", 5);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(gateway::BufferBytes(hit->body), "five");
  EXPECT_FALSE(cache.Find("other", 5).has_value());
  // A newer generation drops everything older...
  EXPECT_FALSE(cache.Find("k", 6).has_value());
  EXPECT_EQ(cache.stats().entries, 0u);
  // ... and an answer computed before it is not kept.
  cache.Insert("k", 5, Buffer("stale"), 5);
  EXPECT_FALSE(cache.Find("k", 6).has_value());
  EXPECT_EQ(cache.stats().entries, 0u);
  cache.Insert("k", 6, Buffer("six"), 3);
  EXPECT_EQ(gateway::BufferBytes(cache.Find("k", 6)->body), "six");
  EXPECT_FALSE(cache.Find("k", 5).has_value());  // An old reader misses.
}

TEST(ResponseCacheTest, KeepsTheBudgetDroppingTheLeastRecentlyUsed) {
  ResponseCache cache(40000);
  const std::string value(4000, 'x');
  for (int i = 0; i < 20; ++i) {
    cache.Insert(absl::StrCat("k", i), 1, Buffer(value), value.size());
    ASSERT_TRUE(cache.Find("k0", 1).has_value()) << i;  // Kept in use.
  }
  EXPECT_LE(cache.stats().bytes, 40000u);
  EXPECT_LT(cache.stats().entries, 20u);
  EXPECT_TRUE(cache.Find("k19", 1).has_value());
  EXPECT_FALSE(cache.Find("k1", 1).has_value());
  // One answer over a quarter of the budget is not kept at all.
  cache.Insert("big", 1, Buffer(std::string(15000, 'y')), 15000);
  EXPECT_FALSE(cache.Find("big", 1).has_value());
  EXPECT_TRUE(cache.Find("k19", 1).has_value());
}

TEST(JsonMemoTest, PrintsEachDistinctAnswerOnce) {
  gateway::JsonMemo memo(1 << 20);
  int printed = 0;
  auto print = [&](std::string json) {
    return [&printed, json]() -> std::optional<std::string> {
      ++printed;
      return json;
    };
  };
  int route_a, route_b;
  EXPECT_EQ(*memo.Print(&route_a, false, "bytes", print("A")), "A");
  EXPECT_EQ(*memo.Print(&route_a, false, "bytes", print("X")), "A");
  EXPECT_EQ(printed, 1);
  // Other bytes, another route or pretty printing: printed afresh.
  EXPECT_EQ(*memo.Print(&route_a, false, "bytes2", print("B")), "B");
  EXPECT_EQ(*memo.Print(&route_b, false, "bytes", print("C")), "C");
  EXPECT_EQ(*memo.Print(&route_a, true, "bytes", print("D")), "D");
  EXPECT_EQ(printed, 4);
  // A failed print is not remembered.
  auto fail = [&]() -> std::optional<std::string> {
    ++printed;
    return std::nullopt;
  };
  EXPECT_FALSE(memo.Print(&route_a, false, "bad", fail).has_value());
  EXPECT_FALSE(memo.Print(&route_a, false, "bad", fail).has_value());
  EXPECT_EQ(printed, 6);
}

class ChangeListenerTest : public ::testing::Test {
 protected:
  ChangeListenerTest() : pool_({db_.url(), 2}), listener_(&pool_, Fast()) {}

  static store::ChangeListenerOptions Fast() {
    store::ChangeListenerOptions o;
    o.retry = absl::Milliseconds(20);
    return o;
  }

  // Waits until `done` holds, at most 5 s.
  template <typename F>
  bool Eventually(F done) {
    absl::Time until = absl::Now() + absl::Seconds(5);
    while (!done()) {
      if (absl::Now() > until) return false;
      absl::SleepFor(absl::Milliseconds(5));
    }
    return true;
  }

  TestDatabase db_;
  store::ConnectionPool pool_;
  store::ChangeListener listener_;
};

TEST_F(ChangeListenerTest, ACommittedChangeMovesTheGeneration) {
  ASSERT_TRUE(listener_.WaitListening(absl::Now() + absl::Seconds(10)));
  const uint64_t g = *listener_.Generation();
  RoadWorkSpec s;
  s.wkt = "LINESTRING(120.30 22.62, 120.301 22.62)";
  InsertRoadWork(db_, s);
  // Sync returns only after the insert's notification has been heard.
  ASSERT_OK(listener_.Sync(absl::Now() + absl::Seconds(5)));
  const uint64_t after_insert = *listener_.Generation();
  EXPECT_GT(after_insert, g);
  // A sync changes nothing itself, and neither does a rolled-back change.
  {
    pqxx::connection c(db_.url());
    pqxx::work w(c);
    w.exec("UPDATE road_works SET title = 'x'");
    w.abort();
  }
  ASSERT_OK(listener_.Sync(absl::Now() + absl::Seconds(5)));
  EXPECT_EQ(*listener_.Generation(), after_insert);
  // Every kind of write announces itself, TRUNCATE included.
  for (const char* sql :
       {"UPDATE road_works SET title = 'y'", "DELETE FROM road_works",
        "TRUNCATE road_works", "UPDATE districts SET name_en = name_en"}) {
    const uint64_t before = *listener_.Generation();
    db_.Exec(sql);
    ASSERT_OK(listener_.Sync(absl::Now() + absl::Seconds(5)));
    EXPECT_GT(*listener_.Generation(), before) << sql;
  }
}

// DistrictsStore::Resolve keeps its answers only while nothing changed.
TEST_F(ChangeListenerTest, DistrictNamesAreRememberedUntilAChangeIsHeard) {
  ASSERT_TRUE(listener_.WaitListening(absl::Now() + absl::Seconds(10)));
  store::DistrictsStore districts(&pool_, &listener_);
  const store::CallLimit limit(absl::Now() + absl::Seconds(5));
  auto resolve = [&](const std::string& key) -> std::string {
    auto code = districts.Resolve(key, limit);
    EXPECT_TRUE(code.ok()) << code.status();
    return code.ok() ? code->value_or("none") : "error";
  };
  const std::string qianjin =
      db_.QueryValue("SELECT code FROM districts WHERE name_zh = '前金區'");
  EXPECT_EQ(resolve("前金"), qianjin);
  EXPECT_EQ(resolve("Nowhere"), "none");
  // A rename no trigger announces (a replica session writes silently):
  // the remembered answers stand, which shows they were remembered.
  auto silently = [&](const std::string& sql) {
    pqxx::connection c(db_.url());
    pqxx::work w(c);
    w.exec("SET LOCAL session_replication_role = replica");
    w.exec(sql);
    w.commit();
  };
  silently(
      "UPDATE districts SET name_zh = '前金舊區', name_en = 'Nowhere' "
      "WHERE name_zh = '前金區'");
  EXPECT_EQ(resolve("前金"), qianjin);
  EXPECT_EQ(resolve("Nowhere"), "none");
  // Any announced change, to any table, and they are asked again.
  RoadWorkSpec work;
  work.wkt = "LINESTRING(120.30 22.62, 120.301 22.62)";
  InsertRoadWork(db_, work);
  ASSERT_OK(listener_.Sync(absl::Now() + absl::Seconds(5)));
  EXPECT_EQ(resolve("前金"), "none");
  EXPECT_EQ(resolve("Nowhere"), qianjin);
  // Without a listener, every call asks.
  store::DistrictsStore asking(&pool_);
  silently("UPDATE districts SET name_zh = '前金區' WHERE code = '" + qianjin +
           "'");
  auto code = asking.Resolve("前金", limit);
  ASSERT_TRUE(code.ok());
  EXPECT_EQ(code->value_or("none"), qianjin);
}

TEST_F(ChangeListenerTest, ALostConnectionStopsServingUntilListeningAgain) {
  ASSERT_TRUE(listener_.WaitListening(absl::Now() + absl::Seconds(10)));
  const uint64_t g = *listener_.Generation();
  db_.Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
      "application_name = 'pwis-change-listener' AND datname = "
      "current_database()");
  // Until it listens again (changes in between went unheard) the
  // generation is withheld, and after it is a new one.
  ASSERT_TRUE(Eventually([&] {
    auto now = listener_.Generation();
    return now.has_value() && *now > g;
  }));
  // And it hears changes again.
  const uint64_t before = *listener_.Generation();
  RoadWorkSpec s;
  s.wkt = "LINESTRING(120.30 22.62, 120.301 22.62)";
  InsertRoadWork(db_, s);
  ASSERT_OK(listener_.Sync(absl::Now() + absl::Seconds(5)));
  EXPECT_GT(*listener_.Generation(), before);
}

class ReadCacheServerTest : public DatabaseTest {
 protected:
  void SetUp() override {
    Truncate("road_works");
    RoadWorkSpec s;
    s.title = "first title";
    s.wkt = "LINESTRING(120.3150 22.6213, 120.3165 22.6213)";
    s.period = "[2020-01-01 00:00+08,2099-01-01 00:00+08)";
    id_ = InsertRoadWork(db(), s);
    s.title = "second";
    InsertRoadWork(db(), s);
  }
  const ReadCache& cache() {
    const ReadCache* c = server().read_cache();
    EXPECT_NE(c, nullptr);
    return *c;
  }
  absl::StatusOr<pwis::v1::RoadWork> GetWork(int64_t id) {
    grpc::ClientContext ctx;
    pwis::v1::GetRoadWorkRequest req;
    req.set_id(id);
    pwis::v1::RoadWork w;
    grpc::Status s = server().roadworks().GetRoadWork(&ctx, req, &w);
    if (!s.ok()) return absl::Status(absl::StatusCode(s.error_code()), "");
    return w;
  }
  int64_t id_ = 0;
};

TEST_F(ReadCacheServerTest, RepeatedReadsAreHitsAndAWriteIsSeenAtOnce) {
  auto first = GetWork(id_);
  ASSERT_OK(first.status());
  const uint64_t hits = cache().answers->stats().hits;
  auto again = GetWork(id_);
  ASSERT_OK(again.status());
  EXPECT_EQ(cache().answers->stats().hits, hits + 1);
  EXPECT_EQ(again->SerializeAsString(), first->SerializeAsString());
  // The server syncs before each cached read (as tests run it): the write
  // is seen by the very next call.
  db().Exec(
      absl::StrCat("UPDATE road_works SET title = 'changed' WHERE id = ", id_));
  auto changed = GetWork(id_);
  ASSERT_OK(changed.status());
  EXPECT_EQ(changed->title(), "changed");
}

// Refusals the request and the data decide are kept too, as sent (code,
// message, details); a work that comes into being is found at once.
TEST_F(ReadCacheServerTest, RefusalsAreKeptUntilAChange) {
  auto call = [&](int64_t id) {
    grpc::ClientContext ctx;
    pwis::v1::GetRoadWorkRequest req;
    req.set_id(id);
    pwis::v1::RoadWork w;
    return server().roadworks().GetRoadWork(&ctx, req, &w);
  };
  grpc::Status invalid = call(0);
  ASSERT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  uint64_t hits = cache().answers->stats().hits;
  grpc::Status again = call(0);
  EXPECT_EQ(cache().answers->stats().hits, hits + 1);
  EXPECT_EQ(again.error_code(), invalid.error_code());
  EXPECT_EQ(again.error_message(), invalid.error_message());
  EXPECT_EQ(again.error_details(), invalid.error_details());
  EXPECT_FALSE(again.error_details().empty());  // The field violation.
  const int64_t next = id_ + 1000;
  ASSERT_EQ(call(next).error_code(), grpc::StatusCode::NOT_FOUND);
  hits = cache().answers->stats().hits;
  ASSERT_EQ(call(next).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(cache().answers->stats().hits, hits + 1);
  db().Exec(absl::StrCat(
      "INSERT INTO road_works (id, title, road_names, geom, period, status, "
      "source, source_key) SELECT ",
      next,
      ", 'new', road_names, geom, period, status, source, 'new' FROM "
      "road_works WHERE id = ",
      id_));
  EXPECT_TRUE(call(next).ok());
}

TEST_F(ReadCacheServerTest, AnswersComeFromTheCacheUntilAChangeIsAnnounced) {
  ASSERT_OK(GetWork(id_).status());
  // A write with its triggers silenced announces nothing: the cached
  // answer stands. (A bulk loader must not write this way; see README.)
  {
    pqxx::connection c(db().url());
    pqxx::work w(c);
    w.exec("SET LOCAL session_replication_role = replica");
    w.exec(absl::StrCat("UPDATE road_works SET title = 'silent' WHERE id = ",
                        id_));
    w.commit();
  }
  EXPECT_EQ(GetWork(id_)->title(), "first title");
  // Any announcement drops it.
  db().Exec("NOTIFY pwis_change, 'road_works'");
  EXPECT_EQ(GetWork(id_)->title(), "silent");
}

// Two methods taking the same request (the list and its GeoJSON form)
// have answers of their own: the second is never the first's.
TEST_F(ReadCacheServerTest, MethodsSharingARequestTypeAreKeptApart) {
  pwis::v1::ListRoadWorksRequest req;
  req.set_any_time(true);
  for (int round = 0; round < 2; ++round) {
    grpc::ClientContext list_ctx;
    pwis::v1::ListRoadWorksResponse list;
    grpc::Status s = server().roadworks().ListRoadWorks(&list_ctx, req, &list);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(list.road_works_size(), 2);
    grpc::ClientContext geo_ctx;
    google::api::HttpBody body;
    s = server().roadworks().ExportRoadWorksGeoJson(&geo_ctx, req, &body);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(body.content_type(), "application/geo+json");
  }
}

// A NOT_FOUND is an answer like any other: it stands until a change is
// announced (the rule every cached answer follows), then the record is
// found.
TEST_F(ReadCacheServerTest, NotFoundStandsUntilAChangeIsAnnounced) {
  const int64_t missing = id_ + 2000;
  EXPECT_EQ(GetWork(missing).status().code(), absl::StatusCode::kNotFound);
  // Nothing announces this insert: the kept NOT_FOUND stands.
  {
    pqxx::connection c(db().url());
    pqxx::work w(c);
    w.exec("SET LOCAL session_replication_role = replica");
    w.exec(absl::StrCat(
        "INSERT INTO road_works (id, permit_number, title, geom, period, "
        "status, road_names, source) SELECT ",
        missing,
        ", permit_number || '-b', title, geom, period, status, road_names, "
        "source FROM road_works WHERE id = ",
        id_));
    w.commit();
  }
  EXPECT_EQ(GetWork(missing).status().code(), absl::StatusCode::kNotFound);
  db().Exec("NOTIFY pwis_change, 'road_works'");
  EXPECT_OK(GetWork(missing).status());
}

TEST_F(ReadCacheServerTest, JsonAnswersAreKeyedByTheirUrl) {
  // The GeoJSON page's "next" link is built from the request's URL: two
  // hosts asking the same page get their own links.
  const std::string target = "/v1/roadworks:geojson?any_time=true&page_size=1";
  HttpResult a =
      Fetch(server().http_port(), "GET", target, {{"Host", "a.example"}});
  HttpResult b =
      Fetch(server().http_port(), "GET", target, {{"Host", "b.example"}});
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_THAT(a.body, HasSubstr("http://a.example/v1/roadworks:geojson?"));
  EXPECT_THAT(b.body, HasSubstr("http://b.example/v1/roadworks:geojson?"));
  EXPECT_THAT(b.body, Not(HasSubstr("a.example")));
  // The same request again: the same bytes and ETag, from the cache.
  const uint64_t hits = cache().answers->stats().hits;
  HttpResult a2 =
      Fetch(server().http_port(), "GET", target, {{"Host", "a.example"}});
  EXPECT_EQ(a2.body, a.body);
  EXPECT_EQ(a2.headers.at("etag"), a.headers.at("etag"));
  EXPECT_EQ(cache().answers->stats().hits, hits + 1);
}

TEST_F(ReadCacheServerTest, JsonListsFollowChanges) {
  const std::string target = "/v1/roadworks?any_time=true";
  HttpResult before = Fetch(server().http_port(), "GET", target);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_THAT(before.body, HasSubstr("first title"));
  db().Exec(
      absl::StrCat("UPDATE road_works SET title = 'renamed' WHERE id = ", id_));
  HttpResult after = Fetch(server().http_port(), "GET", target);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_THAT(after.body, HasSubstr("renamed"));
  EXPECT_NE(after.headers.at("etag"), before.headers.at("etag"));
}

}  // namespace
}  // namespace pwis::testing
