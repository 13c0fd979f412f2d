#include "advisory/semver.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace chainward::advisory {
namespace {

struct ParseCase {
  const char* text;
  const char* canonical;  // nullptr: not a version
};

constexpr ParseCase kParseCases[] = {
    {"1.2.3", "1.2.3"},
    {"0.0.0", "0.0.0"},
    {"v1.2.3", "1.2.3"},
    {"=1.2.3", "1.2.3"},
    {"=v1.2.3", "1.2.3"},
    {"  1.2.3 ", "1.2.3"},
    {"1.0.0-alpha.1", "1.0.0-alpha.1"},
    {"1.0.0-0.3.7", "1.0.0-0.3.7"},
    {"1.0.0-x-y-z.--", "1.0.0-x-y-z.--"},
    {"1.0.0+20130313144700", "1.0.0+20130313144700"},
    {"1.0.0-beta+exp.sha.5114f85", "1.0.0-beta+exp.sha.5114f85"},
    {"99999999999999999999999.1.0", "99999999999999999999999.1.0"},
    {"", nullptr},
    {"v", nullptr},
    {"1", nullptr},
    {"1.2", nullptr},
    {"1.2.3.4", nullptr},
    {"01.2.3", nullptr},
    {"1.02.3", nullptr},
    {"1.2.3-", nullptr},
    {"1.2.3-01", nullptr},
    {"1.2.3-a..b", nullptr},
    {"1.2.3+", nullptr},
    {"1.2.3+a..b", nullptr},
    {"1.2.3-a$b", nullptr},
    {"a.b.c", nullptr},
    {"1.2.x", nullptr},
    {"^1.2.3", nullptr},
    {"1.2.3 - 2.0.0", nullptr},
    {"-1.2.3", nullptr},
    {"1.2.3\n4", nullptr},
};

TEST(SemVer, ParsesAndRejectsTheTable) {
  for (const ParseCase& c : kParseCases) {
    Result<SemVer> v = ParseSemVer(c.text);
    if (c.canonical == nullptr) {
      EXPECT_FALSE(v.has_value()) << "\"" << c.text << "\"";
      if (!v) {
        EXPECT_EQ(v.error().code, ErrorCode::kParse);
      }
    } else {
      ASSERT_TRUE(v.has_value()) << c.text << ": " << v.error().message;
      EXPECT_EQ(v->ToString(), c.canonical);
    }
  }
}

TEST(SemVer, NamesTheTextAndTheReasonInErrors) {
  EXPECT_EQ(ParseSemVer("1.2").error().message,
            "\"1.2\" is not a semver version: expected MAJOR.MINOR.PATCH");
  EXPECT_EQ(ParseSemVer("01.2.3").error().message,
            "\"01.2.3\" is not a semver version: major is not a number "
            "without leading zeros");
  EXPECT_EQ(ParseSemVer("1.2.3\x1b[31m").error().message,
            "\"1.2.3?[31m\" is not a semver version: unexpected text after "
            "the version");
}

TEST(SemVer, CutsLongJunkInErrors) {
  std::string junk(10000, 'x');
  std::string message = ParseSemVer(junk).error().message;
  EXPECT_EQ(message, "\"" + std::string(64, 'x') +
                         "...\" is not a semver version: major is not a "
                         "number without leading zeros");
}

TEST(SemVer, OrdersTheSpecPrecedenceChain) {
  const std::vector<std::string> chain = {
      "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
      "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
      "1.0.1", "1.1.0", "2.0.0", "10.0.0"};
  for (std::size_t i = 0; i < chain.size(); ++i) {
    for (std::size_t j = 0; j < chain.size(); ++j) {
      SemVer a = *ParseSemVer(chain[i]);
      SemVer b = *ParseSemVer(chain[j]);
      int want = i < j ? -1 : (i > j ? 1 : 0);
      EXPECT_EQ(Compare(a, b), want) << chain[i] << " vs " << chain[j];
    }
  }
}

TEST(SemVer, IgnoresBuildMetadataAndLooseSpelling) {
  EXPECT_EQ(Compare(*ParseSemVer("1.0.0+a"), *ParseSemVer("v1.0.0+b")), 0);
  EXPECT_EQ(Compare(*ParseSemVer("=1.0.0-rc.1"), *ParseSemVer("1.0.0-rc.1")),
            0);
}

TEST(SemVer, ComparesNumbersPast64Bits) {
  SemVer big = *ParseSemVer("1.0.18446744073709551616");  // 2^64
  SemVer max = *ParseSemVer("1.0.18446744073709551615");
  SemVer bigger = *ParseSemVer("1.0.99999999999999999999999999");
  EXPECT_LT(Compare(max, big), 0);
  EXPECT_LT(Compare(big, bigger), 0);
  EXPECT_LT(Compare(*ParseSemVer("1.0.0-99999999999999999999999"),
                    *ParseSemVer("1.0.0-a")),
            0);
}

}  // namespace
}  // namespace chainward::advisory
