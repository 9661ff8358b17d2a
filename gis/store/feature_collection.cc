#include "gis/store/feature_collection.h"

#include "absl/strings/str_cat.h"

namespace pwis::store {

Statement FeaturePageStatement(const FeatureSource& source, SqlBuilder& q,
                               int limit) {
  std::string n = q.Param(static_cast<long long>(limit));
  std::string props;
  for (const FeatureProperty& p : source.properties) {
    absl::StrAppend(&props, props.empty() ? "" : ",\n", "      '", p.name,
                    "', ", p.sql);
  }
  const std::string a = source.alias;
  std::string extra = *source.extra_columns == '\0'
                          ? std::string()
                          : absl::StrCat(source.extra_columns, ", ");
  // One row more than the page is fetched to learn whether more follow.
  std::string key_us =
      source.integer_key ? std::string(source.time_key)
                         : absl::StrCat("(extract(epoch FROM ", source.time_key,
                                        ") * 1000000)::int8");
  std::string sql = absl::StrCat(
      "WITH page AS (\n  SELECT ", a, ".*, ", extra, key_us,
      " AS page_key_us,\n", "    row_number() OVER (ORDER BY ", source.time_key,
      ", ", a, ".id) AS page_rn", source.from, q.WhereClause(), " ORDER BY ",
      source.time_key, ", ", a, ".id LIMIT ", n, " + 1)\n",
      "SELECT coalesce(json_agg(json_build_object(\n",
      "    'type', 'Feature', 'id', p.id,\n",
      "    'geometry', ST_AsGeoJSON(p.geom, 7)::json,\n",
      "    'properties', json_build_object(\n", props, "))\n",
      "  ORDER BY p.page_rn) FILTER (WHERE p.page_rn <= ", n,
      "), '[]'::json)::text,\n", "  count(*) FILTER (WHERE p.page_rn <= ", n,
      "),\n", "  coalesce(bool_or(p.page_rn > ", n, "), false),\n",
      "  max(p.page_key_us) FILTER (WHERE p.page_rn = ", n, "),\n",
      "  max(p.id) FILTER (WHERE p.page_rn = ", n, ")\nFROM page p");
  return {std::move(sql), q.params()};
}

GeoJsonPage GeoJsonPageFromResult(const pqxx::result& r) {
  GeoJsonPage page;
  page.features = r[0][0].c_str();
  page.count = r[0][1].as<int>();
  if (r[0][2].as<bool>()) {
    page.next = ListPosition{r[0][3].as<int64_t>(), r[0][4].as<int64_t>()};
  }
  return page;
}

std::string FeatureCollectionJson(const GeoJsonPage& page,
                                  const std::string& next_page_token,
                                  const std::string& next_url) {
  std::string links;
  if (!next_url.empty()) {
    std::string href;  // JSON string content: the URL is printable ASCII.
    for (char c : next_url) {
      if (c == '"' || c == '\\') href += '\\';
      href += c;
    }
    links = absl::StrCat(
        R"(,"links":[{"rel":"next","type":"application/geo+json","href":")",
        href, R"("}])");
  }
  // The token is plain base64url: no JSON escaping needed.
  return absl::StrCat(R"({"type":"FeatureCollection","numberReturned":)",
                      page.count, R"(,"next_page_token":")", next_page_token,
                      R"(")", links, R"(,"features":)", page.features, "}");
}

}  // namespace pwis::store
