#include "analyze/pypi/pth_audit.h"

#include <gtest/gtest.h>

#include <string>

namespace chainward::analyze::pypi {
namespace {

const std::string kFixtures = std::string(CHAINWARD_FIXTURES) + "/site-packages/";

collect::pypi::InstalledEnvironment Read(const std::string& dir, const std::string& display) {
  Diagnostics d;
  auto env = collect::pypi::ReadSitePackages(kFixtures + dir, display, d);
  EXPECT_TRUE(env.has_value());
  return env ? std::move(*env) : collect::pypi::InstalledEnvironment{};
}

// The defanged litellm 1.82.8 (README.md): same file, same RECORD listing,
// an inert line of the same shape.
TEST(PthAudit, ReportsTheLitellmShapedLineAndNothingElseInTheVenv) {
  auto env = Read("venv/lib/python3.11/site-packages", "venv");
  std::vector<model::Finding> f = AuditPth(env);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].kind, "pth");
  EXPECT_EQ(f[0].id, "CW-PTH-PAYLOAD");
  EXPECT_EQ(f[0].severity, model::Severity::kCritical);
  EXPECT_FALSE(f[0].malicious);
  EXPECT_EQ(f[0].summary,
            "litellm_init.pth:1 runs code at every Python start and uses exec, base64, b64decode");
  EXPECT_EQ(f[0].note, "listed in the RECORD of litellm@1.82.8");
  EXPECT_EQ(f[0].ecosystem, model::Ecosystem::kPyPI);
  EXPECT_EQ(f[0].name, "litellm");
  EXPECT_EQ(f[0].version, "1.82.8");
  EXPECT_EQ(f[0].purl, "pkg:pypi/litellm@1.82.8");
  ASSERT_EQ(f[0].locations.size(), 1u);
  EXPECT_EQ(f[0].locations[0].file, "venv/litellm_init.pth");
  EXPECT_EQ(f[0].locations[0].line, 1u);
  EXPECT_EQ(f[0].locations[0].column, 1u);
  EXPECT_EQ(f[0].snippet,
            "import os; os.environ.get('X') and "
            "exec(__import__('base64').b64decode('cHJpbnQoImRlZmFuZ2VkIik='))");
}

TEST(PthAudit, FlagsABenignNameWithOtherContentAndAnUnownedFile) {
  auto env = Read("tampered/lib/python3.11/site-packages", "t");
  std::vector<model::Finding> f = AuditPth(env);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].id, "CW-PTH-PAYLOAD");
  EXPECT_EQ(f[0].summary,
            "distutils-precedence.pth:1 runs code at every Python start and uses base64");
  EXPECT_EQ(f[0].name, "setuptools");
  EXPECT_EQ(f[0].snippet,
            "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, 'local') == "
            "'local'; enabled and __import__('... (194 bytes)");
  EXPECT_EQ(f[1].id, "CW-PTH-PAYLOAD");
  EXPECT_EQ(f[1].locations[0].file, "t/litellm_init.pth");
  EXPECT_EQ(f[2].id, "CW-PTH-EXEC");
  EXPECT_EQ(f[2].severity, model::Severity::kHigh);
  EXPECT_EQ(f[2].summary, "zz_site.pth:1 runs code at every Python start");
  EXPECT_EQ(f[2].note, "not listed in any distribution's RECORD");
  EXPECT_EQ(f[2].name, "");
  EXPECT_EQ(f[2].purl, "");
}

// setuptools' editable finder and distutils-precedence.pth, Debian's
// unrecorded copy of the latter, and setuptools' namespace-package lines
// are all known texts from their real owners.
TEST(PthAudit, AllowsTheRealTextsOfRealTools) {
  EXPECT_TRUE(AuditPth(Read("editable/lib/python3.11/site-packages", "e")).empty());
  EXPECT_TRUE(AuditPth(Read("debian/usr/lib/python3/dist-packages", "d")).empty());
  EXPECT_TRUE(AuditPth(Read("nspkg/usr/lib/python3/dist-packages", "n")).empty());
}

TEST(PthAudit, NamesAKnownMaliciousFileByItsHash) {
  collect::pypi::InstalledEnvironment env;
  env.source.path = "sp";
  collect::pypi::PthFile pth;
  pth.path = "litellm_init.pth";
  pth.sha256 = "71e35aef03099cd1f2d6446734273025a163597de93912df321ef118bf135238";
  pth.lines.push_back({1, collect::pypi::PthLine::Kind::kExecutable, "import os, subprocess", 1, false});
  env.pth_files.push_back(pth);
  std::vector<model::Finding> f = AuditPth(env);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "CW-PTH-MALICIOUS");
  EXPECT_EQ(f[0].severity, model::Severity::kCritical);
  EXPECT_TRUE(f[0].malicious);
  EXPECT_EQ(f[0].summary,
            "litellm_init.pth:1 is in a known malicious file: litellm 1.82.8's litellm_init.pth "
            "(34,628 bytes)");
  EXPECT_EQ(f[0].references,
            (std::vector<std::string>{"https://github.com/BerriAI/litellm/issues/24512",
                                      "https://osv.dev/vulnerability/MAL-2026-2144"}));
}

TEST(PthAudit, ReportsLinksOversizedFilesHiddenLinesAndCapsFindings) {
  collect::pypi::InstalledEnvironment env;
  env.source.path = "sp";
  collect::pypi::PthFile link;
  link.path = "a.pth";
  link.link_target = "/tmp/x\x1b[2J.pth";
  collect::pypi::PthFile big;
  big.path = "b.pth";
  big.truncated = true;
  big.size = 104857610;
  big.lines.push_back({7, collect::pypi::PthLine::Kind::kExecutable, "import _virtualenv", 12, false});
  collect::pypi::PthFile many;
  many.path = "c.pth";
  for (std::uint32_t i = 1; i <= 60; ++i) {
    many.lines.push_back({i, collect::pypi::PthLine::Kind::kExecutable, "import x", 1, false});
  }
  many.omitted_executable = 5;
  env.pth_files = {link, big, many};
  std::vector<model::Finding> f = AuditPth(env);
  ASSERT_EQ(f.size(), 1u + 2u + 51u);
  EXPECT_EQ(f[0].id, "CW-PTH-LINK");
  EXPECT_EQ(f[0].summary,
            "a.pth is a symbolic link out of the environment; Python runs what it points at");
  EXPECT_EQ(f[0].snippet, "-> /tmp/x?[2J.pth");
  EXPECT_EQ(f[1].id, "CW-PTH-OVERSIZE");
  EXPECT_EQ(f[1].summary,
            "b.pth is 104857610 bytes, too large to read whole; Python runs every import line in it");
  // A known text after a hidden break is never allowed: editors do not show it.
  EXPECT_EQ(f[2].id, "CW-PTH-EXEC");
  EXPECT_EQ(f[2].locations[0].column, 12u);
  EXPECT_EQ(f[2].note,
            "not listed in any distribution's RECORD; only Python 3.13 and later run it: it starts "
            "after a byte-order mark or a line break that earlier versions and most editors do not "
            "show");
  EXPECT_EQ(f[52].locations[0].line, 50u);
  EXPECT_EQ(f[53].summary, "c.pth has 15 more executable lines than are listed");
}

TEST(PthAllowlist, KnowsRealTextsOnlyWithTheirRealOwners) {
  const PthOwner nobody, setuptools{"setuptools", false}, other{"evil", false},
      pywin32{"pywin32", false}, editable{"editable-app", true};
  const std::string precedence =
      "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, 'local') == "
      "'local'; enabled and __import__('_distutils_hack').add_shim(); \n";
  EXPECT_EQ(BenignPthLine(precedence, setuptools), "setuptools distutils-precedence.pth");
  EXPECT_EQ(BenignPthLine(precedence, nobody), "setuptools distutils-precedence.pth");
  EXPECT_EQ(BenignPthLine(precedence, other), std::nullopt);
  EXPECT_EQ(BenignPthLine("import _virtualenv", nobody), "virtualenv _virtualenv.pth");
  EXPECT_EQ(BenignPthLine("import _virtualenv", other), std::nullopt);
  EXPECT_EQ(BenignPthLine("import pywin32_bootstrap\r\n", pywin32), "pywin32 pywin32.pth");
  EXPECT_EQ(BenignPthLine("import pywin32_bootstrap", other), std::nullopt);
  EXPECT_EQ(BenignPthLine("import sys; sys.__plen = len(sys.path)", other),
            "setuptools easy-install.pth");
  const std::string finder =
      "import __editable___editable_app_0_3_finder; __editable___editable_app_0_3_finder.install()";
  EXPECT_EQ(BenignPthLine(finder, editable), "setuptools editable finder (PEP 660)");
  EXPECT_EQ(BenignPthLine(finder, other), std::nullopt);  // a wheel from an index
  EXPECT_EQ(BenignPthLine(finder + "; import os", editable), std::nullopt);
  EXPECT_EQ(BenignPthLine("import __editable___a_finder; __editable___b_finder.install()", editable),
            std::nullopt);
  EXPECT_EQ(BenignPthLine("import _editable_impl_demo", editable),
            "editables (hatchling) editable install");
  EXPECT_EQ(BenignPthLine("import _demo_editable", editable), "scikit-build-core editable install");
  EXPECT_EQ(BenignPthLine("import _demo_editable_loader", editable),
            "meson-python editable install");
  EXPECT_EQ(BenignPthLine("import _demo_editable, os", editable), std::nullopt);
  EXPECT_EQ(BenignPthLine("import sys; exec('import os\\n\\nif os.getenv(\"COVERAGE_PROCESS_START\") "
                          "or os.getenv(\"COVERAGE_PROCESS_CONFIG\"):\\n try:\\n  import "
                          "coverage\\n except:\\n  pass\\n else:\\n  "
                          "coverage.process_startup(slug=\"pth\")')\n",
                          PthOwner{"coverage", false}),
            "coverage a1_coverage.pth");
  EXPECT_EQ(BenignPthLine("import os", nobody), std::nullopt);
  // Found by fuzz_pth: a short line with "; " in it, from an editable owner.
  EXPECT_EQ(BenignPthLine("a; y", editable), std::nullopt);
  EXPECT_EQ(BenignPthLine("; ", editable), std::nullopt);
}

TEST(PthAudit, FindsPayloadWordsEvenInsideStrings) {
  EXPECT_EQ(PayloadWords("import os; os.system('id')"), std::vector<std::string>{"system"});
  EXPECT_EQ(PayloadWords("import sys; __import__('zlib').decompress(b'')"),
            std::vector<std::string>{"zlib"});
  EXPECT_EQ(PayloadWords("import subprocess, sys; subprocess.Popen([sys.executable])"),
            (std::vector<std::string>{"subprocess", "Popen"}));
  EXPECT_EQ(PayloadWords("import socket;import urllib.request as u; u.urlopen('http://x')"),
            (std::vector<std::string>{"socket", "urllib", "urlopen", "http"}));
  EXPECT_TRUE(PayloadWords("import sys; sys.exec_prefix; executable").empty());
}

TEST(PthAudit, CutsSnippetsOnACharacterBoundary) {
  std::string text = std::string(119, 'a') + "\xC3\xA9" + std::string(50, 'b');
  EXPECT_EQ(Snippet(text), std::string(119, 'a') + "... (171 bytes)");
  EXPECT_EQ(Snippet("import os\x1b]0;x\x07"), "import os?]0;x?");
}

}  // namespace
}  // namespace chainward::analyze::pypi
