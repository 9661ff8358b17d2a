// pwis-import: loads agencies' feeds into pwis through a profile.
//
//   pwis-import --profile NAME [--dry-run] [--full-snapshot]
//               [--allow-rejects] [--reject-file F] SOURCE...
//
// Exit status: 0 all loaded; 1 some records rejected (0 with
// --allow-rejects); 2 bad arguments or profile; 3 a source could not be
// read (that file is not loaded; the others are); 4 the database failed.

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
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "importers/ogr_source.h"
#include "importers/profile.h"
#include "importers/progress.h"
#include "importers/road_work_mapper.h"
#include "importers/road_works_loader.h"
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
ABSL_FLAG(bool, allow_rejects, false, "exit 0 even if records were rejected");
ABSL_FLAG(std::string, reject_file, "",
          "write every rejected record here (JSON lines: file, record, "
          "source_key, field, reason, raw)");
ABSL_FLAG(std::string, database_url, EnvOr("PWIS_DATABASE_URL", ""),
          "libpq connection string or URI (env PWIS_DATABASE_URL)");

namespace pwis::importers {
namespace {

constexpr int kRejected = 1, kUsage = 2, kUnreadable = 3, kDatabase = 4;

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
      "  pwis-import --profile NAME [--dry-run] [--full-snapshot] "
      "[--allow-rejects] [--reject-file F] SOURCE...\n\n"
      "SOURCE: a file (GeoJSON, Shapefile, CSV, KML, GPKG), a directory of "
      "them, a .zip, or - for stdin.\nProfiles (" +
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
  const std::string url = absl::GetFlag(FLAGS_database_url);
  if (url.empty()) {
    return Fail(kUsage, "--database_url (or PWIS_DATABASE_URL) is required");
  }
  auto mapper = RoadWorkMapper::For(*profile);
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
  auto report = [&](const std::string& line, const std::string& file,
                    int64_t record, const Reject& r) {
    if (reject_file.is_open()) reject_file << line << "\n";
    if (++shown <= 20) {
      absl::FPrintF(stderr, "pwis-import: reject %s record %d: %s: %s\n", file,
                    record, r.field, r.reason);
    }
  };
  auto loader = RoadWorksLoader::Connect(
      url, profile->source(), absl::GetFlag(FLAGS_dry_run),
      [&](const RoadWorkRow& row, const Reject& r) {
        report(RejectLine(row.file, row.record, row.source_key, r, row.raw),
               row.file, row.record, r);
      });
  if (!loader.ok())
    return Fail(kDatabase, std::string(loader.status().message()));

  Progress progress(stderr);
  const absl::Time now = absl::Now();
  int64_t read = 0, mapper_rejects = 0, unreadable_files = 0, lost = 0;
  int64_t keyless_records = 0, empty_files = 0;
  // Keys loaded in this run, and where (memory grows with the keys, not
  // with the records' size).
  absl::flat_hash_map<std::string, std::string> first_seen;
  for (const std::string& file : *files) {
    auto source = OgrSource::Open(file, profile->reader().encoding());
    if (!source.ok()) {
      ++unreadable_files;
      absl::FPrintF(stderr, "pwis-import: %s\n", source.status().message());
      continue;
    }
    if (auto s = (*loader)->BeginFile(); !s.ok()) {
      return Fail(kDatabase, std::string(s.message()));
    }
    progress.StartFile(file, (*source)->ExpectedCount());
    std::vector<std::tuple<std::string, int64_t, Reject>> pending;
    SourceRecord record;
    int64_t n = 0, keyless = 0;
    auto reject_record = [&](const std::string& key, const Reject& reject) {
      pending.emplace_back(
          RejectLine(file, record.number, key, reject, record.RawJson()),
          record.number, reject);
    };
    while ((*source)->Next(&record)) {
      ++n;
      progress.Tick(n);
      const std::string key = (*mapper)->Key(record);
      if (key.empty()) ++keyless;
      auto mapped = (*mapper)->Map(record, now);
      if (auto* reject = std::get_if<Reject>(&mapped)) {
        if (!key.empty()) (*loader)->Saw(key);
        reject_record(key, *reject);
        continue;
      }
      // Two records with one key would overwrite each other, and every
      // re-run would update the row twice.
      auto [first, fresh] = first_seen.try_emplace(
          key, absl::StrCat(file, " record ", record.number));
      if (!fresh) {
        reject_record(key,
                      Reject{"source_key", absl::StrCat("duplicate (first at ",
                                                        first->second, ")")});
        continue;
      }
      RoadWorkRow row = std::get<RoadWorkRow>(std::move(mapped));
      row.raw = record.RawJson();
      if (auto s = (*loader)->Add(std::move(row)); !s.ok()) {
        return Fail(kDatabase, std::string(s.message()));
      }
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
    if (auto s = (*loader)->EndFile(/*keep=*/true); !s.ok()) {
      return Fail(kDatabase, std::string(s.message()));
    }
    read += n;
    keyless_records += keyless;
    if (n == 0) ++empty_files;
    mapper_rejects += static_cast<int64_t>(pending.size());
    for (const auto& [line, number, reject] : pending) {
      report(line, file, number, reject);
    }
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
      // A renamed key column would otherwise delete every row.
      absl::FPrintF(stderr,
                    "pwis-import: --full-snapshot: %d record(s) have no key; "
                    "not marking anything deleted\n",
                    keyless_records);
    } else if (auto s = (*loader)->DeleteMissing(); !s.ok()) {
      return Fail(kDatabase, std::string(s.message()));
    }
  }
  (*loader)->Finish();

  const LoadCounts& c = (*loader)->counts();
  const int64_t rejected = mapper_rejects + c.rejected;
  const MapperCounts& m = (*mapper)->counts();
  absl::FPrintF(
      stderr,
      "pwis-import: %s%s: %d read = %d inserted + %d updated + %d unchanged "
      "+ %d rejected; %d marked deleted; CRS detected %d, axes swapped %d, "
      "geometries repaired %d%s\n",
      absl::GetFlag(FLAGS_dry_run) ? "dry run, nothing written: " : "",
      profile->name(), read, c.inserted, c.updated, c.unchanged, rejected,
      c.deleted, m.crs_detected, m.swapped_axes, m.repaired_geometries,
      lost > 0 ? absl::StrFormat("; %d records of unreadable files not "
                                 "loaded",
                                 lost)
               : "");
  if (unreadable_files > 0) return kUnreadable;
  if (rejected > 0 && !absl::GetFlag(FLAGS_allow_rejects)) return kRejected;
  return 0;
}

}  // namespace
}  // namespace pwis::importers

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(pwis::importers::Usage());
  std::vector<std::string> storage;
  std::vector<char*> dashed = pwis::importers::DashedFlags(argc, argv, storage);
  std::vector<char*> args =
      absl::ParseCommandLine(static_cast<int>(dashed.size()), dashed.data());
  return pwis::importers::Run(args);
}
