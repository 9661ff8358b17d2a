// Validation of the request fields every list-style RPC shares, by name:
// `bbox`; `lng` / `lat` / `radius_m`; `at`, `window_start` / `window_end`,
// `date`, `any_time` (and `updated_since`, which lifts the default time);
// `page_size`, `page_token`, `geometry_format`; text filters. A domain's
// request that has these fields (same names and types as
// ListRoadWorksRequest) gets the same rules and the same messages:
//
//   auto circle = ParseCircle(CircleFieldsOf(request));
//   auto time = ParseTimeFields(TimeFieldsOf(request), now);
//
// Every error is INVALID_ARGUMENT naming the field (see InvalidField).
#ifndef PWIS_SERVICES_COMMON_LIST_PARAMS_H_
#define PWIS_SERVICES_COMMON_LIST_PARAMS_H_

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>
#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gis/store/enum_table.h"
#include "gis/store/list_types.h"
#include "services/common/page_token.h"

namespace pwis {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;
inline constexpr double kMaxRadiusMetres = 50000;
inline constexpr size_t kMaxTextFilterBytes = 100;

// Asia/Taipei for the days requests name. Taiwan has kept UTC+8 without
// daylight saving since 1979; a fixed zone avoids depending on the host's
// tz database.
const absl::TimeZone& Taipei();

// `page_size` as a row limit: 0 → kDefaultPageSize, at most kMaxPageSize.
absl::StatusOr<int> PageLimit(int32_t page_size);

// A known GeometryFormat number.
absl::Status CheckGeometryFormat(int format);

// "minLng,minLat,maxLng,maxLat" (WGS84, decimal numbers only).
absl::StatusOr<store::BoundingBox> ParseBbox(const std::string& text);

// `lng` / `lat` in WGS84 range (names the field that is not).
absl::Status CheckLngLat(double lng, double lat, const char* lng_field = "lng",
                         const char* lat_field = "lat");

struct CircleFields {
  std::optional<double> lng, lat;
  double radius_m = 0;
};
template <typename Request>
CircleFields CircleFieldsOf(const Request& r) {
  return {r.has_lng() ? std::optional<double>(r.lng()) : std::nullopt,
          r.has_lat() ? std::optional<double>(r.lat()) : std::nullopt,
          r.radius_m()};
}

// nullopt when none of the three is given; all three or none.
absl::StatusOr<std::optional<store::Circle>> ParseCircle(const CircleFields& c);

struct TimeFields {
  const google::protobuf::Timestamp* at = nullptr;  // nullptr: unset.
  const google::protobuf::Timestamp* window_start = nullptr;
  const google::protobuf::Timestamp* window_end = nullptr;
  std::string date;
  bool any_time = false;
  bool has_updated_since = false;
};
template <typename Request>
TimeFields TimeFieldsOf(const Request& r) {
  return {r.has_at() ? &r.at() : nullptr,
          r.has_window_start() ? &r.window_start() : nullptr,
          r.has_window_end() ? &r.window_end() : nullptr,
          r.date(),
          r.any_time(),
          r.has_updated_since()};
}

struct TimeSelection {
  store::TimeFilter filter;
  // No time field was given: "in effect at `now`" (see ParsePaging).
  bool defaulted = false;
};

// At most one of at, the window, date and any_time; with none (and no
// updated_since) the default is "in effect now".
absl::StatusOr<TimeSelection> ParseTimeFields(const TimeFields& t,
                                              absl::Time now);

// An Asia/Taipei calendar day "YYYY-MM-DD" as the window [00:00, next
// 00:00); `field` names it in errors.
absl::StatusOr<store::TimeFilter> ParseLocalDate(const std::string& text,
                                                 const char* field = "date");

// An Asia/Taipei calendar day "YYYY-MM-DD" (a real day, years 1900 to
// 2200) as written; "" stays "" (no bound).
absl::StatusOr<std::string> ParseDay(const std::string& text,
                                     const char* field);

struct DayField {
  const std::string& text;
  const char* field;
};

// A range of days, either end open: each a ParseDay, and `to` not before
// `from` (INVALID_ARGUMENT naming `to`).
absl::Status ParseDayRange(DayField from, DayField to, std::string* from_out,
                           std::string* to_out);

// A text filter trimmed of ASCII spaces; "" when not given. Spaces alone
// and more than kMaxTextFilterBytes are refused (never silently dropped).
absl::StatusOr<std::string> ParseTextFilter(const std::string& value,
                                            const char* field);

// The database names of `values` (enum numbers of a repeated enum field)
// in `table`, appended to `out`; INVALID_ARGUMENT naming field[i] for a
// number the table lacks.
absl::Status EnumNames(const google::protobuf::RepeatedField<int>& values,
                       store::EnumTable table, const char* field,
                       std::vector<std::string>* out);

// Where a list request stands: the query it belongs to and, after the
// first page, the position to continue from.
struct Paging {
  uint64_t query_hash = 0;
  // The instant a default "now" query is resolved to (the current minute's
  // start; 0 for other queries), carried in page tokens so later pages
  // see the same instant.
  int64_t now_us = 0;
  std::optional<store::ListPosition> after;
};

// Reads `page_token` (bound to `request`'s own type and every field but
// page_size and page_token, see PageTokenCodec::QueryHash). When
// `default_time`, `now` is taken to the whole minute (the same query gives
// the same bytes for a minute: ETags and caches work) unless the token
// carries the instant of the first page.
absl::StatusOr<Paging> ParsePaging(const google::protobuf::Message& request,
                                   const std::string& page_token,
                                   bool default_time, absl::Time now,
                                   const PageTokenCodec& tokens);

// The token for the page after `next`; empty when there is none.
std::string NextPageToken(const Paging& paging,
                          const std::optional<store::ListPosition>& next,
                          const PageTokenCodec& tokens);

// What every list request has, validated: its common filter (district
// still the caller's key, see ResolveDistrict), page options and paging.
struct CommonList {
  store::CommonFilter filter;
  store::ListOptions options;
  Paging paging;
};

// A domain's validated list request: its store filter (whose
// common.district_code still holds the caller's key, see ResolveDistrict),
// page options and paging.
template <typename Filter>
struct FilterQuery {
  Filter filter;
  store::ListOptions options;
  Paging paging;
};

struct CommonListFields {
  const std::string& bbox;
  CircleFields circle;
  const std::string& district;
  TimeFields time;
  const google::protobuf::Timestamp* updated_since;  // nullptr: unset.
  int32_t page_size;
  const std::string& page_token;
  int geometry_format;
};

// Parses the fields every list request shares (see the file comment):
// spatial, district, time (updated_since makes a change feed with deleted
// rows), page size, geometry format and page token, the token bound to
// `request`.
absl::StatusOr<CommonList> ParseCommonListFields(
    const CommonListFields& fields, const google::protobuf::Message& request,
    absl::Time now, const PageTokenCodec& tokens);

template <typename Request>
absl::StatusOr<CommonList> ParseCommonList(const Request& r, absl::Time now,
                                           const PageTokenCodec& tokens) {
  return ParseCommonListFields(
      {r.bbox(), CircleFieldsOf(r), r.district(), TimeFieldsOf(r),
       r.has_updated_since() ? &r.updated_since() : nullptr, r.page_size(),
       r.page_token(), r.geometry_format()},
      r, now, tokens);
}

// A domain's query with its common part taken from `common` (the domain
// then adds its own fields).
template <typename Filter>
FilterQuery<Filter> QueryFrom(CommonList&& common) {
  FilterQuery<Filter> q;
  q.filter.common = std::move(common.filter);
  q.options = common.options;
  q.paging = common.paging;
  return q;
}

// QueryFrom(ParseCommonList(r)).
template <typename Filter, typename Request>
absl::StatusOr<FilterQuery<Filter>> ParseFilterQuery(
    const Request& r, absl::Time now, const PageTokenCodec& tokens) {
  absl::StatusOr<CommonList> common = ParseCommonList(r, now, tokens);
  if (!common.ok()) return common.status();
  return QueryFrom<Filter>(std::move(*common));
}

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_LIST_PARAMS_H_
