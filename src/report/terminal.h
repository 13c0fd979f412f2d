// Internal to report/: colour and shared pieces of the writers.
#ifndef CHAINWARD_REPORT_TERMINAL_H_
#define CHAINWARD_REPORT_TERMINAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "model/package.h"
#include "report/json_writer.h"
#include "report/report.h"

namespace chainward::report {

enum class Tone { kHeading, kBad, kWarn, kDim, kGood, kCritical };

// `text` wrapped in the ANSI colour of `tone` when style.color is set.
std::string Paint(const TableStyle& style, Tone tone, std::string_view text);

// Shared by the inventory and scan writers.
void WriteDiagnosticsTable(std::string& out, const std::vector<Diagnostic>& diagnostics,
                           const TableStyle& style);
// "lockfile and installed tree differ" and one line per difference; nothing
// when there are none. A version that differs can be tampering (a payload
// that rewrites its own package.json), so scan shows them too.
void WriteDifferencesTable(std::string& out, const std::vector<InstalledDifference>& differences,
                           const TableStyle& style);
void WriteDiagnosticsJson(JsonWriter& w, const std::vector<Diagnostic>& diagnostics);
void WriteLocationsJson(JsonWriter& w, const std::vector<model::Location>& locations);
void WriteSourcesJson(JsonWriter& w, const std::vector<model::Source>& sources);
void WriteDifferencesJson(JsonWriter& w, const std::vector<InstalledDifference>& differences);

// "path (format version, N packages)".
std::string SourceHeading(const model::Source& source);

// Splits `text` into lines of at most `width` columns at spaces.
std::vector<std::string> Wrap(std::string_view text, int width);

}  // namespace chainward::report

#endif  // CHAINWARD_REPORT_TERMINAL_H_
