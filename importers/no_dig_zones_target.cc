#include "importers/no_dig_zones_target.h"

#include "absl/strings/str_cat.h"
#include "gis/store/no_dig_zones_store.h"
#include "importers/enum_values.h"
#include "importers/target_sql.h"
#include "importers/text.h"

namespace pwis::importers {
namespace {

class NoDigZonesTarget : public LoadTarget {
 public:
  const TargetSpec& spec() const override {
    static const TargetSpec* spec = new TargetSpec(BuildTargetSpec(
        "no_dig_zones",
        {"zone_no", "reason", "description_zh", "description_en", "road_names",
         "period_start", "period_end", "work_start", "work_end", "authority_zh",
         "authority_en", "authority_phone"},
        {{"zone_no", "s.zone_no"},
         {"reason", "s.reason::no_dig_reason"},
         {"description_zh", "s.description_zh"},
         {"description_en", "s.description_en"},
         {"road_names", "s.road_names::text[]"},
         {"period",
          "tstzrange(s.period_start::timestamptz, s.period_end::timestamptz)"},
         {"work_start", "s.work_start::time"},
         {"work_end", "s.work_end::time"},
         {"authority_zh", "s.authority_zh"},
         {"authority_en", "s.authority_en"},
         {"authority_phone", "s.authority_phone"}}));
    return *spec;
  }

  GeometryRule geometry_rule() const override { return LinesAndAreas(); }

  std::optional<Reject> Values(
      const Fields& f, const OGRGeometry* geometry, absl::Time now,
      std::vector<std::optional<std::string>>* values) override {
    (void)geometry;
    (void)now;
    auto reason = EnumField(f, "reason", store::NoDigReasons(), "");
    if (auto* r = std::get_if<Reject>(&reason)) return *r;
    const std::string zone_no = f.Half("zone_no");
    if (zone_no.size() > 100) return Reject{"zone_no", "longer than 100 bytes"};
    for (const char* name : {"description_zh", "description_en"}) {
      if (f.Get(name).size() > 20000) {
        return Reject{name, "longer than 20000 bytes"};
      }
    }
    // Served in every answer: a person's mobile has no place there (no-dig
    // zones have no restricted column to keep it in).
    if (IsMobilePhone(f.Half("authority_phone"))) {
      return Reject{"authority_phone",
                    "a mobile number is a person's and would be published; "
                    "give the authority's office number"};
    }
    auto read = ReadPeriod(f, {"period", "start", "end"}, /*required=*/true);
    if (auto* r = std::get_if<Reject>(&read)) return *r;
    const Period period = std::get<Period>(read);
    auto hours = ReadHours(f, "work_start", "work_end");
    if (auto* r = std::get_if<Reject>(&hours)) return *r;
    const auto& [work_start, work_end] =
        std::get<std::pair<std::string, std::string>>(hours);
    *values = {zone_no,
               std::get<std::string>(reason),
               f.Get("description_zh"),
               f.Get("description_en"),
               ArrayLiteral(SplitNames(f.Half("road_names"))),
               Timestamp(period.start),
               Timestamp(period.end),
               Optional(work_start),
               Optional(work_end),
               f.Get("authority_zh"),
               f.Get("authority_en"),
               f.Half("authority_phone")};
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LoadTarget> MakeNoDigZonesTarget() {
  return std::make_unique<NoDigZonesTarget>();
}

}  // namespace pwis::importers
