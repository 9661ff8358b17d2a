// What every target reads from a record through its profile: a field's
// value (the profile's constant or the record's field, trimmed), and the
// conversions feeds need (names lists, flags, clocks, periods), plus the
// text forms the stage table takes.
#ifndef PWIS_IMPORTERS_FIELD_VALUES_H_
#define PWIS_IMPORTERS_FIELD_VALUES_H_

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/time/time.h"
#include "importers/profile.pb.h"
#include "importers/record_source.h"

namespace pwis::importers {

// Why a record was not loaded: the target field (or "geometry") and the
// reason, for the reject file.
struct Reject {
  std::string field;
  std::string reason;
};

// One record seen through a profile's field list.
class Fields {
 public:
  Fields(const Profile& profile, const SourceRecord& record)
      : profile_(profile), record_(record) {}
  // The target field's value: its constant or the record's field,
  // trimmed; empty when absent.
  std::string Get(const std::string& to) const;
  // The same, full-width forms made half-width (numbers, keys, phones).
  std::string Half(const std::string& to) const;
  const SourceRecord& record() const { return record_; }

 private:
  const Profile& profile_;
  const SourceRecord& record_;
};

// "中山一路、四維三路" / "中山一路,四維三路" / "中山一路;四維三路".
std::vector<std::string> SplitNames(const std::string& s);
// "true"/"false" and the ways feeds write them; empty is false.
std::optional<bool> Flag(const std::string& s);
// A daily clock, "9:00", "09:00" or "09:00:00", as "HH:MM:SS".
std::optional<std::string> Clock(const std::string& s);

struct Period {
  absl::Time start;
  std::optional<absl::Time> end;  // exclusive; none: open-ended
};
// A period from the target fields `period` (start~end in one) or `start`
// and `end` (their names given). With neither: `absent` when not
// required, else a reject naming `start`. A period of one date is that
// day.
struct PeriodNames {
  const char* period;
  const char* start;
  const char* end;
};
std::variant<Period, Reject, std::monostate> ReadPeriod(const Fields& f,
                                                        PeriodNames names,
                                                        bool required);

// Daily hours from two target fields: both or neither.
std::variant<std::pair<std::string, std::string>, Reject> ReadHours(
    const Fields& f, const char* start, const char* end);

// A decimal as feeds write it ("1,234.5", full-width digits) from 0 to
// `max`: nullopt for "", a reject reason for anything else.
std::variant<std::optional<double>, std::string> Decimal(std::string s,
                                                         double max);
// The stage's text of a decimal (rounded when `integer`); nullopt for none.
std::optional<std::string> NumberText(const std::optional<double>& d,
                                      bool integer);
// The target field `field` as an Asia/Taipei day "YYYY-MM-DD" (ROC or
// Gregorian, as ParseFeedTime reads them); nullopt when empty.
std::variant<std::optional<std::string>, Reject> ReadDay(const Fields& f,
                                                         const char* field);

// Text forms for the stage table (cast by the target's SQL).
std::string ArrayLiteral(const std::vector<std::string>& items);
std::optional<std::string> Optional(const std::string& s);
std::string Bool(bool b);
std::string Timestamp(absl::Time t);
std::optional<std::string> Timestamp(const std::optional<absl::Time>& t);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_FIELD_VALUES_H_
