// Reads license cases (table license_cases, with review_units) by number
// and check code. Thread-safe; UNAVAILABLE when the database cannot be
// reached.
#ifndef PWIS_GIS_STORE_CASES_STORE_H_
#define PWIS_GIS_STORE_CASES_STORE_H_

#include <string>

#include "absl/status/statusor.h"
#include "gis/store/call_limit.h"
#include "gis/store/enum_table.h"
#include "gis/store/office_calendar.h"
#include "gis/store/store_base.h"
#include "pwis/v1/licenses.pb.h"

namespace pwis::store {

EnumTable CaseKinds();
EnumTable CaseStatuses();

// A case as stored, and the office calendar its schedule is counted on
// (the days from its receipt to three years after).
struct FoundCase {
  pwis::v1::Case message;
  OfficeCalendar calendar;
};

class CasesStore : public StoreBase {
 public:
  using StoreBase::StoreBase;

  // The live case numbered `case_no` whose check code is `check_code`
  // (both normalised by the caller), with its unit and timeline (labels
  // set); NOT_FOUND when there is none or the code is not its code (the
  // two are not told apart). Derived fields (schedule, missing
  // documents) are left to the caller.
  absl::StatusOr<FoundCase> Get(const std::string& case_no,
                                const std::string& check_code,
                                const CallLimit& limit);
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_CASES_STORE_H_
