// Which language an answer's labels are in. Every label pwis serves is a
// pwis.v1.LocalizedText holding zh-TW and en; a caller that names one
// language gets only that one, everywhere in the answer (the server does
// this for every unary method, after the handler):
//
//   - a request field `string language` ("zh-TW" or "en"; the request
//     types that have one), else
//   - the Accept-Language header (HTTP) or metadata (gRPC), by its
//     q-values ("en-US,en;q=0.9", "zh-Hant-TW", "zh-TW;q=0.8, en");
//   - neither, or only languages pwis does not serve: both, as before.
#ifndef PWIS_SERVICES_COMMON_LANGUAGE_H_
#define PWIS_SERVICES_COMMON_LANGUAGE_H_

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace pwis {

enum class Language { kBoth, kZhTw, kEn };

// The language an Accept-Language value prefers among those served;
// kBoth when it names none of them (or is malformed: a header is a hint).
Language FromAcceptLanguage(absl::string_view header);

// The call's language: the request's `language` field (INVALID_ARGUMENT
// naming it for a language pwis does not serve), else Accept-Language.
absl::StatusOr<Language> CallLanguage(const google::protobuf::Message& request,
                                      const grpc::ServerContext& context);

// Clears the other language in every LocalizedText of `message`; nothing
// for kBoth.
void KeepLanguage(Language language, google::protobuf::Message* message);

}  // namespace pwis

#endif  // PWIS_SERVICES_COMMON_LANGUAGE_H_
