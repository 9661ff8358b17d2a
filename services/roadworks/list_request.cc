#include "services/roadworks/list_request.h"

#include <cmath>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/text_forms.h"
#include "services/common/grpc_util.h"

namespace pwis::roadworks {
namespace {

using pwis::v1::ListRoadWorksRequest;

// Taiwan has kept UTC+8 without daylight saving since 1979; a fixed zone
// avoids depending on the host's tz database.
const absl::TimeZone& Taipei() {
  static const absl::TimeZone tz = absl::FixedTimeZone(8 * 3600);
  return tz;
}

absl::StatusOr<std::string> StatusName(int value) {
  switch (value) {
    case pwis::v1::ROAD_WORK_STATUS_PLANNED:
      return "planned";
    case pwis::v1::ROAD_WORK_STATUS_ACTIVE:
      return "active";
    case pwis::v1::ROAD_WORK_STATUS_SUSPENDED:
      return "suspended";
    case pwis::v1::ROAD_WORK_STATUS_COMPLETED:
      return "completed";
    case pwis::v1::ROAD_WORK_STATUS_CANCELLED:
      return "cancelled";
    default:
      return InvalidField("status", absl::StrCat("unknown status ", value));
  }
}

absl::Status ParseCircle(const ListRoadWorksRequest& r,
                         store::RoadWorkFilter& f) {
  bool any = r.has_lng() || r.has_lat() || r.radius_m() != 0;
  if (!any) return absl::OkStatus();
  if (!r.has_lng())
    return InvalidField("lng", "required with lat and radius_m");
  if (!r.has_lat())
    return InvalidField("lat", "required with lng and radius_m");
  if (!std::isfinite(r.lng()) || r.lng() < -180 || r.lng() > 180) {
    return InvalidField("lng", "must be between -180 and 180");
  }
  if (!std::isfinite(r.lat()) || r.lat() < -90 || r.lat() > 90) {
    return InvalidField("lat", "must be between -90 and 90");
  }
  if (r.radius_m() == 0) {
    return InvalidField("radius_m",
                        "required with lng and lat (greater than 0, at most "
                        "50000)");
  }
  if (!(r.radius_m() > 0) || !(r.radius_m() <= kMaxRadiusMetres)) {
    return InvalidField("radius_m", "must be greater than 0 and at most 50000");
  }
  f.circle = store::Circle{r.lng(), r.lat(), r.radius_m()};
  return absl::OkStatus();
}

absl::Status ParseTime(const ListRoadWorksRequest& r, absl::Time now,
                       store::RoadWorkFilter& f, bool& defaulted) {
  int given = r.has_at() + (r.has_window_start() || r.has_window_end()) +
              !r.date().empty() + r.any_time();
  if (given > 1) {
    const char* field = r.has_at() ? "at"
                        : (r.has_window_start() || r.has_window_end())
                            ? "window_start"
                            : "date";
    return InvalidField(field,
                        "at most one of at, window_start/window_end, date and "
                        "any_time may be given");
  }
  defaulted = false;
  if (r.has_at()) {
    absl::StatusOr<absl::Time> at = TimeFromProto(r.at(), "at");
    if (!at.ok()) return at.status();
    f.time = {store::TimeFilter::kAt, *at, {}, {}};
  } else if (r.has_window_start() || r.has_window_end()) {
    f.time.kind = store::TimeFilter::kWindow;
    if (r.has_window_start()) {
      absl::StatusOr<absl::Time> t =
          TimeFromProto(r.window_start(), "window_start");
      if (!t.ok()) return t.status();
      f.time.from = *t;
    }
    if (r.has_window_end()) {
      absl::StatusOr<absl::Time> t =
          TimeFromProto(r.window_end(), "window_end");
      if (!t.ok()) return t.status();
      f.time.to = *t;
    }
    if (f.time.from && f.time.to && *f.time.to <= *f.time.from) {
      return InvalidField("window_end", "must be after window_start");
    }
  } else if (!r.date().empty()) {
    absl::StatusOr<store::TimeFilter> day = ParseLocalDate(r.date());
    if (!day.ok()) return day.status();
    f.time = *day;
  } else if (r.any_time() || r.has_updated_since()) {
    f.time.kind = store::TimeFilter::kAny;
  } else {
    f.time = {store::TimeFilter::kAt, now, {}, {}};
    defaulted = true;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<store::BoundingBox> ParseBbox(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, ',');
  if (parts.size() != 4) {
    return InvalidField("bbox", "expected minLng,minLat,maxLng,maxLat");
  }
  double v[4];
  for (int i = 0; i < 4; ++i) {
    if (!gateway::ParseDecimal(absl::StripAsciiWhitespace(parts[i]), &v[i])) {
      return InvalidField(
          "bbox", absl::StrCat("'", parts[i], "' is not a decimal number"));
    }
  }
  for (int i : {0, 2}) {
    if (v[i] < -180 || v[i] > 180) {
      return InvalidField("bbox", "longitudes must be between -180 and 180");
    }
  }
  for (int i : {1, 3}) {
    if (v[i] < -90 || v[i] > 90) {
      return InvalidField("bbox", "latitudes must be between -90 and 90");
    }
  }
  if (v[0] > v[2]) return InvalidField("bbox", "minLng is greater than maxLng");
  if (v[1] > v[3]) return InvalidField("bbox", "minLat is greater than maxLat");
  return store::BoundingBox{v[0], v[1], v[2], v[3]};
}

absl::StatusOr<store::TimeFilter> ParseLocalDate(const std::string& text) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day)) {
    return InvalidField("date", "expected a calendar day YYYY-MM-DD");
  }
  if (day.year() < 1900 || day.year() > 9998) {
    return InvalidField("date",
                        "out of the supported range 1900-01-01 to 9998-12-31");
  }
  store::TimeFilter f;
  f.kind = store::TimeFilter::kWindow;
  f.from = absl::FromCivil(day, Taipei());
  f.to = absl::FromCivil(day + 1, Taipei());
  return f;
}

absl::StatusOr<ListQuery> ParseListRequest(const ListRoadWorksRequest& r,
                                           absl::Time now,
                                           const PageTokenCodec& tokens) {
  ListQuery q;
  store::RoadWorkFilter& f = q.filter;
  if (!r.bbox().empty()) {
    absl::StatusOr<store::BoundingBox> bbox = ParseBbox(r.bbox());
    if (!bbox.ok()) return bbox.status();
    f.bbox = *bbox;
  }
  if (absl::Status s = ParseCircle(r, f); !s.ok()) return s;
  f.district_code = std::string(absl::StripAsciiWhitespace(r.district()));
  // Spaces alone would strip to no filter at all: refused, not dropped.
  if (f.district_code.empty() && !r.district().empty()) {
    return InvalidField("district", "only spaces");
  }
  if (absl::StripAsciiWhitespace(r.road()).empty() && !r.road().empty()) {
    return InvalidField("road", "only spaces");
  }
  if (f.district_code.size() > 100) {
    return InvalidField("district", "longer than 100 bytes");
  }
  f.road = std::string(absl::StripAsciiWhitespace(r.road()));
  if (f.road.size() > 100) return InvalidField("road", "longer than 100 bytes");

  bool default_time = false;
  if (absl::Status s = ParseTime(r, now, f, default_time); !s.ok()) return s;

  if (r.status_size() == 0) {
    f.statuses = {"planned", "active", "suspended", "completed"};
  }
  for (int s : r.status()) {
    absl::StatusOr<std::string> name = StatusName(s);
    if (!name.ok()) return name.status();
    f.statuses.push_back(*name);
  }
  if (r.has_updated_since()) {
    absl::StatusOr<absl::Time> t =
        TimeFromProto(r.updated_since(), "updated_since");
    if (!t.ok()) return t.status();
    f.updated_since = *t;
    f.include_deleted = true;
  }

  if (r.page_size() < 0)
    return InvalidField("page_size", "must not be negative");
  if (r.page_size() > kMaxPageSize) {
    return InvalidField("page_size",
                        absl::StrCat("must be at most ", kMaxPageSize));
  }
  q.options.limit = r.page_size() == 0 ? kDefaultPageSize : r.page_size();
  if (r.geometry_format() < pwis::v1::GeometryFormat_MIN ||
      r.geometry_format() > pwis::v1::GeometryFormat_MAX) {
    return InvalidField("geometry_format", "unknown format");
  }
  q.options.geometry_format = r.geometry_format();

  q.query_hash = PageTokenCodec::QueryHash("pwis.v1.ListRoadWorks", r);
  // "Now" is taken to the whole minute, and carried only when it matters
  // (the default time filter): the same query then gives the same bytes,
  // page tokens included, for a minute, so ETags and caches work.
  q.now_us = default_time ? absl::ToUnixMicros(absl::FromUnixSeconds(
                                absl::ToUnixSeconds(now) / 60 * 60))
                          : 0;
  if (!r.page_token().empty()) {
    absl::StatusOr<std::vector<int64_t>> pos =
        tokens.Decode(r.page_token(), q.query_hash);
    if (!pos.ok()) return pos.status();
    if (pos->size() != 3) return InvalidField("page_token", "malformed");
    q.now_us = (*pos)[0];
    q.options.after = store::ListPosition{(*pos)[1], (*pos)[2]};
  }
  if (default_time) f.time.at = absl::FromUnixMicros(q.now_us);
  return q;
}

std::string NextPageToken(const ListQuery& query,
                          const std::optional<store::ListPosition>& next,
                          const PageTokenCodec& tokens) {
  if (!next) return "";
  return tokens.Encode(query.query_hash,
                       {query.now_us, next->start_us, next->id});
}

}  // namespace pwis::roadworks
