// pwis-grpc-load: an asynchronous gRPC load generator for pwis.
//
// Keeps --concurrency calls in flight over a few HTTP/2 connections for
// --duration seconds (after --warmup), and prints one line:
//   rpc=... concurrency=N calls=N ok=N not_found=N errors=N rps=X p50_ms=X
//   p99_ms=X
// A call counts as answered when its grpc-status is OK or NOT_FOUND;
// anything else is an error, counted and reported (never as success).
// --rate paces the calls (calls per second over all of them) instead of
// starting the next as soon as one ends; --timeline prints, after the
// summary, one line per wall-clock second: "second=<unix> ok=N
// not_found=N code<K>=N ..." for every status code seen in that second.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/workload.h"
#include "pwis/v1/excavation.grpc.pb.h"
#include "pwis/v1/licenses.grpc.pb.h"
#include "pwis/v1/projects.grpc.pb.h"
#include "pwis/v1/roadworks.grpc.pb.h"
#include "pwis/v1/tiles.grpc.pb.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "server address");
ABSL_FLAG(std::string, rpc, "get",
          "get | list_bbox | digsite | license_get | license_search | "
          "project_list | project_progress | project_stats | tile | "
          "get_invalid (GetRoadWork with id 0: "
          "rejected by validation before any database work, then answered "
          "from the read cache when it is on, so it measures the RPC layer "
          "alone; INVALID_ARGUMENT counts as answered)");
ABSL_FLAG(int, concurrency, 1, "calls in flight");
ABSL_FLAG(int, duration, 10, "measured seconds");
ABSL_FLAG(int, warmup, 2, "unmeasured seconds first");
ABSL_FLAG(int, id_max, 400, "GetRoadWork ids are drawn from 1..id_max");
ABSL_FLAG(double, rate, 0, "calls per second in all (0: as fast as answered)");
ABSL_FLAG(bool, timeline, false, "per-second status counts after the summary");
ABSL_FLAG(int, geometry_format, 0,
          "project_list: the request's geometry_format (0 the default, 1 "
          "GeoJSON, 2 WKB, 3 none)");
ABSL_FLAG(std::string, tile_layer, "roadworks", "tile: the layer");
ABSL_FLAG(int, tile_count, 5000,
          "tile: draw from the first N tiles of workload.h's BenchTiles");
ABSL_FLAG(int64_t, window_base, 0,
          "digsite: Unix second the windows are drawn from (see workload.h)");

namespace {

using Clock = std::chrono::steady_clock;
using pwis::v1::ExcavationService;
using pwis::v1::RoadWorkService;

struct Call {
  grpc::ClientContext context;
  grpc::Status status;
  Clock::time_point start;
  absl::Time wall_start;
  pwis::v1::RoadWork work;
  pwis::v1::ListRoadWorksResponse list;
  pwis::v1::CheckDigSiteResponse check;
  pwis::v1::License license;
  pwis::v1::SearchLicensesResponse licenses;
  std::unique_ptr<grpc::ClientAsyncResponseReader<pwis::v1::RoadWork>>
      get_reader;
  std::unique_ptr<
      grpc::ClientAsyncResponseReader<pwis::v1::ListRoadWorksResponse>>
      list_reader;
  std::unique_ptr<
      grpc::ClientAsyncResponseReader<pwis::v1::CheckDigSiteResponse>>
      check_reader;
  std::unique_ptr<grpc::ClientAsyncResponseReader<pwis::v1::License>>
      license_reader;
  std::unique_ptr<
      grpc::ClientAsyncResponseReader<pwis::v1::SearchLicensesResponse>>
      search_reader;
  pwis::v1::ListProjectsResponse projects;
  pwis::v1::ProjectProgress progress;
  pwis::v1::ProjectStats stats;
  std::unique_ptr<
      grpc::ClientAsyncResponseReader<pwis::v1::ListProjectsResponse>>
      projects_reader;
  std::unique_ptr<grpc::ClientAsyncResponseReader<pwis::v1::ProjectProgress>>
      progress_reader;
  std::unique_ptr<grpc::ClientAsyncResponseReader<pwis::v1::ProjectStats>>
      stats_reader;
  google::api::HttpBody tile;
  std::unique_ptr<grpc::ClientAsyncResponseReader<google::api::HttpBody>>
      tile_reader;
};

class Load {
 public:
  enum class Kind {
    kGet,
    kList,
    kInvalid,
    kDigSite,
    kLicenseGet,
    kSearch,
    kProjectList,
    kProjectProgress,
    kProjectStats,
    kTile
  };
  Load(const std::vector<std::shared_ptr<grpc::Channel>>& channels, Kind kind,
       int id_max)
      : list_(kind == Kind::kList),
        invalid_(kind == Kind::kInvalid),
        digsite_(kind == Kind::kDigSite),
        kind_(kind),
        ids_(1, id_max) {
    for (const auto& ch : channels) {
      stubs_.push_back(RoadWorkService::NewStub(ch));
      excavation_.push_back(ExcavationService::NewStub(ch));
      licenses_.push_back(pwis::v1::LicenseService::NewStub(ch));
      projects_.push_back(pwis::v1::ProjectService::NewStub(ch));
      tiles_.push_back(pwis::v1::TileService::NewStub(ch));
    }
    if (kind == Kind::kTile) {
      bench_tiles_ = pwis::bench::BenchTiles(absl::GetFlag(FLAGS_tile_count));
    }
  }

  void Start(int slot) {
    auto* c = new Call();
    c->start = Clock::now();
    c->wall_start = absl::Now();
    c->context.set_deadline(std::chrono::system_clock::now() +
                            std::chrono::seconds(10));
    RoadWorkService::Stub& stub = *stubs_[slot % stubs_.size()];
    auto& licenses = *licenses_[slot % licenses_.size()];
    auto& projects = *projects_[slot % projects_.size()];
    if (kind_ == Kind::kTile) {
      const pwis::bench::BenchTile& t =
          bench_tiles_[std::uniform_int_distribution<int>(
              0, static_cast<int>(bench_tiles_.size()) - 1)(rng_)];
      pwis::v1::GetTileRequest r;
      r.set_layer(absl::GetFlag(FLAGS_tile_layer));
      r.set_z(t.z);
      r.set_x(t.x);
      r.set_y(absl::StrCat(t.y, ".mvt"));
      c->tile_reader =
          tiles_[slot % tiles_.size()]->AsyncGetTile(&c->context, r, &cq_);
      c->tile_reader->Finish(&c->tile, &c->status, c);
    } else if (kind_ == Kind::kProjectList) {
      using namespace pwis::bench;
      pwis::v1::ListProjectsRequest r;
      r.set_district(kProjectDistricts[std::uniform_int_distribution<int>(
          0, kProjectDistrictCount - 1)(rng_)]);
      r.add_status(pwis::v1::PROJECT_STATUS_UNDER_CONSTRUCTION);
      r.add_status(pwis::v1::PROJECT_STATUS_SUSPENDED);
      r.set_order_by(pwis::v1::PROJECT_ORDER_VARIANCE);
      r.set_page_size(kProjectPage);
      r.set_geometry_format(static_cast<pwis::v1::GeometryFormat>(
          absl::GetFlag(FLAGS_geometry_format)));
      c->projects_reader = projects.AsyncListProjects(&c->context, r, &cq_);
      c->projects_reader->Finish(&c->projects, &c->status, c);
    } else if (kind_ == Kind::kProjectProgress) {
      using namespace pwis::bench;
      pwis::v1::GetProjectProgressRequest r;
      r.set_project_no(absl::StrFormat(
          "KH-BENCH-%05d",
          std::uniform_int_distribution<int>(1, kProjectCount)(rng_)));
      c->progress_reader =
          projects.AsyncGetProjectProgress(&c->context, r, &cq_);
      c->progress_reader->Finish(&c->progress, &c->status, c);
    } else if (kind_ == Kind::kProjectStats) {
      pwis::v1::GetProjectStatsRequest r;
      c->stats_reader = projects.AsyncGetProjectStats(&c->context, r, &cq_);
      c->stats_reader->Finish(&c->stats, &c->status, c);
    } else if (kind_ == Kind::kLicenseGet) {
      using namespace pwis::bench;
      pwis::v1::GetLicenseRequest r;
      auto draw = [&](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng_);
      };
      const int year = draw(kLicenseYearMin, kLicenseYearMax);
      const int copy = draw(0, kLicenseCopies - 1);
      const int seq = draw(1, kLicenseSeqMax);
      r.set_number(absl::StrFormat("(%d)高市工建築字第%05d號", year,
                                   copy * 10000 + seq));
      c->license_reader = licenses.AsyncGetLicense(&c->context, r, &cq_);
      c->license_reader->Finish(&c->license, &c->status, c);
    } else if (kind_ == Kind::kSearch) {
      using namespace pwis::bench;
      pwis::v1::SearchLicensesRequest r;
      r.set_q(kLicenseTerms[std::uniform_int_distribution<int>(
          0, kLicenseTermCount - 1)(rng_)]);
      c->search_reader = licenses.AsyncSearchLicenses(&c->context, r, &cq_);
      c->search_reader->Finish(&c->licenses, &c->status, c);
    } else if (digsite_) {
      using namespace pwis::bench;
      pwis::v1::CheckDigSiteRequest r;
      int cx = std::uniform_int_distribution<int>(
          0, (kMaxLng - kMinLng) * kGrid)(rng_);
      int cy = std::uniform_int_distribution<int>(
          0, (kMaxLat - kMinLat) * kGrid)(rng_);
      int day = std::uniform_int_distribution<int>(0, kDigDays - 1)(rng_);
      auto& site = *r.mutable_site()->mutable_fields();
      site["type"].set_string_value("Point");
      auto* xy = site["coordinates"].mutable_list_value();
      xy->add_values()->set_number_value(kMinLng + cx / double(kGrid));
      xy->add_values()->set_number_value(kMinLat + cy / double(kGrid));
      int64_t from = absl::GetFlag(FLAGS_window_base) + day * 86400;
      r.mutable_window()->mutable_start_time()->set_seconds(from);
      r.mutable_window()->mutable_end_time()->set_seconds(
          from + kDigWindowDays * 86400);
      r.set_buffer_m(kDigBufferM);
      c->check_reader =
          excavation_[slot % excavation_.size()]->AsyncCheckDigSite(&c->context,
                                                                    r, &cq_);
      c->check_reader->Finish(&c->check, &c->status, c);
    } else if (list_) {
      using namespace pwis::bench;
      pwis::v1::ListRoadWorksRequest r;
      double cx = kMinLng + std::uniform_int_distribution<int>(
                                0, (kMaxLng - kMinLng) * kGrid)(rng_) /
                                double(kGrid);
      double cy = kMinLat + std::uniform_int_distribution<int>(
                                0, (kMaxLat - kMinLat) * kGrid)(rng_) /
                                double(kGrid);
      r.set_bbox(absl::StrFormat("%.6f,%.6f,%.6f,%.6f", cx - kHalf, cy - kHalf,
                                 cx + kHalf, cy + kHalf));
      c->list_reader = stub.AsyncListRoadWorks(&c->context, r, &cq_);
      c->list_reader->Finish(&c->list, &c->status, c);
    } else {
      pwis::v1::GetRoadWorkRequest r;
      r.set_id(invalid_ ? 0 : ids_(rng_));
      c->get_reader = stub.AsyncGetRoadWork(&c->context, r, &cq_);
      c->get_reader->Finish(&c->work, &c->status, c);
    }
  }

  void Run(int concurrency, Clock::duration warmup, Clock::duration duration) {
    Clock::time_point begin = Clock::now();
    measure_from_ = begin + warmup;
    measure_to_ = measure_from_ + duration;
    for (int i = 0; i < concurrency; ++i) Start(i);
    int in_flight = concurrency;
    int next_slot = 0;
    const double rate = absl::GetFlag(FLAGS_rate);
    long started = concurrency;
    void* tag;
    bool ok;
    while (in_flight > 0 && cq_.Next(&tag, &ok)) {
      auto* c = static_cast<Call*>(tag);
      Clock::time_point now = Clock::now();
      {
        auto& bucket =
            timeline_[std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count()];
        ++bucket[static_cast<int>(c->status.error_code())];
        if (c->status.error_code() == grpc::StatusCode::CANCELLED &&
            cancelled_starts_.size() < 1000) {
          cancelled_starts_.push_back(c->wall_start);
        }
      }
      if (c->start >= measure_from_ && now <= measure_to_) {
        latencies_.push_back(
            std::chrono::duration<double, std::milli>(now - c->start).count());
        if (c->status.ok() ||
            (invalid_ &&
             c->status.error_code() == grpc::StatusCode::INVALID_ARGUMENT)) {
          ++ok_;
        } else if (c->status.error_code() == grpc::StatusCode::NOT_FOUND) {
          ++not_found_;
        } else {
          ++errors_;
          if (errors_ <= 3)
            std::cerr << "error: " << c->status.error_code() << " "
                      << c->status.error_message() << "\n";
        }
      }
      delete c;
      --in_flight;
      if (now < measure_to_) {
        if (rate > 0) {  // The next call's slot in the paced schedule.
          auto slot =
              begin + std::chrono::duration_cast<Clock::duration>(
                          std::chrono::duration<double>(started / rate));
          if (slot > Clock::now()) std::this_thread::sleep_until(slot);
        }
        ++started;
        Start(next_slot++);
        ++in_flight;
      }
    }
  }

  void Report(const std::string& rpc, int concurrency, double seconds) {
    std::sort(latencies_.begin(), latencies_.end());
    auto pct = [&](double p) {
      return latencies_.empty()
                 ? 0.0
                 : latencies_[std::min(latencies_.size() - 1,
                                       size_t(p * latencies_.size()))];
    };
    std::printf(
        "rpc=%s concurrency=%d calls=%zu ok=%ld not_found=%ld errors=%ld "
        "rps=%.1f p50_ms=%.3f p99_ms=%.3f\n",
        rpc.c_str(), concurrency, latencies_.size(), ok_, not_found_, errors_,
        (ok_ + not_found_) / seconds, pct(0.50), pct(0.99));
    if (!absl::GetFlag(FLAGS_timeline)) return;
    for (const auto& [second, codes] : timeline_) {
      std::string line = absl::StrFormat("second=%d", second);
      for (const auto& [code, n] : codes) {
        if (code == 0) {
          absl::StrAppendFormat(&line, " ok=%d", n);
        } else if (code == 5) {
          absl::StrAppendFormat(&line, " not_found=%d", n);
        } else {
          absl::StrAppendFormat(&line, " code%d=%d", code, n);
        }
      }
      std::printf("%s\n", line.c_str());
    }
    // When each CANCELLED call began: against the server's shutdown time,
    // this tells calls cut off from calls opened too late.
    for (absl::Time t : cancelled_starts_) {
      std::printf(
          "cancelled_start=%s\n",
          absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", t, absl::UTCTimeZone())
              .c_str());
    }
  }

 private:
  std::vector<std::unique_ptr<RoadWorkService::Stub>> stubs_;
  std::vector<std::unique_ptr<ExcavationService::Stub>> excavation_;
  std::vector<std::unique_ptr<pwis::v1::LicenseService::Stub>> licenses_;
  std::vector<std::unique_ptr<pwis::v1::ProjectService::Stub>> projects_;
  std::vector<std::unique_ptr<pwis::v1::TileService::Stub>> tiles_;
  std::vector<pwis::bench::BenchTile> bench_tiles_;
  bool list_;
  bool invalid_;
  bool digsite_;
  Kind kind_;
  std::mt19937_64 rng_{20261126};
  std::uniform_int_distribution<int> ids_;
  grpc::CompletionQueue cq_;
  Clock::time_point measure_from_, measure_to_;
  std::vector<double> latencies_;
  long ok_ = 0, not_found_ = 0, errors_ = 0;
  // Unix second → status code → calls that ended then (warm-up included).
  std::map<long, std::map<int, long>> timeline_;
  std::vector<absl::Time> cancelled_starts_;
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // Debian's Abseil checks mutexes for deadlocks by default; not here.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  int concurrency = std::max(1, absl::GetFlag(FLAGS_concurrency));
  std::string rpc = absl::GetFlag(FLAGS_rpc);
  static const std::map<std::string, Load::Kind> kKinds = {
      {"get", Load::Kind::kGet},
      {"list_bbox", Load::Kind::kList},
      {"get_invalid", Load::Kind::kInvalid},
      {"digsite", Load::Kind::kDigSite},
      {"license_get", Load::Kind::kLicenseGet},
      {"license_search", Load::Kind::kSearch},
      {"project_list", Load::Kind::kProjectList},
      {"project_progress", Load::Kind::kProjectProgress},
      {"project_stats", Load::Kind::kProjectStats},
      {"tile", Load::Kind::kTile}};
  auto kind = kKinds.find(rpc);
  if (kind == kKinds.end()) {
    std::cerr << "--rpc: see --help for the calls\n";
    return 2;
  }
  // Up to 4 connections, as a few clients would open; distinct channel
  // arguments keep gRPC from sharing one subchannel.
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < std::min(concurrency, 4); ++i) {
    grpc::ChannelArguments args;
    args.SetInt("pwis.bench.connection", i);
    args.SetMaxReceiveMessageSize(64 << 20);  // Dense tiles.
    channels.push_back(grpc::CreateCustomChannel(
        absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials(), args));
  }
  Load load(channels, kind->second, absl::GetFlag(FLAGS_id_max));
  load.Run(concurrency, std::chrono::seconds(absl::GetFlag(FLAGS_warmup)),
           std::chrono::seconds(absl::GetFlag(FLAGS_duration)));
  load.Report(rpc, concurrency, absl::GetFlag(FLAGS_duration));
  return 0;
}
