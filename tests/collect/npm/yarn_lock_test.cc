#include "collect/npm/yarn_lock.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "base/file.h"
#include "base/limits.h"

namespace chainward::collect::npm {
namespace {

const std::string kDir = std::string(CHAINWARD_FIXTURES) + "/yarn/";

model::Source Parse(const std::string& project, Diagnostics& d, bool with_manifest = true) {
  auto text = ReadFile(kDir + project + "/yarn.lock", limits::kMaxLockfileBytes);
  EXPECT_TRUE(text.has_value());
  std::optional<Manifest> manifest;
  if (with_manifest) {
    auto m_text = ReadFile(kDir + project + "/package.json", limits::kMaxManifestBytes);
    auto m = ParseManifest("package.json", *m_text);
    EXPECT_TRUE(m.has_value());
    manifest = *m;
  }
  auto s = ParseYarnLock(project + "/yarn.lock", *text, manifest ? &*manifest : nullptr, d);
  EXPECT_TRUE(s.has_value()) << s.error().message;
  return s ? *s : model::Source{};
}

const model::Package* Find(const model::Source& s, std::string_view name,
                           std::string_view version, bool patched = false) {
  for (const model::Package& p : s.packages) {
    bool is_patch = p.resolved.find("@patch:") != std::string::npos;
    if (p.name == name && p.version == version && is_patch == patched) return &p;
  }
  return nullptr;
}

bool HasEdge(const model::Source& s, const model::Package* from, const model::Package* to) {
  for (std::uint32_t d : from->dependencies) {
    if (&s.packages[d] == to) return true;
  }
  return false;
}

TEST(YarnClassicParser, ReadsEveryEntryYarnWrote) {
  Diagnostics d;
  model::Source s = Parse("classic", d);
  EXPECT_EQ(s.format, model::SourceFormat::kYarnV1);
  EXPECT_EQ(s.format_version, "1");
  EXPECT_EQ(s.packages.size(), 47u);
  EXPECT_EQ(d.size(), 0u);
}

TEST(YarnClassicParser, ResolvesDescriptorsAndFlags) {
  Diagnostics d;
  model::Source s = Parse("classic", d);
  const model::Package* debug = Find(s, "debug", "4.4.3");
  const model::Package* ms_new = Find(s, "ms", "2.1.3");
  const model::Package* ms_old = Find(s, "ms", "2.0.0");
  ASSERT_TRUE(debug && ms_new && ms_old);
  EXPECT_TRUE(HasEdge(s, debug, ms_new));
  EXPECT_TRUE(debug->flags.direct);
  EXPECT_FALSE(debug->flags.dev);
  EXPECT_TRUE(ms_old->flags.dev);  // a devDependency nothing else needs
  ASSERT_EQ(debug->locations.size(), 1u);
  EXPECT_EQ(debug->locations[0].file, "classic/yarn.lock");
  EXPECT_EQ(debug->locations[0].line, 162u);
  EXPECT_EQ(debug->integrity.rfind("sha512-", 0), 0u);

  const model::Package* alias = Find(s, "string-width", "4.2.3");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->alias, "string-width-cjs");
  EXPECT_TRUE(alias->flags.direct);
  const model::Package* tarball = Find(s, "is-number", "7.0.0");
  ASSERT_NE(tarball, nullptr);
  EXPECT_EQ(tarball->kind, model::SourceKind::kTarball);
  const model::Package* file = Find(s, "local-lib", "0.0.1");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->kind, model::SourceKind::kFile);
  const model::Package* chalk = Find(s, "chalk", "4.1.2");
  ASSERT_NE(chalk, nullptr);
  EXPECT_TRUE(chalk->flags.dev);
  const model::Package* darwin = Find(s, "@esbuild/darwin-arm64", "0.24.0");
  ASSERT_NE(darwin, nullptr);
  EXPECT_TRUE(darwin->flags.optional);
}

TEST(YarnClassicParser, WithoutAManifestSaysDirectIsUnknown) {
  Diagnostics d;
  model::Source s = Parse("classic", d, /*with_manifest=*/false);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0].ToString(),
            "classic/yarn.lock: no package.json beside this lockfile: direct and dev "
            "dependencies are not known");
  EXPECT_FALSE(Find(s, "debug", "4.4.3")->flags.direct);
}

TEST(YarnBerryParser, ReadsEveryEntryOfAYarn4Lockfile) {
  Diagnostics d;
  model::Source s = Parse("berry", d);
  EXPECT_EQ(s.format, model::SourceFormat::kYarnBerry);
  EXPECT_EQ(s.format_version, "10");
  EXPECT_EQ(s.packages.size(), 50u);
  EXPECT_EQ(d.size(), 0u);
}

TEST(YarnBerryParser, RepresentsWorkspacesPatchesFilesAndPlatforms) {
  Diagnostics d;
  model::Source s = Parse("berry", d);
  const model::Package* member = nullptr;
  for (const model::Package& p : s.packages) {
    if (p.name == "ws-a") member = &p;
  }
  ASSERT_NE(member, nullptr);
  EXPECT_EQ(member->kind, model::SourceKind::kWorkspace);
  EXPECT_EQ(member->install_path, "packages/ws-a");
  const model::Package* ms_old = Find(s, "ms", "2.0.0");
  ASSERT_NE(ms_old, nullptr);
  EXPECT_TRUE(HasEdge(s, member, ms_old));
  EXPECT_TRUE(ms_old->flags.direct);  // a direct dependency of workspace ws-a

  const model::Package* plain = Find(s, "resolve", "1.22.14");
  const model::Package* patched = Find(s, "resolve", "1.22.14", /*patched=*/true);
  ASSERT_TRUE(plain && patched);
  EXPECT_NE(plain, patched);
  EXPECT_EQ(patched->resolved.rfind("resolve@patch:resolve@npm%3A1.22.14", 0), 0u);

  const model::Package* file = Find(s, "local-lib", "0.0.1");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->kind, model::SourceKind::kFile);
  EXPECT_TRUE(file->flags.direct);
  const model::Package* tarball = Find(s, "is-number", "7.0.0");
  ASSERT_NE(tarball, nullptr);
  EXPECT_EQ(tarball->kind, model::SourceKind::kTarball);
  const model::Package* alias = Find(s, "string-width", "4.2.3");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->alias, "string-width-cjs");

  const model::Package* darwin = Find(s, "@esbuild/darwin-arm64", "0.24.0");
  const model::Package* linux = Find(s, "@esbuild/linux-x64", "0.24.0");
  ASSERT_TRUE(darwin && linux);
  EXPECT_EQ(darwin->os, std::vector<std::string>{"darwin"});
  EXPECT_EQ(darwin->cpu, std::vector<std::string>{"arm64"});
  EXPECT_TRUE(darwin->flags.platform_skipped);
  EXPECT_FALSE(linux->flags.platform_skipped);
  // Berry records no checksum for conditional packages it did not fetch.
  EXPECT_TRUE(darwin->integrity.empty());
  const model::Package* esbuild = Find(s, "esbuild", "0.24.0");
  ASSERT_NE(esbuild, nullptr);
  EXPECT_EQ(esbuild->integrity.rfind("10c0/", 0), 0u);
}

struct BadCase {
  const char* name;
  const char* text;
  const char* diagnostic;
};

TEST(YarnClassicParser, ReportsBadLinesWithPositionsAndGoesOn) {
  const BadCase cases[] = {
      {"unterminated key", "\"a@^1:\n  version \"1.0.0\"\nb@^1:\n  version \"1.0.0\"\n",
       "x.lock:1:1: unterminated quote in entry key"},
      {"no colon", "a@^1\n  version \"1.0.0\"\nb@^1:\n  version \"1.0.0\"\n",
       "x.lock:1:1: expected \"descriptor[, descriptor]:\" to start an entry"},
      {"tab", "b@^1:\n\tversion \"1.0.0\"\n", "x.lock:2:1: tab in indentation"},
      {"unterminated value", "b@^1:\n  version \"1.0.0\n", "x.lock:2:3: unterminated quote in \"version\""},
      {"orphan field", "  version \"1.0.0\"\nb@^1:\n  version \"1.0.0\"\n",
       "x.lock:1:3: field outside an entry"},
      {"missing version", "b@^1:\n  resolved \"https://r/b/-/b-1.0.0.tgz\"\n",
       "x.lock:1:1: entry \"b@^1\" has no version"},
  };
  for (const BadCase& c : cases) {
    Diagnostics d;
    auto s = ParseYarnLock("x.lock", c.text, nullptr, d);
    ASSERT_TRUE(s.has_value()) << c.name;
    std::vector<std::string> errors;
    for (const Diagnostic& item : d.items()) {
      if (item.level == Diagnostic::Level::kError) errors.push_back(item.ToString());
    }
    ASSERT_FALSE(errors.empty()) << c.name;
    EXPECT_EQ(errors[0], c.diagnostic) << c.name;
  }
}

TEST(YarnClassicParser, RefusesOverLongLines) {
  std::string text = "a@^1:\n  version \"" + std::string(limits::kMaxLineBytes + 1, '1') + "\"\n";
  Diagnostics d;
  auto s = ParseYarnLock("x.lock", text, nullptr, d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kLimit);
  EXPECT_EQ(s.error().message, "x.lock:2: line longer than 1048576 bytes");
}

TEST(YarnBerryParser, RejectsAFileThatIsNotYaml) {
  Diagnostics d;
  auto s = ParseYarnLock("x.lock", "__metadata:\n  version: 8\n\"a@npm:1\n", nullptr, d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().message.rfind("x.lock:3:", 0), 0u) << s.error().message;
}

}  // namespace
}  // namespace chainward::collect::npm
