#include "tests/support/json_path.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace pwis::testing {

google::protobuf::Struct ParseJson(const std::string& text) {
  google::protobuf::Struct s;
  auto status = google::protobuf::util::JsonStringToMessage(text, &s);
  EXPECT_TRUE(status.ok()) << status.ToString() << ": " << text;
  return s;
}

const google::protobuf::Value* JsonAt(const google::protobuf::Struct& doc,
                                      absl::string_view path) {
  const google::protobuf::Value* v = nullptr;  // nullptr: at `doc` itself.
  for (absl::string_view step : absl::StrSplit(path, '.')) {
    // "name[i][j]": the name, then indexes.
    size_t bracket = step.find('[');
    absl::string_view name = step.substr(0, bracket);
    if (!name.empty()) {
      if (v != nullptr && !v->has_struct_value()) return nullptr;
      const auto& fields =
          v == nullptr ? doc.fields() : v->struct_value().fields();
      auto it = fields.find(std::string(name));
      if (it == fields.end()) return nullptr;
      v = &it->second;
    }
    while (bracket != absl::string_view::npos) {
      size_t close = step.find(']', bracket);
      int i;
      if (v == nullptr || close == absl::string_view::npos ||
          !absl::SimpleAtoi(step.substr(bracket + 1, close - bracket - 1),
                            &i) ||
          !v->has_list_value() || i < 0 || i >= v->list_value().values_size()) {
        return nullptr;
      }
      v = &v->list_value().values(i);
      bracket = step.find('[', close);
    }
  }
  return v;
}

int JsonSize(const google::protobuf::Struct& doc, absl::string_view path) {
  const google::protobuf::Value* v = JsonAt(doc, path);
  if (v == nullptr || !v->has_list_value()) return -1;
  return v->list_value().values_size();
}

}  // namespace pwis::testing
