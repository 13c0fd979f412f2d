#include "collect/pypi/requirements_options.h"

#include <algorithm>

namespace chainward::collect::pypi {

namespace {

struct OptionSpec {
  std::string_view long_name;
  char short_name;  // 0 when none
  bool takes_value;
  RequirementsOption option;
};

// Sorted by long name, as optparse lists ambiguous matches.
constexpr OptionSpec kOptions[] = {
    {"--config-settings", 'C', true, RequirementsOption::kConfigSettings},
    {"--constraint", 'c', true, RequirementsOption::kConstraint},
    {"--editable", 'e', true, RequirementsOption::kEditable},
    {"--extra-index-url", 0, true, RequirementsOption::kExtraIndexUrl},
    {"--find-links", 'f', true, RequirementsOption::kFindLinks},
    {"--global-option", 0, true, RequirementsOption::kGlobalOption},
    {"--hash", 0, true, RequirementsOption::kHash},
    {"--index-url", 'i', true, RequirementsOption::kIndexUrl},
    {"--no-binary", 0, true, RequirementsOption::kNoBinary},
    {"--no-index", 0, false, RequirementsOption::kNoIndex},
    {"--only-binary", 0, true, RequirementsOption::kOnlyBinary},
    {"--pre", 0, false, RequirementsOption::kPre},
    {"--prefer-binary", 0, false, RequirementsOption::kPreferBinary},
    {"--require-hashes", 0, false, RequirementsOption::kRequireHashes},
    {"--requirement", 'r', true, RequirementsOption::kRequirement},
    {"--trusted-host", 0, true, RequirementsOption::kTrustedHost},
    {"--use-feature", 0, true, RequirementsOption::kUseFeature},
};

// A word of the option text after shell splitting, with the offset in the
// line of each of its characters.
struct Word {
  std::string text;
  std::vector<std::size_t> source;
  std::size_t begin = 0;  // offset of the word's first character (or quote)
  std::size_t end = 0;    // offset just past its last character
};

// shlex.split in POSIX mode: white space separates words, '...' keeps
// everything, "..." keeps everything but \" and \\, and a backslash outside
// quotes escapes the next character.
bool ShellSplit(std::string_view line, std::size_t from, std::vector<Word>& words,
                LineProblem& problem) {
  Word word;
  bool in_word = false;
  char quote = 0;
  auto add = [&](std::size_t i) {
    word.text += line[i];
    word.source.push_back(i);
  };
  for (std::size_t i = from; i < line.size(); ++i) {
    char c = line[i];
    if (quote == '\'') {
      if (c == '\'') quote = 0; else add(i);
    } else if (quote == '"') {
      if (c == '"') {
        quote = 0;
      } else if (c == '\\' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\')) {
        add(++i);
      } else {
        add(i);
      }
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (in_word) {
        word.end = i;
        words.push_back(std::move(word));
        word = Word();
        in_word = false;
      }
    } else {
      if (!in_word) {
        in_word = true;
        word.begin = i;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\') {
        if (i + 1 >= line.size()) {
          problem = LineProblem{false, i, "could not split options (No escaped character)"};
          return false;
        }
        add(++i);
      } else {
        add(i);
      }
    }
  }
  if (quote != 0) {
    problem = LineProblem{false, word.begin, "could not split options (No closing quotation)"};
    return false;
  }
  if (in_word) {
    word.end = line.size();
    words.push_back(std::move(word));
  }
  return true;
}

// optparse's _match_abbrev: an exact name, else the one name `written`
// begins.
const OptionSpec* MatchLong(std::string_view written, std::string& error) {
  std::vector<const OptionSpec*> matches;
  for (const OptionSpec& spec : kOptions) {
    if (spec.long_name == written) return &spec;
    if (spec.long_name.substr(0, written.size()) == written) matches.push_back(&spec);
  }
  if (matches.size() == 1) return matches[0];
  if (matches.empty()) {
    error = "no such option: " + std::string(written);
  } else {
    error = "ambiguous option: " + std::string(written) + " (";
    for (std::size_t i = 0; i < matches.size(); ++i) {
      if (i > 0) error += ", ";
      error += matches[i]->long_name;
    }
    error += "?)";
  }
  return nullptr;
}

const OptionSpec* MatchShort(char c) {
  for (const OptionSpec& spec : kOptions) {
    if (spec.short_name != 0 && spec.short_name == c) return &spec;
  }
  return nullptr;
}

// The value of an option: `word`'s text from `from` on.
void SetValue(LineOption& option, const Word& word, std::size_t from) {
  option.value = word.text.substr(from);
  if (from < word.source.size()) {
    option.value_begin = word.source[from];
    option.value_end = word.source.back() + 1;
  } else {
    option.value_begin = option.value_end = word.end;
  }
}

// pip's --hash callback (_handle_merge_hash): "algo:digest" with a strong
// algorithm.
bool CheckHash(const LineOption& option, LineProblem& problem) {
  std::size_t colon = option.value.find(':');
  if (colon == std::string::npos) {
    problem = LineProblem{false, option.at,
                          "Arguments to --hash must be a hash name followed by a value, like "
                          "--hash=sha256:abcde..."};
    return false;
  }
  std::string_view algo = std::string_view(option.value).substr(0, colon);
  if (algo != "sha256" && algo != "sha384" && algo != "sha512") {
    problem = LineProblem{false, option.at,
                          "Allowed hash algorithms for --hash are sha256, sha384, sha512."};
    return false;
  }
  return true;
}

}  // namespace

bool SplitRequirementsLine(std::string_view line, SplitLine& out, LineProblem& problem) {
  out = SplitLine();
  // break_args_options: words split on " " until one starts with "-".
  std::size_t options_from = std::string_view::npos;
  for (std::size_t pos = 0;;) {
    std::size_t space = line.find(' ', pos);
    if (line.substr(pos, 1) == "-") {
      options_from = pos;
      break;
    }
    if (space == std::string_view::npos) break;
    pos = space + 1;
  }
  if (options_from == std::string_view::npos) {
    out.requirement_end = line.size();
    return true;
  }
  out.requirement_end = options_from == 0 ? 0 : options_from - 1;

  std::vector<Word> words;
  if (!ShellSplit(line, options_from, words, problem)) return false;
  // optparse's _process_args, with interspersed arguments ignored.
  for (std::size_t w = 0; w < words.size(); ++w) {
    const Word& word = words[w];
    const std::string& arg = word.text;
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-') continue;
    if (arg[1] == '-') {
      std::size_t eq = arg.find('=');
      std::string written = arg.substr(0, eq);
      std::string error;
      const OptionSpec* spec = MatchLong(written, error);
      if (spec == nullptr) {
        problem = LineProblem{error.rfind("no such", 0) == 0, word.begin, error};
        return false;
      }
      LineOption option{spec->option, std::string(spec->long_name), {}, word.begin, 0, 0};
      if (spec->takes_value) {
        if (eq != std::string::npos) {
          SetValue(option, word, eq + 1);
        } else if (w + 1 < words.size()) {
          SetValue(option, words[++w], 0);
        } else {
          problem = LineProblem{false, word.begin,
                                option.name + " option requires 1 argument"};
          return false;
        }
      } else if (eq != std::string::npos) {
        problem = LineProblem{false, word.begin, option.name + " option does not take a value"};
        return false;
      }
      if (spec->option == RequirementsOption::kHash && !CheckHash(option, problem)) return false;
      out.options.push_back(std::move(option));
      continue;
    }
    // Short options; every one pip accepts takes a value.
    const OptionSpec* spec = MatchShort(arg[1]);
    if (spec == nullptr) {
      problem = LineProblem{true, word.begin, "no such option: " + arg.substr(0, 2)};
      return false;
    }
    LineOption option{spec->option, arg.substr(0, 2), {}, word.begin, 0, 0};
    if (arg.size() > 2) {
      SetValue(option, word, 2);
    } else if (w + 1 < words.size()) {
      SetValue(option, words[++w], 0);
    } else {
      problem = LineProblem{false, word.begin, option.name + " option requires 1 argument"};
      return false;
    }
    out.options.push_back(std::move(option));
  }
  return true;
}

}  // namespace chainward::collect::pypi
