#include "importers/geometry_mapper.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "importers/text.h"

namespace pwis::importers {
namespace {

// The first position of a geometry, as written.
bool FirstPoint(const OGRGeometry& g, double& x, double& y) {
  const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
  if (t == wkbPoint) {
    const auto& p = *g.toPoint();
    if (p.IsEmpty()) return false;
    x = p.getX();
    y = p.getY();
    return true;
  }
  if (t == wkbLineString) {
    const auto& l = *g.toLineString();
    if (l.getNumPoints() == 0) return false;
    x = l.getX(0);
    y = l.getY(0);
    return true;
  }
  if (t == wkbPolygon) {
    const auto* ring = g.toPolygon()->getExteriorRing();
    return ring != nullptr && FirstPoint(*ring, x, y);
  }
  if (OGR_GT_IsSubClassOf(t, wkbGeometryCollection)) {
    const auto& c = *g.toGeometryCollection();
    for (int i = 0; i < c.getNumGeometries(); ++i) {
      if (FirstPoint(*c.getGeometryRef(i), x, y)) return true;
    }
  }
  return false;
}

// A declared CRS pwis knows by its EPSG code.
std::optional<Crs> KnownCrs(const OGRSpatialReference& srs) {
  const char* code = srs.GetAuthorityCode(nullptr);
  const char* name = srs.GetAuthorityName(nullptr);
  if (code == nullptr || name == nullptr) {
    // GeoJSON's default (no `crs`) is OGC CRS84.
    if (srs.IsGeographic() && srs.GetSemiMajor() == SRS_WGS84_SEMIMAJOR) {
      return Crs::kWgs84;
    }
    return std::nullopt;
  }
  auto crs = CrsByName(absl::StrCat(name, ":", code));
  if (crs.ok()) return *crs;
  return std::nullopt;
}

bool InTaiwan(double lon, double lat) {
  return lon >= 118.0 && lon <= 123.0 && lat >= 21.0 && lat <= 27.0;
}

// Every position must be finite and in Taiwan once in WGS84.
bool AllInTaiwan(const OGRGeometry& g) {
  OGREnvelope e;
  g.getEnvelope(&e);
  return std::isfinite(e.MinX) && std::isfinite(e.MaxX) &&
         std::isfinite(e.MinY) && std::isfinite(e.MaxY) &&
         InTaiwan(e.MinX, e.MinY) && InTaiwan(e.MaxX, e.MaxY);
}

}  // namespace

GeometryRule AnyFeature(bool required) {
  return GeometryRule{required,
                      {wkbPoint, wkbMultiPoint, wkbLineString,
                       wkbMultiLineString, wkbPolygon, wkbMultiPolygon},
                      "a point, line or polygon (or Multi)"};
}

GeometryRule OptionalPoint() {
  return GeometryRule{false, {wkbPoint}, "a point"};
}

GeometryRule NoGeometry() { return GeometryRule{false, {}, "none", false}; }

GeometryRule LinesAndAreas() {
  return GeometryRule{
      true,
      {wkbLineString, wkbMultiLineString, wkbPolygon, wkbMultiPolygon},
      "a line or polygon (or Multi)"};
}

absl::StatusOr<std::unique_ptr<GeometryMapper>> GeometryMapper::For(
    const Geometry& geometry, GeometryRule rule) {
  std::unique_ptr<GeometryMapper> m(
      new GeometryMapper(geometry, std::move(rule)));
  const std::string& crs = geometry.crs();
  if (crs == "detect") {
    m->detect_ = true;
  } else if (!crs.empty()) {
    auto c = CrsByName(crs);
    if (!c.ok()) return c.status();
    m->fixed_crs_ = *c;
  }
  return m;
}

bool GeometryMapper::Stored(OGRwkbGeometryType t) const {
  return std::find(rule_.kinds.begin(), rule_.kinds.end(), wkbFlatten(t)) !=
         rule_.kinds.end();
}

const ToWgs84* GeometryMapper::Transform(Crs crs) {
  auto it = transforms_.find(crs);
  if (it == transforms_.end()) {
    auto t = ToWgs84::For(crs);
    if (!t.ok()) return nullptr;
    it = transforms_.emplace(crs, *std::move(t)).first;
  }
  return it->second.get();
}

std::variant<std::unique_ptr<OGRGeometry>, Reject> GeometryMapper::Read(
    const SourceRecord& record) const {
  const Geometry& geo = geometry_;
  if (!geo.wkt_field().empty()) {
    const std::string* wkt = record.Find(geo.wkt_field());
    // Both given: the WKT where the record has it, else the point.
    if (wkt == nullptr || TrimSpace(*wkt).empty()) {
      if (geo.x_field().empty()) return nullptr;
    } else {
      OGRGeometry* parsed = nullptr;
      const std::string text(TrimSpace(*wkt));
      const char* cursor = text.c_str();
      if (OGRGeometryFactory::createFromWkt(&cursor, nullptr, &parsed) !=
              OGRERR_NONE ||
          parsed == nullptr || !TrimSpace(cursor).empty()) {
        delete parsed;
        return Reject{"geometry", absl::StrCat(geo.wkt_field(), ": not WKT")};
      }
      std::unique_ptr<OGRGeometry> g(parsed);
      if (g->IsEmpty()) return Reject{"geometry", "empty"};
      return g;
    }
  }
  if (!geo.x_field().empty()) {
    const std::string* xs = record.Find(geo.x_field());
    const std::string* ys = record.Find(geo.y_field());
    const bool no_x = xs == nullptr || TrimSpace(*xs).empty();
    const bool no_y = ys == nullptr || TrimSpace(*ys).empty();
    if (no_x && no_y) return nullptr;
    if (no_x || no_y) {
      return Reject{"geometry", absl::StrCat("missing (", geo.x_field(), ", ",
                                             geo.y_field(), ")")};
    }
    double px = 0, py = 0;
    if (!absl::SimpleAtod(ToHalfWidth(std::string(TrimSpace(*xs))), &px) ||
        !absl::SimpleAtod(ToHalfWidth(std::string(TrimSpace(*ys))), &py) ||
        !std::isfinite(px) || !std::isfinite(py)) {
      return Reject{"geometry", absl::StrCat("\"", *xs, "\", \"", *ys,
                                             "\": not coordinates")};
    }
    return std::make_unique<OGRPoint>(px, py);
  }
  if (record.geometry == nullptr || record.geometry->IsEmpty()) return nullptr;
  return std::unique_ptr<OGRGeometry>(record.geometry->clone());
}

std::variant<std::unique_ptr<OGRGeometry>, Reject> GeometryMapper::Map(
    const SourceRecord& record) {
  auto read = Read(record);
  if (auto* r = std::get_if<Reject>(&read)) return *r;
  std::unique_ptr<OGRGeometry> g =
      std::move(std::get<std::unique_ptr<OGRGeometry>>(read));
  if (g == nullptr) {
    if (!rule_.required) return nullptr;
    const Geometry& geo = geometry_;
    if (!geo.x_field().empty()) {
      return Reject{"geometry", absl::StrCat("missing (", geo.x_field(), ", ",
                                             geo.y_field(), ")")};
    }
    if (!geo.wkt_field().empty()) {
      return Reject{"geometry",
                    absl::StrCat("missing (", geo.wkt_field(), ")")};
    }
    return Reject{"geometry", "missing or empty"};
  }
  g->flattenTo2D();
  std::optional<Crs> crs = fixed_crs_;
  if (!crs.has_value() && !detect_ && record.declared_crs != nullptr) {
    crs = KnownCrs(*record.declared_crs);
    if (!crs.has_value()) {
      return Reject{"geometry",
                    "the file's CRS is not one pwis knows "
                    "(EPSG:4326, 3826, 3825, 3828, 3827)"};
    }
  }
  double x = 0, y = 0;
  if (!FirstPoint(*g, x, y)) return Reject{"geometry", "no coordinates"};
  // Detection also runs on a declared WGS84, the GeoJSON default, which
  // feeds in TWD97 metres wrongly claim by leaving `crs` out.
  if (!crs.has_value() || (detect_ || *crs == Crs::kWgs84)) {
    if (auto d = DetectCrs(x, y); d.has_value()) {
      if (!crs.has_value() || d->crs != *crs || d->swapped)
        ++counts_.crs_detected;
      crs = d->crs;
      if (d->swapped) {
        g->swapXY();
        ++counts_.swapped_axes;
      }
    } else if (!crs.has_value() || detect_) {
      return Reject{"geometry",
                    absl::StrCat("coordinates (", x, ", ", y,
                                 ") are neither WGS84 degrees nor TWD97 "
                                 "metres in Taiwan")};
    }
  }
  const ToWgs84* t = Transform(*crs);
  if (t == nullptr) return Reject{"geometry", "no transformation to WGS84"};
  if (t->ogr() != nullptr && g->transform(t->ogr()) != OGRERR_NONE) {
    return Reject{"geometry", "the coordinates could not be transformed"};
  }
  if (!AllInTaiwan(*g)) {
    return Reject{"geometry", "coordinates outside Taiwan"};
  }
  if (!g->IsValid()) {
    std::unique_ptr<OGRGeometry> fixed(g->MakeValid());
    // Safe: the same kind of thing, perhaps in pieces (a bow-tie polygon
    // becomes two triangles); not a collection, not fewer dimensions.
    if (fixed == nullptr || fixed->IsEmpty() ||
        !Stored(fixed->getGeometryType()) ||
        fixed->getDimension() != g->getDimension()) {
      return Reject{"geometry", "invalid, and no safe repair"};
    }
    g = std::move(fixed);
    ++counts_.repaired_geometries;
  }
  if (!Stored(g->getGeometryType())) {
    return Reject{"geometry",
                  absl::StrCat(OGRGeometryTypeToName(g->getGeometryType()),
                               ": not ", rule_.kinds_text)};
  }
  return g;
}

std::string WkbHex(const OGRGeometry& g) {
  std::string wkb(g.WkbSize(), '\0');
  g.exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()),
                wkbVariantIso);
  return absl::BytesToHexString(wkb);
}

}  // namespace pwis::importers
