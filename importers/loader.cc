#include "importers/loader.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gis/store/connection_pool.h"

namespace pwis::importers {
namespace {

constexpr char kStage[] = "pwis_import_stage";

// Errors a record's values cause (data exceptions, constraint violations,
// PostGIS's internal errors on bad geometry): that record is rejected. Any
// other (permissions, a missing column, a full disk) fails the file.
bool RowFault(const pqxx::sql_error& e) {
  const std::string& state = e.sqlstate();
  return state.rfind("22", 0) == 0 || state.rfind("23", 0) == 0 ||
         state == "XX000";
}

// COPY's text format: backslash escapes for the separators. Text reaching
// here is valid UTF-8 without NUL (the readers refuse it).
void AppendCopyText(std::string& out, const std::string& s) {
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

// The stage's raw record with the geometry as the database holds it.
std::string RawWithGeometry(const pqxx::row& r) {
  std::string raw = r["raw"].is_null() ? "{}" : r["raw"].c_str();
  if (r["wkt"].is_null() || raw.size() < 2 || raw.back() != '}') return raw;
  raw.pop_back();
  std::string wkt = r["wkt"].c_str();
  if (wkt.size() > 8192) wkt = wkt.substr(0, 8192) + "…";
  std::string q = "\"";
  for (char c : wkt) q += c == '"' ? '\'' : c;  // WKT holds no quotes
  q += "\"";
  return absl::StrCat(raw, raw.size() > 1 ? "," : "",
                      "\"geometry_wkt_wgs84\":", q, "}");
}

// Runs `f` under a savepoint of `tx`: a row fault rolls back to it and
// returns false; other errors propagate. Written out by hand: libpqxx 6.4's
// subtransaction opens its savepoint on its first exec() only, and not
// for exec_params or exec_prepared.
template <typename F>
bool UnderSavepoint(pqxx::dbtransaction& tx, std::string* fault, F f) {
  tx.exec("SAVEPOINT pwis_import");
  try {
    f();
  } catch (const pqxx::broken_connection&) {
    throw;
  } catch (const pqxx::sql_error& e) {
    if (!RowFault(e)) throw;
    if (fault != nullptr) *fault = e.what();
    tx.exec("ROLLBACK TO SAVEPOINT pwis_import; RELEASE SAVEPOINT pwis_import");
    return false;
  }
  tx.exec("RELEASE SAVEPOINT pwis_import");
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Loader>> Loader::Connect(
    const std::string& database_url, TargetSpec spec, Options options,
    OnReject on_reject) {
  std::unique_ptr<Loader> l(new Loader);
  l->spec_ = std::move(spec);
  l->options_ = std::move(options);
  l->on_reject_ = std::move(on_reject);
  std::string columns;
  for (const std::string& c : l->spec_.columns) {
    absl::StrAppend(&columns, ", ", c, " text");
  }
  try {
    l->conn_ = std::make_unique<pqxx::connection>(database_url);
    // A silent reconnect would lose the temporary tables and the open file.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    l->conn_->inhibit_reactivation(true);
#pragma GCC diagnostic pop
    pqxx::nontransaction tx(*l->conn_);
    tx.exec(absl::StrCat(
        "SET application_name = 'pwis-import'; "
        // COPY lines are UTF-8 whatever PGCLIENTENCODING says.
        "SET client_encoding = 'UTF8'; "
        "CREATE TEMPORARY TABLE pwis_import_seen (source_key text PRIMARY "
        "KEY, file text NOT NULL, loaded bool NOT NULL); "
        "CREATE TEMPORARY TABLE ",
        kStage,
        " (ord bigint NOT NULL, source_key text NOT NULL, seen_only bool NOT "
        "NULL, raw text, geom geometry(Geometry, 4326), district_code text",
        columns, ")"));
    // Who changed a row (permit_status_history.changed_by), and a feed's
    // status may skip lifecycle steps it did not report (approved, then
    // completed) but never go back.
    tx.exec_params(
        "SELECT set_config('pwis.actor', 'import:' || $1, false), "
        "set_config('pwis.status_moves', 'forward', false)",
        l->options_.source);
    // One run per (table, source) at a time: an overlapping run's full
    // snapshot would delete what this one loads. Held for the session.
    pqxx::row got = tx.exec_params1(
        "SELECT pg_try_advisory_lock(hashtext($1), hashtext($2))",
        l->spec_.table, l->options_.source);
    if (!got[0].as<bool>()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "another pwis-import is loading source \"", l->options_.source,
          "\" into ", l->spec_.table, " now; run again when it is done"));
    }
    // libpqxx prepares lazily: prepare the target's statement now, so a
    // database without the schema fails here, not as a reject of every
    // record.
    l->conn_->prepare("pwis_import_upsert",
                      absl::StrCat("WITH up AS (", l->spec_.upsert_sql,
                                   ") SELECT (SELECT count(*) FROM ", kStage,
                                   " WHERE NOT seen_only AND ord >= $2 AND "
                                   "ord < $3) AS staged, count(*) FILTER "
                                   "(WHERE inserted) AS inserted, count(*) "
                                   "FILTER (WHERE NOT inserted) AS updated "
                                   "FROM up"));
    l->conn_->prepare_now("pwis_import_upsert");
  } catch (const pqxx::broken_connection& e) {
    return absl::UnavailableError(
        absl::StrCat("cannot connect to the database: ", e.what()));
  } catch (const std::exception& e) {
    return absl::FailedPreconditionError(
        absl::StrCat("database not ready for ", l->spec_.table,
                     " (run pwis-server --migrate): ", e.what()));
  }
  return l;
}

Loader::~Loader() {
  // Uncommitted work is rolled back by the transactions' destructors.
  stream_.reset();
  file_.reset();
  run_.reset();
}

absl::Status Loader::BeginFile(const std::string& file) {
  file_name_ = file;
  max_record_ = 0;
  try {
    if (options_.dry_run) {
      if (run_ == nullptr) run_ = std::make_unique<pqxx::work>(*conn_);
      file_ = std::make_unique<pqxx::subtransaction>(*run_, "file");
    } else {
      file_ = std::make_unique<pqxx::work>(*conn_);
    }
    // Also opens a dry run's savepoint now, so a file rolled back takes
    // everything it did with it.
    file_->exec(absl::StrCat("TRUNCATE ", kStage));
    std::vector<std::string> cols = {"ord", "source_key", "seen_only",
                                     "raw", "geom",       "district_code"};
    cols.insert(cols.end(), spec_.columns.begin(), spec_.columns.end());
    // tablewriter, not stream_to: only it takes a line already in COPY's
    // format (libpqxx 6.4's stream_to keeps that private).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    stream_ = std::make_unique<pqxx::tablewriter>(*file_, kStage, cols.begin(),
                                                  cols.end());
#pragma GCC diagnostic pop
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("cannot start a transaction: ", e.what()));
  }
  pending_ = LoadCounts{};
  pending_rejects_.clear();
  return absl::OkStatus();
}

void Loader::Write(int64_t record, const std::string& key, bool seen_only,
                   const StagedRow* row) {
  line_.clear();
  absl::StrAppend(&line_, record, "\t");
  AppendCopyText(line_, key);
  line_ += seen_only ? "\tt\t" : "\tf\t";
  if (row == nullptr) {
    line_ += "\\N\t\\N\t\\N";
    for (size_t i = 0; i < spec_.columns.size(); ++i) line_ += "\t\\N";
  } else {
    AppendCopyText(line_, row->raw);
    line_ += "\t";
    // A target may store rows without a geometry (a permit placed by its
    // district and address only).
    line_ += row->wkb_hex.empty() ? "\\N" : row->wkb_hex;
    line_ += "\t";
    AppendCopyText(line_, row->district_code);
    for (const auto& v : row->values) {
      line_ += "\t";
      if (v.has_value()) {
        AppendCopyText(line_, *v);
      } else {
        line_ += "\\N";
      }
    }
  }
  stream_->write_raw_line(line_);
  if (record > max_record_) max_record_ = record;
}

absl::Status Loader::Add(const StagedRow& row) {
  if (stream_ == nullptr) return absl::FailedPreconditionError("no file begun");
  if (row.values.size() != spec_.columns.size()) {
    return absl::InternalError("row does not match the target's columns");
  }
  try {
    Write(row.record, row.source_key, /*seen_only=*/false, &row);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("sending to the database failed (nothing of this file "
                     "is loaded; re-run to finish): ",
                     e.what()));
  }
  return absl::OkStatus();
}

absl::Status Loader::Saw(int64_t record, const std::string& source_key) {
  if (stream_ == nullptr) return absl::FailedPreconditionError("no file begun");
  try {
    Write(record, source_key, /*seen_only=*/true, nullptr);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("sending to the database failed: ", e.what()));
  }
  return absl::OkStatus();
}

void Loader::Merge() {
  pqxx::dbtransaction& tx = *file_;
  auto reject_rows = [&](const pqxx::result& r, const std::string& why) {
    for (const pqxx::row& row : r) {
      pending_rejects_.push_back(DbReject{
          row["ord"].as<int64_t>(), row["source_key"].c_str(), "source_key",
          absl::StrCat(why, row["first"].c_str(), ")"), RawWithGeometry(row)});
    }
  };
  if (options_.group) {
    // One row per key: the first record's values, every record's
    // geometry (a permit written once per point becomes a multi-point).
    // ST_Union drops repeated points; if GEOS fails on a key's shapes,
    // ST_Collect keeps them as they are.
    auto group = [&](const char* combine) {
      pqxx::result r = tx.exec(absl::StrCat(
          "WITH g AS (SELECT source_key, min(ord) AS first, ", combine,
          "(geom) AS geom FROM ", kStage,
          " WHERE NOT seen_only GROUP BY source_key HAVING count(*) > 1), "
          "u AS (UPDATE ",
          kStage,
          " s SET geom = g.geom FROM g WHERE s.ord = g.first) "
          "DELETE FROM ",
          kStage,
          " s USING g WHERE s.source_key = g.source_key AND s.ord <> g.first "
          "AND NOT s.seen_only"));
      pending_.merged += static_cast<int64_t>(r.affected_rows());
    };
    if (!UnderSavepoint(tx, nullptr, [&] { group("ST_Union"); })) {
      group("ST_Collect");
    }
  } else {
    // Two records with one key would overwrite each other, and every
    // re-run would update the row twice.
    reject_rows(tx.exec(absl::StrCat(
                    "DELETE FROM ", kStage,
                    " s USING (SELECT ord, first_value(ord) OVER (PARTITION "
                    "BY source_key ORDER BY ord) AS first FROM ",
                    kStage,
                    " WHERE NOT seen_only) d WHERE s.ord = d.ord AND d.ord "
                    "<> d.first RETURNING s.ord, s.source_key, s.raw, "
                    "ST_AsText(s.geom) AS wkt, d.first::text AS first")),
                "duplicate (first at record ");
  }
  if (options_.track_keys) {
    reject_rows(
        tx.exec(absl::StrCat("DELETE FROM ", kStage,
                             " s USING pwis_import_seen p WHERE "
                             "p.source_key = s.source_key AND p.loaded AND "
                             "NOT s.seen_only RETURNING s.ord, s.source_key, "
                             "s.raw, ST_AsText(s.geom) AS wkt, p.file AS "
                             "first")),
        "duplicate (loaded from the earlier file ");
    tx.exec_params(
        absl::StrCat("INSERT INTO pwis_import_seen AS p SELECT source_key, $1, "
                     "bool_or(NOT seen_only) FROM ",
                     kStage,
                     " GROUP BY source_key ON CONFLICT (source_key) DO UPDATE "
                     "SET loaded = p.loaded OR EXCLUDED.loaded, file = CASE "
                     "WHEN NOT p.loaded AND EXCLUDED.loaded THEN EXCLUDED.file "
                     "ELSE p.file END"),
        file_name_);
  }
  if (!spec_.pre_merge_sql.empty()) {
    UnderSavepoint(tx, nullptr, [&] {
      tx.exec_params(spec_.pre_merge_sql, options_.source);
    });
  }
  // Unchanged records leave the stage first; a value that cannot be cast
  // fails this statement, and then every record goes to the upsert, which
  // finds the one at fault.
  UnderSavepoint(tx, nullptr, [&] {
    pqxx::result r = tx.exec_params(spec_.unchanged_sql, options_.source);
    pending_.unchanged += static_cast<int64_t>(r.affected_rows());
  });
  const size_t before = pending_rejects_.size();
  Upsert(1, max_record_ + 1);
  // A key the database refused was not loaded: the same key in a later
  // file of the run is not a duplicate of it.
  if (options_.track_keys) {
    for (size_t i = before; i < pending_rejects_.size(); ++i) {
      tx.exec_params(
          "UPDATE pwis_import_seen SET loaded = false WHERE source_key = $1",
          pending_rejects_[i].source_key);
    }
  }
}

// Upserts the staged records numbered [lo, hi) under a savepoint. A record
// the database refuses fails the statement: the range is halved until the
// refused record is alone, and rejected with the database's reason.
void Loader::Upsert(int64_t lo, int64_t hi) {
  if (lo >= hi) return;
  std::string fault;
  const bool ok = UnderSavepoint(*file_, &fault, [&] {
    pqxx::row r = file_->exec_prepared1("pwis_import_upsert", options_.source,
                                        lo, hi, file_name_);
    const int64_t staged = r["staged"].as<int64_t>();
    const int64_t inserted = r["inserted"].as<int64_t>();
    const int64_t updated = r["updated"].as<int64_t>();
    pending_.inserted += inserted;
    pending_.updated += updated;
    pending_.unchanged += staged - inserted - updated;
  });
  if (ok) return;
  if (hi - lo > 1) {
    // Ranges are read by record number from here on.
    file_->exec(absl::StrCat("CREATE INDEX IF NOT EXISTS pwis_import_ord ON ",
                             kStage, " (ord)"));
    const int64_t mid = lo + (hi - lo) / 2;
    Upsert(lo, mid);
    Upsert(mid, hi);
    return;
  }
  pqxx::result r = file_->exec_params(
      absl::StrCat("SELECT ord, source_key, raw, ST_AsText(geom) AS wkt FROM ",
                   kStage, " WHERE ord = $1 AND NOT seen_only"),
      lo);
  // pwis's rules name their field; anything else is the record's.
  store::RuleMessage m = store::ParseRuleMessage(fault);
  if (m.field.empty()) m.field = "record";
  for (const pqxx::row& row : r) {
    pending_rejects_.push_back(DbReject{lo, row["source_key"].c_str(), m.field,
                                        m.text, RawWithGeometry(row)});
  }
}

absl::Status Loader::EndFile(bool keep) {
  if (file_ == nullptr) return absl::FailedPreconditionError("no file begun");
  try {
    if (keep) {
      stream_->complete();
      stream_.reset();
      Merge();
      file_->exec(absl::StrCat("TRUNCATE ", kStage));
      file_->commit();
    } else {
      stream_.reset();
      file_->abort();
    }
  } catch (const pqxx::in_doubt_error& e) {
    stream_.reset();
    file_.reset();
    return absl::UnavailableError(absl::StrCat(
        "the file's commit is in doubt; re-run to finish: ", e.what()));
  } catch (const std::exception& e) {
    stream_.reset();
    file_.reset();
    return absl::UnavailableError(
        absl::StrCat("loading the file failed (nothing of it is loaded; "
                     "re-run to finish): ",
                     e.what()));
  }
  file_.reset();
  if (keep) {
    counts_.inserted += pending_.inserted;
    counts_.updated += pending_.updated;
    counts_.unchanged += pending_.unchanged;
    counts_.merged += pending_.merged;
    counts_.rejected += static_cast<int64_t>(pending_rejects_.size());
    for (const DbReject& r : pending_rejects_) on_reject_(file_name_, r);
  }
  pending_ = LoadCounts{};
  pending_rejects_.clear();
  return absl::OkStatus();
}

absl::Status Loader::DeleteMissing() {
  try {
    // A dry run's is part of its one transaction, rolled back at the end.
    std::unique_ptr<pqxx::work> own;
    if (!options_.dry_run) {
      own = std::make_unique<pqxx::work>(*conn_);
    } else if (run_ == nullptr) {
      run_ = std::make_unique<pqxx::work>(*conn_);
    }
    pqxx::dbtransaction& tx = own != nullptr ? *own : *run_;
    pqxx::result r = tx.exec_params(
        absl::StrCat("UPDATE ", spec_.table,
                     " t SET deleted_at = now() WHERE t.source = $1 AND "
                     "t.source_key IS NOT NULL AND t.deleted_at IS NULL AND "
                     "NOT EXISTS (SELECT 1 FROM "
                     "pwis_import_seen s WHERE s.source_key = t.source_key)"),
        options_.source);
    counts_.deleted = static_cast<int64_t>(r.affected_rows());
    if (own != nullptr) own->commit();
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("marking missing rows deleted failed: ", e.what()));
  }
  return absl::OkStatus();
}

void Loader::Finish() {
  if (run_ != nullptr) {
    try {
      run_->abort();
    } catch (const std::exception&) {
      // Rolled back either way.
    }
    run_.reset();
  }
}

}  // namespace pwis::importers
