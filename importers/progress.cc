#include "importers/progress.h"

#include <unistd.h>

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace pwis::importers {

Progress::Progress(std::FILE* out)
    : out_(out), terminal_(isatty(fileno(out)) != 0) {}

void Progress::StartFile(const std::string& name, int64_t expected) {
  name_ = name;
  expected_ = expected;
  started_ = last_draw_ = absl::Now();
}

void Progress::Tick(int64_t n) {
  // Checking the clock every record would cost more than the record.
  if (n % 256 != 0) return;
  const absl::Time now = absl::Now();
  const absl::Duration every =
      terminal_ ? absl::Milliseconds(200) : absl::Seconds(10);
  if (now - last_draw_ < every) return;
  last_draw_ = now;
  Draw(n, false);
}

void Progress::EndFile(int64_t n) { Draw(n, true); }

void Progress::Note(const std::string& line) {
  absl::FPrintF(out_, "pwis-import: %s\n", line);
  std::fflush(out_);
}

void Progress::Draw(int64_t n, bool final) {
  const double seconds =
      std::max(absl::ToDoubleSeconds(absl::Now() - started_), 1e-3);
  const double rate = n / seconds;
  std::string eta;
  if (expected_ > 0 && rate > 0 && !final) {
    const int64_t left =
        static_cast<int64_t>(std::max<int64_t>(expected_ - n, 0) / rate);
    eta = absl::StrFormat(" ETA %d:%02d", left / 60, left % 60);
  }
  if (!terminal_) {
    absl::FPrintF(out_, "pwis-import: %s: %d records%s, %.0f/s%s\n", name_, n,
                  expected_ > 0 ? absl::StrFormat(" of %d", expected_) : "",
                  rate, final ? " (done)" : eta);
    return;
  }
  std::string bar;
  if (expected_ > 0) {
    const int width = 30;
    const int filled = static_cast<int>(
        std::min<int64_t>(width, n * width / std::max<int64_t>(expected_, 1)));
    bar = "[" + std::string(filled, '#') + std::string(width - filled, ' ') +
          "] ";
  }
  absl::FPrintF(out_, "\r%s%s %d%s records, %.0f/s%s\x1b[K", bar, name_, n,
                expected_ > 0 ? absl::StrFormat("/%d", expected_) : "", rate,
                eta);
  if (final) absl::FPrintF(out_, "\n");
  std::fflush(out_);
}

}  // namespace pwis::importers
