// The benchmark workload, shared by the gRPC load generator and the pgbench
// script generator so both draw the same requests.
#ifndef PWIS_BENCH_WORKLOAD_H_
#define PWIS_BENCH_WORKLOAD_H_

#include <cmath>
#include <random>
#include <vector>

namespace pwis::bench {

// ListRoadWorks(bbox): boxes of 2 * kHalf degrees (about 2 km) centred
// uniformly in Kaohsiung's urban core.
inline constexpr double kMinLng = 120.27, kMaxLng = 120.37;
inline constexpr double kMinLat = 22.58, kMaxLat = 22.70;
inline constexpr double kHalf = 0.01;
// Centres are drawn on a grid of 1e-4 degrees (pgbench draws integers).
inline constexpr int kGrid = 10000;

// CheckDigSite: a point site on the same grid, the default 30 m buffer,
// and a window of kDigWindowDays starting a random whole day within
// kDigDays of a base instant both tools are given (--window_base, the
// Unix second of a midnight in Asia/Taipei).
inline constexpr double kDigBufferM = 30;
inline constexpr int kDigDays = 365;
inline constexpr int kDigWindowDays = 7;

// Licenses (bench/licenses): GetLicense of a building license of a random
// ROC year in [kLicenseYearMin, kLicenseYearMax], copy kLicenseCopies
// (sequence + copy * 10000, see bench/licenses_data.sql) and sequence
// 1..kLicenseSeqMax; SearchLicenses(q) of one of kLicenseTerms, broad
// (集合住宅: a third of all licenses) to narrow (a road and number).
inline constexpr int kLicenseYearMin = 95, kLicenseYearMax = 114;
inline constexpr int kLicenseCopies = 9;
inline constexpr int kLicenseSeqMax = 1200;
inline constexpr const char* kLicenseTerms[] = {
    "集合住宅", "國美建設", "興富發建設", "四維三路",
    "中山一路", "鼎泰營造", "陳○豪",      "自由二路12號"};
inline constexpr int kLicenseTermCount = 8;

// Projects (bench/projects): KH-BENCH-00001 .. KH-BENCH-<kProjectCount>
// (bench/projects_data.sql). GetProjectProgress of a random one;
// ListProjects in a random one of kProjectDistricts, under construction
// or suspended, furthest behind first, a page of kProjectPage;
// GetProjectStats of the whole city (no filter: the area's front page).
inline constexpr int kProjectCount = 50000;
inline constexpr int kProjectPage = 20;
inline constexpr const char* kProjectDistricts[] = {
    "三民區", "鳳山區", "左營區", "苓雅區",
    "前鎮區", "楠梓區", "鼓山區", "小港區"};
inline constexpr int kProjectDistrictCount = 8;

// Tiles (bench/tiles): a fixed list of XYZ tiles, zooms kTileZoomMin ..
// kTileZoomMax drawn evenly, each holding a point drawn uniformly in the
// urban core above; the same list in both tools (a fixed seed), so
// pgbench's statement picks entry :k as pwis-grpc-load does.
inline constexpr int kTileZoomMin = 11, kTileZoomMax = 16;

struct BenchTile {
  int z, x, y;
};

inline std::vector<BenchTile> BenchTiles(int count) {
  std::mt19937 rng(20261203);
  std::uniform_real_distribution<double> lng(kMinLng, kMaxLng);
  std::uniform_real_distribution<double> lat(kMinLat, kMaxLat);
  std::uniform_int_distribution<int> zoom(kTileZoomMin, kTileZoomMax);
  std::vector<BenchTile> tiles;
  for (int i = 0; i < count; ++i) {
    const int z = zoom(rng);
    const double n = std::ldexp(1.0, z);
    const double rad = lat(rng) * 3.14159265358979323846 / 180;
    tiles.push_back(
        {z, static_cast<int>((lng(rng) + 180) / 360 * n),
         static_cast<int>((1 - std::asinh(std::tan(rad)) /
                                   3.14159265358979323846) /
                          2 * n)});
  }
  return tiles;
}

}  // namespace pwis::bench

#endif  // PWIS_BENCH_WORKLOAD_H_
