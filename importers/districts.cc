#include "importers/districts.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "importers/text.h"

namespace pwis::importers {

absl::StatusOr<std::unique_ptr<DistrictLocator>> DistrictLocator::Load(
    pqxx::connection& conn) {
  std::unique_ptr<DistrictLocator> l(new DistrictLocator);
  try {
    pqxx::read_transaction tx(conn);
    pqxx::result r = tx.exec(
        "SELECT code, name_zh, name_en, ST_AsBinary(geom) AS wkb FROM "
        "districts "
        "ORDER BY code");
    for (const pqxx::row& row : r) {
      pqxx::binarystring wkb(row["wkb"]);
      OGRGeometry* g = nullptr;
      if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g,
                                            wkb.size()) != OGRERR_NONE ||
          g == nullptr) {
        return absl::FailedPreconditionError(absl::StrCat(
            "district ", row["code"].c_str(), ": unreadable geometry"));
      }
      District d;
      d.code = row["code"].c_str();
      l->names_[d.code] = d.code;
      // 苓雅區, 苓雅, Lingya District, lingya: as feeds write them.
      const std::string zh = MatchForm(row["name_zh"].c_str());
      l->names_[zh] = d.code;
      if (absl::EndsWith(zh, "區") && zh.size() > 3) {
        l->names_[zh.substr(0, zh.size() - 3)] = d.code;
      }
      const std::string en = absl::AsciiStrToLower(row["name_en"].c_str());
      if (!en.empty()) {
        l->names_[en] = d.code;
        l->names_[std::string(absl::StripSuffix(en, " district"))] = d.code;
      }
      d.geom.reset(g);
      d.geom->getEnvelope(&d.envelope);
      d.prepared = OGRCreatePreparedGeometry(OGRGeometry::ToHandle(g));
      l->districts_.push_back(std::move(d));
    }
  } catch (const std::exception& e) {
    return absl::FailedPreconditionError(
        absl::StrCat("reading the districts failed: ", e.what()));
  }
  if (l->districts_.empty()) {
    return absl::FailedPreconditionError(
        "the districts table is empty (scripts/load-districts loads it)");
  }
  return l;
}

DistrictLocator::~DistrictLocator() {
  for (District& d : districts_) {
    if (d.prepared != nullptr) OGRDestroyPreparedGeometry(d.prepared);
  }
}

std::string DistrictLocator::ByName(const std::string& name) const {
  std::string n = MatchForm(ToHalfWidth(TrimSpace(name)));
  // "高雄市苓雅區": the city's name before the district's.
  for (absl::string_view city : {"高雄市", "台灣省高雄市"}) {
    if (absl::StartsWith(n, city) && n.size() > city.size()) {
      n = n.substr(city.size());
    }
  }
  auto it = names_.find(n);
  if (it == names_.end()) it = names_.find(absl::AsciiStrToLower(n));
  return it == names_.end() ? "" : it->second;
}

std::string DistrictLocator::Locate(const OGRGeometry& g) const {
  OGREnvelope e;
  g.getEnvelope(&e);
  OGRGeometryH h = OGRGeometry::ToHandle(const_cast<OGRGeometry*>(&g));
  std::vector<const District*> met;
  for (const District& d : districts_) {
    if (!d.envelope.Intersects(e)) continue;
    const bool meets = d.prepared != nullptr
                           ? OGRPreparedGeometryIntersects(d.prepared, h)
                           : d.geom->Intersects(&g);
    if (meets) met.push_back(&d);
  }
  if (met.size() <= 1) return met.empty() ? "" : met.front()->code;
  std::unique_ptr<OGRGeometry> inside(
      OGRGeometry::FromHandle(OGR_G_PointOnSurface(h)));
  if (inside != nullptr) {
    OGRGeometryH p = OGRGeometry::ToHandle(inside.get());
    for (const District* d : met) {
      if (d->prepared != nullptr ? OGRPreparedGeometryIntersects(d->prepared, p)
                                 : d->geom->Intersects(inside.get())) {
        return d->code;
      }
    }
  }
  return met.front()->code;
}

}  // namespace pwis::importers
