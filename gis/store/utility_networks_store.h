// Reads the pipeline agencies' registered assets (table utility_networks:
// interest areas, as one-call centres keep them) from PostGIS, with each
// agency's public and 24-hour dig-notice contacts.
//
// Every method takes the call's limit and returns UNAVAILABLE when the
// database cannot be reached. Thread-safe.
#ifndef PWIS_GIS_STORE_UTILITY_NETWORKS_STORE_H_
#define PWIS_GIS_STORE_UTILITY_NETWORKS_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gis/store/call_limit.h"
#include "gis/store/dig_rows.h"
#include "gis/store/enum_table.h"
#include "gis/store/list_types.h"
#include "gis/store/store_base.h"
#include "pwis/v1/excavation.pb.h"

namespace pwis::store {

EnumTable NetworkKinds();

// A validated selection; conditions combine with AND. common.time is
// never used (networks have no period).
struct NetworkFilter {
  CommonFilter common;
  std::string agency;  // Agency code, or substring of its name.
  std::vector<std::string> pipeline_types;
};

// Pages are in id order: ListPosition::start_us is always 0.
using NetworkPage = Page<pwis::v1::UtilityNetwork>;

// Corridors are at most this wide (a CHECK in the table), so an index
// probe widened by half of it finds every corridor within a distance.
inline constexpr double kMaxCorridorWidthM = 100;

class UtilityNetworksStore : public StoreBase {
 public:
  using StoreBase::StoreBase;

  // Networks matching `filter`, ordered by id, after `options.after`.
  absl::StatusOr<NetworkPage> List(const NetworkFilter& filter,
                                   const ListOptions& options,
                                   const CallLimit& limit);

  // One row of kind 'notify' per agency with a network within the site's
  // buffer (a corridor counts from its edge): the agency, its contacts,
  // the distance to its nearest asset, the count and the names of its
  // nearest networks (at most 20).
  static std::string NotifyRows(SqlBuilder& q, const DigSite& site);
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_UTILITY_NETWORKS_STORE_H_
