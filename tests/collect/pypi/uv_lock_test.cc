#include "collect/pypi/uv_lock.h"

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

model::Source ParseFixture(const std::string& rel, Diagnostics& d) {
  auto source = ParseUvLock(rel, Fixture("uv/" + rel), d);
  EXPECT_TRUE(source.has_value()) << source.error().message;
  return source ? *source : model::Source{};
}

Result<model::Source> Parse(const std::string& text, Diagnostics& d) {
  return ParseUvLock("uv.lock", text, d);
}

// uv 0.8 workspace (see README.md): a virtual root, two members, one
// editable path dependency, a member with a dynamic version.
TEST(UvLockParser, ReadsWorkspaceMembersAsRootsAndEditablePathsAsFiles) {
  Diagnostics d;
  model::Source s = ParseFixture("workspace/uv.lock", d);
  EXPECT_TRUE(Messages(d).empty());
  EXPECT_EQ(s.format, model::SourceFormat::kUvLock);
  EXPECT_EQ(s.format_version, "1");
  ASSERT_EQ(s.packages.size(), 4u);

  const model::Package* root = Find(s, "testy");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->kind, SourceKind::kWorkspace);
  EXPECT_EQ(root->resolved, ".");
  EXPECT_EQ(FlagsOf(*root), "");
  EXPECT_EQ(EdgesOf(s, *root),
            (std::vector<std::string>{"pkg-dynamic", "pkg-editable@0.1.0", "pkg-versioned@1.0.0"}));
  ASSERT_EQ(root->locations.size(), 1u);
  EXPECT_EQ(root->locations[0].file, "workspace/uv.lock");
  EXPECT_EQ(root->locations[0].line, 26u);
  EXPECT_EQ(root->locations[0].column, 1u);

  const model::Package* dynamic = Find(s, "pkg-dynamic");
  ASSERT_NE(dynamic, nullptr);
  EXPECT_EQ(dynamic->version, "");
  EXPECT_EQ(dynamic->kind, SourceKind::kWorkspace);
  EXPECT_EQ(FlagsOf(*dynamic), "direct editable");

  const model::Package* editable = Find(s, "pkg-editable");
  ASSERT_NE(editable, nullptr);
  EXPECT_EQ(editable->kind, SourceKind::kFile);
  EXPECT_EQ(editable->resolved, "packages/pkg_editable");
  EXPECT_EQ(FlagsOf(*editable), "direct editable");
  EXPECT_EQ(editable->ecosystem, model::Ecosystem::kPyPI);
}

// A real fork: two versions of anyio and of idna, chosen by extras that
// conflict (uv's own repository, see README.md).
TEST(UvLockParser, ResolvesForkedNamesByVersionAndSource) {
  Diagnostics d;
  model::Source s = ParseFixture("forks/uv.lock", d);
  EXPECT_TRUE(Messages(d).empty());
  ASSERT_EQ(s.packages.size(), 8u);
  const model::Package* old_anyio = Find(s, "anyio", "1.3.1");
  const model::Package* new_anyio = Find(s, "anyio", "4.8.0");
  const model::Package* project = Find(s, "project");
  ASSERT_NE(old_anyio, nullptr);
  ASSERT_NE(new_anyio, nullptr);
  ASSERT_NE(project, nullptr);
  EXPECT_EQ(EdgesOf(s, *project),
            (std::vector<std::string>{"anyio@1.3.1", "anyio@4.8.0", "idna@1.0"}));
  EXPECT_EQ(EdgesOf(s, *new_anyio),
            (std::vector<std::string>{"idna@3.10", "sniffio@1.3.1", "typing-extensions@4.12.2"}));
  EXPECT_EQ(EdgesOf(s, *old_anyio),
            (std::vector<std::string>{"async-generator@1.10", "sniffio@1.3.1"}));
  EXPECT_EQ(FlagsOf(*old_anyio), "direct");
  EXPECT_EQ(FlagsOf(*Find(s, "idna", "1.0")), "direct optional");
  EXPECT_EQ(FlagsOf(*Find(s, "idna", "3.10")), "");
  EXPECT_EQ(old_anyio->hashes,
            (std::vector<std::string>{
                "sha256:a46bb2b7743455434afd9adea848a3c4e0b7321aee3e9d08844b11d348d3b5a0",
                "sha256:f21b4fafeec1b7db81e09a907e44e374a1e39718d782a488fdfcdcf949c8950c"}));
  EXPECT_EQ(Find(s, "idna", "1.0")->hashes.size(), 1u);  // sdist only
  EXPECT_EQ(old_anyio->index, "");                       // PyPI
}

TEST(UvLockParser, ManifestMembersMakeVirtualPackagesWorkspaceMembers) {
  Diagnostics d;
  model::Source s = ParseFixture("members/uv.lock", d);
  EXPECT_TRUE(Messages(d).empty());
  const model::Package* project = Find(s, "project");
  ASSERT_NE(project, nullptr);
  EXPECT_EQ(project->kind, SourceKind::kWorkspace);
  EXPECT_EQ(project->resolved, "member");
  EXPECT_EQ(FlagsOf(*Find(s, "idna", "1.0")), "direct optional");
  EXPECT_EQ(FlagsOf(*Find(s, "idna", "2.0")), "direct optional");
  EXPECT_EQ(FlagsOf(*Find(s, "sniffio")), "");
}

// Hand-written after uv's lock schema (README.md): every source kind, dev
// groups, extras, an index with credentials.
TEST(UvLockParser, ReadsEverySourceKindAndRedactsCredentials) {
  Diagnostics d;
  model::Source s = ParseFixture("sources/uv.lock", d);
  EXPECT_TRUE(Messages(d).empty());
  ASSERT_EQ(s.packages.size(), 13u);

  const model::Package* git = Find(s, "uv-public-pypackage");
  EXPECT_EQ(git->kind, SourceKind::kGit);
  EXPECT_EQ(git->resolved,
            "git+https://github.com/astral-sh/uv-public-pypackage@"
            "0dacfd662c64cb4ceb16e6cf65a157a8b715b979");
  const model::Package* url = Find(s, "vendored");
  EXPECT_EQ(url->kind, SourceKind::kTarball);
  EXPECT_EQ(url->resolved, "https://example.com/files/vendored-1.2.0.tar.gz");
  EXPECT_EQ(url->hashes,
            (std::vector<std::string>{
                "sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"}));
  const model::Package* directory = Find(s, "local-tool");
  EXPECT_EQ(directory->kind, SourceKind::kFile);
  EXPECT_EQ(directory->resolved, "../local-tool");
  EXPECT_EQ(FlagsOf(*directory), "direct");
  const model::Package* internal = Find(s, "internal-lib");
  EXPECT_EQ(internal->index, "https://***@pypi.example.com/simple");
  for (const model::Package& p : s.packages) {
    EXPECT_EQ(p.resolved.find("s3cret"), std::string::npos) << p.name;
    EXPECT_EQ(p.index.find("s3cret"), std::string::npos) << p.name;
  }

  const model::Package* app = Find(s, "app");
  EXPECT_EQ(app->kind, SourceKind::kWorkspace);
  EXPECT_EQ(FlagsOf(*app), "editable");
  EXPECT_EQ(EdgesOf(s, *app), (std::vector<std::string>{
                                  "colorama@0.4.6", "httpx@0.28.1", "internal-lib@2.0.1",
                                  "local-tool@0.3.0", "vendored@1.2.0", "uv-public-pypackage@0.1.0",
                                  "orjson@3.10.15", "pytest@8.3.5", "ruff@0.11.2"}));
  // colorama is a main dependency (Windows only) and pytest's: main wins.
  EXPECT_EQ(FlagsOf(*Find(s, "colorama")), "direct");
  EXPECT_EQ(FlagsOf(*Find(s, "pytest")), "direct dev");
  EXPECT_EQ(FlagsOf(*Find(s, "ruff")), "direct dev");
  EXPECT_EQ(FlagsOf(*Find(s, "iniconfig")), "dev");
  EXPECT_EQ(FlagsOf(*Find(s, "orjson")), "direct optional");
  // httpx[socks]: the extra's dependency is reached through the main path.
  const model::Package* httpx = Find(s, "httpx");
  EXPECT_EQ(httpx->extras, (std::vector<std::string>{"socks"}));
  EXPECT_EQ(EdgesOf(s, *httpx), (std::vector<std::string>{"idna@3.10", "socksio@1.0.0"}));
  EXPECT_EQ(FlagsOf(*Find(s, "socksio")), "");
}

TEST(UvLockParser, ForkMarkersBecomePackageMarkers) {
  Diagnostics d;
  auto s = Parse(
      "version = 1\nrevision = 2\n"
      "[[package]]\nname = \"numpy\"\nversion = \"1.26.4\"\n"
      "source = { registry = \"https://pypi.org/simple\" }\n"
      "resolution-markers = [\"python_full_version < '3.12'\"]\n"
      "[[package]]\nname = \"numpy\"\nversion = \"2.2.6\"\n"
      "source = { registry = \"https://pypi.org/simple\" }\n"
      "resolution-markers = [\"python_full_version >= '3.13'\", \"python_full_version == "
      "'3.12.*'\"]\n",
      d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->packages.size(), 2u);
  EXPECT_EQ(s->packages[0].markers, "python_full_version < '3.12'");
  EXPECT_EQ(s->packages[1].markers,
            "(python_full_version >= '3.13') or (python_full_version == '3.12.*')");
}

TEST(UvLockParser, RejectsWholeFilesItCannotRead) {
  struct Case {
    const char* text;
    ErrorCode code;
    const char* message;
  };
  const std::string prerelease = Fixture("uv/prerelease/uv.lock");
  const Case cases[] = {
      {"[[package]]\nname = \"a\"\n", ErrorCode::kParse, "uv.lock: no \"version\""},
      {"version = \"1\"\n", ErrorCode::kParse,
       "uv.lock:1:11: expected an integer for \"version\", found a string"},
      {"version = 2\nrevision = 1\n", ErrorCode::kUnsupported,
       "uv.lock:1:11: uv.lock version 2 is not supported (version 1 is)"},
      {prerelease.c_str(), ErrorCode::kUnsupported,
       "uv.lock: [[distribution]] is the layout of uv's 0.2 previews, which is not read; "
       "`uv lock` writes the current layout"},
  };
  for (const Case& c : cases) {
    Diagnostics d;
    auto s = Parse(c.text, d);
    ASSERT_FALSE(s.has_value()) << c.text;
    EXPECT_EQ(s.error().code, c.code);
    EXPECT_EQ(s.error().message, c.message);
  }
}

TEST(UvLockParser, ReportsMalformedEntriesAndReadsTheRest) {
  Diagnostics d;
  auto s = Parse(
      "version = 1\n"
      "[[package]]\nname = 5\nversion = \"1\"\nsource = { registry = \"https://pypi.org/simple\" "
      "}\n"
      "[[package]]\nversion = \"1\"\n"
      "[[package]]\nname = \"nosource\"\nversion = \"1\"\n"
      "[[package]]\nname = \"weird\"\nversion = \"1\"\nsource = { mirror = \"x\" }\n"
      "[[package]]\nname = \"ok\"\nversion = \"2.0\"\n"
      "source = { registry = \"https://pypi.org/simple\" }\n"
      "dependencies = [{ name = \"ghost\" }, { name = \"ok\", version = \"9\" }, \"str\", {}]\n"
      "wheels = [1]\nsdist = { hash = 7 }\n",
      d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->packages.size(), 1u);
  EXPECT_EQ(s->packages[0].name, "ok");
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "uv.lock:3:8: expected a string for \"name\", found an integer",
                "uv.lock:6:1: [[package]] entry without \"name\"; skipped",
                "uv.lock:8:1: package \"nosource\" has no \"source\"; skipped",
                "uv.lock:14:10: package \"weird\" has a source of no known kind; skipped",
                "uv.lock:21:18: expected a string for \"hash\", found an integer",
                "uv.lock:20:11: expected a table for a wheel, found an integer",
                "uv.lock:19:17: dependency \"ghost\" is not a package of this lock; edge skipped",
                "uv.lock:19:37: dependency \"ok\" 9 is not a package of this lock; edge skipped",
                "uv.lock:19:69: expected a table for a dependency, found a string",
                "uv.lock:19:76: dependency without \"name\"; skipped",
            }));
  EXPECT_TRUE(d.incomplete());
}

TEST(UvLockParser, WrongTypesInEveryFieldAreReported) {
  const std::pair<const char*, const char*> cases[] = {
      {"version = 1", "expected a string for \"version\", found an integer"},
      {"source = \"registry\"", "expected a table for \"source\", found a string"},
      {"dependencies = \"a\"", "expected an array for \"dependencies\", found a string"},
      {"optional-dependencies = 1",
       "expected a table for \"optional-dependencies\", found an integer"},
      {"optional-dependencies = { x = 1 }", "expected an array for \"x\", found an integer"},
      {"dev-dependencies = []", "expected a table for \"dev-dependencies\", found an array"},
      {"sdist = []", "expected a table for \"sdist\", found an array"},
      {"wheels = {}", "expected an array for \"wheels\", found a table"},
      {"resolution-markers = 3",
       "expected an array of strings for \"resolution-markers\", found an integer"},
      {"resolution-markers = [3]",
       "expected a string for \"resolution-markers\", found an integer"},
  };
  for (const auto& [field, message] : cases) {
    std::string text = "version = 1\n[[package]]\nname = \"a\"\n";
    if (std::string(field).rfind("version", 0) != 0) text += "version = \"1.0\"\n";
    if (std::string(field).rfind("source", 0) != 0) {
      text += "source = { registry = \"https://pypi.org/simple\" }\n";
    }
    text += std::string(field) + "\n";
    Diagnostics d;
    auto s = Parse(text, d);
    ASSERT_TRUE(s.has_value()) << field;
    std::vector<std::string> got = Messages(d);
    ASSERT_FALSE(got.empty()) << field;
    EXPECT_NE(got[0].find(message), std::string::npos) << field << ": " << got[0];
  }
}

TEST(UvLockParser, SurvivesHostileInput) {
  // Nesting deeper than toml++ allows is a parse error naming the file.
  {
    Diagnostics d;
    std::string deep = "version = 1\nx = " + std::string(3000, '[') + std::string(3000, ']');
    auto s = Parse(deep, d);
    ASSERT_FALSE(s.has_value());
    EXPECT_EQ(s.error().message.rfind("uv.lock:2:", 0), 0u) << s.error().message;
  }
  // Duplicate keys are not TOML.
  {
    Diagnostics d;
    auto s = Parse("version = 1\n[[package]]\nname = \"a\"\nname = \"b\"\n", d);
    ASSERT_FALSE(s.has_value());
    EXPECT_EQ(s.error().message.rfind("uv.lock:4:", 0), 0u) << s.error().message;
  }
  // A dependency cycle and a self-edge end.
  {
    Diagnostics d;
    auto s = Parse(
        "version = 1\n"
        "[[package]]\nname = \"root\"\nversion = \"0\"\nsource = { virtual = \".\" }\n"
        "dependencies = [{ name = \"a\" }]\n"
        "[[package]]\nname = \"a\"\nversion = \"1\"\nsource = { registry = \"r\" }\n"
        "dependencies = [{ name = \"b\" }, { name = \"a\" }]\n"
        "[[package]]\nname = \"b\"\nversion = \"1\"\nsource = { registry = \"r\" }\n"
        "dependencies = [{ name = \"a\", extra = [\"x\", \"y\"] }]\n",
        d);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(FlagsOf(s->packages[1]), "direct");
    EXPECT_EQ(EdgesOf(*s, s->packages[1]), (std::vector<std::string>{"b@1"}));
  }
  // A large flat lock: 20,000 packages in one chain.
  {
    std::string text = "version = 1\n";
    for (int i = 0; i < 20000; ++i) {
      text += "[[package]]\nname = \"p" + std::to_string(i) +
              "\"\nversion = \"1\"\n"
              "source = { registry = \"https://pypi.org/simple\" }\n";
      if (i + 1 < 20000) text += "dependencies = [{ name = \"p" + std::to_string(i + 1) + "\" }]\n";
    }
    Diagnostics d;
    auto s = Parse(text, d);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->packages.size(), 20000u);
    EXPECT_EQ(s->packages[19998].dependencies.size(), 1u);
  }
  // Truncated in the middle of an entry.
  {
    Diagnostics d;
    std::string text = Fixture("uv/forks/uv.lock");
    auto s = Parse(text.substr(0, text.size() / 2), d);
    EXPECT_FALSE(s.has_value());
  }
}

TEST(UvLockParser, AmbiguousEdgesAreLinkedToEachMatchAndSaidSo) {
  Diagnostics d;
  auto s = Parse(
      "version = 1\n"
      "[[package]]\nname = \"a\"\nversion = \"1\"\nsource = { registry = \"r1\" }\n"
      "[[package]]\nname = \"a\"\nversion = \"2\"\nsource = { registry = \"r1\" }\n"
      "[[package]]\nname = \"b\"\nversion = \"1\"\nsource = { registry = \"r1\" }\n"
      "dependencies = [{ name = \"A\" }]\n",
      d);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(EdgesOf(*s, s->packages[2]), (std::vector<std::string>{"a@1", "a@2"}));
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "uv.lock:14:17: dependency \"A\" matches 2 packages; linked to each"}));
  EXPECT_EQ(s->packages[0].index, "r1");
}

TEST(UvLockParser, NamesTheFileItReads) {
  EXPECT_TRUE(IsUvLockName("uv.lock"));
  EXPECT_FALSE(IsUvLockName("uv.lock.bak"));
  EXPECT_FALSE(IsUvLockName("pylock.toml"));
}

}  // namespace
}  // namespace chainward::collect::pypi
