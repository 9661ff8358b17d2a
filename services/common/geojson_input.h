// Checks a GeoJSON geometry a client sends (a google.protobuf.Struct
// holding the geometry object, as every pwis geometry field does) before
// the database sees it: the type, the nesting of `coordinates`, finite
// numbers, enough positions, closed rings, the coordinate system (a `crs`
// member or the request's own SRID) and the area pwis serves. Errors are
// INVALID_ARGUMENT naming `field`, the reason saying where in the object
// (e.g. "coordinates[0][3]: ring is not closed").
//
// Validity beyond structure (a ring crossing itself) is PostGIS's to test
// (see DigSiteStore::PrepareSite).
#ifndef PWIS_SERVICES_COMMON_GEOJSON_INPUT_H_
#define PWIS_SERVICES_COMMON_GEOJSON_INPUT_H_

#include <google/protobuf/struct.pb.h>

#include <string>

#include "absl/status/statusor.h"

namespace pwis {

// SRIDs accepted for input geometries.
inline constexpr int kWgs84 = 4326;
inline constexpr int kTwd97Tm2 = 3826;  // TWD97 TM2 zone 121, metres.

// Where pwis's geometries may lie, WGS84 degrees: Taiwan's main island and
// Penghu, the reach of TM2 zone 121 (Kinmen and Matsu use zone 119).
inline constexpr double kServedMinLng = 119.0, kServedMaxLng = 122.5,
                        kServedMinLat = 21.5, kServedMaxLat = 25.5;

// At most this many positions in one geometry.
inline constexpr int kMaxInputPositions = 10000;

struct InputGeometry {
  std::string json;  // Compact GeoJSON of the geometry (no crs member).
  std::string type;  // "Point", "Polygon", ...
  int srid = kWgs84;
  bool polygonal = false;
};

// `geometry` checked; `srid` is the request's SRID field (0 means WGS84
// unless the object's crs member says otherwise; `srid_field` names it).
absl::StatusOr<InputGeometry> ParseInputGeometry(
    const google::protobuf::Struct& geometry, const std::string& field,
    int srid, const std::string& srid_field);

// True if WGS84 `lng`, `lat` lie in the served area.
bool InServedArea(double lng, double lat);

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_GEOJSON_INPUT_H_
