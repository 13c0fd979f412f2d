// Path configuration (.pth) files, read as CPython's site module reads them.
//
// At every interpreter start, site.addpackage() reads each *.pth file at the
// top of every site-packages directory: lines starting with "#" are skipped,
// blank lines are skipped, lines starting with "import " or "import\t" are
// passed to exec(), and every other line is a directory to add to sys.path.
// This reader finds every line any supported Python would execute, without
// executing anything.
#ifndef CHAINWARD_COLLECT_PYPI_PTH_FILE_H_
#define CHAINWARD_COLLECT_PYPI_PTH_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chainward::collect::pypi {

struct PthLine {
  std::uint32_t line = 0;  // 1-based, counting "\n", "\r\n" and "\r" breaks
  enum class Kind { kComment, kPath, kExecutable } kind = Kind::kPath;
  // The line as written without its line break, from `column` on; cut at
  // limits::kMaxPthLineBytes (then `truncated` is set).
  std::string text;
  // 1-based byte column where the statement starts. It is above 1 only for a
  // statement that Python 3.13 and later run but earlier versions do not: one
  // after a UTF-8 byte-order mark at the start of the file, or after a
  // character that str.splitlines() breaks at and a file read does not
  // (form feed, vertical tab, U+001C-U+001E, U+0085, U+2028, U+2029).
  std::uint32_t column = 1;
  bool truncated = false;
};

struct PthContent {
  std::vector<PthLine> lines;  // blank lines are left out
  bool valid_utf8 = true;
  // Lines past limits::kMaxPthLines: not kept; how many of them, and how
  // many of those Python would execute.
  std::uint32_t omitted_lines = 0;
  std::uint32_t omitted_executable = 0;
};

// Classifies every line of a .pth file's text. Never fails: any byte
// sequence is a .pth file to Python.
PthContent ParsePth(std::string_view text);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_PTH_FILE_H_
