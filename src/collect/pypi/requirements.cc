// Reading a requirements file and its includes as one pip resolution.
//
// pip reads the top-level file line by line; a "-r file" or "-c file" line
// is replaced, in place, by the lines of that file (req_file.py's
// _parse_and_recurse). That order matters twice: options such as
// --index-url are applied in the order met, and "Double requirement given"
// names the first place a package was asked for. So the files are read
// depth first in the same order, with an explicit stack of open files (one
// LogicalLineReader each) instead of recursion, and each logical line is
// handled as pip's handle_line does:
//
//   line with a requirement  -> a Package; --hash values are its hashes;
//                               other options on that line are ignored
//   line with -e VALUE       -> an editable Package
//   line with -r / -c        -> the included file is opened on the stack
//   other option lines       -> index settings for the whole resolution
//
// After the last line, constraints are applied and the final index list is
// recorded on every package that comes from an index: pip applies
// --index-url and --extra-index-url to the whole install, wherever they were
// written, and a later --index-url replaces the earlier list.
//
// Example: requirements/test.in holds "-c constraints.txt", "-r dev.txt" and
// "Django"; constraints.txt holds "-c ../edx_lint/files/common.txt" and
// "pylint==2.6.0"; dev.txt pins "django==2.2.17". The result lists
// django==2.2.17 once (dev.txt's pin; the second "Django" adds its
// location), and pylint only if a requirement asks for it.
#include "collect/pypi/requirements.h"

#include <cctype>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/file.h"
#include "base/limits.h"
#include "base/text.h"
#include "collect/pypi/pep508.h"
#include "collect/pypi/redact.h"
#include "collect/pypi/requirements_forms.h"
#include "collect/pypi/requirements_options.h"
#include "collect/pypi/requirements_paths.h"
#include "collect/pypi/requirements_text.h"

namespace chainward::collect::pypi {

namespace {

constexpr std::string_view kDefaultIndex = "https://pypi.org/simple";

// One file being read.
struct Frame {
  std::string path;  // absolute and normalized; empty when reading text alone
  std::string real;  // its real path, for cycles
  std::string display;
  bool constraint = false;
  std::string bytes;
  std::string decoded;  // for UTF-16 files
  std::unique_ptr<LogicalLineReader> reader;
};

std::unique_ptr<Frame> MakeFrame(std::string path, std::string real, std::string display,
                                 bool constraint, std::string bytes, Diagnostics& diagnostics) {
  auto frame = std::make_unique<Frame>();
  frame->path = std::move(path);
  frame->real = std::move(real);
  frame->display = std::move(display);
  frame->constraint = constraint;
  frame->bytes = std::move(bytes);
  std::string_view text = DecodeRequirementsText(frame->bytes, frame->decoded);
  frame->reader = std::make_unique<LogicalLineReader>(text, frame->display, diagnostics);
  return frame;
}

struct Constraint {
  std::string name;  // normalized
  std::string markers;
  std::string version;  // pinned; empty when it pins nothing
  model::Location location;
};

std::string Where(const model::Location& l) {
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

// The requirement's version part as written, for messages.
std::string Spec(const model::Package& p) {
  if (p.kind != model::SourceKind::kRegistry) return " @ " + p.resolved;
  return p.version.empty() ? p.specifier : "==" + p.version;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Appends each string of `from` that `into` lacks; `seen` mirrors `into`
// (filled on first use).
void MergeUnique(std::vector<std::string>& into, std::vector<std::string>& from,
                 std::unordered_set<std::string>& seen) {
  if (seen.empty()) seen.insert(into.begin(), into.end());
  for (std::string& s : from) {
    if (seen.insert(s).second) into.push_back(std::move(s));
  }
}

class Resolution {
 public:
  Resolution(const ScanRoot* root, const LocalPaths* local, Diagnostics& diagnostics)
      : root_(root), local_(local), diagnostics_(diagnostics) {}

  // Reads `top` and everything it includes.
  void Run(std::unique_ptr<Frame> top);
  model::Source Finish(const std::string& display);

 private:
  void HandleLine(const Frame& frame, const LogicalLine& line);
  void Include(const Frame& frame, const LogicalLine& line, const LineOption& option,
               bool constraint);
  void AddRequirement(const Frame& frame, model::Package package);
  void Report(const Frame& frame, const LogicalLine& line, std::size_t at,
              const std::string& message, bool error) {
    TextPosition pos = line.text.At(at);
    std::string safe = line.text.Conceal(message);
    if (error) {
      diagnostics_.Error(frame.display, pos.line, pos.column, std::move(safe));
    } else {
      diagnostics_.Warning(frame.display, pos.line, pos.column, std::move(safe));
    }
  }
  // An index URL from an option, as written when a variable is in it.
  std::string IndexUrl(const LogicalLine& line, const LineOption& option) const {
    const MappedText& text = line.text;
    if (text.HasExpansion(option.value_begin, option.value_end)) {
      return RedactUserinfo(text.Shown(option.value_begin, option.value_end));
    }
    return RedactUserinfo(option.value);
  }

  const ScanRoot* root_;
  const LocalPaths* local_;
  Diagnostics& diagnostics_;
  std::vector<std::unique_ptr<Frame>> stack_;
  std::set<std::pair<std::string, bool>> read_;  // (real path, as constraints)
  std::size_t files_read_ = 0;
  std::vector<model::Package> packages_;
  std::unordered_map<std::string, std::size_t> by_key_;  // normalized name + markers
  struct Merged {
    std::unordered_set<std::string> hashes, extras;
  };
  std::unordered_map<std::size_t, Merged> merged_;  // by package index
  // Constraints by normalized name, in the order read.
  std::unordered_map<std::string, std::vector<Constraint>> constraints_;
  std::vector<std::string> index_urls_{std::string(kDefaultIndex)};
  bool no_index_ = false;
  bool packages_limit_reported_ = false;
  bool files_limit_reported_ = false;
};

void Resolution::Run(std::unique_ptr<Frame> top) {
  read_.insert({top->real, top->constraint});
  files_read_ = 1;
  stack_.push_back(std::move(top));
  LogicalLine line;
  while (!stack_.empty()) {
    Frame& frame = *stack_.back();
    if (!frame.reader->Next(line)) {
      stack_.pop_back();
      continue;
    }
    HandleLine(frame, line);
  }
}

void Resolution::HandleLine(const Frame& frame, const LogicalLine& line) {
  const MappedText& text = line.text;
  SplitLine split;
  LineProblem problem;
  if (!SplitRequirementsLine(text.text(), split, problem)) {
    Report(frame, line, problem.at, problem.message + "; line skipped", !problem.unknown_option);
    return;
  }
  std::string_view requirement =
      PyStrip(std::string_view(text.text()).substr(0, split.requirement_end));
  const LineOption* editable = nullptr;
  for (const LineOption& option : split.options) {
    if (option.option == RequirementsOption::kEditable && editable == nullptr) editable = &option;
  }

  if (!requirement.empty() || editable != nullptr) {
    // handle_requirement_line: only --hash, --global-option and
    // --config-settings belong to a requirement (only the last for -e).
    bool is_editable = requirement.empty();
    std::size_t begin = is_editable ? editable->value_begin : 0;
    std::size_t end = is_editable ? editable->value_end : split.requirement_end;
    model::Package package;
    std::vector<FormProblem> problems;
    bool ok = ReadRequirementForm(text, begin, end, is_editable, local_, package, problems);
    for (const FormProblem& p : problems) Report(frame, line, p.at, p.message, p.error);
    const LineOption* ignored = nullptr;
    std::size_t more_ignored = 0;
    for (const LineOption& option : split.options) {
      if ((is_editable && &option == editable) ||
          option.option == RequirementsOption::kGlobalOption ||
          option.option == RequirementsOption::kConfigSettings) {
        continue;
      }
      if (option.option == RequirementsOption::kHash && !is_editable) {
        package.hashes.push_back(option.value);
      } else if (ignored == nullptr) {
        ignored = &option;
      } else {
        ++more_ignored;
      }
    }
    if (ignored != nullptr) {
      // One warning a line, however many options it holds.
      std::string what = ignored->name;
      if (more_ignored > 0) what += " and " + std::to_string(more_ignored) + " more options";
      Report(frame, line, ignored->at,
             what + (more_ignored > 0 ? " are" : " is") + " ignored on a line with " +
                 (is_editable ? "an editable requirement" : "a requirement"),
             false);
    }
    if (!ok) return;
    std::size_t start = begin;
    while (start < end && PySpaceAt(text.text(), start) > 0) start += PySpaceAt(text.text(), start);
    TextPosition pos = text.At(start);
    package.locations.push_back(model::Location{frame.display, pos.line, pos.column});
    package.flags.direct = true;
    if (!frame.constraint) {
      AddRequirement(frame, std::move(package));
    } else if (package.flags.editable) {
      Report(frame, line, start, "editable requirements are not allowed as constraints; ignored",
             false);
    } else if (package.kind == model::SourceKind::kRegistry) {
      std::string name = NormalizeName(package.name);
      constraints_[name].push_back(
          Constraint{name, package.markers, package.version, package.locations[0]});
    }
    return;
  }

  // An option line. _parse_and_recurse takes the first -r (else the first
  // -c) and ignores the rest of such a line.
  const LineOption* include = nullptr;
  bool include_constraint = false;
  for (const LineOption& option : split.options) {
    if (option.option == RequirementsOption::kRequirement &&
        (include == nullptr || include_constraint)) {
      include = &option;
      include_constraint = false;
    } else if (option.option == RequirementsOption::kConstraint && include == nullptr) {
      include = &option;
      include_constraint = true;
    }
  }
  if (include != nullptr) {
    Include(frame, line, *include, include_constraint);
    return;
  }
  // handle_option_line: the index list, in pip's order.
  const LineOption* index_url = nullptr;
  std::vector<const LineOption*> extra;
  for (const LineOption& option : split.options) {
    switch (option.option) {
      case RequirementsOption::kHash:
        Report(frame, line, option.at, "--hash without a requirement is ignored", false);
        break;
      case RequirementsOption::kNoIndex:
        no_index_ = true;
        index_urls_.clear();
        break;
      case RequirementsOption::kIndexUrl:
        index_url = &option;
        break;
      case RequirementsOption::kExtraIndexUrl:
        extra.push_back(&option);
        break;
      default:
        break;
    }
  }
  if (no_index_) return;
  if (index_url != nullptr) index_urls_ = {IndexUrl(line, *index_url)};
  for (const LineOption* option : extra) index_urls_.push_back(IndexUrl(line, *option));
}

void Resolution::Include(const Frame& frame, const LogicalLine& line, const LineOption& option,
                         bool constraint) {
  std::string what = option.name + " " + option.value;
  std::string path = option.value;
  if (StartsWithNoCase(path, "http:") || StartsWithNoCase(path, "https:")) {
    Report(frame, line, option.at, what + ": a URL; not fetched", false);
    return;
  }
  if (StartsWithNoCase(path, "file:")) {
    std::string_view rest = std::string_view(path).substr(5);
    if (StartsWith(rest, "//")) {
      rest.remove_prefix(2);
      std::size_t slash = rest.find('/');
      if (slash != 0 && rest.substr(0, slash) != "localhost") {
        Report(frame, line, option.at, what + ": a URL; not fetched", false);
        return;
      }
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    }
    path = std::string(rest);
  }
  if (root_ == nullptr) {
    Report(frame, line, option.at, what + ": not followed when reading text alone", false);
    return;
  }
  if (stack_.size() > static_cast<std::size_t>(limits::kMaxRequirementsIncludeDepth)) {
    Report(frame, line, option.at,
           what + ": includes nest deeper than " +
               std::to_string(limits::kMaxRequirementsIncludeDepth) + " files; not read",
           true);
    return;
  }
  std::string target = JoinPath(DirOf(frame.path), path);
  std::string display = !path.empty() && path[0] == '/'
                            ? NormalizePath(path)
                            : NormalizePath(DirOf(frame.display) + "/" + path);
  std::string real;
  switch (root_->Resolve(target, &real)) {
    case ScanRoot::Check::kOutside:
      Report(frame, line, option.at, what + ": outside the scanned directory; not read", true);
      return;
    case ScanRoot::Check::kLinkOutside:
      Report(frame, line, option.at,
             what + ": a symbolic link to outside the scanned directory; not read", true);
      return;
    case ScanRoot::Check::kMissing:
      Report(frame, line, option.at, what + ": " + display + " does not exist", true);
      return;
    case ScanRoot::Check::kInside:
      break;
  }
  for (std::size_t i = 0; i < stack_.size(); ++i) {
    if (stack_[i]->real != real) continue;
    std::string chain;
    for (std::size_t k = i; k < stack_.size(); ++k) chain += stack_[k]->display + " -> ";
    Report(frame, line, option.at,
           what + ": include cycle (" + chain + display + "); not read again", false);
    return;
  }
  if (!read_.insert({real, constraint}).second) return;  // read once already
  if (files_read_ >= limits::kMaxRequirementsFiles) {
    if (!files_limit_reported_) {
      Report(frame, line, option.at,
             what + ": more than " + std::to_string(limits::kMaxRequirementsFiles) +
                 " requirements files; this and later includes not read",
             true);
      files_limit_reported_ = true;
    }
    return;
  }
  auto bytes = ReadFile(real, limits::kMaxLockfileBytes);
  if (!bytes) {
    std::string message = bytes.error().message;
    if (message.rfind(real, 0) == 0) message = display + message.substr(real.size());
    Report(frame, line, option.at, what + ": " + message, true);
    return;
  }
  ++files_read_;
  stack_.push_back(MakeFrame(std::move(target), std::move(real), std::move(display), constraint,
                             std::move(*bytes), diagnostics_));
}

void Resolution::AddRequirement(const Frame& frame, model::Package package) {
  std::string key = NormalizeName(package.name) + '\n' + package.markers;
  auto found = by_key_.find(key);
  if (found == by_key_.end()) {
    if (packages_.size() >= limits::kMaxPackagesPerSource) {
      if (!packages_limit_reported_) {
        const model::Location& at = package.locations[0];
        diagnostics_.Error(frame.display, at.line, at.column,
                           "more than " + std::to_string(limits::kMaxPackagesPerSource) +
                               " packages; the rest are skipped");
        packages_limit_reported_ = true;
      }
      return;
    }
    by_key_.emplace(std::move(key), packages_.size());
    packages_.push_back(std::move(package));
    return;
  }
  // The same project (with the same markers) asked for again. pip merges
  // compatible requests and refuses conflicting ones.
  model::Package& first = packages_[found->second];
  std::string a = Spec(first), b = Spec(package);
  const model::Location& at = package.locations[0];
  if (!a.empty() && !b.empty() && a != b) {
    diagnostics_.Warning(frame.display, at.line, at.column,
                         "double requirement given: " + package.name + b + " conflicts with " +
                             first.name + a + " at " + Where(first.locations[0]) +
                             "; the first is kept");
    return;
  }
  first.locations.push_back(at);
  if (a.empty() && !b.empty()) {
    first.version = package.version;
    first.specifier = package.specifier;
    first.kind = package.kind;
    first.resolved = package.resolved;
  }
  // Sets of what the first already has, so a name repeated on thousands of
  // lines merges in linear time.
  Merged& merged = merged_[found->second];
  MergeUnique(first.hashes, package.hashes, merged.hashes);
  MergeUnique(first.extras, package.extras, merged.extras);
  first.flags.editable = first.flags.editable || package.flags.editable;
}

model::Source Resolution::Finish(const std::string& display) {
  std::string index;
  if (!(index_urls_.size() == 1 && index_urls_[0] == kDefaultIndex)) {
    for (const std::string& url : index_urls_) index += (index.empty() ? "" : " ") + url;
  }
  for (model::Package& p : packages_) {
    if (p.kind != model::SourceKind::kRegistry) continue;
    p.index = index;
    auto pins = constraints_.find(NormalizeName(p.name));
    if (pins == constraints_.end()) continue;
    for (const Constraint& c : pins->second) {
      if (c.version.empty() || (!c.markers.empty() && c.markers != p.markers)) {
        continue;
      }
      if (p.version.empty()) {
        p.version = c.version;
        p.specifier.clear();
        p.locations.push_back(c.location);
      } else if (p.version != c.version) {
        diagnostics_.Warning(c.location.file, c.location.line, c.location.column,
                             "constraint " + p.name + "==" + c.version +
                                 " conflicts with the requirement " + p.name + "==" + p.version +
                                 " at " + Where(p.locations[0]));
      }
      break;
    }
  }
  model::Source source;
  source.format = model::SourceFormat::kRequirements;
  source.path = display;
  source.packages = std::move(packages_);
  return source;
}

}  // namespace

bool IsRequirementsFileName(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view path = lower;
  std::size_t slash = path.rfind('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  std::string_view folder;
  if (slash != std::string_view::npos) {
    folder = path.substr(0, slash);
    std::size_t up = folder.rfind('/');
    if (up != std::string_view::npos) folder = folder.substr(up + 1);
  }
  if (!EndsWith(base, ".txt") || base.find("constraint") != std::string_view::npos) return false;
  return base.find("requirements") != std::string_view::npos || folder == "requirements";
}

Result<model::Source> ReadRequirements(const std::string& path, const std::string& display,
                                       const std::string& root, Diagnostics& diagnostics) {
  std::string absolute = AbsolutePath(path);
  ScanRoot scan(root.empty() ? DirOf(absolute) : root);
  std::string real;
  ScanRoot::Check check = scan.Resolve(absolute, &real);
  if (check == ScanRoot::Check::kOutside || check == ScanRoot::Check::kLinkOutside) {
    return Fail(ErrorCode::kInvalidArgument, display + ": not inside the scanned directory " +
                                                 scan.path() + "; not read");
  }
  std::string open = real.empty() ? absolute : real;
  auto bytes = ReadFile(open, limits::kMaxLockfileBytes);
  if (!bytes) {
    Error error = bytes.error();
    if (error.message.rfind(open, 0) == 0) {
      error.message = display + error.message.substr(open.size());
    }
    return tl::unexpected(std::move(error));
  }
  RootedLocalPaths local(scan, DirOf(absolute));
  Resolution resolution(&scan, &local, diagnostics);
  resolution.Run(MakeFrame(absolute, real, display, false, std::move(*bytes), diagnostics));
  return resolution.Finish(display);
}

Result<model::Source> ParseRequirements(std::string_view display, std::string_view content,
                                        Diagnostics& diagnostics) {
  if (content.size() > limits::kMaxLockfileBytes) {
    return Fail(ErrorCode::kLimit, std::string(display) + ": file is " +
                                       std::to_string(content.size()) +
                                       " bytes, over the limit of " +
                                       std::to_string(limits::kMaxLockfileBytes));
  }
  Resolution resolution(nullptr, nullptr, diagnostics);
  std::string shown(display);
  resolution.Run(MakeFrame({}, {}, shown, false, std::string(content), diagnostics));
  return resolution.Finish(shown);
}

}  // namespace chainward::collect::pypi
