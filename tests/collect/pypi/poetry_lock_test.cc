#include "collect/pypi/poetry_lock.h"

#include <gtest/gtest.h>

#include <optional>
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

// Parses tests/fixtures/poetry/<dir>/poetry.lock with the pyproject.toml
// beside it when `with_project`.
model::Source ParseDir(const std::string& dir, Diagnostics& d, bool with_project = true) {
  std::optional<PyProject> project;
  if (with_project) {
    Diagnostics ignored;
    auto p =
        ParsePyProject("pyproject.toml", Fixture("poetry/" + dir + "/pyproject.toml"), ignored);
    EXPECT_TRUE(p.has_value());
    if (p) project = std::move(*p);
  }
  auto source = ParsePoetryLock(dir + "/poetry.lock", Fixture("poetry/" + dir + "/poetry.lock"),
                                project ? &*project : nullptr, d);
  EXPECT_TRUE(source.has_value()) << source.error().message;
  return source ? *source : model::Source{};
}

Result<model::Source> Parse(const std::string& text, Diagnostics& d,
                            const PyProject* project = nullptr) {
  return ParsePoetryLock("poetry.lock", text, project, d);
}

// Poetry 1.1 file: category, [metadata.files], alternatives with markers.
TEST(PoetryLockParser, ReadsLockVersion11WithCategoriesAndMetadataFiles) {
  Diagnostics d;
  model::Source s = ParseDir("v1.1", d);
  EXPECT_TRUE(Messages(d).empty());
  EXPECT_EQ(s.format, model::SourceFormat::kPoetryLock);
  EXPECT_EQ(s.format_version, "1.1");
  ASSERT_EQ(s.packages.size(), 33u);

  const model::Package* prompt = Find(s, "prompt");
  ASSERT_NE(prompt, nullptr);
  EXPECT_EQ(prompt->version, "0.4.1");
  EXPECT_EQ(FlagsOf(*prompt), "direct");
  EXPECT_EQ(prompt->locations[0].line, 242u);
  EXPECT_EQ(prompt->locations[0].column, 1u);

  const model::Package* black = Find(s, "black");
  EXPECT_EQ(FlagsOf(*black), "direct dev");
  EXPECT_EQ(black->hashes,
            (std::vector<std::string>{
                "sha256:a615e69ae185e08fdd73e4715e260e2479c861b5740057fde6e8b4e3b7dd589f",
                "sha256:77b80f693a569e2e527958459634f18df9b0ba2625ba4e0c2d5da5be42e6f2b3"}));
  // typing-extensions is an array of two constraints with markers.
  EXPECT_EQ(
      EdgesOf(s, *black),
      (std::vector<std::string>{"click@8.0.4", "mypy-extensions@0.4.3", "pathspec@0.9.0",
                                "platformdirs@2.5.1", "tomli@1.2.3", "typing-extensions@4.1.1"}));
  // "mypy = \"v0.931\"" in the pyproject is an exact pin that still names mypy.
  EXPECT_EQ(FlagsOf(*Find(s, "mypy")), "direct dev");
  EXPECT_EQ(FlagsOf(*Find(s, "virtualenv")), "dev");
  // [metadata.files] was trimmed after mccabe (README.md).
  EXPECT_TRUE(Find(s, "mypy")->hashes.empty());
}

// Poetry 1.8 file: no category, no groups; dev-ness from the pyproject.
TEST(PoetryLockParser, DerivesDevFromThePyprojectWhenLockVersion20RecordsNone) {
  Diagnostics d;
  model::Source s = ParseDir("v2.0", d);
  EXPECT_TRUE(Messages(d).empty());
  EXPECT_EQ(s.format_version, "2.0");
  ASSERT_EQ(s.packages.size(), 17u);
  EXPECT_EQ(FlagsOf(*Find(s, "pydantic")), "direct");
  EXPECT_EQ(FlagsOf(*Find(s, "annotated-types")), "");
  EXPECT_EQ(FlagsOf(*Find(s, "pre-commit")), "direct dev");
  EXPECT_EQ(FlagsOf(*Find(s, "virtualenv")), "dev");
  EXPECT_EQ(FlagsOf(*Find(s, "distlib")), "dev");
  EXPECT_EQ(EdgesOf(s, *Find(s, "poethepoet")), (std::vector<std::string>{"pastel@0.2.1"}));
  EXPECT_EQ(Find(s, "pydantic")->hashes.size(), 2u);
}

// Poetry 2.0 file: groups, optional, markers, extras; no pyproject.
TEST(PoetryLockParser, ReadsGroupsOptionalAndMarkersOfLockVersion21) {
  Diagnostics d;
  model::Source s = ParseDir("v2.1", d, /*with_project=*/false);
  EXPECT_EQ(Messages(d), (std::vector<std::string>{
                             "v2.1/poetry.lock: no pyproject.toml beside this lockfile: direct "
                             "dependencies are unknown"}));
  EXPECT_FALSE(d.incomplete());
  EXPECT_EQ(s.format_version, "2.1");
  ASSERT_EQ(s.packages.size(), 10u);
  const model::Package* redis = Find(s, "redis");
  EXPECT_EQ(FlagsOf(*redis), "optional");
  EXPECT_EQ(redis->markers, "extra == \"caching\"");
  EXPECT_EQ(EdgesOf(s, *redis), (std::vector<std::string>{"async-timeout@5.0.1"}));
  EXPECT_EQ(FlagsOf(*Find(s, "factory-boy")), "dev");
  EXPECT_EQ(FlagsOf(*Find(s, "six")), "");  // groups = ["main", "dev"]
  EXPECT_EQ(FlagsOf(*Find(s, "protobuf")), "");
  EXPECT_EQ(Find(s, "protobuf")->hashes.size(), 11u);
  // "Faker" in [package.dependencies] finds "faker".
  EXPECT_EQ(EdgesOf(s, *Find(s, "factory-boy")), (std::vector<std::string>{"faker@33.3.0"}));
}

// Hand-written after Poetry's locker (README.md): every source type.
TEST(PoetryLockParser, ReadsEverySourceTypeAndRedactsCredentials) {
  Diagnostics d;
  model::Source s = ParseDir("sources", d);
  EXPECT_TRUE(Messages(d).empty());
  const model::Package* flask = Find(s, "flask");
  EXPECT_EQ(flask->kind, SourceKind::kGit);
  EXPECT_EQ(flask->resolved,
            "git+https://github.com/pallets/flask.git@2fec0b206c6e83ea813ab26597e15c96fab08be7");
  EXPECT_EQ(FlagsOf(*flask), "direct");
  const model::Package* mylib = Find(s, "mylib");
  EXPECT_EQ(mylib->kind, SourceKind::kFile);
  EXPECT_EQ(mylib->resolved, "../mylib");
  EXPECT_EQ(FlagsOf(*mylib), "direct editable");
  EXPECT_EQ(Find(s, "wheelpkg")->kind, SourceKind::kFile);
  EXPECT_EQ(Find(s, "wheelpkg")->resolved, "dist/wheelpkg-1.0.0-py3-none-any.whl");
  EXPECT_EQ(Find(s, "tarpkg")->kind, SourceKind::kTarball);
  const model::Package* private_pkg = Find(s, "private-pkg");
  EXPECT_EQ(private_pkg->kind, SourceKind::kRegistry);
  EXPECT_EQ(private_pkg->index, "https://***@pypi.internal.example/simple");
  // requests[socks] turns on requests' optional PySocks dependency.
  EXPECT_EQ(EdgesOf(s, *Find(s, "requests")), (std::vector<std::string>{"pysocks@1.7.1"}));
  EXPECT_EQ(FlagsOf(*Find(s, "pysocks")), "");
  EXPECT_EQ(FlagsOf(*Find(s, "uvloop")), "direct optional");
  EXPECT_EQ(FlagsOf(*Find(s, "pytest")), "direct dev");
  EXPECT_EQ(FlagsOf(*Find(s, "pluggy")), "dev");
}

TEST(PoetryLockParser, AnOptionalDependencyNoExtraAsksForIsNotFollowed) {
  Diagnostics d;
  Diagnostics project_d;
  auto project = ParsePyProject("pyproject.toml", "[tool.poetry.dependencies]\nrequests = \"^2\"\n",
                                project_d);
  ASSERT_TRUE(project.has_value());
  auto s = Parse(Fixture("poetry/sources/poetry.lock"), d, &*project);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(FlagsOf(*Find(*s, "requests")), "direct");
  // Nothing asks for requests[socks]: PySocks keeps no flags of its own.
  EXPECT_EQ(FlagsOf(*Find(*s, "pysocks")), "");
  EXPECT_EQ(FlagsOf(*Find(*s, "flask")), "");
}

TEST(PoetryLockParser, RejectsWholeFilesItCannotRead) {
  struct Case {
    const char* text;
    ErrorCode code;
    const char* message;
  };
  const Case cases[] = {
      {"[[package]]\nname = \"a\"\nversion = \"1\"\n", ErrorCode::kParse,
       "poetry.lock: no [metadata] \"lock-version\""},
      {"[metadata]\nlock-version = \"3.0\"\n", ErrorCode::kUnsupported,
       "poetry.lock:2:16: poetry.lock lock-version \"3.0\" is not supported (1.x and 2.x are)"},
      {"[metadata]\nlock-version = \"next\"\n", ErrorCode::kUnsupported,
       "poetry.lock:2:16: poetry.lock lock-version \"next\" is not supported (1.x and 2.x are)"},
      {"[[package]\n", ErrorCode::kParse, nullptr},
  };
  for (const Case& c : cases) {
    Diagnostics d;
    auto s = Parse(c.text, d);
    ASSERT_FALSE(s.has_value()) << c.text;
    EXPECT_EQ(s.error().code, c.code) << c.text;
    if (c.message != nullptr)
      EXPECT_EQ(s.error().message, c.message);
    else
      EXPECT_EQ(s.error().message.rfind("poetry.lock:1:", 0), 0u) << s.error().message;
  }
}

TEST(PoetryLockParser, ReadsANewerMinorVersionWithAWarning) {
  Diagnostics d;
  auto s = Parse("[metadata]\nlock-version = \"2.7\"\n", d);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->format_version, "2.7");
  std::vector<std::string> messages = Messages(d);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0],
            "poetry.lock:2:16: lock-version 2.7 is newer than the versions read (up to 2.1); "
            "read as 2.1");
  EXPECT_FALSE(d.incomplete());
}

TEST(PoetryLockParser, ReportsMalformedEntriesAndReadsTheRest) {
  Diagnostics d;
  auto s = Parse(
      "[[package]]\nname = \"a\"\n"
      "[[package]]\nname = \"b\"\nversion = 2\n"
      "[[package]]\nname = \"c\"\nversion = \"1\"\noptional = \"no\"\nfiles = [1]\n"
      "markers = 4\n"
      "[package.dependencies]\nd = 5\ne = [1]\n"
      "[package.extras]\nx = [\"not a (requirement\", 3]\ny = 1\n"
      "[package.source]\ntype = \"git\"\n"
      "[metadata]\nlock-version = \"2.0\"\nfiles = { c = 1 }\n",
      d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  ASSERT_EQ(s->packages.size(), 1u);
  EXPECT_EQ(s->packages[0].name, "c");
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "poetry.lock:1:1: [[package]] entry without \"version\"; skipped",
                "poetry.lock:5:11: expected a string for \"version\", found an integer",
                "poetry.lock:9:12: expected a boolean for \"optional\", found a string",
                "poetry.lock:11:11: expected a string or a table for \"markers\", found an integer",
                "poetry.lock:10:10: expected a table for a file, found an integer",
                "poetry.lock:18:1: [package.source] of \"c\" needs \"type\" and \"url\"",
                "poetry.lock:22:15: expected an array for the files of \"c\", found an integer",
                "poetry.lock:16:6: \"not a (requirement\" is not a PEP 508 requirement: column 5: "
                "expected \";\" or the end of the requirement",
                "poetry.lock:16:28: expected a string in extra \"x\", found an integer",
                "poetry.lock:17:5: expected an array for extra \"y\", found an integer",
                "poetry.lock:13:5: expected a string or a table for dependency \"d\", found an "
                "integer",
                "poetry.lock:14:6: expected a table in the constraints of \"e\", found an integer",
                "poetry.lock: no pyproject.toml beside this lockfile: direct dependencies are "
                "unknown",
            }));
}

TEST(PoetryLockParser, DependenciesOutsideTheLockAreNormalAndSilent) {
  // Poetry leaves out packages whose markers no supported Python matches.
  Diagnostics d;
  auto s = Parse(
      "[[package]]\nname = \"a\"\nversion = \"1\"\n"
      "[package.dependencies]\nfuturist = {version = \"*\", markers = \"python_version < "
      "\\\"3\\\"\"}\n"
      "[metadata]\nlock-version = \"2.0\"\n",
      d);
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE(s->packages[0].dependencies.empty());
  EXPECT_FALSE(d.incomplete());
}

TEST(PoetryLockParser, SurvivesCyclesAndLargeFiles) {
  std::string text;
  for (int i = 0; i < 5000; ++i) {
    text += "[[package]]\nname = \"p" + std::to_string(i) +
            "\"\nversion = \"1\"\n"
            "[package.dependencies]\np" +
            std::to_string((i + 1) % 5000) + " = \"*\"\n";
  }
  text += "[metadata]\nlock-version = \"2.0\"\n";
  Diagnostics d;
  PyProject project;
  project.declarations.push_back(Declaration{"p0", {}, DependencyRole::kDev, "dev", 0});
  auto s = Parse(text, d, &project);
  ASSERT_TRUE(s.has_value());
  ASSERT_EQ(s->packages.size(), 5000u);
  EXPECT_EQ(FlagsOf(s->packages[0]), "direct dev");
  EXPECT_EQ(FlagsOf(s->packages[4999]), "dev");
}

TEST(PoetryLockParser, NamesTheFileItReads) {
  EXPECT_TRUE(IsPoetryLockName("poetry.lock"));
  EXPECT_FALSE(IsPoetryLockName("Poetry.lock"));
}

}  // namespace
}  // namespace chainward::collect::pypi
