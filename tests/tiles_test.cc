// TileService against the real PostGIS: tiles decoded (Mapbox Vector Tile
// 2.1) and checked against the database, the layers' filters, TileJSON,
// ETag / 304 and the read cache following a change, and the request rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "gis/store/vector_tiles.h"
#include "pwis/v1/tiles.grpc.pb.h"
#include "tests/support/db_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/json_path.h"
#include "tests/support/seed_permits.h"
#include "tests/support/seed_roadworks.h"
#include "tests/support/status_matchers.h"
#include "vector_tile/vector_tile.pb.h"

namespace pwis::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using vector_tile::Tile;

constexpr double kPi = 3.14159265358979323846;

struct TileXY {
  int z, x, y;
};

// The tile holding (lng, lat) at zoom z (Web Mercator XYZ).
TileXY TileAt(double lng, double lat, int z) {
  const double n = std::ldexp(1.0, z);
  const double rad = lat * kPi / 180;
  return {z, static_cast<int>((lng + 180) / 360 * n),
          static_cast<int>((1 - std::asinh(std::tan(rad)) / kPi) / 2 * n)};
}

// (lng, lat) in the tile's 4096-unit coordinates, y down.
std::pair<double, double> InTile(double lng, double lat, TileXY t) {
  const double n = std::ldexp(1.0, t.z);
  const double rad = lat * kPi / 180;
  const double fx = (lng + 180) / 360 * n - t.x;
  const double fy = (1 - std::asinh(std::tan(rad)) / kPi) / 2 * n - t.y;
  return {fx * 4096, fy * 4096};
}

// A WKT line, to 1e-7 degrees (StrCat would keep 6 digits).
std::string Line(double lng1, double lat1, double lng2, double lat2) {
  return absl::StrFormat("LINESTRING(%.7f %.7f, %.7f %.7f)", lng1, lat1, lng2,
                         lat2);
}

std::string Path(const std::string& layer, TileXY t) {
  return absl::StrCat(layer, "/", t.z, "/", t.x, "/", t.y);
}

// A feature's attributes as text.
std::map<std::string, std::string> Attributes(const Tile::Layer& layer,
                                              const Tile::Feature& f) {
  std::map<std::string, std::string> out;
  for (int i = 0; i + 1 < f.tags_size(); i += 2) {
    const Tile::Value& v = layer.values(f.tags(i + 1));
    std::string text = v.has_string_value() ? v.string_value()
                       : v.has_bool_value()
                           ? (v.bool_value() ? "true" : "false")
                       : v.has_int_value()    ? absl::StrCat(v.int_value())
                       : v.has_uint_value()   ? absl::StrCat(v.uint_value())
                       : v.has_sint_value()   ? absl::StrCat(v.sint_value())
                       : v.has_double_value() ? absl::StrCat(v.double_value())
                                              : absl::StrCat(v.float_value());
    out[layer.keys(f.tags(i))] = text;
  }
  return out;
}

// The first MoveTo of a feature's geometry (section 4.3.1).
std::pair<int, int> FirstPoint(const Tile::Feature& f) {
  EXPECT_GE(f.geometry_size(), 3);
  EXPECT_EQ(f.geometry(0) & 7, 1u);  // MoveTo.
  auto zigzag = [](uint32_t v) {
    return static_cast<int>((v >> 1) ^ (~(v & 1) + 1));
  };
  return {zigzag(f.geometry(1)), zigzag(f.geometry(2))};
}

class TilesTest : public DatabaseTest {
 protected:
  void SetUp() override {
    Truncate(
        "road_works, excavation_permits, pipeline_agencies, no_dig_zones, "
        "projects CASCADE");
  }

  grpc::Status Get(pwis::v1::GetTileRequest r, Tile* tile) {
    google::api::HttpBody body;
    grpc::Status s =
        server().stub<pwis::v1::TileService>().GetTile(Ctx().get(), r, &body);
    if (s.ok()) {
      EXPECT_EQ(body.content_type(), "application/vnd.mapbox-vector-tile");
      EXPECT_TRUE(tile->ParseFromString(body.data()));
    }
    return s;
  }

  static pwis::v1::GetTileRequest Request(const std::string& layer, TileXY t) {
    pwis::v1::GetTileRequest r;
    r.set_layer(layer);
    r.set_z(t.z);
    r.set_x(t.x);
    r.set_y(absl::StrCat(t.y, ".mvt"));
    return r;
  }

  // Feature ids of the tile's only layer, `name` (none in an empty tile).
  std::set<uint64_t> Ids(const Tile& tile, const std::string& name) {
    std::set<uint64_t> ids;
    EXPECT_LE(tile.layers_size(), 1);
    for (const Tile::Layer& l : tile.layers()) {
      EXPECT_EQ(l.name(), name);
      EXPECT_EQ(l.extent(), 4096u);
      EXPECT_EQ(l.version(), 2u);
      for (const Tile::Feature& f : l.features()) ids.insert(f.id());
    }
    return ids;
  }

  // The ids of `table`'s live rows whose geometry meets the tile, as
  // PostGIS counts them without the tile code.
  std::set<uint64_t> DbIds(const std::string& table, TileXY t,
                           const std::string& extra = "") {
    std::string ids = db().QueryValue(absl::StrCat(
        "SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM ",
        table, " WHERE ST_Intersects(ST_Transform(geom, 3857), ",
        "ST_TileEnvelope(", t.z, ", ", t.x, ", ", t.y, ")) ", extra));
    std::set<uint64_t> out;
    for (absl::string_view id : absl::StrSplit(ids, ',', absl::SkipEmpty())) {
      out.insert(std::stoull(std::string(id)));
    }
    return out;
  }

  static RoadWorkSpec Work(const std::string& wkt,
                           const std::string& status = "active") {
    RoadWorkSpec s;
    s.wkt = wkt;
    s.status = status;
    s.period = "[2026-01-01 00:00+08,2099-01-01 00:00+08)";
    return s;
  }
};

// 四維行政中心, and a tile at zoom 15 around it.
constexpr double kLng = 120.3157, kLat = 22.6213;

TEST_F(TilesTest, RoadWorksTileHoldsTheRowsMeetingItWithTheirAttributes) {
  const TileXY t = TileAt(kLng, kLat, 15);
  RoadWorkSpec closed = Work(Line(kLng, kLat, kLng + 0.0005, kLat));
  closed.title = "四維三路封閉施工";
  const int64_t a = InsertRoadWork(db(), closed);
  db().Exec(
      absl::StrCat("UPDATE road_works SET full_closure = true WHERE id = ", a));
  const int64_t b = InsertRoadWork(
      db(),
      Work(Line(kLng - 0.0003, kLat + 0.0002, kLng - 0.0001, kLat + 0.0002)));
  InsertRoadWork(db(), Work("LINESTRING(120.36 22.70, 120.361 22.70)"));

  Tile tile;
  ASSERT_TRUE(Get(Request("roadworks", t), &tile).ok());
  EXPECT_THAT(Ids(tile, "roadworks"), UnorderedElementsAre(a, b));
  EXPECT_EQ(Ids(tile, "roadworks"), DbIds("road_works", t));
  for (const Tile::Feature& f : tile.layers(0).features()) {
    EXPECT_EQ(f.type(), Tile::LINESTRING);
    auto attrs = Attributes(tile.layers(0), f);
    EXPECT_EQ(attrs["status"], "active");
    EXPECT_EQ(attrs["status_en"], "In progress");
    if (f.id() == static_cast<uint64_t>(a)) {
      EXPECT_EQ(attrs["title"], "四維三路封閉施工");
      EXPECT_EQ(attrs["impact"], "full_closure");
      // The first vertex where Web Mercator puts it, to a unit of 4096.
      auto [px, py] = FirstPoint(f);
      auto [ex, ey] = InTile(kLng, kLat, t);
      EXPECT_NEAR(px, ex, 1.0);
      EXPECT_NEAR(py, ey, 1.0);
    } else {
      EXPECT_EQ(attrs["impact"], "lanes");  // The seed closes a lane.
    }
  }
  // Below the tile's zoom the far work shares a tile with the others.
  const TileXY wide = TileAt(kLng, kLat, 10);
  Tile city;
  ASSERT_TRUE(Get(Request("roadworks", wide), &city).ok());
  EXPECT_EQ(Ids(city, "roadworks"), DbIds("road_works", wide));
  EXPECT_EQ(Ids(city, "roadworks").size(), 3u);
}

TEST_F(TilesTest, EmptyTileIsZeroBytes) {
  google::api::HttpBody body;
  ASSERT_TRUE(server()
                  .stub<pwis::v1::TileService>()
                  .GetTile(Ctx().get(),
                           Request("roadworks", TileAt(kLng, kLat, 16)), &body)
                  .ok());
  EXPECT_EQ(body.data(), "");
}

TEST_F(TilesTest, StatusAndTimeFiltersAsTheListHasThem) {
  const TileXY t = TileAt(kLng, kLat, 14);
  const std::string line = Line(kLng, kLat, kLng + 0.0004, kLat);
  const int64_t active = InsertRoadWork(db(), Work(line));
  const int64_t planned = InsertRoadWork(db(), Work(line, "planned"));
  const int64_t cancelled = InsertRoadWork(db(), Work(line, "cancelled"));
  RoadWorkSpec past = Work(line);
  past.period = "[2025-01-01 00:00+08,2025-02-01 00:00+08)";
  past.status = "completed";
  const int64_t done = InsertRoadWork(db(), past);

  Tile tile;
  // Default: in effect now, cancelled left out (as ListRoadWorks).
  ASSERT_TRUE(Get(Request("roadworks", t), &tile).ok());
  EXPECT_THAT(Ids(tile, "roadworks"), UnorderedElementsAre(active, planned));

  pwis::v1::GetTileRequest r = Request("roadworks", t);
  r.add_status("cancelled");
  r.add_status("ROAD_WORK_STATUS_PLANNED");  // The enum's name works too.
  tile.Clear();
  ASSERT_TRUE(Get(r, &tile).ok());
  EXPECT_THAT(Ids(tile, "roadworks"), UnorderedElementsAre(planned, cancelled));

  r = Request("roadworks", t);
  r.set_date("2025-01-15");
  tile.Clear();
  ASSERT_TRUE(Get(r, &tile).ok());
  EXPECT_THAT(Ids(tile, "roadworks"), ElementsAre(done));

  r = Request("roadworks", t);
  r.set_any_time(true);
  tile.Clear();
  ASSERT_TRUE(Get(r, &tile).ok());
  EXPECT_THAT(Ids(tile, "roadworks"),
              UnorderedElementsAre(active, planned, done));
}

TEST_F(TilesTest, PermitsZonesProjectsAndDistrictLayers) {
  const TileXY t = TileAt(kLng, kLat, 14);
  AgencySpec agency;
  const int64_t agency_id = InsertAgency(db(), agency);
  PermitSpec permit;
  permit.agency_id = agency_id;
  permit.wkt = Line(kLng, kLat, kLng + 0.0003, kLat);
  permit.approved = "[2026-01-01 00:00+08,2099-01-01 00:00+08)";
  const int64_t p = InsertPermit(db(), permit);
  Tile tile;
  pwis::v1::GetTileRequest r = Request("permits", t);
  ASSERT_TRUE(Get(r, &tile).ok());
  EXPECT_THAT(Ids(tile, "permits"), ElementsAre(p));
  ASSERT_EQ(tile.layers_size(), 1);
  ASSERT_EQ(tile.layers(0).features_size(), 1);
  auto attrs = Attributes(tile.layers(0), tile.layers(0).features(0));
  EXPECT_EQ(attrs["permit_no"], "K11500027");
  EXPECT_EQ(attrs["pipeline_type"], "electric");
  EXPECT_EQ(attrs["contractor"], "測試電機工程行");
  // A person's phone is no attribute (details are one GET away).
  for (const auto& [key, value] : attrs) {
    EXPECT_EQ(value.find("0912-345-678"), std::string::npos) << key;
  }

  NoDigZoneSpec zone;
  zone.wkt = Line(kLng, kLat, kLng + 0.001, kLat);
  zone.period = "[2026-01-01 00:00+08,2099-01-01 00:00+08)";
  const int64_t z = InsertNoDigZone(db(), zone);
  tile.Clear();
  ASSERT_TRUE(Get(Request("no_dig_zones", t), &tile).ok());
  EXPECT_THAT(Ids(tile, "no_dig_zones"), ElementsAre(z));
  ASSERT_EQ(tile.layers_size(), 1);
  ASSERT_EQ(tile.layers(0).features_size(), 1);
  EXPECT_EQ(Attributes(tile.layers(0), tile.layers(0).features(0))["reason"],
            "resurfaced");

  db().Exec(absl::StrCat(
      "INSERT INTO projects (project_no, name_zh, name_en, unit_code, "
      "category, status, geom, contract_start, planned_completion, source, "
      "source_key) VALUES ('KH-T-1', '四維三路人行道改善', 'Siwei Sidewalk', "
      "'NBO', 'road', 'under_construction', ST_SetSRID(ST_MakePoint(",
      absl::StrFormat("%.7f, %.7f", kLng, kLat),
      "), 4326), '2026-01-01', '2099-01-01', 'test', 't1')"));
  tile.Clear();
  ASSERT_TRUE(Get(Request("projects", t), &tile).ok());
  ASSERT_EQ(Ids(tile, "projects"), DbIds("projects", t));
  ASSERT_EQ(tile.layers_size(), 1);
  ASSERT_EQ(tile.layers(0).features_size(), 1);
  attrs = Attributes(tile.layers(0), tile.layers(0).features(0));
  EXPECT_EQ(attrs["project_no"], "KH-T-1");
  EXPECT_EQ(attrs["name_en"], "Siwei Sidewalk");
  EXPECT_EQ(tile.layers(0).features(0).type(), Tile::POINT);
  EXPECT_EQ(attrs["behind_level"], "not_applicable");  // No report yet.

  // The base map: districts by code, as many as PostGIS counts.
  const TileXY city = TileAt(kLng, kLat, 11);
  tile.Clear();
  ASSERT_TRUE(Get(Request("districts", city), &tile).ok());
  std::set<uint64_t> expected;
  for (uint64_t id :
       DbIds("(SELECT code::int8 AS id, geom FROM districts) d", city)) {
    expected.insert(id);
  }
  EXPECT_EQ(Ids(tile, "districts"), expected);
  EXPECT_GE(expected.size(), 3u);
  bool lingya = false;
  for (const Tile::Feature& f : tile.layers(0).features()) {
    auto a = Attributes(tile.layers(0), f);
    EXPECT_EQ(std::to_string(f.id()), a["code"]);
    lingya |= a["name_zh"] == "苓雅區" && a["name_en"] == "Lingya District";
  }
  EXPECT_TRUE(lingya);
}

TEST_F(TilesTest, ProjectsTileSpansEveryYearAsTheListDoes) {
  // A project in tendering has no contract period yet; ListProjects shows
  // it by default, and so does its tile.
  db().Exec(absl::StrCat(
      "INSERT INTO projects (project_no, name_zh, unit_code, category, "
      "status, geom, source, source_key) VALUES ('KH-T-2', '規劃中公園', "
      "'NBO', 'park', 'tendering', ST_SetSRID(ST_MakePoint(",
      absl::StrFormat("%.7f, %.7f", kLng, kLat), "), 4326), 'test', 't2')"));
  const TileXY t = TileAt(kLng, kLat, 14);
  Tile tile;
  ASSERT_TRUE(Get(Request("projects", t), &tile).ok());
  EXPECT_EQ(Ids(tile, "projects").size(), 1u);
  pwis::v1::GetTileRequest r = Request("projects", t);
  r.add_status("tendering");
  tile.Clear();
  ASSERT_TRUE(Get(r, &tile).ok());
  EXPECT_EQ(Ids(tile, "projects").size(), 1u);
  // Asked for a day, only projects running that day.
  r.set_date("2026-06-01");
  tile.Clear();
  ASSERT_TRUE(Get(r, &tile).ok());
  EXPECT_TRUE(Ids(tile, "projects").empty());
}

TEST_F(TilesTest, DeletedRowsAreLeftOut) {
  const TileXY t = TileAt(kLng, kLat, 15);
  RoadWorkSpec gone = Work(Line(kLng, kLat, kLng + 0.0004, kLat));
  gone.deleted = true;
  InsertRoadWork(db(), gone);
  const int64_t live =
      InsertRoadWork(db(), Work(Line(kLng, kLat, kLng + 0.0004, kLat)));
  Tile tile;
  ASSERT_TRUE(Get(Request("roadworks", t), &tile).ok());
  EXPECT_THAT(Ids(tile, "roadworks"), ElementsAre(live));
}

TEST_F(TilesTest, WorldEdgeTilesHoldWhatIsInThem) {
  // At zoom 1 the city is in the eastern column, whose buffer would reach
  // past 180°: it must not wrap the search to the other side of the world.
  for (int z : {1, 2, 3}) {
    const TileXY t = TileAt(kLng, kLat, z);
    Tile tile;
    ASSERT_TRUE(Get(Request("districts", t), &tile).ok()) << z;
    // (The smallest districts are under one unit of 4096 at these zooms
    // and drop out; a wrapped search would find none at all.)
    EXPECT_GE(Ids(tile, "districts").size(), 25u) << z;
  }
  // The western edge column holds nothing here, without an error.
  Tile west;
  ASSERT_TRUE(Get(Request("districts", {1, 0, 0}), &west).ok());
  EXPECT_TRUE(Ids(west, "districts").empty());
}

TEST_F(TilesTest, ATileOfTooManyFeaturesIsRefusedNotCut) {
  const TileXY t = TileAt(kLng, kLat, 14);
  // The square's corner: 2 km from the tile's north-west corner, inside.
  const double n = std::ldexp(1.0, t.z);
  const double lng0 = (t.x + 0.25) / n * 360 - 180;
  const double lat0 =
      std::atan(std::sinh(kPi * (1 - 2 * (t.y + 0.75) / n))) * 180 / kPi;
  // kMaxTileFeatures + 1 works of 2.5 m, 5 m apart (on a 750 m square
  // inside one zoom-14 tile): each stays a line there (4 units long).
  db().Exec(absl::StrFormat(
      "INSERT INTO road_works (title, road_names, geom, period, status, "
      "source, source_key) SELECT 'w' || i, '{中山一路}', "
      "ST_SetSRID(ST_MakeLine(ST_MakePoint(%.7f + (i %% 150) * 5e-5, "
      "%.7f + (i / 150) * 5e-5), ST_MakePoint(%.7f + (i %% 150) * 5e-5 + "
      "2.5e-5, %.7f + (i / 150) * 5e-5)), 4326), "
      "'[2026-01-01 00:00+08,2099-01-01 00:00+08)', 'active', 'test', "
      "'many' || i FROM generate_series(1, %d) i",
      lng0, lat0, lng0, lat0, store::kMaxTileFeatures + 1));
  Tile tile;
  EXPECT_THAT(Get(Request("roadworks", t), &tile), IsInvalidField("z"));
  // The refusal is remembered until a change is heard: a work removed
  // without a notification (as a bulk load in replica mode does) leaves
  // the tile refused...
  db().Exec(
      "SET session_replication_role = replica; "
      "DELETE FROM road_works WHERE source_key = 'many1'; "
      "RESET session_replication_role");
  EXPECT_THAT(Get(Request("roadworks", t), &tile), IsInvalidField("z"));
  // ...and once one is heard, the tile of one work fewer is whole.
  db().Exec("NOTIFY pwis_change, 'road_works'");
  ASSERT_TRUE(Get(Request("roadworks", t), &tile).ok());
  EXPECT_EQ(Ids(tile, "roadworks").size(),
            static_cast<size_t>(store::kMaxTileFeatures));
}

TEST_F(TilesTest, RequestRulesNameTheField) {
  const TileXY t = TileAt(kLng, kLat, 14);
  auto call = [&](pwis::v1::GetTileRequest r) {
    Tile tile;
    return Get(r, &tile);
  };
  pwis::v1::GetTileRequest r = Request("nope", t);
  EXPECT_THAT(call(r), IsInvalidField("layer"));
  r = Request("roadworks", {9, 428, 224});  // Below the layer's zooms.
  EXPECT_THAT(call(r), IsInvalidField("z"));
  r = Request("districts", {23, 0, 0});
  EXPECT_THAT(call(r), IsInvalidField("z"));
  r = Request("roadworks", {14, 16384, 0});
  EXPECT_THAT(call(r), IsInvalidField("x"));
  r = Request("roadworks", {14, -1, 0});
  EXPECT_THAT(call(r), IsInvalidField("x"));
  for (const char* y :
       {"16384", "-1", "12.png", "1e3", " 12", "12.mvt.mvt",
        "99999999999999999999", "007", "-0", "+5", "0x10", ".mvt", "12.MVT"}) {
    r = Request("roadworks", t);
    r.set_y(y);
    EXPECT_THAT(call(r), IsInvalidField("y")) << y;
  }
  r = Request("roadworks", t);
  r.set_y(std::to_string(t.y));  // Without ".mvt" is fine.
  EXPECT_TRUE(call(r).ok());
  r = Request("roadworks", t);
  r.add_status("active");
  r.add_status("bogus");
  EXPECT_THAT(call(r), IsInvalidField("status[1]"));
  r = Request("no_dig_zones", t);
  r.add_status("active");
  EXPECT_THAT(call(r), IsInvalidField("status[0]"));
  r = Request("districts", TileAt(kLng, kLat, 11));
  r.set_date("2026-01-01");
  EXPECT_THAT(call(r), IsInvalidField("date"));
  r = Request("roadworks", t);
  r.set_date("2026-02-30");
  EXPECT_THAT(call(r), IsInvalidField("date"));
  r = Request("roadworks", t);
  r.set_date("2026-01-01");
  r.set_any_time(true);
  EXPECT_THAT(call(r), IsInvalidField("date"));
  // Whole names only: a NUL does not cut a status short.
  r = Request("roadworks", t);
  r.add_status(std::string("active\0x", 8));
  EXPECT_THAT(call(r), IsInvalidField("status[0]"));
}

TEST_F(TilesTest, HttpTilesHaveETagsAndFollowChanges) {
  const TileXY t = TileAt(kLng, kLat, 15);
  InsertRoadWork(db(), Work(Line(kLng, kLat, kLng + 0.0005, kLat)));
  const std::string target =
      absl::StrCat("/v1/tiles/", Path("roadworks", t), ".mvt");
  HttpResult first = Fetch(server().http_port(), "GET", target);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.headers["content-type"],
            "application/vnd.mapbox-vector-tile");
  EXPECT_EQ(first.headers["cache-control"], "public, max-age=60");
  const std::string etag = first.headers["etag"];
  ASSERT_FALSE(etag.empty());
  Tile tile;
  ASSERT_TRUE(tile.ParseFromString(first.body));
  EXPECT_EQ(Ids(tile, "roadworks").size(), 1u);

  HttpResult again =
      Fetch(server().http_port(), "GET", target, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");

  // A new work in the tile: the cached tile is gone, the ETag moves on.
  const int64_t added = InsertRoadWork(
      db(), Work(Line(kLng, kLat + 0.0002, kLng + 0.0003, kLat + 0.0002)));
  HttpResult changed =
      Fetch(server().http_port(), "GET", target, {{"If-None-Match", etag}});
  ASSERT_EQ(changed.status, 200);
  EXPECT_NE(changed.headers["etag"], etag);
  tile.Clear();
  ASSERT_TRUE(tile.ParseFromString(changed.body));
  EXPECT_EQ(Ids(tile, "roadworks").size(), 2u);
  EXPECT_EQ(Ids(tile, "roadworks").count(added), 1u);

  HttpResult bad =
      Fetch(server().http_port(), "GET", "/v1/tiles/roadworks/15/1/x.mvt");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("\"field\":\"y\""), std::string::npos) << bad.body;
}

TEST_F(TilesTest, TileJsonDescribesEachLayer) {
  HttpResult r = Fetch(server().http_port(), "GET", "/v1/tiles/roadworks",
                       {{"Host", "maps.example.gov.tw"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json");
  google::protobuf::Struct doc = ParseJson(r.body);
  EXPECT_EQ(JsonAt(doc, "tilejson")->string_value(), "3.0.0");
  EXPECT_EQ(JsonAt(doc, "tiles[0]")->string_value(),
            "http://maps.example.gov.tw/v1/tiles/roadworks/{z}/{x}/{y}.mvt");
  EXPECT_EQ(JsonAt(doc, "minzoom")->number_value(), 10);
  EXPECT_EQ(JsonAt(doc, "maxzoom")->number_value(), 22);
  EXPECT_EQ(JsonAt(doc, "vector_layers[0].id")->string_value(), "roadworks");
  EXPECT_NE(JsonAt(doc, "vector_layers[0].fields.impact"), nullptr);
  // The city's extent: Kaohsiung lies within it.
  EXPECT_LT(JsonAt(doc, "bounds[0]")->number_value(), kLng);
  EXPECT_GT(JsonAt(doc, "bounds[2]")->number_value(), kLng);
  EXPECT_LT(JsonAt(doc, "bounds[1]")->number_value(), kLat);
  EXPECT_GT(JsonAt(doc, "bounds[3]")->number_value(), kLat);

  HttpResult all = Fetch(server().http_port(), "GET", "/v1/tiles");
  ASSERT_EQ(all.status, 200);
  google::protobuf::Struct wrapped =
      ParseJson("{\"layers\": " + all.body + "}");
  ASSERT_EQ(JsonSize(wrapped, "layers"), 6);
  std::vector<std::string> names;
  for (int i = 0; i < 6; ++i) {
    names.push_back(
        JsonAt(wrapped, absl::StrCat("layers[", i, "].name"))->string_value());
  }
  EXPECT_THAT(names, ElementsAre("roadworks", "permits", "no_dig_zones",
                                 "projects", "districts", "villages"));

  HttpResult unknown = Fetch(server().http_port(), "GET", "/v1/tiles/nope");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("\"field\":\"layer\""), std::string::npos)
      << unknown.body;
}

}  // namespace
}  // namespace pwis::testing
