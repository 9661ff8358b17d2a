#include "importers/record_mapper.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "importers/ogr_source.h"
#include "importers/profile.h"
#include "importers/text.h"

namespace pwis::importers {

absl::StatusOr<std::unique_ptr<RecordMapper>> RecordMapper::For(
    const Profile& profile) {
  std::unique_ptr<RecordMapper> m(new RecordMapper(profile));
  for (const Field& f : profile.field()) {
    if (f.to() == "source_key" && f.join_size() > 0) m->joined_key_ = true;
  }
  auto target = MakeLoadTarget(profile.target());
  if (!target.ok()) return target.status();
  m->target_ = *std::move(target);
  auto geometry =
      GeometryMapper::For(profile.geometry(), m->target_->geometry_rule());
  if (!geometry.ok()) return geometry.status();
  m->geometry_ = *std::move(geometry);
  return m;
}

absl::Status RecordMapper::Prepare(pqxx::connection& conn) {
  auto districts = DistrictLocator::Load(conn);
  if (!districts.ok()) return districts.status();
  districts_ = *std::move(districts);
  return target_->Prepare(conn);
}

namespace {

// 128 bits of two 64-bit FNV-1a hashes, as hex: stable across runs,
// builds and machines, as a stored key must be.
std::string Digest(absl::string_view s) {
  uint64_t a = 14695981039346656037ull, b = 0x84222325cbf29ce4ull;
  for (unsigned char c : s) {
    a = (a ^ c) * 1099511628211ull;
    b = (b ^ c) * 0x100000001b3ull ^ (b >> 29);
  }
  return absl::StrFormat("%016x%016x", a, b);
}

constexpr size_t kMaxKey = 200;

}  // namespace

std::string RecordMapper::Key(const SourceRecord& record) const {
  // Keys are typed in either width; compare them half-width.
  std::string key = Fields(profile_, record).Half("source_key");
  // A key made of fields (company, address, date) can be long: its start,
  // then a digest of the whole, so it still fits and stays unique.
  if (key.size() > kMaxKey && joined_key_) {
    size_t cut = 150;
    while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    key = absl::StrCat(key.substr(0, cut), "#", Digest(key));
  }
  return key;
}

std::variant<MappedRecord, Reject> RecordMapper::Map(const SourceRecord& record,
                                                     absl::Time now) {
  if (!record.problem.empty()) return Reject{"record", record.problem};
  if (!record.broken_text.empty()) {
    return Reject{record.broken_text,
                  "not valid text in the profile's encoding (UTF-8 unless "
                  "reader.encoding says, e.g. CP950 for Big5)"};
  }
  const Fields f(profile_, record);
  // Required fields first: the reject names the first one missing.
  for (const Field& field : profile_.field()) {
    const bool required =
        field.required() || TargetRequires(profile_.target(), field.to());
    // A field made of several: each of them is.
    if (required) {
      for (const std::string& part : field.join()) {
        const std::string* v = record.Find(part);
        if (v == nullptr || TrimSpace(*v).empty()) {
          return Reject{field.to(), absl::StrCat("required (from ", part,
                                                 "), missing or empty")};
        }
      }
    }
    if (required && f.Get(field.to()).empty()) {
      return Reject{field.to(),
                    field.from().empty()
                        ? "required"
                        : absl::StrCat("required (from ", field.from(),
                                       "), missing or empty")};
    }
  }
  MappedRecord out;
  StagedRow& row = out.row;
  row.record = record.number;
  row.source_key = Key(record);
  if (row.source_key.size() > kMaxKey) {
    return Reject{"source_key", "longer than 200 bytes"};
  }
  if (!target_->geometry_rule().stored) {
    if (auto r = target_->Values(f, nullptr, now, &row.values); r.has_value()) {
      return *r;
    }
    // The target's own key: one report per project and day, however the
    // source spells the project number and the month.
    row.source_key = target_->KeyFor(row.values);
    return out;
  }
  auto g = geometry_->Map(record);
  if (auto* r = std::get_if<Reject>(&g)) return *r;
  out.geometry = std::move(std::get<std::unique_ptr<OGRGeometry>>(g));
  if (out.geometry != nullptr) {
    row.district_code = districts_->Locate(*out.geometry);
    if (row.district_code.empty()) {
      return Reject{"geometry", "outside Kaohsiung (meets no district)"};
    }
    row.wkb_hex = WkbHex(*out.geometry);
  } else {
    // A row without a geometry is listed under the district it names.
    const std::string district = f.Get("district");
    if (district.empty()) {
      return Reject{"geometry", "missing, and no district to list it under"};
    }
    row.district_code = districts_->ByName(district);
    if (row.district_code.empty()) {
      return Reject{"district", absl::StrCat("\"", district,
                                             "\": not a Kaohsiung district")};
    }
  }
  if (auto r = target_->Values(f, out.geometry.get(), now, &row.values);
      r.has_value()) {
    return *r;
  }
  return out;
}

}  // namespace pwis::importers
