// chainward db import PATH [--overrides] | status | list | show ID
// Manages the local advisory database (advisory/database.h) in the data
// directory: imports OSV feeds, and shows what it holds.
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/core.h>

#include "advisory/database.h"
#include "base/diagnostics.h"
#include "base/text.h"
#include "cli/command.h"
#include "cli/output.h"
#include "report/json_writer.h"

namespace chainward::cli {

namespace {

struct DbFlags {
  std::string path;        // import
  bool overrides = false;  // import
  std::string ecosystem;   // list
  std::string package;     // list
  std::string id;          // show
  std::string format = "table";
};

void PrintDiagnostics(const Diagnostics& diagnostics) {
  for (const Diagnostic& d : diagnostics.items()) {
    std::fprintf(stderr, "chainward: %s\n",
                 SanitizeForTerminal(d.ToString()).c_str());
  }
}

int PrintError(const Error& e) {
  std::fprintf(stderr, "chainward: %s\n",
               SanitizeForTerminal(e.message).c_str());
  return e.code == ErrorCode::kNotFound || e.code == ErrorCode::kInvalidArgument
             ? kExitUsage
             : kExitIncomplete;
}

// Opens the database; on failure prints why and returns null.
std::unique_ptr<advisory::Database> OpenDatabase(const GlobalOptions& global,
                                                 Diagnostics& diagnostics) {
  advisory::Database::Options options;
  options.data_dir = DataDirectory(global);
  Result<std::unique_ptr<advisory::Database>> db =
      advisory::Database::Open(options, diagnostics);
  if (!db) {
    PrintError(db.error());
    return nullptr;
  }
  return std::move(*db);
}

int RunImport(advisory::Database& db, const DbFlags& flags,
              Diagnostics& diagnostics) {
  Result<advisory::ImportStats> s =
      db.Import(flags.path, diagnostics, flags.overrides);
  PrintDiagnostics(diagnostics);
  if (!s) return PrintError(s.error());
  if (flags.format == "json") {
    report::JsonWriter w;
    w.BeginObject();
    w.Field("source", flags.path);
    w.Field("layer", flags.overrides ? "override" : "imported");
    w.Field("read", static_cast<std::int64_t>(s->read));
    w.Field("imported", static_cast<std::int64_t>(s->imported));
    w.Field("replaced", static_cast<std::int64_t>(s->replaced));
    w.Field("unchanged", static_cast<std::int64_t>(s->unchanged));
    w.Field("skipped", static_cast<std::int64_t>(s->skipped));
    w.Field("withdrawn", static_cast<std::int64_t>(s->withdrawn));
    w.EndObject();
    std::fputs(w.str().c_str(), stdout);
  } else {
    std::fputs(fmt::format("{}: read {}, imported {}, replaced {}, unchanged "
                           "{}, skipped {}, withdrawn {}\n",
                           SanitizeForTerminal(flags.path), s->read,
                           s->imported, s->replaced, s->unchanged, s->skipped,
                           s->withdrawn)
                   .c_str(),
               stdout);
  }
  return s->skipped > 0 ? kExitIncomplete : kExitClean;
}

int RunStatus(advisory::Database& db, const DbFlags& flags) {
  Result<advisory::Status> s = db.GetStatus();
  if (!s) return PrintError(s.error());
  if (flags.format == "json") {
    report::JsonWriter w;
    w.BeginObject();
    w.Field("database", s->path);
    w.Key("counts");
    w.BeginArray();
    for (const advisory::LayerCount& c : s->counts) {
      w.BeginObject();
      w.Field("layer", advisory::LayerName(c.layer));
      w.Field("ecosystem", c.ecosystem);
      w.Field("records", static_cast<std::int64_t>(c.records));
      w.Field("withdrawn", static_cast<std::int64_t>(c.withdrawn));
      w.EndObject();
    }
    w.EndArray();
    w.Field("last_import_time", s->last_import_time);
    w.Field("last_import_source", s->last_import_source);
    w.EndObject();
    std::fputs(w.str().c_str(), stdout);
    return kExitClean;
  }
  std::string out = fmt::format("Database: {}\n", SanitizeForTerminal(s->path));
  out += fmt::format("{:<10} {:<12} {:>10} {:>10}\n", "LAYER", "ECOSYSTEM",
                     "RECORDS", "WITHDRAWN");
  for (const advisory::LayerCount& c : s->counts) {
    out += fmt::format("{:<10} {:<12} {:>10} {:>10}\n",
                       advisory::LayerName(c.layer),
                       SanitizeForTerminal(c.ecosystem), c.records,
                       c.withdrawn);
  }
  out += s->last_import_time.empty()
             ? std::string("Last import: never\n")
             : fmt::format("Last import: {} from {}\n", s->last_import_time,
                           SanitizeForTerminal(s->last_import_source));
  std::fputs(out.c_str(), stdout);
  return kExitClean;
}

int RunList(advisory::Database& db, const DbFlags& flags) {
  advisory::ListFilter filter;
  filter.ecosystem = flags.ecosystem;
  filter.package = flags.package;
  Result<std::vector<advisory::ListEntry>> list = db.List(filter);
  if (!list) return PrintError(list.error());
  if (flags.format == "json") {
    report::JsonWriter w;
    w.BeginArray();
    for (const advisory::ListEntry& e : *list) {
      w.BeginObject();
      w.Field("id", e.id);
      w.Field("ecosystem", e.ecosystem);
      w.Field("package", e.package);
      w.Field("summary", e.summary);
      w.Field("layer", advisory::LayerName(e.layer));
      w.Field("withdrawn", e.withdrawn);
      w.EndObject();
    }
    w.EndArray();
    std::fputs(w.str().c_str(), stdout);
    return kExitClean;
  }
  std::string out;
  for (const advisory::ListEntry& e : *list) {
    out += fmt::format("{:<22} {:<6} {:<30} {}{}\n", SanitizeForTerminal(e.id),
                       SanitizeForTerminal(e.ecosystem),
                       SanitizeForTerminal(e.package),
                       SanitizeForTerminal(e.summary),
                       e.withdrawn ? " (withdrawn)" : "");
  }
  std::fputs(out.c_str(), stdout);
  return kExitClean;
}

int RunShow(advisory::Database& db, const DbFlags& flags) {
  Result<advisory::StoredRecord> r = db.Show(flags.id);
  if (!r) return PrintError(r.error());
  if (flags.format == "table") {
    std::fputs(fmt::format("# {} ({})\n", SanitizeForTerminal(r->id),
                           advisory::LayerName(r->layer))
                   .c_str(),
               stdout);
    // Sanitize line by line: the pretty-printed record's own newlines stay.
    std::string_view text = r->json;
    while (!text.empty()) {
      std::size_t end = text.find('\n');
      std::fputs(SanitizeForTerminal(text.substr(0, end)).c_str(), stdout);
      if (end == std::string_view::npos) break;
      std::fputs("\n", stdout);
      text.remove_prefix(end + 1);
    }
  } else {
    std::fputs(r->json.c_str(), stdout);
  }
  std::fputs("\n", stdout);
  return kExitClean;
}

}  // namespace

void AddDbCommand(CLI::App& app, const GlobalOptions& global, Runner& run) {
  auto flags = std::make_shared<DbFlags>();
  CLI::App* cmd = app.add_subcommand("db", "Manage the local advisory database");
  cmd->require_subcommand(1);

  CLI::App* import = cmd->add_subcommand(
      "import", "Import OSV records from a directory or an osv.dev-style zip");
  import->add_option("path", flags->path, "Directory of OSV .json files, or a zip")
      ->required();
  import->add_flag("--overrides", flags->overrides,
                   "Import into the override layer (wins over other records)");
  CLI::App* status = cmd->add_subcommand("status", "Show what the database holds");
  CLI::App* list = cmd->add_subcommand("list", "List advisories");
  list->add_option("--ecosystem", flags->ecosystem, "Only this ecosystem (npm, PyPI)");
  list->add_option("--package", flags->package, "Only this package");
  CLI::App* show = cmd->add_subcommand("show", "Show one advisory by id or alias");
  show->add_option("id", flags->id, "Advisory id or alias")->required();
  for (CLI::App* sub : {import, status, list, show}) {
    sub->add_option("-f,--format", flags->format, kFormatHelp)
        ->check(CLI::IsMember({"table", "json"}));
  }

  auto bind = [&global, &run, flags](int (*body)(advisory::Database&,
                                                   const DbFlags&,
                                                   Diagnostics&)) {
    return [&global, &run, flags, body] {
      run = [&global, flags, body] {
        Diagnostics diagnostics;
        std::unique_ptr<advisory::Database> db = OpenDatabase(global, diagnostics);
        if (!db) return static_cast<int>(kExitIncomplete);
        int rc = body(*db, *flags, diagnostics);
        return rc;
      };
    };
  };
  import->callback(bind(RunImport));
  status->callback(bind([](advisory::Database& db, const DbFlags& f,
                           Diagnostics& d) {
    PrintDiagnostics(d);
    return RunStatus(db, f);
  }));
  list->callback(bind([](advisory::Database& db, const DbFlags& f,
                         Diagnostics& d) {
    PrintDiagnostics(d);
    return RunList(db, f);
  }));
  show->callback(bind([](advisory::Database& db, const DbFlags& f,
                         Diagnostics& d) {
    PrintDiagnostics(d);
    return RunShow(db, f);
  }));
}

}  // namespace chainward::cli
