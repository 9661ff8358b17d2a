// The benchmark workload, shared by the gRPC load generator and the pgbench
// script generator so both draw the same requests.
#ifndef PWIS_BENCH_WORKLOAD_H_
#define PWIS_BENCH_WORKLOAD_H_

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

}  // namespace pwis::bench

#endif  // PWIS_BENCH_WORKLOAD_H_
