// Reads districts (區) and villages (里) from PostGIS. Thread-safe.
#ifndef PWIS_GIS_STORE_DISTRICTS_STORE_H_
#define PWIS_GIS_STORE_DISTRICTS_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/call_limit.h"
#include "gis/store/change_listener.h"
#include "gis/store/change_memo.h"
#include "gis/store/store_base.h"
#include "gis/store/vector_tiles.h"
#include "pwis/v1/districts.pb.h"

namespace pwis::store {

// The base map's layers: "districts" and "villages" (boundaries, names).
const TileLayer& DistrictsTileLayer();
const TileLayer& VillagesTileLayer();

class DistrictsStore : public StoreBase {
 public:
  // With `changes`, Resolve remembers its answers while `changes` has
  // heard of no change to any table since it asked (see
  // change_listener.h): every filtered list names a district, and the
  // round trip to resolve it cost a fifth of a ListProjects call.
  explicit DistrictsStore(ConnectionPool* pool,
                          const ChangeListener* changes = nullptr)
      : StoreBase(pool), resolved_(changes, 4096) {}

  // The district and village containing (lng, lat); NOT_FOUND outside every
  // district.
  absl::StatusOr<pwis::v1::LocateDistrictResponse> Locate(
      double lng, double lat, const CallLimit& limit);

  // Every district ordered by code, with simplified boundaries if asked.
  absl::StatusOr<std::vector<pwis::v1::District>> List(bool with_geometry,
                                                       const CallLimit& limit);

  // Every district as a GeoJSON FeatureCollection (text), built in the
  // database.
  absl::StatusOr<std::string> ListGeoJson(const CallLimit& limit);

  // The code of the district whose code, Chinese name (with or without 區)
  // or English name (any case, with or without " District") is `key`;
  // nullopt if none is.
  absl::StatusOr<std::optional<std::string>> Resolve(const std::string& key,
                                                     const CallLimit& limit);

 private:
  // Names resolved, until a change is heard.
  ChangeMemo<std::optional<std::string>> resolved_;
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_DISTRICTS_STORE_H_
