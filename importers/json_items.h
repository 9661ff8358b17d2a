// The nested lists some feeds carry in one field (a license's 門牌 and 地號,
// a case's timeline): a JSON array of objects, read item by item, and the
// JSON the target stores them as.
#ifndef PWIS_IMPORTERS_JSON_ITEMS_H_
#define PWIS_IMPORTERS_JSON_ITEMS_H_

#include <google/protobuf/struct.pb.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace pwis::importers {

inline constexpr size_t kMaxListItems = 500;

// The items of a list field: a JSON array of objects, or (for flat feeds)
// texts separated by 、 , ; (each becomes {"text": item}). At most
// kMaxListItems; otherwise why not.
std::variant<std::vector<google::protobuf::Struct>, std::string> JsonItems(
    const std::string& text);

// An item's text under the first of `keys` it has (strings, or numbers as
// the feed wrote them), half-width and trimmed; "" if none.
std::string Member(const google::protobuf::Struct& o,
                   std::initializer_list<const char*> keys);

// The item itself under `key` (an array or object), or null.
const google::protobuf::Value* MemberValue(const google::protobuf::Struct& o,
                                           const char* key);

// {"k": v, ...} from keys and JSON values (JsonQuote strings first).
std::string JsonObject(
    const std::vector<std::pair<const char*, std::string>>& members);

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_JSON_ITEMS_H_
