#include "collect/pypi/requirements_text.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "base/limits.h"
#include "base/text.h"
#include "collect/pypi/redact.h"

namespace chainward::collect::pypi {

namespace {

unsigned char Byte(std::string_view s, std::size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

// The length of the line separator str.splitlines() sees at s[i], or 0:
// \n, \r, \r\n, \v, \f, \x1c, \x1d, \x1e, NEL (U+0085), U+2028 and U+2029.
std::size_t SeparatorAt(std::string_view s, std::size_t i) {
  unsigned char c = Byte(s, i);
  if (c == '\r') return Byte(s, i + 1) == '\n' ? 2 : 1;
  if (c == '\n' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e)) return 1;
  if (c == 0xc2 && Byte(s, i + 1) == 0x85) return 2;
  if (c == 0xe2 && Byte(s, i + 1) == 0x80 && (Byte(s, i + 2) == 0xa8 || Byte(s, i + 2) == 0xa9)) {
    return 3;
  }
  return 0;
}

// Decodes UTF-16 (after its byte order mark); unpaired surrogates and an odd
// last byte become U+FFFD, as Python's "replace" error handler does.
std::string DecodeUtf16(std::string_view bytes, bool big_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) -> std::uint32_t {
    std::uint32_t a = Byte(bytes, i), b = Byte(bytes, i + 1);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    std::uint32_t u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff && i + 3 < bytes.size()) {
      std::uint32_t low = unit(i + 2);
      if (low >= 0xdc00 && low <= 0xdfff) {
        AppendUtf8(out, 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00));
        i += 2;
        continue;
      }
    }
    AppendUtf8(out, (u >= 0xd800 && u <= 0xdfff) ? 0xfffd : u);
  }
  if (i < bytes.size()) AppendUtf8(out, 0xfffd);
  return out;
}

bool IsVariableChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// COMMENT_RE.match: the line's first character that is not white space is
// "#" (a comment line never continues, even when it ends in "\").
bool IsCommentLine(std::string_view line) {
  std::size_t i = 0;
  while (std::size_t n = PySpaceAt(line, i)) i += n;
  return i < line.size() && line[i] == '#';
}

std::string TooLong(std::string_view what) {
  return std::string(what) + " is longer than " +
         std::to_string(limits::kMaxRequirementsLineBytes) + " bytes; skipped";
}

}  // namespace

std::size_t PySpaceAt(std::string_view s, std::size_t i) {
  unsigned char c = Byte(s, i);
  if (i >= s.size()) return 0;
  if ((c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20)) return 1;
  unsigned char c1 = Byte(s, i + 1), c2 = Byte(s, i + 2);
  if (c == 0xc2 && (c1 == 0x85 || c1 == 0xa0)) return 2;
  if (c == 0xe1 && c1 == 0x9a && c2 == 0x80) return 3;  // U+1680
  if (c == 0xe2 && c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8a) || c2 == 0xa8 || c2 == 0xa9 ||
                                  c2 == 0xaf)) {
    return 3;  // U+2000..U+200A, U+2028, U+2029, U+202F
  }
  if (c == 0xe2 && c1 == 0x81 && c2 == 0x9f) return 3;  // U+205F
  if (c == 0xe3 && c1 == 0x80 && c2 == 0x80) return 3;  // U+3000
  return 0;
}

std::size_t PySpaceBefore(std::string_view s, std::size_t i) {
  for (std::size_t n = 1; n <= 3 && n <= i; ++n) {
    if (PySpaceAt(s, i - n) == n) return n;
  }
  return 0;
}

std::string_view PyStrip(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (std::size_t n = PySpaceAt(s, b)) b += n;
  while (e > b) {
    std::size_t n = PySpaceBefore(s, e);
    if (n == 0) break;
    e -= n;
  }
  return s.substr(b, e - b);
}

void MappedText::AppendLiteral(std::string_view s, TextPosition at) {
  if (s.empty()) return;
  pieces_.push_back(Piece{text_.size(), at, {}});
  text_.append(s);
}

void MappedText::AppendExpansion(std::string_view value, TextPosition at, std::string_view name) {
  expansions_.push_back(pieces_.size());
  pieces_.push_back(Piece{text_.size(), at, std::string(name)});
  text_.append(value);
}

std::size_t MappedText::PieceIndex(std::size_t i) const {
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), i,
                             [](std::size_t v, const Piece& p) { return v < p.at; });
  return it == pieces_.begin() ? 0 : static_cast<std::size_t>(it - pieces_.begin()) - 1;
}

TextPosition MappedText::At(std::size_t i) const {
  if (pieces_.empty()) return {};
  const Piece& p = pieces_[PieceIndex(i)];
  if (!p.name.empty()) return p.where;
  return TextPosition{p.where.line, p.where.column + static_cast<std::uint32_t>(i - p.at)};
}

std::string MappedText::Shown(std::size_t begin, std::size_t end) const {
  std::string out;
  if (pieces_.empty() || begin >= end) return out;
  for (std::size_t k = PieceIndex(begin); k < pieces_.size() && pieces_[k].at < end; ++k) {
    const Piece& p = pieces_[k];
    std::size_t piece_end = k + 1 < pieces_.size() ? pieces_[k + 1].at : text_.size();
    if (!p.name.empty()) {
      out += "${" + p.name + "}";
    } else {
      std::size_t from = std::max(begin, p.at), to = std::min(end, piece_end);
      out.append(text_, from, to - from);
    }
  }
  return out;
}

std::string MappedText::Conceal(std::string_view message) const {
  std::vector<std::pair<std::string, std::string>> values;  // value, name
  for (std::size_t k : expansions_) {
    std::size_t end = k + 1 < pieces_.size() ? pieces_[k + 1].at : text_.size();
    values.emplace_back(text_.substr(pieces_[k].at, end - pieces_[k].at), pieces_[k].name);
  }
  std::sort(values.begin(), values.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::string out(message);
  for (const auto& [value, name] : values) {
    if (value.empty()) continue;
    std::string shown = "${" + name + "}";
    for (std::size_t at = out.find(value); at != std::string::npos;
         at = out.find(value, at + shown.size())) {
      out.replace(at, value.size(), shown);
    }
  }
  return RedactUserinfo(out);
}

bool MappedText::HasExpansion(std::size_t begin, std::size_t end) const {
  for (std::size_t k : expansions_) {
    std::size_t piece_end = k + 1 < pieces_.size() ? pieces_[k + 1].at : text_.size();
    if (pieces_[k].at < end && piece_end > begin) return true;
  }
  return false;
}

void MappedText::Append(const MappedText& src, std::size_t begin, std::size_t end) {
  if (src.pieces_.empty() || begin >= end) return;
  for (std::size_t k = src.PieceIndex(begin); k < src.pieces_.size() && src.pieces_[k].at < end;
       ++k) {
    const Piece& p = src.pieces_[k];
    std::size_t piece_end = k + 1 < src.pieces_.size() ? src.pieces_[k + 1].at : src.text_.size();
    std::size_t from = std::max(begin, p.at), to = std::min(end, piece_end);
    if (from >= to) continue;
    std::string_view part = std::string_view(src.text_).substr(from, to - from);
    if (!p.name.empty()) {
      AppendExpansion(part, p.where, p.name);
    } else {
      AppendLiteral(part, TextPosition{p.where.line,
                                       p.where.column + static_cast<std::uint32_t>(from - p.at)});
    }
  }
}

MappedText MappedText::Slice(std::size_t begin, std::size_t end) const {
  MappedText out;
  out.Append(*this, begin, end);
  return out;
}

std::string_view DecodeRequirementsText(std::string_view bytes, std::string& storage) {
  if (bytes.substr(0, 3) == "\xef\xbb\xbf") return bytes.substr(3);
  if (bytes.substr(0, 2) == "\xff\xfe" || bytes.substr(0, 2) == "\xfe\xff") {
    storage = DecodeUtf16(bytes.substr(2), bytes[0] == '\xfe');
    return storage;
  }
  return bytes;
}

LogicalLineReader::LogicalLineReader(std::string_view text, std::string path,
                                     Diagnostics& diagnostics)
    : text_(text), path_(std::move(path)), diagnostics_(diagnostics) {}

bool LogicalLineReader::NextPhysical(std::string_view& line, TextPosition& where) {
  if (pos_ >= text_.size()) return false;
  std::size_t start = pos_, end = pos_, sep = 0;
  while (end < text_.size() && (sep = SeparatorAt(text_, end)) == 0) ++end;
  line = text_.substr(start, end - start);
  where = TextPosition{++line_, 1};
  pos_ = end + sep;
  return true;
}

bool LogicalLineReader::Next(LogicalLine& out) {
  MappedText joined;
  bool joining = false, too_long = false;
  std::uint32_t first = 0;
  std::string_view line;
  TextPosition where;
  while (NextPhysical(line, where)) {
    if (line.size() > limits::kMaxRequirementsLineBytes) {
      diagnostics_.Error(path_, where.line, 1, TooLong("the line"));
      line = {};
    }
    bool comment = IsCommentLine(line);
    if (line.empty() || line.back() != '\\' || comment) {
      if (!joining) {
        MappedText single;
        single.AppendLiteral(line, where);
        if (Finish(single, where.line, out)) return true;
        continue;
      }
      // pip puts a space before a comment that ends a continuation, so the
      // comment is recognised after the join.
      if (comment) joined.AppendLiteral(" ", where);
      if (!too_long && joined.text().size() + line.size() > limits::kMaxRequirementsLineBytes) {
        diagnostics_.Error(path_, first, 1, TooLong("the line joined with \"\\\""));
        too_long = true;
      }
      if (!too_long) joined.AppendLiteral(line, where);
      joining = false;
      if (!too_long && Finish(joined, first, out)) return true;
      joined = MappedText();
      continue;
    }
    if (!joining) {
      joining = true;
      too_long = false;
      first = where.line;
    }
    // line.strip("\\"): every backslash at either end goes.
    std::size_t b = 0, e = line.size();
    while (b < e && line[b] == '\\') ++b;
    while (e > b && line[e - 1] == '\\') --e;
    if (!too_long && joined.text().size() + (e - b) > limits::kMaxRequirementsLineBytes) {
      diagnostics_.Error(path_, first, 1, TooLong("the line joined with \"\\\""));
      too_long = true;
    }
    if (!too_long) {
      joined.AppendLiteral(line.substr(b, e - b),
                           TextPosition{where.line, static_cast<std::uint32_t>(b + 1)});
    }
  }
  if (joining && !too_long) return Finish(joined, first, out);
  return false;
}

bool LogicalLineReader::Finish(const MappedText& joined, std::uint32_t line, LogicalLine& out) {
  const std::string& text = joined.text();
  // COMMENT_RE.sub: from the first "#" that starts the text or follows
  // white space, to the end.
  std::size_t cut = text.size();
  for (std::size_t i = text.find('#'); i != std::string::npos; i = text.find('#', i + 1)) {
    if (i == 0 || PySpaceBefore(text, i) > 0) {
      cut = i;
      break;
    }
  }
  std::string_view kept = PyStrip(std::string_view(text).substr(0, cut));
  if (kept.empty()) return false;
  std::size_t begin = static_cast<std::size_t>(kept.data() - text.data());
  MappedText stripped = joined.Slice(begin, begin + kept.size());
  out.line = line;
  if (stripped.text().find("${") == std::string::npos) {
    out.text = std::move(stripped);
    return true;
  }
  // ENV_VAR_RE: "${" [A-Z0-9_]+ "}", leftmost first, never overlapping.
  const std::string& s = stripped.text();
  MappedText expanded;
  std::set<std::string> warned;
  std::size_t literal = 0;
  for (std::size_t i = s.find("${"); i != std::string::npos; i = s.find("${", i + 1)) {
    std::size_t j = i + 2;
    while (j < s.size() && IsVariableChar(s[j])) ++j;
    if (j == i + 2 || j >= s.size() || s[j] != '}') continue;
    std::string name = s.substr(i + 2, j - i - 2);
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') {
      if (warned.insert(name).second) {
        TextPosition at = stripped.At(i);
        diagnostics_.Warning(path_, at.line, at.column,
                             "environment variable ${" + name +
                                 "} is not set or empty; left as written");
      }
      continue;
    }
    expanded.Append(stripped, literal, i);
    expanded.AppendExpansion(value, stripped.At(i), name);
    literal = j + 1;
    i = j;
    if (expanded.text().size() > limits::kMaxRequirementsLineBytes) {
      diagnostics_.Error(path_, line, 1, TooLong("the line with its variables expanded"));
      return false;
    }
  }
  if (literal == 0) {
    out.text = std::move(stripped);
    return true;
  }
  expanded.Append(stripped, literal, s.size());
  if (expanded.text().size() > limits::kMaxRequirementsLineBytes) {
    diagnostics_.Error(path_, line, 1, TooLong("the line with its variables expanded"));
    return false;
  }
  out.text = std::move(expanded);
  return true;
}

}  // namespace chainward::collect::pypi
