#include "collect/npm/package_lock.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "base/file.h"
#include "base/limits.h"

namespace chainward::collect::npm {
namespace {

const std::string kDir = std::string(CHAINWARD_FIXTURES) + "/npm/";

struct Parsed {
  model::Source source;
  Diagnostics diagnostics;
};

model::Source Parse(const std::string& rel, model::SourceFormat format, Diagnostics& d,
                    bool with_manifest = true) {
  auto text = ReadFile(kDir + rel, limits::kMaxLockfileBytes);
  EXPECT_TRUE(text.has_value());
  std::string dir = rel.substr(0, rel.find('/'));
  auto manifest_text = ReadFile(kDir + dir + "/package.json", limits::kMaxManifestBytes);
  std::optional<Manifest> manifest;
  if (with_manifest && manifest_text) {
    auto m = ParseManifest("package.json", *manifest_text);
    if (m) manifest = *m;
  }
  auto source = ParsePackageLock(rel, *text, format, manifest ? &*manifest : nullptr, d);
  EXPECT_TRUE(source.has_value()) << source.error().message;
  return source ? *source : model::Source{};
}

const model::Package* Find(const model::Source& s, std::string_view install_path) {
  for (const model::Package& p : s.packages) {
    if (p.install_path == install_path) return &p;
  }
  return nullptr;
}

std::size_t CountIf(const model::Source& s, bool (*pred)(const model::Package&)) {
  return static_cast<std::size_t>(std::count_if(s.packages.begin(), s.packages.end(), pred));
}

// Entries of the v3 fixture, written by npm 11 (see README.md).
TEST(NpmLockParser, ReadsEveryEntryOfAV3Lockfile) {
  Diagnostics d;
  model::Source s = Parse("v3/package-lock.json", model::SourceFormat::kPackageLock, d);
  EXPECT_EQ(s.format_version, "3");
  EXPECT_EQ(s.packages.size(), 45u);
  EXPECT_EQ(d.size(), 0u);
  // 23 of esbuild's 24 platform packages and fsevents are not for linux-x64.
  EXPECT_EQ(CountIf(s, [](const model::Package& p) { return p.flags.platform_skipped; }), 24u);
}

TEST(NpmLockParser, ReadsScopedAliasedAndNestedPackagesFromV3) {
  Diagnostics d;
  model::Source s = Parse("v3/package-lock.json", model::SourceFormat::kPackageLock, d);
  const model::Package* babel = Find(s, "node_modules/@babel/helper-validator-identifier");
  ASSERT_NE(babel, nullptr);
  EXPECT_EQ(babel->name, "@babel/helper-validator-identifier");
  EXPECT_TRUE(babel->flags.direct);
  EXPECT_EQ(babel->kind, model::SourceKind::kRegistry);

  const model::Package* alias = Find(s, "node_modules/string-width-cjs");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->name, "string-width");
  EXPECT_EQ(alias->alias, "string-width-cjs");
  EXPECT_EQ(alias->version, "4.2.3");
  ASSERT_EQ(alias->locations.size(), 1u);
  EXPECT_EQ(alias->locations[0].file, "v3/package-lock.json");
  EXPECT_EQ(alias->locations[0].line, 589u);
  EXPECT_EQ(alias->locations[0].column, 5u);
  EXPECT_EQ(alias->dependencies.size(), 3u);

  const model::Package* nested = Find(s, "packages/ws-a/node_modules/ms");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->version, "2.0.0");
  EXPECT_TRUE(nested->flags.direct);  // a direct dependency of workspace ws-a
}

TEST(NpmLockParser, RepresentsLinksWorkspacesFilesAndTarballs) {
  Diagnostics d;
  model::Source s = Parse("v3/package-lock.json", model::SourceFormat::kPackageLock, d);
  const model::Package* member = Find(s, "packages/ws-a");
  ASSERT_NE(member, nullptr);
  EXPECT_EQ(member->kind, model::SourceKind::kWorkspace);
  EXPECT_EQ(member->name, "ws-a");
  EXPECT_EQ(member->version, "0.1.0");
  const model::Package* link = Find(s, "node_modules/ws-a");
  ASSERT_NE(link, nullptr);
  EXPECT_EQ(link->kind, model::SourceKind::kLink);
  EXPECT_EQ(link->resolved, "packages/ws-a");
  ASSERT_EQ(link->dependencies.size(), 1u);
  EXPECT_EQ(&s.packages[link->dependencies[0]], member);

  const model::Package* file = Find(s, "local-lib");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->kind, model::SourceKind::kFile);
  EXPECT_EQ(file->version, "0.0.1");

  const model::Package* tarball = Find(s, "node_modules/is-number");
  ASSERT_NE(tarball, nullptr);
  EXPECT_EQ(tarball->kind, model::SourceKind::kTarball);
  EXPECT_EQ(tarball->version, "7.0.0");
}

TEST(NpmLockParser, KeepsFlagsAndInstallScripts) {
  Diagnostics d;
  model::Source s = Parse("v3/package-lock.json", model::SourceFormat::kPackageLock, d);
  const model::Package* esbuild = Find(s, "node_modules/esbuild");
  ASSERT_NE(esbuild, nullptr);
  EXPECT_TRUE(esbuild->flags.has_install_script);
  EXPECT_EQ(esbuild->dependencies.size(), 24u);
  const model::Package* linux = Find(s, "node_modules/@esbuild/linux-x64");
  ASSERT_NE(linux, nullptr);
  EXPECT_TRUE(linux->flags.optional);
  EXPECT_FALSE(linux->flags.platform_skipped);
  const model::Package* darwin = Find(s, "node_modules/@esbuild/darwin-arm64");
  ASSERT_NE(darwin, nullptr);
  EXPECT_TRUE(darwin->flags.platform_skipped);
  EXPECT_EQ(darwin->os, std::vector<std::string>{"darwin"});
  EXPECT_EQ(darwin->cpu, std::vector<std::string>{"arm64"});
  const model::Package* react = Find(s, "node_modules/react");
  ASSERT_NE(react, nullptr);
  EXPECT_TRUE(react->flags.peer);
}

// What npm installs on linux-x64 is exactly what the lockfile lists minus the
// platform-filtered optional packages: the hidden lockfile npm wrote after
// `npm ci` in the same project lists the same install paths.
TEST(NpmLockParser, LockfileMinusPlatformSkipsEqualsWhatNpmInstalled) {
  Diagnostics d;
  model::Source lock = Parse("v3/package-lock.json", model::SourceFormat::kPackageLock, d);
  model::Source hidden =
      Parse("hidden/node_modules/.package-lock.json", model::SourceFormat::kHiddenLockfile, d);
  std::vector<std::string> expected, installed;
  for (const model::Package& p : lock.packages) {
    if (!p.flags.platform_skipped) expected.push_back(p.install_path);
  }
  for (const model::Package& p : hidden.packages) installed.push_back(p.install_path);
  std::sort(expected.begin(), expected.end());
  std::sort(installed.begin(), installed.end());
  EXPECT_EQ(expected, installed);
  EXPECT_EQ(installed.size(), 21u);
}

TEST(NpmLockParser, ReadsV2FromThePackagesMap) {
  Diagnostics d;
  model::Source s = Parse("v2/package-lock.json", model::SourceFormat::kPackageLock, d);
  EXPECT_EQ(s.format_version, "2");
  EXPECT_EQ(s.packages.size(), 45u);
  EXPECT_NE(Find(s, "node_modules/string-width-cjs"), nullptr);
}

TEST(NpmLockParser, ReadsTheNestedV1Tree) {
  Diagnostics d;
  model::Source s = Parse("v1/package-lock.json", model::SourceFormat::kPackageLock, d);
  EXPECT_EQ(s.format_version, "1");
  EXPECT_EQ(s.packages.size(), 47u);
  const model::Package* nested = Find(s, "node_modules/debug/node_modules/ms");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->version, "2.1.3");
  const model::Package* top_ms = Find(s, "node_modules/ms");
  ASSERT_NE(top_ms, nullptr);
  EXPECT_EQ(top_ms->version, "2.0.0");
  EXPECT_TRUE(top_ms->flags.direct);
  // debug -> its own nested ms, not the hoisted one.
  const model::Package* debug = Find(s, "node_modules/debug");
  ASSERT_NE(debug, nullptr);
  ASSERT_EQ(debug->dependencies.size(), 1u);
  EXPECT_EQ(&s.packages[debug->dependencies[0]], nested);

  const model::Package* alias = Find(s, "node_modules/string-width-cjs");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->name, "string-width");
  EXPECT_EQ(alias->alias, "string-width-cjs");
  EXPECT_EQ(alias->version, "4.2.3");

  const model::Package* chalk = Find(s, "node_modules/chalk");
  ASSERT_NE(chalk, nullptr);
  EXPECT_TRUE(chalk->flags.dev);
  EXPECT_TRUE(chalk->flags.direct);

  const model::Package* tarball = Find(s, "node_modules/is-number");
  ASSERT_NE(tarball, nullptr);
  EXPECT_EQ(tarball->kind, model::SourceKind::kTarball);
  EXPECT_EQ(tarball->resolved, "https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz");

  const model::Package* file = Find(s, "node_modules/local-lib");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->kind, model::SourceKind::kFile);
  EXPECT_EQ(file->resolved, "file:local-lib");
}

TEST(NpmLockParser, WithoutAManifestV1TakesTopLevelPackagesAsDirect) {
  Diagnostics d;
  model::Source s =
      Parse("v1/package-lock.json", model::SourceFormat::kPackageLock, d, /*with_manifest=*/false);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_FALSE(d.incomplete());
  EXPECT_EQ(d.items()[0].message,
            "no package.json beside this lockfile: top-level packages are taken as the direct "
            "dependencies");
  EXPECT_FALSE(Find(s, "node_modules/debug/node_modules/ms")->flags.direct);
  EXPECT_TRUE(Find(s, "node_modules/debug")->flags.direct);
}

TEST(NpmLockParser, ReadsShrinkwrap) {
  Diagnostics d;
  model::Source s = Parse("shrinkwrap/npm-shrinkwrap.json", model::SourceFormat::kShrinkwrap, d);
  EXPECT_EQ(s.format, model::SourceFormat::kShrinkwrap);
  EXPECT_EQ(s.packages.size(), 45u);
}

TEST(NpmLockParser, ReadsAGitDependency) {
  Diagnostics d;
  model::Source s = Parse("git/package-lock.json", model::SourceFormat::kPackageLock, d);
  const model::Package* git = Find(s, "node_modules/left-pad");
  ASSERT_NE(git, nullptr);
  EXPECT_EQ(git->kind, model::SourceKind::kGit);
  EXPECT_EQ(git->resolved,
            "git+ssh://git@github.com/left-pad/left-pad.git#"
            "5b1e2f9a4d6c1f7e4b2a3c9d8e7f6a5b4c3d2e1f");
  EXPECT_EQ(git->version, "1.3.0");
}

struct BadCase {
  const char* name;
  const char* text;
  ErrorCode code;
  const char* message;
};

TEST(NpmLockParser, RejectsBrokenFilesWithThePosition) {
  const BadCase cases[] = {
      {"truncated", "{\"lockfileVersion\": 3, \"packages\": {\"\": {}",
       ErrorCode::kParse, "x.json:1:43: malformed \"packages\" map"},
      {"not an object", "[1]", ErrorCode::kParse,
       "x.json:1:1: expected an object at the top level"},
      {"unknown version", "{\"lockfileVersion\": 9, \"packages\": {}}", ErrorCode::kUnsupported,
       "x.json: lockfileVersion 9 is not supported (1, 2 and 3 are)"},
      {"no version", "{\"packages\": {}}", ErrorCode::kParse, "x.json: no \"lockfileVersion\""},
      {"v3 without packages", "{\"lockfileVersion\": 3}", ErrorCode::kParse,
       "x.json: lockfileVersion 3 without \"packages\""},
      {"version not a number", "{\"lockfileVersion\": \"3\"}", ErrorCode::kParse,
       "x.json:1:21: \"lockfileVersion\" is not a number"},
  };
  for (const BadCase& c : cases) {
    Diagnostics d;
    auto s = ParsePackageLock("x.json", c.text, model::SourceFormat::kPackageLock, nullptr, d);
    ASSERT_FALSE(s.has_value()) << c.name;
    EXPECT_EQ(s.error().code, c.code) << c.name;
    EXPECT_EQ(s.error().message.rfind(c.message, 0), 0u) << c.name << ": " << s.error().message;
  }
}

TEST(NpmLockParser, SkipsBadEntriesAndGoesOn) {
  const char* text =
      "{\"lockfileVersion\": 3, \"packages\": {\n"
      "  \"node_modules/a\": {\"version\": 1},\n"
      "  \"node_modules/../../etc\": {\"version\": \"1.0.0\"},\n"
      "  \"node_modules/b\": \"x\",\n"
      "  \"node_modules/c\": {\"version\": \"1.0.0\"}\n"
      "}}";
  Diagnostics d;
  auto s = ParsePackageLock("x.json", text, model::SourceFormat::kPackageLock, nullptr, d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->packages.size(), 1u);
  EXPECT_EQ(s->packages[0].name, "c");
  std::vector<std::string> messages;
  for (const Diagnostic& item : d.items()) messages.push_back(item.ToString());
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0],
            "x.json:2:3: entry \"node_modules/a\": unexpected type for \"version\" "
            "(The JSON element does not have the requested type.); skipped");
  EXPECT_EQ(messages[1],
            "x.json:3:3: entry \"node_modules/../../etc\" has an install path outside the "
            "project; skipped");
  EXPECT_EQ(messages[2], "x.json:4:3: entry \"node_modules/b\" is not an object; skipped");
  EXPECT_EQ(messages[3],
            "x.json: no package.json beside this lockfile: top-level packages are taken as the "
            "direct dependencies");
  EXPECT_TRUE(d.incomplete());
}

TEST(NpmLockParser, FailsCleanlyOnDeepV1Nesting) {
  std::string text = "{\"lockfileVersion\": 1, \"dependencies\": ";
  for (int i = 0; i < 2000; ++i) text += "{\"a\": {\"version\": \"1.0.0\", \"dependencies\": ";
  text += "{}";
  for (int i = 0; i < 2000; ++i) text += "}}";
  text += "}";
  Diagnostics d;
  auto s = ParsePackageLock("deep.json", text, model::SourceFormat::kPackageLock, nullptr, d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kLimit);
  // Each level opens two objects: level 256's "a" value is the 513th.
  EXPECT_EQ(s.error().message.rfind("deep.json:1:", 0), 0u) << s.error().message;
  EXPECT_NE(s.error().message.find("nesting deeper than 512 levels"), std::string::npos)
      << s.error().message;
}

}  // namespace
}  // namespace chainward::collect::npm
