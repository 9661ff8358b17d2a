#include "gis/store/lookup_failures_store.h"

#include <random>

#include "absl/strings/str_cat.h"

namespace pwis::store {
namespace {

// $1 key, $2 window (seconds), $3 most failures, $4 this call's token.
// ON CONFLICT DO UPDATE works on the row's latest version under its lock,
// so a second call waits for the first and counts its failure.
constexpr char kReserveSql[] = R"sql(
WITH gone AS (
  DELETE FROM case_lookup_failures
  WHERE client = ANY (ARRAY(
    SELECT client FROM case_lookup_failures
    WHERE last_at < now() - make_interval(secs => $2::float8)
      AND client <> $1::text
    LIMIT 20))
)
INSERT INTO case_lookup_failures AS f (client, times, last_at, last_token)
VALUES ($1::text, ARRAY[now()], now(), $4::int8)
ON CONFLICT (client) DO UPDATE SET
  times = CASE WHEN cardinality(pwis_recent_times(f.times, $2)) < $3::int
               THEN pwis_recent_times(f.times, $2) || now()
               ELSE pwis_recent_times(f.times, $2) END,
  last_at = now(),
  last_token = CASE WHEN cardinality(pwis_recent_times(f.times, $2)) < $3::int
                    THEN $4::int8 ELSE f.last_token END
RETURNING f.last_token = $4::int8 AS allowed, now()::text AS reserved_at,
  extract(epoch FROM f.times[1] + make_interval(secs => $2::float8)
                     - now())::float8 AS retry_after_s
)sql";

constexpr char kForgiveSql[] = R"sql(
UPDATE case_lookup_failures
SET times = array_remove(times, $2::timestamptz)
WHERE client = $1::text
)sql";

int64_t Token() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  return static_cast<int64_t>(random() >> 1);
}

}  // namespace

absl::StatusOr<LookupFailuresStore::Attempt> LookupFailuresStore::Reserve(
    const std::string& key, const CallLimit& limit) {
  return Query<Attempt>(limit, "lookup_reserve",
                        {kReserveSql,
                         {key, absl::StrCat(absl::ToDoubleSeconds(window_)),
                          absl::StrCat(max_failures_), absl::StrCat(Token())}},
                        [](const pqxx::result& r) -> absl::StatusOr<Attempt> {
                          Attempt a;
                          a.allowed = r[0]["allowed"].as<bool>();
                          if (a.allowed) {
                            a.reserved_at = r[0]["reserved_at"].c_str();
                          } else {
                            a.retry_after = absl::Seconds(std::max(
                                1.0, r[0]["retry_after_s"].as<double>(1.0)));
                          }
                          return a;
                        });
}

absl::Status LookupFailuresStore::Forgive(const std::string& key,
                                          const Attempt& attempt,
                                          const CallLimit& limit) {
  return Query<bool>(
             limit, "lookup_forgive", {kForgiveSql, {key, attempt.reserved_at}},
             [](const pqxx::result&) -> absl::StatusOr<bool> { return true; })
      .status();
}

}  // namespace pwis::store
