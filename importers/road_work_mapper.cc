#include "importers/road_work_mapper.h"

#include <cmath>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "importers/dates.h"
#include "importers/profile.h"
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

bool Storable(OGRwkbGeometryType t) {
  switch (wkbFlatten(t)) {
    case wkbPoint:
    case wkbMultiPoint:
    case wkbLineString:
    case wkbMultiLineString:
    case wkbPolygon:
    case wkbMultiPolygon:
      return true;
    default:
      return false;
  }
}

// "中山一路、四維三路" / "中山一路,四維三路" / "中山一路;四維三路" (full-width
// commas and semicolons are half-width by now).
std::vector<std::string> SplitNames(const std::string& s) {
  std::vector<std::string> out;
  const std::string commas = absl::StrReplaceAll(s, {{"、", ","}, {";", ","}});
  for (absl::string_view part :
       absl::StrSplit(commas, ',', absl::SkipEmpty())) {
    absl::string_view t = TrimSpace(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

// "true"/"false" and the ways feeds write them; empty is false.
std::optional<bool> Flag(const std::string& s) {
  const std::string v = absl::AsciiStrToLower(s);
  if (v.empty() || v == "false" || v == "0" || v == "no" || v == "n" ||
      v == "f" || v == "否") {
    return false;
  }
  if (v == "true" || v == "1" || v == "yes" || v == "y" || v == "t" ||
      v == "是") {
    return true;
  }
  return std::nullopt;
}

// A daily clock, "9:00", "09:00" or "09:00:00", as "HH:MM:SS".
std::optional<std::string> Clock(const std::string& s) {
  std::vector<std::string> parts = absl::StrSplit(s, ':');
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  int v[3] = {0, 0, 0};
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty() || parts[i].size() > 2 ||
        !absl::SimpleAtoi(parts[i], &v[i])) {
      return std::nullopt;
    }
  }
  if (v[0] > 23 || v[1] > 59 || v[2] > 59) return std::nullopt;
  return absl::StrFormat("%02d:%02d:%02d", v[0], v[1], v[2]);
}

bool IsStatus(const std::string& s) {
  return s == "planned" || s == "active" || s == "suspended" ||
         s == "completed" || s == "cancelled";
}

}  // namespace

absl::StatusOr<std::unique_ptr<RoadWorkMapper>> RoadWorkMapper::For(
    const Profile& profile) {
  if (profile.target() != ROAD_WORKS) {
    return absl::FailedPreconditionError(
        absl::StrCat("profile ", profile.name(), " is not for road works"));
  }
  std::unique_ptr<RoadWorkMapper> m(new RoadWorkMapper(profile));
  const std::string& crs = profile.geometry().crs();
  if (crs == "detect") {
    m->detect_ = true;
  } else if (!crs.empty()) {
    auto c = CrsByName(crs);
    if (!c.ok()) return c.status();
    m->fixed_crs_ = *c;
  }
  return m;
}

std::string RoadWorkMapper::Value(const SourceRecord& record,
                                  const std::string& to) const {
  for (const Field& f : profile_.field()) {
    if (f.to() != to) continue;
    if (!f.value().empty()) return f.value();
    const std::string* v = record.Find(f.from());
    return v == nullptr ? "" : std::string(TrimSpace(*v));
  }
  return "";
}

std::string RoadWorkMapper::Key(const SourceRecord& record) const {
  return ToHalfWidth(Value(record, "source_key"));
}

const ToWgs84* RoadWorkMapper::Transform(Crs crs) {
  auto it = transforms_.find(crs);
  if (it == transforms_.end()) {
    auto t = ToWgs84::For(crs);
    if (!t.ok()) return nullptr;
    it = transforms_.emplace(crs, *std::move(t)).first;
  }
  return it->second.get();
}

std::variant<RoadWorkRow, Reject> RoadWorkMapper::Map(
    const SourceRecord& record, absl::Time now) {
  if (!record.problem.empty()) return Reject{"record", record.problem};
  if (!record.broken_text.empty()) {
    return Reject{record.broken_text,
                  "not valid text in the profile's encoding (UTF-8 unless "
                  "reader.encoding says, e.g. CP950 for Big5)"};
  }
  // Required fields first: the reject names the first one missing.
  for (const Field& f : profile_.field()) {
    if ((f.required() || TargetRequires(ROAD_WORKS, f.to())) &&
        Value(record, f.to()).empty()) {
      return Reject{f.to(), f.from().empty()
                                ? "required"
                                : absl::StrCat("required (from ", f.from(),
                                               "), missing or empty")};
    }
  }
  RoadWorkRow row;
  row.file = ProvenanceName(record.file);
  row.record = record.number;
  // Keys and numbers are typed in either width; compare them half-width.
  row.source_key = Key(record);
  row.permit_number = ToHalfWidth(Value(record, "permit_number"));
  row.title = Value(record, "title");
  row.description = Value(record, "description");
  row.road_names = SplitNames(ToHalfWidth(Value(record, "road_names")));
  row.organiser = Value(record, "organiser");
  row.contractor = Value(record, "contractor");
  row.contact_phone = ToHalfWidth(Value(record, "contact_phone"));
  row.restricted_phone = ToHalfWidth(Value(record, "restricted_phone"));
  // A mobile number is a person's: kept, but out of every answer.
  if (IsMobilePhone(row.contact_phone)) {
    row.restricted_phone =
        row.restricted_phone.empty()
            ? row.contact_phone
            : absl::StrCat(row.restricted_phone, "; ", row.contact_phone);
    row.contact_phone.clear();
  }
  if (row.source_key.size() > 200) {
    return Reject{"source_key", "longer than 200 bytes"};
  }
  if (row.title.size() > 2000) return Reject{"title", "longer than 2000 bytes"};
  if (row.description.size() > 20000) {
    return Reject{"description", "longer than 20000 bytes"};
  }

  // The period: one field, or a start and an optional end.
  std::optional<FeedTime> start, end;
  const std::string period = Value(record, "period");
  if (!period.empty()) {
    auto p = ParseFeedPeriod(period);
    if (!p.ok()) return Reject{"period", std::string(p.status().message())};
    start = p->start;
    end = p->end;
    // A period of one date is that day.
    if (!end.has_value() && !start->has_time) end = start;
  } else {
    const std::string s = Value(record, "start");
    if (s.empty()) return Reject{"start", "required"};
    auto t = ParseFeedTime(s);
    if (!t.ok()) return Reject{"start", std::string(t.status().message())};
    start = *t;
    const std::string e = Value(record, "end");
    if (!e.empty()) {
      auto te = ParseFeedTime(e);
      if (!te.ok()) return Reject{"end", std::string(te.status().message())};
      end = *te;
    }
  }
  row.start = StartInstant(*start);
  if (end.has_value()) {
    row.end = EndInstant(*end);
    if (*row.end <= row.start) {
      return Reject{"end", "the period ends before it starts"};
    }
  }
  const std::string status = absl::AsciiStrToLower(Value(record, "status"));
  if (!status.empty()) {
    if (!IsStatus(status)) {
      return Reject{"status", absl::StrCat("\"", status,
                                           "\": not planned, active, "
                                           "suspended, completed or "
                                           "cancelled")};
    }
    row.status = status;
  } else if (now < row.start) {
    row.status = "planned";
  } else if (row.end.has_value() && *row.end <= now) {
    row.status = "completed";
  } else {
    row.status = "active";
  }

  // Closures and daily hours.
  for (auto [name, out] :
       {std::pair<const char*, int*>{"lanes_closed", &row.lanes_closed},
        {"lanes_total", &row.lanes_total}}) {
    const std::string v = ToHalfWidth(Value(record, name));
    if (!v.empty() && (!absl::SimpleAtoi(v, out) || *out < 0 || *out > 99)) {
      return Reject{name, absl::StrCat("\"", v, "\": not a lane count")};
    }
  }
  if (row.lanes_total > 0 && row.lanes_closed > row.lanes_total) {
    return Reject{"lanes_closed", "more lanes closed than the road has"};
  }
  for (auto [name, out] :
       {std::pair<const char*, bool*>{"full_closure", &row.full_closure},
        {"sidewalk_affected", &row.sidewalk_affected},
        {"bike_lane_affected", &row.bike_lane_affected},
        {"parking_affected", &row.parking_affected}}) {
    const std::string v = Value(record, name);
    auto f = Flag(v);
    if (!f.has_value()) {
      return Reject{name, absl::StrCat("\"", v, "\": not true or false")};
    }
    *out = *f;
  }
  const std::string ws = ToHalfWidth(Value(record, "work_start"));
  const std::string we = ToHalfWidth(Value(record, "work_end"));
  if (ws.empty() != we.empty()) {
    return Reject{ws.empty() ? "work_start" : "work_end",
                  "daily hours need both work_start and work_end"};
  }
  if (!ws.empty()) {
    auto a = Clock(ws), b = Clock(we);
    if (!a.has_value()) return Reject{"work_start", "not a time of day"};
    if (!b.has_value()) return Reject{"work_end", "not a time of day"};
    row.work_start = *a;
    row.work_end = *b;
  }

  // The geometry: CRS, axes, WGS84, validity, type.
  std::unique_ptr<OGRGeometry> g;
  if (const Geometry& geo = profile_.geometry(); !geo.x_field().empty()) {
    const std::string* xs = record.Find(geo.x_field());
    const std::string* ys = record.Find(geo.y_field());
    double px = 0, py = 0;
    if (xs == nullptr || ys == nullptr || TrimSpace(*xs).empty() ||
        TrimSpace(*ys).empty()) {
      return Reject{"geometry", absl::StrCat("missing (", geo.x_field(), ", ",
                                             geo.y_field(), ")")};
    }
    if (!absl::SimpleAtod(ToHalfWidth(std::string(TrimSpace(*xs))), &px) ||
        !absl::SimpleAtod(ToHalfWidth(std::string(TrimSpace(*ys))), &py) ||
        !std::isfinite(px) || !std::isfinite(py)) {
      return Reject{"geometry", absl::StrCat("\"", *xs, "\", \"", *ys,
                                             "\": not coordinates")};
    }
    g = std::make_unique<OGRPoint>(px, py);
  } else if (!geo.wkt_field().empty()) {
    const std::string* wkt = record.Find(geo.wkt_field());
    if (wkt == nullptr || TrimSpace(*wkt).empty()) {
      return Reject{"geometry",
                    absl::StrCat("missing (", geo.wkt_field(), ")")};
    }
    OGRGeometry* parsed = nullptr;
    const std::string text(TrimSpace(*wkt));
    const char* cursor = text.c_str();
    if (OGRGeometryFactory::createFromWkt(&cursor, nullptr, &parsed) !=
            OGRERR_NONE ||
        parsed == nullptr || !TrimSpace(cursor).empty()) {
      delete parsed;
      return Reject{"geometry", absl::StrCat(geo.wkt_field(), ": not WKT")};
    }
    g.reset(parsed);
    if (g->IsEmpty()) return Reject{"geometry", "empty"};
  } else {
    if (record.geometry == nullptr || record.geometry->IsEmpty()) {
      return Reject{"geometry", "missing or empty"};
    }
    g.reset(record.geometry->clone());
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
        !Storable(fixed->getGeometryType()) ||
        fixed->getDimension() != g->getDimension()) {
      return Reject{"geometry", "invalid, and no safe repair"};
    }
    g = std::move(fixed);
    ++counts_.repaired_geometries;
  }
  if (!Storable(g->getGeometryType())) {
    return Reject{"geometry",
                  absl::StrCat(OGRGeometryTypeToName(g->getGeometryType()),
                               ": not a point, line or polygon (or Multi)")};
  }
  std::string wkb(g->WkbSize(), '\0');
  g->exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()),
                 wkbVariantIso);
  row.wkb_hex = absl::BytesToHexString(wkb);
  row.geometry = std::move(g);
  return row;
}

}  // namespace pwis::importers
