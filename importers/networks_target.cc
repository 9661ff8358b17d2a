#include "importers/networks_target.h"

#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gis/store/utility_networks_store.h"
#include "importers/agencies.h"
#include "importers/enum_values.h"
#include "importers/target_sql.h"

namespace pwis::importers {
namespace {

class NetworksTarget : public AgencyTarget {
 public:
  const TargetSpec& spec() const override {
    static const TargetSpec* spec = new TargetSpec(BuildTargetSpec(
        "utility_networks", {"agency_id", "name", "kind", "width_m"},
        {{"agency_id", "s.agency_id::bigint"},
         {"name", "s.name"},
         {"kind", "s.kind::network_kind"},
         {"width_m", "s.width_m::real"}}));
    return *spec;
  }

  GeometryRule geometry_rule() const override { return LinesAndAreas(); }

  std::optional<Reject> Values(
      const Fields& f, const OGRGeometry* geometry, absl::Time now,
      std::vector<std::optional<std::string>>* values) override {
    (void)now;
    auto found = Agency(f);
    if (auto* r = std::get_if<Reject>(&found)) return *r;
    const AgencyDirectory::Agency* agency =
        std::get<const AgencyDirectory::Agency*>(found);
    if (geometry == nullptr) return Reject{"geometry", "missing"};
    const bool lines = geometry->getDimension() == 1;
    auto named = EnumField(f, "kind", store::NetworkKinds(),
                           lines ? "centre_line" : "service_area");
    if (auto* r = std::get_if<Reject>(&named)) return *r;
    const std::string kind = std::get<std::string>(named);
    if ((kind == "centre_line") != lines) {
      return Reject{"kind",
                    absl::StrCat(kind, " needs a ", lines ? "polygon" : "line",
                                 " geometry")};
    }
    double width = 0;
    if (const std::string w = f.Half("width_m"); !w.empty()) {
      if (!absl::SimpleAtod(w, &width) || !std::isfinite(width) || width < 0 ||
          width > 100) {
        return Reject{"width_m",
                      absl::StrCat("\"", w, "\": not a width of 0 to 100 m")};
      }
      if (kind != "centre_line" && width != 0) {
        return Reject{"width_m", "only a centre line has a corridor width"};
      }
    }
    const std::string name = f.Get("name");
    if (name.size() > 2000) return Reject{"name", "longer than 2000 bytes"};
    *values = {absl::StrCat(agency->id), name, kind, absl::StrCat(width)};
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LoadTarget> MakeNetworksTarget() {
  return std::make_unique<NetworksTarget>();
}

}  // namespace pwis::importers
