// `chainward scan` output: findings first, then what was read and skipped.
#include <string>

#include <fmt/format.h>

#include "base/text.h"
#include "report/json_writer.h"
#include "report/report.h"
#include "report/terminal.h"

namespace chainward::report {

namespace {

Tone SeverityTone(model::Severity s) {
  switch (s) {
    case model::Severity::kCritical: return Tone::kCritical;
    case model::Severity::kHigh: return Tone::kBad;
    case model::Severity::kMedium: return Tone::kWarn;
    default: return Tone::kDim;
  }
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out.append(sep);
    out.append(item);
  }
  return out;
}

std::string_view BaseName(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string LocationText(const model::Location& l) {
  std::string out = l.file;
  if (l.line > 0) {
    out += ':';
    out += std::to_string(l.line);
  }
  return out;
}

// "label  text", the text wrapped under itself.
void Labelled(std::string& out, const TableStyle& style, std::string_view label,
              std::string_view text) {
  constexpr int kIndent = 9;  // "  label  "
  std::vector<std::string> lines = Wrap(text, style.width - kIndent);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string head = i == 0 ? fmt::format("  {:<6} ", label) : std::string(kIndent, ' ');
    out += Paint(style, Tone::kDim, head.substr(0, kIndent)) + lines[i] + "\n";
  }
}

}  // namespace

std::string ScanTable(const ScanResult& result, const TableStyle& style) {
  std::string out;
  std::size_t packages = 0;
  for (const model::Source& s : result.inventory.sources) packages += s.packages.size();

  for (const model::Finding& f : result.findings) {
    std::string head = Paint(style, SeverityTone(f.severity), Upper(model::SeverityName(f.severity)));
    // A finding about a file no package owns (an orphaned .pth) is headed
    // by the file.
    std::string subject = f.name.empty() && !f.locations.empty()
                              ? std::string(BaseName(f.locations.front().file))
                              : f.name + (f.version.empty() ? "" : " " + f.version);
    head += "  " + Paint(style, Tone::kHeading, SanitizeForTerminal(subject));
    if (f.malicious) head += "  " + Paint(style, Tone::kCritical, "[malicious]");
    out += head + "\n";
    std::string ids = f.id;
    if (!f.aliases.empty()) ids += " (" + Join(f.aliases, ", ") + ")";
    Labelled(out, style, "id", SanitizeForTerminal(ids));
    if (!f.summary.empty()) Labelled(out, style, "", SanitizeForTerminal(f.summary));
    for (const model::Location& l : f.locations) {
      Labelled(out, style, "at", SanitizeForTerminal(LocationText(l)));
    }
    for (const auto& path : f.paths) {
      Labelled(out, style, "via", SanitizeForTerminal(Join(path, " > ")));
    }
    if (!f.fixed.empty()) {
      Labelled(out, style, "fix", "move to " + SanitizeForTerminal(Join(f.fixed, ", ")));
    } else if (f.malicious) {
      Labelled(out, style, "fix", "remove it: no version of this package is known to be safe");
    }
    if (!f.note.empty()) Labelled(out, style, "note", SanitizeForTerminal(f.note));
    if (!f.snippet.empty()) Labelled(out, style, "code", SanitizeForTerminal(f.snippet));
    for (std::size_t i = 0; i < f.references.size() && i < 3; ++i) {
      Labelled(out, style, "ref", SanitizeForTerminal(f.references[i]));
    }
    out += '\n';
  }
  WriteDifferencesTable(out, result.inventory.differences, style);

  std::string summary = fmt::format("{} finding{} in {} package{} from {} source{}",
                                    result.findings.size(), result.findings.size() == 1 ? "" : "s",
                                    packages, packages == 1 ? "" : "s",
                                    result.inventory.sources.size(),
                                    result.inventory.sources.size() == 1 ? "" : "s");
  if (result.inventory.incomplete) {
    summary += "; " + Paint(style, Tone::kBad, "scan incomplete: some input could not be read");
  } else if (result.findings.empty()) {
    summary = Paint(style, Tone::kGood, summary);
  }
  out += summary + "\n";
  for (const model::Source& s : result.inventory.sources) {
    out += Paint(style, Tone::kDim, "  " + SourceHeading(s)) + "\n";
  }
  WriteDiagnosticsTable(out, result.inventory.diagnostics, style);
  return out;
}

namespace {

void WriteScanJson(JsonWriter& w, const ScanResult& result) {
  w.BeginObject();
  w.Field("schema", "chainward.scan/1");
  w.Field("complete", !result.inventory.incomplete);
  w.Field("fail_on", result.fail_on);
  w.Key("findings");
  w.BeginArray();
  for (const model::Finding& f : result.findings) {
    w.BeginObject();
    w.Field("kind", f.kind);
    w.Field("severity", model::SeverityName(f.severity));
    w.Field("id", f.id);
    w.StringArray("aliases", f.aliases);
    w.Field("summary", f.summary);
    w.Field("malicious", f.malicious);
    w.Key("package");
    w.BeginObject();
    w.Field("ecosystem", model::EcosystemName(f.ecosystem));
    w.Field("name", f.name);
    w.Field("version", f.version);
    w.Field("purl", f.purl);
    w.EndObject();
    WriteLocationsJson(w, f.locations);
    w.Key("paths");
    w.BeginArray();
    for (const auto& path : f.paths) {
      w.BeginArray();
      for (const std::string& step : path) w.String(step);
      w.EndArray();
    }
    w.EndArray();
    w.StringArray("fixed", f.fixed);
    w.StringArray("references", f.references);
    if (!f.note.empty()) w.Field("note", f.note);
    if (!f.snippet.empty()) w.Field("snippet", f.snippet);
    w.EndObject();
  }
  w.EndArray();
  w.Key("summary");
  w.BeginObject();
  std::int64_t packages = 0;
  for (const model::Source& s : result.inventory.sources) {
    packages += static_cast<std::int64_t>(s.packages.size());
  }
  w.Field("sources", static_cast<std::int64_t>(result.inventory.sources.size()));
  w.Field("packages", packages);
  w.Field("findings", static_cast<std::int64_t>(result.findings.size()));
  w.EndObject();
  WriteSourcesJson(w, result.inventory.sources);
  WriteDifferencesJson(w, result.inventory.differences);
  WriteDiagnosticsJson(w, result.inventory.diagnostics);
  w.EndObject();
}

}  // namespace

std::string ScanJson(const ScanResult& result) {
  JsonWriter w;
  WriteScanJson(w, result);
  return w.str();
}

void ScanJson(const ScanResult& result, std::FILE* out) {
  JsonWriter w(out);
  WriteScanJson(w, result);
}

}  // namespace chainward::report
