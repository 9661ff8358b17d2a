#include "importers/permits_target.h"

#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gis/store/permits_store.h"
#include "importers/agencies.h"
#include "importers/enum_values.h"
#include "importers/target_sql.h"
#include "importers/text.h"

namespace pwis::importers {
namespace {

// A status the importer derived from the period (the feed gave none)
// never moves a permit back: a stored status the derived one does not
// follow in the lifecycle (completed, then an extension makes it "in
// progress" again; a cancellation entered by hand) is kept.
constexpr char kKeepLaterStatus[] = R"sql(
UPDATE pwis_import_stage s SET status = t.status::text
FROM excavation_permits t
WHERE t.source = $1 AND t.source_key = s.source_key AND NOT s.seen_only
  AND s.status_derived = 't' AND t.deleted_at IS NULL
  AND t.status::text <> s.status
  AND NOT pwis_permit_status_reaches(t.status, s.status::permit_status)
)sql";

TargetSpec WithPreMerge(TargetSpec spec) {
  spec.pre_merge_sql = kKeepLaterStatus;
  return spec;
}

class PermitsTarget : public AgencyTarget {
 public:
  const TargetSpec& spec() const override {
    static const TargetSpec* spec = new TargetSpec(WithPreMerge(BuildTargetSpec(
        "excavation_permits",
        {"permit_no",        "agency_id",         "pipeline_type",
         "category",         "purpose",           "contractor",
         "contractor_phone", "road_names",        "location",
         "approved_start",   "approved_end",      "extension_start",
         "extension_end",    "work_start",        "work_end",
         "status",           "dug_carriageway_m", "dug_sidewalk_m",
         "dug_other_m",      "status_derived"},
        {{"permit_no", "s.permit_no"},
         {"agency_id", "s.agency_id::bigint"},
         {"pipeline_type", "s.pipeline_type::pipeline_type"},
         {"category", "s.category::permit_category"},
         {"purpose", "s.purpose"},
         {"contractor", "s.contractor"},
         {"contractor_phone", "s.contractor_phone"},
         {"road_names", "s.road_names::text[]"},
         {"location", "s.location"},
         {"approved_period",
          "tstzrange(s.approved_start::timestamptz, "
          "s.approved_end::timestamptz)"},
         {"extension_period",
          "CASE WHEN s.extension_start IS NOT NULL THEN "
          "tstzrange(s.extension_start::timestamptz, "
          "s.extension_end::timestamptz) END"},
         {"work_start", "s.work_start::time"},
         {"work_end", "s.work_end::time"},
         {"status", "s.status::permit_status"},
         {"dug_carriageway_m", "s.dug_carriageway_m::real"},
         {"dug_sidewalk_m", "s.dug_sidewalk_m::real"},
         {"dug_other_m", "s.dug_other_m::real"}})));
    return *spec;
  }

  GeometryRule geometry_rule() const override {
    return AnyFeature(/*required=*/false);
  }

  std::optional<Reject> Values(
      const Fields& f, const OGRGeometry* geometry, absl::Time now,
      std::vector<std::optional<std::string>>* values) override {
    (void)geometry;
    auto found = Agency(f);
    if (auto* r = std::get_if<Reject>(&found)) return *r;
    const AgencyDirectory::Agency* agency =
        std::get<const AgencyDirectory::Agency*>(found);
    auto type = EnumField(f, "pipeline_type", store::PipelineTypes(),
                          agency->pipeline_type);
    if (auto* r = std::get_if<Reject>(&type)) return *r;
    auto category =
        EnumField(f, "category", store::PermitCategories(), "general");
    if (auto* r = std::get_if<Reject>(&category)) return *r;
    const std::string permit_no = f.Half("permit_no");
    const std::string purpose = f.Get("purpose");
    const std::string location = f.Get("location");
    if (permit_no.size() > 100) {
      return Reject{"permit_no", "longer than 100 bytes"};
    }
    if (purpose.size() > 2000)
      return Reject{"purpose", "longer than 2000 bytes"};
    if (location.size() > 2000) {
      return Reject{"location", "longer than 2000 bytes"};
    }

    // Feeds that give an address but no road list: its roads.
    std::vector<std::string> roads = SplitNames(f.Half("road_names"));
    if (roads.empty()) roads = RoadNamesIn(location);

    auto approved = ReadPeriod(
        f, {"approved_period", "approved_start", "approved_end"}, true);
    if (auto* r = std::get_if<Reject>(&approved)) return *r;
    const Period period = std::get<Period>(approved);
    auto extension = ReadPeriod(
        f, {"extension_period", "extension_start", "extension_end"}, false);
    if (auto* r = std::get_if<Reject>(&extension)) return *r;
    std::optional<Period> ext;
    if (auto* p = std::get_if<Period>(&extension)) {
      ext = *p;
      if (ext->start < period.start) {
        return Reject{"extension_start",
                      "the extension starts before the approved period"};
      }
    }
    // Digging may happen until the extension's end, if any.
    std::optional<absl::Time> end = period.end;
    if (ext.has_value()) {
      end = !ext->end.has_value() || !end.has_value()
                ? std::nullopt
                : std::optional(std::max(*ext->end, *end));
    }
    std::string status;
    const bool derived = f.Get("status").empty();
    if (derived) {
      // A feed of permits lists approved ones; where the period stands
      // says the rest.
      status = now < period.start               ? "approved"
               : end.has_value() && *end <= now ? "completed"
                                                : "in_progress";
    } else {
      auto s = EnumField(f, "status", store::PermitStatuses(), "");
      if (auto* r = std::get_if<Reject>(&s)) return *r;
      status = std::get<std::string>(s);
    }
    auto hours = ReadHours(f, "work_start", "work_end");
    if (auto* r = std::get_if<Reject>(&hours)) return *r;
    const auto& [work_start, work_end] =
        std::get<std::pair<std::string, std::string>>(hours);
    std::string dug[3];
    const char* dug_names[3] = {"dug_carriageway_m", "dug_sidewalk_m",
                                "dug_other_m"};
    for (int i = 0; i < 3; ++i) {
      const std::string v = f.Half(dug_names[i]);
      double m = 0;
      if (!v.empty() && (!absl::SimpleAtod(v, &m) || !std::isfinite(m) ||
                         m < 0 || m > 100000)) {
        return Reject{dug_names[i],
                      absl::StrCat("\"", v, "\": not a length in metres")};
      }
      dug[i] = absl::StrCat(m);
    }
    *values = {
        permit_no, absl::StrCat(agency->id), std::get<std::string>(type),
        std::get<std::string>(category), purpose, f.Get("contractor"),
        // Never served, whatever it holds.
        f.Half("contractor_phone"), ArrayLiteral(roads), location,
        Timestamp(period.start), Timestamp(period.end),
        ext.has_value() ? Timestamp(ext->start) : std::optional<std::string>(),
        ext.has_value() ? Timestamp(ext->end) : std::optional<std::string>(),
        Optional(work_start), Optional(work_end), status, dug[0], dug[1],
        dug[2], Bool(derived)};
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LoadTarget> MakePermitsTarget() {
  return std::make_unique<PermitsTarget>();
}

}  // namespace pwis::importers
