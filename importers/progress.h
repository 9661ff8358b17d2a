// Progress of a long import: a bar with rate and ETA on a terminal, plain
// periodic lines otherwise (logs, CI).
#ifndef PWIS_IMPORTERS_PROGRESS_H_
#define PWIS_IMPORTERS_PROGRESS_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/time/time.h"

namespace pwis::importers {

class Progress {
 public:
  // Writes to `out` (stderr in pwis-import); a terminal gets the bar.
  explicit Progress(std::FILE* out);
  // A new file; `expected` records, or -1 when unknown.
  void StartFile(const std::string& name, int64_t expected);
  // Called per record; draws at most a few times a second.
  void Tick(int64_t records_in_file);
  // Ends the bar's line.
  void EndFile(int64_t records_in_file);
  // A line of its own (what a long pause is doing).
  void Note(const std::string& line);

 private:
  void Draw(int64_t n, bool final);

  std::FILE* out_;
  bool terminal_;
  std::string name_;
  int64_t expected_ = -1;
  absl::Time started_;
  absl::Time last_draw_;
};

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_PROGRESS_H_
