#include "collect/npm/bun_lock.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace chainward::collect::npm {
namespace {

using model::SourceKind;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CHAINWARD_FIXTURES) + "/bun/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The package installed at `key`, or nullptr.
const model::Package* At(const model::Source& s, const std::string& key) {
  for (const auto& p : s.packages) {
    if (p.install_path == key) return &p;
  }
  return nullptr;
}

// The install paths `p` depends on, in order.
std::vector<std::string> EdgesOf(const model::Source& s, const model::Package& p) {
  std::vector<std::string> out;
  for (std::uint32_t i : p.dependencies) out.push_back(s.packages[i].install_path);
  return out;
}

Result<model::Source> Parse(const std::string& text, Diagnostics& d) {
  return ParseBunLock("bun.lock", text, d);
}

TEST(BunLockParser, ReadsAliasesTarballsFilesAndNestedCopies) {
  Diagnostics d;
  auto s = ParseBunLock("mixed/bun.lock", Fixture("mixed/bun.lock"), d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(s->format, model::SourceFormat::kBunLock);
  EXPECT_EQ(s->format_version, "2");
  ASSERT_EQ(s->packages.size(), 22u);

  const model::Package* is = At(*s, "@sindresorhus/is");
  ASSERT_NE(is, nullptr);
  EXPECT_EQ(is->name, "@sindresorhus/is");
  EXPECT_EQ(is->version, "4.6.0");
  EXPECT_EQ(is->kind, SourceKind::kRegistry);
  EXPECT_EQ(is->alias, "");
  EXPECT_EQ(is->integrity.substr(0, 16), "sha512-t09vSN3Md");
  EXPECT_TRUE(is->flags.direct);
  EXPECT_FALSE(is->flags.dev);
  ASSERT_EQ(is->locations.size(), 1u);
  EXPECT_EQ(is->locations[0].file, "mixed/bun.lock");
  EXPECT_EQ(is->locations[0].line, 27u);
  EXPECT_EQ(is->locations[0].column, 5u);

  const model::Package* cjs = At(*s, "string-width-cjs");
  ASSERT_NE(cjs, nullptr);
  EXPECT_EQ(cjs->name, "string-width");
  EXPECT_EQ(cjs->version, "4.2.3");
  EXPECT_EQ(cjs->alias, "string-width-cjs");
  EXPECT_TRUE(cjs->flags.direct);
  // Nested copies win over the hoisted ones, at every level.
  EXPECT_EQ(EdgesOf(*s, *cjs),
            (std::vector<std::string>{"string-width-cjs/emoji-regex", "is-fullwidth-code-point",
                                      "string-width-cjs/strip-ansi"}));
  const model::Package* nested_strip = At(*s, "string-width-cjs/strip-ansi");
  ASSERT_NE(nested_strip, nullptr);
  EXPECT_EQ(nested_strip->version, "6.0.1");
  EXPECT_EQ(nested_strip->alias, "");
  EXPECT_FALSE(nested_strip->flags.direct);
  EXPECT_EQ(EdgesOf(*s, *nested_strip),
            std::vector<std::string>{"string-width-cjs/strip-ansi/ansi-regex"});
  const model::Package* deep = At(*s, "string-width-cjs/strip-ansi/ansi-regex");
  ASSERT_NE(deep, nullptr);
  EXPECT_EQ(deep->version, "5.0.1");
  EXPECT_EQ(deep->locations[0].line, 69u);
  EXPECT_EQ(EdgesOf(*s, *At(*s, "strip-ansi")), std::vector<std::string>{"ansi-regex"});

  const model::Package* debug = At(*s, "debug");
  ASSERT_NE(debug, nullptr);
  EXPECT_EQ(debug->kind, SourceKind::kTarball);
  EXPECT_EQ(debug->version, "");
  EXPECT_EQ(debug->resolved, "https://registry.npmjs.org/debug/-/debug-4.3.4.tgz");
  EXPECT_EQ(debug->integrity.substr(0, 16), "sha512-PRWFHuSU3");
  EXPECT_EQ(EdgesOf(*s, *debug), std::vector<std::string>{"ms"});  // optional peer absent

  const model::Package* local = At(*s, "local-lib");
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(local->kind, SourceKind::kFile);
  EXPECT_EQ(local->resolved, "file:local-lib");
  EXPECT_EQ(local->integrity, "");
  EXPECT_EQ(EdgesOf(*s, *local), std::vector<std::string>{"local-lib/ms"});
  EXPECT_EQ(At(*s, "local-lib/ms")->version, "2.1.3");
  EXPECT_EQ(At(*s, "ms")->version, "2.1.2");

  EXPECT_TRUE(At(*s, "typescript")->flags.dev);
  EXPECT_TRUE(At(*s, "typescript")->flags.direct);
  EXPECT_TRUE(At(*s, "is-number")->flags.optional);
  EXPECT_FALSE(At(*s, "is-number")->flags.dev);
  // Peers of the root are installed: react and what it needs are prod.
  EXPECT_TRUE(At(*s, "react")->flags.direct);
  EXPECT_FALSE(At(*s, "react")->flags.optional);
  EXPECT_FALSE(At(*s, "js-tokens")->flags.dev);
  EXPECT_FALSE(At(*s, "js-tokens")->flags.direct);
  int dev = 0, optional = 0, direct = 0;
  for (const auto& p : s->packages) {
    dev += p.flags.dev;
    optional += p.flags.optional;
    direct += p.flags.direct;
  }
  EXPECT_EQ(dev, 1);
  EXPECT_EQ(optional, 1);
  EXPECT_EQ(direct, 9);
}

TEST(BunLockParser, ReadsWorkspaceMembersAndTheirDependencies) {
  Diagnostics d;
  auto s = ParseBunLock("bun.lock", Fixture("workspace/bun.lock"), d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(d.size(), 0u);
  ASSERT_EQ(s->packages.size(), 13u);
  const model::Package* a = At(*s, "@ws/a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, SourceKind::kWorkspace);
  EXPECT_EQ(a->name, "@ws/a");
  EXPECT_EQ(a->version, "1.0.0");
  EXPECT_EQ(a->resolved, "workspace:packages/a");
  EXPECT_TRUE(a->flags.direct);
  EXPECT_EQ(a->locations[0].line, 36u);
  EXPECT_EQ(EdgesOf(*s, *a), (std::vector<std::string>{"@ws/b", "strip-ansi"}));
  EXPECT_EQ(At(*s, "@ws/b")->version, "2.0.0");
  EXPECT_EQ(EdgesOf(*s, *At(*s, "@ws/b")), (std::vector<std::string>{"ms", "chalk"}));
  EXPECT_EQ(EdgesOf(*s, *At(*s, "strip-ansi")),
            std::vector<std::string>{"strip-ansi/ansi-regex"});

  const model::Package* chalk = At(*s, "chalk");
  EXPECT_TRUE(chalk->flags.direct);
  EXPECT_TRUE(chalk->flags.optional);
  EXPECT_EQ(chalk->locations[0].line, 44u);
  EXPECT_TRUE(At(*s, "has-flag")->flags.optional);
  EXPECT_FALSE(At(*s, "has-flag")->flags.direct);
  EXPECT_TRUE(At(*s, "ms")->flags.direct);
  EXPECT_FALSE(At(*s, "ms")->flags.optional);
  EXPECT_TRUE(At(*s, "@types/ms")->flags.dev);
  EXPECT_TRUE(At(*s, "ansi-regex")->flags.direct);
  EXPECT_FALSE(At(*s, "strip-ansi/ansi-regex")->flags.direct);
  int optional = 0;
  for (const auto& p : s->packages) optional += p.flags.optional;
  EXPECT_EQ(optional, 6);  // chalk and its five dependencies
}

TEST(BunLockParser, MarksPlatformPackagesOfOtherHostsSkipped) {
  Diagnostics d;
  auto s = ParseBunLock("bun.lock", Fixture("esbuild/bun.lock"), d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->packages.size(), 24u);
  const model::Package* esbuild = At(*s, "esbuild");
  EXPECT_TRUE(esbuild->flags.dev);
  EXPECT_TRUE(esbuild->flags.direct);
  EXPECT_FALSE(esbuild->flags.optional);
  EXPECT_EQ(esbuild->dependencies.size(), 23u);
  const model::Package* darwin = At(*s, "@esbuild/darwin-arm64");
  EXPECT_EQ(darwin->os, std::vector<std::string>{"darwin"});
  EXPECT_EQ(darwin->cpu, std::vector<std::string>{"arm64"});
  EXPECT_TRUE(darwin->flags.optional);
  EXPECT_TRUE(darwin->flags.dev);
  EXPECT_TRUE(darwin->flags.platform_skipped);
  const model::Package* linux = At(*s, "@esbuild/linux-x64");
  EXPECT_TRUE(linux->flags.optional);
  EXPECT_FALSE(linux->flags.platform_skipped);
  int skipped = 0;
  for (const auto& p : s->packages) skipped += p.flags.platform_skipped;
  EXPECT_EQ(skipped, 22);
}

TEST(BunLockParser, ReadsGitDependencies) {
  Diagnostics d;
  auto s = ParseBunLock("bun.lock", Fixture("git/bun.lock"), d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(d.size(), 0u);
  ASSERT_EQ(s->packages.size(), 16u);
  const model::Package* odd = At(*s, "is-odd");
  ASSERT_NE(odd, nullptr);
  EXPECT_EQ(odd->kind, SourceKind::kGit);
  EXPECT_EQ(odd->version, "");
  EXPECT_EQ(odd->resolved, "github:jonschlinkert/is-odd#8d2b5c4");
  EXPECT_EQ(odd->integrity, "");
  EXPECT_TRUE(odd->flags.direct);
  EXPECT_EQ(EdgesOf(*s, *odd), std::vector<std::string>{"is-number"});
  const model::Package* pad = At(*s, "left-pad");
  EXPECT_EQ(pad->kind, SourceKind::kGit);
  EXPECT_EQ(pad->resolved,
            "git+https://github.com/left-pad/left-pad.git#5b5a3f2d8e6f4b1c9a7e3d2f1b0c8a9e7d6f5a4b");
}

TEST(BunLockParser, ReadsTheScriptWrittenVersionOneFixture) {
  Diagnostics d;
  auto s = ParseBunLock("bun.lock", Fixture("app/bun.lock"), d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(s->format_version, "1");
  EXPECT_EQ(s->packages.size(), 44u);
}

TEST(BunLockParser, ResolvesScopedNestedKeysByWalkingUp) {
  Diagnostics d;
  auto s = Parse(R"({"lockfileVersion": 1, "workspaces": {"": {"dependencies": {"@s/a": "1"}}},
"packages": {
  "@s/a": ["@s/a@1.0.0", "", {"dependencies": {"@s/b": "1", "c": "1"}}, "sha512-a"],
  "@s/b": ["@s/b@2.0.0", "", {}, "sha512-b2"],
  "c": ["c@2.0.0", "", {}, "sha512-c2"],
  "@s/a/@s/b": ["@s/b@1.0.0", "", {"dependencies": {"c": "1"}}, "sha512-b1"],
  "@s/a/c": ["c@1.0.0", "", {}, "sha512-c1"],
  "@s/a/@s/b/d": ["@s/real@3.0.0", "", {}, "sha512-d"],
  "l": ["l@link:l"]
}})", d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(EdgesOf(*s, *At(*s, "@s/a")), (std::vector<std::string>{"@s/a/@s/b", "@s/a/c"}));
  EXPECT_EQ(EdgesOf(*s, *At(*s, "@s/a/@s/b")), std::vector<std::string>{"@s/a/c"});
  EXPECT_EQ(At(*s, "@s/a/@s/b")->alias, "");
  EXPECT_EQ(At(*s, "@s/a/@s/b/d")->alias, "d");
  EXPECT_EQ(At(*s, "@s/a/@s/b/d")->name, "@s/real");
  EXPECT_EQ(At(*s, "l")->kind, SourceKind::kLink);
  EXPECT_EQ(At(*s, "l")->resolved, "link:l");
}

TEST(BunLockParser, DerivesDevOptionalFromBothPaths) {
  Diagnostics d;
  auto s = Parse(R"({"lockfileVersion": 1, "workspaces": {"": {
  "devDependencies": {"t": "1"}, "optionalDependencies": {"o": "1"}}},
"packages": {
  "t": ["t@1.0.0", "", {"dependencies": {"both": "1"}}, ""],
  "o": ["o@1.0.0", "", {"dependencies": {"both": "1"}, "os": ["!linux"]}, ""],
  "both": ["both@1.0.0", "", {"os": "darwin", "cpu": ["arm64", "x64"]}, ""],
  "stray": ["stray@1.0.0", "", {}, ""]
}})", d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  const model::Package* t = At(*s, "t");
  EXPECT_TRUE(t->flags.dev);
  EXPECT_FALSE(t->flags.optional);
  const model::Package* o = At(*s, "o");
  EXPECT_FALSE(o->flags.dev);
  EXPECT_TRUE(o->flags.optional);
  EXPECT_TRUE(o->flags.platform_skipped);
  const model::Package* both = At(*s, "both");
  EXPECT_FALSE(both->flags.dev);
  EXPECT_FALSE(both->flags.optional);
  EXPECT_TRUE(both->flags.dev_optional);
  EXPECT_TRUE(both->flags.platform_skipped);
  EXPECT_EQ(both->cpu, (std::vector<std::string>{"arm64", "x64"}));
  EXPECT_FALSE(both->flags.direct);
  // Nothing leads to it: not needed by production code.
  EXPECT_TRUE(At(*s, "stray")->flags.dev);
}

TEST(BunLockParser, KeepsCommasInsideStrings) {
  Diagnostics d;
  auto s = Parse(R"({"lockfileVersion": 1, "workspaces": {"": {"name": "a,}",
    "dependencies": {"x": "^1",},},}, "packages": {
    "x": ["x@1.0.0", "", {}, "sha512-a,]"  ,
    ],
  },
})", d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->packages.size(), 1u);
  EXPECT_EQ(s->packages[0].integrity, "sha512-a,]");
  EXPECT_TRUE(s->packages[0].flags.direct);
  EXPECT_EQ(s->format_version, "1");
}

TEST(BunLockParser, AnEscapedQuoteDoesNotEndAString) {
  Diagnostics d;
  auto s = Parse(R"({"lockfileVersion": 0, "packages": {
    "x": ["x@1.0.0", "", {}, "a\",]"],}})", d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->packages[0].integrity, "a\",]");
}

TEST(BunLockParser, CountsLinesInCrlfText) {
  Diagnostics d;
  auto s = Parse("{\r\n\"lockfileVersion\": 1,\r\n\"packages\": {\r\n  \"x\": [\"x@1\"],\r\n}}", d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->packages.size(), 1u);
  EXPECT_EQ(s->packages[0].locations[0].line, 4u);
  EXPECT_EQ(s->packages[0].locations[0].column, 3u);
}

TEST(BunLockParser, ReportsMalformedEntriesAndGoesOn) {
  Diagnostics d;
  auto s = Parse(R"({"lockfileVersion": 1, "workspaces": {"": {"dependencies": {"ok": "1", "zz": "2"}},
"bad": 3, "w": {"name": 5}},
"packages": {
  "a": "a@1.0.0",
  "b": [],
  "c": [7],
  "d": ["d-no-version"],
  "e": ["e@1.0.0", "", {"dependencies": []}, "sha512-e"],
  "f": ["f@1.0.0", "", {}, "sha512-f", 3],
  "ok": ["ok@1.0.0", "", {"dependencies": {"gone": "^1"}}, "sha512-ok"],
  "ok": ["ok@2.0.0", "", {}, "sha512-ok2"]
}})", d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->packages.size(), 1u);
  EXPECT_EQ(s->packages[0].version, "1.0.0");
  EXPECT_TRUE(s->packages[0].flags.direct);
  std::vector<std::string> messages;
  for (const auto& item : d.items()) messages.push_back(item.ToString());
  EXPECT_EQ(messages,
            (std::vector<std::string>{
                "bun.lock:2:1: workspace \"bad\": not an object; skipped",
                "bun.lock:2:11: workspace \"w\": unexpected type for \"name\"; skipped",
                "bun.lock:4:3: package \"a\": not an array; skipped",
                "bun.lock:5:3: package \"b\": empty array; skipped",
                "bun.lock:6:3: package \"c\": the first element is not a \"name@version\" "
                "string; skipped",
                "bun.lock:7:3: package \"d\": \"d-no-version\" is not \"name@version\"; skipped",
                "bun.lock:8:3: package \"e\": unexpected type for \"dependencies\"; skipped",
                "bun.lock:9:3: package \"f\": unexpected element 5; skipped",
                "bun.lock:11:3: package \"ok\" appears twice; the first is kept",
                "bun.lock:10:3: package \"ok\": dependency \"gone\" has no entry",
            }));
  EXPECT_EQ(d.items().back().level, Diagnostic::Level::kWarning);
  EXPECT_TRUE(d.incomplete());
}

TEST(BunLockParser, RejectsTrailingGarbage) {
  Diagnostics d;
  auto s = Parse("{\"lockfileVersion\": 1, \"packages\": {}}\n x", d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kParse);
  EXPECT_EQ(s.error().message, "bun.lock:2:2: trailing content after the top-level object");
}

TEST(BunLockParser, RejectsTruncatedText) {
  Diagnostics d;
  auto s = Parse("{\"lockfileVersion\": 1, \"packages\": {\"a\": [\"a@1\", \"\"", d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kParse);
  EXPECT_EQ(s.error().message,
            "bun.lock:1:52: unexpected end of text (the top level is not closed)");
}

TEST(BunLockParser, RejectsBrokenStructureInsideTheDocument) {
  Diagnostics d;
  auto s = Parse("{\"lockfileVersion\": 1,\n \"packages\": {\"a\" [\"a@1\"]}}", d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kParse);
  EXPECT_EQ(s.error().message,
            "bun.lock:2:19: malformed \"packages\" (The JSON document has an improper "
            "structure: missing or superfluous commas, braces, missing keys, etc.)");
}

TEST(BunLockParser, RejectsTextThatIsNotJson) {
  Diagnostics d;
  auto s = Parse("lockfileVersion = 1", d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().message,
            "bun.lock:1:1: expected an object at the top level (The JSON element does not "
            "have the requested type.)");
}

TEST(BunLockParser, RejectsWrongTopLevelTypes) {
  Diagnostics d;
  auto list = Parse("[1]", d);
  ASSERT_FALSE(list.has_value());
  EXPECT_EQ(list.error().message,
            "bun.lock:1:1: expected an object at the top level (The JSON element "
            "does not have the requested type.)");
  auto packages = Parse("{\"lockfileVersion\": 1,\n \"packages\": []}", d);
  ASSERT_FALSE(packages.has_value());
  EXPECT_EQ(packages.error().message,
            "bun.lock:2:14: unexpected type for \"packages\" (The JSON element "
            "does not have the requested type.)");
  auto version = Parse("{\"lockfileVersion\": \"1\"}", d);
  ASSERT_FALSE(version.has_value());
  EXPECT_EQ(version.error().message,
            "bun.lock:1:21: unexpected type for \"lockfileVersion\" (The JSON "
            "element does not have the requested type.)");
  auto missing = Parse("{\"packages\": {}}", d);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "bun.lock: no \"lockfileVersion\"");
  EXPECT_EQ(d.size(), 0u);
}

TEST(BunLockParser, RejectsUnknownLockfileVersions) {
  Diagnostics d;
  auto s = Parse("{\"packages\": {},\n  \"lockfileVersion\": 3}", d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(s.error().message, "bun.lock:2:3: unsupported lockfileVersion 3");
}

TEST(BunLockParser, RejectsDeepNesting) {
  Diagnostics d;
  std::string deep = "{\"lockfileVersion\": 1, \"packages\": {\"a\": [\"a@1\", \"\", {\"bin\": " +
                     std::string(2000, '[') + std::string(2000, ']') + "}]}}";
  auto s = Parse(deep, d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kLimit);
  EXPECT_EQ(s.error().message, "bun.lock:1:570: nesting deeper than 512 levels");
}

}  // namespace
}  // namespace chainward::collect::npm
