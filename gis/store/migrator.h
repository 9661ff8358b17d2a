// Applies schema migrations to a database: each once, in version order, each
// in its own transaction, under a session advisory lock so concurrent
// servers starting together do not race. Safe to re-run.
#ifndef PWIS_GIS_STORE_MIGRATOR_H_
#define PWIS_GIS_STORE_MIGRATOR_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "db/migrations.h"

namespace pwis::store {

// Applies the migrations not yet recorded in table schema_migrations and
// returns how many it applied. Progress lines go to `log` when non-null.
absl::StatusOr<int> ApplyMigrations(const std::string& conninfo,
                                    const std::vector<db::Migration>& all,
                                    std::ostream* log);

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_MIGRATOR_H_
