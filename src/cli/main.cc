// chainward: defends software teams against poisoned dependencies.
// main() parses arguments and dispatches; each subcommand is its own file.
#include <cstdio>
#include <cstdlib>

#include "cli/command.h"

int main(int argc, char** argv) {
  using namespace chainward::cli;
  CLI::App app{"chainward: find poisoned dependencies before, during and after they land"};
  app.set_version_flag("--version", "chainward " CHAINWARD_VERSION);
  app.require_subcommand(1);
  GlobalOptions global;
  app.add_option("--db", global.db_dir,
                 "Advisory database directory (default: $CHAINWARD_DATA_DIR, "
                 "else $XDG_DATA_HOME/chainward)");
  app.add_flag("--no-color", global.no_color, "Never colour output (also NO_COLOR)");
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') global.no_color = true;

  Runner run;
  AddInventoryCommand(app, global, run);
  AddScanCommand(app, global, run);
  AddDbCommand(app, global, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitClean : kExitUsage;
  }
  return run ? run() : kExitUsage;
}
