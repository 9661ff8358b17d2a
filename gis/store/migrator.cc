#include "gis/store/migrator.h"

#include <map>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "gis/store/connection_pool.h"

namespace pwis::store {
namespace {

// Key of the advisory lock; any constant shared by all pwis servers.
constexpr long long kMigrationLockKey = 0x70776973'6d696772LL;  // "pwismigr"

}  // namespace

absl::StatusOr<int> ApplyMigrations(const std::string& conninfo,
                                    const std::vector<db::Migration>& all,
                                    std::ostream* log) {
  try {
    pqxx::connection conn(conninfo);
    {
      pqxx::nontransaction tx(conn);
      tx.exec("SET client_min_messages = warning");
      tx.exec(absl::StrCat("SELECT pg_advisory_lock(", kMigrationLockKey, ")"));
      tx.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version integer PRIMARY KEY, name text NOT NULL,"
          " applied_at timestamptz NOT NULL DEFAULT now())");
    }
    std::map<int, std::string> applied;  // version → name
    {
      pqxx::nontransaction tx(conn);
      for (const auto& row :
           tx.exec("SELECT version, name FROM schema_migrations")) {
        applied[row[0].as<int>()] = row[1].c_str();
      }
    }
    // The history must be this build's own: a version recorded under another
    // name means the schema came from an incompatible build.
    for (const db::Migration& m : all) {
      auto it = applied.find(m.version);
      if (it != applied.end() && it->second != m.name) {
        pqxx::nontransaction tx(conn);
        tx.exec(
            absl::StrCat("SELECT pg_advisory_unlock(", kMigrationLockKey, ")"));
        return absl::FailedPreconditionError(absl::StrCat(
            "migration history does not match this build: the database "
            "records version ",
            m.version, " as '", it->second, "', this build's is '", m.name,
            "' (a database made by an incompatible pre-release build: "
            "recreate it)"));
      }
    }
    int count = 0;
    for (const db::Migration& m : all) {
      if (applied.count(m.version) != 0) continue;
      pqxx::work tx(conn);
      tx.exec(m.sql);
      tx.exec_params(
          "INSERT INTO schema_migrations (version, name) "
          "VALUES ($1, $2)",
          m.version, m.name);
      tx.commit();
      ++count;
      if (log != nullptr) *log << "pwis: applied migration " << m.name << "\n";
    }
    pqxx::nontransaction tx(conn);
    tx.exec(absl::StrCat("SELECT pg_advisory_unlock(", kMigrationLockKey, ")"));
    return count;
  } catch (const std::exception& e) {
    absl::Status s = StatusFromDatabaseError(e);
    return absl::Status(s.code(),
                        absl::StrCat("migration failed: ", s.message()));
  }
}

}  // namespace pwis::store
