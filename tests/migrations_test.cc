// The migration runner: idempotent, and safe when servers start together.
#include "db/migrations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "gis/store/migrator.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

TEST(MigrationsTest, ReRunAppliesNothingAndKeepsData) {
  TestDatabase database;  // The template already has every migration.
  auto n =
      store::ApplyMigrations(database.url(), db::EmbeddedMigrations(), nullptr);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(*n, 0);
  EXPECT_EQ(database.QueryValue("SELECT count(*) FROM schema_migrations"),
            std::to_string(db::EmbeddedMigrations().size()));
  EXPECT_EQ(database.QueryValue("SELECT count(*) FROM districts"), "38");
}

TEST(MigrationsTest, ConcurrentRunnersApplyEachMigrationOnce) {
  TestDatabase database(/*migrated=*/false);
  absl::StatusOr<int> a, b;
  std::thread ta([&] {
    a = store::ApplyMigrations(database.url(), db::EmbeddedMigrations(),
                               nullptr);
  });
  std::thread tb([&] {
    b = store::ApplyMigrations(database.url(), db::EmbeddedMigrations(),
                               nullptr);
  });
  ta.join();
  tb.join();
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(*a + *b, static_cast<int>(db::EmbeddedMigrations().size()));
  EXPECT_EQ(database.QueryValue("SELECT count(*) FROM schema_migrations"),
            std::to_string(db::EmbeddedMigrations().size()));
  EXPECT_EQ(database.QueryValue("SELECT count(*) FROM road_works"), "0");
}

// A database whose history names another migration under a version this
// build has (made by an incompatible pre-release build) is refused with
// both names, not migrated on top.
TEST(MigrationsTest, MismatchedHistoryIsRefused) {
  TestDatabase database;
  database.Exec(
      "UPDATE schema_migrations SET name = '0003_road_works' WHERE version = "
      "3");
  auto n =
      store::ApplyMigrations(database.url(), db::EmbeddedMigrations(), nullptr);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(n.status().message()),
              ::testing::AllOf(::testing::HasSubstr("0003_road_works"),
                               ::testing::HasSubstr("0003_shared_functions")));
}

// Read caches trust the `pwis_change` notifications: every table a
// migration makes must announce its changes (pwis_announce_changes), but
// case_lookup_failures, which no answer reads (0022).
TEST(MigrationsTest, EveryTableAnnouncesItsChanges) {
  TestDatabase database;
  EXPECT_EQ(database.QueryValue(
                "SELECT coalesce(string_agg(c.relname, ', '), '') "
                "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') "
                "AND c.relname NOT IN ('spatial_ref_sys', 'schema_migrations', "
                "'case_lookup_failures') AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = "
                "c.oid AND t.tgname = 'pwis_notify_change')"),
            "");
  EXPECT_NE(database.QueryValue("SELECT count(*) FROM pg_trigger WHERE tgname "
                                "= 'pwis_notify_change'"),
            "0");
}

// Real feeds give points (migration 0009); collections stay refused.
TEST(MigrationsTest, RoadWorksTakePointsAndMultiPoints) {
  TestDatabase database;
  auto insert = [](const std::string& wkt) {
    return absl::StrCat(
        "INSERT INTO road_works (title, geom, period) VALUES ('t', "
        "ST_GeomFromText('",
        wkt, "', 4326), tstzrange(now(), NULL))");
  };
  for (const char* wkt :
       {"POINT(120.30 22.62)", "MULTIPOINT((120.30 22.62),(120.31 22.62))",
        "MULTIPOLYGON(((120.30 22.62,120.31 22.62,120.31 "
        "22.63,120.30 22.62)))"}) {
    database.Exec(insert(wkt));
  }
  EXPECT_EQ(database.QueryValue("SELECT count(*) FROM road_works"), "3");
  EXPECT_ANY_THROW(
      database.Exec(insert("GEOMETRYCOLLECTION(POINT(120.30 22.62))")));
}

// pwis-import records where each row came from, on every table it loads.
TEST(MigrationsTest, ImportedTablesKeepProvenance) {
  TestDatabase database;
  EXPECT_EQ(database.QueryValue(
                "SELECT string_agg(table_name || '.' || column_name, ' ' "
                "ORDER BY table_name, column_name) FROM "
                "information_schema.columns WHERE column_name IN "
                "('source', 'source_key', 'imported_at', 'import_file', "
                "'import_record') AND table_name IN ('road_works', "
                "'excavation_permits', 'utility_networks', 'no_dig_zones')"),
            "excavation_permits.import_file excavation_permits.import_record "
            "excavation_permits.imported_at excavation_permits.source "
            "excavation_permits.source_key no_dig_zones.import_file "
            "no_dig_zones.import_record no_dig_zones.imported_at "
            "no_dig_zones.source no_dig_zones.source_key "
            "road_works.import_file road_works.import_record "
            "road_works.imported_at road_works.source road_works.source_key "
            "utility_networks.import_file utility_networks.import_record "
            "utility_networks.imported_at utility_networks.source "
            "utility_networks.source_key");
}

}  // namespace
}  // namespace pwis::testing
