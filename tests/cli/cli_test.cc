// End-to-end tests: run the built binary, check stdout, stderr and exit code.
#include <dirent.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "run.h"

namespace chainward::testing {
namespace {

namespace fs = std::filesystem;

const std::string kExample = std::string(CHAINWARD_SOURCE_DIR) + "/examples/poisoned-app";
const std::string kFixtures = CHAINWARD_FIXTURES;

// path -> contents of every regular file (and link target) under `root`.
std::map<std::string, std::string> Snapshot(const std::string& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string rel = fs::relative(entry.path(), root).string();
    if (entry.is_symlink()) {
      files[rel] = "-> " + fs::read_symlink(entry.path()).string();
    } else if (entry.is_regular_file()) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      files[rel] = ss.str();
    }
  }
  return files;
}

TEST(Cli, PrintsItsVersion) {
  RunResult r = RunChainward({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("chainward ", 0), 0u) << r.out;
}

TEST(Cli, WithoutACommandIsAUsageError) {
  RunResult r = RunChainward({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("subcommand"), std::string::npos) << r.err;
}

TEST(Cli, UnknownFormatIsAUsageError) {
  RunResult r = RunChainward({"inventory", kExample, "--format", "xml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--format"), std::string::npos) << r.err;
}

TEST(Cli, AMissingPathMakesTheRunIncomplete) {
  RunResult r = RunChainward({"inventory", "/nonexistent/project"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("error: /nonexistent/project: no such file or directory"),
            std::string::npos)
      << r.out;
}

TEST(Cli, AnEmptyDirectoryIsNeverReportedAsClean) {
  std::string dir = MakeTempDir("empty");
  RunResult r = RunChainward({"inventory", dir, "--format", "json"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("\"complete\": false"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no lockfile, installed node_modules tree or Python environment found "
                       "in the given paths"),
            std::string::npos)
      << r.out;
  fs::remove_all(dir);
}

TEST(Cli, NeverRunsInstallHooksAndLeavesTheTreeUntouched) {
  std::string dir = MakeTempDir("never-run");
  fs::copy(kFixtures + "/never-run", dir, fs::copy_options::recursive);
  auto before = Snapshot(dir);
  for (const char* command : {"inventory", "scan"}) {
    RunResult r = RunChainward({command, dir});
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << command << ": " << r.out << r.err;
  }
  EXPECT_EQ(Snapshot(dir), before);
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    EXPECT_EQ(entry.path().filename().string().find("MARKER"), std::string::npos)
        << entry.path();
  }
  fs::remove_all(dir);
}

TEST(CliScan, FindsTheAxiosCompromiseInTheExample) {
  RunResult r = RunChainward({"scan", kExample});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("CRITICAL  axios 1.14.1  [malicious]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CRITICAL  plain-crypto-js 4.2.1  [malicious]"), std::string::npos);
  EXPECT_NE(r.out.find("via    axios@1.14.1 > plain-crypto-js@4.2.1"), std::string::npos);
  EXPECT_NE(r.out.find("at     " + kExample + "/package-lock.json:786"), std::string::npos);
  EXPECT_NE(r.out.find("fix    move to 1.14.0"), std::string::npos);
  EXPECT_NE(r.out.find("4 findings in 93 packages from 3 sources"), std::string::npos);
  // Piped output has no colour.
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos);
}

TEST(CliScan, WritesStableJson) {
  std::string dir = MakeTempDir("json");
  RunResult r = RunChainward({"scan", kExample, "--format", "json", "--output", dir + "/r.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  std::ifstream in(dir + "/r.json");
  std::stringstream json;
  json << in.rdbuf();
  std::string text = json.str();
  EXPECT_EQ(text.rfind("{\n  \"schema\": \"chainward.scan/1\",\n  \"complete\": true,", 0), 0u)
      << text.substr(0, 200);
  EXPECT_NE(text.find("\"purl\": \"pkg:npm/plain-crypto-js@4.2.1\""), std::string::npos);
  EXPECT_NE(text.find("\"MAL-2026-2306\""), std::string::npos);
  fs::remove_all(dir);
}

TEST(CliScan, AnUnwritableOutputIsAUsageErrorBeforeAnyWork) {
  RunResult r = RunChainward({"scan", kExample, "--output", "/nonexistent/dir/r.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "chainward: cannot write /nonexistent/dir/r.json: No such file or directory\n");
}

TEST(CliScan, AFailedWriteIsAUsageError) {
  // /dev/full accepts the open and fails every write with ENOSPC.
  RunResult r = RunChainward({"scan", kExample, "--format", "json", "--output", "/dev/full"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "chainward: cannot write /dev/full: No space left on device\n");
}

TEST(CliScan, FailOnSetsTheThreshold) {
  // Every finding here is critical: nothing is below "critical".
  EXPECT_EQ(RunChainward({"scan", kExample, "--fail-on", "critical"}).exit_code, 1);
  // Without the built-in feed (and no import) no advisory matches: clean.
  RunResult clean =
      RunChainward({"scan", "--lockfile", kExample + "/package-lock.json", "--no-builtin"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out;
  EXPECT_NE(clean.out.find("0 findings in 89 packages from 1 source"), std::string::npos);
}

TEST(CliScan, ReadsOneLockfileWithTheLockfileFlag) {
  RunResult r = RunChainward({"scan", "--lockfile", kExample + "/package-lock.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("plain-crypto-js 4.2.1"), std::string::npos);
}

TEST(CliScan, AnUnreadableLockfileMakesTheScanIncomplete) {
  std::string dir = MakeTempDir("broken");
  std::ofstream(dir + "/package-lock.json") << "{\"lockfileVersion\": 3, \"packages\": {";
  RunResult r = RunChainward({"scan", dir});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("scan incomplete: some input could not be read"), std::string::npos);
  EXPECT_NE(r.out.find("error: " + dir + "/package-lock.json:1:"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

TEST(CliScan, ImportedRecordsMergeWithTheBuiltInOnes) {
  std::string data = MakeTempDir("data");
  std::string feed = MakeTempDir("feed");
  std::ofstream(feed + "/MAL-2026-2306.json") << R"json({
    "id": "MAL-2026-2306", "modified": "2026-04-01T00:00:00Z",
    "summary": "Malicious code in plain-crypto-js (npm)",
    "affected": [{"package": {"ecosystem": "npm", "name": "plain-crypto-js"},
                  "versions": ["4.2.1"]}]})json";
  RunResult imported = RunChainward({"db", "import", feed}, {"CHAINWARD_DATA_DIR=" + data});
  EXPECT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  RunResult r = RunChainward({"scan", kExample}, {"CHAINWARD_DATA_DIR=" + data});
  EXPECT_EQ(r.exit_code, 1);
  // One finding for plain-crypto-js, named by the built-in record.
  EXPECT_NE(r.out.find("4 findings in 93 packages"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CW-2026-0002 (MAL-2026-2306)"), std::string::npos) << r.out;
  fs::remove_all(data);
  fs::remove_all(feed);
}

TEST(CliInventory, ListsPackagesAsJson) {
  RunResult r = RunChainward({"inventory", kExample, "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"schema\": \"chainward.inventory/1\""), std::string::npos);
  EXPECT_NE(r.out.find("\"format\": \"package-lock\""), std::string::npos);
  EXPECT_NE(r.out.find("\"has_install_script\": true"), std::string::npos);
}

}  // namespace
}  // namespace chainward::testing
