// LicenseService against the real PostGIS, on licenses loaded by
// pwis-import from the national open-data layout: lookup by number in
// every form, the links between licenses, each search method and their
// combinations, ranking, paging, the normalisation of addresses and
// parcels, and persons' names masked on every public path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "pwis/v1/districts.grpc.pb.h"
#include "pwis/v1/licenses.grpc.pb.h"
#include "tests/support/http_client.h"
#include "tests/support/import_fixture.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_env.h"

namespace pwis::testing {
namespace {

using pwis::v1::License;
using pwis::v1::SearchLicensesRequest;
using pwis::v1::SearchLicensesResponse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr char kBuilding[] = "(108)高市工建築字第02302號";
constexpr char kAmendment[] = "(108)高市工建築字第02302-01號";
constexpr char kUse[] = "(113)高市工建築使字第01160號";
constexpr char kMisc[] = "(110)高市工建築雜字第00123號";
constexpr char kDemolition[] = "(111)高市工建築拆字第00045號";
constexpr char kPort[] = "(112)高市工建築字第00500號";
constexpr char kOffices[] = "(112)高市工建築字第00777號";

// Names that must never appear in a public answer, and what may.
const char* const kPersons[] = {"王小明",   "李大華", "林大山\"", "陳志強",
                                "歐陽小明", "張三",   "林美玉"};
constexpr char kPhone[] = "0912-345-678";

std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppend(&out, "%", absl::Hex(c, absl::kZeroPad2));
    }
  }
  return out;
}

class LicensesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new TestDatabase();
    const std::string log =
        (std::filesystem::temp_directory_path() /
         absl::StrCat("pwis-licenses-test-", ::getpid(), ".log"))
            .string();
    import_ = new Outcome(
        RunImport(db_->url(),
                  {"--profile", "national-licenses-json", "--allow-rejects",
                   kFixtures + "national_licenses.json"},
                  log));
    db_->Exec(
        "INSERT INTO review_units VALUES ('TEST-B1', '建築管理處建照科', "
        "'Building Licensing Section', '07-3368333#3301'), ('TEST-B2', "
        "'建築管理處施工科', 'Construction Section', '07-3368333#3401')");
    cases_import_ = new Outcome(
        RunImport(db_->url(),
                  {"--profile", "generic-cases-json", "--allow-rejects",
                   kFixtures + "license_cases.json"},
                  log));
    std::filesystem::remove(log);
    server_ = new TestServer(db_->url());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete import_;
    delete cases_import_;
    delete db_;
  }

  pwis::v1::LicenseService::Stub& licenses() {
    return server_->stub<pwis::v1::LicenseService>();
  }
  absl::StatusOr<License> Get(const std::string& number) {
    pwis::v1::GetLicenseRequest r;
    r.set_number(number);
    License l;
    grpc::Status s = licenses().GetLicense(Ctx().get(), r, &l);
    if (!s.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                          s.error_message());
    }
    return l;
  }
  grpc::Status Search(const SearchLicensesRequest& r,
                      SearchLicensesResponse* resp) {
    return licenses().SearchLicenses(Ctx().get(), r, resp);
  }
  // The numbers `r` finds, in rank order (all pages).
  std::vector<std::string> Found(SearchLicensesRequest r) {
    std::vector<std::string> numbers;
    for (int pages = 0; pages < 20; ++pages) {
      SearchLicensesResponse resp;
      grpc::Status s = Search(r, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      for (const License& l : resp.licenses()) {
        numbers.push_back(l.license_no());
      }
      if (resp.next_page_token().empty()) break;
      r.set_page_token(resp.next_page_token());
    }
    return numbers;
  }
  std::vector<std::string> FoundQ(const std::string& q) {
    SearchLicensesRequest r;
    r.set_q(q);
    return Found(r);
  }
  std::vector<std::string> FoundAddress(const std::string& a) {
    SearchLicensesRequest r;
    r.set_address(a);
    return Found(r);
  }
  std::vector<std::string> FoundParcel(const std::string& p) {
    SearchLicensesRequest r;
    r.set_parcel(p);
    return Found(r);
  }
  std::string Q(const std::string& sql) { return db_->QueryValue(sql); }

  static inline TestDatabase* db_ = nullptr;
  static inline TestServer* server_ = nullptr;
  static inline Outcome* import_ = nullptr;
  static inline Outcome* cases_import_ = nullptr;
};

TEST_F(LicensesTest, ImportLoadsGoodRecordsAndRejectsTheRest) {
  EXPECT_EQ(import_->exit_code, 0) << import_->output;
  EXPECT_THAT(import_->output, HasSubstr("12 read = 7 inserted"));
  EXPECT_THAT(import_->output, HasSubstr("5 rejected"));
  const std::string& out = import_->output;
  EXPECT_THAT(out, HasSubstr("record 8: license_no: license number "
                             "\"ABC-123\""));
  EXPECT_THAT(out, HasSubstr("record 9: issue_date: date \"112/02/30\""));
  EXPECT_THAT(out, HasSubstr("record 10: parcels: \"12a\""));
  EXPECT_THAT(out, HasSubstr("only a use license names its building license"));
  EXPECT_THAT(out, HasSubstr("火星區"));
  // Normalised on the way in: ROC dates, full-width digits, the number's
  // parts, thousands separators.
  EXPECT_EQ(Q("SELECT issue_date || ' ' || floors_above || ' ' || unit_count "
              "|| ' ' || site_area_m2 || ' ' || construction_cost_twd || ' ' "
              "|| roc_year || ' ' || kind || ' ' || sequence || ' ' || version "
              "FROM building_licenses WHERE license_key = '" +
              std::string(kBuilding) + "'"),
            "2019-03-15 12 48 1250.35 210000000 108 building 2302 0");
  EXPECT_EQ(Q("SELECT license_key FROM building_licenses WHERE license_no "
              "LIKE '（１１１）%'"),
            kDemolition);
  // A phone or home address in the feed is not stored at all.
  EXPECT_EQ(Q("SELECT count(*) FROM building_licenses WHERE "
              "building_licenses::text LIKE '%0912%' OR "
              "building_licenses::text LIKE '%自強二路9號%'"),
            "0");
}

TEST_F(LicensesTest, GetByNumberInEveryForm) {
  for (const char* form :
       {kBuilding, "（１０８）高市工建築字第０２３０２號", "108建字2302",
        "108-2302", "108 建字 第2302號", "(108)高市工建築字第2302號"}) {
    absl::StatusOr<License> l = Get(form);
    ASSERT_TRUE(l.ok()) << form << ": " << l.status();
    EXPECT_EQ(l->license_no(), kBuilding) << form;
  }
  absl::StatusOr<License> l = Get(kBuilding);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->kind(), pwis::v1::LICENSE_KIND_BUILDING);
  EXPECT_EQ(l->kind_label().zh_tw(), "建造執照");
  EXPECT_EQ(l->kind_label().en(), "Building license");
  EXPECT_EQ(l->issue_date(), "2019-03-15");
  EXPECT_EQ(l->start_date(), "2019-04-01");
  EXPECT_EQ(l->district().name().zh_tw(), "苓雅區");
  EXPECT_EQ(l->floors_above(), 12);
  EXPECT_EQ(l->floors_below(), 2);
  EXPECT_DOUBLE_EQ(l->height_m(), 41.5);
  EXPECT_EQ(l->parking_spaces(), 52);
  EXPECT_EQ(l->construction_cost_twd(), 210000000);
  ASSERT_EQ(l->addresses_size(), 2);
  EXPECT_EQ(l->addresses(0).text(), "苓雅區林德里5鄰四維三路2號");
  EXPECT_EQ(l->addresses(1).number(), "2之1");
  ASSERT_EQ(l->parcels_size(), 2);
  EXPECT_EQ(l->parcels(0).section(), "苓雅段");
  EXPECT_EQ(l->parcels(0).number(), "0123-0004");
  EXPECT_EQ(l->parcels(1).number(), "0124-0000");
  ASSERT_EQ(l->floors_size(), 3);
  EXPECT_EQ(l->floors(1).floor(), "1F");
  EXPECT_DOUBLE_EQ(l->floors(1).area_m2(), 350.5);
  EXPECT_THAT(l->uses(), ElementsAre("停車空間", "店鋪", "集合住宅"));
  ASSERT_EQ(l->parties_size(), 4);
  EXPECT_EQ(l->parties(0).role(), pwis::v1::PARTY_ROLE_OWNER);
  EXPECT_EQ(l->parties(0).role_label().zh_tw(), "起造人");
  EXPECT_EQ(l->parties(0).name(), "王○明");
  EXPECT_FALSE(l->parties(0).organisation());
  EXPECT_EQ(l->parties(1).name(), "林○山");
  EXPECT_EQ(l->parties(1).office(), "林大山建築師事務所");
  EXPECT_EQ(l->parties(3).name(), "陳○強");
  EXPECT_EQ(l->parties(3).office(), "大高雄營造股份有限公司");
  EXPECT_FALSE(l->full_record());

  // Unreadable: INVALID_ARGUMENT with the expected form. Readable but not
  // held: NOT_FOUND.
  for (const char* bad : {"ABC", "高市工建築字", "(108)高市工建築字第號", ""}) {
    pwis::v1::GetLicenseRequest r;
    r.set_number(bad);
    License out;
    EXPECT_THAT(licenses().GetLicense(Ctx().get(), r, &out),
                IsInvalidField("number"))
        << bad;
  }
  EXPECT_EQ(Get("(108)高市工建築字第09999號").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(LicensesTest, AmendmentsAndUseLicensesAreLinked) {
  absl::StatusOr<License> b = Get(kBuilding);
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->amendments_size(), 1);
  EXPECT_EQ(b->amendments(0).license_no(), kAmendment);
  ASSERT_EQ(b->use_licenses_size(), 1);
  EXPECT_EQ(b->use_licenses(0).license_no(), kUse);
  EXPECT_EQ(b->use_licenses(0).kind_label().zh_tw(), "使用執照");
  EXPECT_FALSE(b->has_original());

  absl::StatusOr<License> a = Get("108-2302-01");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->license_no(), kAmendment);
  EXPECT_EQ(a->version(), 1);
  EXPECT_EQ(a->original().license_no(), kBuilding);
  EXPECT_EQ(a->original().issue_date(), "2019-03-15");

  absl::StatusOr<License> u = Get("113使字1160");
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->building_license().license_no(), kBuilding);
  EXPECT_EQ(u->completion_date(), "2024-04-30");
  EXPECT_THAT(u->uses(), ElementsAre("集合住宅", "店鋪"));
}

TEST_F(LicensesTest, AddressSearchFoldsTheWaysPeopleWriteIt) {
  // Full, partial, without the village and 鄰, with the city, full-width.
  for (const char* a :
       {"苓雅區林德里5鄰四維三路2號", "苓雅區四維三路2號",
        "高雄市苓雅區四維三路2號", "四維三路２號", "四維三路"}) {
    EXPECT_THAT(FoundAddress(a),
                UnorderedElementsAre(kBuilding, kAmendment, kUse))
        << a;
  }
  // 之 and -, either order of 號; 一段 and 1段.
  for (const char* a : {"四維三路2之1號", "四維三路2-1號", "四維三路2號之1"}) {
    EXPECT_THAT(FoundAddress(a), ElementsAre(kBuilding)) << a;
  }
  for (const char* a :
       {"自由二路一段3之1號", "自由二路1段3-1號", "左營區自由二路１段3-1"}) {
    EXPECT_THAT(FoundAddress(a), ElementsAre(kMisc)) << a;
  }
  EXPECT_THAT(FoundAddress("光復路2段120號"), ElementsAre(kDemolition));
  EXPECT_THAT(FoundAddress("中正四路211號5樓"), ElementsAre(kPort));
  EXPECT_THAT(FoundAddress("中正四路211號5F"), ElementsAre(kPort));
  // Another number on the road is another address.
  EXPECT_THAT(FoundAddress("四維三路20號"), IsEmpty());
  // The road name keeps its numeral: 四維三路 is not 四維3路.
  EXPECT_THAT(FoundAddress("四維3路"), IsEmpty());
}

TEST_F(LicensesTest, ParcelSearch) {
  EXPECT_THAT(FoundParcel("苓雅段123-4"),
              UnorderedElementsAre(kBuilding, kAmendment));
  EXPECT_THAT(FoundParcel("苓雅段 0123-0004"),
              UnorderedElementsAre(kBuilding, kAmendment));
  EXPECT_THAT(FoundParcel("苓雅段１２３－４地號"),
              UnorderedElementsAre(kBuilding, kAmendment));
  EXPECT_THAT(FoundParcel("苓雅段124"), ElementsAre(kBuilding));
  EXPECT_THAT(FoundParcel("苓雅段123"), IsEmpty());  // the mother alone
  EXPECT_THAT(FoundParcel("新庄段二小段88"), ElementsAre(kMisc));
  EXPECT_THAT(FoundParcel("新庄段2小段88地號"), ElementsAre(kMisc));
  EXPECT_THAT(FoundParcel("鳳山段三小段45"), ElementsAre(kDemolition));
  EXPECT_THAT(FoundParcel("鳳山段45"), IsEmpty());  // another section
  for (const char* bad : {"123-4", "苓雅段", "苓雅段12345", "苓雅段12-",
                          "苓雅段abc", "苓雅段0"}) {
    SearchLicensesRequest r;
    r.set_parcel(bad);
    SearchLicensesResponse resp;
    EXPECT_THAT(Search(r, &resp), IsInvalidField("parcel")) << bad;
  }
}

TEST_F(LicensesTest, KeywordSearchesNamesOfficesAndPublicNamesOnly) {
  EXPECT_THAT(FoundQ("集合住宅新建"),
              UnorderedElementsAre(kBuilding, kAmendment));
  // 台 and 臺 alike.
  EXPECT_THAT(FoundQ("台灣港務"), ElementsAre(kPort));
  EXPECT_THAT(FoundQ("林大山建築師"),
              UnorderedElementsAre(kBuilding, kAmendment));
  EXPECT_THAT(FoundQ("大高雄營造"), ElementsAre(kBuilding));
  EXPECT_THAT(FoundQ("王○明"),
              UnorderedElementsAre(kBuilding, kAmendment, kUse));
  // A person's full name is no key: a search must not tell whose a
  // license is.
  EXPECT_THAT(FoundQ("王小明"), IsEmpty());
  EXPECT_THAT(FoundQ("林美玉"), IsEmpty());
}

TEST_F(LicensesTest, RankedNumberThenAddressThenKeyword) {
  // 四維三路: three licenses at that address, then the one whose project
  // name holds it.
  std::vector<std::string> found = FoundQ("四維三路");
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found.back(), kOffices);
  // Within the address rank, the latest issued first.
  EXPECT_THAT(std::vector<std::string>(found.begin(), found.begin() + 3),
              ElementsAre(kUse, kAmendment, kBuilding));
  // A number: that license first.
  found = FoundQ("108建字2302");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), kBuilding);
}

TEST_F(LicensesTest, CategoryFiltersCombineWithEachOther) {
  SearchLicensesRequest r;
  r.add_kind(pwis::v1::LICENSE_KIND_BUILDING);
  EXPECT_THAT(Found(r),
              UnorderedElementsAre(kBuilding, kAmendment, kPort, kOffices));
  r.set_district("苓雅區");
  EXPECT_THAT(Found(r), UnorderedElementsAre(kBuilding, kAmendment));
  r.set_issued_from("2019-06-01");
  EXPECT_THAT(Found(r), ElementsAre(kAmendment));
  r.clear_issued_from();
  r.set_issued_to("2019-03-15");  // inclusive
  EXPECT_THAT(Found(r), ElementsAre(kBuilding));

  SearchLicensesRequest s;
  s.set_structure("鋼骨");
  EXPECT_THAT(Found(s), UnorderedElementsAre(kPort, kOffices));
  s.set_district("Qianjin District");
  EXPECT_THAT(Found(s), ElementsAre(kPort));

  SearchLicensesRequest u;
  u.set_use("店鋪");
  EXPECT_THAT(Found(u), UnorderedElementsAre(kBuilding, kUse));
  u.add_kind(pwis::v1::LICENSE_KIND_USE);
  EXPECT_THAT(Found(u), ElementsAre(kUse));
  u.set_q("王○明");
  u.set_address("四維三路");
  EXPECT_THAT(Found(u), ElementsAre(kUse));

  SearchLicensesRequest k;
  k.add_kind(pwis::v1::LICENSE_KIND_DEMOLITION);
  k.add_kind(pwis::v1::LICENSE_KIND_MISCELLANEOUS);
  EXPECT_THAT(Found(k), ElementsAre(kDemolition, kMisc));
}

TEST_F(LicensesTest, NearbyFindsLicensesWithALocation) {
  SearchLicensesRequest r;
  r.set_lng(120.3016);
  r.set_lat(22.6206);
  r.set_radius_m(100);
  EXPECT_THAT(Found(r), ElementsAre(kPort));
  r.set_lng(120.3100);
  EXPECT_THAT(Found(r), IsEmpty());
  absl::StatusOr<License> l = Get(kPort);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->geometry().fields().at("type").string_value(), "Point");
}

TEST_F(LicensesTest, PagesAreStableAndComplete) {
  SearchLicensesRequest all;
  all.set_page_size(1000);
  SearchLicensesResponse one;
  ASSERT_TRUE(Search(all, &one).ok());
  ASSERT_EQ(one.licenses_size(), 7);
  EXPECT_TRUE(one.next_page_token().empty());
  std::vector<std::string> whole;
  for (const auto& l : one.licenses()) whole.push_back(l.license_no());
  // Latest issued first.
  EXPECT_EQ(whole.front(), kUse);
  SearchLicensesRequest paged;
  paged.set_page_size(2);
  EXPECT_EQ(Found(paged), whole);
  SearchLicensesRequest q;
  q.set_q("四維三路");
  q.set_page_size(1);
  EXPECT_EQ(Found(q), FoundQ("四維三路"));

  // A token belongs to its query.
  SearchLicensesResponse first;
  ASSERT_TRUE(Search(paged, &first).ok());
  SearchLicensesRequest other = paged;
  other.set_q("四維三路");
  other.set_page_token(first.next_page_token());
  SearchLicensesResponse out;
  EXPECT_THAT(Search(other, &out), IsInvalidField("page_token"));
}

TEST_F(LicensesTest, BadSearchFieldsAreNamed) {
  struct Case {
    const char* field;
    void (*set)(SearchLicensesRequest*);
  };
  const Case cases[] = {
      {"issued_from",
       [](SearchLicensesRequest* r) { r->set_issued_from("2024/01/01"); }},
      {"issued_from",
       [](SearchLicensesRequest* r) { r->set_issued_from("2024-02-30"); }},
      {"issued_to",
       [](SearchLicensesRequest* r) {
         r->set_issued_from("2024-02-01");
         r->set_issued_to("2024-01-01");
       }},
      {"kind[0]", [](SearchLicensesRequest* r) { r->mutable_kind()->Add(99); }},
      {"lat",
       [](SearchLicensesRequest* r) {
         r->set_lng(120.3);
         r->set_radius_m(10);
       }},
      {"district", [](SearchLicensesRequest* r) { r->set_district("火星區"); }},
      {"q", [](SearchLicensesRequest* r) { r->set_q(std::string(300, 'x')); }},
      {"page_size", [](SearchLicensesRequest* r) { r->set_page_size(-1); }},
      {"page_token",
       [](SearchLicensesRequest* r) { r->set_page_token("garbage"); }},
  };
  for (const Case& c : cases) {
    SearchLicensesRequest r;
    c.set(&r);
    SearchLicensesResponse resp;
    EXPECT_THAT(Search(r, &resp), IsInvalidField(c.field)) << c.field;
  }
}

// Every public path: gRPC and HTTP, lookup and search. The raw answer
// holds no person's full name and no phone; organisations are in full.
TEST_F(LicensesTest, PersonsAreMaskedOnEveryPublicPath) {
  std::vector<std::string> answers;
  for (const char* n : {kBuilding, kAmendment, kUse, kDemolition, kOffices}) {
    absl::StatusOr<License> l = Get(n);
    ASSERT_TRUE(l.ok()) << n;
    answers.push_back(l->SerializeAsString());
    answers.push_back(l->DebugString());
  }
  SearchLicensesRequest all;
  all.set_page_size(1000);
  SearchLicensesResponse resp;
  ASSERT_TRUE(Search(all, &resp).ok());
  answers.push_back(resp.DebugString());
  const int port = server_->http_port();
  for (const std::string& target : std::vector<std::string>{
           "/v1/licenses/" + UrlEncode(kBuilding), "/v1/licenses/108-2302-01",
           "/v1/licenses/" + UrlEncode("113使字1160"),
           "/v1/licenses/" + UrlEncode("111拆字45"),
           "/v1/licenses/" + UrlEncode("112建字777"),
           std::string("/v1/licenses:search?pageSize=1000"),
           "/v1/licenses:search?q=" + UrlEncode("四維三路"),
           "/v1/licenses:search?address=" + UrlEncode("光復路二段")}) {
    HttpResult h = Fetch(port, "GET", target);
    ASSERT_EQ(h.status, 200) << target << ": " << h.body;
    answers.push_back(h.body);
  }
  for (const std::string& a : answers) {
    for (const char* person : kPersons) {
      EXPECT_THAT(a, Not(HasSubstr(person)));
    }
    EXPECT_THAT(a, Not(HasSubstr(kPhone)));
    EXPECT_THAT(a, Not(HasSubstr("自強二路9號")));
  }
  const std::string& search = answers[answers.size() - 3];
  for (const char* shown :
       {"王○明", "李○華", "歐○○明", "張○", "林○玉", "大高雄營造股份有限公司",
        "鳳山拆除工程行", "林大山建築師事務所", "高雄市政府工務局",
        "臺灣港務股份有限公司"}) {
    EXPECT_THAT(search, HasSubstr(shown));
  }
}

std::unique_ptr<grpc::ClientContext> KeyCtx(const std::string& key) {
  auto c = Ctx();
  c->AddMetadata("authorization", "Bearer " + key);
  return c;
}

// API keys: the full view needs a live key with the licenses.full scope,
// is audited, and never cached; a bad key is refused on every service.
TEST_F(LicensesTest, FullViewNeedsAScopedKeyAndIsAudited) {
  const std::string full =
      Q("SELECT pwis_create_api_key('高雄市政府地政局', "
        "ARRAY['licenses.full'])");
  const std::string other =
      Q("SELECT pwis_create_api_key('someone else', ARRAY['projects.write'])");
  const std::string revoked =
      Q("SELECT pwis_create_api_key('gone', ARRAY['licenses.full'])");
  ASSERT_EQ(Q("SELECT pwis_revoke_api_key('" + revoked.substr(0, 17) + "')"),
            "t");
  ASSERT_EQ(full.size(), 82u);
  // Only the hash is kept.
  EXPECT_EQ(Q("SELECT count(*) FROM api_keys WHERE "
              "api_keys::text LIKE '%" +
              full.substr(18, 20) + "%'"),
            "0");

  pwis::v1::GetLicenseRequest r;
  r.set_number(kBuilding);
  r.set_view(pwis::v1::LICENSE_VIEW_FULL);
  License l;
  EXPECT_EQ(licenses().GetLicense(Ctx().get(), r, &l).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(licenses().GetLicense(KeyCtx(other).get(), r, &l).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  for (const std::string& bad :
       {revoked, std::string("pwis_nonsense"),
        full.substr(0, 81) + (full.back() == '0' ? "1" : "0"),
        std::string(full).replace(18, 1, full[18] == 'a' ? "b" : "a")}) {
    grpc::Status s = licenses().GetLicense(KeyCtx(bad).get(), r, &l);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << bad;
    // A bad key is never taken for no key, whatever the method.
    pwis::v1::GetLicenseRequest pub;
    pub.set_number(kBuilding);
    EXPECT_EQ(licenses().GetLicense(KeyCtx(bad).get(), pub, &l).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    pwis::v1::ListDistrictsRequest d;
    pwis::v1::ListDistrictsResponse dr;
    EXPECT_EQ(server_->districts()
                  .ListDistricts(KeyCtx(bad).get(), d, &dr)
                  .error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_EQ(Q("SELECT count(*) FROM api_key_audit"), "0");

  grpc::Status s = licenses().GetLicense(KeyCtx(full).get(), r, &l);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(l.full_record());
  EXPECT_EQ(l.parties(0).name(), "王小明");
  EXPECT_EQ(l.parties(1).name(), "林大山");
  EXPECT_EQ(Q("SELECT k.holder || ' ' || a.method || ' ' || a.resource FROM "
              "api_key_audit a JOIN api_keys k ON k.id = a.key_id"),
            std::string("高雄市政府地政局 GetLicense ") + kBuilding);
  // The same key asking for the public view gets it, unaudited.
  pwis::v1::GetLicenseRequest pub;
  pub.set_number(kBuilding);
  ASSERT_TRUE(licenses().GetLicense(KeyCtx(full).get(), pub, &l).ok());
  EXPECT_EQ(l.parties(0).name(), "王○明");
  EXPECT_FALSE(l.full_record());
  // After the full read, the public still gets the public answer.
  ASSERT_TRUE(licenses().GetLicense(Ctx().get(), pub, &l).ok());
  EXPECT_EQ(l.parties(0).name(), "王○明");

  SearchLicensesRequest q;
  q.set_q("王○明");
  q.set_view(pwis::v1::LICENSE_VIEW_FULL);
  SearchLicensesResponse resp;
  EXPECT_EQ(Search(q, &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_TRUE(licenses().SearchLicenses(KeyCtx(full).get(), q, &resp).ok());
  ASSERT_EQ(resp.licenses_size(), 3);
  EXPECT_EQ(resp.licenses(0).parties(0).name(), "王小明、李大華");
  EXPECT_EQ(Q("SELECT count(*) FROM api_key_audit WHERE method = "
              "'SearchLicenses' AND resource LIKE '%" +
              std::string(kUse) + "%'"),
            "1");
  EXPECT_EQ(Q("SELECT count(*) FROM api_key_audit"), "2");

  // Over HTTP: 401 / 403 with a google.rpc.Status body; the key in either
  // header; a full answer no shared cache may keep.
  const int port = server_->http_port();
  const std::string target =
      "/v1/licenses/" + UrlEncode(kBuilding) + "?view=LICENSE_VIEW_FULL";
  HttpResult h = Fetch(port, "GET", target);
  EXPECT_EQ(h.status, 401) << h.body;
  EXPECT_THAT(h.body, HasSubstr("licenses.full"));
  h = Fetch(port, "GET", target, {{"x-api-key", other}});
  EXPECT_EQ(h.status, 403) << h.body;
  h = Fetch(port, "GET", target, {{"x-api-key", revoked}});
  EXPECT_EQ(h.status, 401) << h.body;
  for (const auto& header : std::vector<std::map<std::string, std::string>>{
           {{"x-api-key", full}}, {{"authorization", "Bearer " + full}}}) {
    h = Fetch(port, "GET", target, header);
    ASSERT_EQ(h.status, 200) << h.body;
    EXPECT_THAT(h.body, HasSubstr("王小明"));
    EXPECT_EQ(h.headers["cache-control"], "private, no-store");
  }
  EXPECT_EQ(Q("SELECT count(*) FROM api_key_audit"), "4");
}

// Labels in the caller's language: a request field, else Accept-Language
// (HTTP header or gRPC metadata); both when neither names one served.
TEST_F(LicensesTest, LabelsFollowTheCallersLanguage) {
  pwis::v1::GetLicenseRequest r;
  r.set_number(kBuilding);
  License l;
  ASSERT_TRUE(licenses().GetLicense(Ctx().get(), r, &l).ok());
  EXPECT_EQ(l.kind_label().zh_tw(), "建造執照");
  EXPECT_EQ(l.kind_label().en(), "Building license");
  // The request field (search and case lookups have one).
  SearchLicensesRequest q;
  q.set_q("108建字2302");
  q.set_language("en");
  SearchLicensesResponse resp;
  ASSERT_TRUE(Search(q, &resp).ok());
  ASSERT_GE(resp.licenses_size(), 1);
  const License& en = resp.licenses(0);
  EXPECT_EQ(en.kind_label().zh_tw(), "");
  EXPECT_EQ(en.kind_label().en(), "Building license");
  EXPECT_EQ(en.parties(0).role_label().zh_tw(), "");
  EXPECT_EQ(en.district().name().en(), "Lingya District");
  EXPECT_EQ(en.district().name().zh_tw(), "");
  q.set_language("fr");
  EXPECT_THAT(Search(q, &resp), IsInvalidField("language"));
  // Accept-Language as gRPC metadata.
  auto ctx = Ctx();
  ctx->AddMetadata("accept-language", "zh-TW,zh;q=0.9,en;q=0.8");
  ASSERT_TRUE(licenses().GetLicense(ctx.get(), r, &l).ok());
  EXPECT_EQ(l.kind_label().en(), "");
  EXPECT_EQ(l.kind_label().zh_tw(), "建造執照");
  EXPECT_EQ(l.use_licenses(0).kind_label().en(), "");

  // Over HTTP, the same URL in two languages: the read cache keeps them
  // apart, and the answer says it varies.
  const int port = server_->http_port();
  const std::string url = "/v1/licenses/108-2302";
  for (int round = 0; round < 2; ++round) {
    HttpResult en = Fetch(port, "GET", url, {{"accept-language", "en-US"}});
    ASSERT_EQ(en.status, 200) << en.body;
    EXPECT_THAT(en.body, HasSubstr("Building license"));
    EXPECT_THAT(en.body, Not(HasSubstr("建造執照")));
    EXPECT_THAT(en.headers["vary"], HasSubstr("Accept-Language"));
    HttpResult zh = Fetch(port, "GET", url, {{"accept-language", "zh-Hant"}});
    ASSERT_EQ(zh.status, 200) << zh.body;
    EXPECT_THAT(zh.body, HasSubstr("建造執照"));
    EXPECT_THAT(zh.body, Not(HasSubstr("Building license")));
    HttpResult both = Fetch(port, "GET", url, {{"accept-language", "fr, de"}});
    EXPECT_THAT(both.body, HasSubstr("建造執照"));
    EXPECT_THAT(both.body, HasSubstr("Building license"));
  }
  HttpResult c = Fetch(port, "GET",
                       "/v1/cases/115BA00001?checkCode=K7M2Q9X4TP&language=en");
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_THAT(c.body, HasSubstr("The owner's seal is missing"));
  EXPECT_THAT(c.body, Not(HasSubstr("缺地主簽章")));
}

absl::StatusOr<pwis::v1::Case> GetCase(TestServer& server,
                                       const std::string& case_no,
                                       const std::string& code) {
  pwis::v1::GetCaseRequest r;
  r.set_case_no(case_no);
  r.set_check_code(code);
  pwis::v1::Case c;
  grpc::Status s =
      server.stub<pwis::v1::LicenseService>().GetCase(Ctx().get(), r, &c);
  if (!s.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                        s.error_message());
  }
  return c;
}

TEST_F(LicensesTest, CasesImportKeepsOnlyTheCodesHash) {
  EXPECT_EQ(cases_import_->exit_code, 0) << cases_import_->output;
  const std::string& out = cases_import_->output;
  EXPECT_THAT(out, HasSubstr("7 read = 3 inserted"));
  EXPECT_THAT(out, HasSubstr("license_cases_events_check"));  // skips review
  EXPECT_THAT(out, HasSubstr("license_cases_unit_code_fkey"));
  EXPECT_THAT(out, HasSubstr("status \"pondering\": not one of received"));
  EXPECT_THAT(out, HasSubstr("record 7"));  // a correction naming nothing
  EXPECT_EQ(Q("SELECT count(*) FROM license_cases WHERE license_cases::text "
              "LIKE '%K7M2%' OR license_cases::text LIKE '%P4W8%' OR "
              "license_cases::text LIKE '%王小明%' OR "
              "license_cases::text LIKE '%0912%'"),
            "0");
  // A timeline may grow, never be rewritten.
  EXPECT_THAT(
      [&] {
        try {
          db_->Exec(
              "UPDATE license_cases SET events = jsonb_set(events, "
              "'{0,at}', '\"2026-08-01T00:00:00+08:00\"') WHERE case_no = "
              "'115BA00001'");
        } catch (const std::exception& e) {
          return std::string(e.what());
        }
        return std::string();
      }(),
      HasSubstr("its timeline may only grow"));
}

TEST_F(LicensesTest, CaseLookupNeedsTheCheckCode) {
  absl::StatusOr<pwis::v1::Case> c =
      GetCase(*server_, "115BA00001", "K7M2Q9X4TP");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->case_no(), "115BA00001");
  EXPECT_EQ(c->kind(), pwis::v1::CASE_KIND_NEW_BUILDING);
  EXPECT_EQ(c->kind_label().zh_tw(), "建造執照申請");
  EXPECT_EQ(c->status(), pwis::v1::CASE_STATUS_CORRECTION_REQUIRED);
  EXPECT_EQ(c->status_label().en(), "Correction required");
  EXPECT_EQ(c->unit().name().zh_tw(), "建築管理處建照科");
  EXPECT_EQ(c->unit().public_phone(), "07-3368333#3301");
  EXPECT_EQ(c->received_date(), "2026-09-01");
  EXPECT_EQ(c->district().name().zh_tw(), "苓雅區");
  ASSERT_EQ(c->timeline_size(), 3);
  EXPECT_EQ(c->timeline(1).status_label().zh_tw(), "審查中");
  EXPECT_EQ(c->timeline(2).note().en(), "Please send all of these at once");
  // Every missing document at once, with why.
  ASSERT_EQ(c->missing_documents_size(), 3);
  EXPECT_EQ(c->missing_documents(0).name().zh_tw(), "土地使用權同意書");
  EXPECT_EQ(c->missing_documents(0).reason().en(),
            "The owner's seal is missing");
  EXPECT_EQ(c->missing_documents(2).name().zh_tw(), "地籍圖謄本");
  // The clock stops while the applicant corrects: 6 working days used
  // (Sep 2-4, 7-9), no expected date.
  EXPECT_EQ(c->working_days_used(), 6);
  EXPECT_EQ(c->expected_date(), "");
  EXPECT_FALSE(c->overdue());
  // No applicant's name or phone anywhere.
  EXPECT_THAT(c->DebugString(), Not(HasSubstr("王")));

  // The way people type it: lower case, full width, spaces, dashes.
  c = GetCase(*server_, "１１５ba00001", "k7m2-q9x4 tp");
  ASSERT_TRUE(c.ok()) << c.status();

  // Decided: the days used up to the decision; the expected date moved on
  // by the correction (Jan 8-10 stopped).
  c = GetCase(*server_, "114BA00777", "P4W8N2R6ZX");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->status(), pwis::v1::CASE_STATUS_LICENSE_ISSUED);
  EXPECT_EQ(c->working_days_used(), 7);
  EXPECT_EQ(c->expected_date(), "2025-01-23");
  EXPECT_FALSE(c->overdue());
  EXPECT_EQ(c->license_no(), kMisc);
  EXPECT_EQ(c->missing_documents_size(), 0);
  // Undecided and past its date: overdue.
  c = GetCase(*server_, "114SR00042", "H3J5K7M9Q2");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->expected_date(), "2025-01-23");
  EXPECT_TRUE(c->overdue());
  EXPECT_EQ(c->unit().name().en(), "Construction Section");

  // A wrong code and no such case read the same (no oracle).
  absl::StatusOr<pwis::v1::Case> wrong =
      GetCase(*server_, "115BA00001", "K7M2Q9X4TQ");
  absl::StatusOr<pwis::v1::Case> none =
      GetCase(*server_, "115BA09999", "K7M2Q9X4TP");
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(none.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(
      absl::StrReplaceAll(wrong.status().message(), {{"115BA00001", "N"}}),
      absl::StrReplaceAll(none.status().message(), {{"115BA09999", "N"}}));
  // Another case's code is no key either.
  EXPECT_EQ(GetCase(*server_, "115BA00001", "P4W8N2R6ZX").status().code(),
            absl::StatusCode::kNotFound);

  pwis::v1::GetCaseRequest r;
  pwis::v1::Case out;
  r.set_case_no("115BA00001");
  EXPECT_THAT(licenses().GetCase(Ctx().get(), r, &out),
              IsInvalidField("check_code"));
  r.set_check_code("短碼");
  EXPECT_THAT(licenses().GetCase(Ctx().get(), r, &out),
              IsInvalidField("check_code"));
  r.set_check_code("K7M2Q9X4TP");
  r.set_case_no("115/BA");  // a slash is in no case number
  EXPECT_THAT(licenses().GetCase(Ctx().get(), r, &out),
              IsInvalidField("case_no"));

  HttpResult h = Fetch(server_->http_port(), "GET",
                       "/v1/cases/115BA00001?checkCode=K7M2Q9X4TP");
  ASSERT_EQ(h.status, 200) << h.body;
  EXPECT_THAT(h.body, HasSubstr("土地使用權同意書"));
  h = Fetch(server_->http_port(), "GET",
            "/v1/cases/115BA00001?checkCode=AAAAAAAAAA");
  EXPECT_EQ(h.status, 404) << h.body;
}

// The statutory clock runs on the offices' calendar once its year is
// loaded: days closed (typhoon days here) do not count, a make-up working
// Saturday does; before, the date says it may still move.
TEST_F(LicensesTest, CaseClockFollowsTheOfficeCalendar) {
  absl::StatusOr<pwis::v1::Case> c =
      GetCase(*server_, "114BA00777", "P4W8N2R6ZX");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->expected_date(), "2025-01-23");
  EXPECT_TRUE(c->expected_date_provisional());  // 2025 not loaded

  const std::string log =
      (std::filesystem::temp_directory_path() /
       absl::StrCat("pwis-calendar-test-", ::getpid(), ".log"))
          .string();
  Outcome o = RunImport(db_->url(),
                        {"--profile", "dgpa-calendar-csv", "--allow-rejects",
                         kFixtures + "office_calendar.csv"},
                        log);
  std::filesystem::remove(log);
  absl::Cleanup forget = [&] { db_->Exec("DELETE FROM office_calendar"); };
  EXPECT_EQ(o.exit_code, 0) << o.output;
  // Three rows refused, each by its record; the others land.
  EXPECT_THAT(o.output, HasSubstr("7 read = 4 inserted"));
  EXPECT_THAT(o.output, HasSubstr("2025-01-20 is another day of the week"));
  EXPECT_THAT(o.output, HasSubstr("expected 2 (closed) or 0 (open)"));
  EXPECT_THAT(o.output, HasSubstr("record 6"));
  EXPECT_EQ(Q("SELECT string_agg(day || ':' || day_off || ':' || note, ' ' "
              "ORDER BY day) FROM office_calendar WHERE source = 'dgpa'"),
            "2025-01-14:true:颱風停止上班 2025-01-15:true:颱風停止上班 "
            "2025-01-18:false:補行上班 2025-01-22:false:");

  // Received Mon 6 Jan, 10 working days, stopped 8-13 Jan, decided 20 Jan:
  // 7, 13, 16, 17, 18 (Sat, worked), 20 used; due on the 10th working day,
  // 21-24 Jan.
  c = GetCase(*server_, "114BA00777", "P4W8N2R6ZX");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->working_days_used(), 6);
  EXPECT_EQ(c->expected_date(), "2025-01-24");
  EXPECT_FALSE(c->expected_date_provisional());
  HttpResult h = Fetch(server_->http_port(), "GET",
                       "/v1/cases/114BA00777?checkCode=P4W8N2R6ZX");
  ASSERT_EQ(h.status, 200) << h.body;
  EXPECT_THAT(h.body, HasSubstr("\"expectedDate\":\"2025-01-24\""));
  EXPECT_THAT(h.body, Not(HasSubstr("expectedDateProvisional")));
}

// Repeated failures from one client are refused for a while, the right
// code too (else the limit would still answer guesses), by every server on
// the database (processes behind one load balancer); a found case is no
// failure, and concurrent guesses cannot pass the limit together.
TEST_F(LicensesTest, RepeatedFailedCaseLookupsAreLimited) {
  auto clear = [&] { db_->Exec("DELETE FROM case_lookup_failures"); };
  clear();
  absl::Cleanup cleared = clear;
  TestServer server(db_->url());
  auto wrong = [&](TestServer& s, int i) {
    return GetCase(s, "115BA00001", absl::StrCat("WRONG", 10000 + i))
        .status()
        .code();
  };
  auto right = [&](TestServer& s) {
    return GetCase(s, "115BA00001", "K7M2Q9X4TP").status().code();
  };
  for (int i = 0; i < 9; ++i) {
    EXPECT_EQ(wrong(server, i), absl::StatusCode::kNotFound) << i;
  }
  // Found cases give their attempt back.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(right(server), absl::StatusCode::kOk);
  EXPECT_EQ(wrong(server, 9), absl::StatusCode::kNotFound);
  absl::StatusOr<pwis::v1::Case> c =
      GetCase(server, "115BA00001", "K7M2Q9X4TP");
  EXPECT_EQ(c.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(c.status().message(), HasSubstr("try again in"));
  HttpResult h = Fetch(server.http_port(), "GET",
                       "/v1/cases/115BA00001?checkCode=K7M2Q9X4TP");
  EXPECT_EQ(h.status, 429) << h.body;
  // Another process on the same database counts the same failures.
  TestServer other(db_->url());
  EXPECT_EQ(right(other), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(Q("SELECT cardinality(times) FROM case_lookup_failures"), "10");

  // Sixteen guesses at once: ten are answered, never more. (A key idle
  // for longer than the window is dropped on the way.)
  clear();
  db_->Exec(
      "INSERT INTO case_lookup_failures VALUES ('192.0.2.1', ARRAY[now() - "
      "interval '1 hour'], now() - interval '1 hour', 1)");
  TestServer fresh(db_->url(), 8);
  std::vector<std::thread> threads;
  std::atomic<int> not_found{0}, refused{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      const absl::StatusCode code = wrong(fresh, 100 + i);
      if (code == absl::StatusCode::kNotFound) ++not_found;
      if (code == absl::StatusCode::kResourceExhausted) ++refused;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(not_found.load(), 10);
  EXPECT_EQ(refused.load(), 6);
  EXPECT_EQ(Q("SELECT string_agg(client, ',') FROM case_lookup_failures"),
            "127.0.0.1");
}

// Behind the deployment's own proxies each client has its own limit: the
// address the proxy appended to X-Forwarded-For (never what a client wrote
// left of it), or the one a trusted pwis-gateway names; IPv6 clients count
// by their /64. A server that trusts no proxy ignores the header.
TEST_F(LicensesTest, BehindTrustedProxiesEachClientHasItsOwnLimit) {
  auto clear = [&] { db_->Exec("DELETE FROM case_lookup_failures"); };
  clear();
  absl::Cleanup cleared = clear;
  TestServer proxied(db_->url(), 4, [](ServerOptions& o) {
    o.trusted_proxies = *gateway::TrustedProxies::Parse({"127.0.0.1"});
    o.gateway.trusted_proxies = o.trusted_proxies;
  });
  const std::string right = "/v1/cases/115BA00001?checkCode=K7M2Q9X4TP";
  for (int i = 0; i < 10; ++i) {
    HttpResult h = Fetch(
        proxied.http_port(), "GET",
        absl::StrCat("/v1/cases/115BA00001?checkCode=WRONG", 10000 + i),
        // The client's own forgery on the left changes nothing.
        {{"x-forwarded-for", absl::StrCat("192.0.2.", i, ", 203.0.113.5")}});
    EXPECT_EQ(h.status, 404) << i << h.body;
  }
  EXPECT_EQ(Fetch(proxied.http_port(), "GET", right,
                  {{"x-forwarded-for", "198.51.100.1, 203.0.113.5"}})
                .status,
            429);
  EXPECT_EQ(Fetch(proxied.http_port(), "GET", right,
                  {{"x-forwarded-for", "203.0.113.6"}})
                .status,
            200);
  // A gRPC proxy's header on a call from a trusted peer counts too.
  auto call = [&](TestServer& server,
                  const std::vector<std::pair<std::string, std::string>>& md,
                  const std::string& code) {
    pwis::v1::GetCaseRequest r;
    r.set_case_no("115BA00001");
    r.set_check_code(code);
    pwis::v1::Case c;
    std::unique_ptr<grpc::ClientContext> ctx = Ctx();
    for (const auto& [k, v] : md) ctx->AddMetadata(k, v);
    return server.stub<pwis::v1::LicenseService>()
        .GetCase(ctx.get(), r, &c)
        .error_code();
  };
  EXPECT_EQ(call(proxied, {{"x-forwarded-for", "203.0.113.5"}}, "K7M2Q9X4TP"),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  // A trusted pwis-gateway's word; one IPv6 subscriber is one /64.
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(call(proxied,
                   {{"pwis-client-address", absl::StrCat("2001:db8:1:2::", i)}},
                   absl::StrCat("WRONG", 10000 + i)),
              grpc::StatusCode::NOT_FOUND);
  }
  EXPECT_EQ(call(proxied, {{"pwis-client-address", "2001:db8:1:2:ffff::1"}},
                 "K7M2Q9X4TP"),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(
      call(proxied, {{"pwis-client-address", "2001:db8:1:3::1"}}, "K7M2Q9X4TP"),
      grpc::StatusCode::OK);

  // Trusting no one, a varying X-Forwarded-For is one client still.
  clear();
  TestServer plain(db_->url());
  for (int i = 0; i < 10; ++i) {
    Fetch(plain.http_port(), "GET",
          absl::StrCat("/v1/cases/115BA00001?checkCode=WRONG", 10000 + i),
          {{"x-forwarded-for", absl::StrCat("192.0.2.", i)}});
  }
  EXPECT_EQ(Fetch(plain.http_port(), "GET", right,
                  {{"x-forwarded-for", "203.0.113.77"}})
                .status,
            429);
  EXPECT_EQ(call(plain, {{"x-forwarded-for", "203.0.113.78"}}, "K7M2Q9X4TP"),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

}  // namespace
}  // namespace pwis::testing
