// Table-driven tests of the google.api.http path-template grammar and
// matcher (gateway/path_template.h).
#include "gateway/path_template.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace pwis::gateway {
namespace {

TEST(PathTemplateTest, ParsesAndPrintsCanonically) {
  const std::pair<const char*, const char*> cases[] = {
      {"/v1/roadworks", "/v1/roadworks"},
      {"/v1/roadworks/{id}", "/v1/roadworks/{id}"},
      {"/v1/roadworks/{id=*}", "/v1/roadworks/{id}"},
      {"/v1/roadworks:geojson", "/v1/roadworks:geojson"},
      {"/v1/{name=shelves/*/books/*}", "/v1/{name=shelves/*/books/*}"},
      {"/v1/files/{path=**}", "/v1/files/{path=**}"},
      {"/v1/{work.id}/x", "/v1/{work.id}/x"},
      {"/v1/*/items/**", "/v1/*/items/**"},
      {"/v1/permits/{id}:check", "/v1/permits/{id}:check"},
      {"/v1/a-b.c~d/%E4%B8%AD", "/v1/a-b.c~d/%E4%B8%AD"},
  };
  for (const auto& [in, out] : cases) {
    auto t = PathTemplate::Parse(in);
    ASSERT_TRUE(t.ok()) << in << ": " << t.status();
    EXPECT_EQ(t->ToString(), out) << in;
  }
}

TEST(PathTemplateTest, RejectsInvalidTemplates) {
  const char* cases[] = {
      "",               // no leading slash
      "v1/roadworks",   // no leading slash
      "/",              // no segment
      "/v1//x",         // empty segment
      "/v1/{id",        // unclosed variable
      "/v1/{}",         // empty field
      "/v1/{1id}",      // field must start with a letter
      "/v1/{a.}",       // empty field component
      "/v1/{a={b}}",    // nested variable
      "/v1/{id}/{id}",  // field bound twice
      "/v1/**/x",       // ** not last
      "/v1/{p=**}/x",   // ** not last
      "/v1/x:",         // empty verb
      "/v1/x:a:b",      // two verbs
      "/v1/x y",        // space
      "/v1/%zz",        // bad escape
      "/v1/x?y=1",      // query in template
  };
  for (const char* in : cases) {
    EXPECT_FALSE(PathTemplate::Parse(in).ok()) << in;
  }
}

struct MatchCase {
  const char* tmpl;
  const char* path;
  bool matches;
  std::map<std::string, std::string> bindings;
};

TEST(PathTemplateTest, MatchesAndBinds) {
  const MatchCase cases[] = {
      {"/v1/roadworks", "/v1/roadworks", true, {}},
      {"/v1/roadworks", "/v1/roadworks/", false, {}},  // trailing slash
      {"/v1/roadworks", "/v1/roadwork", false, {}},
      {"/v1/roadworks", "v1/roadworks", false, {}},
      {"/v1/roadworks/{id}", "/v1/roadworks/42", true, {{"id", "42"}}},
      {"/v1/roadworks/{id}", "/v1/roadworks/", false, {}},  // empty variable
      {"/v1/roadworks/{id}", "/v1/roadworks/4/2", false, {}},
      // One-segment variables decode everything, %2F included.
      {"/v1/roadworks/{id}", "/v1/roadworks/a%2Fb", true, {{"id", "a/b"}}},
      {"/v1/roadworks/{id}",
       "/v1/roadworks/%E4%B8%AD%E5%B1%B1",
       true,
       {{"id", "中山"}}},
      {"/v1/roadworks/{id}", "/v1/roadworks/%zz", false, {}},
      // Literals compare decoded.
      {"/v1/roadworks", "/v1/road%77orks", true, {}},
      // Multi-segment bindings keep %2F encoded.
      {"/v1/files/{path=**}",
       "/v1/files/a/b%2Fc/d",
       true,
       {{"path", "a/b%2Fc/d"}}},
      {"/v1/files/{path=**}", "/v1/files", true, {{"path", ""}}},
      {"/v1/files/{path=**}", "/v1/files/x", true, {{"path", "x"}}},
      {"/v1/{name=shelves/*/books/*}",
       "/v1/shelves/1/books/2",
       true,
       {{"name", "shelves/1/books/2"}}},
      {"/v1/{name=shelves/*/books/*}", "/v1/shelves/1/cds/2", false, {}},
      {"/v1/{work.id}/x", "/v1/7/x", true, {{"work.id", "7"}}},
      // Verbs.
      {"/v1/roadworks:geojson", "/v1/roadworks:geojson", true, {}},
      {"/v1/roadworks:geojson", "/v1/roadworks", false, {}},
      {"/v1/roadworks:geojson", "/v1/roadworks:csv", false, {}},
      {"/v1/roadworks", "/v1/roadworks:geojson", false, {}},
      {"/v1/permits/{id}:check",
       "/v1/permits/P-1:check",
       true,
       {{"id", "P-1"}}},
      // Without a verb in the template, a colon is ordinary text.
      {"/v1/permits/{id}", "/v1/permits/a:b", true, {{"id", "a:b"}}},
      // The verb is after the last colon of the last segment only.
      {"/v1/permits/{id}:check",
       "/v1/permits/a:b:check",
       true,
       {{"id", "a:b"}}},
      {"/v1/x/{id}:check", "/v1/x:check/7", false, {}},
      // An encoded colon is not a verb separator.
      {"/v1/roadworks:geojson", "/v1/roadworks%3Ageojson", false, {}},
      {"/v1/files/{path=**}:get", "/v1/files/a/b:get", true, {{"path", "a/b"}}},
  };
  for (const MatchCase& c : cases) {
    auto t = PathTemplate::Parse(c.tmpl);
    ASSERT_TRUE(t.ok()) << c.tmpl;
    auto m = t->Match(c.path);
    EXPECT_EQ(m.has_value(), c.matches) << c.tmpl << " vs " << c.path;
    if (!m || !c.matches) continue;
    std::map<std::string, std::string> got;
    for (const auto& b : *m) got[b.field_path] = b.value;
    EXPECT_EQ(got, c.bindings) << c.tmpl << " vs " << c.path;
  }
}

TEST(PathTemplateTest, SpecificityPrefersLiteralsThenVariablesThenDoubleStar) {
  std::vector<std::string> texts = {"/v1/{path=**}", "/v1/{id}",
                                    "/v1/roadworks", "/v1/{id}:geojson",
                                    "/v1/roadworks/{id}"};
  std::vector<PathTemplate> ts;
  for (const auto& s : texts) ts.push_back(*PathTemplate::Parse(s));
  std::sort(ts.begin(), ts.end(),
            [](const PathTemplate& a, const PathTemplate& b) {
              return a.CompareSpecificity(b) < 0;
            });
  std::vector<std::string> order;
  for (const auto& t : ts) order.push_back(t.ToString());
  EXPECT_EQ(order, (std::vector<std::string>{
                       "/v1/roadworks/{id}", "/v1/roadworks",
                       "/v1/{id}:geojson", "/v1/{id}", "/v1/{path=**}"}));
}

TEST(PathTemplateTest, SpecificityIsAStrictWeakOrdering) {
  // Sorting needs it; verbs and lengths once made a cycle here.
  std::vector<PathTemplate> ts;
  // Some are equally specific ("/{x}:v" and "/{y}:v", "/a/*" and
  // "/a/{z}"): incomparability must be transitive too.
  for (const char* s :
       {"/a:v", "/a/b", "/a/*:v", "/a/*", "/a", "/{x}:v", "/a/**", "/a/b:v",
        "/{x=**}", "/{y}:v", "/a/{z}", "/{w=**}", "/c/*"}) {
    ts.push_back(*PathTemplate::Parse(s));
  }
  auto less = [](const PathTemplate& a, const PathTemplate& b) {
    return a.CompareSpecificity(b) < 0;
  };
  int equivalent_pairs = 0;
  for (const auto& a : ts) {
    EXPECT_FALSE(less(a, a)) << a.ToString();
    for (const auto& b : ts) {
      if (&a != &b && !less(a, b) && !less(b, a)) ++equivalent_pairs;
    }
    for (const auto& b : ts) {
      if (less(a, b)) EXPECT_FALSE(less(b, a)) << a.ToString() << b.ToString();
      for (const auto& c : ts) {
        if (less(a, b) && less(b, c)) {
          EXPECT_TRUE(less(a, c))
              << a.ToString() << " " << b.ToString() << " " << c.ToString();
        }
        auto equiv = [&](const PathTemplate& x, const PathTemplate& y) {
          return !less(x, y) && !less(y, x);
        };
        if (equiv(a, b) && equiv(b, c)) {
          EXPECT_TRUE(equiv(a, c))
              << "incomparability not transitive: " << a.ToString() << " "
              << b.ToString() << " " << c.ToString();
        }
      }
    }
  }
  EXPECT_GT(equivalent_pairs, 0) << "the set tests no equivalence";
}

TEST(PercentDecodeTest, DecodesAndRejects) {
  EXPECT_EQ(PercentDecode("a%20b", false), "a b");
  EXPECT_EQ(PercentDecode("a%2fb", false), "a/b");
  EXPECT_EQ(PercentDecode("a%2fb", true), "a%2fb");
  EXPECT_EQ(PercentDecode("%", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%4", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%g0", false), std::nullopt);
}

}  // namespace
}  // namespace pwis::gateway
