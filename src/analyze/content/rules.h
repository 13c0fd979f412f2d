// Pattern and verdict rules (docs/rules.md): loaded from TOML, validated
// with messages naming file, line and column, compiled once into a
// Hyperscan database that many threads scan with.
#ifndef CHAINWARD_ANALYZE_CONTENT_RULES_H_
#define CHAINWARD_ANALYZE_CONTENT_RULES_H_

#include <memory>
#include <string>
#include <vector>

#include "analyze/content/content.h"
#include "base/error.h"

namespace chainward::analyze::content {

// What `rules list` and `rules show` print about one rule.
struct RuleInfo {
  std::string id;
  std::string name;
  model::Severity severity = model::Severity::kInfo;
  Confidence confidence = Confidence::kLow;
  std::string category;
  std::string description;
  std::vector<std::string> references;
  std::string file;  // where it was loaded from ("<built-in>/npm-install.toml")
  bool verdict = false;
  std::string source;  // the rule's TOML text, as written
};

struct RuleSetOptions {
  bool builtin = true;                   // the rules compiled into the binary
  std::vector<std::string> directories;  // --rules DIR: every *.toml in each
  std::string cache_dir;  // where compiled databases are kept; empty: no cache
};

// An immutable, compiled rule set. Thread-safe for scanning.
class RuleSet {
 public:
  // Loads and compiles. Errors: kParse / kInvalidArgument naming the file,
  // line, column and what is wrong (a duplicate id, an unknown category, a
  // regex Hyperscan cannot compile, a condition that does not parse); kIo
  // for an unreadable directory.
  static Result<std::unique_ptr<RuleSet>> Load(const RuleSetOptions& options);
  virtual ~RuleSet() = default;

  virtual const std::vector<RuleInfo>& rules() const = 0;
};

}  // namespace chainward::analyze::content

#endif  // CHAINWARD_ANALYZE_CONTENT_RULES_H_
