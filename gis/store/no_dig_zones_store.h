// Reads no-dig zones (table no_dig_zones) from PostGIS: roads closed to
// digging for a period, and why.
//
// Every method takes the call's limit and returns UNAVAILABLE when the
// database cannot be reached. Thread-safe.
#ifndef PWIS_GIS_STORE_NO_DIG_ZONES_STORE_H_
#define PWIS_GIS_STORE_NO_DIG_ZONES_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gis/store/call_limit.h"
#include "gis/store/dig_rows.h"
#include "gis/store/enum_table.h"
#include "gis/store/list_types.h"
#include "gis/store/store_base.h"
#include "gis/store/vector_tiles.h"
#include "pwis/v1/excavation.pb.h"

namespace pwis::store {

EnumTable NoDigReasons();

// A validated selection; conditions combine with AND.
struct NoDigZoneFilter {
  CommonFilter common;
  std::string road;                  // Substring of a road name.
  std::vector<std::string> reasons;  // Database names; empty: any.
};

using NoDigZonePage = Page<pwis::v1::NoDigZone>;

// The no-dig zones' vector tile layer "no_dig_zones".
const TileLayer& NoDigZonesTileLayer();

class NoDigZonesStore : public StoreBase {
 public:
  using StoreBase::StoreBase;

  // Zones matching `filter`, ordered by (start of period, id), after
  // `options.after`.
  absl::StatusOr<NoDigZonePage> List(const NoDigZoneFilter& filter,
                                     const ListOptions& options,
                                     const CallLimit& limit);

  // Same selection and order as List, as GeoJSON features.
  absl::StatusOr<GeoJsonPage> ListGeoJson(const NoDigZoneFilter& filter,
                                          const ListOptions& options,
                                          const CallLimit& limit);

  // The zones of `filter` as dig rows of kind 'no_dig_zone' (see
  // dig_rows.h); the authority is the responsible agency.
  static std::string DigRows(SqlBuilder& q, const NoDigZoneFilter& filter,
                             const DigSite& site,
                             pwis::v1::GeometryFormat format);
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_NO_DIG_ZONES_STORE_H_
