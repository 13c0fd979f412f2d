#include "collect/toml_support.h"

#include <gtest/gtest.h>

#include <string>

namespace chainward::collect {
namespace {

TEST(TomlDocument, ParsesAndGivesPositions) {
  auto doc = TomlDocument::Parse("uv.lock",
                                 "version = 1\n\n[[package]]\nname = \"idna\"\nversion = \"3.10\"\n");
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  const toml::array* packages = doc->root()["package"].as_array();
  ASSERT_NE(packages, nullptr);
  const toml::table* first = (*packages)[0].as_table();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(TomlString(first->get("name")), "idna");
  EXPECT_EQ(TomlString(first->get("missing")), "");
  EXPECT_EQ(doc->Where(*first->get("version")), "uv.lock:5:11");
  model::Location at = doc->LocationOf(*first->get("name"));
  EXPECT_EQ(at.line, 4u);
  EXPECT_EQ(at.column, 8u);
}

TEST(TomlDocument, ReportsSyntaxErrorsWithFileLineAndColumn) {
  auto doc = TomlDocument::Parse("poetry.lock", "[[package]]\nname = \"a\"\nversion = \n");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, ErrorCode::kParse);
  EXPECT_EQ(doc.error().message.rfind("poetry.lock:3:", 0), 0u) << doc.error().message;
}

TEST(TomlDocument, RefusesDeepNestingAsAnError) {
  std::string deep = "a = " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  auto doc = TomlDocument::Parse("pdm.lock", deep);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().message.rfind("pdm.lock:1:", 0), 0u) << doc.error().message;
}

TEST(TomlDocument, RefusesDuplicateKeys) {
  auto doc = TomlDocument::Parse("pylock.toml", "a = 1\na = 2\n");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().message.rfind("pylock.toml:2:", 0), 0u) << doc.error().message;
}

// toml++ 3.3.0 reaches __builtin_unreachable when it asks whether some
// non-ASCII characters are whitespace (found by the uv.lock, poetry.lock,
// pylock and pyproject fuzzers). Those characters are refused before toml++
// reads the text; everywhere else non-ASCII text is read as before.
TEST(TomlDocument, RefusesCharactersTomlPlusPlusCannotClassify) {
  const std::pair<const char*, const char*> refused[] = {
      {"a = 1\xC3\xA9\n", "pyproject.toml:1:6: a non-ASCII character outside a string or comment"},
      {"a = 1 \xE2\xBA\x80\n",
       "pyproject.toml:1:7: a non-ASCII character outside a string or comment"},
      {"[t]\n\xEF\xB9\xB0 = 1\n",
       "pyproject.toml:2:1: a non-ASCII character outside a string or comment"},
      {"a = \"\"\"x\\\xC3\xA9\"\"\"\n",
       "pyproject.toml:1:10: a character after a backslash that toml++ cannot read safely"},
      {"a = \"\"\"x \\\n   \xC3\xBC\"\"\"\n",
       "pyproject.toml:2:4: a character after a line-ending backslash that toml++ cannot read "
       "safely"},
  };
  for (const auto& [text, message] : refused) {
    auto doc = TomlDocument::Parse("pyproject.toml", text);
    ASSERT_FALSE(doc.has_value()) << text;
    EXPECT_EQ(doc.error().code, ErrorCode::kParse);
    EXPECT_EQ(doc.error().message, message);
  }
  const char* accepted[] = {
      "\xEF\xBB\xBFname = \"caf\xC3\xA9\"  # \xC3\xA9t\xC3\xA9\n",
      "a = '\xC3\xA9'\nb = '''\xC3\xA9\n'''\nc = \"\"\"\xC3\xA9\\n\"\"\"\n",
      "\"k\xC3\xA9y\" = 1\n",
      "a = \"\"\"x \\\n   \xE2\x82\xAC\"\"\"\n",  // U+20AC is classified safely
      "a = \"\"\"\"\"\"\"\"\nb = 1\n",         // content of two quotes
  };
  for (const char* text : accepted) {
    auto doc = TomlDocument::Parse("pyproject.toml", text);
    EXPECT_TRUE(doc.has_value()) << text << ": " << doc.error().message;
  }
}

}  // namespace
}  // namespace chainward::collect
