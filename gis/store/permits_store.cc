#include "gis/store/permits_store.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "gis/store/dig_rows.h"
#include "gis/store/feature_collection.h"
#include "gis/store/row_mapping.h"
#include "gis/store/sql_builder.h"
#include "gis/store/sql_fragments.h"

namespace pwis::store {
namespace {

using pwis::v1::GeometryFormat;
using pwis::v1::Permit;

// The select list PermitFromRow reads by these names, besides
// CommonColumns (whose period is the approved one with its extension).
// contractor_phone is not among them.
const std::string& PermitColumns() {
  static const std::string* columns = new std::string(absl::StrCat(
      "p.id, p.permit_no, p.permit_key, a.code AS agency_code, ",
      "a.name_zh AS agency_zh, a.name_en AS agency_en, ",
      "a.pipeline_type::text AS agency_pipeline, ",
      "a.public_phone AS agency_phone, p.pipeline_type::text AS "
      "pipeline_type, ",
      "p.category::text AS category, p.purpose, p.contractor, p.location, ",
      MicrosColumn("lower(p.approved_period)"), " AS approved_us, ",
      MicrosColumn("upper(p.approved_period)"), " AS approved_end_us, ",
      MicrosColumn("lower(p.extension_period)"), " AS extension_us, ",
      MicrosColumn("upper(p.extension_period)"), " AS extension_end_us, ",
      "p.status::text AS status, p.dug_carriageway_m, p.dug_sidewalk_m, ",
      "p.dug_other_m"));
  return *columns;
}

constexpr char kFrom[] =
    " FROM excavation_permits p JOIN pipeline_agencies a ON a.id = p.agency_id"
    " LEFT JOIN districts d ON d.code = p.district_code";

constexpr char kTimeKey[] = "lower(p.period)";

std::string SelectSql(GeometryFormat format) {
  return absl::StrCat("SELECT ", PermitColumns(), ", ",
                      CommonColumns("p", format), kFrom);
}

// Column numbers of the select list in a result, looked up once per result.
struct Columns : CommonColumnIndex {
  explicit Columns(const pqxx::result& r) : CommonColumnIndex(r) {
    auto n = [&](const char* name) { return r.column_number(name); };
    id = n("id");
    permit_no = n("permit_no");
    permit_key = n("permit_key");
    agency_code = n("agency_code");
    agency_zh = n("agency_zh");
    agency_en = n("agency_en");
    agency_pipeline = n("agency_pipeline");
    agency_phone = n("agency_phone");
    pipeline_type = n("pipeline_type");
    category = n("category");
    purpose = n("purpose");
    contractor = n("contractor");
    location = n("location");
    approved_us = n("approved_us");
    approved_end_us = n("approved_end_us");
    extension_us = n("extension_us");
    extension_end_us = n("extension_end_us");
    status = n("status");
    dug_carriageway_m = n("dug_carriageway_m");
    dug_sidewalk_m = n("dug_sidewalk_m");
    dug_other_m = n("dug_other_m");
  }
  pqxx::row::size_type id, permit_no, permit_key, agency_code, agency_zh,
      agency_en, agency_pipeline, agency_phone, pipeline_type, category,
      purpose, contractor, location, approved_us, approved_end_us, extension_us,
      extension_end_us, status, dug_carriageway_m, dug_sidewalk_m, dug_other_m;
};

Permit PermitFromRow(const pqxx::row& row, const Columns& c,
                     GeometryFormat format) {
  Permit p;
  p.set_id(row[c.id].as<int64_t>());
  p.set_permit_no(row[c.permit_no].c_str());
  p.set_permit_key(row[c.permit_key].c_str());
  auto* a = p.mutable_agency();
  a->set_code(row[c.agency_code].c_str());
  a->mutable_name()->set_zh_tw(row[c.agency_zh].c_str());
  a->mutable_name()->set_en(row[c.agency_en].c_str());
  const EnumEntry* agency_type =
      ByName(PipelineTypes(), row[c.agency_pipeline].c_str());
  if (agency_type != nullptr) {
    a->set_pipeline_type(pwis::v1::PipelineType(agency_type->value));
  }
  SetLabel(agency_type, a->mutable_pipeline_type_label());
  a->set_public_phone(row[c.agency_phone].c_str());
  const EnumEntry* type = ByName(PipelineTypes(), row[c.pipeline_type].c_str());
  if (type != nullptr) p.set_pipeline_type(pwis::v1::PipelineType(type->value));
  SetLabel(type, p.mutable_pipeline_type_label());
  const EnumEntry* category =
      ByName(PermitCategories(), row[c.category].c_str());
  if (category != nullptr) {
    p.set_category(pwis::v1::PermitCategory(category->value));
  }
  SetLabel(category, p.mutable_category_label());
  p.set_purpose(row[c.purpose].c_str());
  p.set_contractor(row[c.contractor].c_str());
  p.set_location(row[c.location].c_str());
  SetTimeRange(row[c.approved_us], row[c.approved_end_us],
               p.mutable_approved_period());
  SetTimeRange(row[c.extension_us], row[c.extension_end_us],
               p.mutable_extension_period());
  if (!p.extension_period().has_start_time()) p.clear_extension_period();
  const EnumEntry* status = ByName(PermitStatuses(), row[c.status].c_str());
  if (status != nullptr) p.set_status(pwis::v1::PermitStatus(status->value));
  SetLabel(status, p.mutable_status_label());
  auto* dug = p.mutable_dug_length();
  dug->set_carriageway_m(row[c.dug_carriageway_m].as<float>());
  dug->set_sidewalk_m(row[c.dug_sidewalk_m].as<float>());
  dug->set_other_m(row[c.dug_other_m].as<float>());
  SetCommonFields(row, c, format, &p);
  return p;
}

void AddFilter(const PermitFilter& f, SqlBuilder& q) {
  AddCommonConditions(q, "p", f.common);
  if (!f.road.empty()) q.Where(Substring(q, "p.road_text", f.road));
  if (!f.agency.empty()) q.Where(AgencyCondition(q, f.agency));
  if (!f.pipeline_types.empty()) {
    q.Where(AnyOf(q, "p.pipeline_type", f.pipeline_types, "pipeline_type[]"));
  }
  if (!f.categories.empty()) {
    q.Where(AnyOf(q, "p.category", f.categories, "permit_category[]"));
  }
  if (!f.statuses.empty()) {
    q.Where(AnyOf(q, "p.status", f.statuses, "permit_status[]"));
  }
}

const FeatureSource& GeoJsonSource() {
  static const FeatureSource* source = new FeatureSource{
      kFrom,
      "p",
      "a.code AS agency_code, a.name_zh AS agency_zh, a.name_en AS "
      "agency_en, a.public_phone AS agency_phone, d.name_zh AS district_zh, "
      "d.name_en AS district_en",
      kTimeKey,
      {
          {"id", "p.id"},
          {"permit_no", "p.permit_no"},
          {"agency_code", "p.agency_code"},
          {"agency_name_zh", "p.agency_zh"},
          {"agency_name_en", "p.agency_en"},
          {"agency_phone", "p.agency_phone"},
          {"pipeline_type", "p.pipeline_type"},
          {"pipeline_type_label",
           LabelJson(PipelineTypes(), "p.pipeline_type")},
          {"category", "p.category"},
          {"category_label", LabelJson(PermitCategories(), "p.category")},
          {"purpose", "p.purpose"},
          {"contractor", "p.contractor"},
          {"road_names", "p.road_names"},
          {"location", "p.location"},
          {"district_code", "p.district_code"},
          {"district_name_zh", "p.district_zh"},
          {"district_name_en", "p.district_en"},
          {"start_time", "pwis_local_iso(lower(p.period))"},
          {"end_time", "pwis_local_iso(upper(p.period))"},
          {"approved_end_time", "pwis_local_iso(upper(p.approved_period))"},
          {"working_hours", WorkingHoursJson("p")},
          {"status", "p.status"},
          {"status_label", LabelJson(PermitStatuses(), "p.status")},
          {"update_time", "pwis_local_iso(p.updated_at)"},
          {"delete_time", "pwis_local_iso(p.deleted_at)"},
      }};
  return *source;
}

// The applicant as a dig row's agency.
void SetAgency(DigRow& row) {
  row.agency_code = "a.code";
  row.agency_zh = "a.name_zh";
  row.agency_en = "a.name_en";
  row.agency_pipeline = "a.pipeline_type::text";
  row.phone = "a.public_phone";
}

// The permit (alias p, its agency a) as a dig row of `kind`.
DigRow PermitDigRow(SqlBuilder& q, const DigSite& site, GeometryFormat format,
                    const char* kind) {
  DigRow row = DigRowFor(q, "p", site, format);
  row.kind = kind;
  row.id = "p.id";
  row.reference = "p.permit_no";
  row.title_zh = "p.purpose";
  row.status = "p.status::text";
  SetAgency(row);
  return row;
}

}  // namespace

std::string AgencyCondition(SqlBuilder& q, const std::string& agency) {
  return CodeOrNameCondition(q, "a", agency);
}

std::string PermitsStore::DigRows(SqlBuilder& q, const PermitFilter& filter,
                                  const DigSite& site, GeometryFormat format) {
  DigRow row = PermitDigRow(q, site, format, "'permit'");
  AddFilter(filter, q);
  return absl::StrCat(RenderDigRow(row), kFrom, q.TakeWhereClause());
}

std::string PermitsStore::JointDigRows(SqlBuilder& q, const DigSite& site,
                                       const std::string& roads_sql,
                                       double metres, int days, int max_rows) {
  DigRow row = PermitDigRow(q, site, pwis::v1::GEOMETRY_FORMAT_NONE, "'joint'");
  std::string g = q.Param(site.tm2_ewkb_hex, "geometry");
  std::string from = q.TimeParam(site.from);
  std::string to = q.TimeParam(site.to);
  // Days between: 0 when the periods meet, else the gap rounded up.
  row.days = absl::StrCat(
      "CASE WHEN p.period && tstzrange(", from, ", ", to,
      ", '[)') THEN 0 ELSE ceil(greatest(extract(epoch FROM lower(p.period) - ",
      to, "), extract(epoch FROM ", from,
      " - upper(p.period))) / 86400)::int4 END");
  std::string candidates = absl::StrCat(
      "pwis_joint_dig_candidates(", g, ", ",
      q.Param(metres + kDistanceToleranceM), ", ", roads_sql, ", ", from, ", ",
      to, ", ", q.Param(absl::StrCat(days, " days"), "interval"), ", ",
      q.Param(site.buffer_m + kDistanceToleranceM), ", ",
      q.Param(static_cast<long long>(max_rows), "int4"), ")");
  return absl::StrCat(RenderDigRow(row), " FROM ", candidates,
                      " p JOIN pipeline_agencies a ON a.id = p.agency_id");
}

std::string PermitsStore::UnplacedDigRows(SqlBuilder& q, const DigSite& site,
                                          const std::string& roads_sql,
                                          const std::string& districts_sql,
                                          int max_rows) {
  DigRow row =
      PermitDigRow(q, site, pwis::v1::GEOMETRY_FORMAT_NONE, "'unplaced'");
  // distance_m stays DigRowFor's: NULL here, and it types the site's
  // parameter.
  row.names = "p.location";
  row.title_en = "p.district_code";
  PermitFilter f;
  f.common.time = site.Window();
  f.statuses = DefaultPermitStatuses();
  AddFilter(f, q);
  q.Where("p.geom IS NULL");
  q.Where(absl::StrCat("p.district_code IN (", districts_sql, ")"));
  // On a road of the dig, by name or in its location text (光華路二段 for
  // 光華路); or with no road read from the feed; or any, when the dig's
  // roads are unknown: nothing rules those out.
  q.Where(absl::StrCat("(cardinality(", roads_sql,
                       ") = 0 OR p.road_names = '{}' OR EXISTS "
                       "(SELECT 1 FROM unnest(",
                       roads_sql,
                       ") AS r(name) WHERE strpos(p.road_text, r.name) > 0))"));
  return absl::StrCat("(", RenderDigRow(row), kFrom, q.TakeWhereClause(),
                      " ORDER BY lower(p.period), p.id LIMIT ",
                      q.Param(static_cast<long long>(max_rows), "int4"), ")");
}

absl::StatusOr<Permit> PermitsStore::Get(const std::string& permit_no,
                                         GeometryFormat format,
                                         const CallLimit& limit) {
  std::string sql =
      absl::StrCat(SelectSql(format),
                   " WHERE p.permit_key = pwis_permit_key($1::text) AND "
                   "p.permit_key <> '' AND ",
                   NotDeleted("p"));
  return Query<Permit>(limit, "permit_get", {sql, {permit_no}},
                       [&](const pqxx::result& r) -> absl::StatusOr<Permit> {
                         if (r.empty()) {
                           return absl::NotFoundError(absl::StrCat(
                               "permit ", permit_no, " not found"));
                         }
                         return PermitFromRow(r[0], Columns(r), format);
                       });
}

absl::StatusOr<PermitPage> PermitsStore::List(const PermitFilter& filter,
                                              const ListOptions& options,
                                              const CallLimit& limit) {
  SqlBuilder q;
  AddFilter(filter, q);
  return ListPage<Permit, Columns>(
      limit, "permit_list",
      KeysetPageStatement(SelectSql(options.geometry_format), "p", kTimeKey, q,
                          options),
      options.limit, [&](const pqxx::row& row, const Columns& c) {
        return PermitFromRow(row, c, options.geometry_format);
      });
}

absl::StatusOr<GeoJsonPage> PermitsStore::ListGeoJson(
    const PermitFilter& filter, const ListOptions& options,
    const CallLimit& limit) {
  SqlBuilder q;
  AddFilter(filter, q);
  return GeoJsonPageQuery(limit, "permit_geojson", GeoJsonSource(), q, options);
}

const TileLayer& PermitsTileLayer() {
  static const TileLayer* layer = [] {
    auto* p = new TileLayer;
    TileLayer& l = *p;
    l.name = "permits";
    l.description =
        "Pipeline excavation permits (管線挖埋): pipeline type, agency, period";
    l.from = kFrom;
    l.alias = "p";
    l.id_sql = "p.id";
    l.attributes = {
        {"permit_no", "p.permit_no"},
        {"pipeline_type", "p.pipeline_type::text"},
        {"pipeline_type_zh",
         LabelText(PipelineTypes(), "p.pipeline_type", false)},
        {"pipeline_type_en",
         LabelText(PipelineTypes(), "p.pipeline_type", true)},
        {"status", "p.status::text"},
        {"status_zh", LabelText(PermitStatuses(), "p.status", false)},
        {"status_en", LabelText(PermitStatuses(), "p.status", true)},
        {"agency_code", "a.code"},
        {"agency_zh", "a.name_zh"},
        {"agency_en", "a.name_en"},
        {"contractor", "p.contractor"},
        {"start_time", "pwis_local_iso(lower(p.period))"},
        {"end_time", "pwis_local_iso(upper(p.period))"},
    };
    l.minzoom = 10;
    l.timed = true;
    l.status_sql = "p.status";
    l.status_array_type = "permit_status[]";
    l.statuses = PermitStatuses();
    l.default_statuses = &DefaultPermitStatuses();
    l.status_enum_prefix = "PERMIT_STATUS_";
    return p;
  }();
  return *layer;
}

}  // namespace pwis::store
