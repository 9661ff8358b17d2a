#include "gis/store/sql_fragments.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace pwis::store {

// Placeholders are numbered in the order Param() is called, and argument
// evaluation order is unspecified: each is taken into a local first.

void AddCommonConditions(SqlBuilder& q, absl::string_view alias,
                         const CommonFilter& f) {
  if (f.bbox) q.Where(BboxCondition(q, alias, *f.bbox));
  if (f.circle) q.Where(CircleCondition(q, alias, *f.circle));
  if (f.near) q.Where(NearCondition(q, alias, *f.near));
  if (!f.district_code.empty()) {
    q.Where(absl::StrCat(
        alias, ".district_code = ", q.Param(f.district_code, "text")));
  }
  q.Where(PeriodCondition(q, alias, f.time));
  if (f.updated_since) {
    q.Where(
        absl::StrCat(alias, ".updated_at >= ", q.TimeParam(*f.updated_since)));
  }
  if (!f.include_deleted) q.Where(NotDeleted(alias));
}

std::string BboxCondition(SqlBuilder& q, absl::string_view alias,
                          const BoundingBox& box) {
  std::string x0 = q.Param(box.min_lng);
  std::string y0 = q.Param(box.min_lat);
  std::string x1 = q.Param(box.max_lng);
  std::string y1 = q.Param(box.max_lat);
  return absl::StrCat("ST_Intersects(", alias, ".geom, ST_MakeEnvelope(", x0,
                      ", ", y0, ", ", x1, ", ", y1, ", 4326))");
}

std::string CircleCondition(SqlBuilder& q, absl::string_view alias,
                            const Circle& circle) {
  std::string x = q.Param(circle.lng);
  std::string y = q.Param(circle.lat);
  std::string r = q.Param(circle.radius_m + kDistanceToleranceM);
  return absl::StrCat("ST_DWithin(", alias,
                      ".geom_tm2, ST_Transform(ST_SetSRID(ST_MakePoint(", x,
                      ", ", y, "), 4326), 3826), ", r, ")");
}

std::string NearCondition(SqlBuilder& q, absl::string_view alias,
                          const NearGeometry& near) {
  std::string g = q.Param(near.tm2_ewkb_hex, "geometry");
  std::string r = q.Param(near.distance_m + kDistanceToleranceM);
  return absl::StrCat("ST_DWithin(", alias, ".geom_tm2, ", g, ", ", r, ")");
}

std::string PeriodCondition(SqlBuilder& q, absl::string_view alias,
                            const TimeFilter& time) {
  const std::string a(alias);
  switch (time.kind) {
    case TimeFilter::kAt: {
      std::string at = q.TimeParam(time.at);
      return absl::StrCat(a, ".period @> ", at, " AND pwis_hours_contain(", a,
                          ".work_start, ", a, ".work_end, (", at,
                          " AT TIME ZONE 'Asia/Taipei')::time)");
    }
    case TimeFilter::kWindow: {
      std::string from = time.from ? q.TimeParam(*time.from) : "NULL";
      std::string to = time.to ? q.TimeParam(*time.to) : "NULL";
      std::string window =
          absl::StrCat("tstzrange(", from, ", ", to, ", '[)')");
      return absl::StrCat(a, ".period && ", window, " AND pwis_hours_meet(", a,
                          ".work_start, ", a, ".work_end, ", a, ".period * ",
                          window, ")");
    }
    case TimeFilter::kAny:
      break;
  }
  return "";
}

std::string KeysetAfter(SqlBuilder& q, absl::string_view alias,
                        absl::string_view time_key, const ListPosition& after) {
  std::string start = q.Param(static_cast<long long>(after.start_us));
  std::string id = q.Param(static_cast<long long>(after.id));
  return absl::StrCat("(", time_key, ", ", alias,
                      ".id) > ('epoch'::timestamptz + ", start,
                      " * interval '1 microsecond', ", id, ")");
}

std::string IntKeysetAfter(SqlBuilder& q, absl::string_view alias,
                           absl::string_view key, const ListPosition& after) {
  std::string value = q.Param(static_cast<long long>(after.start_us));
  std::string id = q.Param(static_cast<long long>(after.id));
  return absl::StrCat("(", key, ", ", alias, ".id) > (", value, ", ", id, ")");
}

std::string PageOrder(SqlBuilder& q, absl::string_view alias,
                      absl::string_view time_key, int limit) {
  return absl::StrCat(" ORDER BY ", time_key, ", ", alias, ".id LIMIT ",
                      q.Param(static_cast<long long>(limit) + 1));
}

std::string LikeEscaped(absl::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string Substring(SqlBuilder& q, absl::string_view column,
                      absl::string_view text) {
  return absl::StrCat(
      column, " LIKE ",
      q.Param(absl::StrCat("%", LikeEscaped(text), "%"), "text"));
}

std::string FoldedPattern(SqlBuilder& q, const char* fold,
                          absl::string_view text) {
  return absl::StrCat("'%' || ", fold, "(", q.Param(LikeEscaped(text), "text"),
                      ") || '%'");
}

std::string CodeOrNameCondition(SqlBuilder& q, absl::string_view alias,
                                const std::string& key) {
  const std::string a(alias);
  std::string code = q.Param(key, "text");
  std::string zh = Substring(q, a + ".name_zh", key);
  std::string en = Substring(q, absl::StrCat("lower(", a, ".name_en)"),
                             absl::AsciiStrToLower(key));
  return absl::StrCat("(", a, ".code = ", code, " OR ", zh, " OR ", en, ")");
}

std::string AnyOf(SqlBuilder& q, absl::string_view column,
                  const std::vector<std::string>& values,
                  const char* array_type) {
  return absl::StrCat(column, " = ANY(", ArrayParam(q, values, array_type),
                      ")");
}

std::string ArrayParam(SqlBuilder& q, const std::vector<std::string>& values,
                       const char* array_type) {
  std::string literal = "{";
  for (const std::string& v : values) {
    if (literal.size() > 1) literal += ',';
    literal += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  literal += '}';
  return q.Param(std::move(literal), array_type);
}

namespace {

// `text` as an SQL string literal.
std::string Literal(absl::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string LabelJson(EnumTable table, absl::string_view column) {
  std::string sql = absl::StrCat("CASE ", column, "::text");
  for (const EnumEntry& e : table) {
    absl::StrAppend(&sql, " WHEN ", Literal(e.name),
                    " THEN json_build_object('zh_tw', ", Literal(e.zh_tw),
                    ", 'en', ", Literal(e.en), ")");
  }
  return sql + " END";
}

std::string LabelText(EnumTable table, absl::string_view column, bool english) {
  std::string sql = absl::StrCat("CASE ", column, "::text");
  for (const EnumEntry& e : table) {
    absl::StrAppend(&sql, " WHEN ", Literal(e.name), " THEN ",
                    Literal(english ? e.en : e.zh_tw));
  }
  return sql + " END";
}

std::string WorkingHoursJson(absl::string_view alias) {
  return absl::StrCat("CASE WHEN ", alias,
                      ".work_start IS NULL THEN NULL ELSE json_build_object("
                      "'start', to_char(",
                      alias, ".work_start, 'HH24:MI'), 'end', to_char(", alias,
                      ".work_end, 'HH24:MI')) END");
}

std::string NotDeleted(absl::string_view alias) {
  return absl::StrCat(alias, ".deleted_at IS NULL");
}

std::string MicrosColumn(absl::string_view expr) {
  return absl::StrCat("(extract(epoch FROM ", expr, ") * 1000000)::int8");
}

std::string CommonColumns(absl::string_view alias,
                          pwis::v1::GeometryFormat format) {
  const std::string a(alias);
  return absl::StrCat(
      "array_to_string(", a, ".road_names, E'\\x1f') AS road_names, ",
      "coalesce(", a, ".district_code, '') AS district_code, ",
      "coalesce(d.name_zh, '') AS district_zh, ",
      "coalesce(d.name_en, '') AS district_en, ",
      MicrosColumn(absl::StrCat("lower(", a, ".period)")), " AS start_us, ",
      MicrosColumn(absl::StrCat("upper(", a, ".period)")), " AS end_us, ",
      "to_char(", a, ".work_start, 'HH24:MI') AS work_start, ", "to_char(", a,
      ".work_end, 'HH24:MI') AS work_end, ", a, ".source, ", "coalesce(", a,
      ".source_key, '') AS source_key, ", MicrosColumn(a + ".created_at"),
      " AS created_us, ", MicrosColumn(a + ".updated_at"), " AS updated_us, ",
      MicrosColumn(a + ".deleted_at"), " AS deleted_us, ",
      GeometryColumn(alias, format), " AS geom_out");
}

std::string GeometryColumn(absl::string_view alias,
                           pwis::v1::GeometryFormat format) {
  switch (format) {
    case pwis::v1::GEOMETRY_FORMAT_WKB:
      return absl::StrCat("ST_AsBinary(", alias, ".geom)");
    case pwis::v1::GEOMETRY_FORMAT_NONE:
      return "NULL::text";
    default:
      return absl::StrCat("ST_AsGeoJSON(", alias, ".geom, 7)");
  }
}

}  // namespace pwis::store
