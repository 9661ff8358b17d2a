// Reads excavation permits (table excavation_permits, with their
// pipeline_agencies) from PostGIS. Contractor phones are never selected.
//
// Every method takes the call's limit (see ConnectionPool::Run) and returns
// UNAVAILABLE when the database cannot be reached. Thread-safe.
#ifndef PWIS_GIS_STORE_PERMITS_STORE_H_
#define PWIS_GIS_STORE_PERMITS_STORE_H_

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
#include "pwis/v1/excavation.pb.h"

namespace pwis::store {

// A validated selection; conditions combine with AND. Enum lists hold
// database names; empty means any.
struct PermitFilter {
  CommonFilter common;
  std::string road;    // Substring of a road name.
  std::string agency;  // Agency code, or substring of its name.
  std::vector<std::string> pipeline_types, categories, statuses;
};

using PermitPage = Page<pwis::v1::Permit>;

EnumTable PipelineTypes();
EnumTable PermitCategories();
EnumTable PermitStatuses();

// The statuses a list without a status filter selects: every one but
// rejected, cancelled and revoked (permits that never were, or no longer
// are, in force).
const std::vector<std::string>& DefaultPermitStatuses();

// The agency (table pipeline_agencies as alias `a`) is `agency` by code, or
// has it in its Chinese or English name (the `agency` filter of lists).
std::string AgencyCondition(SqlBuilder& q, const std::string& agency);

// The permits' vector tile layer "permits", styled by pipeline type.
const TileLayer& PermitsTileLayer();

class PermitsStore : public StoreBase {
 public:
  using StoreBase::StoreBase;

  // The live permit whose normalised number (pwis_permit_key) is that of
  // `permit_no`; NOT_FOUND if none.
  absl::StatusOr<pwis::v1::Permit> Get(const std::string& permit_no,
                                       pwis::v1::GeometryFormat format,
                                       const CallLimit& limit);

  // Permits matching `filter`, ordered by (start of period, id), after
  // `options.after`.
  absl::StatusOr<PermitPage> List(const PermitFilter& filter,
                                  const ListOptions& options,
                                  const CallLimit& limit);

  // Same selection and order as List, as GeoJSON features.
  absl::StatusOr<GeoJsonPage> ListGeoJson(const PermitFilter& filter,
                                          const ListOptions& options,
                                          const CallLimit& limit);

  // The permits of `filter` as dig rows of kind 'permit' (see dig_rows.h):
  // the list's own conditions, so a check agrees with ListPermits.
  static std::string DigRows(SqlBuilder& q, const PermitFilter& filter,
                             const DigSite& site,
                             pwis::v1::GeometryFormat format);

  // Joint-dig candidates as rows of kind 'joint' (SQL function
  // pwis_joint_dig_candidates): the `max_rows` nearest live permits
  // applied, approved or in progress on a road of `roads_sql` (an SQL
  // text[] expression), within `metres` of the site and `days` days of its
  // window, and not meeting the site in the window; `days` holds the days
  // between the periods (0 when they meet).
  static std::string JointDigRows(SqlBuilder& q, const DigSite& site,
                                  const std::string& roads_sql, double metres,
                                  int days, int max_rows);

  // Live permits without a geometry as rows of kind 'unplaced': in a
  // district of `districts_sql` (a SELECT of codes), of the default
  // statuses, whose period meets the window, and on a road of `roads_sql`
  // (by name or within their location text), or with no road of their own,
  // or any when `roads_sql` is empty;
  // `names` holds the location, `reference` the number, `agency_code` ...
  // the agency. At most `max_rows`, earliest first.
  static std::string UnplacedDigRows(SqlBuilder& q, const DigSite& site,
                                     const std::string& roads_sql,
                                     const std::string& districts_sql,
                                     int max_rows);
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_PERMITS_STORE_H_
