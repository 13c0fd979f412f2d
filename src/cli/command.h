// What every subcommand shares: exit codes, global options, registration.
//
// main() only builds the CLI11 app, lets each subcommand register itself and
// runs the one chosen. A subcommand's file holds its flags and its Run.
#ifndef CHAINWARD_CLI_COMMAND_H_
#define CHAINWARD_CLI_COMMAND_H_

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace chainward::cli {

// Documented in docs/cli.md; scripts depend on these numbers.
enum ExitCode : int {
  kExitClean = 0,       // complete, and nothing at or above --fail-on
  kExitFindings = 1,    // findings at or above --fail-on
  kExitUsage = 2,       // bad arguments or configuration
  kExitIncomplete = 3,  // no such findings, but some input could not be read
};

struct GlobalOptions {
  std::string db_dir;  // --db, else $CHAINWARD_DATA_DIR, else XDG data dir
  bool no_color = false;
};

// The directory of the local advisory database: `options.db_dir` when set,
// else $CHAINWARD_DATA_DIR, else $XDG_DATA_HOME/chainward, else
// ~/.local/share/chainward.
std::string DataDirectory(const GlobalOptions& options);

// Set by a subcommand's callback to the work to do once parsing succeeded.
using Runner = std::function<int()>;

void AddInventoryCommand(CLI::App& app, const GlobalOptions& global, Runner& run);
void AddScanCommand(CLI::App& app, const GlobalOptions& global, Runner& run);
void AddDbCommand(CLI::App& app, const GlobalOptions& global, Runner& run);

}  // namespace chainward::cli

#endif  // CHAINWARD_CLI_COMMAND_H_
