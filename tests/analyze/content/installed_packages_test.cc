#include "analyze/content/installed_packages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

namespace chainward::analyze::content {
namespace {

const std::string kFixtures = CHAINWARD_FIXTURES;

std::map<std::string, const PackageContent*> ByName(const std::vector<PackageContent>& packages) {
  std::map<std::string, const PackageContent*> out;
  for (const PackageContent& p : packages) out[p.name + "@" + p.version] = &p;
  return out;
}

std::vector<std::string> Paths(const PackageContent& p) {
  std::vector<std::string> out;
  for (const PackageFile& f : p.files) out.push_back(f.path);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(InstalledPackages, ListsEachNpmPackageWithoutItsDependencies) {
  InventoryOptions options;
  options.paths = {kFixtures + "/installed/npm"};
  Inventory inventory = BuildInventory(options);
  Diagnostics d;
  std::vector<PackageContent> packages = InstalledPackages(inventory, d);
  EXPECT_EQ(d.size(), 0u);
  auto by = ByName(packages);
  ASSERT_TRUE(by.count("debug@4.4.3"));
  const PackageContent& debug = *by["debug@4.4.3"];
  EXPECT_EQ(debug.root, kFixtures + "/installed/npm/node_modules/debug");
  EXPECT_EQ(debug.purl, "pkg:npm/debug@4.4.3");
  EXPECT_EQ(Paths(debug), std::vector<std::string>{"package.json"});
  EXPECT_EQ(debug.files[0].display, kFixtures + "/installed/npm/node_modules/debug/package.json");
  EXPECT_EQ(debug.files[0].real, debug.files[0].display);
  // The nested copy is a package of its own.
  ASSERT_TRUE(by.count("ms@2.0.0"));
  EXPECT_EQ(by["ms@2.0.0"]->root, kFixtures + "/installed/npm/packages/ws-a/node_modules/ms");
  // Workspace members are the project's own code.
  EXPECT_FALSE(by.count("ws-a@0.1.0"));
}

TEST(InstalledPackages, ListsThePythonFilesEachRecordNames) {
  InventoryOptions options;
  options.paths = {kFixtures + "/site-packages/venv"};
  Inventory inventory = BuildInventory(options);
  Diagnostics d;
  std::vector<PackageContent> packages = InstalledPackages(inventory, d);
  auto by = ByName(packages);
  ASSERT_TRUE(by.count("litellm@1.82.8"));
  const PackageContent& litellm = *by["litellm@1.82.8"];
  EXPECT_EQ(litellm.purl, "pkg:pypi/litellm@1.82.8");
  std::vector<std::string> paths = Paths(litellm);
  for (const char* want : {"litellm/__init__.py", "litellm/proxy/proxy_server.py",
                           "litellm_init.pth", "litellm-1.82.8.dist-info/METADATA"}) {
    EXPECT_NE(std::find(paths.begin(), paths.end(), want), paths.end()) << want;
  }
  // Scripts outside site-packages but inside the environment are the
  // distribution's too; the display path is normalised.
  ASSERT_TRUE(by.count("Demo-Lib@1.0.0"));
  bool script = false;
  for (const PackageFile& f : by["Demo-Lib@1.0.0"]->files) {
    if (f.path == "../../../bin/demo-cli") {
      script = true;
      EXPECT_EQ(f.display, kFixtures + "/site-packages/venv/bin/demo-cli");
      EXPECT_TRUE(f.executable);
    }
  }
  EXPECT_TRUE(script);
}

}  // namespace
}  // namespace chainward::analyze::content
