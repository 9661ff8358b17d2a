// The dig-site check in PostGIS: the site made ready (transformed,
// repaired when it is an invalid polygon, measured), then one statement
// that finds, in one snapshot, the agencies with assets within the buffer,
// the permits, road works and no-dig zones meeting the buffered site in
// the window (each kind by its own list's conditions, see dig_rows.h), the
// joint-dig candidates, the permits without coordinates on the dig's roads
// in its districts, and the districts.
//
// Thread-safe; every method takes the call's limit.
#ifndef PWIS_GIS_STORE_DIG_SITE_STORE_H_
#define PWIS_GIS_STORE_DIG_SITE_STORE_H_

#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gis/store/call_limit.h"
#include "gis/store/dig_rows.h"
#include "gis/store/enum_table.h"
#include "gis/store/store_base.h"
#include "pwis/v1/excavation.pb.h"

namespace pwis::store {

EnumTable ConflictKinds();
EnumTable DigVerdicts();

// A site as PrepareSite found it.
struct PreparedSite {
  std::string tm2_ewkb_hex;  // For DigSite.
  std::string wgs84_geojson;
  std::string wgs84_wkb;
  bool repaired = false;
  std::string invalid_reason;  // PostGIS's, when it was repaired.
  // Extent in TM2 metres and in WGS84 degrees.
  double width_m = 0, height_m = 0;
  double min_lng = 0, min_lat = 0, max_lng = 0, max_lat = 0;
};

// Why PrepareSite refused a site (the caller names the field).
struct SiteRefusal {
  std::string reason;
};

// Joint-dig candidates (聯挖): permits on the same roads within this many
// metres of the site and days of the window.
inline constexpr double kJointDigMetres = 500;
inline constexpr int kJointDigDays = 30;
inline constexpr int kMaxJointDigSuggestions = 20;  // The nearest.
// At most this many rows of each kind (the response says when a kind was
// cut).
inline constexpr int kMaxRowsPerKind = 1000;

struct DigCheck {
  std::vector<pwis::v1::AgencyToNotify> agencies;
  std::vector<pwis::v1::DigConflict> conflicts;  // By kind, distance, start.
  std::vector<pwis::v1::JointDigSuggestion> joint;
  // Permits without coordinates that may be at the site, earliest first.
  std::vector<pwis::v1::UnplacedPermit> unplaced;
  std::vector<pwis::v1::District> districts;
  std::vector<std::string> roads;
  std::vector<std::string> truncated_kinds;  // Kinds cut at kMaxRowsPerKind.
};

class DigSiteStore : public StoreBase {
 public:
  using StoreBase::StoreBase;

  // `geojson` (structurally checked, see ParseInputGeometry) in `srid`, in
  // TM2 and WGS84. An invalid polygon is repaired (ST_MakeValid, polygonal
  // part); a geometry PostGIS finds invalid otherwise, or empty after
  // repair, is a SiteRefusal.
  absl::StatusOr<std::variant<PreparedSite, SiteRefusal>> PrepareSite(
      const std::string& geojson, int srid, bool polygonal,
      const CallLimit& limit);

  // The check of `site`. `roads` are the dig's roads (empty: those of the
  // permits and road works recorded within the buffer).
  absl::StatusOr<DigCheck> Check(const DigSite& site,
                                 const std::vector<std::string>& roads,
                                 pwis::v1::GeometryFormat format,
                                 const CallLimit& limit);

  // The statements PrepareSite ($1 GeoJSON, $2 SRID, $3 polygonal) and
  // Check run (the benchmark replays them in pgbench).
  static Statement PrepareStatement();
  static Statement CheckStatement(const DigSite& site,
                                  const std::vector<std::string>& roads,
                                  pwis::v1::GeometryFormat format);
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_DIG_SITE_STORE_H_
