// A hand-written reader for PEP 508's grammar, one left-to-right pass:
//
//   specification = name [extras] (versionspec | urlspec) [";" marker]
//   extras        = "[" [identifier ("," identifier)*] "]"
//   versionspec   = "(" clauses ")" | clauses
//   clauses       = op version ("," op version)*     op: ~= == != <= >= < > ===
//   urlspec       = "@" URI                          (a space before ";" ends it)
//
// Example: "requests [security,socks] (>=2.8.1, ==2.8.*) ; python_version < '2.7'"
// gives name "requests", extras [security, socks], specifier
// ">=2.8.1,==2.8.*" and marker "python_version < '2.7'".
#include "collect/pypi/pep508.h"

#include <cctype>

#include "model/package.h"

namespace chainward::collect::pypi {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsNameChar(char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.'; }

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  Result<Requirement> Read() {
    Requirement r;
    SkipSpaces();
    if (!ReadName(r.name)) return Expected("a project name");
    SkipSpaces();
    if (Peek() == '[') {
      if (!ReadExtras(r.extras)) return error_;
      SkipSpaces();
    }
    if (Peek() == '@') {
      ++pos_;
      SkipSpaces();
      std::size_t start = pos_;
      // The URL runs to the end, or to a ";" that follows a space.
      while (pos_ < text_.size() && !(text_[pos_] == ';' && pos_ > start && IsSpace(text_[pos_ - 1]))) {
        ++pos_;
      }
      r.url = Trim(text_.substr(start, pos_ - start));
      if (r.url.empty()) return Expected("a URL after \"@\"");
    } else if (Peek() == '(') {
      ++pos_;
      if (!ReadClauses(r.specifier, ')')) return error_;
      if (Peek() != ')') return Expected("\")\"");
      ++pos_;
    } else if (IsOperatorStart(Peek())) {
      if (!ReadClauses(r.specifier, ';')) return error_;
    }
    SkipSpaces();
    if (Peek() == ';') {
      ++pos_;
      r.marker = Trim(text_.substr(pos_));
      if (r.marker.empty()) return Expected("an environment marker after \";\"");
      pos_ = text_.size();
    }
    SkipSpaces();
    if (pos_ < text_.size()) return Expected("\";\" or the end of the requirement");
    return r;
  }

 private:
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void SkipSpaces() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  }
  static std::string Trim(std::string_view s) {
    while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
    return std::string(s);
  }
  static bool IsOperatorStart(char c) {
    return c == '=' || c == '!' || c == '<' || c == '>' || c == '~';
  }
  tl::unexpected<Error> Expected(std::string_view what) {
    error_ = tl::unexpected(Error{ErrorCode::kParse, "column " + std::to_string(pos_ + 1) +
                                                         ": expected " + std::string(what)});
    return error_;
  }

  bool ReadName(std::string& out) {
    std::size_t start = pos_;
    if (!IsAlnum(Peek())) return false;
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    // A name ends with a letter or digit.
    while (pos_ > start + 1 && !IsAlnum(text_[pos_ - 1])) --pos_;
    out = std::string(text_.substr(start, pos_ - start));
    return true;
  }

  bool ReadExtras(std::vector<std::string>& out) {
    ++pos_;  // "["
    SkipSpaces();
    if (Peek() == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      SkipSpaces();
      std::string extra;
      if (!ReadName(extra)) {
        Expected("an extra's name");
        return false;
      }
      out.push_back(std::move(extra));
      SkipSpaces();
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == ']') {
        ++pos_;
        return true;
      }
      Expected("\",\" or \"]\" in the extras");
      return false;
    }
  }

  // Reads "op version" clauses separated by commas, up to `stop` or the end.
  bool ReadClauses(std::string& out, char stop) {
    while (true) {
      SkipSpaces();
      std::size_t op_start = pos_;
      while (pos_ < text_.size() && IsOperatorStart(text_[pos_])) ++pos_;
      std::string_view op = text_.substr(op_start, pos_ - op_start);
      if (op != "==" && op != "!=" && op != "<=" && op != ">=" && op != "<" && op != ">" &&
          op != "~=" && op != "===") {
        pos_ = op_start;
        Expected("a version operator (==, !=, <=, >=, <, >, ~=, ===)");
        return false;
      }
      SkipSpaces();
      std::size_t version_start = pos_;
      while (pos_ < text_.size() && !IsSpace(text_[pos_]) && text_[pos_] != ',' &&
             text_[pos_] != stop && text_[pos_] != ';' && text_[pos_] != ')') {
        ++pos_;
      }
      if (pos_ == version_start) {
        Expected("a version after \"" + std::string(op) + "\"");
        return false;
      }
      if (!out.empty()) out += ',';
      out += op;
      out += text_.substr(version_start, pos_ - version_start);
      SkipSpaces();
      if (Peek() != ',') return true;
      ++pos_;
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  tl::unexpected<Error> error_{Error{}};
};

}  // namespace

Result<Requirement> ParseRequirement(std::string_view text) { return Reader(text).Read(); }

std::string PinnedVersion(std::string_view specifier) {
  if (specifier.find(',') != std::string_view::npos) return {};
  std::string_view version;
  if (specifier.substr(0, 3) == "===") {
    version = specifier.substr(3);
  } else if (specifier.substr(0, 2) == "==") {
    version = specifier.substr(2);
  } else {
    return {};
  }
  if (version.empty() || version.find('*') != std::string_view::npos) return {};
  return std::string(version);
}

std::string NormalizeName(std::string_view name) {
  return model::NormalizedName(model::Ecosystem::kPyPI, name);
}

}  // namespace chainward::collect::pypi
