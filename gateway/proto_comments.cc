#include "gateway/proto_comments.h"

#include <google/protobuf/descriptor.pb.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace pwis::gateway {
namespace {

using google::protobuf::DescriptorProto;
using google::protobuf::EnumDescriptorProto;
using Path = std::vector<int>;

// Field numbers in descriptor.proto, which SourceCodeInfo paths use.
constexpr int kFileMessages = 4, kFileEnums = 5, kFileServices = 6;
constexpr int kMessageFields = 2, kMessageNested = 3, kMessageEnums = 4;
constexpr int kEnumValues = 2, kServiceMethods = 2;

Path Extend(const Path& p, int a, int b) {
  Path q = p;
  q.push_back(a);
  q.push_back(b);
  return q;
}

void AddEnum(const EnumDescriptorProto& e, const std::string& name,
             const Path& path, std::map<Path, std::string>& names) {
  names[path] = name;
  for (int i = 0; i < e.value_size(); ++i) {
    names[Extend(path, kEnumValues, i)] =
        absl::StrCat(name, ".", e.value(i).name());
  }
}

void AddMessage(const DescriptorProto& m, const std::string& name,
                const Path& path, std::map<Path, std::string>& names) {
  names[path] = name;
  for (int i = 0; i < m.field_size(); ++i) {
    names[Extend(path, kMessageFields, i)] =
        absl::StrCat(name, ".", m.field(i).name());
  }
  for (int i = 0; i < m.nested_type_size(); ++i) {
    AddMessage(m.nested_type(i),
               absl::StrCat(name, ".", m.nested_type(i).name()),
               Extend(path, kMessageNested, i), names);
  }
  for (int i = 0; i < m.enum_type_size(); ++i) {
    AddEnum(m.enum_type(i), absl::StrCat(name, ".", m.enum_type(i).name()),
            Extend(path, kMessageEnums, i), names);
  }
}

std::string Clean(const std::string& comment) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(comment, '\n')) {
    lines.push_back(std::string(absl::StripLeadingAsciiWhitespace(line)));
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return absl::StrJoin(lines, "\n");
}

}  // namespace

ProtoComments ProtoComments::Parse(absl::string_view descriptor_set) {
  ProtoComments out;
  google::protobuf::FileDescriptorSet set;
  if (!set.ParseFromArray(descriptor_set.data(),
                          static_cast<int>(descriptor_set.size()))) {
    return out;
  }
  for (const auto& file : set.file()) {
    std::string prefix = file.package().empty() ? "" : file.package() + ".";
    std::map<Path, std::string> names;
    for (int i = 0; i < file.message_type_size(); ++i) {
      AddMessage(file.message_type(i), prefix + file.message_type(i).name(),
                 {kFileMessages, i}, names);
    }
    for (int i = 0; i < file.enum_type_size(); ++i) {
      AddEnum(file.enum_type(i), prefix + file.enum_type(i).name(),
              {kFileEnums, i}, names);
    }
    for (int i = 0; i < file.service_size(); ++i) {
      std::string service = prefix + file.service(i).name();
      names[{kFileServices, i}] = service;
      for (int j = 0; j < file.service(i).method_size(); ++j) {
        names[{kFileServices, i, kServiceMethods, j}] =
            absl::StrCat(service, ".", file.service(i).method(j).name());
      }
    }
    for (const auto& loc : file.source_code_info().location()) {
      if (loc.leading_comments().empty()) continue;
      auto it = names.find(Path(loc.path().begin(), loc.path().end()));
      if (it != names.end()) {
        out.by_name_[it->second] = Clean(loc.leading_comments());
      }
    }
  }
  return out;
}

std::string ProtoComments::Of(const std::string& full_name) const {
  auto it = by_name_.find(full_name);
  return it == by_name_.end() ? std::string() : it->second;
}

}  // namespace pwis::gateway
