#include "advisory/osv.h"

#include <string>

#include <gtest/gtest.h>

#include "base/file.h"

namespace chainward::advisory::osv {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(CHAINWARD_FIXTURES) + "/osv/" + name;
}

Record ParseFixture(const std::string& name) {
  Result<std::string> text = ReadFile(Fixture(name), 1 << 20);
  EXPECT_TRUE(text.has_value());
  Result<Record> r = Parse(name, *text);
  EXPECT_TRUE(r.has_value()) << r.error().message;
  return r ? *r : Record{};
}

TEST(OsvParser, ReadsEveryFieldOfARangeRecord) {
  Record r = ParseFixture("feed/nested/GHSA-aaaa-bbbb-cccc.json");
  EXPECT_EQ(r.id, "GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(r.modified, "2025-09-09T00:00:00Z");
  EXPECT_EQ(r.published, "2025-09-08T00:00:00Z");
  EXPECT_FALSE(r.is_withdrawn());
  EXPECT_EQ(r.aliases, std::vector<std::string>{"CVE-2025-0001"});
  EXPECT_EQ(r.related, std::vector<std::string>{"CVE-2025-0002"});
  ASSERT_EQ(r.severity.size(), 1u);
  EXPECT_EQ(r.severity[0].type, "CVSS_V3");
  ASSERT_EQ(r.affected.size(), 2u);
  const Affected& a = r.affected[0];
  EXPECT_EQ(a.package.ecosystem, "npm");
  EXPECT_EQ(a.package.name, "range-lib");
  ASSERT_EQ(a.ranges.size(), 4u);
  EXPECT_EQ(a.ranges[0].type, RangeType::kSemver);
  EXPECT_EQ(a.ranges[1].type, RangeType::kEcosystem);
  EXPECT_EQ(a.ranges[1].events[1].kind, Event::Kind::kLastAffected);
  EXPECT_EQ(a.ranges[2].events[1].kind, Event::Kind::kLimit);
  EXPECT_EQ(a.ranges[3].type, RangeType::kGit);
  EXPECT_EQ(a.ranges[3].repo, "https://example.org/range-lib.git");
  EXPECT_EQ(a.ecosystem_specific, R"({"affected_functions": ["merge"]})");
  ASSERT_EQ(r.references.size(), 2u);
  EXPECT_EQ(r.references[1].type, "FIX");
  ASSERT_EQ(r.credits.size(), 1u);
  EXPECT_EQ(r.credits[0].contact[0], "mailto:finder@example.org");
  EXPECT_FALSE(r.IsMalicious());
}

TEST(OsvParser, ReadsLastKnownGoodFromDatabaseSpecific) {
  Record r = ParseFixture("feed/MAL-2026-0002.json");
  ASSERT_EQ(r.affected.size(), 1u);
  EXPECT_EQ(r.affected[0].versions,
            (std::vector<std::string>{"4.2.1", "4.2.2-beta.1"}));
  EXPECT_EQ(r.affected[0].last_known_good, "4.2.0");
  EXPECT_TRUE(r.IsMalicious());
}

TEST(OsvParser, ReadsWithdrawn) {
  Record r = ParseFixture("feed/MAL-2026-0003-withdrawn.json");
  EXPECT_TRUE(r.is_withdrawn());
}

TEST(OsvParser, NamesFileAndPositionOfAWrongType) {
  Result<Record> r = Parse("broken.json",
                           "{\n  \"id\": \"X\",\n  \"affected\": [{\"package\": "
                           "{\"name\": 42}}]\n}");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kParse);
  EXPECT_EQ(r.error().message,
            "broken.json:3:37: bad \"name\" (The JSON element does not have "
            "the requested type.)");
}

TEST(OsvParser, RejectsRecordsWithoutId) {
  Result<Record> r = Parse("x.json", R"({"summary": "no id"})");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "x.json: record has no \"id\"");
}

TEST(OsvParser, RejectsNonObjectsAndTrailingContent) {
  EXPECT_FALSE(Parse("a.json", "[1, 2]").has_value());
  EXPECT_FALSE(Parse("a.json", "").has_value());
  EXPECT_FALSE(Parse("a.json", R"({"id": "X"} {"id": "Y"})").has_value());
  EXPECT_TRUE(Parse("a.json", "{\"id\": \"X\"}\n  ").has_value());
}

TEST(OsvParser, FailsDeepNestingAsALimit) {
  std::string deep = R"({"id": "X", "database_specific": )";
  for (int i = 0; i < 5000; ++i) deep += "[";
  for (int i = 0; i < 5000; ++i) deep += "]";
  deep += "}";
  Result<Record> r = Parse("deep.json", deep);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kLimit);
  EXPECT_EQ(r.error().message, "deep.json: nesting deeper than 512 levels at offset 544");
}

TEST(OsvParser, PrettyPrintsJson) {
  EXPECT_EQ(PrettyJson(R"({"a":[1,{"b":"x,y:{"}],"c":{}})"),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x,y:{\"\n    }\n  ],"
            "\n  \"c\": {}\n}");
}

}  // namespace
}  // namespace chainward::advisory::osv
