// Reads building licenses (table building_licenses) from PostGIS: one by
// its number, or a ranked, paged search. Persons' names are selected
// masked unless the caller asks for full records (the service decides
// who may). Thread-safe; UNAVAILABLE when the database cannot be reached.
#ifndef PWIS_GIS_STORE_LICENSES_STORE_H_
#define PWIS_GIS_STORE_LICENSES_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gis/store/call_limit.h"
#include "gis/store/enum_table.h"
#include "gis/store/list_types.h"
#include "gis/store/store_base.h"
#include "pwis/v1/licenses.pb.h"

namespace pwis::store {

EnumTable LicenseKinds();
EnumTable PartyRoles();

// A land parcel as a search names it; the section is folded in SQL
// (pwis_parcel_key), so 三小段 and 3小段 meet.
struct ParcelKey {
  std::string section;
  int mother = 0;
  int child = 0;
};

// A validated search; every condition given must hold (AND). Text is as
// the caller typed it (trimmed): the SQL folds it as it folds the stored
// columns.
struct LicenseFilter {
  // `q` as a license number in the bureau's form, when it reads as one.
  std::string number_key;
  // Keyword: the number, an address or any searchable text (ranked in
  // that order).
  std::string q;
  std::string address;
  std::optional<ParcelKey> parcel;
  std::vector<std::string> kinds;  // Database names; empty: any.
  std::string district_code;
  std::string structure, use;
  std::string issued_from, issued_to;  // "YYYY-MM-DD", inclusive; "" open.
  std::optional<Circle> circle;
};

struct LicenseQuery {
  // Persons' names in full (else masked, see pwis_license_parties_ok).
  bool full = false;
  pwis::v1::GeometryFormat geometry_format = pwis::v1::GEOMETRY_FORMAT_GEOJSON;
};

class LicensesStore : public StoreBase {
 public:
  using StoreBase::StoreBase;

  // The live license whose number in the bureau's form is `license_key`,
  // with its original, amendments and use licenses; NOT_FOUND if none.
  absl::StatusOr<pwis::v1::License> Get(const std::string& license_key,
                                        const LicenseQuery& query,
                                        const CallLimit& limit);

  // One page of `filter`'s licenses in rank order (number, address,
  // keyword; then latest issued, then id), after `options.after` (whose
  // start_us holds the rank key). The references between licenses are
  // left to Get.
  absl::StatusOr<Page<pwis::v1::License>> Search(const LicenseFilter& filter,
                                                 const ListOptions& options,
                                                 const LicenseQuery& query,
                                                 const CallLimit& limit);

  // The statements Get and Search run (the benchmark's raw SQL runs the
  // same text).
  static Statement GetStatement(const std::string& license_key,
                                const LicenseQuery& query);
  static Statement SearchStatement(const LicenseFilter& filter,
                                   const ListOptions& options,
                                   const LicenseQuery& query);
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_LICENSES_STORE_H_
