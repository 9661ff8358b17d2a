// Reads road works (table road_works) from PostGIS.
//
// Every method takes the call's limit (its deadline for the connection pool
// and every statement, see ConnectionPool) and
// returns UNAVAILABLE when the database cannot be reached. Thread-safe.
#ifndef PWIS_GIS_STORE_ROADWORKS_STORE_H_
#define PWIS_GIS_STORE_ROADWORKS_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/call_limit.h"
#include "pwis/v1/roadworks.pb.h"

namespace pwis::store {

class ConnectionPool;

struct BoundingBox {
  double min_lng, min_lat, max_lng, max_lat;
};

struct Circle {
  double lng, lat, radius_m;
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

// A validated selection; conditions combine with AND.
struct RoadWorkFilter {
  std::optional<BoundingBox> bbox;
  std::optional<Circle> circle;
  std::string district_code;  // Empty: any district.
  std::string road;           // Substring of a road name; empty: any.
  TimeFilter time;
  std::vector<std::string> statuses;  // Database names; empty: any status.
  std::optional<absl::Time> updated_since;
  bool include_deleted = false;
};

// Keyset position: the last row of the previous page.
struct ListPosition {
  int64_t start_us;  // lower(period), microseconds since the Unix epoch.
  int64_t id;
};

struct ListOptions {
  int limit = 50;
  std::optional<ListPosition> after;
  pwis::v1::GeometryFormat geometry_format = pwis::v1::GEOMETRY_FORMAT_GEOJSON;
};

struct RoadWorkPage {
  std::vector<pwis::v1::RoadWork> items;
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

class RoadWorksStore {
 public:
  explicit RoadWorksStore(ConnectionPool* pool) : pool_(pool) {}

  // The work with `id`; NOT_FOUND if absent or deleted.
  absl::StatusOr<pwis::v1::RoadWork> Get(int64_t id,
                                         pwis::v1::GeometryFormat format,
                                         const CallLimit& limit);

  // Works matching `filter`, ordered by (start, id), after `options.after`.
  absl::StatusOr<RoadWorkPage> List(const RoadWorkFilter& filter,
                                    const ListOptions& options,
                                    const CallLimit& limit);

  // Same selection and order as List, as GeoJSON features.
  absl::StatusOr<GeoJsonPage> ListGeoJson(const RoadWorkFilter& filter,
                                          const ListOptions& options,
                                          const CallLimit& limit);

  // The statements Get and List run (the benchmark replays them in
  // pgbench, and EXPLAIN shows their plans). Get's has $1 = id.
  static Statement GetStatement(pwis::v1::GeometryFormat format);
  static Statement ListStatement(const RoadWorkFilter& filter,
                                 const ListOptions& options);

 private:
  ConnectionPool* pool_;  // Not owned.
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_ROADWORKS_STORE_H_
