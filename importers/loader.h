// Mapped rows → PostgreSQL, for any target table: each file's rows are
// streamed with COPY into a temporary stage table, then merged into the
// target in set statements (duplicates, grouping, upsert on (source,
// source_key)), all in one transaction per file. A file is loaded whole or
// not at all: a read error half-way (a truncated file), a kill or a lost
// connection leaves nothing of it; a re-run finishes the job.
#ifndef PWIS_IMPORTERS_LOADER_H_
#define PWIS_IMPORTERS_LOADER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <pqxx/tablewriter>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace pwis::importers {

// One record ready to load: the target's own columns as text (cast by the
// target's SQL), in TargetSpec::columns order.
struct StagedRow {
  int64_t record = 0;  // 1-based in its file
  std::string source_key;
  std::string raw;      // the source record's fields as JSON, for rejects
  std::string wkb_hex;  // WGS84
  std::string district_code;
  std::vector<std::optional<std::string>> values;
};

// What a target table needs from the loader.
struct TargetSpec {
  std::string table;
  // The staged text columns, named as the upsert reads them (s.NAME).
  std::vector<std::string> columns;
  // INSERT INTO table ... SELECT ... FROM pwis_import_stage s
  // WHERE NOT s.seen_only AND s.ord >= $2 AND s.ord < $3
  // ON CONFLICT (source, source_key) DO UPDATE ... WHERE <changed>
  // RETURNING (xmax = 0) AS inserted. $1 is the profile's source, $4 the
  // file's name; s.geom is the geometry (SRID 4326), s.district_code.
  std::string upsert_sql;
  // DELETE FROM pwis_import_stage s USING table t WHERE t.source = $1 AND
  // the key matches AND the row holds the record's content already.
  std::string unchanged_sql;
  // Run on the stage before that ($1 the source), when not empty: a
  // target's adjustments that need the stored rows.
  std::string pre_merge_sql = "";
  // The table has deleted_at, which a full snapshot sets (DeleteMissing).
  bool snapshots = true;
};

struct LoadCounts {
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;  // by the loader (duplicates) or the database
  int64_t merged = 0;    // records grouped into another of the same key
  int64_t deleted = 0;   // by a full snapshot
};

class Loader {
 public:
  // A record refused while loading: its number, key, field, reason and
  // raw record (fields, and the geometry as stored).
  struct DbReject {
    int64_t record;
    std::string source_key;
    std::string field;
    std::string reason;
    std::string raw;
  };
  using OnReject =
      std::function<void(const std::string& file, const DbReject&)>;

  struct Options {
    std::string source;  // the profile's: rows upsert on (source, key)
    // Records sharing a key are one row, their geometries collected
    // (feeds that repeat a permit once per point); else a repeated key is
    // a reject.
    bool group = false;
    // Everything runs inside one transaction that is rolled back at the
    // end, so the counts are what a real run would do.
    bool dry_run = false;
    // Keys are remembered across files: needed for DeleteMissing and to
    // find a key repeated in a later file (not for one file alone).
    bool track_keys = true;
  };
  static absl::StatusOr<std::unique_ptr<Loader>> Connect(
      const std::string& database_url, TargetSpec spec, Options options,
      OnReject on_reject);
  ~Loader();

  // The connection, for reading reference data (districts) before loading.
  pqxx::connection& connection() { return *conn_; }

  absl::Status BeginFile(const std::string& file);
  absl::Status Add(const StagedRow& row);
  // A key the source has although its record was rejected before loading:
  // a full snapshot must not delete the row it already has.
  absl::Status Saw(int64_t record, const std::string& source_key);
  // Merges the file and commits it (or, `keep` false, rolls it back).
  // Counts and rejects are reported for committed files only.
  absl::Status EndFile(bool keep);
  // Full snapshot: marks deleted every live row of this source whose key no
  // loaded file had (in its own transaction, after the last file).
  absl::Status DeleteMissing();
  // Ends a dry run (rolls everything back); nothing for a real run.
  void Finish();

  const LoadCounts& counts() const { return counts_; }

 private:
  Loader() = default;
  // Throws on a database error (EndFile turns it into a status).
  void Merge();
  void Upsert(int64_t lo, int64_t hi);
  void Write(int64_t record, const std::string& key, bool seen_only,
             const StagedRow* row);

  TargetSpec spec_;
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::dbtransaction> run_;   // dry runs only
  std::unique_ptr<pqxx::dbtransaction> file_;  // the file being loaded
  std::unique_ptr<pqxx::tablewriter> stream_;
  Options options_;
  std::string file_name_;
  OnReject on_reject_;
  int64_t max_record_ = 0;
  std::string line_;
  // This file's, until it commits.
  LoadCounts pending_;
  std::vector<DbReject> pending_rejects_;
  LoadCounts counts_;
};

}  // namespace pwis::importers

#endif  // PWIS_IMPORTERS_LOADER_H_
