#include "importers/json_items.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gis/geo/json_struct.h"
#include "importers/field_values.h"
#include "importers/text.h"

namespace pwis::importers {

using google::protobuf::Struct;
using google::protobuf::Value;

std::variant<std::vector<Struct>, std::string> JsonItems(
    const std::string& text) {
  std::vector<Struct> items;
  if (text.empty()) return items;
  if (text[0] == '[') {
    Value v;
    if (!geo::JsonToValue(text, &v).ok() ||
        v.kind_case() != Value::kListValue) {
      return std::string("not a JSON array");
    }
    for (const Value& item : v.list_value().values()) {
      if (item.kind_case() != Value::kStructValue) {
        return std::string("an item that is not a JSON object");
      }
      items.push_back(item.struct_value());
    }
  } else {
    for (const std::string& part : SplitNames(text)) {
      Struct s;
      (*s.mutable_fields())["text"].set_string_value(part);
      items.push_back(std::move(s));
    }
  }
  if (items.size() > kMaxListItems) {
    return absl::StrCat("more than ", kMaxListItems, " items");
  }
  return items;
}

std::string Member(const Struct& o, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = o.fields().find(k);
    if (it == o.fields().end()) continue;
    const Value& v = it->second;
    if (v.kind_case() == Value::kStringValue) {
      return std::string(TrimSpace(ToHalfWidth(v.string_value())));
    }
    if (v.kind_case() == Value::kNumberValue) {
      double d = v.number_value();
      return d == std::floor(d) && std::fabs(d) < 1e15
                 ? absl::StrCat(static_cast<int64_t>(d))
                 : absl::StrCat(d);
    }
  }
  return "";
}

const Value* MemberValue(const Struct& o, const char* key) {
  auto it = o.fields().find(key);
  return it == o.fields().end() ? nullptr : &it->second;
}

std::string JsonObject(
    const std::vector<std::pair<const char*, std::string>>& members) {
  std::vector<std::string> parts;
  for (const auto& [k, v] : members) {
    parts.push_back(absl::StrCat(JsonQuote(k), ":", v));
  }
  return absl::StrCat("{", absl::StrJoin(parts, ","), "}");
}

}  // namespace pwis::importers
