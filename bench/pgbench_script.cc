// pwis-bench-sql: prints a pgbench script that runs exactly the SQL the
// road-works store runs for a benchmark RPC, with the same random draws as
// pwis-grpc-load, so pgbench gives the raw database figure beside it.
//
//   pwis-bench-sql get ID_MAX        GetRoadWork(random id in 1..ID_MAX)
//   pwis-bench-sql list_bbox         ListRoadWorks(random bbox), in effect now
//   pwis-bench-sql digsite BASE      CheckDigSite(random point, 30 m, a
//                                    week from BASE + random day): the
//                                    site statement, then the check
//   pwis-bench-sql license_get       GetLicense(random building license)
//   pwis-bench-sql license_search    SearchLicenses(q = a random term)
//   pwis-bench-sql project_list CODES  ListProjects in a random district
//                                    of CODES (comma-separated, in
//                                    kProjectDistricts order), working,
//                                    by variance
//   pwis-bench-sql project_progress  GetProjectProgress(random project)
//   pwis-bench-sql project_stats     GetProjectStats(whole city)
#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/workload.h"
#include "gis/store/dig_site_store.h"
#include "gis/store/licenses_store.h"
#include "gis/store/permits_store.h"
#include "gis/store/projects_store.h"
#include "gis/store/roadworks_store.h"
#include "gis/store/vector_tiles.h"

namespace {

using pwis::store::RoadWorksStore;
using pwis::store::Statement;

// Replaces $N placeholders (highest first, so $1 does not eat $10).
std::string Bind(std::string sql, const std::vector<std::string>& values) {
  for (size_t i = values.size(); i-- > 0;) {
    sql = absl::StrReplaceAll(sql, {{absl::StrCat("$", i + 1), values[i]}});
  }
  return sql;
}

std::string Quote(const std::string& s) {
  return absl::StrCat("'", absl::StrReplaceAll(s, {{"'", "''"}}), "'");
}

// pgbench reads one command per line, and takes every ":name" as a
// variable, even inside a string: the to_char format 'HH24:MI' is written
// 'HH24":"MI', which formats the same.
std::string OneLine(const std::string& sql) {
  return absl::StrReplaceAll(sql,
                             {{"\n", " "}, {"'HH24:MI'", "'HH24\":\"MI'"}});
}

}  // namespace

int main(int argc, char** argv) {
  std::string what = argc > 1 ? argv[1] : "";
  if (what == "get" && argc > 2) {
    Statement st =
        RoadWorksStore::GetStatement(pwis::v1::GEOMETRY_FORMAT_GEOJSON);
    std::cout << "\\set id random(1, " << std::atoll(argv[2]) << ")\n"
              << OneLine(Bind(st.sql, {":id"})) << ";\n";
    return 0;
  }
  if (what == "list_bbox") {
    using namespace pwis::bench;
    pwis::store::RoadWorkFilter f;
    f.common.bbox =
        pwis::store::BoundingBox{1, 2, 3, 4};  // Placeholders, $1..$4.
    f.common.time.kind = pwis::store::TimeFilter::kAt;
    f.common.time.at = absl::Now();
    f.statuses = {"planned", "active", "suspended", "completed"};
    Statement st = RoadWorksStore::ListStatement(f, pwis::store::ListOptions());
    if (st.params.size() < 4 || st.params[0] != "1" || st.params[3] != "4") {
      std::cerr << "pwis-bench-sql: the list statement no longer starts with "
                   "the bbox: "
                << absl::StrJoin(st.params, " | ") << "\n";
      return 1;
    }
    std::vector<std::string> values = {":minlng", ":minlat", ":maxlng",
                                       ":maxlat"};
    for (size_t i = 4; i < st.params.size(); ++i)
      values.push_back(Quote(st.params[i]));
    std::cout << "\\set cx random(0, "
              << static_cast<int>((kMaxLng - kMinLng) * kGrid) << ")\n"
              << "\\set cy random(0, "
              << static_cast<int>((kMaxLat - kMinLat) * kGrid) << ")\n"
              << "\\set minlng " << kMinLng << " + :cx / " << kGrid << ".0 - "
              << kHalf << "\n"
              << "\\set maxlng " << kMinLng << " + :cx / " << kGrid << ".0 + "
              << kHalf << "\n"
              << "\\set minlat " << kMinLat << " + :cy / " << kGrid << ".0 - "
              << kHalf << "\n"
              << "\\set maxlat " << kMinLat << " + :cy / " << kGrid << ".0 + "
              << kHalf << "\n"
              << OneLine(Bind(st.sql, values)) << ";\n";
    return 0;
  }
  if (what == "digsite" && argc > 2) {
    using namespace pwis::bench;
    long long base = std::atoll(argv[2]);
    // Sentinels, replaced by pgbench expressions below.
    pwis::store::DigSite site{"SITE", kDigBufferM, absl::FromUnixSeconds(1),
                              absl::FromUnixSeconds(2)};
    Statement check = pwis::store::DigSiteStore::CheckStatement(
        site, {}, pwis::v1::GEOMETRY_FORMAT_GEOJSON);
    const std::string from =
        absl::StrCat("(to_timestamp(", base, ") + :day * interval '1 day')");
    const std::string to =
        absl::StrCat("(to_timestamp(", base, ") + (:day + ", kDigWindowDays,
                     ") * interval '1 day')");
    pwis::store::SqlBuilder sentinels;
    sentinels.TimeParam(site.from);
    sentinels.TimeParam(site.to);
    std::vector<std::string> values;
    for (const std::string& p : check.params) {
      if (p == "SITE") {
        values.push_back(":tm2_hex");
      } else if (p == sentinels.params()[0]) {
        values.push_back(from);
      } else if (p == sentinels.params()[1]) {
        values.push_back(to);
      } else {
        values.push_back(Quote(p));
      }
    }
    Statement prepare = pwis::store::DigSiteStore::PrepareStatement();
    std::cout
        << "\\set cx random(0, "
        << static_cast<int>((kMaxLng - kMinLng) * kGrid) << ")\n"
        << "\\set cy random(0, "
        << static_cast<int>((kMaxLat - kMinLat) * kGrid) << ")\n"
        << "\\set day random(0, " << kDigDays - 1 << ")\n"
        << "SELECT tm2_hex FROM ("
        << OneLine(Bind(
               prepare.sql,
               {absl::StrCat(
                    "format('{\"type\":\"Point\",\"coordinates\":[%s,%s]}', ",
                    kMinLng, " + :cx / ", kGrid, ".0, ", kMinLat, " + :cy / ",
                    kGrid, ".0)"),
                "4326", "false"}))
        << ") s \\gset\n"
        << OneLine(Bind(check.sql, values)) << ";\n";
    return 0;
  }
  if (what == "license_get") {
    using namespace pwis::bench;
    Statement st = pwis::store::LicensesStore::GetStatement("KEY", {});
    std::vector<std::string> values;
    for (const std::string& p : st.params) {
      values.push_back(p == "KEY" ? "format('(%s)高市工建築字第%s號', :y::int, "
                                    "lpad((:k::int * 10000 + "
                                    ":s::int)::text, 5, '0'))"
                                  : Quote(p));
    }
    std::cout << "\\set y random(" << kLicenseYearMin << ", " << kLicenseYearMax
              << ")\n"
              << "\\set k random(0, " << kLicenseCopies - 1 << ")\n"
              << "\\set s random(1, " << kLicenseSeqMax << ")\n"
              << OneLine(Bind(st.sql, values)) << ";\n";
    return 0;
  }
  if (what == "license_search") {
    using namespace pwis::bench;
    pwis::store::LicenseFilter f;
    f.q = "QTERM";  // A sentinel, replaced by the term drawn.
    pwis::store::ListOptions options;
    Statement st = pwis::store::LicensesStore::SearchStatement(f, options, {});
    std::vector<std::string> terms;
    for (const char* t : kLicenseTerms) terms.push_back(Quote(t));
    std::vector<std::string> values;
    // The term may sit inside a parameter (a LIKE pattern "%QTERM%"): the
    // text around it stays, the term is drawn per transaction.
    const std::string drawn =
        absl::StrCat("(ARRAY[", absl::StrJoin(terms, ","), "])[:t::int]");
    for (const std::string& p : st.params) {
      size_t at = p.find("QTERM");
      values.push_back(at == std::string::npos
                           ? Quote(p)
                           : absl::StrCat("(", Quote(p.substr(0, at)), " || ",
                                          drawn, " || ",
                                          Quote(p.substr(at + 5)), ")"));
    }
    std::cout << "\\set t random(1, " << kLicenseTermCount << ")\n"
              << OneLine(Bind(st.sql, values)) << ";\n";
    return 0;
  }
  if (what.rfind("project_", 0) == 0) {
    using namespace pwis::bench;
    // The thresholds do not change the statements' cost.
    pwis::store::ProjectsStore projects(nullptr, {});
    if (what == "project_list" && argc > 2) {
      pwis::store::ProjectFilter f;
      f.common.district_code = "DCODE";  // A sentinel, drawn per call.
      f.statuses = {"under_construction", "suspended"};
      f.order = pwis::store::ProjectFilter::Order::kVariance;
      pwis::store::ListOptions options;
      options.limit = kProjectPage;
      Statement st = projects.ListStatement(f, options);
      std::vector<std::string> codes = absl::StrSplit(argv[2], ',');
      for (std::string& c : codes) c = Quote(c);
      std::vector<std::string> values;
      for (const std::string& p : st.params) {
        values.push_back(p == "DCODE" ? absl::StrCat("(ARRAY[",
                                                     absl::StrJoin(codes, ","),
                                                     "])[:d::int]")
                                      : Quote(p));
      }
      std::cout << "\\set d random(1, " << codes.size() << ")\n"
                << OneLine(Bind(st.sql, values)) << ";\n";
      return 0;
    }
    if (what == "project_progress") {
      Statement st = projects.ProgressStatement("PNO");
      std::vector<std::string> values;
      for (const std::string& p : st.params) {
        values.push_back(p == "PNO" ? "('KH-BENCH-' || lpad(:i::text, 5, '0'))"
                                    : Quote(p));
      }
      std::cout << "\\set i random(1, " << kProjectCount << ")\n"
                << OneLine(Bind(st.sql, values)) << ";\n";
      return 0;
    }
    if (what == "project_stats") {
      Statement st = projects.StatsStatement({});
      std::vector<std::string> values;
      for (const std::string& p : st.params) values.push_back(Quote(p));
      std::cout << OneLine(Bind(st.sql, values)) << ";\n";
      return 0;
    }
  }
  if (what == "tile" && argc > 3) {
    // The tile statement for BenchTiles(COUNT)[:k], in effect now, the
    // layer's default statuses (as pwis-grpc-load --rpc=tile asks).
    const std::string layer_name = argv[2];
    const pwis::store::TileLayer* layer =
        layer_name == "roadworks" ? &pwis::store::RoadWorksTileLayer()
        : layer_name == "permits" ? &pwis::store::PermitsTileLayer()
                                  : nullptr;
    const int count = std::atoi(argv[3]);
    if (layer != nullptr && count > 0) {
      std::vector<std::string> z, x, y;
      for (const auto& t : pwis::bench::BenchTiles(count)) {
        z.push_back(absl::StrCat(t.z));
        x.push_back(absl::StrCat(t.x));
        y.push_back(absl::StrCat(t.y));
      }
      auto pick = [](const std::vector<std::string>& v) {
        return absl::StrCat("(ARRAY[", absl::StrJoin(v, ","), "])[:k]");
      };
      // Coordinates replaced below; in effect now (to the minute, as the
      // server takes a tile request without time).
      pwis::store::TileQuery q;
      q.time.kind = pwis::store::TimeFilter::kAt;
      q.time.at =
          absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) / 60 * 60);
      Statement st = pwis::store::TileStatement(*layer, q);
      std::vector<std::string> values = {pick(z), pick(x), pick(y)};
      for (size_t i = 3; i < st.params.size(); ++i) {
        values.push_back(Quote(st.params[i]));
      }
      std::cout << "\\set k random(1, " << count << ")\n"
                << OneLine(Bind(st.sql, values)) << ";\n";
      return 0;
    }
  }
  std::cerr << "usage: pwis-bench-sql get ID_MAX | list_bbox | digsite BASE "
               "| license_get | license_search | project_list CODES | "
               "project_progress | project_stats | tile roadworks|permits "
               "COUNT\n";
  return 2;
}
