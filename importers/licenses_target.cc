#include "importers/licenses_target.h"

#include <google/protobuf/struct.pb.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "importers/dates.h"
#include "importers/json_items.h"
#include "importers/target_sql.h"
#include "importers/text.h"
#include "services/licenses/land_parcel.h"
#include "services/licenses/license_number.h"
#include "services/licenses/person_names.h"

namespace pwis::importers {
namespace {

using google::protobuf::Struct;

// Appends "with" unless `s` is empty or already ends in one of `ends`.
std::string Suffixed(const std::string& s, const char* with,
                     std::initializer_list<const char*> ends = {}) {
  if (s.empty()) return "";
  if (absl::EndsWith(s, with)) return s;
  for (const char* e : ends) {
    if (absl::EndsWith(s, e)) return s;
  }
  return s + with;
}

// 門牌: the whole text as given, or composed from its parts.
std::variant<std::string, Reject> Addresses(const std::string& text) {
  auto items = JsonItems(text);
  if (auto* why = std::get_if<std::string>(&items)) {
    return Reject{"addresses", *why};
  }
  std::vector<std::string> out;
  for (const Struct& a : std::get<std::vector<Struct>>(items)) {
    const std::string district = Member(a, {"行政區", "鄉鎮市區", "district"});
    const std::string village = Member(a, {"村里", "里", "village"});
    const std::string nb = Member(a, {"鄰", "neighbourhood"});
    const std::string road = Member(a, {"街路", "路街", "道路", "road"});
    const std::string section = Member(a, {"段", "section"});
    const std::string lane = Member(a, {"巷", "lane"});
    const std::string alley = Member(a, {"弄", "alley"});
    const std::string number = Member(a, {"號", "number"});
    const std::string floor = Member(a, {"樓", "樓層", "floor"});
    std::string whole = Member(a, {"門牌", "地址", "完整門牌", "text"});
    if (whole.empty()) {
      whole = absl::StrCat(
          district, Suffixed(village, "里", {"村"}), Suffixed(nb, "鄰"), road,
          Suffixed(section, "段"), Suffixed(lane, "巷"), Suffixed(alley, "弄"),
          Suffixed(number, "號"), Suffixed(floor, "樓", {"F", "f", "層"}));
    }
    if (whole.empty()) return Reject{"addresses", "an address with no text"};
    if (whole.size() > 500) {
      return Reject{"addresses", "an address longer than 500 bytes"};
    }
    out.push_back(JsonObject({{"text", JsonQuote(whole)},
                              {"district", JsonQuote(district)},
                              {"village", JsonQuote(village)},
                              {"neighbourhood", JsonQuote(nb)},
                              {"road", JsonQuote(road)},
                              {"section", JsonQuote(section)},
                              {"lane", JsonQuote(lane)},
                              {"alley", JsonQuote(alley)},
                              {"number", JsonQuote(number)},
                              {"floor", JsonQuote(floor)}}));
  }
  return absl::StrCat("[", absl::StrJoin(out, ","), "]");
}

// 地號: {行政區, 地段, 小段, 地號} or "苓雅段0123-0004".
std::variant<std::string, Reject> Parcels(const std::string& text) {
  auto items = JsonItems(text);
  if (auto* why = std::get_if<std::string>(&items)) {
    return Reject{"parcels", *why};
  }
  std::vector<std::string> out;
  for (const Struct& p : std::get<std::vector<Struct>>(items)) {
    licenses::ParcelNumber n;
    const std::string whole = Member(p, {"text"});
    if (!whole.empty()) {
      auto parsed = licenses::ParseParcel(whole);
      if (!parsed.ok()) {
        return Reject{
            "parcels",
            absl::StrCat("\"", whole, "\": ", parsed.status().message())};
      }
      n = *parsed;
    } else {
      n.section = absl::StrCat(Member(p, {"地段", "段名", "section"}),
                               Member(p, {"小段", "subsection"}));
      const std::string number = Member(p, {"地號", "number"});
      const std::string mother = Member(p, {"母號", "mother"});
      const std::string child = Member(p, {"子號", "child"});
      const std::string joined =
          number.empty() ? (child.empty() ? mother : mother + "-" + child)
                         : number;
      if (n.section.empty() || joined.empty()) {
        return Reject{"parcels", "a parcel needs its section and number"};
      }
      if (auto s = licenses::ParseParcelNumber(joined, &n); !s.ok()) {
        return Reject{"parcels",
                      absl::StrCat("\"", joined, "\": ", s.message())};
      }
    }
    out.push_back(
        JsonObject({{"district", JsonQuote(Member(p, {"行政區", "district"}))},
                    {"section", JsonQuote(n.section)},
                    {"mother", absl::StrCat(n.mother)},
                    {"child", absl::StrCat(n.child)}}));
  }
  return absl::StrCat("[", absl::StrJoin(out, ","), "]");
}

// 樓層概要: {樓層, 樓層高度, 樓地板面積, 用途}; the uses are collected.
std::variant<std::string, Reject> Floors(const std::string& text,
                                         std::vector<std::string>* uses) {
  auto items = JsonItems(text);
  if (auto* why = std::get_if<std::string>(&items)) {
    return Reject{"floors", *why};
  }
  std::vector<std::string> out;
  for (const Struct& fl : std::get<std::vector<Struct>>(items)) {
    const std::string floor = Member(fl, {"樓層", "樓層別", "floor", "text"});
    const std::string use = Member(fl, {"用途", "use"});
    auto height = Decimal(Member(fl, {"樓層高度", "高度", "height_m"}), 100);
    auto area = Decimal(Member(fl, {"樓地板面積", "面積", "area_m2"}), 1e7);
    for (auto* v : {&height, &area}) {
      if (auto* why = std::get_if<std::string>(v)) {
        return Reject{"floors", absl::StrCat("floor ", floor, ": ", *why)};
      }
    }
    if (!use.empty() &&
        std::find(uses->begin(), uses->end(), use) == uses->end()) {
      uses->push_back(use);
    }
    auto h = std::get<std::optional<double>>(height);
    auto a = std::get<std::optional<double>>(area);
    out.push_back(JsonObject({{"floor", JsonQuote(floor)},
                              {"height_m", h ? absl::StrCat(*h) : "0"},
                              {"area_m2", a ? absl::StrCat(*a) : "0"},
                              {"use", JsonQuote(use)}}));
  }
  return absl::StrCat("[", absl::StrJoin(out, ","), "]");
}

// The parties: each role's name as given (kept for licenses.full callers)
// and as the public may see it; organisations in full. No phone or home
// address is read at all.
std::string Parties(const Fields& f) {
  std::vector<std::string> out;
  for (auto [role, field, office_field] :
       {std::tuple{"owner", "owner", ""},
        std::tuple{"designer", "designer", "designer_office"},
        std::tuple{"supervisor", "supervisor", "supervisor_office"},
        std::tuple{"builder", "builder", "builder_office"}}) {
    const std::string name = ValidUtf8(f.Get(field));
    const std::string office =
        *office_field == '\0' ? "" : ValidUtf8(f.Get(office_field));
    if (name.empty() && office.empty()) continue;
    // An office alone (a firm that signs as itself) is the party.
    const std::string who = name.empty() ? office : name;
    out.push_back(JsonObject(
        {{"role", JsonQuote(role)},
         {"name", JsonQuote(who)},
         {"public_name", JsonQuote(licenses::PublicName(who))},
         {"organisation", licenses::IsOrganisation(who) ? "true" : "false"},
         {"office", JsonQuote(office)}}));
  }
  return absl::StrCat("[", absl::StrJoin(out, ","), "]");
}

class LicensesTarget : public LoadTarget {
 public:
  const TargetSpec& spec() const override {
    static const TargetSpec* spec = new TargetSpec(BuildTargetSpec(
        "building_licenses",
        {"license_no",
         "license_key",
         "roc_year",
         "kind",
         "sequence",
         "version",
         "building_license_key",
         "project_name",
         "issue_date",
         "start_date",
         "completion_date",
         "zoning",
         "structure",
         "uses",
         "building_count",
         "unit_count",
         "floors_above",
         "floors_below",
         "height_m",
         "site_area_m2",
         "building_area_m2",
         "total_floor_area_m2",
         "parking_spaces",
         "construction_cost_twd",
         "addresses",
         "parcels",
         "parties",
         "floors"},
        {{"license_no", "s.license_no"},
         {"license_key", "s.license_key"},
         {"roc_year", "s.roc_year::smallint"},
         {"kind", "s.kind::license_kind"},
         {"sequence", "s.sequence::integer"},
         {"version", "s.version::smallint"},
         {"building_license_key", "s.building_license_key"},
         {"project_name", "s.project_name"},
         {"issue_date", "s.issue_date::date"},
         {"start_date", "s.start_date::date"},
         {"completion_date", "s.completion_date::date"},
         {"zoning", "s.zoning"},
         {"structure", "s.structure"},
         {"uses", "s.uses::text[]"},
         {"building_count", "s.building_count::integer"},
         {"unit_count", "s.unit_count::integer"},
         {"floors_above", "s.floors_above::smallint"},
         {"floors_below", "s.floors_below::smallint"},
         {"height_m", "s.height_m::numeric(8,2)"},
         {"site_area_m2", "s.site_area_m2::numeric(14,2)"},
         {"building_area_m2", "s.building_area_m2::numeric(14,2)"},
         {"total_floor_area_m2", "s.total_floor_area_m2::numeric(14,2)"},
         {"parking_spaces", "s.parking_spaces::integer"},
         {"construction_cost_twd", "s.construction_cost_twd::bigint"},
         {"addresses", "s.addresses::jsonb"},
         {"parcels", "s.parcels::jsonb"},
         {"parties", "s.parties::jsonb"},
         {"floors", "s.floors::jsonb"}}));
    return *spec;
  }

  GeometryRule geometry_rule() const override { return OptionalPoint(); }

  std::optional<Reject> Values(
      const Fields& f, const OGRGeometry* geometry, absl::Time now,
      std::vector<std::optional<std::string>>* values) override {
    (void)geometry;
    (void)now;
    const std::string written = f.Get("license_no");
    auto number = licenses::ParseLicenseNumber(written);
    if (!number.ok()) {
      return Reject{"license_no", std::string(number.status().message())};
    }
    std::string building_key;
    if (const std::string b = f.Get("building_license_no"); !b.empty()) {
      if (number->kind != licenses::LicenseKind::kUse) {
        return Reject{"building_license_no",
                      "only a use license names its building license"};
      }
      auto building = licenses::ParseLicenseNumber(b);
      if (!building.ok()) {
        return Reject{"building_license_no",
                      std::string(building.status().message())};
      }
      building_key = building->Canonical();
    }
    std::optional<std::string> days[3];
    const char* day_fields[3] = {"issue_date", "start_date", "completion_date"};
    for (int i = 0; i < 3; ++i) {
      auto d = ReadDay(f, day_fields[i]);
      if (auto* r = std::get_if<Reject>(&d)) return *r;
      days[i] = std::get<std::optional<std::string>>(d);
    }
    if (days[1] && days[2] && *days[2] < *days[1]) {
      return Reject{"completion_date", "before start_date"};
    }
    struct NumberField {
      const char* name;
      double max;
      bool integer;
    };
    const NumberField number_fields[] = {
        {"building_count", 10000, true},  {"unit_count", 100000, true},
        {"floors_above", 200, true},      {"floors_below", 20, true},
        {"height_m", 1000, false},        {"site_area_m2", 1e9, false},
        {"building_area_m2", 1e9, false}, {"total_floor_area_m2", 1e9, false},
        {"parking_spaces", 100000, true}, {"construction_cost_twd", 1e14, true},
    };
    std::vector<std::optional<std::string>> numbers;
    for (const NumberField& n : number_fields) {
      auto d = Decimal(f.Get(n.name), n.max);
      if (auto* why = std::get_if<std::string>(&d)) {
        return Reject{n.name, *why};
      }
      numbers.push_back(
          NumberText(std::get<std::optional<double>>(d), n.integer));
    }
    auto addresses = Addresses(f.Get("addresses"));
    if (auto* r = std::get_if<Reject>(&addresses)) return *r;
    auto parcels = Parcels(f.Get("parcels"));
    if (auto* r = std::get_if<Reject>(&parcels)) return *r;
    std::vector<std::string> uses = SplitNames(f.Get("uses"));
    std::vector<std::string> floor_uses;
    auto floors = Floors(f.Get("floors"), &floor_uses);
    if (auto* r = std::get_if<Reject>(&floors)) return *r;
    if (uses.empty()) uses = floor_uses;
    for (const char* name : {"project_name", "zoning", "structure"}) {
      if (f.Get(name).size() > 2000) {
        return Reject{name, "longer than 2000 bytes"};
      }
    }
    *values = {written,
               number->Canonical(),
               absl::StrCat(number->roc_year),
               licenses::KindName(number->kind),
               absl::StrCat(number->sequence),
               absl::StrCat(number->version),
               building_key,
               ValidUtf8(f.Get("project_name")),
               days[0],
               days[1],
               days[2],
               f.Get("zoning"),
               f.Get("structure"),
               ArrayLiteral(uses)};
    values->insert(values->end(), numbers.begin(), numbers.end());
    values->push_back(std::get<std::string>(addresses));
    values->push_back(std::get<std::string>(parcels));
    values->push_back(Parties(f));
    values->push_back(std::get<std::string>(floors));
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LoadTarget> MakeLicensesTarget() {
  return std::make_unique<LicensesTarget>();
}

}  // namespace pwis::importers
