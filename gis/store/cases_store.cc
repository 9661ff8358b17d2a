#include "gis/store/cases_store.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gis/store/row_mapping.h"

namespace pwis::store {
namespace {

// The timeline in the proto's JSON form.
constexpr char kGetSql[] = R"sql(
SELECT c.case_no, c.kind::text AS kind, c.status::text AS status,
       c.project_name, c.site_address, c.district_code,
       d.name_zh AS district_zh, d.name_en AS district_en, c.license_key,
       c.received_on::text AS received, c.statutory_days,
       u.code AS unit_code, u.name_zh AS unit_zh, u.name_en AS unit_en,
       u.public_phone,
       json_build_object('timeline', (
         SELECT json_agg(json_build_object(
           'status', 'CASE_STATUS_' || upper(e->>'status'),
           'time', to_json((e->>'at')::timestamptz),
           'note', json_build_object('zhTw', coalesce(e->>'note_zh', ''),
                                     'en', coalesce(e->>'note_en', '')),
           'documents', (
             SELECT coalesce(json_agg(json_build_object(
               'name', json_build_object('zhTw', doc->>'name_zh',
                                         'en', doc->>'name_en'),
               'reason', json_build_object('zhTw', doc->>'reason_zh',
                                           'en', doc->>'reason_en'))
               ORDER BY n), '[]')
             FROM jsonb_array_elements(
                    CASE WHEN jsonb_typeof(e->'documents') = 'array'
                         THEN e->'documents' ELSE '[]' END)
                  WITH ORDINALITY y(doc, n)))
           ORDER BY ord)
         FROM jsonb_array_elements(c.events) WITH ORDINALITY x(e, ord)
       ))::text AS detail,
       (extract(epoch FROM c.updated_at) * 1000000)::int8 AS updated_us,
       (SELECT string_agg(y::text, ',')
          FROM (SELECT DISTINCT extract(year FROM k.day)::int AS y
                  FROM office_calendar k) years) AS calendar_years,
       -- Only the days that differ from Monday to Friday, as far as a
       -- schedule may reach (case_schedule.cc: three years).
       (SELECT string_agg(k.day::text || CASE WHEN k.day_off THEN '-' ELSE '+'
                                         END, ',' ORDER BY k.day)
          FROM office_calendar k
         WHERE k.day > c.received_on AND k.day <= c.received_on + 1100
           AND k.day_off <> (extract(isodow FROM k.day) >= 6))
         AS calendar_exceptions
FROM license_cases c
JOIN districts d ON d.code = c.district_code
JOIN review_units u ON u.code = c.unit_code
WHERE c.case_no = $1::text
  AND c.check_sha256 = sha256(convert_to($1::text || ':' || $2::text, 'UTF8'))
  AND c.deleted_at IS NULL
)sql";

// calendar_years "2025,2026"; calendar_exceptions "2026-01-01-,...": a day
// and '-' (off) or '+' (worked).
absl::Status ReadCalendar(const pqxx::row& row, OfficeCalendar* calendar) {
  for (absl::string_view y :
       absl::StrSplit(row["calendar_years"].c_str(), ',', absl::SkipEmpty())) {
    int64_t year = 0;
    if (!absl::SimpleAtoi(y, &year)) {
      return absl::InternalError(absl::StrCat("office calendar year ", y));
    }
    calendar->known_years.insert(year);
  }
  for (absl::string_view e : absl::StrSplit(row["calendar_exceptions"].c_str(),
                                            ',', absl::SkipEmpty())) {
    absl::CivilDay day;
    if (e.size() != 11 || !absl::ParseCivilTime(e.substr(0, 10), &day)) {
      return absl::InternalError(absl::StrCat("office calendar day ", e));
    }
    calendar->exceptions[day] = e.back() == '-';
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<FoundCase> CasesStore::Get(const std::string& case_no,
                                          const std::string& check_code,
                                          const CallLimit& limit) {
  return Query<FoundCase>(
      limit, "case_get", {kGetSql, {case_no, check_code}},
      [&](const pqxx::result& r) -> absl::StatusOr<FoundCase> {
        if (r.empty()) {
          return absl::NotFoundError(
              absl::StrCat("no case ", case_no,
                           " with that check code (both are on the "
                           "receipt)"));
        }
        const pqxx::row row = r[0];
        FoundCase found;
        pwis::v1::Case& m = found.message;
        google::protobuf::util::JsonParseOptions options;
        options.ignore_unknown_fields = true;
        const pqxx::field detail = row["detail"];
        if (auto s = google::protobuf::util::JsonStringToMessage(
                std::string(detail.c_str(), detail.size()), &m, options);
            !s.ok()) {
          return absl::InternalError(
              absl::StrCat("case ", case_no,
                           ": stored timeline unreadable: ", s.ToString()));
        }
        m.set_case_no(row["case_no"].c_str());
        const EnumEntry* kind = ByName(CaseKinds(), row["kind"].c_str());
        if (kind != nullptr) {
          m.set_kind(static_cast<pwis::v1::CaseKind>(kind->value));
        }
        SetLabel(kind, m.mutable_kind_label());
        const EnumEntry* status = ByName(CaseStatuses(), row["status"].c_str());
        if (status != nullptr) {
          m.set_status(static_cast<pwis::v1::CaseStatus>(status->value));
        }
        SetLabel(status, m.mutable_status_label());
        for (auto& e : *m.mutable_timeline()) {
          SetLabel(ByValue(CaseStatuses(), e.status()),
                   e.mutable_status_label());
        }
        m.set_project_name(row["project_name"].c_str());
        m.set_site_address(row["site_address"].c_str());
        SetDistrict(row["district_code"], row["district_zh"],
                    row["district_en"], m.mutable_district());
        m.set_license_no(row["license_key"].c_str());
        m.set_received_date(row["received"].c_str());
        m.set_statutory_days(row["statutory_days"].as<int>());
        auto* unit = m.mutable_unit();
        unit->set_code(row["unit_code"].c_str());
        unit->mutable_name()->set_zh_tw(row["unit_zh"].c_str());
        unit->mutable_name()->set_en(row["unit_en"].c_str());
        unit->set_public_phone(row["public_phone"].c_str());
        SetTimestamp(row["updated_us"], m.mutable_update_time());
        if (absl::Status s = ReadCalendar(row, &found.calendar); !s.ok()) {
          return s;
        }
        return found;
      });
}

}  // namespace pwis::store
