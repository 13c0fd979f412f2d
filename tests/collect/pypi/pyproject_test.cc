#include "collect/pypi/pyproject.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lock_test_support.h"

namespace chainward::collect::pypi {
namespace {

using model::SourceKind;
using testing::Find;
using testing::Fixture;
using testing::FlagsOf;
using testing::Messages;

Result<PyProject> Parse(const std::string& text, Diagnostics& d) {
  return ParsePyProject("pyproject.toml", text, d);
}

// "group:name" of every declaration, in order.
std::vector<std::string> GroupsOf(const PyProject& p) {
  std::vector<std::string> out;
  for (const Declaration& d : p.declarations) out.push_back(d.group + ":" + d.name);
  return out;
}

TEST(PyprojectParser, ReadsPep621Pep735AndToolTables) {
  Diagnostics d;
  auto p = ParsePyProject("pyproject/pyproject.toml", Fixture("pyproject/pyproject.toml"), d);
  ASSERT_TRUE(p.has_value()) << p.error().message;
  EXPECT_TRUE(Messages(d).empty());
  EXPECT_EQ(p->name, "Kitchen_Sink");
  const model::Source& s = p->source;
  EXPECT_EQ(s.format, model::SourceFormat::kPyproject);
  EXPECT_EQ(s.path, "pyproject/pyproject.toml");
  ASSERT_EQ(s.packages.size(), 14u);

  const model::Package* requests = Find(s, "requests");
  EXPECT_EQ(requests->version, "");
  EXPECT_EQ(requests->specifier, ">=2.31,<3");
  EXPECT_EQ(requests->extras, (std::vector<std::string>{"socks"}));
  EXPECT_EQ(FlagsOf(*requests), "direct");
  EXPECT_EQ(requests->ecosystem, model::Ecosystem::kPyPI);
  EXPECT_EQ(requests->locations[0].line, 6u);
  EXPECT_EQ(requests->locations[0].column, 5u);
  const model::Package* litellm = Find(s, "litellm");
  EXPECT_EQ(litellm->version, "1.82.8");
  EXPECT_EQ(litellm->specifier, "");
  EXPECT_EQ(Find(s, "colorama")->markers, "sys_platform == 'win32'");
  const model::Package* pip = Find(s, "pip");
  EXPECT_EQ(pip->kind, SourceKind::kTarball);
  EXPECT_EQ(pip->resolved, "https://github.com/pypa/pip/archive/22.0.2.zip");
  // [tool.uv.sources]
  EXPECT_EQ(Find(s, "private-lib")->index, "https://***@pypi.internal.example/simple");
  EXPECT_EQ(Find(s, "shared-utils")->kind, SourceKind::kGit);
  EXPECT_EQ(Find(s, "shared-utils")->resolved,
            "git+https://github.com/example/shared-utils@v1.2.0");
  const model::Package* click = Find(s, "click");
  EXPECT_EQ(click->kind, SourceKind::kTarball);
  EXPECT_EQ(FlagsOf(*click), "direct optional");
  EXPECT_EQ(Find(s, "rich")->version, "13.7.1");
  EXPECT_EQ(FlagsOf(*Find(s, "pytest")), "direct dev");
  EXPECT_EQ(Find(s, "coverage")->version, "7.6.1");
  EXPECT_EQ(Find(s, "coverage")->extras, (std::vector<std::string>{"toml"}));
  EXPECT_EQ(FlagsOf(*Find(s, "ipython")), "direct dev");
  EXPECT_EQ(FlagsOf(*Find(s, "flake8")), "direct dev");
  // Packages come in file order.
  std::vector<std::string> order;
  for (const model::Package& pkg : s.packages) order.push_back(pkg.name);
  EXPECT_EQ(order,
            (std::vector<std::string>{"requests", "litellm", "colorama", "pip", "private-lib",
                                      "shared-utils", "click", "rich", "pytest", "coverage", "mypy",
                                      "ruff", "ipython", "flake8"}));

  // "dev" includes "test" and "typing": their requirements are declared
  // under "dev" too.
  EXPECT_EQ(GroupsOf(*p),
            (std::vector<std::string>{":requests", ":litellm", ":colorama", ":pip", ":private-lib",
                                      ":shared-utils", "cli:click", "cli:rich", "test:pytest",
                                      "dev:pytest", "test:coverage", "dev:coverage", "typing:mypy",
                                      "dev:mypy", "dev:ruff", "dev:ipython", "lint:flake8"}));
  EXPECT_EQ(p->extras, (std::vector<std::string>{"cli"}));
  EXPECT_EQ(p->RoleOfGroup("cli"), DependencyRole::kOptional);
  EXPECT_EQ(p->RoleOfGroup("default"), DependencyRole::kMain);
  EXPECT_EQ(p->RoleOfGroup("Test"), DependencyRole::kDev);
}

TEST(PyprojectParser, ReadsEveryFormOfPoetryDeclaration) {
  Diagnostics d;
  auto p = ParsePyProject("pyproject.toml", Fixture("pyproject/poetry-groups.toml"), d);
  ASSERT_TRUE(p.has_value()) << p.error().message;
  EXPECT_TRUE(Messages(d).empty());
  EXPECT_EQ(p->name, "poetry-groups");
  const model::Source& s = p->source;
  ASSERT_EQ(s.packages.size(), 15u);
  EXPECT_EQ(Find(s, "python"), nullptr);
  EXPECT_EQ(Find(s, "django")->specifier, "^4.2");
  EXPECT_EQ(Find(s, "attrs")->specifier, "~23.1");
  EXPECT_EQ(Find(s, "certifi")->version, "2024.8.30");
  EXPECT_EQ(Find(s, "pendulum")->version, "3.0.0");
  int numpy = 0;
  for (const model::Package& pkg : s.packages) numpy += pkg.name == "numpy";
  EXPECT_EQ(numpy, 2);
  const model::Package* requests = Find(s, "requests");
  EXPECT_EQ(requests->extras, (std::vector<std::string>{"socks", "security"}));
  EXPECT_EQ(requests->markers, "sys_platform != 'win32'");
  EXPECT_EQ(FlagsOf(*Find(s, "uvloop")), "direct optional");
  EXPECT_EQ(Find(s, "flask")->resolved, "git+https://github.com/pallets/flask.git@main");
  EXPECT_EQ(FlagsOf(*Find(s, "mylib")), "direct editable");
  EXPECT_EQ(Find(s, "remote")->resolved, "https://***@example.com/remote-1.0.tar.gz");
  EXPECT_EQ(Find(s, "private-pkg")->index, "internal");  // no [[tool.poetry.source]] here
  EXPECT_EQ(FlagsOf(*Find(s, "black")), "direct dev");
  EXPECT_EQ(FlagsOf(*Find(s, "sphinx")), "direct dev");
  EXPECT_EQ(p->dev_groups, (std::vector<std::string>{"dev", "docs", "test"}));
}

TEST(PyprojectParser, ReadsTheRealFixturesOfTheLockTests) {
  Diagnostics d;
  auto uv = Parse(Fixture("uv/workspace/pyproject.toml"), d);
  ASSERT_TRUE(uv.has_value());
  EXPECT_EQ(uv->name, "testy");
  EXPECT_EQ(Find(uv->source, "pkg-dynamic")->kind, SourceKind::kWorkspace);
  EXPECT_EQ(FlagsOf(*Find(uv->source, "pkg-editable")), "direct editable");
  auto poetry = Parse(Fixture("poetry/v2.0/pyproject.toml"), d);
  ASSERT_TRUE(poetry.has_value());
  EXPECT_EQ(poetry->name, "pythonQEPest");
  EXPECT_EQ(Find(poetry->source, "pydantic")->version, "2.10.6");
  EXPECT_EQ(FlagsOf(*Find(poetry->source, "pyperclip")), "direct dev");
  EXPECT_TRUE(Messages(d).empty());
}

TEST(PyprojectParser, ReportsIncludeCyclesAndUnknownGroups) {
  Diagnostics d;
  auto p = Parse(
      "[dependency-groups]\n"
      "a = [\"x\", {include-group = \"b\"}]\n"
      "b = [\"y\", {include-group = \"a\"}, {include-group = \"missing\"}]\n"
      "c = [{include-group = \"C\"}]\n"
      "D_D = []\n"
      "d-d = []\n"
      "e = [{include-group = \"a\", extra = 1}, 5]\n",
      d);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "pyproject.toml:6:7: dependency group \"d-d\" repeats a group name",
                "pyproject.toml:7:6: expected {include-group = \"...\"} in dependency group \"e\"",
                "pyproject.toml:7:40: expected a PEP 508 string, found an integer",
                "pyproject.toml:3:11: include-group \"a\" in \"b\" makes a cycle; the include is "
                "skipped",
                "pyproject.toml:3:34: include-group \"missing\" names no dependency group",
                "pyproject.toml:4:6: include-group \"c\" in \"c\" makes a cycle; the include is "
                "skipped",
            }));
  EXPECT_EQ(GroupsOf(*p), (std::vector<std::string>{"a:x", "b:y", "a:y"}));
}

TEST(PyprojectParser, ReportsMalformedDeclarationsAndReadsTheRest) {
  Diagnostics d;
  auto p = Parse(
      "[project]\nname = \"p\"\n"
      "dependencies = [\"ok\", \"bad (\", 7]\n"
      "optional-dependencies = { x = \"notalist\" }\n"
      "[tool.poetry.dependencies]\n"
      "a = 1\nb = [\"1\"]\nc = { version = 2, optional = \"yes\" }\n"
      "[tool.poetry.group.g]\ndependencies = 4\n"
      "[tool.poetry.group.h]\n"
      "[tool.uv]\ndev-dependencies = \"x\"\nsources = { q = 1 }\n",
      d);
  ASSERT_TRUE(p.has_value());
  std::vector<std::string> names;
  for (const model::Package& pkg : p->source.packages) names.push_back(pkg.name);
  EXPECT_EQ(names, (std::vector<std::string>{"ok", "c"}));
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "pyproject.toml:14:17: expected a table for the uv source of \"q\", found an "
                "integer",
                "pyproject.toml:3:23: \"bad (\" is not a PEP 508 requirement: column 6: expected "
                "a version operator (==, !=, <=, >=, <, >, ~=, ===)",
                "pyproject.toml:3:32: expected a PEP 508 string, found an integer",
                "pyproject.toml:4:31: expected an array for extra \"x\", found a string",
                "pyproject.toml:6:5: expected a string or a table for \"a\", found an integer",
                "pyproject.toml:7:6: expected a table in the constraints of \"b\", found a string",
                "pyproject.toml:8:17: expected a string for \"version\", found an integer",
                "pyproject.toml:8:31: expected a boolean for \"optional\", found a string",
                "pyproject.toml:10:16: expected a table for \"dependencies\", found an integer",
                "pyproject.toml:13:20: expected an array for \"dev-dependencies\", found a string",
            }));
}

TEST(PyprojectParser, SurvivesHostileInput) {
  // A long chain of includes: no recursion, every group sees the whole chain.
  std::string text = "[dependency-groups]\ng0 = [\"leaf\"]\n";
  for (int i = 1; i < 300; ++i) {
    text += "g" + std::to_string(i) + " = [{include-group = \"g" + std::to_string(i - 1) + "\"}]\n";
  }
  Diagnostics d;
  auto p = Parse(text, d);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->source.packages.size(), 1u);
  EXPECT_EQ(p->declarations.size(), 300u);
  EXPECT_TRUE(Messages(d).empty());

  Diagnostics d2;
  auto deep = Parse("[project]\ndependencies = " + std::string(1000, '[') + "\n", d2);
  ASSERT_FALSE(deep.has_value());
  EXPECT_EQ(deep.error().message.rfind("pyproject.toml:2:", 0), 0u) << deep.error().message;

  Diagnostics d3;
  auto dup = Parse("[project]\nname = \"a\"\nname = \"b\"\n", d3);
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().message.rfind("pyproject.toml:3:", 0), 0u) << dup.error().message;
}

TEST(PyprojectParser, DirectEdgesResolveDeclarationsByNormalizedName) {
  Diagnostics d;
  auto p = Parse(
      "[project]\ndependencies = [\"Zope.Interface[x]\"]\n"
      "[dependency-groups]\ndev = [\"zope-interface\"]\n",
      d);
  ASSERT_TRUE(p.has_value());
  NameIndex names;
  names.Add("zope-interface", 3);
  std::vector<RootEdge> roots = DirectEdges(*p, names);
  ASSERT_EQ(roots.size(), 2u);
  EXPECT_EQ(roots[0].edge.to, 3u);
  EXPECT_EQ(roots[0].edge.extras, (std::vector<std::string>{"x"}));
  EXPECT_EQ(roots[0].role, DependencyRole::kMain);
  EXPECT_EQ(roots[1].role, DependencyRole::kDev);
}

TEST(PyprojectParser, NamesTheFileItReads) {
  EXPECT_TRUE(IsPyprojectName("pyproject.toml"));
  EXPECT_FALSE(IsPyprojectName("pyproject.toml.orig"));
}

}  // namespace
}  // namespace chainward::collect::pypi
