#include "collect/npm/manifest.h"

#include <gtest/gtest.h>

#include <string>

namespace chainward::collect::npm {
namespace {

TEST(ManifestParser, ReadsDependenciesScriptsAndPlatforms) {
  auto m = ParseManifest("package.json", R"({
    "name": "app", "version": "1.0.0",
    "dependencies": {"axios": "^1.14.0", "x": "npm:y@1"},
    "devDependencies": {"jest": "29"},
    "optionalDependencies": {"fsevents": "2"},
    "peerDependencies": {"react": ">=18"},
    "peerDependenciesMeta": {"react": {"optional": true}},
    "scripts": {"test": "jest", "postinstall": "node setup.js"},
    "os": ["darwin"], "cpu": "arm64",
    "workspaces": {"packages": ["packages/*"]}
  })");
  ASSERT_TRUE(m.has_value()) << m.error().message;
  EXPECT_EQ(m->name, "app");
  EXPECT_EQ(m->version, "1.0.0");
  ASSERT_EQ(m->dependencies.size(), 2u);
  EXPECT_EQ(m->dependencies[1].first, "x");
  EXPECT_EQ(m->dependencies[1].second, "npm:y@1");
  EXPECT_EQ(m->dev_dependencies.size(), 1u);
  EXPECT_EQ(m->optional_dependencies.size(), 1u);
  EXPECT_EQ(m->peer_optional, std::vector<std::string>{"react"});
  ASSERT_EQ(m->install_scripts.size(), 1u);
  EXPECT_EQ(m->install_scripts[0].second, "node setup.js");
  EXPECT_EQ(m->os, std::vector<std::string>{"darwin"});
  EXPECT_EQ(m->cpu, std::vector<std::string>{"arm64"});
  EXPECT_EQ(m->workspaces, std::vector<std::string>{"packages/*"});
}

TEST(ManifestParser, BundleDependenciesTrueMeansAll) {
  auto m = ParseManifest("p.json",
      R"({"dependencies": {"a": "1", "b": "2"}, "bundleDependencies": true})");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->bundle_dependencies, (std::vector<std::string>{"a", "b"}));
}

TEST(ManifestParser, NamesThePositionOfABadDependencyMap) {
  auto m = ParseManifest("pkg/package.json", "{\n  \"dependencies\": [1]\n}");
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error().code, ErrorCode::kParse);
  EXPECT_EQ(m.error().message.rfind("pkg/package.json:2:", 0), 0u)
      << m.error().message;
  EXPECT_NE(m.error().message.find("\"dependencies\""), std::string::npos);
}

TEST(ManifestParser, RejectsTruncatedAndNonObjectInput) {
  EXPECT_FALSE(ParseManifest("a.json", "{\"name\": \"x\"").has_value());
  EXPECT_FALSE(ParseManifest("a.json", "[]").has_value());
  EXPECT_FALSE(ParseManifest("a.json", "").has_value());
  EXPECT_FALSE(ParseManifest("a.json", "{} {}").has_value());
}

TEST(ManifestParser, FailsCleanlyOnDeepNesting) {
  std::string deep = "{\"x\":" + std::string(100000, '[') +
                     std::string(100000, ']') + "}";
  auto m = ParseManifest("deep.json", deep);
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error().code, ErrorCode::kLimit);
  EXPECT_EQ(m.error().message, "deep.json:1:517: nesting deeper than 512 levels");
  // At the limit, unread nesting is skipped and the manifest reads.
  std::string at_limit = "{\"name\": \"a\", \"x\":" + std::string(511, '[') +
                         std::string(511, ']') + "}";
  auto ok = ParseManifest("ok.json", at_limit);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->name, "a");
  std::string deep_deps = "{\"dependencies\":" + std::string(100000, '[');
  EXPECT_FALSE(ParseManifest("deep.json", deep_deps).has_value());
}

}  // namespace
}  // namespace chainward::collect::npm
