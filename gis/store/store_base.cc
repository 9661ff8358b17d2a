#include "gis/store/store_base.h"

#include <string>

#include "gis/store/sql_builder.h"

namespace pwis::store {

pqxx::result ExecPrepared(PooledConnection& c, const char* prefix,
                          const Statement& st) {
  std::string name = StatementName(prefix, st.sql);
  c.Prepare(name, st.sql);
  pqxx::nontransaction tx(c.conn());
  return tx.exec_prepared(name, pqxx::prepare::make_dynamic_params(st.params));
}

}  // namespace pwis::store
