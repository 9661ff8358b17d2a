// A feed's word for one of pwis's enums → the name the database stores:
// the stored name in any case ("In-Progress" → "in_progress"), or the
// zh-TW or English label of gis/store's enum tables ("施工中", "Gas").
#ifndef PWIS_IMPORTERS_ENUM_VALUES_H_
#define PWIS_IMPORTERS_ENUM_VALUES_H_

#include <optional>
#include <string>
#include <variant>

#include "gis/store/enum_table.h"
#include "importers/field_values.h"

namespace pwis::importers {

std::optional<std::string> EnumName(store::EnumTable table,
                                    const std::string& value);

// The stored names, for a reject's reason: "applied, approved, ...".
std::string EnumNames(store::EnumTable table);

// The target field `field` as a stored name: `fallback` when empty, the
// reject (listing the names) when it is not one of the table's.
std::variant<std::string, Reject> EnumField(const Fields& f, const char* field,
                                            store::EnumTable table,
                                            const std::string& fallback);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_ENUM_VALUES_H_
