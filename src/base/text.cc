#include "base/text.h"

#include <algorithm>
#include <cstring>

namespace chainward {

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  const char* begin = text.data();
  const char* end = begin + text.size();
  for (const char* p = begin; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<std::size_t>(p - begin));
  }
}

LineIndex::Position LineIndex::At(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());
  std::size_t start = line_starts_[line - 1];
  return Position{static_cast<std::uint32_t>(line),
                  static_cast<std::uint32_t>(offset - start + 1)};
}

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

std::string SanitizeForTerminal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      out += '?';
    } else if (c == 0xc2 && i + 1 < s.size() &&
               static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
      out += '?';  // a C1 control such as CSI (U+009B)
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::size_t FindJsonNestingPast(std::string_view json, std::size_t max_depth) {
  const char* begin = json.data();
  const char* end = begin + json.size();
  std::size_t depth = 0;
  for (const char* p = begin; p < end; ++p) {
    switch (*p) {
      case '"':
        // Most bytes of a lockfile are inside strings: jump from quote to
        // quote, and keep going while the quote found is escaped (preceded by
        // an odd run of backslashes).
        for (;;) {
          const void* q = std::memchr(p + 1, '"', static_cast<std::size_t>(end - p - 1));
          if (q == nullptr) return std::string_view::npos;  // unterminated
          p = static_cast<const char*>(q);
          std::size_t backslashes = 0;
          while (p - backslashes > begin && p[-1 - static_cast<std::ptrdiff_t>(backslashes)] == '\\') {
            ++backslashes;
          }
          if (backslashes % 2 == 0) break;
        }
        break;
      case '{':
      case '[':
        if (++depth > max_depth) return static_cast<std::size_t>(p - begin);
        break;
      case '}':
      case ']':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return std::string_view::npos;
}

}  // namespace chainward
