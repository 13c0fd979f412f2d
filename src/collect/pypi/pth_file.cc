// .pth lines as two generations of CPython see them.
//
// Up to 3.12, site.addpackage() iterates a text file object: lines end at
// "\n", "\r\n" or "\r", a UTF-8 byte-order mark stays part of the first line,
// and a line that starts with "import " or "import\t" is exec()'d whole.
// From 3.13 on, it decodes the file as "utf-8-sig" (the mark is dropped) and
// splits it with str.splitlines(), which also breaks at form feed, vertical
// tab, U+001C-U+001E, U+0085, U+2028 and U+2029. A statement can hide behind
// one of those: in
//
//   # a comment<FF>import os; os.system('...')
//
// an editor and Python 3.12 see one comment line, while Python 3.13 runs the
// second half. This reader classifies each physical line the old way and,
// unless that already makes it executable, each splitlines() piece of it the
// new way; a piece that only the new way executes is kept with the column
// where it starts. Nothing is decoded: "#" and "import" are ASCII, and
// classifying bytes is the conservative reading of a file in any encoding.
#include "collect/pypi/pth_file.h"

#include <optional>
#include <utility>

#include "base/limits.h"

namespace chainward::collect::pypi {

namespace {

using Kind = PthLine::Kind;

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      min = 0x10000;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    unsigned cp = c & (0x3F >> n);
    for (std::size_t k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// Whitespace as str.strip() sees it, for the ASCII range.
bool IsPySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c' ||
         (c >= '\x1c' && c <= '\x1f');
}

// How site.addpackage() treats one line; nullopt for a blank line.
std::optional<Kind> Classify(std::string_view line) {
  if (!line.empty() && line[0] == '#') return Kind::kComment;
  bool blank = true;
  for (char c : line) blank = blank && IsPySpace(c);
  if (blank) return std::nullopt;
  if (line.substr(0, 7) == "import " || line.substr(0, 7) == "import\t") return Kind::kExecutable;
  return Kind::kPath;
}

// Length of the str.splitlines() break that starts at `i` of `line` and
// that a file read does not break at, or 0.
std::size_t SplitlinesBreak(std::string_view line, std::size_t i, bool utf8) {
  unsigned char c = static_cast<unsigned char>(line[i]);
  if (c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e) return 1;
  auto at = [&](std::size_t k) {
    return k < line.size() ? static_cast<unsigned char>(line[k]) : 0u;
  };
  if (c == 0xC2 && at(i + 1) == 0x85) return 2;                                // U+0085
  if (c == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) == 0xA8 || at(i + 2) == 0xA9)) return 3;
  // A file that is not UTF-8 is decoded in the locale's encoding, where a
  // lone 0x85 may be U+0085 (Latin-1).
  if (!utf8 && c == 0x85 && (i == 0 || static_cast<unsigned char>(line[i - 1]) != 0xC2)) return 1;
  return 0;
}

class Collector {
 public:
  explicit Collector(PthContent& out) : out_(out) {}

  void Add(std::uint32_t line, Kind kind, std::string_view text, std::size_t offset) {
    if (out_.lines.size() >= limits::kMaxPthLines) {
      ++out_.omitted_lines;
      if (kind == Kind::kExecutable) ++out_.omitted_executable;
      return;
    }
    PthLine l;
    l.line = line;
    l.kind = kind;
    l.column = static_cast<std::uint32_t>(offset + 1);
    std::string_view kept = text.substr(offset);
    if (kept.size() > limits::kMaxPthLineBytes) {
      kept = kept.substr(0, limits::kMaxPthLineBytes);
      l.truncated = true;
    }
    l.text.assign(kept);
    out_.lines.push_back(std::move(l));
  }

 private:
  PthContent& out_;
};

}  // namespace

PthContent ParsePth(std::string_view text) {
  PthContent out;
  out.valid_utf8 = IsValidUtf8(text);
  Collector collect(out);
  const bool bom = text.substr(0, 3) == "\xEF\xBB\xBF";
  std::uint32_t number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of("\r\n", pos);
    std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    if (end < text.size() && text[end] == '\r' && next < text.size() && text[next] == '\n') ++next;
    std::string_view line = text.substr(pos, end - pos);
    pos = next;
    ++number;

    std::optional<Kind> old = Classify(line);
    if (old == Kind::kExecutable) {
      collect.Add(number, Kind::kExecutable, line, 0);
      continue;
    }
    // Python 3.13+: the pieces of this line, each a line of its own.
    bool executable = false;
    std::size_t start = number == 1 && bom ? 3 : 0;
    for (std::size_t i = start; i <= line.size();) {
      std::size_t length = i < line.size() ? SplitlinesBreak(line, i, out.valid_utf8) : 0;
      if (i < line.size() && length == 0) {
        ++i;
        continue;
      }
      if (start > 0 && Classify(line.substr(start, i - start)) == Kind::kExecutable) {
        collect.Add(number, Kind::kExecutable, line, start);
        executable = true;
      }
      if (i == line.size()) break;
      i += length;
      start = i;
    }
    if (!executable && old.has_value()) collect.Add(number, *old, line, 0);
  }
  return out;
}

}  // namespace chainward::collect::pypi
