// pwis-import: loads agencies' feeds into pwis through a profile.
//
//   pwis-import --profile NAME [--dry-run] [--full-snapshot]
//               [--allow-rejects] [--reject-file F] SOURCE...
//
// Exit status: 0 all loaded; 1 some records rejected (0 with
// --allow-rejects); 2 bad arguments or profile; 3 a source could not be
// read (that file is not loaded; the others are); 4 the database failed;
// 5 --full-snapshot deleted nothing because the snapshot was not whole.

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "importers/agencies.h"
#include "importers/loader.h"
#include "importers/ogr_source.h"
#include "importers/profile.h"
#include "importers/progress.h"
#include "importers/record_mapper.h"
#include "importers/record_source.h"
#include "importers/text.h"

namespace {
std::string EnvOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : fallback;
}
}  // namespace

ABSL_FLAG(std::string, profile, "", "the source's layout (see the list below)");
ABSL_FLAG(bool, dry_run, false,
          "read, check and count everything; write nothing");
ABSL_FLAG(bool, full_snapshot, false,
          "the sources hold every record of their source: rows not in "
          "them are marked deleted");
ABSL_FLAG(std::string, source, "",
          "the rows' provenance source (default: the profile's); every "
          "publisher of a shared layout needs its own, or their rows and "
          "full snapshots collide");
ABSL_FLAG(std::string, agency, "",
          "permits and networks: the pipeline agency (code or name) of every "
          "record, for a layout without an agency column (one utility's own "
          "export)");
ABSL_FLAG(bool, allow_rejects, false, "exit 0 even if records were rejected");
ABSL_FLAG(std::string, reject_file, "",
          "write every rejected record here (JSON lines: file, record, "
          "source_key, field, reason, raw)");
// The environment is read in Run, not as the default: --help prints
// defaults, and a URL may hold a password.
ABSL_FLAG(std::string, database_url, "",
          "libpq connection string or URI (env PWIS_DATABASE_URL)");

namespace pwis::importers {
namespace {

constexpr int kRejected = 1, kUsage = 2, kUnreadable = 3, kDatabase = 4,
              kSnapshotSkipped = 5;
constexpr int64_t kShown = 20;  // rejects printed on stderr

// A file's rejects wait here until the file commits (a file rolled back
// reports none), on disk: a file of a million bad records must not fill
// memory.
class PendingRejects {
 public:
  PendingRejects() : spill_(std::tmpfile()) {}
  ~PendingRejects() {
    if (spill_ != nullptr) std::fclose(spill_);
  }
  bool ok() const { return spill_ != nullptr && !failed_; }
  void Clear() {
    std::fflush(spill_);
    if (::ftruncate(::fileno(spill_), 0) != 0) std::clearerr(spill_);
    std::rewind(spill_);
    count_ = 0;
    first_.clear();
  }
  void Add(const std::string& line, int64_t record, const Reject& r) {
    if (std::fputs(line.c_str(), spill_) < 0 ||
        std::fputc('\n', spill_) == EOF) {
      failed_ = true;
    }
    if (++count_ <= kShown) first_.emplace_back(record, r);
  }
  int64_t count() const { return count_; }
  // Each line, then the first few for stderr.
  template <typename Line, typename Print>
  void Replay(Line line, Print print) {
    std::fflush(spill_);
    std::rewind(spill_);
    char* buf = nullptr;
    size_t cap = 0;
    ssize_t len;
    while ((len = ::getline(&buf, &cap, spill_)) > 0) {
      line(std::string(buf, static_cast<size_t>(len) - 1));
    }
    std::free(buf);
    for (const auto& [record, r] : first_) print(record, r);
  }

 private:
  std::FILE* spill_;
  bool failed_ = false;
  int64_t count_ = 0;
  std::vector<std::pair<int64_t, Reject>> first_;
};

int Fail(int code, const std::string& message) {
  absl::FPrintF(stderr, "pwis-import: %s\n", message);
  return code;
}

// --dry-run → --dry_run (the documented spelling; Abseil flag names cannot
// hold '-').
std::vector<char*> DashedFlags(int argc, char** argv,
                               std::vector<std::string>& storage) {
  storage.assign(argv, argv + argc);
  for (size_t i = 1; i < storage.size(); ++i) {
    std::string& a = storage[i];
    if (a == "--") break;
    if (a.size() < 3 || a[0] != '-' || a[1] != '-') continue;
    const size_t end = a.find('=');
    for (size_t j = 2; j < std::min(end, a.size()); ++j) {
      if (a[j] == '-') a[j] = '_';
    }
  }
  std::vector<char*> out;
  for (auto& s : storage) out.push_back(s.data());
  return out;
}

std::string Usage() {
  std::string u =
      "loads agencies' feeds into pwis.\n\n"
      "  pwis-import --profile NAME [--source S] [--agency A] [--dry-run] "
      "[--full-snapshot] [--allow-rejects] [--reject-file F] SOURCE...\n\n"
      "SOURCE: a file (GeoJSON, Shapefile, CSV, KML, GPKG, or the JSON or "
      "XML records a profile reads), a directory of them, a .zip, or - for "
      "stdin.\nProfiles (" +
      ProfileDirectory() + "):\n";
  auto all = LoadAllProfiles();
  if (!all.ok()) {
    absl::StrAppend(&u, "  (", all.status().message(), ")\n");
  } else {
    for (const Profile& p : *all) {
      absl::StrAppend(&u, "  ", p.name(), "  ", p.description(), "\n");
    }
  }
  return u;
}

std::string RejectLine(const std::string& file, int64_t record,
                       const std::string& key, const Reject& r,
                       const std::string& raw) {
  return absl::StrCat("{\"file\":", JsonQuote(file), ",\"record\":", record,
                      ",\"source_key\":", JsonQuote(key),
                      ",\"field\":", JsonQuote(r.field),
                      ",\"reason\":", JsonQuote(r.reason),
                      ",\"raw\":", raw.empty() ? "null" : raw, "}");
}

int Run(const std::vector<char*>& args) {
  const std::string name = absl::GetFlag(FLAGS_profile);
  if (name.empty()) return Fail(kUsage, "--profile is required (see --help)");
  auto profile = LoadProfile(name);
  if (!profile.ok())
    return Fail(kUsage, std::string(profile.status().message()));
  std::vector<std::string> given(args.begin() + 1, args.end());
  if (given.empty()) return Fail(kUsage, "give at least one SOURCE");
  auto files = ExpandSources(given);
  if (!files.ok()) return Fail(kUsage, std::string(files.status().message()));
  if (files->empty()) return Fail(kUsage, "the sources hold no readable file");
  std::string url = absl::GetFlag(FLAGS_database_url);
  if (url.empty()) url = EnvOr("PWIS_DATABASE_URL", "");
  if (url.empty()) {
    return Fail(kUsage, "--database_url (or PWIS_DATABASE_URL) is required");
  }
  if (const std::string source = absl::GetFlag(FLAGS_source); !source.empty()) {
    if (source.size() > 64 ||
        source.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") !=
            std::string::npos) {
      return Fail(kUsage, "--source: up to 64 of a-z, 0-9, '-', '_', '.'");
    }
    // Rows entered by hand are source "manual": never a feed's.
    if (source == "manual") {
      return Fail(kUsage, "--source manual is the hand-entered rows' source");
    }
    profile->set_source(source);
  }
  if (const std::string agency = absl::GetFlag(FLAGS_agency); !agency.empty()) {
    const auto& fields = TargetFields(profile->target());
    if (std::find(fields.begin(), fields.end(), "agency") == fields.end()) {
      return Fail(kUsage, absl::StrCat("--agency: profile ", profile->name(),
                                       " loads no agency"));
    }
    // A layout that names its records' agencies keeps them: one agency
    // for a multi-agency file would misattribute every other permit.
    for (const Field& existing : profile->field()) {
      if (existing.to() == "agency") {
        return Fail(kUsage, absl::StrCat("--agency: profile ", profile->name(),
                                         " reads each record's agency"));
      }
    }
    Field* f = profile->add_field();
    f->set_to("agency");
    f->set_value(agency);
  }
  auto mapper = RecordMapper::For(*profile);
  if (!mapper.ok()) return Fail(kUsage, std::string(mapper.status().message()));

  std::ofstream reject_file;
  if (!absl::GetFlag(FLAGS_reject_file).empty()) {
    reject_file.open(absl::GetFlag(FLAGS_reject_file),
                     std::ios::out | std::ios::trunc | std::ios::binary);
    if (!reject_file) {
      return Fail(kUsage, absl::StrCat("cannot write ",
                                       absl::GetFlag(FLAGS_reject_file)));
    }
  }
  int64_t shown = 0;
  auto print = [&](const std::string& file, int64_t record, const Reject& r) {
    if (++shown <= kShown) {
      absl::FPrintF(stderr, "pwis-import: reject %s record %d: %s: %s\n", file,
                    record, r.field, r.reason);
    }
  };
  auto report = [&](const std::string& line, const std::string& file,
                    int64_t record, const Reject& r) {
    if (reject_file.is_open()) reject_file << line << "\n";
    print(file, record, r);
  };
  PendingRejects pending;
  if (!pending.ok()) return Fail(kUsage, "cannot create a temporary file");
  if (absl::GetFlag(FLAGS_full_snapshot) && !(*mapper)->spec().snapshots) {
    return Fail(kUsage,
                absl::StrCat("--full-snapshot: ", (*mapper)->spec().table,
                             " keeps no deleted rows; a snapshot cannot mark "
                             "the missing ones"));
  }
  auto loader = Loader::Connect(
      url, (*mapper)->spec(),
      Loader::Options{profile->source(), profile->group_by_key(),
                      absl::GetFlag(FLAGS_dry_run),
                      absl::GetFlag(FLAGS_full_snapshot) || files->size() > 1},
      [&](const std::string& file, const Loader::DbReject& r) {
        const Reject reject{r.field, r.reason};
        report(RejectLine(file, r.record, r.source_key, reject, r.raw), file,
               r.record, reject);
      });
  if (!loader.ok())
    return Fail(kDatabase, std::string(loader.status().message()));
  if (auto s = (*mapper)->Prepare((*loader)->connection()); !s.ok()) {
    return Fail(kDatabase, std::string(s.message()));
  }
  // A mistyped --agency is one mistake, not a reject of every record.
  if (const std::string agency = absl::GetFlag(FLAGS_agency); !agency.empty()) {
    auto agencies = AgencyDirectory::Load((*loader)->connection());
    if (!agencies.ok()) {
      return Fail(kDatabase, std::string(agencies.status().message()));
    }
    auto found = (*agencies)->Find(agency);
    if (auto* why = std::get_if<std::string>(&found)) {
      return Fail(kUsage, absl::StrCat("--agency: ", *why));
    }
  }

  Progress progress(stderr);
  const absl::Time now = absl::Now();
  int64_t read = 0, mapper_rejects = 0, unreadable_files = 0, lost = 0;
  int64_t keyless_records = 0, empty_files = 0;
  bool snapshot_skipped = false;
  for (const std::string& file : *files) {
    auto source = OpenRecordSource(file, profile->reader());
    if (!source.ok()) {
      ++unreadable_files;
      absl::FPrintF(stderr, "pwis-import: %s\n", source.status().message());
      continue;
    }
    if (auto s = (*loader)->BeginFile(ProvenanceName(file)); !s.ok()) {
      return Fail(kDatabase, std::string(s.message()));
    }
    progress.StartFile(file, (*source)->ExpectedCount());
    pending.Clear();
    SourceRecord record;
    int64_t n = 0, keyless = 0;
    auto reject_record = [&](const std::string& key, const Reject& reject) {
      pending.Add(
          RejectLine(file, record.number, key, reject, record.RawJson()),
          record.number, reject);
    };
    while ((*source)->Next(&record)) {
      ++n;
      progress.Tick(n);
      const std::string key = (*mapper)->Key(record);
      // A key read from text that was not valid in the profile's encoding
      // is not the key the row has: as unsafe for a snapshot as none.
      if (key.empty() || !record.broken_text.empty()) ++keyless;
      auto mapped = (*mapper)->Map(record, now);
      absl::Status sent;
      if (auto* reject = std::get_if<Reject>(&mapped)) {
        reject_record(key, *reject);
        if (!key.empty()) sent = (*loader)->Saw(record.number, key);
      } else {
        StagedRow& row = std::get<MappedRecord>(mapped).row;
        row.raw = record.RawJson(/*with_geometry=*/false);
        sent = (*loader)->Add(row);
      }
      if (!sent.ok()) return Fail(kDatabase, std::string(sent.message()));
    }
    progress.EndFile(n);
    if (!(*source)->status().ok()) {
      ++unreadable_files;
      lost += n;
      absl::FPrintF(stderr, "pwis-import: %s; nothing of %s is loaded\n",
                    (*source)->status().message(), file);
      if (auto s = (*loader)->EndFile(/*keep=*/false); !s.ok()) {
        return Fail(kDatabase, std::string(s.message()));
      }
      continue;
    }
    // Merging a big file takes a while after its last record is read.
    if (n >= 50000) {
      progress.Note(absl::StrCat(ProvenanceName(file), ": ", n,
                                 " records read; merging into ",
                                 (*mapper)->spec().table));
    }
    if (auto s = (*loader)->EndFile(/*keep=*/true); !s.ok()) {
      return Fail(kDatabase, std::string(s.message()));
    }
    read += n;
    keyless_records += keyless;
    if (n == 0) ++empty_files;
    mapper_rejects += pending.count();
    pending.Replay(
        [&](const std::string& line) {
          if (reject_file.is_open()) reject_file << line << "\n";
        },
        [&](int64_t number, const Reject& reject) {
          print(file, number, reject);
        });
  }
  if (absl::GetFlag(FLAGS_full_snapshot)) {
    // A snapshot that could not be read whole says nothing about what is
    // missing from it.
    if (unreadable_files > 0) {
      absl::FPrintF(stderr,
                    "pwis-import: --full-snapshot: not marking anything "
                    "deleted, %d source file(s) could not be read\n",
                    unreadable_files);
    } else if (read == 0 || empty_files > 0) {
      absl::FPrintF(stderr,
                    "pwis-import: --full-snapshot: a source file holds no "
                    "record; not marking anything deleted\n");
    } else if (keyless_records > 0) {
      // A renamed key column (or a file in another encoding) would
      // otherwise delete every row.
      absl::FPrintF(stderr,
                    "pwis-import: --full-snapshot: %d record(s) have no key "
                    "or unreadable text; not marking anything deleted\n",
                    keyless_records);
    } else if (auto s = (*loader)->DeleteMissing(); !s.ok()) {
      return Fail(kDatabase, std::string(s.message()));
    }
    snapshot_skipped = unreadable_files > 0 || read == 0 || empty_files > 0 ||
                       keyless_records > 0;
  }
  (*loader)->Finish();
  if (reject_file.is_open()) {
    reject_file.flush();
    if (!reject_file) {
      return Fail(kDatabase,
                  absl::StrCat("writing ", absl::GetFlag(FLAGS_reject_file),
                               " failed (disk full?): the reject "
                               "list is incomplete"));
    }
  }
  if (!pending.ok()) {
    return Fail(kDatabase, "spilling rejects to a temporary file failed");
  }

  const LoadCounts& c = (*loader)->counts();
  const int64_t rejected = mapper_rejects + c.rejected;
  const MapperCounts& m = (*mapper)->counts();
  absl::FPrintF(
      stderr,
      "pwis-import: %s%s: %d read = %d inserted + %d updated + %d unchanged "
      "+ %d rejected%s; %d marked deleted; CRS detected %d, axes swapped %d, "
      "geometries repaired %d%s\n",
      absl::GetFlag(FLAGS_dry_run) ? "dry run, nothing written: " : "",
      profile->name(), read, c.inserted, c.updated, c.unchanged, rejected,
      profile->group_by_key()
          ? absl::StrFormat(" + %d grouped into another record of its key",
                            c.merged)
          : "",
      c.deleted, m.crs_detected, m.swapped_axes, m.repaired_geometries,
      lost > 0 ? absl::StrFormat("; %d records of unreadable files not "
                                 "loaded",
                                 lost)
               : "");
  if (unreadable_files > 0) return kUnreadable;
  // A cron job must see that the snapshot's deletions did not happen.
  if (snapshot_skipped) return kSnapshotSkipped;
  if (rejected > 0 && !absl::GetFlag(FLAGS_allow_rejects)) return kRejected;
  return 0;
}

}  // namespace
}  // namespace pwis::importers

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(pwis::importers::Usage());
  // --help shows this file's flags (Abseil looks for a file named as the
  // program, which pwis-import's is not).
  absl::FlagsUsageConfig config;
  config.contains_help_flags = [](absl::string_view file) {
    return absl::EndsWith(file, "importers/main.cc");
  };
  absl::SetFlagsUsageConfig(config);
  std::vector<std::string> storage;
  std::vector<char*> dashed = pwis::importers::DashedFlags(argc, argv, storage);
  std::vector<char*> args =
      absl::ParseCommandLine(static_cast<int>(dashed.size()), dashed.data());
  return pwis::importers::Run(args);
}
