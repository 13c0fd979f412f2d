#include "advisory/semver.h"

#include <algorithm>
#include <cstddef>

#include "base/text.h"

namespace chainward::advisory {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c == '-';
}
bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return !s.empty();
}

tl::unexpected<Error> NotAVersion(std::string_view text, std::string_view why) {
  std::string shown = SanitizeForTerminal(text.substr(0, 64));
  if (text.size() > 64) shown += "...";
  return Fail(ErrorCode::kParse, "\"" + shown + "\" is not a semver version: " +
                                     std::string(why));
}

// Compares two digit strings without leading zeros as numbers.
int CompareNumbers(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int CompareIdentifiers(std::string_view a, std::string_view b) {
  bool an = AllDigits(a), bn = AllDigits(b);
  if (an && bn) return CompareNumbers(a, b);
  if (an != bn) return an ? -1 : 1;  // numeric ranks below alphanumeric
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// Reads a numeric component at the front of `s` into `out`.
bool ReadNumber(std::string_view& s, std::string& out) {
  std::size_t n = 0;
  while (n < s.size() && IsDigit(s[n])) ++n;
  if (n == 0) return false;
  if (n > 1 && s[0] == '0') return false;  // leading zero
  out.assign(s.substr(0, n));
  s.remove_prefix(n);
  return true;
}

}  // namespace

std::string SemVer::ToString() const {
  std::string s = major + "." + minor + "." + patch;
  for (std::size_t i = 0; i < prerelease.size(); ++i) {
    s += i == 0 ? "-" : ".";
    s += prerelease[i];
  }
  if (!build.empty()) s += "+" + build;
  return s;
}

Result<SemVer> ParseSemVer(std::string_view text) {
  std::string_view s = Trim(text);
  if (!s.empty() && s.front() == '=') s.remove_prefix(1);
  if (!s.empty() && (s.front() == 'v' || s.front() == 'V')) s.remove_prefix(1);
  if (s.empty()) return NotAVersion(text, "empty");
  SemVer v;
  const char* names[] = {"major", "minor", "patch"};
  std::string* parts[] = {&v.major, &v.minor, &v.patch};
  for (int i = 0; i < 3; ++i) {
    if (i > 0) {
      if (s.empty() || s.front() != '.') {
        return NotAVersion(text, "expected MAJOR.MINOR.PATCH");
      }
      s.remove_prefix(1);
    }
    if (!ReadNumber(s, *parts[i])) {
      return NotAVersion(text, std::string(names[i]) +
                                   " is not a number without leading zeros");
    }
  }
  if (!s.empty() && s.front() == '-') {
    s.remove_prefix(1);
    std::size_t end = s.find('+');
    std::string_view pre = s.substr(0, end);
    s.remove_prefix(pre.size());
    while (true) {
      std::size_t dot = pre.find('.');
      std::string_view id = pre.substr(0, dot);
      if (id.empty()) return NotAVersion(text, "empty prerelease identifier");
      for (char c : id) {
        if (!IsIdentChar(c)) {
          return NotAVersion(text, "invalid character in prerelease");
        }
      }
      if (AllDigits(id) && id.size() > 1 && id[0] == '0') {
        return NotAVersion(text, "numeric prerelease identifier with leading zero");
      }
      v.prerelease.emplace_back(id);
      if (dot == std::string_view::npos) break;
      pre.remove_prefix(dot + 1);
    }
  }
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    std::string_view build = s;
    if (build.empty()) return NotAVersion(text, "empty build metadata");
    std::size_t start = 0;
    for (std::size_t i = 0; i <= build.size(); ++i) {
      if (i == build.size() || build[i] == '.') {
        if (i == start) return NotAVersion(text, "empty build identifier");
        start = i + 1;
      } else if (!IsIdentChar(build[i])) {
        return NotAVersion(text, "invalid character in build metadata");
      }
    }
    v.build.assign(build);
    s = {};
  }
  if (!s.empty()) return NotAVersion(text, "unexpected text after the version");
  return v;
}

int Compare(const SemVer& a, const SemVer& b) {
  if (int c = CompareNumbers(a.major, b.major); c != 0) return c;
  if (int c = CompareNumbers(a.minor, b.minor); c != 0) return c;
  if (int c = CompareNumbers(a.patch, b.patch); c != 0) return c;
  if (a.prerelease.empty() != b.prerelease.empty()) {
    return a.prerelease.empty() ? 1 : -1;
  }
  std::size_t n = std::min(a.prerelease.size(), b.prerelease.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (int c = CompareIdentifiers(a.prerelease[i], b.prerelease[i]); c != 0) {
      return c;
    }
  }
  if (a.prerelease.size() == b.prerelease.size()) return 0;
  return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
}

}  // namespace chainward::advisory
