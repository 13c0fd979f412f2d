// `chainward inventory` output.
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "base/text.h"
#include "report/json_writer.h"
#include "report/report.h"
#include "report/terminal.h"

namespace chainward::report {

namespace {

std::string FlagList(const model::Package& p) {
  std::vector<std::string> flags;
  const model::PackageFlags& f = p.flags;
  if (f.direct) flags.push_back("direct");
  if (f.dev) flags.push_back("dev");
  if (f.optional) flags.push_back("optional");
  if (f.dev_optional) flags.push_back("dev-optional");
  if (f.peer) flags.push_back("peer");
  if (f.bundled) flags.push_back("bundled");
  if (f.has_install_script) flags.push_back("install-script");
  if (f.platform_skipped) flags.push_back("other-platform");
  if (f.not_installed) flags.push_back("not-installed");
  if (f.editable) flags.push_back("editable");
  std::string out;
  for (const std::string& s : flags) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return out;
}

const char* DifferenceName(InstalledDifference::Kind kind) {
  switch (kind) {
    case InstalledDifference::Kind::kMissing: return "locked, not installed";
    case InstalledDifference::Kind::kExtraneous: return "installed, not locked";
    case InstalledDifference::Kind::kVersionMismatch: return "version differs";
  }
  return "";
}

const char* DifferenceKey(InstalledDifference::Kind kind) {
  switch (kind) {
    case InstalledDifference::Kind::kMissing: return "missing";
    case InstalledDifference::Kind::kExtraneous: return "extraneous";
    case InstalledDifference::Kind::kVersionMismatch: return "version-mismatch";
  }
  return "";
}

}  // namespace

std::string SourceHeading(const model::Source& source) {
  std::string format(model::SourceFormatName(source.format));
  if (!source.format_version.empty()) format += " " + SanitizeForTerminal(source.format_version);
  return fmt::format("{} ({}, {} package{})", SanitizeForTerminal(source.path), format,
                     source.packages.size(), source.packages.size() == 1 ? "" : "s");
}

void WriteDiagnosticsTable(std::string& out, const std::vector<Diagnostic>& diagnostics,
                           const TableStyle& style) {
  if (diagnostics.empty()) return;
  out += '\n';
  for (const Diagnostic& d : diagnostics) {
    bool error = d.level == Diagnostic::Level::kError;
    out += Paint(style, error ? Tone::kBad : Tone::kWarn, error ? "error" : "warning");
    out += ": ";
    out += SanitizeForTerminal(d.ToString());
    out += '\n';
  }
}

void WriteDifferencesTable(std::string& out, const std::vector<InstalledDifference>& differences,
                           const TableStyle& style) {
  if (differences.empty()) return;
  out += Paint(style, Tone::kHeading, "lockfile and installed tree differ") + "\n";
  for (const InstalledDifference& d : differences) {
    out += fmt::format("  {}: {} {} ({})\n", SanitizeForTerminal(d.project),
                       SanitizeForTerminal(d.name),
                       SanitizeForTerminal(d.kind == InstalledDifference::Kind::kExtraneous
                                               ? d.installed_version
                                               : d.locked_version +
                                                     (d.installed_version.empty()
                                                          ? ""
                                                          : " vs " + d.installed_version)),
                       DifferenceName(d.kind));
  }
  out += '\n';
}

void WriteDiagnosticsJson(JsonWriter& w, const std::vector<Diagnostic>& diagnostics) {
  w.Key("diagnostics");
  w.BeginArray();
  for (const Diagnostic& d : diagnostics) {
    w.BeginObject();
    w.Field("level", d.level == Diagnostic::Level::kError ? "error" : "warning");
    w.Field("file", d.file);
    w.Field("line", static_cast<std::int64_t>(d.line));
    w.Field("column", static_cast<std::int64_t>(d.column));
    w.Field("message", d.message);
    w.EndObject();
  }
  w.EndArray();
}

void WriteLocationsJson(JsonWriter& w, const std::vector<model::Location>& locations) {
  w.Key("locations");
  w.BeginArray();
  for (const model::Location& l : locations) {
    w.BeginObject();
    w.Field("file", l.file);
    w.Field("line", static_cast<std::int64_t>(l.line));
    w.Field("column", static_cast<std::int64_t>(l.column));
    w.EndObject();
  }
  w.EndArray();
}

std::string InventoryTable(const Inventory& inventory, const TableStyle& style) {
  std::string out;
  std::size_t total = 0;
  for (const model::Source& source : inventory.sources) {
    total += source.packages.size();
    out += Paint(style, Tone::kHeading, SourceHeading(source));
    out += '\n';
    // NAME takes what VERSION (18) and FLAGS (24) leave of the width.
    int name_width = std::max(20, style.width - 2 - 18 - 1 - 24);
    out += fmt::format("  {:<{}} {:<18} {}\n", "PACKAGE", name_width, "VERSION", "FLAGS");
    std::vector<const model::Package*> sorted;
    for (const model::Package& p : source.packages) sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) {
      return a->name != b->name ? a->name < b->name : a->version < b->version;
    });
    for (const model::Package* p : sorted) {
      std::string name = SanitizeForTerminal(p->name);
      if (!p->alias.empty()) name = SanitizeForTerminal(p->alias) + " -> " + name;
      std::string version = p->version.empty()
                                ? std::string(model::SourceKindName(p->kind))
                                : SanitizeForTerminal(p->version);
      std::string flags = FlagList(*p);
      if (p->kind != model::SourceKind::kRegistry && !p->version.empty()) {
        flags = std::string(model::SourceKindName(p->kind)) + (flags.empty() ? "" : ",") + flags;
      }
      out += fmt::format("  {:<{}} {:<18} {}\n", name, name_width, version, flags);
    }
    out += '\n';
  }
  WriteDifferencesTable(out, inventory.differences, style);
  out += fmt::format("{} package{} in {} source{}", total, total == 1 ? "" : "s",
                     inventory.sources.size(), inventory.sources.size() == 1 ? "" : "s");
  if (inventory.incomplete) out += "; " + Paint(style, Tone::kBad, "incomplete: some input could not be read");
  out += '\n';
  WriteDiagnosticsTable(out, inventory.diagnostics, style);
  return out;
}

void WriteSourcesJson(JsonWriter& w, const std::vector<model::Source>& sources) {
  w.Key("sources");
  w.BeginArray();
  for (const model::Source& source : sources) {
    w.BeginObject();
    w.Field("path", source.path);
    w.Field("format", model::SourceFormatName(source.format));
    w.Field("format_version", source.format_version);
    w.Key("packages");
    w.BeginArray();
    for (const model::Package& p : source.packages) {
      w.BeginObject();
      w.Field("ecosystem", model::EcosystemName(p.ecosystem));
      w.Field("name", p.name);
      w.Field("version", p.version);
      w.Field("purl", model::Purl(p));
      if (!p.alias.empty()) w.Field("alias", p.alias);
      w.Field("kind", model::SourceKindName(p.kind));
      if (!p.resolved.empty()) w.Field("resolved", p.resolved);
      if (!p.integrity.empty()) w.Field("integrity", p.integrity);
      if (!p.install_path.empty()) w.Field("install_path", p.install_path);
      if (!p.hashes.empty()) w.StringArray("hashes", p.hashes);
      if (!p.specifier.empty()) w.Field("specifier", p.specifier);
      if (!p.markers.empty()) w.Field("markers", p.markers);
      if (!p.extras.empty()) w.StringArray("extras", p.extras);
      if (!p.index.empty()) w.Field("index", p.index);
      const model::PackageFlags& f = p.flags;
      w.Key("flags");
      w.BeginObject();
      w.Field("direct", f.direct);
      w.Field("dev", f.dev);
      w.Field("optional", f.optional);
      w.Field("dev_optional", f.dev_optional);
      w.Field("peer", f.peer);
      w.Field("bundled", f.bundled);
      w.Field("has_install_script", f.has_install_script);
      w.Field("platform_skipped", f.platform_skipped);
      w.Field("not_installed", f.not_installed);
      w.Field("editable", f.editable);
      w.EndObject();
      if (!p.os.empty()) w.StringArray("os", p.os);
      if (!p.cpu.empty()) w.StringArray("cpu", p.cpu);
      if (!p.libc.empty()) w.StringArray("libc", p.libc);
      WriteLocationsJson(w, p.locations);
      w.Key("dependencies");
      w.BeginArray();
      for (std::uint32_t d : p.dependencies) w.Int(d);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void WriteDifferencesJson(JsonWriter& w, const std::vector<InstalledDifference>& differences) {
  w.Key("installed_differences");
  w.BeginArray();
  for (const InstalledDifference& d : differences) {
    w.BeginObject();
    w.Field("kind", DifferenceKey(d.kind));
    w.Field("project", d.project);
    w.Field("name", d.name);
    w.Field("locked_version", d.locked_version);
    w.Field("installed_version", d.installed_version);
    w.Field("install_path", d.install_path);
    w.EndObject();
  }
  w.EndArray();
}

namespace {

void WriteInventoryJson(JsonWriter& w, const Inventory& inventory) {
  w.BeginObject();
  w.Field("schema", "chainward.inventory/1");
  w.Field("complete", !inventory.incomplete);
  WriteSourcesJson(w, inventory.sources);
  WriteDifferencesJson(w, inventory.differences);
  WriteDiagnosticsJson(w, inventory.diagnostics);
  w.EndObject();
}

}  // namespace

std::string InventoryJson(const Inventory& inventory) {
  JsonWriter w;
  WriteInventoryJson(w, inventory);
  return w.str();
}

void InventoryJson(const Inventory& inventory, std::FILE* out) {
  JsonWriter w(out);
  WriteInventoryJson(w, inventory);
}

}  // namespace chainward::report
