#include "analyze/pypi/record_check.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace chainward::analyze::pypi {
namespace {

namespace fs = std::filesystem;
const std::string kFixtures = std::string(CHAINWARD_FIXTURES) + "/site-packages/";

std::vector<std::string> Messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(x.ToString());
  return out;
}

struct Brief {
  std::string id;
  model::Severity severity;
  std::string summary;
  std::string note;
  bool operator==(const Brief& o) const {
    return id == o.id && severity == o.severity && summary == o.summary && note == o.note;
  }
};
std::ostream& operator<<(std::ostream& os, const Brief& b) {
  return os << b.id << " " << model::SeverityName(b.severity) << " | " << b.summary << " | "
            << b.note;
}

std::vector<Brief> Check(const std::string& dir, const std::string& display, Diagnostics& d,
                         std::vector<model::Finding>* all = nullptr) {
  auto env = collect::pypi::ReadSitePackages(dir, display, d);
  EXPECT_TRUE(env.has_value());
  if (!env) return {};
  auto findings = CheckRecords(*env, d);
  EXPECT_TRUE(findings.has_value());
  if (!findings) return {};
  std::vector<Brief> out;
  for (const model::Finding& f : *findings) {
    EXPECT_EQ(f.kind, "record");
    out.push_back({f.id, f.severity, f.summary, f.note});
  }
  if (all != nullptr) *all = std::move(*findings);
  return out;
}

const std::string kSetuptoolsMissing =
    "missing: pkg_resources/__init__.py, pkg_resources/_vendor/__init__.py, "
    "pkg_resources/_vendor/importlib_resources/__init__.py, "
    "pkg_resources/_vendor/importlib_resources/_adapters.py, "
    "pkg_resources/_vendor/importlib_resources/_common.py and 236 more";

// The fixture venv keeps setuptools' dist-info and .pth but not its
// packages (README.md): everything else matches its RECORD.
TEST(RecordCheck, FindsOnlyTheTrimmedSetuptoolsInTheRealVenv) {
  Diagnostics d;
  std::vector<model::Finding> all;
  EXPECT_EQ(Check(kFixtures + "venv/lib/python3.11/site-packages", "venv/lib/python3.11/site-packages",
                  d, &all),
            (std::vector<Brief>{{"CW-RECORD-MISSING", model::Severity::kLow,
                                 "241 files listed in the RECORD of setuptools 66.1.1 are missing",
                                 kSetuptoolsMissing}}));
  EXPECT_EQ(Messages(d), std::vector<std::string>{});
  ASSERT_EQ(all[0].locations.size(), 5u);
  EXPECT_EQ(all[0].locations[0].file,
            "venv/lib/python3.11/site-packages/setuptools-66.1.1.dist-info/RECORD");
  EXPECT_EQ(all[0].locations[0].line, 6u);
  EXPECT_EQ(all[0].purl, "pkg:pypi/setuptools@66.1.1");
}

TEST(RecordCheck, ReportsEveryTamperingOfTheTamperedCopy) {
  Diagnostics d;
  std::vector<model::Finding> all;
  const std::string sp = "tampered/lib/python3.11/site-packages";
  EXPECT_EQ(
      Check(kFixtures + sp, sp, d, &all),
      (std::vector<Brief>{
          {"CW-RECORD-MODIFIED", model::Severity::kHigh,
           "bin/demo-cli differs from the RECORD of Demo-Lib 1.0.0",
           "RECORD says 221 bytes, the file has 244"},
          {"CW-RECORD-MODIFIED", model::Severity::kHigh,
           "demo_lib/core.py differs from the RECORD of Demo-Lib 1.0.0",
           "RECORD says 45 bytes, the file has 78"},
          {"CW-RECORD-MODIFIED", model::Severity::kMedium,
           "demo_lib/defaults.json differs from the RECORD of Demo-Lib 1.0.0",
           "RECORD says 22 bytes, the file has 24"},
          {"CW-RECORD-UNLISTED", model::Severity::kHigh,
           "demo_lib/_update.py is not installed by Demo-Lib 1.0.0; possibly dropped later",
           "no RECORD lists this code (.py)"},
          {"CW-RECORD-UNLISTED", model::Severity::kHigh,
           "demo_lib/helper is not installed by Demo-Lib 1.0.0; possibly dropped later",
           "no RECORD lists this executable (exec bit set)"},
          {"CW-RECORD-MODIFIED", model::Severity::kHigh,
           "distutils-precedence.pth differs from the RECORD of setuptools 66.1.1",
           "RECORD says 151 bytes, the file has 195"},
          {"CW-RECORD-MISSING", model::Severity::kLow,
           "241 files listed in the RECORD of setuptools 66.1.1 are missing", kSetuptoolsMissing},
          {"CW-RECORD-MISSING", model::Severity::kLow,
           "1 file listed in the RECORD of tiny.dep 0.2 is missing", "missing: tiny_dep.py"},
      }));
  EXPECT_EQ(Messages(d), std::vector<std::string>{});
  ASSERT_EQ(all[0].locations.size(), 2u);
  EXPECT_EQ(all[0].locations[0].file, "tampered/bin/demo-cli");
  EXPECT_EQ(all[0].locations[1].file, sp + "/Demo_Lib-1.0.0.dist-info/RECORD");
  EXPECT_EQ(all[0].locations[1].line, 1u);
  EXPECT_EQ(all[1].locations[1].line, 14u);
  EXPECT_EQ(all[3].locations[0].file, sp + "/demo_lib/_update.py");
  EXPECT_EQ(all[3].name, "Demo-Lib");
}

// Debian's dh-python writes RECORD digests in hex; they are checked too.
TEST(RecordCheck, ChecksDebianHexDigests) {
  Diagnostics d;
  EXPECT_EQ(Check(kFixtures + "debian/usr/lib/python3/dist-packages", "d", d),
            (std::vector<Brief>{{"CW-RECORD-MISSING", model::Severity::kLow,
                                 "1 file listed in the RECORD of distro 1.8.0 is missing",
                                 "missing: scripts-3.10/distro"}}));
  EXPECT_EQ(Messages(d), std::vector<std::string>{});
}

class HostileRecord : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = ::testing::TempDir() + "chainward-record-" + std::to_string(::getpid());
    fs::remove_all(root_);
    site_ = root_ + "/env/lib/python3.12/site-packages";
    Write("pkg-1.0.dist-info/METADATA", "Name: pkg\nVersion: 1.0\n");
    Write("pkg/__init__.py", "x = 1\n");  // sha256 of "x = 1\n", base64url
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories(fs::path(site_ + "/" + rel).parent_path());
    std::ofstream(site_ + "/" + rel, std::ios::binary) << text;
  }
  std::string root_;
  std::string site_;
};

TEST_F(HostileRecord, NeverReadsPathsThatLeaveTheEnvironment) {
  Write("outside-target.txt", "");
  fs::create_symlink("/etc/hostname", site_ + "/pkg/link.txt");
  Write("pkg-1.0.dist-info/RECORD",
        "../../../../etc/passwd,sha256=AAAA,1\n"
        "/etc/shadow,sha256=AAAA,1\n"
        "../../../bin/../../x,sha256=AAAA,1\n"
        "pkg/link.txt,sha256=AAAA,\n"
        "pkg/__init__.py,sha256=nia_NpkRxFwkPGhBR7I_yeHc_PJX0pmhxjIBam_NM_Q,6\n");
  Diagnostics d;
  EXPECT_EQ(Check(site_, "sp", d), std::vector<Brief>{});
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "sp/pkg-1.0.dist-info/RECORD:1:1: path \"../../../../etc/passwd\" leaves the "
                "environment; not read",
                "sp/pkg-1.0.dist-info/RECORD:2:1: path \"/etc/shadow\" leaves the environment; not read",
                "sp/pkg-1.0.dist-info/RECORD:3:1: path \"../../../bin/../../x\" leaves the "
                "environment; not read",
                "sp/pkg/link.txt: symbolic link to /etc/hostname leaves the environment; not read",
            }));
}

TEST_F(HostileRecord, ComparesDigestsInEveryAlgorithmAndEncoding) {
  Write("pkg/a.txt", "abc");
  Write("pkg-1.0.dist-info/RECORD",
        "pkg/__init__.py,sha256=nia_NpkRxFwkPGhBR7I_yeHc_PJX0pmhxjIBam_NM_Q,6\n"
        // sha512 of "abc", base64url with padding kept
        "pkg/a.txt,sha512=3a81oZNherrMQXNJriBBMRLm-k6JqX6iCp7u5ktV05ohkpkqJ0_BqDa6PCOj_uu9RU1EI2Q86A4qmslPpUyknw==,3\n"
        // md5 of "abd": same size, other content
        "pkg/a.txt,md5=4911e516e5aa21d327512e0c8b197616,3\n"
        "pkg/a.txt,crc32=abcd,3\n"
        "pkg/a.txt,sha256=tooshort,3\n");
  Diagnostics d;
  EXPECT_EQ(Check(site_, "sp", d),
            (std::vector<Brief>{{"CW-RECORD-MODIFIED", model::Severity::kMedium,
                                 "pkg/a.txt differs from the RECORD of pkg 1.0",
                                 "md5 differs: RECORD has 4911e516e5aa21d327512e0c8b197616, the "
                                 "file has 900150983cd24fb0d6963f7d28e17f72"}}));
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "sp/pkg-1.0.dist-info/RECORD:4:1: hash algorithm \"crc32\" is not checked",
                "sp/pkg/a.txt: the RECORD digest is not a sha256 digest in base64url or hex; not "
                "checked",
            }));
}

TEST_F(HostileRecord, FindsUnlistedBinariesAndSurvivesLinkLoops) {
  Write("pkg/native.bin", std::string("\x7f" "ELF\x02\x01\x01", 7));
  Write("pkg/win.dat", "MZ\x90");
  Write("pkg/readme.txt", "text");
  Write("pkg/__pycache__/x.cpython-312.pyc", "bytecode");
  fs::create_directories(site_ + "/pkg/sub");
  fs::create_directory_symlink(site_ + "/pkg", site_ + "/pkg/sub/loop");
  Write("pkg-1.0.dist-info/RECORD",
        "pkg/__init__.py,sha256=nia_NpkRxFwkPGhBR7I_yeHc_PJX0pmhxjIBam_NM_Q,6\n");
  Diagnostics d;
  EXPECT_EQ(Check(site_, "sp", d),
            (std::vector<Brief>{
                {"CW-RECORD-UNLISTED", model::Severity::kHigh,
                 "pkg/native.bin is not installed by pkg 1.0; possibly dropped later",
                 "no RECORD lists this ELF binary"},
                {"CW-RECORD-UNLISTED", model::Severity::kHigh,
                 "pkg/win.dat is not installed by pkg 1.0; possibly dropped later",
                 "no RECORD lists this PE (Windows) binary"},
            }));
}

}  // namespace
}  // namespace chainward::analyze::pypi
