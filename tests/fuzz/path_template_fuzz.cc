// libFuzzer target: the path-template parser and matcher.
// Input: "<template>\n<path>". Properties checked: no crash or sanitizer
// report; a template that parses prints canonically and re-parses to the
// same text; a match binds only fields the template declares.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "gateway/path_template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t nl = input.find('\n');
  std::string tmpl = input.substr(0, nl);
  std::string path = nl == std::string::npos ? "" : input.substr(nl + 1);
  auto t = pwis::gateway::PathTemplate::Parse(tmpl);
  if (!t.ok()) return 0;
  std::string canonical = t->ToString();
  auto again = pwis::gateway::PathTemplate::Parse(canonical);
  if (!again.ok() || again->ToString() != canonical) std::abort();
  std::set<std::string> fields;
  for (const auto& v : t->variables()) fields.insert(v.field_path);
  if (auto m = t->Match(path)) {
    if (m->size() != fields.size()) std::abort();
    for (const auto& b : *m) {
      if (fields.count(b.field_path) == 0) std::abort();
    }
  }
  return 0;
}
