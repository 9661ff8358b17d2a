#include "gis/store/licenses_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gis/geo/json_message.h"
#include "gis/store/sql_fragments.h"

namespace pwis::store {
namespace {

using pwis::v1::License;

// A license reference {license_no, kind, issue_date} of alias `o` in the
// proto's JSON form.
std::string RefJson(absl::string_view o) {
  return absl::StrCat("json_build_object('license_no', ", o,
                      ".license_key, 'kind', 'LICENSE_KIND_' || upper(", o,
                      ".kind::text), 'issue_date', coalesce(", o,
                      ".issue_date::text, ''))");
}

// The license's lists as one JSON object in the proto's JSON form,
// persons' names masked unless `full_sql` (a boolean expression) holds;
// with the references between licenses when `refs`.
std::string DetailJson(const std::string& full_sql, bool refs) {
  std::string json = absl::StrCat(
      "json_build_object("
      "'addresses', l.addresses, 'floors', l.floors, "
      "'parcels', (SELECT coalesce(json_agg(json_build_object("
      "'district', p->>'district', 'section', p->>'section', "
      "'mother', (p->>'mother')::int, 'child', (p->>'child')::int, "
      "'number', lpad(p->>'mother', 4, '0') || '-' || "
      "lpad(coalesce(p->>'child', '0'), 4, '0'))), '[]') "
      "FROM jsonb_array_elements(l.parcels) p), "
      "'parties', (SELECT coalesce(json_agg(json_build_object("
      "'role', 'PARTY_ROLE_' || upper(p->>'role'), "
      "'name', CASE WHEN ",
      full_sql,
      " THEN p->>'name' ELSE p->>'public_name' END, "
      "'organisation', coalesce((p->>'organisation')::boolean, false), "
      "'office', coalesce(p->>'office', ''))), '[]') "
      "FROM jsonb_array_elements(l.parties) p)");
  if (refs) {
    const std::string live = "o.deleted_at IS NULL";
    const std::string same_number =
        "o.kind = l.kind AND o.roc_year = l.roc_year AND "
        "o.sequence = l.sequence";
    absl::StrAppend(
        &json, ", 'original', (SELECT ", RefJson("o"),
        " FROM building_licenses o WHERE l.version > 0 AND ", same_number,
        " AND o.version = 0 AND ", live, " LIMIT 1)",
        ", 'building_license', (SELECT ", RefJson("o"),
        " FROM building_licenses o WHERE l.building_license_key <> '' AND "
        "o.license_key = l.building_license_key AND ",
        live, " LIMIT 1)", ", 'amendments', (SELECT coalesce(json_agg(",
        RefJson("o"), " ORDER BY o.version), '[]') FROM building_licenses o ",
        "WHERE ", same_number, " AND o.version > 0 AND ", live, ")",
        ", 'use_licenses', (SELECT coalesce(json_agg(", RefJson("o"),
        " ORDER BY o.issue_date, o.id), '[]') FROM building_licenses o WHERE "
        "l.kind = 'building' AND ",
        live,
        " AND o.building_license_key <> '' AND o.building_license_key IN "
        "(SELECT v.license_key FROM "
        "building_licenses v WHERE v.kind = l.kind AND v.roc_year = l.roc_year "
        "AND v.sequence = l.sequence))");
  }
  return absl::StrCat(json, ")::text");
}

std::string SelectList(const LicenseQuery& query, const std::string& full_sql,
                       bool refs) {
  return absl::StrCat(
      "l.id, l.license_key AS license_no, l.kind::text AS kind, l.roc_year, "
      "l.sequence, "
      "l.version, l.project_name, coalesce(l.issue_date::text, '') AS issued, "
      "coalesce(l.start_date::text, '') AS started, "
      "coalesce(l.completion_date::text, '') AS completed, l.district_code, "
      "d.name_zh AS district_zh, d.name_en AS district_en, l.zoning, "
      "l.structure, array_to_string(l.uses, E'\\x1f') AS uses, "
      "coalesce(l.building_count, 0) AS buildings, "
      "coalesce(l.unit_count, 0) AS units, "
      "coalesce(l.floors_above, 0) AS above, "
      "coalesce(l.floors_below, 0) AS below, "
      "coalesce(l.height_m, 0)::float8 AS height, "
      "coalesce(l.site_area_m2, 0)::float8 AS site_area, "
      "coalesce(l.building_area_m2, 0)::float8 AS building_area, "
      "coalesce(l.total_floor_area_m2, 0)::float8 AS floor_area, "
      "coalesce(l.parking_spaces, 0) AS parking, "
      "coalesce(l.construction_cost_twd, 0) AS cost, ",
      DetailJson(full_sql, refs), " AS detail, ",
      GeometryColumn("l", query.geometry_format),
      " AS geom_out, l.source, coalesce(l.source_key, '') AS source_key, ",
      MicrosColumn("l.created_at"), " AS created_us, ",
      MicrosColumn("l.updated_at"), " AS updated_us");
}

constexpr char kFrom[] =
    " FROM building_licenses l JOIN districts d ON d.code = l.district_code";

struct Columns {
  explicit Columns(const pqxx::result& r)
      : id(r.column_number("id")),
        license_no(r.column_number("license_no")),
        kind(r.column_number("kind")),
        roc_year(r.column_number("roc_year")),
        sequence(r.column_number("sequence")),
        version(r.column_number("version")),
        project_name(r.column_number("project_name")),
        issued(r.column_number("issued")),
        started(r.column_number("started")),
        completed(r.column_number("completed")),
        district_code(r.column_number("district_code")),
        district_zh(r.column_number("district_zh")),
        district_en(r.column_number("district_en")),
        zoning(r.column_number("zoning")),
        structure(r.column_number("structure")),
        uses(r.column_number("uses")),
        buildings(r.column_number("buildings")),
        units(r.column_number("units")),
        above(r.column_number("above")),
        below(r.column_number("below")),
        height(r.column_number("height")),
        site_area(r.column_number("site_area")),
        building_area(r.column_number("building_area")),
        floor_area(r.column_number("floor_area")),
        parking(r.column_number("parking")),
        cost(r.column_number("cost")),
        detail(r.column_number("detail")),
        geom(r.column_number("geom_out")),
        source(r.column_number("source")),
        source_key(r.column_number("source_key")),
        created_us(r.column_number("created_us")),
        updated_us(r.column_number("updated_us")) {}
  pqxx::row::size_type id, license_no, kind, roc_year, sequence, version,
      project_name, issued, started, completed, district_code, district_zh,
      district_en, zoning, structure, uses, buildings, units, above, below,
      height, site_area, building_area, floor_area, parking, cost, detail, geom,
      source, source_key, created_us, updated_us;
};

void SetRefLabel(pwis::v1::LicenseRef* ref) {
  SetLabel(ByValue(LicenseKinds(), ref->kind()), ref->mutable_kind_label());
}

absl::StatusOr<License> LicenseFromRow(const pqxx::row& row, const Columns& c,
                                       const LicenseQuery& query) {
  License m;
  const pqxx::field detail = row[c.detail];
  absl::Status s =
      geo::JsonToMessage(std::string_view(detail.c_str(), detail.size()), &m);
  if (!s.ok()) {
    return absl::InternalError(
        absl::StrCat("license ", row[c.id].c_str(),
                     ": stored lists unreadable: ", s.ToString()));
  }
  m.set_id(row[c.id].as<int64_t>());
  m.set_license_no(row[c.license_no].c_str());
  const EnumEntry* kind = ByName(LicenseKinds(), row[c.kind].c_str());
  if (kind != nullptr)
    m.set_kind(static_cast<pwis::v1::LicenseKind>(kind->value));
  SetLabel(kind, m.mutable_kind_label());
  m.set_roc_year(row[c.roc_year].as<int>());
  m.set_sequence(row[c.sequence].as<int>());
  m.set_version(row[c.version].as<int>());
  m.set_project_name(row[c.project_name].c_str());
  m.set_issue_date(row[c.issued].c_str());
  m.set_start_date(row[c.started].c_str());
  m.set_completion_date(row[c.completed].c_str());
  SetDistrict(row[c.district_code], row[c.district_zh], row[c.district_en],
              m.mutable_district());
  m.set_zoning(row[c.zoning].c_str());
  m.set_structure(row[c.structure].c_str());
  if (const pqxx::field uses = row[c.uses]; uses.size() > 0) {
    for (absl::string_view u :
         absl::StrSplit(absl::string_view(uses.c_str(), uses.size()), '\x1f')) {
      m.add_uses(std::string(u));
    }
  }
  m.set_building_count(row[c.buildings].as<int>());
  m.set_unit_count(row[c.units].as<int>());
  m.set_floors_above(row[c.above].as<int>());
  m.set_floors_below(row[c.below].as<int>());
  m.set_height_m(row[c.height].as<double>());
  m.set_site_area_m2(row[c.site_area].as<double>());
  m.set_building_area_m2(row[c.building_area].as<double>());
  m.set_total_floor_area_m2(row[c.floor_area].as<double>());
  m.set_parking_spaces(row[c.parking].as<int>());
  m.set_construction_cost_twd(row[c.cost].as<int64_t>());
  for (auto& p : *m.mutable_parties()) {
    SetLabel(ByValue(PartyRoles(), p.role()), p.mutable_role_label());
  }
  if (m.has_original()) SetRefLabel(m.mutable_original());
  if (m.has_building_license()) SetRefLabel(m.mutable_building_license());
  for (auto& r : *m.mutable_amendments()) SetRefLabel(&r);
  for (auto& r : *m.mutable_use_licenses()) SetRefLabel(&r);
  SetGeometry(row[c.geom], query.geometry_format, &m);
  m.set_source(row[c.source].c_str());
  m.set_source_key(row[c.source_key].c_str());
  SetTimestamp(row[c.created_us], m.mutable_create_time());
  SetTimestamp(row[c.updated_us], m.mutable_update_time());
  m.set_full_record(query.full);
  return m;
}

}  // namespace

Statement LicensesStore::GetStatement(const std::string& license_key,
                                      const LicenseQuery& query) {
  SqlBuilder q;
  const std::string full = q.Param(query.full ? "true" : "false", "boolean");
  const std::string key = q.Param(license_key, "text");
  return {
      absl::StrCat("SELECT ", SelectList(query, full, true), kFrom,
                   " WHERE l.license_key = ", key, " AND ", NotDeleted("l")),
      q.params()};
}

absl::StatusOr<License> LicensesStore::Get(const std::string& license_key,
                                           const LicenseQuery& query,
                                           const CallLimit& limit) {
  return Query<License>(limit, "license_get", GetStatement(license_key, query),
                        [&](const pqxx::result& r) -> absl::StatusOr<License> {
                          if (r.empty()) {
                            return absl::NotFoundError(absl::StrCat(
                                "license ", license_key, " not found"));
                          }
                          return LicenseFromRow(r[0], Columns(r), query);
                        });
}

Statement LicensesStore::SearchStatement(const LicenseFilter& f,
                                         const ListOptions& options,
                                         const LicenseQuery& query) {
  SqlBuilder q;
  const std::string full = q.Param(query.full ? "true" : "false", "boolean");
  // The conditions every rank shares.
  if (!f.address.empty()) {
    q.Where(absl::StrCat("l.address_text LIKE ",
                         FoldedPattern(q, "pwis_address_fold", f.address)));
  }
  if (f.parcel) {
    q.Where(absl::StrCat(
        "l.parcel_keys @> ARRAY[pwis_parcel_key(",
        q.Param(f.parcel->section, "text"), ", ",
        q.Param(static_cast<long long>(f.parcel->mother), "int4"), ", ",
        q.Param(static_cast<long long>(f.parcel->child), "int4"), ")]"));
  }
  if (!f.kinds.empty()) q.Where(AnyOf(q, "l.kind", f.kinds, "license_kind[]"));
  if (!f.district_code.empty()) {
    q.Where(
        absl::StrCat("l.district_code = ", q.Param(f.district_code, "text")));
  }
  if (!f.structure.empty()) {
    q.Where(absl::StrCat("pwis_text_fold(l.structure) LIKE ",
                         FoldedPattern(q, "pwis_text_fold", f.structure)));
  }
  if (!f.use.empty()) {
    q.Where(absl::StrCat("l.uses_text LIKE ",
                         FoldedPattern(q, "pwis_text_fold", f.use)));
  }
  if (!f.issued_from.empty()) {
    q.Where(absl::StrCat("l.issue_date >= ", q.Param(f.issued_from, "date")));
  }
  if (!f.issued_to.empty()) {
    q.Where(absl::StrCat("l.issue_date <= ", q.Param(f.issued_to, "date")));
  }
  if (f.circle) q.Where(CircleCondition(q, "l", *f.circle));
  q.Where(NotDeleted("l"));
  const std::string shared = q.TakeWhereClause();

  // The ranks: 0 the license `q` numbers, 1 those at the address `q`
  // names, 2 the other keyword matches; without `q`, all are rank 0.
  // Each rank is its own branch, ordered by (latest issued, id), which
  // the issue-day indexes serve: a broad keyword walks them until the
  // page is full, a narrow one is found through its trigram index.
  std::vector<std::pair<int, std::string>> ranks;
  if (f.q.empty()) {
    ranks.push_back({0, ""});
  } else {
    const std::string at_address = absl::StrCat(
        "l.address_text LIKE ", FoldedPattern(q, "pwis_address_fold", f.q));
    const std::string keyword = absl::StrCat(
        "l.search_text LIKE ", FoldedPattern(q, "pwis_text_fold", f.q));
    std::string not_numbered;
    if (!f.number_key.empty()) {
      const std::string numbered =
          absl::StrCat("l.license_key = ", q.Param(f.number_key, "text"));
      ranks.push_back({0, numbered});
      not_numbered =
          absl::StrCat(" AND l.license_key <> ", q.Param(f.number_key, "text"));
    }
    ranks.push_back({1, at_address + not_numbered});
    ranks.push_back({2, absl::StrCat(keyword, " AND NOT (", at_address, ")",
                                     not_numbered)});
  }
  // One number orders the page (rank, latest issued, undated last) and is
  // where the next page starts: rank * 10^6 + 999999 - day.
  const std::string day = "pwis_license_day(l.issue_date)";
  const std::string rows =
      q.Param(static_cast<long long>(options.limit + 1), "int4");
  std::string after_key, after_id;
  if (options.after) {
    after_key = q.Param(static_cast<long long>(options.after->start_us));
    after_id = q.Param(static_cast<long long>(options.after->id));
  }
  std::vector<std::string> branches;
  for (const auto& [rank, condition] : ranks) {
    const std::string key =
        absl::StrCat("(", rank, "::int8 * 1000000 + 999999 - ", day, ")");
    std::string where = shared;
    if (!condition.empty()) absl::StrAppend(&where, " AND ", condition);
    if (options.after) {
      absl::StrAppend(&where, " AND (", key, ", l.id) > (", after_key, ", ",
                      after_id, ")");
    }
    // The last (keyword) rank only fills what the others left of the
    // page: when they fill it, its scan never starts. A keyword whose
    // matches are all address matches would otherwise walk the whole
    // index for none.
    const bool last = ranks.size() > 1 && rank == ranks.back().first;
    const std::string limit =
        last ? absl::StrCat("greatest(0, ", rows,
                            " - (SELECT count(*) FROM first_ranks))")
             : rows;
    branches.push_back(absl::StrCat(
        "(SELECT l.id, ", key, " AS rank_key FROM building_licenses l", where,
        " ORDER BY ", day, " DESC, l.id LIMIT ", limit, ")"));
  }
  // The page's rows first, then their columns (built for those alone).
  std::string hits;
  if (branches.size() == 1) {
    hits = absl::StrCat("WITH page AS (SELECT * FROM ", branches[0], " hits)");
  } else {
    const std::string keyword_rank = branches.back();
    branches.pop_back();
    hits = absl::StrCat("WITH first_ranks AS MATERIALIZED (",
                        absl::StrJoin(branches, " UNION ALL "),
                        "), page AS (SELECT * FROM (SELECT * FROM first_ranks "
                        "UNION ALL ",
                        keyword_rank, ") hits ORDER BY rank_key, id LIMIT ",
                        rows, ")");
  }
  return {absl::StrCat(hits, " SELECT ", SelectList(query, full, false),
                       ", p.rank_key FROM page p JOIN building_licenses l ON "
                       "l.id = p.id JOIN districts d ON d.code = "
                       "l.district_code ORDER BY p.rank_key, p.id"),
          q.params()};
}

absl::StatusOr<Page<License>> LicensesStore::Search(const LicenseFilter& f,
                                                    const ListOptions& options,
                                                    const LicenseQuery& query,
                                                    const CallLimit& limit) {
  const Statement st = SearchStatement(f, options, query);
  return Query<Page<License>>(
      limit, "license_search", st,
      [&](const pqxx::result& r) -> absl::StatusOr<Page<License>> {
        Page<License> page;
        if (r.empty()) return page;
        Columns c(r);
        const auto rank_key = r.column_number("rank_key");
        for (const auto& row : r) {
          if (static_cast<int>(page.items.size()) == options.limit) {
            const pqxx::row& last = r[options.limit - 1];
            page.next = ListPosition{last[rank_key].as<int64_t>(),
                                     last[c.id].as<int64_t>()};
            break;
          }
          absl::StatusOr<License> m = LicenseFromRow(row, c, query);
          if (!m.ok()) return m.status();
          page.items.push_back(std::move(*m));
        }
        return page;
      });
}

}  // namespace pwis::store
