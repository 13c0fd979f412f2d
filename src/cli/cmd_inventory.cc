#include "cli/command.h"

namespace chainward::cli {

void AddInventoryCommand(CLI::App& app, const GlobalOptions& global, Runner& run) {
  (void)global;
  CLI::App* cmd = app.add_subcommand("inventory", "not implemented yet");
  cmd->callback([&run] { run = [] { return static_cast<int>(kExitUsage); }; });
}

}  // namespace chainward::cli
