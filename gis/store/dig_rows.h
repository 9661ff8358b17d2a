// The rows a dig-site check is made of. Every kind of record that can meet
// a dig site (permits, road works, no-dig zones, later projects) gives one
// sub-select in the DigRow shape; DigSiteStore joins them with UNION ALL
// into one statement, so one snapshot answers the whole check.
//
// A domain's store writes, e.g. for permits:
//
//   DigRow row = DigRowFor(q, "p", site, format);  // distance, overlap, geom
//   row.kind = "'permit'";
//   row.reference = "p.permit_no";
//   ...
//   AddFilter(filter, q);  // the list's own conditions, near the site
//   return RenderDigRow(row) + kFrom + q.TakeWhereClause();
#ifndef PWIS_GIS_STORE_DIG_ROWS_H_
#define PWIS_GIS_STORE_DIG_ROWS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gis/store/list_types.h"
#include "gis/store/sql_builder.h"
#include "pwis/v1/common.pb.h"

namespace pwis::store {

// A checked site: its geometry in TWD97 TM2 (SRID 3826, hex EWKB), the
// buffer around it and the planned window [from, to).
struct DigSite {
  std::string tm2_ewkb_hex;
  double buffer_m = 30;
  absl::Time from, to;

  NearGeometry Near() const { return {tm2_ewkb_hex, buffer_m}; }
  TimeFilter Window() const {
    TimeFilter t;
    t.kind = TimeFilter::kWindow;
    t.from = from;
    t.to = to;
    return t;
  }
};

// One row's SQL expressions, each NULL unless set. Times are microseconds
// since the Unix epoch; road_names and names are joined with U+001F.
struct DigRow {
  std::string kind;  // An SQL text literal: 'permit', 'road_work', ...
  std::string id = "NULL::int8";
  std::string reference = "NULL::text";
  std::string title_zh = "NULL::text", title_en = "NULL::text";
  std::string status = "NULL::text";  // The enum's database name.
  std::string road_names = "NULL::text";
  std::string agency_code = "NULL::text", agency_zh = "NULL::text",
              agency_en = "NULL::text", agency_pipeline = "NULL::text";
  std::string phone = "NULL::text", notice_phone = "NULL::text";
  std::string distance_m = "NULL::float8";
  std::string start_us = "NULL::int8", end_us = "NULL::int8";
  std::string overlap_start_us = "NULL::int8", overlap_end_us = "NULL::int8";
  std::string first_day = "NULL::text", last_day = "NULL::text";
  std::string days = "NULL::int4";
  std::string names = "NULL::text";
  std::string count = "NULL::int8";
  std::string geom = "NULL";  // GeometryColumn's output.
};

// "SELECT <every expression AS its name>", in the one column order.
std::string RenderDigRow(const DigRow& row);

// A row for table alias `alias` (geom_tm2 and period columns): distance
// to the site, period, its overlap with the window (range, first and last
// Asia/Taipei day, day count) and the geometry in `format`.
DigRow DigRowFor(SqlBuilder& q, absl::string_view alias, const DigSite& site,
                 pwis::v1::GeometryFormat format);

// "array_to_string(`column`, E'\x1f')".
std::string JoinedNames(absl::string_view column);

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_DIG_ROWS_H_
