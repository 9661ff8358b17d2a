// The schema migrations compiled into the binary (from db/migrations/*.sql).
#ifndef PWIS_DB_MIGRATIONS_H_
#define PWIS_DB_MIGRATIONS_H_

#include <string>
#include <vector>

namespace pwis::db {

struct Migration {
  int version;       // The file's leading number; applied in ascending order.
  std::string name;  // The file name without ".sql".
  std::string sql;   // Run in one transaction.
};

// Returns every migration, ordered by version. Thread-safe.
const std::vector<Migration>& EmbeddedMigrations();

}  // namespace pwis::db

#endif  // PWIS_DB_MIGRATIONS_H_
