// Validation of CheckDigSiteRequest: the site's structure and coordinate
// system, the buffer, the window (times or Asia/Taipei days, at most a
// year), the roads and the geometry format. Every missing required field is
// named at once; any other error is INVALID_ARGUMENT naming its field.
#ifndef PWIS_SERVICES_PERMITS_DIG_SITE_REQUEST_H_
#define PWIS_SERVICES_PERMITS_DIG_SITE_REQUEST_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "pwis/v1/excavation.pb.h"
#include "services/common/geojson_input.h"

namespace pwis::permits {

inline constexpr double kDefaultBufferM = 30;
inline constexpr double kMaxBufferM = 500;
// KLIC's limit for one dig notice, on the site before buffering.
inline constexpr double kMaxSiteSideM = 500;
inline constexpr absl::Duration kMaxWindow = absl::Hours(24 * 366);
inline constexpr int kMaxRoadNames = 20;

struct DigSiteQuery {
  InputGeometry site;
  double buffer_m = kDefaultBufferM;
  absl::Time from, to;
  std::vector<std::string> roads;
  pwis::v1::GeometryFormat format = pwis::v1::GEOMETRY_FORMAT_GEOJSON;
};

absl::StatusOr<DigSiteQuery> ParseDigSiteRequest(
    const pwis::v1::CheckDigSiteRequest& request);

}  // namespace pwis::permits

#endif  // PWIS_SERVICES_PERMITS_DIG_SITE_REQUEST_H_
