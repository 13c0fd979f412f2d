#include "collect/npm/pnpm_lock.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "base/file.h"
#include "base/limits.h"
#include "collect/npm/pnpm_key.h"

namespace chainward::collect::npm {
namespace {

using model::Package;
using model::SourceKind;

std::string Fixture(const std::string& name) {
  auto text = ReadFile(std::string(CHAINWARD_FIXTURES) + "/pnpm/" + name,
                       limits::kMaxLockfileBytes);
  EXPECT_TRUE(text.has_value()) << name;
  return text.has_value() ? *text : std::string();
}

const Package* Get(const model::Source& s, std::string_view name,
                   std::string_view version) {
  for (const Package& p : s.packages) {
    if (p.name == name && p.version == version) return &p;
  }
  return nullptr;
}

std::vector<std::string> DependencyNames(const model::Source& s,
                                         const Package& p) {
  std::vector<std::string> out;
  for (std::uint32_t d : p.dependencies) {
    out.push_back(s.packages.at(d).Display());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The same project (package.json in projects/app) locked by pnpm 7, 8, 9
// and 10 must read the same way.
struct AppCase {
  const char* file;
  const char* format_version;
  const char* react_dom_key;
  std::uint32_t debug_line;
  bool install_scripts_recorded;  // requiresBuild exists before 9.x
};
const AppCase kAppCases[] = {
    {"app-v5.4.yaml", "5.4", "/react-dom/18.3.1_react@18.3.1", 250, true},
    {"app-v6.0.yaml", "6.0", "/react-dom@18.3.1(react@18.3.1)", 262, true},
    {"app-v9.0-pnpm9.yaml", "9.0", "react-dom@18.3.1(react@18.3.1)", 192, false},
    {"app-v9.0-pnpm10.yaml", "9.0", "react-dom@18.3.1(react@18.3.1)", 192, false},
};

TEST(PnpmLockParser, ReadsTheSameProjectFromEveryLockfileVersion) {
  for (const AppCase& c : kAppCases) {
    SCOPED_TRACE(c.file);
    Diagnostics diagnostics;
    auto source = ParsePnpmLock(c.file, Fixture(c.file), diagnostics);
    ASSERT_TRUE(source.has_value()) << source.error().message;
    EXPECT_EQ(diagnostics.size(), 0u);
    EXPECT_EQ(source->format, model::SourceFormat::kPnpmLock);
    EXPECT_EQ(source->format_version, c.format_version);
    // 41 entries pnpm resolved, plus the link: directory.
    ASSERT_EQ(source->packages.size(), 42u);

    const Package* is = Get(*source, "@sindresorhus/is", "4.6.0");
    ASSERT_NE(is, nullptr);
    EXPECT_TRUE(is->flags.direct);
    EXPECT_FALSE(is->flags.dev);
    EXPECT_EQ(is->kind, SourceKind::kRegistry);
    EXPECT_EQ(is->integrity.substr(0, 14), "sha512-t09vSN3");

    const Package* width = Get(*source, "string-width", "4.2.3");
    ASSERT_NE(width, nullptr);
    EXPECT_EQ(width->alias, "string-width-cjs");
    EXPECT_TRUE(width->flags.direct);
    EXPECT_EQ(DependencyNames(*source, *width),
              (std::vector<std::string>{"emoji-regex@8.0.0",
                                        "is-fullwidth-code-point@3.0.0",
                                        "strip-ansi@6.0.1"}));

    const Package* react_dom = Get(*source, "react-dom", "18.3.1");
    ASSERT_NE(react_dom, nullptr);
    EXPECT_EQ(react_dom->install_path, c.react_dom_key);
    EXPECT_EQ(DependencyNames(*source, *react_dom),
              (std::vector<std::string>{"loose-envify@1.4.0", "react@18.3.1",
                                        "scheduler@0.23.2"}));

    const Package* dev = Get(*source, "is-number", "7.0.0");
    ASSERT_NE(dev, nullptr);
    EXPECT_TRUE(dev->flags.dev);
    EXPECT_TRUE(dev->flags.direct);
    const Package* prod = Get(*source, "is-number", "6.0.0");
    ASSERT_NE(prod, nullptr);
    EXPECT_FALSE(prod->flags.dev);
    EXPECT_FALSE(prod->flags.direct);

    const Package* local = Get(*source, "local-lib", c.format_version[0] == '5' ? "0.1.0" : "");
    ASSERT_NE(local, nullptr);
    EXPECT_EQ(local->kind, SourceKind::kFile);
    EXPECT_EQ(local->resolved, "local-lib");
    EXPECT_EQ(DependencyNames(*source, *local),
              std::vector<std::string>{"is-odd@3.0.1"});

    const Package* linked = Get(*source, "linked", "");
    ASSERT_NE(linked, nullptr);
    EXPECT_EQ(linked->kind, SourceKind::kLink);
    EXPECT_EQ(linked->resolved, "linked");
    EXPECT_TRUE(linked->flags.direct);

    const Package* debug = Get(*source, "debug", "4.4.3");
    ASSERT_NE(debug, nullptr);
    ASSERT_FALSE(debug->locations.empty());
    EXPECT_EQ(debug->locations[0].file, c.file);
    EXPECT_EQ(debug->locations[0].line, c.debug_line);
    EXPECT_EQ(debug->locations[0].column, 3u);
    EXPECT_EQ(DependencyNames(*source, *debug),
              std::vector<std::string>{"ms@2.1.3"});

    const Package* esbuild = Get(*source, "esbuild", "0.19.12");
    ASSERT_NE(esbuild, nullptr);
    EXPECT_TRUE(esbuild->flags.optional);
    EXPECT_TRUE(esbuild->flags.direct);
    EXPECT_EQ(esbuild->flags.has_install_script, c.install_scripts_recorded);
    EXPECT_EQ(esbuild->dependencies.size(), 23u);
    const Package* darwin = Get(*source, "@esbuild/darwin-arm64", "0.19.12");
    ASSERT_NE(darwin, nullptr);
    EXPECT_EQ(darwin->os, std::vector<std::string>{"darwin"});
    EXPECT_EQ(darwin->cpu, std::vector<std::string>{"arm64"});
    EXPECT_TRUE(darwin->flags.optional);
    EXPECT_TRUE(darwin->flags.platform_skipped);
    const Package* linux_x64 = Get(*source, "@esbuild/linux-x64", "0.19.12");
    ASSERT_NE(linux_x64, nullptr);
    EXPECT_FALSE(linux_x64->flags.platform_skipped);
    auto skipped = std::count_if(
        source->packages.begin(), source->packages.end(),
        [](const Package& p) { return p.flags.platform_skipped; });
    EXPECT_EQ(skipped, 22);
  }
}

const char* const kMonoFiles[] = {"mono-v5.4.yaml", "mono-v6.0.yaml",
                                  "mono-v9.0-pnpm9.yaml",
                                  "mono-v9.0-pnpm10.yaml"};

TEST(PnpmLockParser, ReadsWorkspaceImporters) {
  for (const char* file : kMonoFiles) {
    SCOPED_TRACE(file);
    Diagnostics diagnostics;
    auto source = ParsePnpmLock(file, Fixture(file), diagnostics);
    ASSERT_TRUE(source.has_value()) << source.error().message;
    EXPECT_EQ(diagnostics.size(), 0u);
    ASSERT_EQ(source->packages.size(), 6u);

    // packages/b is named by packages/a's link to it; nothing links to a.
    const Package* b = Get(*source, "@mono/b", "");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->kind, SourceKind::kWorkspace);
    EXPECT_EQ(b->install_path, "packages/b");
    EXPECT_TRUE(b->flags.direct);
    EXPECT_EQ(DependencyNames(*source, *b),
              (std::vector<std::string>{"is-number@6.0.0", "kind-of@6.0.3"}));
    const Package* a = Get(*source, "packages/a", "");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->kind, SourceKind::kWorkspace);
    EXPECT_FALSE(a->flags.direct);
    EXPECT_EQ(DependencyNames(*source, *a),
              (std::vector<std::string>{"@mono/b", "is-odd@3.0.1"}));

    // kind-of is only a devDependency of a workspace member.
    EXPECT_TRUE(Get(*source, "kind-of", "6.0.3")->flags.dev);
    EXPECT_TRUE(Get(*source, "is-number", "7.0.0")->flags.dev);
    EXPECT_FALSE(Get(*source, "is-number", "6.0.0")->flags.dev);
    EXPECT_FALSE(Get(*source, "is-odd", "3.0.1")->flags.dev);
    EXPECT_TRUE(Get(*source, "is-odd", "3.0.1")->flags.direct);
  }
}

TEST(PnpmLockParser, ReadsGitAndTarballResolutions) {
  Diagnostics diagnostics;
  auto source = ParsePnpmLock("lock.yaml", Fixture("app-v9.0-handedited.yaml"),
                              diagnostics);
  ASSERT_TRUE(source.has_value()) << source.error().message;
  EXPECT_EQ(diagnostics.size(), 0u);
  EXPECT_EQ(source->packages.size(), 45u);
  const Package* github = Get(*source, "git-dep", "1.0.0");
  ASSERT_NE(github, nullptr);
  EXPECT_EQ(github->kind, SourceKind::kGit);
  EXPECT_EQ(github->resolved,
            "https://codeload.github.com/example/git-dep/tar.gz/"
            "0123456789abcdef0123456789abcdef01234567");
  EXPECT_TRUE(github->flags.direct);
  EXPECT_EQ(DependencyNames(*source, *github),
            std::vector<std::string>{"ms@2.1.3"});
  const Package* git = Get(*source, "git-other", "2.0.0");
  ASSERT_NE(git, nullptr);
  EXPECT_EQ(git->kind, SourceKind::kGit);
  EXPECT_EQ(git->resolved,
            "https://git.example.com/git-other.git#"
            "89abcdef0123456789abcdef0123456789abcdef");
  const Package* tgz = Get(*source, "remote-tgz", "1.0.0");
  ASSERT_NE(tgz, nullptr);
  EXPECT_EQ(tgz->kind, SourceKind::kTarball);
  EXPECT_EQ(tgz->resolved, "https://example.com/remote-tgz-1.0.0.tgz");
  EXPECT_EQ(tgz->integrity.substr(0, 10), "sha512-AAA");
  ASSERT_EQ(tgz->locations.size(), 2u);  // packages entry, then snapshot
  EXPECT_EQ(tgz->locations[0].line, 248u);
  EXPECT_EQ(tgz->locations[1].line, 409u);
}

TEST(PnpmLockParser, ReadsEveryDocumentAndMarksThePackageManagersOwn) {
  Diagnostics diagnostics;
  auto source = ParsePnpmLock("lock.yaml", Fixture("mono-v9.0-multidoc.yaml"),
                              diagnostics);
  ASSERT_TRUE(source.has_value()) << source.error().message;
  EXPECT_EQ(diagnostics.size(), 0u);
  EXPECT_EQ(source->format_version, "9.0");
  ASSERT_EQ(source->packages.size(), 7u);
  const Package* pnpm = Get(*source, "pnpm", "10.34.9");
  ASSERT_NE(pnpm, nullptr);
  EXPECT_TRUE(pnpm->flags.dev);
  EXPECT_TRUE(pnpm->flags.direct);
  EXPECT_EQ(pnpm->locations.at(0).line, 14u);
  EXPECT_FALSE(Get(*source, "is-odd", "3.0.1")->flags.dev);
}

TEST(PnpmLockParser, ReadsV5SingleProjectsWithRequiresBuildAndDevFlags) {
  const char* lock =
      "lockfileVersion: 5.3\n"
      "specifiers:\n  a: ^1.0.0\n  t: ^1\n"
      "dependencies:\n  a: 1.0.0\n  x: /y/2.0.0\n"
      "devDependencies:\n  t: 1.0.0_a@1.0.0\n"
      "packages:\n"
      "  /a/1.0.0:\n    resolution: {integrity: sha512-a}\n"
      "    requiresBuild: true\n    dev: false\n"
      "  /y/2.0.0:\n    resolution: {integrity: sha512-y}\n    dev: false\n"
      "  /t/1.0.0_a@1.0.0:\n    resolution: {integrity: sha512-t}\n"
      "    dependencies:\n      a: 1.0.0\n    dev: true\n";
  Diagnostics diagnostics;
  auto source = ParsePnpmLock("pnpm-lock.yaml", lock, diagnostics);
  ASSERT_TRUE(source.has_value()) << source.error().message;
  ASSERT_EQ(source->packages.size(), 3u);
  const Package* a = Get(*source, "a", "1.0.0");
  EXPECT_TRUE(a->flags.has_install_script);
  EXPECT_FALSE(a->flags.dev);
  EXPECT_EQ(Get(*source, "y", "2.0.0")->alias, "x");
  const Package* t = Get(*source, "t", "1.0.0");
  EXPECT_TRUE(t->flags.dev);
  EXPECT_EQ(t->install_path, "/t/1.0.0_a@1.0.0");
  EXPECT_EQ(t->locations.at(0).line, 18u);
}

TEST(PnpmLockParser, RefusesUnsupportedVersionsAndBrokenFiles) {
  Diagnostics diagnostics;
  auto r = ParsePnpmLock("l.yaml", "lockfileVersion: '4.0'\npackages: {}\n",
                         diagnostics);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(r.error().message,
            "l.yaml:1:18: unsupported lockfileVersion '4.0' (5.x, 6.x and 9.x "
            "are read)");

  r = ParsePnpmLock("l.yaml", "lockfileVersion: '9.0'\na: &x 1\n", diagnostics);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(r.error().message,
            "l.yaml:2:4: unsupported YAML: anchor '&' (lockfiles never use it)");

  r = ParsePnpmLock("l.yaml", "name: not-a-lock\n", diagnostics);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "l.yaml: not a pnpm lockfile (no lockfileVersion)");

  r = ParsePnpmLock("l.yaml", "", diagnostics);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "l.yaml: not a pnpm lockfile (no lockfileVersion)");

  r = ParsePnpmLock("l.yaml", "- a\n- b\n", diagnostics);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message,
            "l.yaml:1:1: expected a mapping at the top of the document");

  r = ParsePnpmLock("l.yaml", "importers: {}\n", diagnostics);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "l.yaml:1:1: no lockfileVersion");
  EXPECT_EQ(diagnostics.size(), 0u);
}

TEST(PnpmLockParser, ReportsBadEntriesAndReadsTheRest) {
  const char* lock =
      "lockfileVersion: '9.0'\n"
      "importers:\n  .:\n    dependencies:\n"
      "      a: {specifier: ^1, version: 1.0.0}\n"
      "      gone: {specifier: ^1, version: 1.0.0}\n"
      "packages:\n"
      "  a@1.0.0:\n    resolution: {integrity: sha512-a}\n"
      "  broken@1.0.0: just text\n"
      "  noversion:\n    resolution: {integrity: sha512-n}\n"
      "snapshots:\n"
      "  a@1.0.0:\n    dependencies:\n      missing: 2.0.0\n";
  Diagnostics diagnostics;
  auto source = ParsePnpmLock("l.yaml", lock, diagnostics);
  ASSERT_TRUE(source.has_value()) << source.error().message;
  std::vector<std::string> messages;
  for (const auto& d : diagnostics.items()) messages.push_back(d.ToString());
  EXPECT_EQ(messages,
            (std::vector<std::string>{
                "l.yaml:10:3: package entry \"broken@1.0.0\" is not a mapping",
                "l.yaml:11:3: no package name in \"noversion\"",
                "l.yaml:16:16: no package entry for missing@2.0.0",
                "l.yaml:6:38: no package entry for gone@1.0.0",
            }));
  EXPECT_TRUE(diagnostics.incomplete());
  ASSERT_EQ(source->packages.size(), 1u);
  EXPECT_TRUE(source->packages[0].flags.direct);
}

TEST(PnpmLockParser, SurvivesCyclesAndSelfReferences) {
  const char* lock =
      "lockfileVersion: '9.0'\n"
      "importers:\n  .:\n    devDependencies:\n"
      "      a: {specifier: ^1, version: 1.0.0}\n"
      "packages:\n  a@1.0.0: {resolution: {integrity: x}}\n"
      "  b@1.0.0: {resolution: {integrity: y}}\n"
      "snapshots:\n"
      "  a@1.0.0: {dependencies: {b: 1.0.0, a: 1.0.0}}\n"
      "  b@1.0.0: {dependencies: {a: 1.0.0}}\n";
  Diagnostics diagnostics;
  auto source = ParsePnpmLock("l.yaml", lock, diagnostics);
  ASSERT_TRUE(source.has_value()) << source.error().message;
  ASSERT_EQ(source->packages.size(), 2u);
  EXPECT_TRUE(source->packages[0].flags.dev);
  EXPECT_TRUE(source->packages[1].flags.dev);
  EXPECT_EQ(source->packages[0].dependencies.size(), 2u);
}

TEST(PnpmLockParser, RefusesHostileNesting) {
  std::string lock = "lockfileVersion: '9.0'\npackages: ";
  lock += std::string(5000, '[');
  Diagnostics diagnostics;
  auto r = ParsePnpmLock("l.yaml", lock, diagnostics);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kLimit);
}

struct KeyCase {
  const char* key;
  int major;
  const char* name;
  const char* version;
  bool registry;
};
const KeyCase kKeyCases[] = {
    {"/a/1.0.0", 5, "a", "1.0.0", true},
    {"/@s/n/1.0.0_p@1.0.0", 5, "@s/n", "1.0.0", true},
    {"/@s/n/1.0.0_@babel+core@7.0.0", 5, "@s/n", "1.0.0", true},
    {"file:lib", 5, "", "", false},
    {"registry.example/x/-/x-1.tgz", 5, "", "", false},
    {"/@s/n@1.0.0(p@1.0.0)(q@2.0.0)", 6, "@s/n", "1.0.0", true},
    {"@registry.example/x/-/x-1.tgz", 6, "", "", false},
    {"/x@https://h/x.tgz", 6, "x", "https://h/x.tgz", false},
    {"@s/n@1.0.0(@p/q@1.0.0(r@1))", 9, "@s/n", "1.0.0", true},
    {"lib@file:lib", 9, "lib", "file:lib", false},
    {"file:lib", 9, "", "", false},
    {"@", 9, "", "", false},
    {"", 9, "", "", false},
};

TEST(PnpmKey, SplitsKeysOfEveryVersion) {
  for (const KeyCase& c : kKeyCases) {
    PnpmKey k = ParsePnpmKey(c.key, c.major);
    EXPECT_EQ(k.name, c.name) << c.key;
    EXPECT_EQ(k.version, c.version) << c.key;
    EXPECT_EQ(k.registry, c.registry) << c.key;
  }
}

TEST(PnpmKey, JoinsLinkPaths) {
  EXPECT_EQ(JoinPnpmPath("packages/a", "../b"), "packages/b");
  EXPECT_EQ(JoinPnpmPath(".", "linked"), "linked");
  EXPECT_EQ(JoinPnpmPath(".", "./x/../y/"), "y");
  EXPECT_EQ(JoinPnpmPath(".", "../outside"), "../outside");
  EXPECT_EQ(JoinPnpmPath("a", ".."), ".");
  EXPECT_EQ(JoinPnpmPath("a", "/abs/dir"), "/abs/dir");
}

TEST(PnpmKey, EvaluatesPlatformRestrictionsForLinuxX64Glibc) {
  using V = std::vector<std::string>;
  EXPECT_FALSE(ExcludesThisHost({}, {}, {}));
  EXPECT_TRUE(ExcludesThisHost({"darwin"}, {}, {}));
  EXPECT_FALSE(ExcludesThisHost({"linux"}, {"x64"}, {"glibc"}));
  EXPECT_TRUE(ExcludesThisHost({"linux"}, {"arm64"}, {}));
  EXPECT_TRUE(ExcludesThisHost({"linux"}, {"x64"}, {"musl"}));
  EXPECT_TRUE(ExcludesThisHost(V{"!linux"}, {}, {}));
  EXPECT_FALSE(ExcludesThisHost(V{"!win32"}, {}, {}));
}

}  // namespace
}  // namespace chainward::collect::npm
