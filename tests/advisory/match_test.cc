#include "advisory/match.h"

#include <string>

#include <gtest/gtest.h>

#include "base/file.h"

namespace chainward::advisory {
namespace {

using Kind = RecordMatch::Kind;
using model::Ecosystem;

osv::Record Load(const std::string& name) {
  std::string path = std::string(CHAINWARD_FIXTURES) + "/osv/" + name;
  Result<std::string> text = ReadFile(path, 1 << 20);
  EXPECT_TRUE(text.has_value());
  Result<osv::Record> r = osv::Parse(path, *text);
  EXPECT_TRUE(r.has_value()) << r.error().message;
  return r ? *r : osv::Record{};
}

struct Case {
  const char* name;
  const char* version;
  Kind want;
};

TEST(MatchRecord, EvaluatesEveryEventKind) {
  osv::Record r = Load("feed/nested/GHSA-aaaa-bbbb-cccc.json");
  const Case cases[] = {
      // introduced 0, fixed 1.2.0
      {"range-lib", "0.0.1", Kind::kAffected},
      {"range-lib", "1.1.9", Kind::kAffected},
      {"range-lib", "1.2.0-rc.1", Kind::kAffected},
      {"range-lib", "1.2.0", Kind::kNotAffected},
      {"range-lib", "1.9.9", Kind::kNotAffected},
      // introduced 2.0.0, last_affected 2.1.0
      {"range-lib", "2.0.0", Kind::kAffected},
      {"range-lib", "2.1.0", Kind::kAffected},
      {"range-lib", "2.1.1", Kind::kNotAffected},
      // introduced 3.0.0-alpha, limit 3.0.0-rc.2
      {"range-lib", "3.0.0-alpha", Kind::kAffected},
      {"range-lib", "3.0.0-rc.1", Kind::kAffected},
      {"range-lib", "3.0.0-rc.2", Kind::kNotAffected},
      {"range-lib", "3.0.0", Kind::kNotAffected},
      // second affected entry: two introduced/fixed pairs
      {"range-lib-legacy", "0.9.0", Kind::kNotAffected},
      {"range-lib-legacy", "1.0.4", Kind::kAffected},
      {"range-lib-legacy", "1.0.5", Kind::kNotAffected},
      {"range-lib-legacy", "1.1.1", Kind::kAffected},
      {"range-lib-legacy", "1.1.2", Kind::kNotAffected},
      // other package, loose spelling, not semver
      {"other", "1.0.0", Kind::kNotAffected},
      {"range-lib", "v1.0.0", Kind::kAffected},
      {"range-lib", "latest", Kind::kCannotEvaluate},
  };
  for (const Case& c : cases) {
    RecordMatch m = MatchRecord(r, Ecosystem::kNpm, c.name, c.version);
    EXPECT_EQ(m.kind, c.want) << c.name << "@" << c.version << " " << m.note;
  }
}

TEST(MatchRecord, ReportsFixedVersionsOfTheMatchingRange) {
  osv::Record r = Load("feed/nested/GHSA-aaaa-bbbb-cccc.json");
  RecordMatch m = MatchRecord(r, Ecosystem::kNpm, "range-lib-legacy", "1.1.0");
  EXPECT_EQ(m.kind, Kind::kAffected);
  EXPECT_EQ(m.fixed_versions, (std::vector<std::string>{"1.0.5", "1.1.2"}));
  EXPECT_EQ(m.note, "version in an affected range");
}

TEST(MatchRecord, SaysWhyAVersionCannotBeEvaluated) {
  osv::Record r = Load("feed/nested/GHSA-aaaa-bbbb-cccc.json");
  RecordMatch m = MatchRecord(r, Ecosystem::kNpm, "range-lib", "1.0");
  EXPECT_EQ(m.kind, Kind::kCannotEvaluate);
  EXPECT_EQ(m.note,
            "\"1.0\" is not a semver version: expected MAJOR.MINOR.PATCH");
}

TEST(MatchRecord, MatchesEveryVersionWhenNoneAreListed) {
  osv::Record r = Load("feed/MAL-2026-0001.json");
  for (const char* v : {"0.0.1", "99.0.0", "not-a-version", ""}) {
    RecordMatch m = MatchRecord(r, Ecosystem::kNpm, "evil-installer", v);
    EXPECT_EQ(m.kind, Kind::kAffected) << v;
    EXPECT_TRUE(m.all_versions);
    EXPECT_EQ(m.note, "advisory lists no versions: every version matches");
  }
  EXPECT_EQ(MatchRecord(r, Ecosystem::kPyPI, "evil-installer", "1.0.0").kind,
            Kind::kNotAffected);
}

TEST(MatchRecord, MatchesExactVersionsAndGivesLastKnownGood) {
  osv::Record r = Load("feed/MAL-2026-0002.json");
  RecordMatch m = MatchRecord(r, Ecosystem::kNpm, "plain-crypto-js", "4.2.1");
  EXPECT_EQ(m.kind, Kind::kAffected);
  EXPECT_EQ(m.last_known_good, "4.2.0");
  EXPECT_TRUE(m.fixed_versions.empty());
  EXPECT_EQ(MatchRecord(r, Ecosystem::kNpm, "plain-crypto-js", "4.2.0").kind,
            Kind::kNotAffected);
  // Exact versions need no semver and do not hit "cannot evaluate".
  EXPECT_EQ(MatchRecord(r, Ecosystem::kNpm, "plain-crypto-js", "junk").kind,
            Kind::kNotAffected);
}

TEST(MatchRecord, NeverMatchesWithdrawnRecords) {
  osv::Record r = Load("feed/MAL-2026-0003-withdrawn.json");
  EXPECT_EQ(MatchRecord(r, Ecosystem::kNpm, "innocent-pkg", "1.0.0").kind,
            Kind::kNotAffected);
}

TEST(MatchRecord, MatchesPyPIVersionsExactlyAndLeavesRangesUnsupported) {
  osv::Record r = Load("feed/PYSEC-2026-1.json");
  RecordMatch hit = MatchRecord(r, Ecosystem::kPyPI, "litellm", "1.82.8");
  EXPECT_EQ(hit.kind, Kind::kAffected);
  RecordMatch other = MatchRecord(r, Ecosystem::kPyPI, "lite_llm", "1.82.8");
  EXPECT_EQ(other.kind, Kind::kNotAffected);
  RecordMatch range = MatchRecord(r, Ecosystem::kPyPI, "LiteLLM", "1.82.8.post1");
  EXPECT_EQ(range.kind, Kind::kUnsupported);
  EXPECT_EQ(range.note, "PyPI version ranges (PEP 440) are not supported yet");
}

TEST(NormalizeName, FollowsPep503ForPyPIOnly) {
  EXPECT_EQ(NormalizeName(Ecosystem::kPyPI, "Foo__Bar.-baz"), "foo-bar-baz");
  EXPECT_EQ(NormalizeName(Ecosystem::kNpm, "Foo_Bar"), "Foo_Bar");
}

TEST(MatchRecord, TreatsIntroducedZeroAsTheFirstVersion) {
  osv::Record r;
  r.id = "X";
  osv::Affected a;
  a.package = {"npm", "p", ""};
  osv::Range range;
  range.type = osv::RangeType::kSemver;
  range.events = {{osv::Event::Kind::kIntroduced, "0"}};
  a.ranges.push_back(range);
  r.affected.push_back(a);
  EXPECT_EQ(MatchRecord(r, Ecosystem::kNpm, "p", "0.0.0-0").kind,
            Kind::kAffected);
  EXPECT_TRUE(MatchRecord(r, Ecosystem::kNpm, "p", "5.0.0").fixed_versions.empty());
}

}  // namespace
}  // namespace chainward::advisory
