#include "gis/store/dig_rows.h"

#include "absl/strings/str_cat.h"
#include "gis/store/sql_fragments.h"

namespace pwis::store {

std::string RenderDigRow(const DigRow& r) {
  return absl::StrCat(
      "SELECT ", r.kind, " AS kind, ", r.id, " AS id, ", r.reference,
      " AS reference, ", r.title_zh, " AS title_zh, ", r.title_en,
      " AS title_en, ", r.status, " AS status, ", r.road_names,
      " AS road_names, ", r.agency_code, " AS agency_code, ", r.agency_zh,
      " AS agency_zh, ", r.agency_en, " AS agency_en, ", r.agency_pipeline,
      " AS agency_pipeline, ", r.phone, " AS phone, ", r.notice_phone,
      " AS notice_phone, ", r.distance_m, " AS distance_m, ", r.start_us,
      " AS start_us, ", r.end_us, " AS end_us, ", r.overlap_start_us,
      " AS overlap_start_us, ", r.overlap_end_us, " AS overlap_end_us, ",
      r.first_day, " AS first_day, ", r.last_day, " AS last_day, ", r.days,
      " AS days, ", r.names, " AS names, ", r.count, " AS count, ", r.geom,
      " AS geom_out");
}

DigRow DigRowFor(SqlBuilder& q, absl::string_view alias, const DigSite& site,
                 pwis::v1::GeometryFormat format) {
  const std::string a(alias);
  DigRow row;
  std::string g = q.Param(site.tm2_ewkb_hex, "geometry");
  std::string from = q.TimeParam(site.from);
  std::string to = q.TimeParam(site.to);
  std::string overlap =
      absl::StrCat("(", a, ".period * tstzrange(", from, ", ", to, ", '[)'))");
  std::string first =
      absl::StrCat("(lower", overlap, " AT TIME ZONE 'Asia/Taipei')::date");
  // The last day touched: the end is exclusive.
  std::string last = absl::StrCat(
      "((upper", overlap,
      " - interval '1 microsecond') AT TIME ZONE 'Asia/Taipei')::date");
  row.distance_m = absl::StrCat("ST_Distance(", a, ".geom_tm2, ", g, ")");
  row.start_us = MicrosColumn(absl::StrCat("lower(", a, ".period)"));
  row.end_us = MicrosColumn(absl::StrCat("upper(", a, ".period)"));
  row.overlap_start_us = MicrosColumn(absl::StrCat("lower", overlap));
  row.overlap_end_us = MicrosColumn(absl::StrCat("upper", overlap));
  row.first_day = absl::StrCat("to_char(", first, ", 'YYYY-MM-DD')");
  row.last_day = absl::StrCat("to_char(", last, ", 'YYYY-MM-DD')");
  row.days = absl::StrCat("(", last, " - ", first, " + 1)");
  row.road_names = JoinedNames(a + ".road_names");
  row.geom = GeometryColumn(alias, format);
  return row;
}

std::string JoinedNames(absl::string_view column) {
  return absl::StrCat("array_to_string(", column, ", E'\\x1f')");
}

}  // namespace pwis::store
