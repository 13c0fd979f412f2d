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

}  // namespace
}  // namespace chainward
