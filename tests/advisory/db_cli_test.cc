// End-to-end tests of `chainward db`: runs the built binary.
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

struct Output {
  int status;
  std::string out;
};

// Runs `chainward --db DIR ARGS` with stderr folded into stdout.
Output RunChainward(const std::string& dir, const std::string& args) {
  std::string command = std::string(CHAINWARD_BINARY) + " --db '" + dir +
                        "' " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  Output result{-1, ""};
  if (pipe == nullptr) return result;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) {
    result.out.append(buf.data(), n);
  }
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class DbCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() /
            ("cw-db-cli-" + std::to_string(::getpid())))
               .string();
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
  const std::string feed_ = std::string(CHAINWARD_FIXTURES) + "/osv/feed";
};

TEST_F(DbCommand, ImportsReportsSkippedRecordsAndExitsIncomplete) {
  Output o = RunChainward(dir_, "db import '" + feed_ + "'");
  EXPECT_EQ(o.status, 3);
  EXPECT_NE(o.out.find("broken.json:4:57: bad \"name\""), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find(": read 7, imported 6, replaced 0, unchanged 0, "
                       "skipped 1, withdrawn 1\n"),
            std::string::npos)
      << o.out;
}

TEST_F(DbCommand, ListsShowsAndPrintsStatusAsJson) {
  RunChainward(dir_, "db import '" + feed_ + "'");
  Output list = RunChainward(dir_, "db list --package plain-crypto-js --format json");
  EXPECT_EQ(list.status, 0);
  EXPECT_NE(list.out.find("\"id\": \"MAL-2026-0002\""), std::string::npos)
      << list.out;
  Output show = RunChainward(dir_, "db show GHSA-0000-1111-2222");
  EXPECT_EQ(show.status, 0);
  EXPECT_EQ(show.out.rfind("# MAL-2026-0002 (imported)\n{\n  \"id\": \"MAL-", 0),
            0u)
      << show.out;
  Output status = RunChainward(dir_, "db status --format json");
  EXPECT_NE(status.out.find("\"records\": 5"), std::string::npos) << status.out;
}

TEST_F(DbCommand, UnknownIdIsAUsageError) {
  Output o = RunChainward(dir_, "db show NOPE-1");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "chainward: no advisory with id or alias \"NOPE-1\"\n");
}

}  // namespace
