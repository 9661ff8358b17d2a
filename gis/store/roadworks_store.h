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
#include "gis/store/dig_rows.h"
#include "gis/store/enum_table.h"
#include "gis/store/list_types.h"
#include "gis/store/store_base.h"
#include "gis/store/vector_tiles.h"
#include "pwis/v1/roadworks.pb.h"

namespace pwis::store {

// A validated selection; conditions combine with AND.
struct RoadWorkFilter {
  CommonFilter common;
  std::string road;                   // Substring of a road name; empty: any.
  std::vector<std::string> statuses;  // Database names; empty: any status.
};

using RoadWorkPage = Page<pwis::v1::RoadWork>;

// Road-work statuses: proto value, database name (enum road_work_status)
// and labels.
EnumTable RoadWorkStatuses();

// The statuses a list without a status filter selects: all but cancelled.
const std::vector<std::string>& DefaultRoadWorkStatuses();

// The road works' vector tile layer "roadworks": status and its labels,
// and `impact` (full_closure, lanes or minor) for styling by traffic.
const TileLayer& RoadWorksTileLayer();

class RoadWorksStore : public StoreBase {
 public:
  using StoreBase::StoreBase;

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

  // The works of `filter` as dig rows of kind 'road_work' (see
  // dig_rows.h): the list's own conditions, so a check agrees with
  // ListRoadWorks. The organiser is the responsible agency.
  static std::string DigRows(SqlBuilder& q, const RoadWorkFilter& filter,
                             const DigSite& site,
                             pwis::v1::GeometryFormat format);
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_ROADWORKS_STORE_H_
