// Runs the built chainward binary for end-to-end tests.
#ifndef CHAINWARD_TESTS_CLI_RUN_H_
#define CHAINWARD_TESTS_CLI_RUN_H_

#include <string>
#include <vector>

namespace chainward::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs CHAINWARD_BINARY with `args` and `env` (NAME=value entries added to a
// minimal environment: PATH, HOME set to a fresh temporary directory, and
// CHAINWARD_DATA_DIR inside it unless `env` sets one). Standard input is
// /dev/null. Captures stdout and stderr separately.
RunResult RunChainward(const std::vector<std::string>& args,
                       const std::vector<std::string>& env = {});

// A new empty directory under the test temporary directory.
std::string MakeTempDir(const std::string& stem);

}  // namespace chainward::testing

#endif  // CHAINWARD_TESTS_CLI_RUN_H_
