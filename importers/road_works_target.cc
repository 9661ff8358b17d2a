#include "importers/road_works_target.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gis/store/roadworks_store.h"
#include "importers/enum_values.h"
#include "importers/target_sql.h"
#include "importers/text.h"

namespace pwis::importers {
namespace {

class RoadWorksTarget : public LoadTarget {
 public:
  const TargetSpec& spec() const override {
    static const TargetSpec* spec = new TargetSpec(BuildTargetSpec(
        "road_works",
        {"permit_number", "title", "description", "road_names", "period_start",
         "period_end", "status", "organiser", "contractor", "contact_phone",
         "restricted_phone", "work_start", "work_end", "lanes_closed",
         "lanes_total", "full_closure", "sidewalk_affected",
         "bike_lane_affected", "parking_affected"},
        {{"permit_number", "s.permit_number"},
         {"title", "s.title"},
         {"description", "s.description"},
         {"road_names", "s.road_names::text[]"},
         {"period",
          "tstzrange(s.period_start::timestamptz, s.period_end::timestamptz)"},
         {"status", "s.status::road_work_status"},
         {"organiser", "s.organiser"},
         {"contractor", "s.contractor"},
         {"contact_phone", "s.contact_phone"},
         {"restricted_phone", "s.restricted_phone"},
         {"work_start", "s.work_start::time"},
         {"work_end", "s.work_end::time"},
         {"lanes_closed", "s.lanes_closed::smallint"},
         {"lanes_total", "s.lanes_total::smallint"},
         {"full_closure", "s.full_closure::bool"},
         {"sidewalk_affected", "s.sidewalk_affected::bool"},
         {"bike_lane_affected", "s.bike_lane_affected::bool"},
         {"parking_affected", "s.parking_affected::bool"}}));
    return *spec;
  }

  GeometryRule geometry_rule() const override {
    return AnyFeature(/*required=*/true);
  }

  std::optional<Reject> Values(
      const Fields& f, const OGRGeometry* geometry, absl::Time now,
      std::vector<std::optional<std::string>>* values) override {
    (void)geometry;
    const std::string title = f.Get("title");
    const std::string description = f.Get("description");
    if (title.size() > 2000) return Reject{"title", "longer than 2000 bytes"};
    if (description.size() > 20000) {
      return Reject{"description", "longer than 20000 bytes"};
    }
    std::string contact_phone = f.Half("contact_phone");
    std::string restricted_phone = f.Half("restricted_phone");
    // A mobile number is a person's: kept, but out of every answer.
    if (IsMobilePhone(contact_phone)) {
      restricted_phone =
          restricted_phone.empty()
              ? contact_phone
              : absl::StrCat(restricted_phone, "; ", contact_phone);
      contact_phone.clear();
    }
    auto read = ReadPeriod(f, {"period", "start", "end"}, /*required=*/true);
    if (auto* r = std::get_if<Reject>(&read)) return *r;
    const Period period = std::get<Period>(read);
    auto given = EnumField(f, "status", store::RoadWorkStatuses(), "");
    if (auto* r = std::get_if<Reject>(&given)) return *r;
    std::string status = std::get<std::string>(given);
    if (!status.empty()) {
    } else if (now < period.start) {
      status = "planned";
    } else if (period.end.has_value() && *period.end <= now) {
      status = "completed";
    } else {
      status = "active";
    }
    // Closures and daily hours.
    int lanes[2] = {0, 0};
    for (int i = 0; i < 2; ++i) {
      const char* name = i == 0 ? "lanes_closed" : "lanes_total";
      const std::string v = f.Half(name);
      if (!v.empty() &&
          (!absl::SimpleAtoi(v, &lanes[i]) || lanes[i] < 0 || lanes[i] > 99)) {
        return Reject{name, absl::StrCat("\"", v, "\": not a lane count")};
      }
    }
    if (lanes[1] > 0 && lanes[0] > lanes[1]) {
      return Reject{"lanes_closed", "more lanes closed than the road has"};
    }
    std::string flags[4];
    const char* flag_names[4] = {"full_closure", "sidewalk_affected",
                                 "bike_lane_affected", "parking_affected"};
    for (int i = 0; i < 4; ++i) {
      const std::string v = f.Get(flag_names[i]);
      auto b = Flag(v);
      if (!b.has_value()) {
        return Reject{flag_names[i],
                      absl::StrCat("\"", v, "\": not true or false")};
      }
      flags[i] = Bool(*b);
    }
    auto hours = ReadHours(f, "work_start", "work_end");
    if (auto* r = std::get_if<Reject>(&hours)) return *r;
    const auto& [work_start, work_end] =
        std::get<std::pair<std::string, std::string>>(hours);
    *values = {f.Half("permit_number"),
               title,
               description,
               ArrayLiteral(SplitNames(f.Half("road_names"))),
               Timestamp(period.start),
               Timestamp(period.end),
               status,
               f.Get("organiser"),
               f.Get("contractor"),
               contact_phone,
               restricted_phone,
               Optional(work_start),
               Optional(work_end),
               absl::StrCat(lanes[0]),
               absl::StrCat(lanes[1]),
               flags[0],
               flags[1],
               flags[2],
               flags[3]};
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LoadTarget> MakeRoadWorksTarget() {
  return std::make_unique<RoadWorksTarget>();
}

}  // namespace pwis::importers
