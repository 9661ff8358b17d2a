// Reading JSON answers in tests: parse once, then pick values by path.
//   google::protobuf::Struct doc = ParseJson(r.body);
//   EXPECT_EQ(JsonAt(doc, "features[0].properties.id")->number_value(), 7);
#ifndef PWIS_TESTS_SUPPORT_JSON_PATH_H_
#define PWIS_TESTS_SUPPORT_JSON_PATH_H_

#include <google/protobuf/struct.pb.h>

#include <string>

#include "absl/strings/string_view.h"

namespace pwis::testing {

// `text` (a JSON object) as a Struct; an empty Struct, and a test failure,
// if it is not one.
google::protobuf::Struct ParseJson(const std::string& text);

// The value at `path` in `doc`: names separated by dots, list elements as
// [i] ("links[0].href"); nullptr if any step is absent.
const google::protobuf::Value* JsonAt(const google::protobuf::Struct& doc,
                                      absl::string_view path);

// The number of elements of the list at `path`; -1 if there is none.
int JsonSize(const google::protobuf::Struct& doc, absl::string_view path);

}  // namespace pwis::testing

#endif  // PWIS_TESTS_SUPPORT_JSON_PATH_H_
