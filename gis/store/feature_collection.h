// One page of a GeoJSON FeatureCollection built in the database (json_agg
// over the page's rows: no per-row work in the server), for any table that
// lists in (time key, id) order with keyset paging.
#ifndef PWIS_GIS_STORE_FEATURE_COLLECTION_H_
#define PWIS_GIS_STORE_FEATURE_COLLECTION_H_

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "gis/store/list_types.h"
#include "gis/store/sql_builder.h"

namespace pwis::store {

// A Feature property: its name and an SQL expression over `p`, the page's
// row (every column of the main table, plus FeatureSource::extra_columns).
struct FeatureProperty {
  const char* name;
  std::string sql;
};

struct FeatureSource {
  // " FROM road_works r LEFT JOIN ...": the main table's alias is `alias`.
  const char* from;
  const char* alias;
  // Further page columns, e.g. "d.name_zh AS district_zh" (may be empty).
  const char* extra_columns;
  // The timestamptz expression the list is ordered by before the id, e.g.
  // "lower(r.period)".
  const char* time_key;
  std::vector<FeatureProperty> properties;
  // `time_key` is an int8 sort key instead (page positions hold its
  // value, see IntKeysetAfter).
  bool integer_key = false;
};

// The statement for one page: the rows `q`'s conditions select (its
// WhereClause(), keyset condition included), ordered by (time key, id),
// at most `limit`. Feature ids are the row ids; geometry is GeoJSON with 7
// decimals. `q` is consumed (its parameters are the statement's).
Statement FeaturePageStatement(const FeatureSource& source, SqlBuilder& q,
                               int limit);

// The page a FeaturePageStatement's result describes.
GeoJsonPage GeoJsonPageFromResult(const pqxx::result& r);

// The FeatureCollection document around a page: `numberReturned`,
// `next_page_token`, and (when `next_url` is not empty) the OGC API
// Features `links` entry with rel "next".
std::string FeatureCollectionJson(const GeoJsonPage& page,
                                  const std::string& next_page_token,
                                  const std::string& next_url);

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_FEATURE_COLLECTION_H_
