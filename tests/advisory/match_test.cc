#include "advisory/match.h"

#include <cstddef>
#include <string>
#include <vector>

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

// Checks every case of `cases` against `r` in `ecosystem`.
template <std::size_t N>
void ExpectKinds(const osv::Record& r, Ecosystem ecosystem,
                 const Case (&cases)[N]) {
  for (const Case& c : cases) {
    RecordMatch m = MatchRecord(r, ecosystem, c.name, c.version);
    EXPECT_EQ(m.kind, c.want) << c.name << "@" << c.version << " " << m.note;
  }
}

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
  ExpectKinds(r, Ecosystem::kNpm, cases);
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

TEST(MatchRecord, EvaluatesPyPIRangesWithPep440) {
  osv::Record r = Load("pypi/PYSEC-2026-10.json");
  const Case cases[] = {
      // introduced 0, fixed 1.2.0rc1: every pre-release below rc1 is in.
      {"range-py", "0.0.1", Kind::kAffected},
      {"range-py", "1.1.9.post3", Kind::kAffected},
      {"range-py", "1.2.dev7", Kind::kAffected},
      {"range-py", "1.2.0b3", Kind::kAffected},
      {"range-py", "1.2.0-beta.3", Kind::kAffected},
      {"range-py", "1.2rc1.dev2", Kind::kAffected},
      {"range-py", "1.2rc1", Kind::kNotAffected},
      {"range-py", "1.2.0c1", Kind::kNotAffected},
      {"range-py", "1.2.0", Kind::kNotAffected},
      {"range-py", "1.9", Kind::kNotAffected},
      // introduced 2.0, last_affected 2.1.post2: post-releases in order;
      // a local label sorts after its public version, past last_affected.
      {"range-py", "2.0.0", Kind::kAffected},
      {"range-py", "2.1", Kind::kAffected},
      {"range-py", "2.1.post2.dev1", Kind::kAffected},
      {"range-py", "2.1-2", Kind::kAffected},
      {"range-py", "2.1.0.post2", Kind::kAffected},
      {"range-py", "2.1.post2+ubuntu.1", Kind::kNotAffected},
      {"range-py", "2.1.post3", Kind::kNotAffected},
      {"range-py", "2.1.1.dev0", Kind::kNotAffected},
      // introduced 3.0a1, limit 3.0: pre-releases of 3.0 only.
      {"range-py", "3.0.dev0", Kind::kNotAffected},
      {"range-py", "3.0a1", Kind::kAffected},
      {"range-py", "3.0rc2.post1", Kind::kAffected},
      {"range-py", "3.0", Kind::kNotAffected},
      {"range-py", "3.0.post1", Kind::kNotAffected},
      // Epochs: 1!0 <= v < 1!1.5; every epoch-0 version is below.
      {"range-py-epoch", "1!0.9", Kind::kAffected},
      {"range-py-epoch", "1!1.5rc1", Kind::kAffected},
      {"range-py-epoch", "1!1.5", Kind::kNotAffected},
      {"range-py-epoch", "2024.1", Kind::kNotAffected},
      {"range-py-epoch", "2!0.1", Kind::kNotAffected},
      // Names per PEP 503; a version PEP 440 cannot read.
      {"RANGE.PY", "1.0", Kind::kAffected},
      {"range--py", "1.0", Kind::kAffected},
      {"rangepy", "1.0", Kind::kNotAffected},
      {"range-py", "latest", Kind::kCannotEvaluate},
  };
  ExpectKinds(r, Ecosystem::kPyPI, cases);
  // The same record says nothing about npm packages of those names.
  EXPECT_EQ(MatchRecord(r, Ecosystem::kNpm, "range-py", "1.0.0").kind,
            Kind::kNotAffected);
}

TEST(MatchRecord, ReportsFixedVersionsOfAPyPIRange) {
  osv::Record r = Load("pypi/PYSEC-2026-10.json");
  RecordMatch m = MatchRecord(r, Ecosystem::kPyPI, "range_py", "1.0");
  EXPECT_EQ(m.kind, Kind::kAffected);
  EXPECT_EQ(m.fixed_versions, std::vector<std::string>{"1.2.0rc1"});
  EXPECT_EQ(m.note, "version in an affected range");
  EXPECT_TRUE(MatchRecord(r, Ecosystem::kPyPI, "range-py", "2.1")
                  .fixed_versions.empty());  // last_affected fixes nothing
}

TEST(MatchRecord, NamesTheVersionOrEventPep440CannotRead) {
  osv::Record r = Load("pypi/PYSEC-2026-10.json");
  RecordMatch version = MatchRecord(r, Ecosystem::kPyPI, "range-py", "1.0-");
  EXPECT_EQ(version.kind, Kind::kCannotEvaluate);
  EXPECT_EQ(version.note,
            "\"1.0-\" is not a PEP 440 version: unexpected \"-\" after \"1.0\"");
  RecordMatch event = MatchRecord(r, Ecosystem::kPyPI, "bad-event-py", "1.5");
  EXPECT_EQ(event.kind, Kind::kCannotEvaluate);
  EXPECT_EQ(event.note,
            "range event \"2.0 final\" is not a PEP 440 version: unexpected "
            "\" final\" after \"2.0\"");
}

TEST(MatchRecord, ReadsSemverRangesOfPyPIPackagesAsSemver) {
  osv::Record r = Load("pypi/PYSEC-2026-10.json");
  EXPECT_EQ(MatchRecord(r, Ecosystem::kPyPI, "semver-py", "1.0.5").kind,
            Kind::kAffected);
  EXPECT_EQ(MatchRecord(r, Ecosystem::kPyPI, "semver-py", "1.1.0").kind,
            Kind::kNotAffected);
  RecordMatch m = MatchRecord(r, Ecosystem::kPyPI, "semver-py", "1.0");
  EXPECT_EQ(m.kind, Kind::kCannotEvaluate);
  EXPECT_EQ(m.note,
            "\"1.0\" is not a semver version: expected MAJOR.MINOR.PATCH");
}

TEST(MatchRecord, MatchesPyPIExactVersionsByPep440Equality) {
  osv::Record r = Load("pypi/PYSEC-2026-10.json");
  const Case cases[] = {
      {"listed-py", "1.0", Kind::kAffected},
      {"listed-py", "1.0.0", Kind::kAffected},
      {"listed-py", "v1.0.0.0", Kind::kAffected},
      {"listed-py", "0.1.2.post1", Kind::kAffected},
      {"listed-py", "0.1.2-1", Kind::kAffected},
      {"listed-py", "0.1.2", Kind::kNotAffected},
      {"listed-py", "1.0+local", Kind::kNotAffected},
      {"listed-py", "1.0.post0", Kind::kNotAffected},
      {"listed-py", "1.0.1", Kind::kNotAffected},
      // Neither side is PEP 440: the text must be the same.
      {"listed-py", "nightly-2024", Kind::kAffected},
      {"listed-py", "Nightly-2024", Kind::kNotAffected},
      // Exact lists never need the version to parse.
      {"listed-py", "junk", Kind::kNotAffected},
  };
  ExpectKinds(r, Ecosystem::kPyPI, cases);
  EXPECT_EQ(MatchRecord(r, Ecosystem::kPyPI, "listed-py", "1.0.0").note,
            "version listed by the advisory");
  // npm versions are compared as text only.
  osv::Record npm = Load("feed/MAL-2026-0002.json");
  EXPECT_EQ(MatchRecord(npm, Ecosystem::kNpm, "plain-crypto-js", "4.2.1.0").kind,
            Kind::kNotAffected);
}

TEST(MatchRecord, EvaluatesARecordWithBothVersionsAndRanges) {
  osv::Record r = Load("feed/PYSEC-2026-1.json");
  // versions ["1.82.7", "1.82.8"], range introduced 1.82.7, fixed 1.82.9.
  RecordMatch listed = MatchRecord(r, Ecosystem::kPyPI, "litellm", "1.82.8");
  EXPECT_EQ(listed.kind, Kind::kAffected);
  EXPECT_EQ(listed.note, "version listed by the advisory");
  EXPECT_TRUE(listed.fixed_versions.empty());
  RecordMatch ranged =
      MatchRecord(r, Ecosystem::kPyPI, "LiteLLM", "1.82.8.post1");
  EXPECT_EQ(ranged.kind, Kind::kAffected);
  EXPECT_EQ(ranged.note, "version in an affected range");
  EXPECT_EQ(ranged.fixed_versions, std::vector<std::string>{"1.82.9"});
  EXPECT_EQ(MatchRecord(r, Ecosystem::kPyPI, "litellm", "1.82.7.0").note,
            "version listed by the advisory");
  EXPECT_EQ(MatchRecord(r, Ecosystem::kPyPI, "litellm", "1.82.9rc1").kind,
            Kind::kAffected);
  EXPECT_EQ(MatchRecord(r, Ecosystem::kPyPI, "litellm", "1.82.9").kind,
            Kind::kNotAffected);
  EXPECT_EQ(MatchRecord(r, Ecosystem::kPyPI, "litellm", "1.82.6").kind,
            Kind::kNotAffected);
  EXPECT_EQ(MatchRecord(r, Ecosystem::kPyPI, "lite_llm", "1.82.8").kind,
            Kind::kNotAffected);
  RecordMatch junk = MatchRecord(r, Ecosystem::kPyPI, "litellm", "main");
  EXPECT_EQ(junk.kind, Kind::kCannotEvaluate);
  EXPECT_EQ(junk.note,
            "\"main\" is not a PEP 440 version: expected a release number "
            "like \"1.0\"");
}

TEST(NormalizeName, FollowsPep503ForPyPIOnly) {
  EXPECT_EQ(NormalizeName(Ecosystem::kPyPI, "Foo__Bar.-baz"), "foo-bar-baz");
  EXPECT_EQ(NormalizeName(Ecosystem::kPyPI, "LiteLLM"), "litellm");
  EXPECT_EQ(NormalizeName(Ecosystem::kPyPI, "guardrails_ai"), "guardrails-ai");
  // re.sub(r"[-_.]+", "-", name).lower() keeps runs at either end.
  EXPECT_EQ(NormalizeName(Ecosystem::kPyPI, "_foo."), "-foo-");
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

TEST(MatchRecord, AnIntroducedZeroOnlyRangeCoversVersionsThatCannotBeRead) {
  // A declared range with no pin, a git commit: no comparison is possible,
  // but a record that condemns every version still applies.
  for (auto [ecosystem, type] : {std::pair{Ecosystem::kNpm, osv::RangeType::kSemver},
                                 std::pair{Ecosystem::kPyPI, osv::RangeType::kEcosystem}}) {
    osv::Record r;
    r.id = "MAL-X";
    osv::Affected a;
    a.package = {std::string(model::EcosystemName(ecosystem)), "p", ""};
    osv::Range range;
    range.type = type;
    range.events = {{osv::Event::Kind::kIntroduced, "0"}};
    a.ranges.push_back(range);
    r.affected.push_back(a);
    for (const char* version : {"", "git+https://example.org/p.git#0123abc"}) {
      RecordMatch m = MatchRecord(r, ecosystem, "p", version);
      EXPECT_EQ(m.kind, Kind::kAffected) << version;
      EXPECT_TRUE(m.all_versions) << version;
      EXPECT_EQ(m.note, "advisory affects every version");
    }
    // A readable version is matched by comparison, as before.
    EXPECT_FALSE(MatchRecord(r, ecosystem, "p", "1.0.0").all_versions);
    // A range with a fix still needs a version.
    r.affected[0].ranges[0].events.push_back({osv::Event::Kind::kFixed, "2.0.0"});
    EXPECT_EQ(MatchRecord(r, ecosystem, "p", "").kind, Kind::kCannotEvaluate);
  }
}

}  // namespace
}  // namespace chainward::advisory
