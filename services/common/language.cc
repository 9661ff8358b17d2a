#include "services/common/language.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/grpc_util.h"

namespace pwis {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// zh-TW, zh-Hant, zh (pwis's Chinese is Traditional) and en, en-*.
Language Tag(absl::string_view tag) {
  std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(tag));
  if (t == "zh" || absl::StartsWith(t, "zh-tw") ||
      absl::StartsWith(t, "zh-hant") || t == "zh-hk" || t == "zh-mo") {
    return Language::kZhTw;
  }
  if (t == "en" || absl::StartsWith(t, "en-")) return Language::kEn;
  return Language::kBoth;
}

void Keep(Language language, Message* m, int depth) {
  if (depth > 64) return;
  const Descriptor* d = m->GetDescriptor();
  const Reflection* r = m->GetReflection();
  if (d->full_name() == "pwis.v1.LocalizedText") {
    const FieldDescriptor* other =
        d->FindFieldByName(language == Language::kZhTw ? "en" : "zh_tw");
    if (other != nullptr) r->ClearField(m, other);
    return;
  }
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(*m, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    // Geometries (Struct) and the like hold no labels.
    if (f->message_type()->file()->package() != "pwis.v1") continue;
    if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(*m, f); ++i) {
        Keep(language, r->MutableRepeatedMessage(m, f, i), depth + 1);
      }
    } else {
      Keep(language, r->MutableMessage(m, f), depth + 1);
    }
  }
}

}  // namespace

Language FromAcceptLanguage(absl::string_view header) {
  Language best = Language::kBoth;
  double best_q = 0;
  for (absl::string_view part : absl::StrSplit(header, ',')) {
    std::vector<absl::string_view> bits = absl::StrSplit(part, ';');
    double q = 1;
    for (size_t i = 1; i < bits.size(); ++i) {
      absl::string_view p = absl::StripAsciiWhitespace(bits[i]);
      if (absl::ConsumePrefix(&p, "q=") && !absl::SimpleAtod(p, &q)) q = 0;
    }
    Language l = Tag(bits.empty() ? "" : bits[0]);
    if (l != Language::kBoth && q > best_q) {
      best = l;
      best_q = q;
    }
  }
  return best;
}

absl::StatusOr<Language> CallLanguage(const Message& request,
                                      const grpc::ServerContext& context) {
  const FieldDescriptor* f =
      request.GetDescriptor()->FindFieldByName("language");
  if (f != nullptr && f->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
      !f->is_repeated()) {
    const std::string v = request.GetReflection()->GetString(request, f);
    if (!v.empty()) {
      Language l = Tag(v);
      if (l == Language::kBoth) {
        return InvalidField("language", "expected zh-TW or en");
      }
      return l;
    }
  }
  auto it = context.client_metadata().find("accept-language");
  if (it == context.client_metadata().end()) return Language::kBoth;
  return FromAcceptLanguage(
      absl::string_view(it->second.data(), it->second.size()));
}

void KeepLanguage(Language language, Message* message) {
  if (language == Language::kBoth) return;
  Keep(language, message, 0);
}

}  // namespace pwis
