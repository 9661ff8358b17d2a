// Road-works rows → PostgreSQL: upserts on (source, source_key), sent in
// batches, one transaction per source file. A file is loaded whole or not
// at all: a read error half-way (a truncated file), a kill or a lost
// connection leaves nothing of it; a re-run finishes the job.
#ifndef PWIS_IMPORTERS_ROAD_WORKS_LOADER_H_
#define PWIS_IMPORTERS_ROAD_WORKS_LOADER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "importers/road_work_mapper.h"

namespace pwis::importers {

struct LoadCounts {
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;  // by the database's checks (outside Kaohsiung, …)
  int64_t deleted = 0;   // by a full snapshot
};

class RoadWorksLoader {
 public:
  // Called for each row the database refused, with its reason.
  using OnReject = std::function<void(const RoadWorkRow&, const Reject&)>;

  // `dry_run`: everything runs inside one transaction that is rolled back
  // at the end, so the counts are what a real run would do and nothing is
  // written.
  static absl::StatusOr<std::unique_ptr<RoadWorksLoader>> Connect(
      const std::string& database_url, const std::string& source, bool dry_run,
      OnReject on_reject);
  ~RoadWorksLoader();

  absl::Status BeginFile();
  // Queues a row; sends the batch when it is full.
  absl::Status Add(RoadWorkRow row);
  // A key the source has although its record was rejected before loading:
  // a full snapshot must not delete the row it already has.
  void Saw(const std::string& source_key);
  // Sends what is queued and commits the file (or, `keep` false, rolls it
  // back). Counts and database rejects are reported for committed files.
  absl::Status EndFile(bool keep);
  // Full snapshot: marks deleted every live row of this source whose key no
  // loaded file had (in its own transaction, after the last file).
  absl::Status DeleteMissing();
  // Ends a dry run (rolls everything back); nothing for a real run.
  void Finish();

  const LoadCounts& counts() const { return counts_; }
  static constexpr size_t kBatch = 500;

 private:
  RoadWorksLoader() = default;
  absl::Status SendBatch();
  absl::Status SendRows(pqxx::dbtransaction& tx, bool one_by_one);

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::dbtransaction> run_;   // dry runs only
  std::unique_ptr<pqxx::dbtransaction> file_;  // the file being loaded
  std::string source_;
  bool dry_run_ = false;
  OnReject on_reject_;
  std::vector<RoadWorkRow> batch_;
  std::vector<std::string> seen_;
  // This file's, until it commits.
  LoadCounts pending_;
  std::vector<std::pair<RoadWorkRow, Reject>> pending_rejects_;
  LoadCounts counts_;
};

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_ROAD_WORKS_LOADER_H_
