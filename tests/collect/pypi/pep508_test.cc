#include "collect/pypi/pep508.h"

#include <gtest/gtest.h>

namespace chainward::collect::pypi {
namespace {

struct Case {
  const char* text;
  const char* name;
  std::vector<std::string> extras;
  const char* specifier;
  const char* url;
  const char* marker;
};

TEST(Pep508, ReadsEveryPartOfASpecifier) {
  const Case cases[] = {
      {"litellm==1.82.8", "litellm", {}, "==1.82.8", "", ""},
      {"  requests  ", "requests", {}, "", "", ""},
      {"requests[security,socks] (>=2.8.1, ==2.8.*) ; python_version < '2.7'",
       "requests",
       {"security", "socks"},
       ">=2.8.1,==2.8.*",
       "",
       "python_version < '2.7'"},
      {"Django>=4.2,<5", "Django", {}, ">=4.2,<5", "", ""},
      {"zope.interface ~= 7.0", "zope.interface", {}, "~=7.0", "", ""},
      {"name[]", "name", {}, "", "", ""},
      {"pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee",
       "pip",
       {},
       "",
       "https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee",
       ""},
      {"pip @ file:///wheels/pip.whl ; sys_platform == 'linux'",
       "pip",
       {},
       "",
       "file:///wheels/pip.whl",
       "sys_platform == 'linux'"},
      {"a===1.0+local", "a", {}, "===1.0+local", "", ""},
      {"tomli>=1.1.0;python_version<\"3.11\"",
       "tomli",
       {},
       ">=1.1.0",
       "",
       "python_version<\"3.11\""},
      {"colorama; platform_system == \"Windows\"",
       "colorama",
       {},
       "",
       "",
       "platform_system == \"Windows\""},
  };
  for (const Case& c : cases) {
    auto r = ParseRequirement(c.text);
    ASSERT_TRUE(r.has_value()) << c.text << ": " << r.error().message;
    EXPECT_EQ(r->name, c.name) << c.text;
    EXPECT_EQ(r->extras, c.extras) << c.text;
    EXPECT_EQ(r->specifier, c.specifier) << c.text;
    EXPECT_EQ(r->url, c.url) << c.text;
    EXPECT_EQ(r->marker, c.marker) << c.text;
  }
}

TEST(Pep508, SaysWhatWasExpectedAndWhere) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "column 1: expected a project name"},
      {"-e .", "column 1: expected a project name"},
      {"a[b", "column 4: expected \",\" or \"]\" in the extras"},
      {"a[,]", "column 3: expected an extra's name"},
      {"a (>=1", "column 7: expected \")\""},
      {"a =>1", "column 3: expected a version operator (==, !=, <=, >=, <, >, ~=, ===)"},
      {"a>=", "column 4: expected a version after \">=\""},
      {"a @ ", "column 5: expected a URL after \"@\""},
      {"a==1 b", "column 6: expected \";\" or the end of the requirement"},
      {"a==1;", "column 6: expected an environment marker after \";\""},
  };
  for (const auto& [text, message] : cases) {
    auto r = ParseRequirement(text);
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kParse);
    EXPECT_EQ(r.error().message, message) << text;
  }
}

TEST(Pep508, PinnedVersionOnlyForOneExactClause) {
  EXPECT_EQ(PinnedVersion("==1.82.8"), "1.82.8");
  EXPECT_EQ(PinnedVersion("===1.0+local"), "1.0+local");
  EXPECT_EQ(PinnedVersion("==1.*"), "");
  EXPECT_EQ(PinnedVersion(">=1.0"), "");
  EXPECT_EQ(PinnedVersion("==1.0,!=1.0.1"), "");
  EXPECT_EQ(PinnedVersion(""), "");
}

TEST(Pep508, NormalizesNamesPerPep503) {
  EXPECT_EQ(NormalizeName("Zope.Interface"), "zope-interface");
  EXPECT_EQ(NormalizeName("typing__extensions"), "typing-extensions");
  EXPECT_EQ(NormalizeName("A-_.B"), "a-b");
  EXPECT_EQ(NormalizeName("litellm"), "litellm");
}

}  // namespace
}  // namespace chainward::collect::pypi
