// One table per enum a person reads: the proto value, the name the
// database stores (a PostgreSQL enum label), and the zh-TW and en labels
// shown beside it. Stores map database names to values with it, services
// values to database names, and responses carry the labels, so no label
// or name is written twice.
#ifndef PWIS_GIS_STORE_ENUM_TABLE_H_
#define PWIS_GIS_STORE_ENUM_TABLE_H_

#include <cstring>

#include "absl/types/span.h"

namespace pwis::store {

struct EnumEntry {
  int value;         // The proto enum number.
  const char* name;  // As stored, e.g. "active".
  const char* zh_tw;
  const char* en;
};

using EnumTable = absl::Span<const EnumEntry>;

// The entry for `value`, or nullptr (an unknown or UNSPECIFIED value).
inline const EnumEntry* ByValue(EnumTable table, int value) {
  for (const EnumEntry& e : table) {
    if (e.value == value) return &e;
  }
  return nullptr;
}

// The entry stored as `name`, or nullptr.
inline const EnumEntry* ByName(EnumTable table, const char* name) {
  for (const EnumEntry& e : table) {
    if (std::strcmp(e.name, name) == 0) return &e;
  }
  return nullptr;
}

// Sets `label` (a pwis.v1.LocalizedText) from `e`; nothing for nullptr.
template <typename LocalizedText>
void SetLabel(const EnumEntry* e, LocalizedText* label) {
  if (e == nullptr) return;
  label->set_zh_tw(e->zh_tw);
  label->set_en(e->en);
}

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_ENUM_TABLE_H_
