#include "gis/store/store_base.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gis/store/sql_builder.h"

namespace pwis::store {

pqxx::result ExecPrepared(PooledConnection& c, const char* prefix,
                          const Statement& st) {
  std::string name = StatementName(prefix, st.sql);
  c.Prepare(name, st.sql);
  pqxx::nontransaction tx(c.conn());
  return tx.exec_prepared(name, pqxx::prepare::make_dynamic_params(st.params));
}

Statement KeysetPageStatement(const std::string& select,
                              absl::string_view alias,
                              absl::string_view time_key, SqlBuilder& q,
                              const ListOptions& options) {
  if (options.after) q.Where(KeysetAfter(q, alias, time_key, *options.after));
  std::string sql = absl::StrCat(select, q.WhereClause(),
                                 PageOrder(q, alias, time_key, options.limit));
  return {std::move(sql), q.params()};
}

}  // namespace pwis::store
