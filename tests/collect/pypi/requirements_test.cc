// Requirements files read from text and from the fixtures: every line form,
// option, variable and error message. Includes, the scan root and limits
// that need a file tree are in requirements_include_test.cc.
#include "collect/pypi/requirements.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "base/limits.h"
#include "collect/pypi/redact.h"
#include "messages.h"

namespace chainward::collect::pypi {
namespace {

const std::string kDir = std::string(CHAINWARD_FIXTURES) + "/pypi-requirements/";

// Sets an environment variable for the life of a test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }

 private:
  const char* name_;
};

model::Source Parse(std::string_view text, Diagnostics& d) {
  auto source = ParseRequirements("requirements.txt", text, d);
  EXPECT_TRUE(source.has_value()) << source.error().message;
  return source ? *source : model::Source{};
}

model::Source Read(const std::string& rel, const std::string& display, Diagnostics& d,
                   const std::string& root = "") {
  auto source = ReadRequirements(kDir + rel, display, root.empty() ? "" : kDir + root, d);
  EXPECT_TRUE(source.has_value()) << source.error().message;
  return source ? *source : model::Source{};
}

std::string Where(const model::Package& p, std::size_t i = 0) {
  const model::Location& l = p.locations.at(i);
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

struct Expected {
  const char* name;
  const char* version;
  const char* specifier;
  model::SourceKind kind;
  const char* resolved;
  const char* markers;
  std::vector<std::string> extras;
  std::size_t hashes;
  bool editable;
  const char* where;
};

TEST(RequirementsFile, ReadsEveryFormOfLine) {
  ScopedEnv user("INDEX_USER", "ci-bot");
  ScopedEnv token("INDEX_TOKEN", "tok-9f8e7d");
  ScopedEnv git("GIT_TOKEN", "ghp_secret123");
  Diagnostics d;
  model::Source s = Read("forms/requirements.txt", "forms/requirements.txt", d);
  EXPECT_EQ(s.format, model::SourceFormat::kRequirements);
  EXPECT_EQ(s.path, "forms/requirements.txt");
  EXPECT_TRUE(Messages(d).empty()) << Messages(d)[0];
  using K = model::SourceKind;
  const Expected expected[] = {
      {"pytest", "", "", K::kRegistry, "", "", {}, 0, false, "14:1"},
      {"docopt", "0.6.1", "", K::kRegistry, "", "", {}, 0, false, "15:1"},
      {"requests", "", ">=2.8.1,==2.8.*", K::kRegistry, "", "python_version < \"2.7\"",
       {"security"}, 0, false, "16:1"},
      {"Django", "4.2.11", "", K::kRegistry, "", "", {}, 0, false, "17:1"},
      {"pyjwt", "", ">=2.0,<3", K::kRegistry, "", "", {"crypto"}, 0, false, "18:1"},
      {"numpy", "1.21.6", "", K::kRegistry, "", "python_version < \"3.8\"", {}, 1, false, "19:1"},
      {"numpy", "1.26.4", "", K::kRegistry, "", "python_version >= \"3.8\"", {}, 2, false, "20:1"},
      {"six", "1.16.0", "", K::kRegistry, "", "", {}, 0, false, "23:1"},
      {"urllib3", "", "", K::kTarball,
       "https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip", "", {}, 0, false, "26:1"},
      {"attrs", "23.2.0", "", K::kFile, "./wheels/attrs-23.2.0-py3-none-any.whl", "", {}, 0, false,
       "27:1"},
      {"wxPython-Phoenix", "3.0.3.dev1820+49a8884", "", K::kTarball,
       "http://wxpython.org/Phoenix/snapshot-builds/"
       "wxPython_Phoenix-3.0.3.dev1820+49a8884-cp34-none-win_amd64.whl",
       "", {}, 0, false, "28:1"},
      {"simplejson", "3.19.2", "", K::kTarball,
       "https://files.example.com/packages/simplejson-3.19.2.tar.gz"
       "#sha256=3a5d6d2ff1f0a1b3c1d4b2a6f1e5b4d3c2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7",
       "", {}, 0, false, "29:1"},
      {"sampleproject", "", "", K::kGit,
       "git+https://github.com/pypa/sampleproject.git@v3.0.0#egg=sampleproject", "", {}, 0, false,
       "30:1"},
      {"MyProject", "", "", K::kTarball, "hg+https://hg.example.com/MyProject@da39a3ee5e6b#egg=MyProject",
       "", {}, 0, false, "31:1"},
      {"private-lib", "", "", K::kGit,
       "git+https://***@github.com/example/private-lib.git@main#egg=private-lib[extra]", "",
       {"extra"}, 0, true, "34:4"},
      {"forms-app", "0.1.0", "", K::kFile, ".", "", {}, 0, true, "35:4"},
      {"vendored-lib", "", "", K::kFile, "./vendor/lib", "", {}, 0, true, "36:12"},
  };
  ASSERT_EQ(s.packages.size(), std::size(expected));
  for (std::size_t i = 0; i < s.packages.size(); ++i) {
    const model::Package& p = s.packages[i];
    const Expected& e = expected[i];
    SCOPED_TRACE(e.name);
    EXPECT_EQ(p.ecosystem, model::Ecosystem::kPyPI);
    EXPECT_EQ(p.name, e.name);
    EXPECT_EQ(p.version, e.version);
    EXPECT_EQ(p.specifier, e.specifier);
    EXPECT_EQ(p.kind, e.kind);
    EXPECT_EQ(p.resolved, e.resolved);
    EXPECT_EQ(p.markers, e.markers);
    EXPECT_EQ(p.extras, e.extras);
    EXPECT_EQ(p.hashes.size(), e.hashes);
    EXPECT_EQ(p.flags.editable, e.editable);
    EXPECT_TRUE(p.flags.direct);
    EXPECT_EQ(Where(p), std::string("forms/requirements.txt:") + e.where);
    // Packages from an index carry the whole index list; direct references
    // do not come from one.
    EXPECT_EQ(p.index, e.kind == K::kRegistry
                           ? "https://***@pypi.example.com/simple https://pypi.org/simple"
                           : "");
  }
  EXPECT_EQ(s.packages[6].hashes,
            (std::vector<std::string>{
                "sha256:2e4ee3380d6de9c9ec04745830fd9e2eccb3e6cf790d39d7b98ffd19b0dd754a",
                "sha512:4e9f8d5ec3e1b2f0f6a04b0f1f6e0ac9d29bd38e0f5c7c9c9d7d95b8b4d0b2a1c3e5f7a9b1d"
                "3f5e7a9c1b3d5f7e9a1c3b5d7f9e1a3c5b7d9f1e3a5c7b9d1f3e5a7"}));
}

TEST(RequirementsFile, NeverRecordsAnExpandedSecret) {
  ScopedEnv user("INDEX_USER", "ci-bot");
  ScopedEnv token("INDEX_TOKEN", "tok-9f8e7d");
  ScopedEnv git("GIT_TOKEN", "ghp_secret123");
  ScopedEnv query("QUERY_TOKEN", "qt-55aa");
  Diagnostics d;
  model::Source s = Parse(
      "--extra-index-url https://mirror.example.com/simple?token=${QUERY_TOKEN}\n"
      "--bogus=${QUERY_TOKEN}\n"
      "${QUERY_TOKEN}=1.0\n"
      "https://${INDEX_USER}:${INDEX_TOKEN}@files.example.com/pkg-1.0.tar.gz\n"
      "-e git+https://${GIT_TOKEN}@github.com/o/r.git\n",
      d);
  ASSERT_EQ(s.packages.size(), 1u);
  EXPECT_EQ(s.packages[0].resolved, "https://***@files.example.com/pkg-1.0.tar.gz");
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "warning: requirements.txt:2:1: no such option: --bogus; line skipped",
                "error: requirements.txt:3:15: invalid requirement '${QUERY_TOKEN}=1.0': expected "
                "a version operator (==, !=, <=, >=, <, >, ~=, ===) (= is not a valid operator. "
                "Did you mean == ?)",
                "error: requirements.txt:5:4: Could not detect requirement name for "
                "'git+https://***@github.com/o/r.git', please specify one with "
                "#egg=your_package_name",
            }));
  for (const std::string& m : Messages(d)) {
    EXPECT_EQ(m.find("qt-55aa"), std::string::npos) << m;
    EXPECT_EQ(m.find("ghp_secret123"), std::string::npos) << m;
  }
  // The index list keeps the variable as written.
  Diagnostics d2;
  model::Source t = Parse(
      "--extra-index-url https://mirror.example.com/simple?token=${QUERY_TOKEN}\nsix\n", d2);
  ASSERT_EQ(t.packages.size(), 1u);
  EXPECT_EQ(t.packages[0].index,
            "https://pypi.org/simple https://mirror.example.com/simple?token=${QUERY_TOKEN}");
}

TEST(RequirementsFile, LeavesUnsetVariablesAsWrittenWithAWarning) {
  ::unsetenv("INDEX_USER");
  ::unsetenv("INDEX_TOKEN");
  ::unsetenv("GIT_TOKEN");
  ScopedEnv empty("EMPTY_VALUE", "");
  ScopedEnv pinned("PINNED_VERSION", "2.31.0");
  Diagnostics d;
  model::Source s = Read("forms/requirements.txt", "forms/requirements.txt", d);
  EXPECT_EQ(s.packages.size(), 17u);
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "warning: forms/requirements.txt:2:21: environment variable ${INDEX_USER} is not "
                "set or empty; left as written",
                "warning: forms/requirements.txt:2:35: environment variable ${INDEX_TOKEN} is not "
                "set or empty; left as written",
                "warning: forms/requirements.txt:34:16: environment variable ${GIT_TOKEN} is not "
                "set or empty; left as written",
            }));
  // Only ${NAME} with upper-case letters, digits and "_" is a variable;
  // an empty value counts as unset, as in pip.
  Diagnostics d2;
  model::Source t = Parse(
      "requests==${PINNED_VERSION}\n"
      "idna==${EMPTY_VALUE}3.7\n"
      "six==$PINNED_VERSION\n"
      "attrs==${pinned_version}\n",
      d2);
  std::vector<std::string> versions;
  for (const model::Package& p : t.packages) versions.push_back(p.version);
  EXPECT_EQ(versions, (std::vector<std::string>{"2.31.0", "${EMPTY_VALUE}3.7", "$PINNED_VERSION",
                                                "${pinned_version}"}));
  EXPECT_EQ(Messages(d2),
            (std::vector<std::string>{
                "warning: requirements.txt:2:7: environment variable ${EMPTY_VALUE} is not set or "
                "empty; left as written",
            }));
}

TEST(RequirementsFile, ReadsACompiledFileWithHashes) {
  Diagnostics d;
  model::Source s = Read("uv-compiled/py312-django51.txt", "py312-django51.txt", d);
  EXPECT_TRUE(d.items().empty());
  ASSERT_EQ(s.packages.size(), 10u);
  const model::Package& coverage = s.packages[1];
  EXPECT_EQ(coverage.name, "coverage");
  EXPECT_EQ(coverage.version, "7.5.4");
  EXPECT_EQ(coverage.hashes.size(), 52u);
  EXPECT_EQ(coverage.hashes.front(),
            "sha256:018a12985185038a5b2bcafab04ab833a9a0f2c59995b3cec07e10074c78635f");
  EXPECT_EQ(Where(coverage), "py312-django51.txt:9:1");
  const model::Package& django = s.packages[2];
  EXPECT_EQ(django.Display(), "django@5.1b1");
  EXPECT_EQ(Where(django), "py312-django51.txt:63:1");
  EXPECT_EQ(s.packages[9].Display(), "sqlparse@0.5.0");
  EXPECT_EQ(s.packages[9].hashes.size(), 2u);
}

TEST(RequirementsFile, ReadsInlineCommentsOfOlderPipCompileOutput) {
  Diagnostics d;
  model::Source s = Read("flask/dev.txt", "dev.txt", d);
  EXPECT_TRUE(d.items().empty());
  ASSERT_EQ(s.packages.size(), 49u);
  EXPECT_EQ(s.packages[0].Display(), "alabaster@0.7.12");
  EXPECT_EQ(s.packages[21].Display(), "packaging@20.4");
  EXPECT_EQ(Where(s.packages[21]), "dev.txt:28:1");
  EXPECT_EQ(s.packages.back().Display(), "virtualenv@20.0.21");
}

TEST(RequirementsFile, DecodesUtf16AndUtf8WithByteOrderMarks) {
  Diagnostics d;
  model::Source utf16 = Read("encodings/utf16-freeze.txt", "utf16-freeze.txt", d);
  ASSERT_EQ(utf16.packages.size(), 2u);
  EXPECT_EQ(utf16.packages[0].Display(), "requests@2.31.0");
  EXPECT_EQ(Where(utf16.packages[1]), "utf16-freeze.txt:2:1");
  model::Source bom = Read("encodings/bom-crlf.txt", "bom-crlf.txt", d);
  ASSERT_EQ(bom.packages.size(), 2u);
  EXPECT_EQ(bom.packages[0].hashes,
            (std::vector<std::string>{
                "sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f"}));
  EXPECT_EQ(Where(bom.packages[0]), "bom-crlf.txt:1:1");
  EXPECT_EQ(Where(bom.packages[1]), "bom-crlf.txt:4:1");
  EXPECT_TRUE(d.items().empty());
}

TEST(RequirementsFile, JoinsLinesAndStripsCommentsInPipsOrder) {
  Diagnostics d;
  model::Source s = Parse(
      "# a comment line\n"
      "   # an indented comment \\\n"
      "alpha==1.0 # trailing comment\n"
      "beta @ https://example.com/beta-2.0.tar.gz#egg=beta\n"
      "gamma\\\n"
      "==3.0\n"
      "delta==4.0 \\\n"
      "# via something: the comment ends the join\n"
      "epsilon==5.0\rzeta==6.0\fEta==7.0\n"
      "theta==8.0\xc2\xa0# after a no-break space\n"
      "\\\\iota==9.0\\\\\n"
      "\n"
      "kappa==10.0 \\",
      d);
  std::vector<std::string> got;
  for (const model::Package& p : s.packages) got.push_back(p.Display() + " " + Where(p));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "alpha@1.0 requirements.txt:3:1",
                     "beta@2.0 requirements.txt:4:1",
                     "gamma@3.0 requirements.txt:5:1",
                     "delta@4.0 requirements.txt:7:1",
                     "epsilon@5.0 requirements.txt:9:1",
                     "zeta@6.0 requirements.txt:10:1",
                     "Eta@7.0 requirements.txt:11:1",
                     "theta@8.0 requirements.txt:12:1",
                     "iota@9.0 requirements.txt:13:3",
                     "kappa@10.0 requirements.txt:15:1",
                 }));
  EXPECT_EQ(s.packages[1].resolved, "https://example.com/beta-2.0.tar.gz#egg=beta");
  EXPECT_EQ(s.packages[1].version, "2.0");
  EXPECT_TRUE(d.items().empty()) << Messages(d)[0];
}

TEST(RequirementsFile, ReadsOptionsAsOptparseDoes) {
  Diagnostics d;
  model::Source s = Parse(
      "--extra-index https://a.example.com/simple\n"          // an abbreviation
      "-ihttps://b.example.com/simple\n"                      // -i with its value attached
      "--extra-index-url=\"https://c.example.com/simple\"\n"  // quoted
      "-r\n"                                                   // no value
      "--req x.txt\n"                                          // ambiguous
      "--pre=yes\n"                                            // a flag given a value
      "--hash=md5:abc\n"                                       // hash algorithm
      "--install-option=--prefix=/opt\n"                       // not a pip option
      "--index-url 'unclosed\n"
      "one==1.0 --hash sha256:aa --hash=sha384:bb -i https://ignored.example.com\n"
      "two==2.0 --hash=sha256\n"
      "--hash=sha256:cc\n"
      "three==3.0 -- --not-read\n"
      "four==4.0 -e ./x --pre -i x\n",
      d);
  ASSERT_EQ(s.packages.size(), 3u);
  EXPECT_EQ(s.packages[0].hashes, (std::vector<std::string>{"sha256:aa", "sha384:bb"}));
  EXPECT_EQ(s.packages[0].index,
            "https://b.example.com/simple https://c.example.com/simple");
  EXPECT_EQ(s.packages[1].name, "three");
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "error: requirements.txt:4:1: -r option requires 1 argument; line skipped",
                "error: requirements.txt:5:1: ambiguous option: --req (--require-hashes, "
                "--requirement?); line skipped",
                "error: requirements.txt:6:1: --pre option does not take a value; line skipped",
                "error: requirements.txt:7:1: Allowed hash algorithms for --hash are sha256, "
                "sha384, sha512.; line skipped",
                "warning: requirements.txt:8:1: no such option: --install-option; line skipped",
                "error: requirements.txt:9:13: could not split options (No closing quotation); "
                "line skipped",
                "warning: requirements.txt:10:44: -i is ignored on a line with a requirement",
                "error: requirements.txt:11:10: Arguments to --hash must be a hash name followed "
                "by a value, like --hash=sha256:abcde...; line skipped",
                "warning: requirements.txt:12:1: --hash without a requirement is ignored",
                "warning: requirements.txt:14:11: -e and 2 more options are ignored on a line with a "
                "requirement",
            }));
}

TEST(RequirementsFile, AppliesIndexOptionsToTheWholeFileInOrder) {
  Diagnostics d;
  model::Source replaced = Parse(
      "a==1\n--extra-index-url https://x.example.com/simple\n"
      "-i https://user:pw@y.example.com/simple\n",
      d);
  EXPECT_EQ(replaced.packages[0].index, "https://***@y.example.com/simple");
  model::Source none = Parse("--no-index\n--find-links ./wheels\n-i https://z/simple\na==1\n", d);
  EXPECT_EQ(none.packages[0].index, "");
  model::Source default_only = Parse("-i https://pypi.org/simple\na==1\n", d);
  EXPECT_EQ(default_only.packages[0].index, "");
  EXPECT_TRUE(d.items().empty());
}

TEST(RequirementsFile, SaysWhyARequirementCannotBeRead) {
  Diagnostics d;
  model::Source s = Parse(
      "https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip\n"
      "https://example.com/dist/not_a-wheel.whl\n"
      "requests=2.0\n"
      "-e https://example.com/project.tar.gz\n"
      "-e git+https://github.com/o/r.git@main\n"
      "-e cvs+https://example.com/r#egg=r\n"
      "cvs+https://example.com/r\n"
      "name @ ./relative/path\n"
      "git+https://github.com/o/unnamed.git\n"
      "-e .\n"
      "./vendor/lib\n"
      "https://example.com/pkg.tar.gz#egg=bad%20name\n",
      d);
  EXPECT_TRUE(s.packages.empty());
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "error: requirements.txt:1:1: cannot tell the name of the package at "
                "'https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip'; name it with "
                "#egg=NAME or NAME @ URL",
                "error: requirements.txt:2:1: 'not_a-wheel.whl' is not a valid wheel filename",
                "error: requirements.txt:3:9: invalid requirement 'requests=2.0': expected a "
                "version operator (==, !=, <=, >=, <, >, ~=, ===) (= is not a valid operator. Did "
                "you mean == ?)",
                "error: requirements.txt:4:4: 'https://example.com/project.tar.gz' is not a valid "
                "editable requirement: it should be a path to a local project or a VCS URL "
                "(beginning with bzr+, git+, hg+ or svn+)",
                "error: requirements.txt:5:4: Could not detect requirement name for "
                "'git+https://github.com/o/r.git@main', please specify one with "
                "#egg=your_package_name",
                "error: requirements.txt:6:4: for --editable='cvs+https://example.com/r#egg=r', "
                "only bzr+URL, git+URL, hg+URL, svn+URL are supported",
                "error: requirements.txt:7:4: invalid requirement 'cvs+https://example.com/r': "
                "expected \";\" or the end of the requirement",
                "error: requirements.txt:8:8: invalid requirement 'name @ ./relative/path': "
                "invalid URL './relative/path'",
                "error: requirements.txt:9:1: cannot tell the name of the package at "
                "'git+https://github.com/o/unnamed.git'; name it with #egg=NAME or NAME @ URL",
                "warning: requirements.txt:10:4: cannot tell the name of the local project '.' "
                "(its pyproject.toml names none); skipped",
                "warning: requirements.txt:11:1: cannot tell the name of the local project "
                "'./vendor/lib' (its pyproject.toml names none); skipped",
                "error: requirements.txt:12:1: 'https://example.com/pkg.tar.gz#egg=bad%20name': "
                "#egg=bad%20name is not a project name",
            }));
}

TEST(RequirementsFile, KeepsTheFirstOfConflictingDuplicates) {
  Diagnostics d;
  model::Source s = Parse(
      "Django==4.2.11\n"
      "django==5.0\n"                              // conflicts: warned, dropped
      "django\n"                                   // compatible: merged
      "zope.interface>=6 --hash=sha256:aa\n"
      "Zope_Interface>=6 --hash=sha256:bb\n"       // same specifier: merged
      "numpy==1.21.6; python_version < '3.8'\n"
      "numpy==1.26.4; python_version >= '3.8'\n",  // other markers: another package
      d);
  ASSERT_EQ(s.packages.size(), 4u);
  EXPECT_EQ(s.packages[0].Display(), "Django@4.2.11");
  ASSERT_EQ(s.packages[0].locations.size(), 2u);
  EXPECT_EQ(Where(s.packages[0], 1), "requirements.txt:3:1");
  EXPECT_EQ(s.packages[1].hashes, (std::vector<std::string>{"sha256:aa", "sha256:bb"}));
  EXPECT_EQ(s.packages[2].version, "1.21.6");
  EXPECT_EQ(s.packages[3].version, "1.26.4");
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "warning: requirements.txt:2:1: double requirement given: django==5.0 conflicts "
                "with Django==4.2.11 at requirements.txt:1:1; the first is kept",
            }));
}

TEST(RequirementsFile, ReportsIncludesAndLocalPathsAsNotFollowedInText) {
  Diagnostics d;
  model::Source s = Parse(
      "-r base.txt\n"
      "-c https://user:secret@example.com/constraints.txt\n"
      "--requirement=file:///srv/other.txt\n"
      "six\n",
      d);
  EXPECT_EQ(s.packages.size(), 1u);
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "warning: requirements.txt:1:1: -r base.txt: not followed when reading text alone",
                "warning: requirements.txt:2:1: -c https://***@example.com/constraints.txt: a "
                "URL; not fetched",
                "warning: requirements.txt:3:1: --requirement file:///srv/other.txt: not followed "
                "when reading text alone",
            }));
}

TEST(RequirementsFile, SkipsOverlongLinesAndReadsTheRest) {
  const std::size_t limit = limits::kMaxRequirementsLineBytes;
  Diagnostics d;
  std::string text = "first==1.0\n" + std::string(100u << 20, 'a') + "\nsecond==2.0\n";
  model::Source s = Parse(text, d);
  ASSERT_EQ(s.packages.size(), 2u);
  EXPECT_EQ(Where(s.packages[1]), "requirements.txt:3:1");
  // A join of continued lines and an expansion are bounded the same way.
  std::string joined = "third==3.0 \\\n";
  for (std::size_t i = 0; i * 1000 < limit + 1000; ++i) joined += std::string(999, 'b') + "\\\n";
  joined += "end\nfourth==4.0\n";
  ScopedEnv big("BIG", std::string(limit / 2 + 1, 'c').c_str());
  std::string expanded = "x==${BIG}${BIG}\nfifth==5.0\n";
  model::Source t = Parse(joined + expanded, d);
  ASSERT_EQ(t.packages.size(), 2u);
  EXPECT_EQ(t.packages[0].name, "fourth");
  EXPECT_EQ(t.packages[1].name, "fifth");
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "error: requirements.txt:2:1: the line is longer than 1048576 bytes; skipped",
                "error: requirements.txt:1:1: the line joined with \"\\\" is longer than 1048576 "
                "bytes; skipped",
                "error: requirements.txt:1054:1: the line with its variables expanded is longer "
                "than 1048576 bytes; skipped",
            }));
}

TEST(RequirementsFile, RefusesTextOverTheFileLimit) {
  Diagnostics d;
  std::string text(limits::kMaxLockfileBytes + 1, '#');
  auto source = ParseRequirements("huge.txt", text, d);
  ASSERT_FALSE(source.has_value());
  EXPECT_EQ(source.error().code, ErrorCode::kLimit);
  EXPECT_EQ(source.error().message, "huge.txt: file is 268435457 bytes, over the limit of 268435456");
}

TEST(RequirementsFile, RedactsTheUserinfoOfEveryUrl) {
  const std::pair<const char*, const char*> cases[] = {
      {"https://user:token@pypi.example.com/simple", "https://***@pypi.example.com/simple"},
      {"https://token@host", "https://***@host"},
      {"git+ssh://git@github.com/o/r.git@v1#egg=r", "git+ssh://***@github.com/o/r.git@v1#egg=r"},
      {"https://a:p@ss@host/x", "https://***@host/x"},
      {"https://host/path@v1", "https://host/path@v1"},
      {"-c https://u:p@h/c.txt and http://v:q@i?x", "-c https://***@h/c.txt and http://***@i?x"},
      {"no url here: user@host", "no url here: user@host"},
      {"https://", "https://"},
  };
  for (const auto& [text, redacted] : cases) EXPECT_EQ(RedactUserinfo(text), redacted) << text;
}

TEST(RequirementsFile, KnowsRequirementsFileNames) {
  for (const char* yes : {"requirements.txt", "requirements-dev.txt", "requirements_test.txt",
                          "dev-requirements.txt", "Requirements.TXT", "requirements.prod.txt",
                          "requirements/dev.txt", "app/requirements/base.txt"}) {
    EXPECT_TRUE(IsRequirementsFileName(yes)) << yes;
  }
  for (const char* no : {"requirements.in", "constraints.txt", "requirements/constraints.txt",
                         "requirements-constraints.txt", "requirements.txt.bak", "setup.txt",
                         "docs/dev.txt", "Pipfile.lock"}) {
    EXPECT_FALSE(IsRequirementsFileName(no)) << no;
  }
}

}  // namespace
}  // namespace chainward::collect::pypi
