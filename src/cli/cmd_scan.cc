// chainward scan [PATH...] [--lockfile FILE]... [--format table|json]
//                [--output FILE] [--fail-on SEVERITY] [--no-builtin]
// Inventory plus matching against the advisory database.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "advisory/database.h"
#include "analyze/scan.h"
#include "cli/command.h"
#include "cli/output.h"
#include "report/report.h"

namespace chainward::cli {

namespace {

struct ScanFlags {
  std::vector<std::string> paths;
  std::vector<std::string> lockfiles;
  std::string format = "table";
  std::string output;
  std::string fail_on = "low";
  bool no_builtin = false;
};

// A one-line status on stderr while work is under way, only on a terminal.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  void Show(const std::string& what) {
    if (enabled_) std::fprintf(stderr, "\r\x1b[K%s", what.c_str());
  }
  // Clears the status line, before the report is written.
  void Done() {
    if (enabled_) std::fprintf(stderr, "\r\x1b[K");
    enabled_ = false;
  }
  ~Progress() { Done(); }

 private:
  bool enabled_;
};

int RunScan(const GlobalOptions& global, const ScanFlags& flags) {
  ReportOutput output(flags.output);
  if (!output.ok()) return kExitUsage;
  Progress progress(::isatty(STDERR_FILENO) != 0);
  analyze::InventoryOptions options;
  options.paths = flags.paths;
  options.lockfiles = flags.lockfiles;
  if (options.paths.empty() && options.lockfiles.empty()) options.paths.push_back(".");

  // Opening the database never creates it: a scan changes nothing on disk
  // except --output. Without an import, the built-in feed and overrides answer.
  std::string data_dir = DataDirectory(global);
  advisory::Database::Options db_options;
  struct stat st;
  if (::stat((data_dir + "/advisories.sqlite3").c_str(), &st) == 0) db_options.data_dir = data_dir;
  db_options.overrides_dir = data_dir + "/overrides";
  db_options.builtin = !flags.no_builtin;
  db_options.read_only = true;
  Diagnostics db_diagnostics;
  auto database = advisory::Database::Open(db_options, db_diagnostics);
  if (!database) {
    std::fprintf(stderr, "chainward: %s\n", database.error().message.c_str());
    return kExitUsage;
  }

  progress.Show("chainward: reading dependency sources...");
  analyze::ScanResult result;
  result.inventory = analyze::BuildInventory(options);
  progress.Show("chainward: matching advisories...");
  Diagnostics analysis_diagnostics;
  result.findings = analyze::MatchAdvisories(result.inventory, **database, analysis_diagnostics);
  if (!result.inventory.environments.empty()) {
    progress.Show("chainward: checking installed Python environments...");
    for (model::Finding& f : analyze::AuditEnvironments(result.inventory, analysis_diagnostics)) {
      result.findings.push_back(std::move(f));
    }
    analyze::SortFindings(result.findings);
  }
  for (const Diagnostic& d : db_diagnostics.items()) result.inventory.diagnostics.push_back(d);
  for (const Diagnostic& d : analysis_diagnostics.items()) result.inventory.diagnostics.push_back(d);
  result.inventory.incomplete = result.inventory.incomplete || db_diagnostics.incomplete() ||
                                analysis_diagnostics.incomplete();
  result.fail_on = flags.fail_on;
  progress.Done();

  if (flags.format == "json") {
    report::ScanJson(result, output.stream());
  } else {
    output.Write(report::ScanTable(result, StyleFor(global, flags.output)));
  }
  if (!output.Finish()) return kExitUsage;

  model::Severity threshold = *model::ParseSeverity(flags.fail_on);
  for (const model::Finding& f : result.findings) {
    if (f.severity >= threshold) return kExitFindings;
  }
  return result.inventory.incomplete ? kExitIncomplete : kExitClean;
}

}  // namespace

void AddScanCommand(CLI::App& app, const GlobalOptions& global, Runner& run) {
  auto flags = std::make_shared<ScanFlags>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "Find known-malicious and compromised packages in a project's dependencies");
  cmd->add_option("paths", flags->paths, "Directories or lockfiles to scan (default: .)");
  cmd->add_option("--lockfile", flags->lockfiles, "Read exactly this lockfile (repeatable)");
  cmd->add_option("-f,--format", flags->format, kFormatHelp)
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("-o,--output", flags->output, "Write the report to FILE instead of stdout");
  cmd->add_option("--fail-on", flags->fail_on,
                  "Exit 1 on findings at or above: info, low, medium, high, critical")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}, CLI::ignore_case));
  cmd->add_flag("--no-builtin", flags->no_builtin, "Do not use the built-in advisory feed");
  cmd->callback([&global, &run, flags] {
    run = [&global, flags] { return RunScan(global, *flags); };
  });
}

}  // namespace chainward::cli
