// Requirements files that include others (-r, -c): order, constraints,
// cycles, the scan root, symbolic links and the bounds on depth and count.
// Trees are built in a temporary folder for each test.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/limits.h"
#include "collect/pypi/requirements.h"
#include "messages.h"

namespace chainward::collect::pypi {
namespace {

namespace fs = std::filesystem;

const std::string kFixtures = std::string(CHAINWARD_FIXTURES) + "/pypi-requirements/";

class TempTree {
 public:
  TempTree() {
    std::string pattern = (fs::temp_directory_path() / "chainward-requirements-XXXXXX").string();
    root_ = ::mkdtemp(pattern.data());
  }
  ~TempTree() { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& content) const {
    fs::create_directories(fs::path(Path(rel)).parent_path());
    std::ofstream(Path(rel), std::ios::binary) << content;
  }
  void Link(const std::string& rel, const std::string& target) const {
    fs::create_directories(fs::path(Path(rel)).parent_path());
    fs::create_symlink(target, Path(rel));
  }
  std::string Path(const std::string& rel) const { return root_ + "/" + rel; }

 private:
  std::string root_;
};

// "name@version file:line:col ..." for each package, in order.
std::vector<std::string> Summary(const model::Source& s) {
  std::vector<std::string> out;
  for (const model::Package& p : s.packages) {
    std::string line = p.Display();
    for (const model::Location& l : p.locations) {
      line += " " + l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
    }
    out.push_back(line);
  }
  return out;
}

model::Source Read(const TempTree& tree, const std::string& rel, const std::string& root,
                   Diagnostics& d) {
  auto source = ReadRequirements(tree.Path(rel), rel.substr(rel.rfind('/') + 1), tree.Path(root), d);
  EXPECT_TRUE(source.has_value()) << source.error().message;
  return source ? *source : model::Source{};
}

TEST(RequirementsIncludes, ReadARealTreeOfRequirementsAndConstraints) {
  Diagnostics d;
  auto test = ReadRequirements(kFixtures + "edx-lint/requirements/test.in", "requirements/test.in",
                               kFixtures + "edx-lint", d);
  ASSERT_TRUE(test.has_value());
  EXPECT_TRUE(d.items().empty()) << Messages(d)[0];
  ASSERT_EQ(test->packages.size(), 36u);
  // dev.txt's pin, and test.in's unpinned "Django" merged into it.
  EXPECT_EQ(Summary(*test)[6],
            "django@2.2.17 requirements/dev.txt:30:1 requirements/test.in:5:1");
  EXPECT_EQ(Summary(*test)[34], "coverage requirements/test.in:4:1");
  for (const model::Package& p : test->packages) EXPECT_TRUE(p.flags.direct) << p.name;

  auto base = ReadRequirements(kFixtures + "edx-lint/requirements/base.in", "requirements/base.in",
                               kFixtures + "edx-lint", d);
  ASSERT_TRUE(base.has_value());
  EXPECT_TRUE(d.items().empty());
  EXPECT_EQ(Summary(*base),
            (std::vector<std::string>{
                "code-annotations requirements/base.in:3:1",
                "click requirements/base.in:4:1",
                "click-log@0.3.2 requirements/base.in:5:1 requirements/constraints.txt:11:1",
                "Django requirements/base.in:6:1",
                "pylint@2.6.0 requirements/base.in:7:1 requirements/constraints.txt:6:1",
                "pylint-django@2.3.0 requirements/base.in:8:1 requirements/constraints.txt:7:1",
                "pylint-celery@0.3 requirements/base.in:9:1 requirements/constraints.txt:8:1",
                "six requirements/base.in:10:1",
            }));
  EXPECT_EQ(base->packages[1].specifier, "");
  EXPECT_EQ(base->packages[2].specifier, "");
}

TEST(RequirementsIncludes, ConstraintsPinButAddNothing) {
  TempTree tree;
  tree.Write("requirements.txt", "-c c1.txt\nfoo\nbar>=1\nbaz==2\nqux[extra]; os_name == 'nt'\n");
  tree.Write("c1.txt", "-c deeper/c2.txt\n-r extra.txt\nbar==1.5\nbaz==3\n-e ./x\nunused==1\n");
  tree.Write("deeper/c2.txt", "foo==0.9\nqux==4.0; os_name == 'nt'\n");
  tree.Write("extra.txt", "added==1\n");
  tree.Write("x/pyproject.toml", "[project]\nname = \"x\"\n");
  Diagnostics d;
  model::Source s = Read(tree, "requirements.txt", "", d);
  EXPECT_EQ(Summary(s), (std::vector<std::string>{
                            "added@1 extra.txt:1:1",
                            "foo@0.9 requirements.txt:2:1 deeper/c2.txt:1:1",
                            "bar@1.5 requirements.txt:3:1 c1.txt:3:1",
                            "baz@2 requirements.txt:4:1",
                            "qux@4.0 requirements.txt:5:1 deeper/c2.txt:2:1",
                        }));
  EXPECT_EQ(s.packages[2].specifier, "");
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "warning: c1.txt:5:4: editable requirements are not allowed as constraints; "
                "ignored",
                "warning: c1.txt:4:1: constraint baz==3 conflicts with the requirement baz==2 at "
                "requirements.txt:4:1",
            }));
}

TEST(RequirementsIncludes, ReadsEachFileOnceAndWarnsOfCycles) {
  TempTree tree;
  tree.Write("requirements.txt", "-r b.txt\n-r c.txt\n-r requirements.txt\nalpha==1\n");
  tree.Write("b.txt", "-r common/shared.txt\n-r requirements.txt\nbeta==2\n");
  tree.Write("c.txt", "-r ./common/../common/shared.txt\n-c common/shared.txt\n");
  tree.Write("common/shared.txt", "shared==3\n");
  Diagnostics d;
  model::Source s = Read(tree, "requirements.txt", "", d);
  EXPECT_EQ(Summary(s), (std::vector<std::string>{
                            "shared@3 common/shared.txt:1:1",
                            "beta@2 b.txt:3:1",
                            "alpha@1 requirements.txt:4:1",
                        }));
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "warning: b.txt:2:1: -r requirements.txt: include cycle (requirements.txt -> "
                "b.txt -> requirements.txt); not read again",
                "warning: requirements.txt:3:1: -r requirements.txt: include cycle "
                "(requirements.txt -> requirements.txt); not read again",
            }));
}

TEST(RequirementsIncludes, RefusesPathsOutsideTheScanRoot) {
  TempTree tree;
  tree.Write("outside.txt", "stolen==1\n");
  tree.Write("elsewhere/x.txt", "stolen-too==1\n");
  tree.Write("project/real.txt", "aliased==1\n");
  tree.Link("project/linked.txt", "../outside.txt");
  tree.Link("project/alias.txt", "real.txt");
  tree.Link("project/reqdir", "../elsewhere");
  tree.Write("project/requirements.txt",
             "-r ../outside.txt\n"
             "-r ./sub/../../outside.txt\n"
             "-c /etc/passwd\n"
             "-r linked.txt\n"
             "-r reqdir/x.txt\n"
             "-r alias.txt\n"
             "-r missing.txt\n"
             "-r sub\n"
             "-e ../elsewhere\n"
             "./reqdir\n"
             "ok==1\n");
  tree.Write("project/sub/keep", "");
  Diagnostics d;
  model::Source s = Read(tree, "project/requirements.txt", "project", d);
  EXPECT_EQ(Summary(s), (std::vector<std::string>{"aliased@1 alias.txt:1:1",
                                                  "ok@1 requirements.txt:11:1"}));
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "error: requirements.txt:1:1: -r ../outside.txt: outside the scanned directory; "
                "not read",
                "error: requirements.txt:2:1: -r ./sub/../../outside.txt: outside the scanned "
                "directory; not read",
                "error: requirements.txt:3:1: -c /etc/passwd: outside the scanned directory; not "
                "read",
                "error: requirements.txt:4:1: -r linked.txt: a symbolic link to outside the "
                "scanned directory; not read",
                "error: requirements.txt:5:1: -r reqdir/x.txt: a symbolic link to outside the "
                "scanned directory; not read",
                "error: requirements.txt:7:1: -r missing.txt: missing.txt does not exist",
                "error: requirements.txt:8:1: -r sub: sub: not a regular file",
                "error: requirements.txt:9:4: '../elsewhere' is outside the scanned directory; "
                "not read",
                "error: requirements.txt:10:1: './reqdir' is outside the scanned directory; not "
                "read",
            }));

  // The file itself must lie inside the root, links included.
  Diagnostics d2;
  auto outside = ReadRequirements(tree.Path("project/linked.txt"), "linked.txt",
                                  tree.Path("project"), d2);
  ASSERT_FALSE(outside.has_value());
  EXPECT_EQ(outside.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(outside.error().message,
            "linked.txt: not inside the scanned directory " + tree.Path("project") + "; not read");
  auto missing = ReadRequirements(tree.Path("project/nope.txt"), "nope.txt", "", d2);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().message, "nope.txt: cannot open: No such file or directory");
}

TEST(RequirementsIncludes, NamesLocalProjectsFromTheirPyproject) {
  TempTree tree;
  tree.Write("app/requirements.txt",
             "-e .\n"
             "./libs/tool[cli]\n"
             "./dist/pkg-1.0.tar.gz\n"
             "./missing\n"
             "file:libs/other\n");
  tree.Write("app/pyproject.toml", "[project]\nname = \"app\"\nversion = \"2.0.0\"\n");
  tree.Write("app/libs/tool/pyproject.toml",
             "[project]\nname = \"tool\"\ndynamic = [\"version\"]\n");
  tree.Write("app/libs/other/pyproject.toml", "[project]\nname = \"other\"\nversion = \"0.3\"\n");
  Diagnostics d;
  model::Source s = Read(tree, "app/requirements.txt", "", d);
  EXPECT_EQ(Summary(s), (std::vector<std::string>{
                            "app@2.0.0 requirements.txt:1:4",
                            "tool requirements.txt:2:1",
                            "pkg@1.0 requirements.txt:3:1",
                            "other@0.3 requirements.txt:5:1",
                        }));
  EXPECT_EQ(s.packages[1].extras, (std::vector<std::string>{"cli"}));
  EXPECT_EQ(s.packages[1].resolved, "./libs/tool");
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "warning: requirements.txt:3:1: './dist/pkg-1.0.tar.gz' looks like a file name, "
                "but the file does not exist",
                "error: requirements.txt:4:1: invalid requirement './missing': it looks like a "
                "path, but there is no such directory",
            }));
}

TEST(RequirementsIncludes, BoundsTheDepthOfIncludes) {
  TempTree tree;
  const int files = limits::kMaxRequirementsIncludeDepth + 8;
  for (int i = 0; i < files; ++i) {
    tree.Write("f" + std::to_string(i) + ".txt",
               "-r f" + std::to_string(i + 1) + ".txt\npkg" + std::to_string(i) + "==1\n");
  }
  Diagnostics d;
  model::Source s = Read(tree, "f0.txt", "", d);
  EXPECT_EQ(s.packages.size(), static_cast<std::size_t>(limits::kMaxRequirementsIncludeDepth + 1));
  EXPECT_EQ(Messages(d), (std::vector<std::string>{
                             "error: f32.txt:1:1: -r f33.txt: includes nest deeper than 32 files; "
                             "not read",
                         }));
}

TEST(RequirementsIncludes, BoundsTheNumberOfFiles) {
  TempTree tree;
  std::string top;
  for (std::size_t i = 0; i <= limits::kMaxRequirementsFiles; ++i) {
    tree.Write("f" + std::to_string(i) + ".txt", "pkg" + std::to_string(i) + "==1\n");
    top += "-r f" + std::to_string(i) + ".txt\n";
  }
  tree.Write("requirements.txt", top);
  Diagnostics d;
  model::Source s = Read(tree, "requirements.txt", "", d);
  EXPECT_EQ(s.packages.size(), limits::kMaxRequirementsFiles - 1);
  EXPECT_EQ(Messages(d), (std::vector<std::string>{
                             "error: requirements.txt:1000:1: -r f999.txt: more than 1000 "
                             "requirements files; this and later includes not read",
                         }));
}

TEST(RequirementsIncludes, StaysLinearOnRepetitiveInput) {
  // 100,000 constraints for 100,000 requirements, and one name asked for
  // 100,000 times with a new hash each time: quadratic merging would take
  // hours here.
  TempTree tree;
  std::string constraints, top = "-c constraints.txt\n";
  for (int i = 0; i < 100000; ++i) {
    constraints += "p" + std::to_string(i) + "==1.0\n";
    top += "p" + std::to_string(i) + "\n";
  }
  for (int i = 0; i < 100000; ++i) top += "same==1.0 --hash=sha256:" + std::to_string(i) + "\n";
  tree.Write("constraints.txt", constraints);
  tree.Write("requirements.txt", top);
  Diagnostics d;
  model::Source s = Read(tree, "requirements.txt", "", d);
  ASSERT_EQ(s.packages.size(), 100001u);
  EXPECT_EQ(s.packages[99999].Display(), "p99999@1.0");
  EXPECT_EQ(s.packages[100000].hashes.size(), 100000u);
  EXPECT_EQ(s.packages[100000].locations.size(), 100000u);
  EXPECT_TRUE(d.items().empty());
}

}  // namespace
}  // namespace chainward::collect::pypi
