#include "importers/cases_target.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gis/store/cases_store.h"
#include "importers/dates.h"
#include "importers/enum_values.h"
#include "importers/json_items.h"
#include "importers/target_sql.h"
#include "importers/text.h"
#include "services/licenses/case_number.h"
#include "services/licenses/license_number.h"

namespace pwis::importers {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

// The documents a correction asks for: objects {name_zh, name_en,
// reason_zh, reason_en} (or 文件 / 原因), or plain names.
std::variant<std::string, Reject> Documents(const Value* v) {
  std::vector<std::string> out;
  if (v == nullptr || v->kind_case() == Value::kNullValue)
    return std::string("[]");
  if (v->kind_case() != Value::kListValue) {
    return Reject{"events", "documents: not a JSON array"};
  }
  for (const Value& d : v->list_value().values()) {
    std::string name_zh, name_en, reason_zh, reason_en;
    if (d.kind_case() == Value::kStringValue) {
      name_zh = std::string(TrimSpace(d.string_value()));
    } else if (d.kind_case() == Value::kStructValue) {
      const Struct& s = d.struct_value();
      name_zh = Member(s, {"name_zh", "文件", "name"});
      name_en = Member(s, {"name_en"});
      reason_zh = Member(s, {"reason_zh", "原因", "reason"});
      reason_en = Member(s, {"reason_en"});
    } else {
      return Reject{"events",
                    "documents: an item that is neither text nor object"};
    }
    if (name_zh.empty() && name_en.empty()) {
      return Reject{"events", "documents: a document without a name"};
    }
    out.push_back(JsonObject({{"name_zh", JsonQuote(name_zh)},
                              {"name_en", JsonQuote(name_en)},
                              {"reason_zh", JsonQuote(reason_zh)},
                              {"reason_en", JsonQuote(reason_en)}}));
  }
  return absl::StrCat("[", absl::StrJoin(out, ","), "]");
}

// The timeline: [{status, at, note_zh, note_en, documents}], statuses as
// stored names or their labels (已收件, 退件補正, ...).
std::variant<std::string, Reject> Events(const std::string& text) {
  auto items = JsonItems(text);
  if (auto* why = std::get_if<std::string>(&items)) {
    return Reject{"events", *why};
  }
  const auto& list = std::get<std::vector<Struct>>(items);
  if (list.empty()) return Reject{"events", "required: at least 'received'"};
  std::vector<std::string> out;
  for (size_t i = 0; i < list.size(); ++i) {
    const Struct& e = list[i];
    const std::string where = absl::StrCat("event ", i + 1, ": ");
    const std::string status_text = Member(e, {"status", "狀態"});
    auto status = EnumName(store::CaseStatuses(), status_text);
    if (!status) {
      return Reject{"events", absl::StrCat(where, "status \"", status_text,
                                           "\": not one of ",
                                           EnumNames(store::CaseStatuses()))};
    }
    const std::string at_text = Member(e, {"at", "time", "時間", "日期"});
    auto at = ParseFeedTime(at_text);
    if (!at.ok()) {
      return Reject{"events",
                    absl::StrCat(where, "time: ", at.status().message())};
    }
    const Value* docs = MemberValue(e, "documents");
    if (docs == nullptr) docs = MemberValue(e, "缺件");
    auto documents = Documents(docs);
    if (auto* r = std::get_if<Reject>(&documents)) {
      return Reject{"events", where + r->reason};
    }
    out.push_back(JsonObject(
        {{"status", JsonQuote(*status)},
         {"at", JsonQuote(Timestamp(StartInstant(*at)))},
         {"note_zh", JsonQuote(Member(e, {"note_zh", "說明", "note"}))},
         {"note_en", JsonQuote(Member(e, {"note_en"}))},
         {"documents", std::get<std::string>(documents)}}));
  }
  return absl::StrCat("[", absl::StrJoin(out, ","), "]");
}

class CasesTarget : public LoadTarget {
 public:
  const TargetSpec& spec() const override {
    static const TargetSpec* spec = new TargetSpec(BuildTargetSpec(
        "license_cases",
        {"case_no", "check_code", "kind", "project_name", "site_address",
         "license_key", "unit_code", "received_on", "statutory_days", "events"},
        {{"case_no", "s.case_no"},
         // Only the code's salted hash is kept.
         {"check_sha256",
          "sha256(convert_to(s.case_no || ':' || s.check_code, 'UTF8'))"},
         {"kind", "s.kind::case_kind"},
         {"project_name", "s.project_name"},
         {"site_address", "s.site_address"},
         {"license_key", "s.license_key"},
         {"unit_code", "s.unit_code"},
         {"received_on", "s.received_on::date"},
         {"statutory_days", "s.statutory_days::smallint"},
         {"events", "s.events::jsonb"}}));
    return *spec;
  }

  GeometryRule geometry_rule() const override { return OptionalPoint(); }

  std::optional<Reject> Values(
      const Fields& f, const OGRGeometry* geometry, absl::Time now,
      std::vector<std::optional<std::string>>* values) override {
    (void)geometry;
    (void)now;
    auto case_no = licenses::CaseCode(f.Get("case_no"), true, 4, 30);
    if (!case_no) {
      return Reject{"case_no", "expected 4 to 30 letters, digits and dashes"};
    }
    auto code = licenses::CaseCode(f.Get("check_code"), false, 6, 20);
    if (!code) {
      return Reject{"check_code", "expected 6 to 20 letters and digits"};
    }
    auto kind = EnumField(f, "kind", store::CaseKinds(), "");
    if (auto* r = std::get_if<Reject>(&kind)) return *r;
    std::string license_key;
    if (const std::string l = f.Get("license_no"); !l.empty()) {
      auto number = licenses::ParseLicenseNumber(l);
      if (!number.ok()) {
        return Reject{"license_no", std::string(number.status().message())};
      }
      license_key = number->Canonical();
    }
    auto received = ParseFeedTime(f.Get("received_date"));
    if (!received.ok()) {
      return Reject{"received_date", std::string(received.status().message())};
    }
    int days = 0;
    if (!absl::SimpleAtoi(ToHalfWidth(f.Get("statutory_days")), &days) ||
        days < 1 || days > 365) {
      return Reject{"statutory_days", "expected working days from 1 to 365"};
    }
    auto events = Events(f.Get("events"));
    if (auto* r = std::get_if<Reject>(&events)) return *r;
    *values = {*case_no,
               *code,
               std::get<std::string>(kind),
               ValidUtf8(f.Get("project_name")),
               ValidUtf8(f.Get("site_address")),
               license_key,
               f.Half("unit"),
               absl::FormatCivilTime(absl::CivilDay(received->local)),
               absl::StrCat(days),
               std::get<std::string>(events)};
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<LoadTarget> MakeCasesTarget() {
  return std::make_unique<CasesTarget>();
}

}  // namespace pwis::importers
