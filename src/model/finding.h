// What the analyzers conclude about a package.
#ifndef CHAINWARD_MODEL_FINDING_H_
#define CHAINWARD_MODEL_FINDING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/package.h"

namespace chainward::model {

enum class Severity : std::uint8_t { kInfo, kLow, kMedium, kHigh, kCritical };

// "info", "low", "medium", "high", "critical".
std::string_view SeverityName(Severity severity);
// Parses the names above, case-insensitively; nullopt for anything else.
std::optional<Severity> ParseSeverity(std::string_view name);

// One conclusion about one package version, wherever it was seen.
struct Finding {
  // The analyzer that produced it: "advisory" (a known-bad version), "pth"
  // (an executable line in a Python .pth file), "record" (an installed
  // file that differs from its distribution's RECORD).
  std::string kind = "advisory";
  Severity severity = Severity::kHigh;
  std::string id;                   // advisory or rule id
  std::vector<std::string> aliases; // other ids of the same advisory
  std::string summary;
  bool malicious = false;           // the advisory says the package is malware

  Ecosystem ecosystem = Ecosystem::kNpm;
  std::string name;
  std::string version;
  std::string purl;

  std::vector<Location> locations;  // every place the version was seen
  // Chains from a direct dependency down to this package, each as
  // "name@version" steps, shortest first; empty when no source gives edges.
  std::vector<std::vector<std::string>> paths;
  std::vector<std::string> fixed;       // versions to move to
  std::vector<std::string> references;  // URLs
  std::string note;  // how it matched when that is not obvious
  // A short excerpt of the offending text, already made safe to print
  // (control characters escaped, cut to a bounded length); empty for
  // advisories.
  std::string snippet;
};

}  // namespace chainward::model

#endif  // CHAINWARD_MODEL_FINDING_H_
