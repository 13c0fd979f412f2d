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
// pylock and pyproject fuzzers). Those characters are hidden from it and
// restored in the strings read back.
TEST(TomlDocument, HidesCharactersTomlPlusPlusCannotClassifyAndRestoresThem) {
  // The inputs the fuzzers found, shortened: errors as for the original text.
  const std::pair<const char*, const char*> errors[] = {
      {"a = 1\xC3\xA9\n", "pyproject.toml:1:6: Error while parsing decimal integer: expected "
                           "digit, saw '\xC3\xA9'"},
      {"a = 1 \xE2\xBA\x80\n", "pyproject.toml:1:7: Error while parsing key-value pair: "
                               "expected a comment or whitespace, saw '\xE2\xBA\x80'"},
      {"a = 1x9[{b\"^:0.\xEF\xBB\xB7 4.1\"\n", nullptr},
      {"a = 1x\xE2\xB1\xA0\xEF\xAC\xB0\n", nullptr},
  };
  for (const auto& [text, message] : errors) {
    auto doc = TomlDocument::Parse("pyproject.toml", text);
    ASSERT_FALSE(doc.has_value()) << text;
    EXPECT_EQ(doc.error().code, ErrorCode::kParse);
    if (message != nullptr) {
      EXPECT_EQ(doc.error().message, message);
    }
  }
  auto doc = TomlDocument::Parse(
      "pyproject.toml",
      "\xEF\xBB\xBFname = \"caf\xC3\xA9 \xE2\xBA\x80 \xEF\xB9\xB0 \xE2\x82\xAC \xE2\xB1\xA0 "
      "\xEF\xAC\xB0\"  # \xC3\xA9\n"
      "plain = \"\\u00e9\"\n"
      "[t]\n\"k\xC3\xBCy\" = '\xD0\x96'\nm = \"\"\"x \\\n   \xC3\xBC\"\"\"\n");
  ASSERT_TRUE(doc.has_value()) << doc.error().message;
  const toml::table& root = doc->root();
  EXPECT_EQ(*doc->Text(*root.get("name")),
            "caf\xC3\xA9 \xE2\xBA\x80 \xEF\xB9\xB0 \xE2\x82\xAC \xE2\xB1\xA0 \xEF\xAC\xB0");
  const toml::table* t = root.get("t")->as_table();
  EXPECT_EQ(*doc->Text(*t->get("m")), "x \xC3\xBC");
  EXPECT_EQ(*doc->Text(*root.get("plain")), "\xC3\xA9");
  EXPECT_EQ(doc->Text(*root.get("t")), nullptr);
  EXPECT_EQ(doc->LocationOf(*t->get("m")).line, 5u);
  // Keys are toml++'s own: the one hidden character shows as its stand-in.
  ASSERT_EQ(t->size(), 2u);
  for (const auto& [key, value] : *t) {
    if (key.str() != "m") {
      EXPECT_EQ(*doc->Text(value), "\xD0\x96");
    }
  }
}

}  // namespace
}  // namespace chainward::collect
