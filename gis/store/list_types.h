// The value types every list-style store method shares: spatial and time
// selections, keyset paging, and what a page returns. A domain's filter
// struct (RoadWorkFilter, ...) is made of these plus its own fields.
#ifndef PWIS_GIS_STORE_LIST_TYPES_H_
#define PWIS_GIS_STORE_LIST_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "pwis/v1/common.pb.h"

namespace pwis::store {

// WGS84 degrees.
struct BoundingBox {
  double min_lng, min_lat, max_lng, max_lat;
};

// A WGS84 centre and a radius in metres.
struct Circle {
  double lng, lat, radius_m;
};

// Within `distance_m` of a geometry given in TWD97 TM2 (SRID 3826) as
// hex EWKB (a dig site; see DigSiteStore::PrepareSite).
struct NearGeometry {
  std::string tm2_ewkb_hex;
  double distance_m;
};

// Which periods match. kAt: in effect at `at`; kWindow: in effect at some
// time in [from, to) (either end open); kAny: no time condition. Daily
// working hours count in both kAt and kWindow.
struct TimeFilter {
  enum Kind { kAt, kWindow, kAny };
  Kind kind = kAny;
  absl::Time at;
  std::optional<absl::Time> from, to;
};

// The selection every list shares; a domain's filter holds one beside its
// own fields (see AddCommonConditions, ParseCommonList).
struct CommonFilter {
  std::optional<BoundingBox> bbox;
  std::optional<Circle> circle;
  std::optional<NearGeometry> near;
  std::string district_code;  // Empty: any district.
  TimeFilter time;
  std::optional<absl::Time> updated_since;
  bool include_deleted = false;
};

// Keyset position: the last row of the previous page, by the list's order
// (a time key in microseconds since the Unix epoch, then the id).
struct ListPosition {
  int64_t start_us;
  int64_t id;
};

struct ListOptions {
  int limit = 50;
  std::optional<ListPosition> after;
  pwis::v1::GeometryFormat geometry_format = pwis::v1::GEOMETRY_FORMAT_GEOJSON;
};

// One page of items, and where the next starts.
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<ListPosition> next;  // Set iff more rows follow.
};

// One page of a GeoJSON FeatureCollection, built in the database.
struct GeoJsonPage {
  std::string features;  // A JSON array of Feature objects.
  int count = 0;
  std::optional<ListPosition> next;
};

// SQL text and its parameters, as a store method runs it.
struct Statement {
  std::string sql;
  std::vector<std::string> params;  // $1, $2, ... in text form.
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_LIST_TYPES_H_
