// Small text helpers shared by the parsers.
#ifndef CHAINWARD_BASE_TEXT_H_
#define CHAINWARD_BASE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chainward {

// Maps byte offsets in a text to 1-based line and column numbers.
// Built once per file in O(n); each lookup is a binary search.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  struct Position {
    std::uint32_t line;    // 1-based
    std::uint32_t column;  // 1-based, in bytes
  };
  // Position of `offset`; offsets past the end map to the end.
  Position At(std::size_t offset) const;

 private:
  std::vector<std::size_t> line_starts_;
};

// True when `s` starts / ends with `prefix` / `suffix`.
inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

// `s` without leading and trailing spaces, tabs, CR and LF.
std::string_view Trim(std::string_view s);

// Appends `code_point` to `out` encoded as UTF-8 (1 to 4 bytes).
void AppendUtf8(std::string& out, std::uint32_t code_point);

// Replaces control characters (C0, DEL, and the C1 range as UTF-8) with '?'
// so that names from hostile input cannot move the cursor, inject terminal
// escapes or forge CI log commands when printed.
std::string SanitizeForTerminal(std::string_view s);

// Offset of the first '{' or '[' outside a JSON string that opens nesting
// level `max_depth + 1`, or npos when `json` nests no deeper. simdjson's
// On-Demand API does not bound the depth of values it skips, so JSON readers
// check this before iterating.
std::size_t FindJsonNestingPast(std::string_view json, std::size_t max_depth);

}  // namespace chainward

#endif  // CHAINWARD_BASE_TEXT_H_
