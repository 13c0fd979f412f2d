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

}  // namespace
}  // namespace chainward::collect
