// pwis-store-load: drives RoadWorksStore directly (no gRPC) from N threads,
// to split the gap between pgbench and the gRPC service into the store's
// share (libpqxx, row mapping) and the RPC layer's share.
//
//   pwis-store-load --database_url=URL --rpc=get|list_bbox --concurrency=N
//                   --duration=S --id_max=N
// Prints: rpc=... concurrency=N calls=N rps=X p50_ms=X p99_ms=X
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "bench/workload.h"
#include "gis/store/connection_pool.h"
#include "gis/store/roadworks_store.h"

ABSL_FLAG(std::string, database_url, "", "libpq connection string");
ABSL_FLAG(std::string, rpc, "get", "get | list_bbox");
ABSL_FLAG(int, concurrency, 1, "threads, one connection each");
ABSL_FLAG(int, duration, 10, "measured seconds");
ABSL_FLAG(int, warmup, 2, "unmeasured seconds first");
ABSL_FLAG(int, id_max, 400, "ids are drawn from 1..id_max");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  using Clock = std::chrono::steady_clock;
  using namespace pwis::bench;
  const int n = std::max(1, absl::GetFlag(FLAGS_concurrency));
  const bool list = absl::GetFlag(FLAGS_rpc) == "list_bbox";
  pwis::store::ConnectionPool pool({absl::GetFlag(FLAGS_database_url), n});
  pwis::store::RoadWorksStore store(&pool);
  Clock::time_point from =
      Clock::now() + std::chrono::seconds(absl::GetFlag(FLAGS_warmup));
  Clock::time_point to =
      from + std::chrono::seconds(absl::GetFlag(FLAGS_duration));
  std::vector<std::vector<double>> lat(n);
  std::atomic<long> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(t);
      std::uniform_int_distribution<int> ids(1, absl::GetFlag(FLAGS_id_max));
      std::uniform_int_distribution<int> gx(0,
                                            int((kMaxLng - kMinLng) * kGrid));
      std::uniform_int_distribution<int> gy(0,
                                            int((kMaxLat - kMinLat) * kGrid));
      for (;;) {
        Clock::time_point start = Clock::now();
        if (start >= to) break;
        absl::Status s;
        if (list) {
          pwis::store::RoadWorkFilter f;
          double cx = kMinLng + gx(rng) / double(kGrid),
                 cy = kMinLat + gy(rng) / double(kGrid);
          f.common.bbox = pwis::store::BoundingBox{cx - kHalf, cy - kHalf,
                                                   cx + kHalf, cy + kHalf};
          f.common.time = {pwis::store::TimeFilter::kAt, absl::Now(), {}, {}};
          f.statuses = {"planned", "active", "suspended", "completed"};
          s = store
                  .List(f, pwis::store::ListOptions(),
                        absl::Now() + absl::Seconds(10))
                  .status();
        } else {
          s = store
                  .Get(ids(rng), pwis::v1::GEOMETRY_FORMAT_GEOJSON,
                       absl::Now() + absl::Seconds(10))
                  .status();
        }
        if (!s.ok() && !absl::IsNotFound(s)) ++errors;
        if (start >= from) {
          lat[t].push_back(
              std::chrono::duration<double, std::milli>(Clock::now() - start)
                  .count());
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0
                       : all[std::min(all.size() - 1, size_t(p * all.size()))];
  };
  std::printf(
      "rpc=%s concurrency=%d calls=%zu errors=%ld rps=%.1f p50_ms=%.3f "
      "p99_ms=%.3f\n",
      absl::GetFlag(FLAGS_rpc).c_str(), n, all.size(), errors.load(),
      all.size() / double(absl::GetFlag(FLAGS_duration)), pct(0.5), pct(0.99));
  return errors.load() == 0 ? 0 : 1;
}
