#include "importers/road_works_loader.h"

#include <optional>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace pwis::importers {
namespace {

// The district decides both where a work is listed and whether it is ours:
// a geometry that meets no Kaohsiung district is refused, not stored.
constexpr char kUpsert[] = R"sql(
WITH g AS (SELECT ST_GeomFromWKB(decode($6, 'hex'), 4326) AS geom),
d AS (
  SELECT (SELECT code FROM districts
          WHERE ST_Intersects(districts.geom, g.geom)
          ORDER BY ST_Intersects(districts.geom, ST_PointOnSurface(g.geom))
                   DESC, code
          LIMIT 1) AS code
  FROM g),
up AS (
  INSERT INTO road_works AS t
    (source, source_key, permit_number, title, description, road_names,
     district_code, geom, period, status, organiser, contractor,
     contact_phone, imported_at, import_file, import_record)
  SELECT $1, $2, $3, $4, $5, $7::text[], d.code, g.geom,
         tstzrange($8::timestamptz, NULLIF($9, '')::timestamptz),
         $10::road_work_status, $11, $12, $13, now(), $14, $15::bigint
  FROM g, d WHERE d.code IS NOT NULL
  ON CONFLICT (source, source_key) DO UPDATE SET
    permit_number = EXCLUDED.permit_number, title = EXCLUDED.title,
    description = EXCLUDED.description, road_names = EXCLUDED.road_names,
    district_code = EXCLUDED.district_code, geom = EXCLUDED.geom,
    period = EXCLUDED.period, status = EXCLUDED.status,
    organiser = EXCLUDED.organiser, contractor = EXCLUDED.contractor,
    contact_phone = EXCLUDED.contact_phone,
    imported_at = EXCLUDED.imported_at, import_file = EXCLUDED.import_file,
    import_record = EXCLUDED.import_record, deleted_at = NULL
  -- Unchanged content is left alone: updated_at, the change feed and the
  -- read caches see only real changes.
  WHERE (t.permit_number, t.title, t.description, t.road_names,
         t.district_code, ST_AsBinary(t.geom), t.period, t.status,
         t.organiser, t.contractor, t.contact_phone, t.deleted_at IS NULL)
        IS DISTINCT FROM
        (EXCLUDED.permit_number, EXCLUDED.title, EXCLUDED.description,
         EXCLUDED.road_names, EXCLUDED.district_code,
         ST_AsBinary(EXCLUDED.geom), EXCLUDED.period, EXCLUDED.status,
         EXCLUDED.organiser, EXCLUDED.contractor, EXCLUDED.contact_phone,
         true)
  RETURNING (xmax = 0) AS inserted)
SELECT (SELECT code FROM d) IS NOT NULL AS inside,
       (SELECT inserted FROM up) AS inserted
)sql";

// A PostgreSQL text[] literal.
std::string ArrayLiteral(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ",";
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += "}";
  return out;
}

// Errors a record's values cause (data exceptions, constraint violations,
// PostGIS's internal errors on bad geometry): that record is rejected. Any
// other (permissions, a missing column, a full disk) fails the file.
bool RowFault(const pqxx::sql_error& e) {
  const std::string& state = e.sqlstate();
  return state.rfind("22", 0) == 0 || state.rfind("23", 0) == 0 ||
         state == "XX000";
}

std::string Timestamp(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6S+00:00", t, absl::UTCTimeZone());
}

}  // namespace

absl::StatusOr<std::unique_ptr<RoadWorksLoader>> RoadWorksLoader::Connect(
    const std::string& database_url, const std::string& source, bool dry_run,
    OnReject on_reject) {
  std::unique_ptr<RoadWorksLoader> l(new RoadWorksLoader);
  l->source_ = source;
  l->dry_run_ = dry_run;
  l->on_reject_ = std::move(on_reject);
  try {
    l->conn_ = std::make_unique<pqxx::connection>(database_url);
    // A silent reconnect would lose the temporary table and the open file.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    l->conn_->inhibit_reactivation(true);
#pragma GCC diagnostic pop
    l->conn_->prepare("upsert_road_work", kUpsert);
    // libpqxx prepares lazily: do it now, so a database without the schema
    // fails here, not as a reject of every record.
    l->conn_->prepare_now("upsert_road_work");
    pqxx::nontransaction tx(*l->conn_);
    tx.exec(
        "SET application_name = 'pwis-import'; "
        "CREATE TEMPORARY TABLE pwis_import_seen (source_key text PRIMARY "
        "KEY)");
  } catch (const pqxx::broken_connection& e) {
    return absl::UnavailableError(
        absl::StrCat("cannot connect to the database: ", e.what()));
  } catch (const std::exception& e) {
    return absl::FailedPreconditionError(
        absl::StrCat("database not ready for road works (run pwis-server "
                     "--migrate): ",
                     e.what()));
  }
  return l;
}

RoadWorksLoader::~RoadWorksLoader() {
  // Uncommitted work is rolled back by the transactions' destructors.
  file_.reset();
  run_.reset();
}

absl::Status RoadWorksLoader::BeginFile() {
  try {
    if (dry_run_) {
      if (run_ == nullptr) run_ = std::make_unique<pqxx::work>(*conn_);
      file_ = std::make_unique<pqxx::subtransaction>(*run_, "file");
    } else {
      file_ = std::make_unique<pqxx::work>(*conn_);
    }
    // libpqxx opens a savepoint at its first statement: open it now, so a
    // file rolled back in a dry run takes all its batches with it.
    file_->exec("SELECT 1");
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("cannot start a transaction: ", e.what()));
  }
  pending_ = LoadCounts{};
  pending_rejects_.clear();
  return absl::OkStatus();
}

absl::Status RoadWorksLoader::Add(RoadWorkRow row) {
  seen_.push_back(row.source_key);
  batch_.push_back(std::move(row));
  if (batch_.size() >= kBatch) return SendBatch();
  return absl::OkStatus();
}

void RoadWorksLoader::Saw(const std::string& source_key) {
  seen_.push_back(source_key);
}

absl::Status RoadWorksLoader::SendBatch() {
  if (file_ == nullptr) return absl::FailedPreconditionError("no file begun");
  try {
    // Each batch under a savepoint: a row the database refuses rolls back
    // only its batch, which is then sent row by row to find it.
    try {
      pqxx::subtransaction batch(*file_, "batch");
      LoadCounts before = pending_;
      size_t rejects_before = pending_rejects_.size();
      try {
        absl::Status s = SendRows(batch, /*one_by_one=*/false);
        if (!s.ok()) return s;
        batch.commit();
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const pqxx::sql_error& e) {
        if (!RowFault(e)) throw;
        pending_ = before;
        pending_rejects_.resize(rejects_before);
        batch.abort();
        pqxx::subtransaction again(*file_, "rows");
        absl::Status s = SendRows(again, /*one_by_one=*/true);
        if (!s.ok()) return s;
        again.commit();
      }
    } catch (const pqxx::broken_connection&) {
      throw;
    }
    if (!seen_.empty()) {
      file_->exec_params(
          "INSERT INTO pwis_import_seen SELECT unnest($1::text[]) "
          "ON CONFLICT DO NOTHING",
          ArrayLiteral(seen_));
    }
  } catch (const pqxx::broken_connection& e) {
    file_.reset();
    return absl::UnavailableError(
        absl::StrCat("lost the database (nothing of this file is loaded; "
                     "re-run to finish): ",
                     e.what()));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("loading failed: ", e.what()));
  }
  batch_.clear();
  seen_.clear();
  return absl::OkStatus();
}

absl::Status RoadWorksLoader::SendRows(pqxx::dbtransaction& tx,
                                       bool one_by_one) {
  for (const RoadWorkRow& r : batch_) {
    auto run = [&](pqxx::transaction_base& t) {
      return t.exec_prepared1(
          "upsert_road_work", source_, r.source_key, r.permit_number, r.title,
          r.description, r.wkb_hex, ArrayLiteral(r.road_names),
          Timestamp(r.start), r.end.has_value() ? Timestamp(*r.end) : "",
          r.status, r.organiser, r.contractor, r.contact_phone, r.file,
          r.record);
    };
    std::optional<pqxx::row> result;
    if (one_by_one) {
      // Each row under its own savepoint: the refused one is rejected with
      // the database's reason, the others load.
      try {
        pqxx::subtransaction row(tx, "row");
        result = run(row);
        row.commit();
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const pqxx::sql_error& e) {
        if (!RowFault(e)) throw;
        pending_rejects_.push_back({r, Reject{"record", e.what()}});
        continue;
      }
    } else {
      result = run(tx);
    }
    if (!(*result)["inside"].as<bool>()) {
      pending_rejects_.push_back(
          {r, Reject{"geometry", "outside Kaohsiung (meets no district)"}});
    } else if ((*result)["inserted"].is_null()) {
      ++pending_.unchanged;
    } else if ((*result)["inserted"].as<bool>()) {
      ++pending_.inserted;
    } else {
      ++pending_.updated;
    }
  }
  return absl::OkStatus();
}

absl::Status RoadWorksLoader::EndFile(bool keep) {
  if (file_ == nullptr) return absl::FailedPreconditionError("no file begun");
  if (keep && (!batch_.empty() || !seen_.empty())) {
    absl::Status s = SendBatch();
    if (!s.ok()) {
      file_.reset();  // rolls the file back
      return s;
    }
  }
  batch_.clear();
  seen_.clear();
  try {
    if (keep) {
      file_->commit();
    } else {
      file_->abort();
    }
  } catch (const pqxx::in_doubt_error& e) {
    file_.reset();
    return absl::UnavailableError(absl::StrCat(
        "the file's commit is in doubt; re-run to finish: ", e.what()));
  } catch (const std::exception& e) {
    file_.reset();
    return absl::UnavailableError(
        absl::StrCat("committing the file failed (nothing of it is loaded; "
                     "re-run to finish): ",
                     e.what()));
  }
  file_.reset();
  if (keep) {
    counts_.inserted += pending_.inserted;
    counts_.updated += pending_.updated;
    counts_.unchanged += pending_.unchanged;
    counts_.rejected += static_cast<int64_t>(pending_rejects_.size());
    for (const auto& [row, reject] : pending_rejects_) on_reject_(row, reject);
  }
  pending_ = LoadCounts{};
  pending_rejects_.clear();
  return absl::OkStatus();
}

absl::Status RoadWorksLoader::DeleteMissing() {
  try {
    std::unique_ptr<pqxx::dbtransaction> tx;
    if (dry_run_) {
      if (run_ == nullptr) run_ = std::make_unique<pqxx::work>(*conn_);
      tx = std::make_unique<pqxx::subtransaction>(*run_, "snapshot");
    } else {
      tx = std::make_unique<pqxx::work>(*conn_);
    }
    pqxx::result r = tx->exec_params(
        "UPDATE road_works t SET deleted_at = now() "
        "WHERE t.source = $1 AND t.deleted_at IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM pwis_import_seen s WHERE s.source_key = "
        "t.source_key)",
        source_);
    counts_.deleted = static_cast<int64_t>(r.affected_rows());
    tx->commit();
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("marking missing rows deleted failed: ", e.what()));
  }
  return absl::OkStatus();
}

void RoadWorksLoader::Finish() {
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
