// chainward inventory [PATH...] [--lockfile FILE]... [--format table|json]
// Lists every package the sources under PATH say the project depends on.
#include <memory>

#include "analyze/scan.h"
#include "cli/command.h"
#include "cli/output.h"
#include "report/report.h"

namespace chainward::cli {

namespace {

struct InventoryFlags {
  std::vector<std::string> paths;
  std::vector<std::string> lockfiles;
  std::string format = "table";
  std::string output;
};

int RunInventory(const GlobalOptions& global, const InventoryFlags& flags) {
  ReportOutput output(flags.output);
  if (!output.ok()) return kExitUsage;
  analyze::InventoryOptions options;
  options.paths = flags.paths;
  options.lockfiles = flags.lockfiles;
  if (options.paths.empty() && options.lockfiles.empty()) options.paths.push_back(".");
  analyze::Inventory inventory = analyze::BuildInventory(options);
  if (flags.format == "json") {
    report::InventoryJson(inventory, output.stream());
  } else {
    output.Write(report::InventoryTable(inventory, StyleFor(global, flags.output)));
  }
  if (!output.Finish()) return kExitUsage;
  return inventory.incomplete ? kExitIncomplete : kExitClean;
}

}  // namespace

void AddInventoryCommand(CLI::App& app, const GlobalOptions& global, Runner& run) {
  auto flags = std::make_shared<InventoryFlags>();
  CLI::App* cmd = app.add_subcommand(
      "inventory", "List every package a project depends on, from its lockfiles and installed trees");
  cmd->add_option("paths", flags->paths, "Directories or lockfiles to read (default: .)");
  cmd->add_option("--lockfile", flags->lockfiles, "Read exactly this lockfile (repeatable)");
  cmd->add_option("-f,--format", flags->format, kFormatHelp)
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("-o,--output", flags->output, "Write the report to FILE instead of stdout");
  cmd->callback([&global, &run, flags] {
    run = [&global, flags] { return RunInventory(global, *flags); };
  });
}

}  // namespace chainward::cli
