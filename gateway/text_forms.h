// Strict text forms of the values a request carries in a URL: decimal
// numbers, RFC 3339 timestamps and protobuf durations, each checked against
// its range before any protobuf utility sees it (protobuf's time utilities
// abort the process on out-of-range values). Also UTF-8 validation and a
// display form for bytes that are not text.
#ifndef PWIS_GATEWAY_TEXT_FORMS_H_
#define PWIS_GATEWAY_TEXT_FORMS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace pwis::gateway {

// google.protobuf.Timestamp's range: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59.999999999Z.
inline constexpr int64_t kTimestampMinSeconds = -62135596800;
inline constexpr int64_t kTimestampMaxSeconds = 253402300799;
// google.protobuf.Duration's range: ±10,000 years.
inline constexpr int64_t kDurationMaxSeconds = 315576000000;

// "-"? digits: no sign '+', no spaces, no hex, no leading zeros beyond one.
bool IsDecimalInteger(absl::string_view text);

// A finite decimal number ("-12", "120.5", "1.5e3"): no hex, no spaces, no
// "inf"/"nan" words. False also when the value overflows a double.
bool ParseDecimal(absl::string_view text, double* out);

// Why a timestamp or duration text was refused.
enum class TimeTextError { kNone, kSyntax, kRange };

// RFC 3339 with a zone ("2026-03-10T10:00:00+08:00", "...Z", up to nine
// fraction digits) into seconds and nanoseconds since the Unix epoch,
// in google.protobuf.Timestamp's range.
TimeTextError ParseTimestampText(absl::string_view text, int64_t* seconds,
                                 int32_t* nanos);

// A protobuf JSON duration ("1.5s", "-3s", up to nine fraction digits), in
// google.protobuf.Duration's range.
TimeTextError ParseDurationText(absl::string_view text, int64_t* seconds,
                                int32_t* nanos);

// RFC 3629 UTF-8: no overlong forms, no surrogates, at most U+10FFFF.
bool IsValidUtf8(absl::string_view text);

// `text` as valid, printable UTF-8 for error messages and logs: bytes that
// are not UTF-8, and control characters, become %XX.
std::string DisplayForm(absl::string_view text);

// `text` cut to at most `max_bytes` (at a UTF-8 character boundary, "..."
// appended when cut): error messages quote input, and gRPC carries them in
// headers of bounded size.
std::string Truncated(absl::string_view text, size_t max_bytes);

// A request id worth keeping from a client: 1 to 128 of [A-Za-z0-9-_.:].
bool IsSaneRequestId(absl::string_view id);

}  // namespace pwis::gateway

#endif  // PWIS_GATEWAY_TEXT_FORMS_H_
