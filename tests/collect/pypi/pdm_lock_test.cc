#include "collect/pypi/pdm_lock.h"

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

std::optional<PyProject> Project(const std::string& rel) {
  Diagnostics d;
  auto p = ParsePyProject("pyproject.toml", Fixture(rel), d);
  EXPECT_TRUE(p.has_value());
  if (!p) return std::nullopt;
  return std::move(*p);
}

model::Source ParseFile(const std::string& rel, const PyProject* project, Diagnostics& d) {
  auto source = ParsePdmLock(rel, Fixture("pdm/" + rel), project, d);
  EXPECT_TRUE(source.has_value()) << source.error().message;
  return source ? *source : model::Source{};
}

Result<model::Source> Parse(const std::string& text, Diagnostics& d,
                            const PyProject* project = nullptr) {
  return ParsePdmLock("pdm.lock", text, project, d);
}

// PDM's own demo project: groups on every package, extras from the pyproject.
TEST(PdmLockParser, ReadsGroupsMarkersAndHashes) {
  std::optional<PyProject> project = Project("pdm/demo/pyproject.toml");
  Diagnostics d;
  model::Source s = ParseFile("demo/pdm.lock", &*project, d);
  EXPECT_TRUE(Messages(d).empty());
  EXPECT_EQ(s.format, model::SourceFormat::kPdmLock);
  EXPECT_EQ(s.format_version, "4.5.0");
  ASSERT_EQ(s.packages.size(), 10u);

  const model::Package* idna = Find(s, "idna");
  EXPECT_EQ(FlagsOf(*idna), "direct");  // groups default and security
  EXPECT_EQ(idna->hashes,
            (std::vector<std::string>{
                "sha256:156a6814fb5ac1fc6850fb002e0852d56c0c8d2531923a51032d1b70760e186e",
                "sha256:684a38a6f903c1d71d6d5fac066b58d7768af4de2b832e426ec79c30daa94a16"}));
  EXPECT_EQ(idna->locations[0].line, 59u);
  const model::Package* chardet = Find(s, "chardet");
  EXPECT_EQ(chardet->markers, "os_name == \"nt\"");
  EXPECT_EQ(FlagsOf(*chardet), "direct");
  // "security" and "tests" are extras of the project, not dev groups.
  EXPECT_EQ(FlagsOf(*Find(s, "requests")), "direct optional");
  EXPECT_EQ(FlagsOf(*Find(s, "certifi")), "optional");
  EXPECT_EQ(FlagsOf(*Find(s, "pytest")), "direct optional");
  EXPECT_EQ(EdgesOf(s, *Find(s, "pytest")),
            (std::vector<std::string>{"colorama@0.3.9", "py@1.4.34", "setuptools@39.2.0"}));
  EXPECT_EQ(EdgesOf(s, *Find(s, "requests")),
            (std::vector<std::string>{"certifi@2025.1.31", "chardet@3.0.4",
                                      "charset-normalizer@2.0.12", "idna@2.7", "urllib3@1.26.20"}));
}

TEST(PdmLockParser, WithoutGroupsTheGraphDecides) {
  std::optional<PyProject> project = Project("pdm/demo/pyproject.toml");
  Diagnostics d;
  model::Source s = ParseFile("demo/pdm.no_groups.lock", &*project, d);
  EXPECT_TRUE(Messages(d).empty());
  EXPECT_EQ(FlagsOf(*Find(s, "idna")), "direct");
  EXPECT_EQ(FlagsOf(*Find(s, "chardet")), "direct");
  EXPECT_EQ(FlagsOf(*Find(s, "urllib3")), "optional");
  EXPECT_EQ(FlagsOf(*Find(s, "setuptools")), "optional");
}

// lock_version 4.0: [metadata] after the packages, [metadata.files], and a
// second entry for requests[security].
TEST(PdmLockParser, FoldsExtrasEntriesAndReadsMetadataFiles) {
  std::optional<PyProject> project = Project("pdm/extras/pyproject.toml");
  Diagnostics d;
  model::Source s = ParseFile("extras/pdm.lock", &*project, d);
  EXPECT_TRUE(Messages(d).empty());
  EXPECT_EQ(s.format_version, "4.0");
  ASSERT_EQ(s.packages.size(), 5u);
  const model::Package* requests = Find(s, "requests");
  EXPECT_EQ(requests->extras, (std::vector<std::string>{"security"}));
  EXPECT_EQ(requests->locations.size(), 2u);
  EXPECT_EQ(requests->locations[1].line, 30u);
  EXPECT_EQ(FlagsOf(*requests), "direct");
  EXPECT_EQ(requests->hashes.size(), 2u);
  EXPECT_EQ(Find(s, "certifi")->hashes[0],
            "sha256:d62a0163eb4c2344ac042ab2bdf75399a71a2d8c7d47eac2e2ee91b9d6339569");
  EXPECT_EQ(FlagsOf(*Find(s, "urllib3")), "");
}

TEST(PdmLockParser, ReadsGitSourcesAndGroupsWithoutAPyproject) {
  Diagnostics d;
  model::Source git = ParseFile("osv/git-dependency.lock", nullptr, d);
  ASSERT_EQ(git.packages.size(), 1u);
  EXPECT_EQ(git.packages[0].kind, SourceKind::kGit);
  EXPECT_EQ(git.packages[0].resolved,
            "git+https://github.com/uiri/toml.git@65bab7582ce14c55cdeec2244c65ea23039c9e6f");
  EXPECT_EQ(Messages(d), (std::vector<std::string>{
                             "osv/git-dependency.lock: no pyproject.toml beside this lockfile: "
                             "direct dependencies are unknown"}));

  Diagnostics d2;
  model::Source optional = ParseFile("osv/optional-dependency.lock", nullptr, d2);
  // Without a pyproject every group but "default" counts as dev.
  EXPECT_EQ(FlagsOf(*Find(optional, "pyroute2")), "dev");
  EXPECT_EQ(FlagsOf(*Find(optional, "win-inet-pton")), "dev");
  EXPECT_EQ(FlagsOf(*Find(optional, "toml")), "");
  EXPECT_EQ(EdgesOf(optional, *Find(optional, "pyroute2")),
            (std::vector<std::string>{"win-inet-pton@1.1.0"}));
}

TEST(PdmLockParser, ReadsUrlPathAndEditableEntries) {
  Diagnostics d;
  auto s = Parse(
      "[metadata]\nlock_version = \"4.5.0\"\n"
      "[[package]]\nname = \"pkg\"\nversion = \"1.0\"\n"
      "url = \"https://user:pw@example.com/pkg-1.0.tar.gz\"\n"
      "[[package]]\nname = \"local\"\nversion = \"0.1\"\npath = \"./local\"\neditable = true\n"
      "[[package]]\nname = \"tool\"\nversion = \"2\"\ngit = \"https://github.com/o/tool\"\n"
      "ref = \"main\"\nrevision = \"abc123\"\nsubdirectory = \"py\"\n",
      d);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->packages[0].kind, SourceKind::kTarball);
  EXPECT_EQ(s->packages[0].resolved, "https://***@example.com/pkg-1.0.tar.gz");
  EXPECT_EQ(s->packages[1].kind, SourceKind::kFile);
  EXPECT_EQ(s->packages[1].resolved, "./local");
  EXPECT_TRUE(s->packages[1].flags.editable);
  EXPECT_EQ(s->packages[2].resolved, "git+https://github.com/o/tool@abc123#subdirectory=py");
}

TEST(PdmLockParser, RejectsWholeFilesItCannotRead) {
  struct Case {
    const char* text;
    ErrorCode code;
    const char* message;
  };
  const Case cases[] = {
      {"[[package]]\nname = \"a\"\n", ErrorCode::kParse,
       "pdm.lock: no [metadata] \"lock_version\""},
      {"[metadata]\nlock_version = \"5.0\"\n", ErrorCode::kUnsupported,
       "pdm.lock:2:16: pdm.lock lock_version \"5.0\" is not supported (3.x and 4.x are)"},
      {"[metadata]\nlock_version = 4\n", ErrorCode::kParse,
       "pdm.lock: no [metadata] \"lock_version\""},
  };
  for (const Case& c : cases) {
    Diagnostics d;
    auto s = Parse(c.text, d);
    ASSERT_FALSE(s.has_value()) << c.text;
    EXPECT_EQ(s.error().code, c.code);
    EXPECT_EQ(s.error().message, c.message);
  }
}

TEST(PdmLockParser, ReportsMalformedEntriesAndReadsTheRest) {
  Diagnostics d;
  auto s = Parse(
      "[metadata]\nlock_version = \"4.4\"\n"
      "[[package]]\nversion = \"1\"\n"
      "[[package]]\nname = [\"x\"]\n"
      "[[package]]\nname = \"ok\"\nversion = \"1\"\ndependencies = [\"ghost>=1\", 3, \"bad req "
      "(\"]\n"
      "files = [\"x\"]\ngroups = \"default\"\nmarker = 1\n",
      d);
  ASSERT_TRUE(s.has_value());
  ASSERT_EQ(s->packages.size(), 1u);
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "pdm.lock:3:1: [[package]] entry without \"name\"; skipped",
                "pdm.lock:6:8: expected a string for \"name\", found an array",
                "pdm.lock:10:29: expected a PEP 508 string, found an integer",
                "pdm.lock:10:32: \"bad req (\" is not a PEP 508 requirement: column 5: expected "
                "\";\" or the end of the requirement",
                "pdm.lock:13:10: expected a string for \"marker\", found an integer",
                "pdm.lock:11:10: expected a table for a file, found a string",
                "pdm.lock: no pyproject.toml beside this lockfile: direct dependencies are "
                "unknown",
            }));
  // "groups" as a plain string is read as one group.
  EXPECT_EQ(FlagsOf(s->packages[0]), "");
  // A dependency on a package the lock does not hold (a marker excluded it).
  EXPECT_TRUE(s->packages[0].dependencies.empty());
}

TEST(PdmLockParser, NamesTheFileItReads) {
  EXPECT_TRUE(IsPdmLockName("pdm.lock"));
  EXPECT_FALSE(IsPdmLockName("pdm.toml"));
}

}  // namespace
}  // namespace chainward::collect::pypi
