#include "collect/npm/bun_lock.h"

#include <gtest/gtest.h>

#include <string>

#include "base/file.h"
#include "base/limits.h"

namespace chainward::collect::npm {
namespace {

model::Source ParseFixture(Diagnostics& d) {
  auto text = ReadFile(std::string(CHAINWARD_FIXTURES) + "/bun/app/bun.lock",
                       limits::kMaxLockfileBytes);
  EXPECT_TRUE(text.has_value());
  auto s = ParseBunLock("app/bun.lock", *text, d);
  EXPECT_TRUE(s.has_value()) << s.error().message;
  return s ? *s : model::Source{};
}

const model::Package* Find(const model::Source& s, std::string_view install_path) {
  for (const model::Package& p : s.packages) {
    if (p.install_path == install_path) return &p;
  }
  return nullptr;
}

TEST(BunLockParser, ReadsEveryPackage) {
  Diagnostics d;
  model::Source s = ParseFixture(d);
  EXPECT_EQ(s.format, model::SourceFormat::kBunLock);
  EXPECT_EQ(s.format_version, "1");
  EXPECT_EQ(s.packages.size(), 44u);
  EXPECT_EQ(d.size(), 0u);
}

TEST(BunLockParser, ReadsKindsAliasesAndNesting) {
  Diagnostics d;
  model::Source s = ParseFixture(d);
  const model::Package* alias = Find(s, "string-width-cjs");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->name, "string-width");
  EXPECT_EQ(alias->alias, "string-width-cjs");
  EXPECT_EQ(alias->version, "4.2.3");
  EXPECT_EQ(alias->integrity.rfind("sha512-", 0), 0u);
  EXPECT_TRUE(alias->flags.direct);

  const model::Package* member = Find(s, "packages/ws-a");
  ASSERT_NE(member, nullptr);
  EXPECT_EQ(member->kind, model::SourceKind::kWorkspace);
  const model::Package* nested = Find(s, "ws-a/ms");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->version, "2.0.0");
  EXPECT_TRUE(nested->flags.direct);
  const model::Package* debug = Find(s, "debug");
  const model::Package* hoisted = Find(s, "ms");
  ASSERT_TRUE(debug && hoisted);
  ASSERT_EQ(debug->dependencies.size(), 1u);
  EXPECT_EQ(&s.packages[debug->dependencies[0]], hoisted);

  EXPECT_EQ(Find(s, "is-number")->kind, model::SourceKind::kTarball);
  EXPECT_EQ(Find(s, "local-lib")->kind, model::SourceKind::kFile);
  const model::Package* git = Find(s, "left-pad");
  ASSERT_NE(git, nullptr);
  EXPECT_EQ(git->kind, model::SourceKind::kGit);
  EXPECT_EQ(git->resolved, "github:left-pad/left-pad#5b1e2f9");
}

TEST(BunLockParser, FiltersPlatformsAndKeepsLines) {
  Diagnostics d;
  model::Source s = ParseFixture(d);
  const model::Package* darwin = Find(s, "@esbuild/darwin-arm64");
  const model::Package* linux = Find(s, "@esbuild/linux-x64");
  ASSERT_TRUE(darwin && linux);
  EXPECT_TRUE(darwin->flags.optional);
  EXPECT_TRUE(darwin->flags.platform_skipped);
  EXPECT_FALSE(linux->flags.platform_skipped);
  ASSERT_EQ(darwin->locations.size(), 1u);
  EXPECT_EQ(darwin->locations[0].line, 42u);
  EXPECT_EQ(darwin->locations[0].column, 5u);
  EXPECT_TRUE(Find(s, "fsevents")->flags.platform_skipped);
}

TEST(BunLockParser, KeepsCommasInsideStrings) {
  Diagnostics d;
  auto s = ParseBunLock("x.lock",
                        "{\"lockfileVersion\": 1, \"packages\": {\"a,]\": "
                        "[\"a,]@1.0.0\", \"\", {}, \"sha512-x\",],},}",
                        d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->packages.size(), 1u);
  EXPECT_EQ(s->packages[0].name, "a,]");
}

struct BadCase {
  const char* name;
  const char* text;
  ErrorCode code;
  const char* message;
};

TEST(BunLockParser, RejectsBrokenFiles) {
  const BadCase cases[] = {
      {"unknown version", "{\"lockfileVersion\": 7}", ErrorCode::kUnsupported,
       "x.lock: lockfileVersion 7 is not supported (0 and 1 are)"},
      {"no version", "{\"packages\": {}}", ErrorCode::kParse, "x.lock: no \"lockfileVersion\""},
      {"trailing garbage", "{\"lockfileVersion\": 1} x", ErrorCode::kParse,
       "x.lock:1:1: expected an object at the top level"},
      {"packages not an object", "{\"lockfileVersion\": 1, \"packages\": []}", ErrorCode::kParse,
       "x.lock:1:36: \"packages\" is not an object"},
  };
  for (const BadCase& c : cases) {
    Diagnostics d;
    auto s = ParseBunLock("x.lock", c.text, d);
    ASSERT_FALSE(s.has_value()) << c.name;
    EXPECT_EQ(s.error().code, c.code) << c.name;
    EXPECT_EQ(s.error().message.rfind(c.message, 0), 0u) << c.name << ": " << s.error().message;
  }
}

TEST(BunLockParser, SkipsBadEntries) {
  Diagnostics d;
  auto s = ParseBunLock("x.lock",
                        "{\"lockfileVersion\": 1, \"packages\": {\n"
                        "  \"a\": 5,\n"
                        "  \"b\": [7],\n"
                        "  \"c\": [\"c@1.0.0\", \"\", {}, \"sha512-x\"],\n}}",
                        d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->packages.size(), 1u);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items()[0].ToString(), "x.lock:2:3: entry \"a\" is not an array; skipped");
  EXPECT_EQ(d.items()[1].ToString(), "x.lock:3:3: entry \"b\" has no resolution; skipped");
}

}  // namespace
}  // namespace chainward::collect::npm
