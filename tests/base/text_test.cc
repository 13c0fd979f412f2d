#include "base/text.h"

#include <gtest/gtest.h>

namespace chainward {
namespace {

TEST(LineIndex, MapsOffsetsToLinesAndColumns) {
  LineIndex index("ab\ncd\n\nx");
  EXPECT_EQ(index.At(0).line, 1u);
  EXPECT_EQ(index.At(0).column, 1u);
  EXPECT_EQ(index.At(1).column, 2u);
  EXPECT_EQ(index.At(3).line, 2u);
  EXPECT_EQ(index.At(3).column, 1u);
  EXPECT_EQ(index.At(6).line, 3u);
  EXPECT_EQ(index.At(7).line, 4u);
  EXPECT_EQ(index.At(100).line, 4u);
}

TEST(Trim, RemovesSurroundingWhitespace) {
  EXPECT_EQ(Trim("  a b \r\n"), "a b");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(Trim(""), "");
}

TEST(SanitizeForTerminal, ReplacesControlCharacters) {
  EXPECT_EQ(SanitizeForTerminal("a\x1b[31mb"), "a?[31mb");
  EXPECT_EQ(SanitizeForTerminal("x\r\n::error::y"), "x??::error::y");
  EXPECT_EQ(SanitizeForTerminal("c\xc2\x9b" "1m"), "c?1m");
  EXPECT_EQ(SanitizeForTerminal("caf\xc3\xa9"), "caf\xc3\xa9");
}

TEST(FindJsonNestingPast, FindsTheFirstBracketPastTheLimit) {
  constexpr std::size_t npos = std::string_view::npos;
  EXPECT_EQ(FindJsonNestingPast("{\"a\": [1, {}]}", 3), npos);
  EXPECT_EQ(FindJsonNestingPast("{\"a\": [1, {}]}", 2), 10u);
  EXPECT_EQ(FindJsonNestingPast("[[]] [[]]", 2), npos);  // depth, not count
  // Brackets inside strings, escaped quotes included, do not count.
  EXPECT_EQ(FindJsonNestingPast(R"({"k": "[[[\"[[[", "v": [0]})", 2), npos);
  EXPECT_EQ(FindJsonNestingPast(R"({"k": "\\", "v": [[0]]})", 2), 18u);
  // An unterminated string or a stray close cannot push the scan off the end.
  EXPECT_EQ(FindJsonNestingPast("\"[[[", 1), npos);
  EXPECT_EQ(FindJsonNestingPast("\"\\", 1), npos);
  EXPECT_EQ(FindJsonNestingPast("]]]{[", 1), 4u);
  EXPECT_EQ(FindJsonNestingPast("", 0), npos);
}

}  // namespace
}  // namespace chainward
