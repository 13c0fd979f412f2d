#include "collect/pypi/pylock.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lock_test_support.h"

namespace chainward::collect::pypi {
namespace {

using model::SourceKind;
using testing::EdgesOf;
using testing::Find;
using testing::Fixture;
using testing::FlagsOf;
using testing::Messages;

Result<model::Source> Parse(const std::string& text, Diagnostics& d) {
  return ParsePylock("pylock.toml", text, d);
}

// Written by pip (see README.md): wheels as arrays of tables, hashes tables.
TEST(PylockParser, ReadsAFileWrittenByPip) {
  Diagnostics d;
  auto s = ParsePylock("pylock.toml", Fixture("pylock/pylock.toml"), d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_TRUE(Messages(d).empty());
  EXPECT_EQ(s->format, model::SourceFormat::kPylock);
  EXPECT_EQ(s->format_version, "1.0");
  ASSERT_EQ(s->packages.size(), 5u);
  const model::Package& p = s->packages[1];
  EXPECT_EQ(p.Display(), "packaging@25.0");
  EXPECT_EQ(p.kind, SourceKind::kRegistry);
  EXPECT_EQ(p.hashes,
            (std::vector<std::string>{
                "sha256:29572ef2b1f17581046b3a2227d5c611fb25ec70ca1ba8554b24b0e69331a484"}));
  EXPECT_EQ(p.locations[0].line, 15u);
  EXPECT_EQ(p.locations[0].column, 1u);
  EXPECT_EQ(FlagsOf(p), "");
}

// After PEP 751's example (see README.md): every source kind.
TEST(PylockParser, ReadsEverySourceKind) {
  Diagnostics d;
  auto s = ParsePylock("pylock.spec.toml", Fixture("pylock/pylock.spec.toml"), d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_TRUE(Messages(d).empty());
  ASSERT_EQ(s->packages.size(), 8u);
  EXPECT_EQ(EdgesOf(*s, *Find(*s, "cattrs")), (std::vector<std::string>{"attrs@25.1.0"}));
  EXPECT_EQ(Find(*s, "numpy")->hashes.size(), 2u);
  const model::Package* pip = Find(*s, "pip");
  EXPECT_EQ(pip->kind, SourceKind::kGit);
  EXPECT_EQ(pip->resolved,
            "git+https://github.com/pypa/pip.git@c89a8e0d3bd9b8d46e0ef0a1cefb1e2bb8a6a0a8");
  const model::Package* local = Find(*s, "local-app");
  EXPECT_EQ(local->kind, SourceKind::kFile);
  EXPECT_EQ(local->version, "");
  EXPECT_EQ(FlagsOf(*local), "editable");
  const model::Package* vendored = Find(*s, "vendored");
  EXPECT_EQ(vendored->kind, SourceKind::kTarball);
  EXPECT_EQ(vendored->resolved, "https://***@files.example.com/vendored-1.0.tar.gz");
  EXPECT_EQ(vendored->hashes.size(), 1u);
  EXPECT_EQ(FlagsOf(*Find(*s, "pysocks")), "optional");
  EXPECT_EQ(Find(*s, "pysocks")->hashes[0],
            "sha256:3f8804571ebe159c380ac6de37643bb4685970655d3bba243530d6558b799aa0");
  EXPECT_EQ(FlagsOf(*Find(*s, "pytest")), "dev");
  EXPECT_EQ(Find(*s, "attrs")->index, "");
}

TEST(PylockParser, RejectsWholeFilesItCannotRead) {
  struct Case {
    const char* text;
    ErrorCode code;
    const char* message;
  };
  const Case cases[] = {
      {"[[packages]]\nname = \"a\"\n", ErrorCode::kParse, "pylock.toml: no \"lock-version\""},
      {"lock-version = 1.0\n", ErrorCode::kParse,
       "pylock.toml:1:16: \"lock-version\" is not a version string"},
      {"lock-version = '2.0'\n", ErrorCode::kUnsupported,
       "pylock.toml:1:16: pylock lock-version \"2.0\" is not supported (1.x is)"},
  };
  for (const Case& c : cases) {
    Diagnostics d;
    auto s = Parse(c.text, d);
    ASSERT_FALSE(s.has_value()) << c.text;
    EXPECT_EQ(s.error().code, c.code);
    EXPECT_EQ(s.error().message, c.message);
  }
}

TEST(PylockParser, ReadsANewerMinorVersionWithAWarning) {
  Diagnostics d;
  auto s = Parse("lock-version = '1.3'\n", d);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(Messages(d), (std::vector<std::string>{
                             "pylock.toml:1:16: lock-version 1.3 is newer than the version read "
                             "(1.0); read as 1.0"}));
}

TEST(PylockParser, ReportsMalformedEntriesAndReadsTheRest) {
  Diagnostics d;
  auto s = Parse(
      "lock-version = '1.0'\n"
      "packages = [\n"
      "  {version = '1'},\n"
      "  {name = 'a', version = 1},\n"
      "  {name = 'b', dependencies = [{name = 'ghost'}, {version = '1'}, 'c'], wheels = [1, "
      "{hashes = {sha256 = 5}}], sdist = {hashes = []}},\n"
      "  'c',\n"
      "]\n",
      d);
  ASSERT_TRUE(s.has_value());
  ASSERT_EQ(s->packages.size(), 1u);
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "pylock.toml:3:3: [[packages]] entry without \"name\"; skipped",
                "pylock.toml:4:26: expected a string for \"version\", found an integer",
                "pylock.toml:5:130: expected a table for \"hashes\", found an array",
                "pylock.toml:5:83: expected a table for a wheel, found an integer",
                "pylock.toml:5:106: expected a string for hash \"sha256\", found an integer",
                "pylock.toml:6:3: expected a table for [[packages]], found a string",
                "pylock.toml:5:32: dependency \"ghost\" is not a package of this lock; edge "
                "skipped",
                "pylock.toml:5:50: dependency without \"name\"; skipped",
                "pylock.toml:5:67: dependency without \"name\"; skipped",
            }));
}

TEST(PylockParser, NamesTheFilesItReads) {
  EXPECT_TRUE(IsPylockName("pylock.toml"));
  EXPECT_TRUE(IsPylockName("pylock.dev.toml"));
  EXPECT_TRUE(IsPylockName("pylock.py312-linux.toml"));
  EXPECT_FALSE(IsPylockName("pylock..toml"));
  EXPECT_FALSE(IsPylockName("pylock.a.b.toml"));
  EXPECT_FALSE(IsPylockName("pylock.lock"));
  EXPECT_FALSE(IsPylockName("mypylock.toml"));
}

}  // namespace
}  // namespace chainward::collect::pypi
