// What every domain store shares: a connection pool, and statements run
// prepared, under the call's limit (deadline and cancellation, see
// ConnectionPool::Run), with libpqxx's exceptions caught at this boundary
// and turned into a Status (StatusFromDatabaseError).
//
// A domain store derives from StoreBase and writes only its SQL and its
// row mapping:
//
//   absl::StatusOr<Thing> ThingsStore::Get(int64_t id, const CallLimit& l) {
//     return Query<Thing>(l, "thing_get", {kGetSql, {absl::StrCat(id)}},
//                         [](const pqxx::result& r) -> StatusOr<Thing> {...});
//   }
#ifndef PWIS_GIS_STORE_STORE_BASE_H_
#define PWIS_GIS_STORE_STORE_BASE_H_

#include <pqxx/pqxx>
#include <utility>

#include "absl/status/statusor.h"
#include "gis/store/call_limit.h"
#include "gis/store/connection_pool.h"
#include "gis/store/feature_collection.h"
#include "gis/store/list_types.h"
#include "gis/store/row_mapping.h"
#include "gis/store/sql_builder.h"
#include "gis/store/sql_fragments.h"

namespace pwis::store {

// Runs `st` on `c` as a prepared statement named by StatementName(prefix,
// st.sql) (prepared on first use per connection), outside a transaction.
pqxx::result ExecPrepared(PooledConnection& c, const char* prefix,
                          const Statement& st);

// The page of at most `limit` items `map(row)` makes of `r`, a result
// fetched with one row more than the page (see PageOrder): that row only
// tells that more follow, from the position `position(last item)`.
template <typename T, typename Map, typename Position>
Page<T> PageFromResult(const pqxx::result& r, int limit, Map&& map,
                       Position&& position) {
  Page<T> page;
  for (const auto& row : r) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next = position(page.items.back());
      break;
    }
    page.items.push_back(map(row));
  }
  return page;
}

// One list page's statement: `select` ("SELECT ... FROM ...") under
// `q`'s conditions, after `options.after` in (`time_key`, `alias`.id)
// order, with PageOrder's extra row.
Statement KeysetPageStatement(const std::string& select,
                              absl::string_view alias,
                              absl::string_view time_key, SqlBuilder& q,
                              const ListOptions& options);

class StoreBase {
 public:
  explicit StoreBase(ConnectionPool* pool) : pool_(pool) {}

 protected:
  // Runs `st` (see ExecPrepared) and returns `map(result)`; `map` runs
  // inside the pool's Run, so a conversion error in it is a Status too.
  template <typename T, typename Map>
  absl::StatusOr<T> Query(const CallLimit& limit, const char* prefix,
                          const Statement& st, Map&& map) const {
    return pool_->Run<T>(limit, [&](PooledConnection& c) -> absl::StatusOr<T> {
      return std::forward<Map>(map)(ExecPrepared(c, prefix, st));
    });
  }

  // Runs a list statement (fetched with PageOrder's extra row) and maps
  // it into a page: `Columns(result)` looks the columns up once, and
  // `from_row(row, columns)` makes an item. Items are in (period start, id)
  // order, which is where the next page starts.
  template <typename T, typename Columns, typename FromRow>
  absl::StatusOr<Page<T>> ListPage(const CallLimit& limit, const char* prefix,
                                   const Statement& st, int page_size,
                                   FromRow&& from_row) const {
    return Query<Page<T>>(
        limit, prefix, st,
        [&](const pqxx::result& r) -> absl::StatusOr<Page<T>> {
          Columns c(r);
          return PageFromResult<T>(
              r, page_size,
              [&](const pqxx::row& row) { return from_row(row, c); },
              [](const T& last) {
                return ListPosition{MicrosOf(last.period().start_time()),
                                    last.id()};
              });
        });
  }

  // One page of `source`'s GeoJSON features under `q`'s conditions,
  // after `options.after`.
  absl::StatusOr<GeoJsonPage> GeoJsonPageQuery(
      const CallLimit& limit, const char* prefix, const FeatureSource& source,
      SqlBuilder& q, const ListOptions& options) const {
    if (options.after) {
      q.Where(
          source.integer_key
              ? IntKeysetAfter(q, source.alias, source.time_key, *options.after)
              : KeysetAfter(q, source.alias, source.time_key, *options.after));
    }
    return Query<GeoJsonPage>(
        limit, prefix, FeaturePageStatement(source, q, options.limit),
        [](const pqxx::result& r) -> absl::StatusOr<GeoJsonPage> {
          return GeoJsonPageFromResult(r);
        });
  }

  ConnectionPool* pool() const { return pool_; }

 private:
  ConnectionPool* pool_;  // Not owned.
};

}  // namespace pwis::store

#endif  // PWIS_GIS_STORE_STORE_BASE_H_
