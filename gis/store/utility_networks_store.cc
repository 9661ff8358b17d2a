#include "gis/store/utility_networks_store.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "gis/store/permits_store.h"
#include "gis/store/row_mapping.h"
#include "gis/store/sql_builder.h"
#include "gis/store/sql_fragments.h"

namespace pwis::store {
namespace {

using pwis::v1::GeometryFormat;
using pwis::v1::UtilityNetwork;

constexpr char kFrom[] =
    " FROM utility_networks n JOIN pipeline_agencies a ON a.id = n.agency_id"
    " LEFT JOIN districts d ON d.code = n.district_code";

std::string SelectSql(GeometryFormat format) {
  return absl::StrCat(
      "SELECT n.id, a.code AS agency_code, a.name_zh AS agency_zh, ",
      "a.name_en AS agency_en, a.pipeline_type::text AS agency_pipeline, ",
      "a.public_phone AS agency_phone, a.dig_notice_phone, n.name, ",
      "n.kind::text AS kind, n.width_m, ",
      "coalesce(n.district_code, '') AS district_code, ",
      "coalesce(d.name_zh, '') AS district_zh, ",
      "coalesce(d.name_en, '') AS district_en, n.source, ",
      "coalesce(n.source_key, '') AS source_key, ",
      MicrosColumn("n.created_at"), " AS created_us, ",
      MicrosColumn("n.updated_at"), " AS updated_us, ",
      MicrosColumn("n.deleted_at"), " AS deleted_us, ",
      GeometryColumn("n", format), " AS geom_out", kFrom);
}

struct Columns {
  explicit Columns(const pqxx::result& r) {
    auto n = [&](const char* name) { return r.column_number(name); };
    id = n("id");
    agency_code = n("agency_code");
    agency_zh = n("agency_zh");
    agency_en = n("agency_en");
    agency_pipeline = n("agency_pipeline");
    agency_phone = n("agency_phone");
    dig_notice_phone = n("dig_notice_phone");
    name = n("name");
    kind = n("kind");
    width_m = n("width_m");
    district_code = n("district_code");
    district_zh = n("district_zh");
    district_en = n("district_en");
    source = n("source");
    source_key = n("source_key");
    created_us = n("created_us");
    updated_us = n("updated_us");
    deleted_us = n("deleted_us");
    geom = n("geom_out");
  }
  pqxx::row::size_type id, agency_code, agency_zh, agency_en, agency_pipeline,
      agency_phone, dig_notice_phone, name, kind, width_m, district_code,
      district_zh, district_en, source, source_key, created_us, updated_us,
      deleted_us, geom;
};

UtilityNetwork NetworkFromRow(const pqxx::row& row, const Columns& c,
                              GeometryFormat format) {
  UtilityNetwork n;
  n.set_id(row[c.id].as<int64_t>());
  auto* a = n.mutable_agency();
  a->set_code(row[c.agency_code].c_str());
  a->mutable_name()->set_zh_tw(row[c.agency_zh].c_str());
  a->mutable_name()->set_en(row[c.agency_en].c_str());
  const EnumEntry* type =
      ByName(PipelineTypes(), row[c.agency_pipeline].c_str());
  if (type != nullptr)
    a->set_pipeline_type(pwis::v1::PipelineType(type->value));
  SetLabel(type, a->mutable_pipeline_type_label());
  a->set_public_phone(row[c.agency_phone].c_str());
  n.set_dig_notice_phone(row[c.dig_notice_phone].c_str());
  n.set_name(row[c.name].c_str());
  const EnumEntry* kind = ByName(NetworkKinds(), row[c.kind].c_str());
  if (kind != nullptr) n.set_kind(pwis::v1::NetworkKind(kind->value));
  SetLabel(kind, n.mutable_kind_label());
  n.set_width_m(row[c.width_m].as<float>());
  if (*row[c.district_code].c_str() != '\0') {
    SetDistrict(row[c.district_code], row[c.district_zh], row[c.district_en],
                n.mutable_district());
  }
  SetRecordFields(row, c, &n);
  SetGeometry(row[c.geom], format, &n);
  return n;
}

void AddFilter(const NetworkFilter& f, SqlBuilder& q) {
  AddCommonConditions(q, "n", f.common);
  if (!f.agency.empty()) q.Where(AgencyCondition(q, f.agency));
  if (!f.pipeline_types.empty()) {
    q.Where(AnyOf(q, "a.pipeline_type", f.pipeline_types, "pipeline_type[]"));
  }
}

}  // namespace

absl::StatusOr<NetworkPage> UtilityNetworksStore::List(
    const NetworkFilter& filter, const ListOptions& options,
    const CallLimit& limit) {
  SqlBuilder q;
  AddFilter(filter, q);
  if (options.after) {
    q.Where(absl::StrCat("n.id > ",
                         q.Param(static_cast<long long>(options.after->id))));
  }
  std::string sql =
      absl::StrCat(SelectSql(options.geometry_format), q.WhereClause(),
                   " ORDER BY n.id LIMIT ",
                   q.Param(static_cast<long long>(options.limit) + 1));
  return Query<NetworkPage>(
      limit, "network_list", {sql, q.params()},
      [&](const pqxx::result& r) -> absl::StatusOr<NetworkPage> {
        Columns c(r);
        return PageFromResult<UtilityNetwork>(
            r, options.limit,
            [&](const pqxx::row& row) {
              return NetworkFromRow(row, c, options.geometry_format);
            },
            [](const UtilityNetwork& last) {
              return ListPosition{0, last.id()};
            });
      });
}

std::string UtilityNetworksStore::NotifyRows(SqlBuilder& q,
                                             const DigSite& site) {
  std::string g = q.Param(site.tm2_ewkb_hex, "geometry");
  std::string probe =
      q.Param(site.buffer_m + kMaxCorridorWidthM / 2 + kDistanceToleranceM);
  std::string buffer = q.Param(site.buffer_m + kDistanceToleranceM);
  // From a corridor's edge: its centre line's distance less half its width.
  std::string edge = absl::StrCat("greatest(ST_Distance(n.geom_tm2, ", g,
                                  ") - n.width_m / 2, 0)");
  DigRow row;
  row.kind = "'notify'";
  row.agency_code = "a.code";
  row.agency_zh = "a.name_zh";
  row.agency_en = "a.name_en";
  row.agency_pipeline = "a.pipeline_type::text";
  row.phone = "a.public_phone";
  row.notice_phone = "a.dig_notice_phone";
  row.distance_m = absl::StrCat("min(", edge, ")");
  row.names = absl::StrCat("array_to_string((array_agg(n.name ORDER BY ", edge,
                           ", n.id))[1:20], E'\\x1f')");
  row.count = "count(*)";
  return absl::StrCat(
      RenderDigRow(row),
      " FROM utility_networks n JOIN pipeline_agencies a ON a.id = n.agency_id"
      " WHERE n.deleted_at IS NULL AND ST_DWithin(n.geom_tm2, ",
      g, ", ", probe, ") AND ST_DWithin(n.geom_tm2, ", g, ", ", buffer,
      " + n.width_m / 2) GROUP BY a.id");
}

}  // namespace pwis::store
