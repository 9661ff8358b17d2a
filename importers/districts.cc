#include "importers/districts.h"

#include "absl/strings/str_cat.h"

namespace pwis::importers {

absl::StatusOr<std::unique_ptr<DistrictLocator>> DistrictLocator::Load(
    pqxx::connection& conn) {
  std::unique_ptr<DistrictLocator> l(new DistrictLocator);
  try {
    pqxx::read_transaction tx(conn);
    pqxx::result r = tx.exec(
        "SELECT code, ST_AsBinary(geom) AS wkb FROM districts ORDER BY code");
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
