// The text layer of pip's requirements files: bytes to logical lines.
//
// pip reads a requirements file in four steps (src/pip/_internal/req/
// req_file.py): decode it, split it with Python's str.splitlines, join lines
// that end in "\", drop comments and blank lines, then expand ${NAME}
// environment variables. Only then is a line split into a requirement and
// options. This file does the same four steps, in the same order, because
// the order is visible: a comment line ends a continuation, a "#" inside a
// URL ("#egg=") is not a comment because no white space precedes it, and a
// variable's value is never taken for a comment.
//
//   requests==2.31.0 \           line 7 ("\" joins line 8)
//       --hash=sha256:58cd...    line 8
//   # via -r requirements.in     line 9 (a comment: ends the join, dropped)
//
// gives one logical line, "requests==2.31.0     --hash=sha256:58cd...", at
// line 7. Every byte of a logical line remembers the line and column it came
// from, so messages point into the file even after joining, and every
// expanded variable remembers its name, so text quoted back to the user shows
// "${TOKEN}", never the token.
#ifndef CHAINWARD_COLLECT_PYPI_REQUIREMENTS_TEXT_H_
#define CHAINWARD_COLLECT_PYPI_REQUIREMENTS_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"

namespace chainward::collect::pypi {

// A 1-based line and column (in bytes) of a requirements file.
struct TextPosition {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// A logical line's text, each byte mapped back to where the file wrote it.
class MappedText {
 public:
  // Appends `s`, whose first byte the file wrote at `at`.
  void AppendLiteral(std::string_view s, TextPosition at);
  // Appends the value of the variable `name`, whose "${" the file wrote at `at`.
  void AppendExpansion(std::string_view value, TextPosition at, std::string_view name);

  const std::string& text() const { return text_; }
  // Where the file wrote text()[i]: an expanded byte maps to its "${".
  // `i` may equal the size, mapping just past the last byte.
  TextPosition At(std::size_t i) const;
  // text()[begin, end) as the file wrote it: each expansion shows as
  // "${NAME}". This is the only form of a line that may be quoted to people.
  std::string Shown(std::size_t begin, std::size_t end) const;
  // `message` with every expanded value in it written back as "${NAME}" and
  // URL userinfo redacted: for messages built from this line's text.
  std::string Conceal(std::string_view message) const;
  // True when text()[begin, end) holds expanded bytes.
  bool HasExpansion(std::size_t begin, std::size_t end) const;
  // Appends src.text()[begin, end) with its map.
  void Append(const MappedText& src, std::size_t begin, std::size_t end);
  // text()[begin, end) with its map.
  MappedText Slice(std::size_t begin, std::size_t end) const;

 private:
  struct Piece {
    std::size_t at;        // offset in text_
    TextPosition where;    // of the piece's first byte (or of its "${")
    std::string name;      // the variable, for an expansion; empty otherwise
  };
  std::size_t PieceIndex(std::size_t i) const;

  std::string text_;
  std::vector<Piece> pieces_;
  std::vector<std::size_t> expansions_;  // indices of the expansion pieces
};

struct LogicalLine {
  MappedText text;          // joined, without comments, trimmed, expanded
  std::uint32_t line = 0;   // the first physical line, as pip numbers it
};

// The text of a requirements file as pip decodes it: a UTF-8 byte order mark
// is dropped and a UTF-16 file (with its BOM, as Windows PowerShell's
// "pip freeze > requirements.txt" writes it) is converted to UTF-8. Other
// bytes are kept as they are. Returns a view into `bytes` or into `storage`.
std::string_view DecodeRequirementsText(std::string_view bytes, std::string& storage);

// Yields the logical lines of a decoded requirements file, one at a time,
// so a file of millions of lines never holds them all. Problems go to
// `diagnostics` under `path`: a physical or logical line longer than
// limits::kMaxRequirementsLineBytes is an error and is skipped; a ${NAME}
// that is unset or empty is a warning and stays as written, as pip leaves
// it. Variables are read from the process environment.
class LogicalLineReader {
 public:
  LogicalLineReader(std::string_view text, std::string path, Diagnostics& diagnostics);

  // Fills `out` with the next logical line; false at the end of the text.
  bool Next(LogicalLine& out);

 private:
  // The next physical line without its separator; false at the end.
  bool NextPhysical(std::string_view& line, TextPosition& where);
  // Strips the comment and surrounding white space and expands variables;
  // false when nothing is left or the line is skipped.
  bool Finish(const MappedText& joined, std::uint32_t line, LogicalLine& out);

  std::string_view text_;
  std::string path_;
  Diagnostics& diagnostics_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 0;
};

// The length of the Python white space character (str.isspace: ASCII
// separators, NEL, NBSP and the Unicode spaces) that starts at s[i], or 0.
std::size_t PySpaceAt(std::string_view s, std::size_t i);
// The length of the Python white space character that ends just before
// s[i], or 0.
std::size_t PySpaceBefore(std::string_view s, std::size_t i);
// `s` without leading and trailing Python white space, as str.strip().
std::string_view PyStrip(std::string_view s);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_REQUIREMENTS_TEXT_H_
