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
  EXPECT_NE(r.out.find("no lockfile or installed node_modules tree found"), std::string::npos)
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

}  // namespace
}  // namespace chainward::testing
