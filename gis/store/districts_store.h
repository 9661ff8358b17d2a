// Reads districts (區) and villages (里) from PostGIS. Thread-safe.
#ifndef PWIS_GIS_STORE_DISTRICTS_STORE_H_
#define PWIS_GIS_STORE_DISTRICTS_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/call_limit.h"
#include "gis/store/store_base.h"
#include "pwis/v1/districts.pb.h"

namespace pwis::store {

class DistrictsStore : public StoreBase {
 public:
  using StoreBase::StoreBase;

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
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_DISTRICTS_STORE_H_
