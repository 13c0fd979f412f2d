// Reading and ordering PEP 440 versions.
//
// What. PyPI's versions are PEP 440 identifiers, and OSV's PyPI ranges are
// ordered by PEP 440, so matching an installed "1.82.8" against "introduced
// 1.82.7, fixed 1.82.9" needs PEP 440's parser and its total order.
//
// Why this design. The reference implementation (pypa/packaging) matches
// one regular expression (PEP 440, Appendix B) and builds a comparison key.
// We walk the text once, left to right, in the order the expression does:
// optional "v", epoch "N!", release "N(.N)*", then at most one pre-release,
// post-release and development segment, each tried at the current position
// and skipped when its signifier is absent, then "+local". Every optional
// separator is taken greedily, as the expression's possessive groups do, so
// the accepted set is the expression's (including its quirks: "1.0a-" is
// 1.0a0, "1.0-" is rejected). A hand-written reader, not a regex library,
// because it says *why* a version is rejected, runs in linear time, and
// needs no dependency. Numbers stay digit strings without leading zeros:
// PEP 440 numbers are unbounded (Python ints), and a longer digit string is
// the larger number.
//
// Ordering follows packaging's key: epoch; release with trailing zeros
// ignored (the same as padding the shorter with zeros); the pre-release
// slot, where a version with only a dev segment sorts before every
// pre-release and a version with no pre-release after them all; post (none
// first); dev (none last); local (none first; segments compared one by one,
// letters below numbers, a longer label above its own prefix).
//
// Worked example: "V1.0-Preview_2.POST-3+Ubuntu-007". "V" is dropped; no
// "!", so epoch 0; release [1, 0]; "-Preview_2" is a pre-release (the
// separator "-", spelling "preview" = rc, separator "_", number 2);
// ".POST-3" a post-release 3; no dev; "+Ubuntu-007" the local label
// [ubuntu, 7]. Normal form "1.0rc2.post3+ubuntu.7". It sorts after
// "1.0rc2.post3" (no local label) and before "1.0" (a final release is
// above any of its pre-releases).
#include "advisory/pep440.h"

#include <algorithm>
#include <cstddef>

#include "base/limits.h"
#include "base/text.h"

namespace chainward::advisory {
namespace {

using Phase = Pep440Version::Phase;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsSeparator(char c) { return c == '.' || c == '-' || c == '_'; }
char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Length of the whitespace character starting at `s[i]`, or 0. Python's
// str.isspace() set, which packaging strips: ASCII \t \n \v \f \r, space
// and \x1c-\x1f, and in UTF-8 U+0085, U+00A0, U+1680, U+2000-U+200A,
// U+2028, U+2029, U+202F, U+205F and U+3000.
std::size_t SpaceAt(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  unsigned b0 = byte(0), b1 = byte(1), b2 = byte(2);
  if ((b0 >= 0x09 && b0 <= 0x0d) || (b0 >= 0x1c && b0 <= 0x20)) return 1;
  if (b0 == 0xc2 && (b1 == 0x85 || b1 == 0xa0)) return 2;
  if (b0 == 0xe1 && b1 == 0x9a && b2 == 0x80) return 3;
  if (b0 == 0xe2 && b1 == 0x80 &&
      (b2 <= 0x8a || b2 == 0xa8 || b2 == 0xa9 || b2 == 0xaf) && b2 >= 0x80) {
    return 3;
  }
  if (b0 == 0xe2 && b1 == 0x81 && b2 == 0x9f) return 3;
  if (b0 == 0xe3 && b1 == 0x80 && b2 == 0x80) return 3;
  return 0;
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty()) {
    std::size_t n = SpaceAt(s, 0);
    if (n == 0) break;
    s.remove_prefix(n);
  }
  while (!s.empty()) {
    std::size_t n = 0;
    for (std::size_t len = 1; len <= 3 && len <= s.size(); ++len) {
      if (SpaceAt(s, s.size() - len) == len) n = len;
    }
    if (n == 0) break;
    s.remove_suffix(n);
  }
  return s;
}

// `s` sanitized for a message and cut to at most `max` bytes, at a UTF-8
// character boundary.
std::string Shown(std::string_view s, std::size_t max) {
  if (s.size() <= max) return SanitizeForTerminal(s);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) --cut;
  return SanitizeForTerminal(s.substr(0, cut)) + "...";
}

tl::unexpected<Error> NotAVersion(std::string_view text, std::string_view why,
                                  ErrorCode code = ErrorCode::kParse) {
  return Fail(code, "\"" + Shown(text, 64) + "\" is not a PEP 440 version: " +
                        std::string(why));
}

// Compares two digit strings without leading zeros as numbers.
int CompareNumbers(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

std::string WithoutLeadingZeros(std::string_view digits) {
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string_view::npos) return "0";
  return std::string(digits.substr(first));
}

// One left-to-right pass over a trimmed version (see the essay above).
class Reader {
 public:
  Reader(std::string_view original, std::string_view text)
      : original_(original), s_(text) {}

  Result<Pep440Version> Read() {
    Pep440Version v;
    if (s_.empty()) return NotAVersion(original_, "empty");
    if (Lower(Peek()) == 'v') ++pos_;
    std::size_t digits = pos_;
    while (digits < s_.size() && IsDigit(s_[digits])) ++digits;
    if (digits > pos_ && digits < s_.size() && s_[digits] == '!') {
      v.epoch = WithoutLeadingZeros(s_.substr(pos_, digits - pos_));
      pos_ = digits + 1;
    }
    std::string number;
    if (!ReadNumber(number)) {
      return NotAVersion(original_, "expected a release number like \"1.0\"" +
                                        After());
    }
    v.release.push_back(std::move(number));
    while (Peek() == '.' && IsDigit(Peek(1))) {
      ++pos_;
      ReadNumber(number);
      v.release.push_back(std::move(number));
    }
    ReadPre(v);
    ReadPost(v);
    ReadDev(v);
    if (Peek() == '+') {
      ++pos_;
      if (auto r = ReadLocal(v); !r) return tl::unexpected(r.error());
    }
    if (pos_ != s_.size()) {
      return NotAVersion(original_, "unexpected \"" + Shown(s_.substr(pos_), 16) +
                                        "\"" + After());
    }
    return v;
  }

 private:
  char Peek(std::size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }

  // " after \"<what was read>\"", or "" at the start.
  std::string After() const {
    if (pos_ == 0) return "";
    return " after \"" + Shown(s_.substr(0, pos_), 48) + "\"";
  }

  void SkipSeparator() {
    if (IsSeparator(Peek())) ++pos_;
  }

  // Consumes `word` (lower case) at the position, ignoring case.
  bool Word(std::string_view word) {
    if (s_.size() - pos_ < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (Lower(s_[pos_ + i]) != word[i]) return false;
    }
    pos_ += word.size();
    return true;
  }

  bool ReadNumber(std::string& out) {
    std::size_t start = pos_;
    while (IsDigit(Peek())) ++pos_;
    if (pos_ == start) return false;
    out = WithoutLeadingZeros(s_.substr(start, pos_ - start));
    return true;
  }

  // The number after a signifier: optional separator, optional digits
  // (implicitly 0).
  std::string SignifierNumber() {
    SkipSeparator();
    std::string number = "0";
    ReadNumber(number);
    return number;
  }

  // [._-]?(alpha|a|beta|b|preview|pre|c|rc)[._-]?N?, spellings tried in
  // this order as the regular expression's alternation does.
  void ReadPre(Pep440Version& v) {
    static constexpr struct {
      std::string_view word;
      Phase phase;
    } kSpellings[] = {
        {"alpha", Phase::kAlpha},     {"a", Phase::kAlpha},
        {"beta", Phase::kBeta},       {"b", Phase::kBeta},
        {"preview", Phase::kCandidate}, {"pre", Phase::kCandidate},
        {"c", Phase::kCandidate},     {"rc", Phase::kCandidate},
    };
    std::size_t start = pos_;
    SkipSeparator();
    for (const auto& spelling : kSpellings) {
      if (Word(spelling.word)) {
        v.pre = Pep440Version::Pre{spelling.phase, SignifierNumber()};
        return;
      }
    }
    pos_ = start;
  }

  // -N (the implicit form, which needs its number), or
  // [._-]?(post|rev|r)[._-]?N?.
  void ReadPost(Pep440Version& v) {
    if (Peek() == '-' && IsDigit(Peek(1))) {
      ++pos_;
      std::string number;
      ReadNumber(number);
      v.post = std::move(number);
      return;
    }
    std::size_t start = pos_;
    SkipSeparator();
    if (Word("post") || Word("rev") || Word("r")) {
      v.post = SignifierNumber();
      return;
    }
    pos_ = start;
  }

  // [._-]?dev[._-]?N?
  void ReadDev(Pep440Version& v) {
    std::size_t start = pos_;
    SkipSeparator();
    if (Word("dev")) {
      v.dev = SignifierNumber();
      return;
    }
    pos_ = start;
  }

  // [a-z0-9]+([._-][a-z0-9]+)* after the "+", to the end of the text.
  Result<void> ReadLocal(Pep440Version& v) {
    if (pos_ == s_.size()) {
      return NotAVersion(original_, "empty local version label after \"+\"");
    }
    while (true) {
      std::size_t start = pos_;
      while (IsAlnum(Peek())) ++pos_;
      if (pos_ == start) {
        if (pos_ == s_.size() || IsSeparator(Peek())) {
          return NotAVersion(original_,
                             "empty segment in the local version label");
        }
        break;
      }
      std::string segment(s_.substr(start, pos_ - start));
      if (AllDigits(segment)) {
        segment = WithoutLeadingZeros(segment);
      } else {
        for (char& c : segment) c = Lower(c);
      }
      v.local.push_back(std::move(segment));
      if (pos_ == s_.size()) return {};
      if (!IsSeparator(Peek())) break;
      ++pos_;
    }
    return NotAVersion(original_, "invalid character \"" +
                                      Shown(s_.substr(pos_, CharLength()), 4) +
                                      "\" in the local version label");
  }

  // Bytes in the UTF-8 character at the position (1 for a stray byte).
  std::size_t CharLength() const {
    auto lead = static_cast<unsigned char>(Peek());
    std::size_t n = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    return std::min(n, s_.size() - pos_);
  }

  std::string_view original_;
  std::string_view s_;
  std::size_t pos_ = 0;
};

// The pre-release slot of the ordering: a dev-only version ("1.0.dev1")
// sorts below every pre-release, one without a pre-release above them all.
int PreRank(const Pep440Version& v) {
  if (v.pre) return 1;
  return (!v.post && v.dev) ? 0 : 2;
}

int CompareLocal(const std::vector<std::string>& a,
                 const std::vector<std::string>& b) {
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    bool an = AllDigits(a[i]), bn = AllDigits(b[i]);
    int c;
    if (an && bn) {
      c = CompareNumbers(a[i], b[i]);
    } else if (an != bn) {
      c = an ? 1 : -1;  // letters sort below numbers
    } else {
      int s = a[i].compare(b[i]);
      c = s < 0 ? -1 : (s > 0 ? 1 : 0);
    }
    if (c != 0) return c;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

}  // namespace

std::string Pep440Version::Normalize() const {
  std::string s;
  if (epoch != "0") s += epoch + "!";
  for (std::size_t i = 0; i < release.size(); ++i) {
    if (i > 0) s += '.';
    s += release[i];
  }
  if (pre) {
    static constexpr std::string_view kPhase[] = {"a", "b", "rc"};
    s += kPhase[static_cast<int>(pre->phase)];
    s += pre->number;
  }
  if (post) s += ".post" + *post;
  if (dev) s += ".dev" + *dev;
  for (std::size_t i = 0; i < local.size(); ++i) {
    s += i == 0 ? '+' : '.';
    s += local[i];
  }
  return s;
}

Result<Pep440Version> ParsePep440(std::string_view text) {
  if (text.size() > limits::kMaxVersionBytes) {
    return NotAVersion(text,
                       "longer than " +
                           std::to_string(limits::kMaxVersionBytes) + " bytes",
                       ErrorCode::kLimit);
  }
  return Reader(text, TrimSpace(text)).Read();
}

int Compare(const Pep440Version& a, const Pep440Version& b) {
  if (int c = CompareNumbers(a.epoch, b.epoch); c != 0) return c;
  std::size_t n = std::max(a.release.size(), b.release.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::string_view x = "0", y = "0";
    if (i < a.release.size()) x = a.release[i];
    if (i < b.release.size()) y = b.release[i];
    if (int c = CompareNumbers(x, y); c != 0) return c;
  }
  int ra = PreRank(a), rb = PreRank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (ra == 1) {
    if (a.pre->phase != b.pre->phase) {
      return a.pre->phase < b.pre->phase ? -1 : 1;
    }
    if (int c = CompareNumbers(a.pre->number, b.pre->number); c != 0) return c;
  }
  if (a.post.has_value() != b.post.has_value()) return a.post ? 1 : -1;
  if (a.post) {
    if (int c = CompareNumbers(*a.post, *b.post); c != 0) return c;
  }
  if (a.dev.has_value() != b.dev.has_value()) return a.dev ? -1 : 1;
  if (a.dev) {
    if (int c = CompareNumbers(*a.dev, *b.dev); c != 0) return c;
  }
  return CompareLocal(a.local, b.local);
}

}  // namespace chainward::advisory
