// Splitting one logical requirements line into its requirement and options,
// as pip does (req_file.py's break_args_options, then shlex, then optparse).
//
// pip splits the line on single spaces; every word before the first one
// that starts with "-" is the requirement, kept as written (markers would
// not survive shlex). The rest is split like a POSIX shell would (quotes,
// backslashes) and read by optparse, whose rules are visible to users:
// "--opt=value" and "--opt value" are the same, a long option may be
// abbreviated to any unique prefix ("--extra-index" is --extra-index-url),
// a short option takes its value from the rest of its word ("-rbase.txt"),
// and words that are not options are ignored.
//
//   django==4.2.11 --hash=sha256:b6b2... ; "-r" "base.txt"
//   ^ requirement  ^ option: kHash, value "sha256:b6b2..."
#ifndef CHAINWARD_COLLECT_PYPI_REQUIREMENTS_OPTIONS_H_
#define CHAINWARD_COLLECT_PYPI_REQUIREMENTS_OPTIONS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chainward::collect::pypi {

// The options pip accepts in a requirements file (SUPPORTED_OPTIONS and
// SUPPORTED_OPTIONS_REQ of req_file.py).
enum class RequirementsOption {
  kIndexUrl,        // -i, --index-url
  kExtraIndexUrl,   // --extra-index-url
  kNoIndex,         // --no-index
  kConstraint,      // -c, --constraint
  kRequirement,     // -r, --requirement
  kEditable,        // -e, --editable
  kFindLinks,       // -f, --find-links
  kNoBinary,        // --no-binary
  kOnlyBinary,      // --only-binary
  kPreferBinary,    // --prefer-binary
  kRequireHashes,   // --require-hashes
  kPre,             // --pre
  kTrustedHost,     // --trusted-host
  kUseFeature,      // --use-feature
  kGlobalOption,    // --global-option (per requirement)
  kHash,            // --hash (per requirement)
  kConfigSettings,  // -C, --config-settings (per requirement)
};

struct LineOption {
  RequirementsOption option;
  std::string name;          // its full name: "--index-url", or "-i" when written short
  std::string value;         // after shell unquoting; empty for a flag
  std::size_t at = 0;        // offset of the option's word in the line
  std::size_t value_begin = 0;  // the value's source text in the line
  std::size_t value_end = 0;
};

struct SplitLine {
  // The requirement is line[0, requirement_end), white space included; 0
  // when the line holds options only.
  std::size_t requirement_end = 0;
  std::vector<LineOption> options;
};

// Why a line's options could not be read, and where.
struct LineProblem {
  bool unknown_option = false;  // optparse's "no such option"
  std::size_t at = 0;           // offset in the line
  std::string message;          // optparse's or shlex's words
};

// Splits `line` (a logical line: trimmed, no comment). Returns false and
// fills `problem` when the options do not parse: an unknown or ambiguous
// option, a missing value, a value given to a flag, an unclosed quote, or
// a malformed --hash; pip refuses such a line.
bool SplitRequirementsLine(std::string_view line, SplitLine& out, LineProblem& problem);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_REQUIREMENTS_OPTIONS_H_
