#include "services/common/geojson_input.h"

#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "services/common/grpc_util.h"

namespace pwis {
namespace {

using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;

// TM2 zone 121 coordinates of anything near Taiwan; the exact served area
// is tested in WGS84 after the transform (DigSiteStore::PrepareSite).
constexpr double kTm2MinX = -100000, kTm2MaxX = 600000, kTm2MinY = 2200000,
                 kTm2MaxY = 3000000;

struct Walker {
  const std::string& field;
  int srid;
  int positions = 0;
  std::string out;

  absl::Status Bad(const std::string& where, const std::string& why) const {
    return InvalidField(field,
                        where.empty() ? why : absl::StrCat(where, ": ", why));
  }

  absl::Status Position(const Value& v, const std::string& where,
                        std::vector<double>* xy) {
    if (v.kind_case() != Value::kListValue) {
      return Bad(where, "a position must be an array of numbers");
    }
    const ListValue& l = v.list_value();
    if (l.values_size() < 2 || l.values_size() > 3) {
      return Bad(where, "a position has 2 or 3 numbers");
    }
    if (++positions > kMaxInputPositions) {
      return Bad(where,
                 absl::StrCat("more than ", kMaxInputPositions, " positions"));
    }
    double c[2];
    for (int i = 0; i < 2; ++i) {
      const Value& n = l.values(i);
      if (n.kind_case() != Value::kNumberValue ||
          !std::isfinite(n.number_value())) {
        return Bad(absl::StrCat(where, "[", i, "]"), "not a finite number");
      }
      c[i] = n.number_value();
    }
    if (l.values_size() == 3 &&
        (l.values(2).kind_case() != Value::kNumberValue ||
         !std::isfinite(l.values(2).number_value()))) {
      return Bad(absl::StrCat(where, "[2]"), "not a finite number");
    }
    if (srid == kWgs84 && !InServedArea(c[0], c[1])) {
      return Bad(where, absl::StrFormat(
                            "(%.7g, %.7g) is outside Taiwan (longitude %g to "
                            "%g, latitude %g to %g; longitude first)",
                            c[0], c[1], kServedMinLng, kServedMaxLng,
                            kServedMinLat, kServedMaxLat));
    }
    if (srid == kTwd97Tm2 && (c[0] < kTm2MinX || c[0] > kTm2MaxX ||
                              c[1] < kTm2MinY || c[1] > kTm2MaxY)) {
      return Bad(where,
                 absl::StrFormat("(%.3f, %.3f) is not a TWD97 TM2 position in "
                                 "Taiwan (x first, metres)",
                                 c[0], c[1]));
    }
    absl::StrAppendFormat(&out, "[%.17g,%.17g]", c[0], c[1]);
    if (xy != nullptr) xy->assign(c, c + 2);
    return absl::OkStatus();
  }

  // An array of positions; `ring` also wants closure and four positions.
  absl::Status Positions(const Value& v, const std::string& where,
                         size_t min_count, bool ring) {
    if (v.kind_case() != Value::kListValue) {
      return Bad(where, "must be an array of positions");
    }
    const ListValue& l = v.list_value();
    if (static_cast<size_t>(l.values_size()) < min_count) {
      return Bad(where,
                 ring ? "a ring needs at least 4 positions"
                      : absl::StrCat("needs at least ", min_count, " position",
                                     min_count > 1 ? "s" : ""));
    }
    out += '[';
    std::vector<double> first, last;
    for (int i = 0; i < l.values_size(); ++i) {
      if (i > 0) out += ',';
      std::vector<double>* keep = i == 0 ? &first : &last;
      if (absl::Status s =
              Position(l.values(i), absl::StrCat(where, "[", i, "]"), keep);
          !s.ok()) {
        return s;
      }
    }
    out += ']';
    if (ring && first != last) {
      return Bad(where,
                 "ring is not closed (its last position must repeat "
                 "the first)");
    }
    return absl::OkStatus();
  }

  // An array of `depth`-deep arrays of positions (a polygon's rings, a
  // multi-line's lines, ...), each walked by `each`.
  template <typename Each>
  absl::Status ArrayOf(const Value& v, const std::string& where,
                       const char* what, Each&& each) {
    if (v.kind_case() != Value::kListValue) {
      return Bad(where, absl::StrCat("must be an array of ", what));
    }
    const ListValue& l = v.list_value();
    if (l.values_size() == 0) return Bad(where, absl::StrCat("no ", what));
    out += '[';
    for (int i = 0; i < l.values_size(); ++i) {
      if (i > 0) out += ',';
      if (absl::Status s = each(l.values(i), absl::StrCat(where, "[", i, "]"));
          !s.ok()) {
        return s;
      }
    }
    out += ']';
    return absl::OkStatus();
  }

  absl::Status Polygon(const Value& v, const std::string& where) {
    return ArrayOf(v, where, "rings",
                   [&](const Value& r, const std::string& w) {
                     return Positions(r, w, 4, true);
                   });
  }
};

// The SRID a GeoJSON (2008) crs member names, or 0 if it names none pwis
// knows.
int SridOfCrs(const Value& crs) {
  if (crs.kind_case() != Value::kStructValue) return 0;
  const auto& f = crs.struct_value().fields();
  auto props = f.find("properties");
  if (props == f.end() || props->second.kind_case() != Value::kStructValue) {
    return 0;
  }
  const auto& p = props->second.struct_value().fields();
  auto name = p.find("name");
  if (name == p.end() || name->second.kind_case() != Value::kStringValue) {
    return 0;
  }
  const std::string& n = name->second.string_value();
  for (const char* wgs : {"EPSG:4326", "urn:ogc:def:crs:EPSG::4326",
                          "urn:ogc:def:crs:OGC:1.3:CRS84", "OGC:CRS84"}) {
    if (n == wgs) return kWgs84;
  }
  for (const char* tm2 : {"EPSG:3826", "urn:ogc:def:crs:EPSG::3826"}) {
    if (n == tm2) return kTwd97Tm2;
  }
  return 0;
}

}  // namespace

bool InServedArea(double lng, double lat) {
  return lng >= kServedMinLng && lng <= kServedMaxLng && lat >= kServedMinLat &&
         lat <= kServedMaxLat;
}

absl::StatusOr<InputGeometry> ParseInputGeometry(
    const Struct& geometry, const std::string& field, int srid,
    const std::string& srid_field) {
  if (srid != 0 && srid != kWgs84 && srid != kTwd97Tm2) {
    return InvalidField(srid_field,
                        absl::StrCat("SRID ", srid,
                                     " is not supported: use 4326 (WGS84) or "
                                     "3826 (TWD97 TM2 zone 121)"));
  }
  const auto& f = geometry.fields();
  if (f.empty()) return InvalidField(field, "required");
  InputGeometry in;
  in.srid = srid == 0 ? kWgs84 : srid;
  if (auto crs = f.find("crs"); crs != f.end()) {
    int named = SridOfCrs(crs->second);
    if (named == 0) {
      return InvalidField(field,
                          "crs: not a coordinate system pwis knows (use "
                          "{\"type\": \"name\", \"properties\": {\"name\": "
                          "\"EPSG:3826\"}}, or EPSG:4326)");
    }
    if (srid != 0 && named != srid) {
      return InvalidField(
          field, absl::StrCat("crs: names EPSG:", named, " but ", srid_field,
                              " is ", srid));
    }
    in.srid = named;
  }
  auto type = f.find("type");
  if (type == f.end() || type->second.kind_case() != Value::kStringValue) {
    return InvalidField(field, "type: required, a GeoJSON geometry type");
  }
  in.type = type->second.string_value();
  if (in.type == "Feature" || in.type == "FeatureCollection" ||
      in.type == "GeometryCollection") {
    return InvalidField(
        field, absl::StrCat("type: a ", in.type,
                            " was given; send one geometry object (Point, "
                            "LineString, Polygon or their Multi forms)"));
  }
  auto coords = f.find("coordinates");
  if (coords == f.end()) return InvalidField(field, "coordinates: required");
  Walker w{field, in.srid, 0, ""};
  const Value& c = coords->second;
  const std::string at = "coordinates";
  absl::Status s;
  if (in.type == "Point") {
    s = w.Position(c, at, nullptr);
  } else if (in.type == "MultiPoint") {
    s = w.Positions(c, at, 1, false);
  } else if (in.type == "LineString") {
    s = w.Positions(c, at, 2, false);
  } else if (in.type == "MultiLineString") {
    s = w.ArrayOf(c, at, "lines", [&](const Value& l, const std::string& x) {
      return w.Positions(l, x, 2, false);
    });
  } else if (in.type == "Polygon") {
    in.polygonal = true;
    s = w.Polygon(c, at);
  } else if (in.type == "MultiPolygon") {
    in.polygonal = true;
    s = w.ArrayOf(c, at, "polygons", [&](const Value& p, const std::string& x) {
      return w.Polygon(p, x);
    });
  } else {
    return InvalidField(
        field, absl::StrCat("type: \"", in.type.substr(0, 40),
                            "\" is not a GeoJSON geometry type "
                            "(Point, MultiPoint, LineString, "
                            "MultiLineString, Polygon, MultiPolygon)"));
  }
  if (!s.ok()) return s;
  in.json =
      absl::StrCat("{\"type\":\"", in.type, "\",\"coordinates\":", w.out, "}");
  return in;
}

}  // namespace pwis
