#include "gis/store/no_dig_zones_store.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "gis/store/feature_collection.h"
#include "gis/store/row_mapping.h"
#include "gis/store/sql_builder.h"
#include "gis/store/sql_fragments.h"

namespace pwis::store {
namespace {

using pwis::v1::GeometryFormat;
using pwis::v1::NoDigZone;

// The select list ZoneFromRow reads by these names, besides CommonColumns.
constexpr char kColumns[] =
    "z.id, z.zone_no, z.reason::text AS reason, z.description_zh, "
    "z.description_en, z.authority_zh, z.authority_en, z.authority_phone";

constexpr char kFrom[] =
    " FROM no_dig_zones z LEFT JOIN districts d ON d.code = z.district_code";

constexpr char kTimeKey[] = "lower(z.period)";

struct Columns : CommonColumnIndex {
  explicit Columns(const pqxx::result& r) : CommonColumnIndex(r) {
    auto n = [&](const char* name) { return r.column_number(name); };
    id = n("id");
    zone_no = n("zone_no");
    reason = n("reason");
    description_zh = n("description_zh");
    description_en = n("description_en");
    authority_zh = n("authority_zh");
    authority_en = n("authority_en");
    authority_phone = n("authority_phone");
  }
  pqxx::row::size_type id, zone_no, reason, description_zh, description_en,
      authority_zh, authority_en, authority_phone;
};

NoDigZone ZoneFromRow(const pqxx::row& row, const Columns& c,
                      GeometryFormat format) {
  NoDigZone z;
  z.set_id(row[c.id].as<int64_t>());
  z.set_zone_no(row[c.zone_no].c_str());
  const EnumEntry* reason = ByName(NoDigReasons(), row[c.reason].c_str());
  if (reason != nullptr) z.set_reason(pwis::v1::NoDigReason(reason->value));
  SetLabel(reason, z.mutable_reason_label());
  z.mutable_description()->set_zh_tw(row[c.description_zh].c_str());
  z.mutable_description()->set_en(row[c.description_en].c_str());
  z.mutable_authority()->set_zh_tw(row[c.authority_zh].c_str());
  z.mutable_authority()->set_en(row[c.authority_en].c_str());
  z.set_authority_phone(row[c.authority_phone].c_str());
  SetCommonFields(row, c, format, &z);
  return z;
}

void AddFilter(const NoDigZoneFilter& f, SqlBuilder& q) {
  AddCommonConditions(q, "z", f.common);
  if (!f.road.empty()) q.Where(Substring(q, "z.road_text", f.road));
  if (!f.reasons.empty()) {
    q.Where(AnyOf(q, "z.reason", f.reasons, "no_dig_reason[]"));
  }
}

const FeatureSource& GeoJsonSource() {
  static const FeatureSource* source = new FeatureSource{
      kFrom,
      "z",
      "d.name_zh AS district_zh, d.name_en AS district_en",
      kTimeKey,
      {
          {"id", "p.id"},
          {"zone_no", "p.zone_no"},
          {"reason", "p.reason"},
          {"reason_label", LabelJson(NoDigReasons(), "p.reason")},
          {"description_zh", "p.description_zh"},
          {"description_en", "p.description_en"},
          {"road_names", "p.road_names"},
          {"district_code", "p.district_code"},
          {"district_name_zh", "p.district_zh"},
          {"district_name_en", "p.district_en"},
          {"start_time", "pwis_local_iso(lower(p.period))"},
          {"end_time", "pwis_local_iso(upper(p.period))"},
          {"working_hours", WorkingHoursJson("p")},
          {"authority_zh", "p.authority_zh"},
          {"authority_en", "p.authority_en"},
          {"authority_phone", "p.authority_phone"},
          {"update_time", "pwis_local_iso(p.updated_at)"},
          {"delete_time", "pwis_local_iso(p.deleted_at)"},
      }};
  return *source;
}

}  // namespace

absl::StatusOr<NoDigZonePage> NoDigZonesStore::List(
    const NoDigZoneFilter& filter, const ListOptions& options,
    const CallLimit& limit) {
  SqlBuilder q;
  AddFilter(filter, q);
  Statement st = KeysetPageStatement(
      absl::StrCat("SELECT ", kColumns, ", ",
                   CommonColumns("z", options.geometry_format), kFrom),
      "z", kTimeKey, q, options);
  return ListPage<NoDigZone, Columns>(
      limit, "nodig_list", st, options.limit,
      [&](const pqxx::row& row, const Columns& c) {
        return ZoneFromRow(row, c, options.geometry_format);
      });
}

absl::StatusOr<GeoJsonPage> NoDigZonesStore::ListGeoJson(
    const NoDigZoneFilter& filter, const ListOptions& options,
    const CallLimit& limit) {
  SqlBuilder q;
  AddFilter(filter, q);
  return GeoJsonPageQuery(limit, "nodig_geojson", GeoJsonSource(), q, options);
}

std::string NoDigZonesStore::DigRows(SqlBuilder& q,
                                     const NoDigZoneFilter& filter,
                                     const DigSite& site,
                                     GeometryFormat format) {
  DigRow row = DigRowFor(q, "z", site, format);
  row.kind = "'no_dig_zone'";
  row.id = "z.id";
  row.reference = "z.zone_no";
  row.title_zh = "z.description_zh";
  row.title_en = "z.description_en";
  row.status = "z.reason::text";
  row.agency_zh = "z.authority_zh";
  row.agency_en = "z.authority_en";
  row.phone = "z.authority_phone";
  AddFilter(filter, q);
  return absl::StrCat(RenderDigRow(row), kFrom, q.TakeWhereClause());
}

const TileLayer& NoDigZonesTileLayer() {
  static const TileLayer* layer = [] {
    auto* p = new TileLayer;
    TileLayer& l = *p;
    l.name = "no_dig_zones";
    l.description = "No-dig zones (禁挖路段): reason, period";
    l.from = kFrom;
    l.alias = "z";
    l.id_sql = "z.id";
    l.attributes = {
        {"zone_no", "z.zone_no"},
        {"reason", "z.reason::text"},
        {"reason_zh", LabelText(NoDigReasons(), "z.reason", false)},
        {"reason_en", LabelText(NoDigReasons(), "z.reason", true)},
        {"start_time", "pwis_local_iso(lower(z.period))"},
        {"end_time", "pwis_local_iso(upper(z.period))"},
    };
    l.minzoom = 10;
    l.timed = true;
    return p;
  }();
  return *layer;
}

}  // namespace pwis::store
