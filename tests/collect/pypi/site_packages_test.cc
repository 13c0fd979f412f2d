#include "collect/pypi/site_packages.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace chainward::collect::pypi {
namespace {

namespace fs = std::filesystem;
const std::string kFixtures = std::string(CHAINWARD_FIXTURES) + "/site-packages/";
const std::string kSite = "lib/python3.11/site-packages";

std::vector<std::string> Messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(x.ToString());
  return out;
}

const model::Package* Find(const InstalledEnvironment& env, std::string_view name) {
  for (const model::Package& p : env.source.packages) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// The venv python3 -m venv made, with pip's and setuptools' installs
// (README.md): two wheels from an index directory, one wheel file, one
// legacy setup.py install.
TEST(SitePackages, ReadsEveryDistributionOfARealVenv) {
  Diagnostics d;
  auto env = ReadSitePackages(kFixtures + "venv/" + kSite, "venv/" + kSite, d);
  ASSERT_TRUE(env.has_value()) << env.error().message;
  EXPECT_EQ(Messages(d), std::vector<std::string>{});
  EXPECT_EQ(env->source.format, model::SourceFormat::kSitePackages);
  EXPECT_EQ(env->source.path, "venv/" + kSite);
  EXPECT_EQ(env->prefix, kFixtures + "venv");
  EXPECT_EQ(env->python_version, "3.11.2");
  ASSERT_TRUE(env->venv.has_value());
  EXPECT_EQ(env->venv->home, "/usr/bin");
  EXPECT_FALSE(env->venv->include_system_site_packages);

  ASSERT_EQ(env->distributions.size(), 5u);
  std::vector<std::string> dirs;
  for (const Distribution& dist : env->distributions) dirs.push_back(dist.metadata_dir);
  EXPECT_EQ(dirs, (std::vector<std::string>{"Demo_Lib-1.0.0.dist-info", "legacy_app-2.0.egg-info",
                                            "litellm-1.82.8.dist-info", "setuptools-66.1.1.dist-info",
                                            "tiny.dep-0.2.dist-info"}));

  const model::Package* demo = Find(*env, "Demo-Lib");
  const model::Package* tiny = Find(*env, "tiny.dep");
  ASSERT_TRUE(demo && tiny);
  EXPECT_EQ(demo->ecosystem, model::Ecosystem::kPyPI);
  EXPECT_EQ(demo->version, "1.0.0");
  EXPECT_TRUE(demo->flags.direct);   // REQUESTED: named on the command line
  EXPECT_FALSE(tiny->flags.direct);  // pulled in as a dependency
  EXPECT_EQ(demo->kind, model::SourceKind::kRegistry);
  ASSERT_EQ(demo->dependencies.size(), 1u);  // requests is only for the "http" extra
  EXPECT_EQ(&env->source.packages[demo->dependencies[0]], tiny);
  ASSERT_EQ(demo->locations.size(), 1u);
  EXPECT_EQ(demo->locations[0].file, "venv/" + kSite + "/Demo_Lib-1.0.0.dist-info/METADATA");
  EXPECT_EQ(demo->locations[0].line, 2u);
  EXPECT_EQ(demo->install_path, "Demo_Lib-1.0.0.dist-info");

  const Distribution& demo_dist = env->distributions[0];
  EXPECT_EQ(demo_dist.installer, "pip");
  EXPECT_TRUE(demo_dist.has_record);
  EXPECT_EQ(demo_dist.record.size(), 15u);

  const model::Package* litellm = Find(*env, "litellm");
  ASSERT_NE(litellm, nullptr);
  EXPECT_EQ(litellm->kind, model::SourceKind::kFile);
  EXPECT_EQ(litellm->resolved, "file:///srv/demo/wheels/litellm-1.82.8-py3-none-any.whl");

  const Distribution& legacy = env->distributions[1];
  EXPECT_EQ(legacy.format, Distribution::Format::kEggInfo);
  EXPECT_FALSE(legacy.has_record);
  ASSERT_EQ(legacy.record.size(), 6u);  // installed-files.txt, made relative to site-packages
  EXPECT_EQ(legacy.record[0].path, "__pycache__/legacy_app.cpython-311.pyc");
  EXPECT_EQ(legacy.record[1].path, "legacy_app.py");
  EXPECT_EQ(legacy.record[2].path, "legacy_app-2.0.egg-info/PKG-INFO");

  ASSERT_EQ(env->pth_files.size(), 2u);
  const PthFile& precedence = env->pth_files[0];
  EXPECT_EQ(precedence.path, "distutils-precedence.pth");
  EXPECT_EQ(precedence.owner, 3u);  // setuptools
  EXPECT_EQ(precedence.sha256, "2638ce9e2500e572a5e0de7faed6661eb569d1b696fcba07b0dd223da5f5d224");
  const PthFile& init = env->pth_files[1];
  EXPECT_EQ(init.path, "litellm_init.pth");
  EXPECT_EQ(init.owner, 2u);  // litellm's RECORD lists it, as 1.82.8's did
  EXPECT_EQ(init.size, 100u);
  ASSERT_EQ(init.lines.size(), 1u);
  EXPECT_EQ(init.lines[0].kind, PthLine::Kind::kExecutable);
  EXPECT_EQ(init.lines[0].text,
            "import os; os.environ.get('X') and "
            "exec(__import__('base64').b64decode('cHJpbnQoImRlZmFuZ2VkIik='))");
}

TEST(SitePackages, ReadsEditableInstallsOfBothKinds) {
  Diagnostics d;
  auto env = ReadSitePackages(kFixtures + "editable/" + kSite, "e", d);
  ASSERT_TRUE(env.has_value());
  EXPECT_EQ(d.size(), 0u);
  ASSERT_TRUE(env->venv.has_value());
  EXPECT_TRUE(env->venv->include_system_site_packages);
  const model::Package* finder = Find(*env, "editable-app");
  const model::Package* src = Find(*env, "src-app");
  ASSERT_TRUE(finder && src);
  EXPECT_TRUE(finder->flags.editable);
  EXPECT_EQ(finder->kind, model::SourceKind::kFile);
  EXPECT_EQ(finder->resolved, "file:///srv/demo/projects/editable-app");
  EXPECT_TRUE(src->flags.editable);
  ASSERT_EQ(env->pth_files.size(), 3u);
  EXPECT_EQ(env->pth_files[0].path, "__editable__.editable_app-0.3.pth");
  EXPECT_EQ(env->pth_files[0].lines[0].kind, PthLine::Kind::kExecutable);
  EXPECT_EQ(env->pth_files[1].path, "__editable__.src_app-0.1.pth");
  ASSERT_EQ(env->pth_files[1].lines.size(), 1u);
  EXPECT_EQ(env->pth_files[1].lines[0].kind, PthLine::Kind::kPath);
  EXPECT_EQ(env->pth_files[1].lines[0].text, "/srv/demo/projects/src-app/src");
}

// Files copied from Debian 12's python3-six, python3-distro and
// python3-setuptools, and a distutils install (README.md).
TEST(SitePackages, ReadsDebianDistPackages) {
  Diagnostics d;
  const std::string dir = kFixtures + "debian/usr/lib/python3/dist-packages";
  auto env = ReadSitePackages(dir, "dist-packages", d);
  ASSERT_TRUE(env.has_value());
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(env->python_version, "3");
  EXPECT_EQ(env->prefix, kFixtures + "debian/usr");
  EXPECT_FALSE(env->venv.has_value());
  ASSERT_EQ(env->distributions.size(), 3u);
  EXPECT_EQ(env->distributions[0].metadata_dir, "distro-1.8.0.dist-info");
  EXPECT_EQ(env->distributions[0].installer, "");
  EXPECT_EQ(env->distributions[0].record[0].digest,
            "361630f7850f5dbefcfd9dff56d2f14c9d734205142a84e7760d74b8a257f34d");  // hex
  EXPECT_EQ(env->distributions[1].format, Distribution::Format::kEggInfoFile);
  EXPECT_EQ(env->source.packages[1].name, "distutils-app");
  EXPECT_EQ(env->source.packages[1].locations[0].file, "dist-packages/distutils_app-1.0.egg-info");
  EXPECT_EQ(env->distributions[2].format, Distribution::Format::kEggInfo);
  EXPECT_EQ(env->source.packages[2].name, "six");
  ASSERT_EQ(env->pth_files.size(), 1u);
  EXPECT_FALSE(env->pth_files[0].owner.has_value());  // Debian ships it without a RECORD
}

TEST(SitePackagesDiscovery, RecognisesEnvironmentsAndTheirSitePackages) {
  EXPECT_TRUE(LooksLikeSitePackages("venv/lib/python3.11/site-packages"));
  EXPECT_TRUE(LooksLikeSitePackages("/usr/lib/python3/dist-packages/"));
  EXPECT_FALSE(LooksLikeSitePackages("site-packages-old"));
  EXPECT_TRUE(IsPythonEnvironmentRoot(kFixtures + "venv"));
  EXPECT_FALSE(IsPythonEnvironmentRoot(kFixtures + "debian"));
  // lib64 is a link to lib: the directory is found once.
  EXPECT_EQ(FindSitePackages(kFixtures + "venv"), std::vector<std::string>{kSite});

  VenvConfig uv = ParseVenvConfig("home = /opt/py/bin\nimplementation = CPython\n"
                                  "version_info = 3.12.1\nInclude-System-Site-Packages = True\n");
  EXPECT_EQ(uv.home, "/opt/py/bin");
  EXPECT_EQ(uv.version, "3.12.1");
  EXPECT_TRUE(uv.include_system_site_packages);
}

class HostileSitePackages : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = ::testing::TempDir() + "chainward-site-" + std::to_string(::getpid());
    fs::remove_all(root_);
    site_ = root_ + "/env/lib/python3.12/site-packages";
    fs::create_directories(site_);
    Write("env/pyvenv.cfg", "home = /usr/bin\nversion = 3.12.0\n");
    Write(Site("ok-1.0.dist-info/METADATA"), "Name: ok\nVersion: 1.0\n");
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string Site(const std::string& rel) { return "env/lib/python3.12/site-packages/" + rel; }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories(fs::path(root_ + "/" + rel).parent_path());
    std::ofstream(root_ + "/" + rel, std::ios::binary) << text;
  }
  Result<InstalledEnvironment> Read(Diagnostics& d) { return ReadSitePackages(site_, "sp", d); }
  std::string root_;
  std::string site_;
};

TEST_F(HostileSitePackages, KeepsADistributionWhoseMetadataHasNoName) {
  Write(Site("nameless-2.0.dist-info/METADATA"), "Version: 2.0\n");
  Write(Site("nameless-2.0.dist-info/RECORD"), "nameless.py,,\n");
  Diagnostics d;
  auto env = Read(d);
  ASSERT_TRUE(env.has_value());
  EXPECT_EQ(Messages(d), std::vector<std::string>{"sp/nameless-2.0.dist-info/METADATA:1: no Name header"});
  EXPECT_TRUE(d.incomplete());
  ASSERT_EQ(env->source.packages.size(), 2u);
  EXPECT_EQ(env->source.packages[0].name, "nameless");  // from the folder: its RECORD is still checked
  EXPECT_EQ(env->source.packages[0].version, "2.0");
  EXPECT_TRUE(env->distributions[0].has_record);
}

TEST_F(HostileSitePackages, ReportsBinaryGarbageAndMismatchedNamesAndGoesOn) {
  Write(Site("junk-1.dist-info/METADATA"), std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10));
  Write(Site("junk-1.dist-info/direct_url.json"), "{\"url\": ");
  Write(Site("other-3.0.dist-info/METADATA"), "Name: Different\nVersion: 3.1\n");
  Diagnostics d;
  auto env = Read(d);
  ASSERT_TRUE(env.has_value());
  EXPECT_EQ(env->source.packages.size(), 3u);
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "sp/junk-1.dist-info/METADATA:1:1: expected a header (\"Name: value\"), found "
                "\"?ELF??????\"; the headers end here",
                "sp/junk-1.dist-info/METADATA:1: no Name header",
                "sp/junk-1.dist-info/direct_url.json:1:1: expected an object at the top level (JSON "
                "document ended early in the middle of an object or array.)",
                "sp/other-3.0.dist-info/METADATA:1:1: folder name says \"other\" 3.0, metadata "
                "says \"Different\" 3.1",
            }));
}

TEST_F(HostileSitePackages, NeverFollowsALinkOutOfTheEnvironment) {
  Write("outside/evil.pth", "import os\n");
  Write("outside/x-1.dist-info/METADATA", "Name: x\n");
  fs::create_symlink(root_ + "/outside/evil.pth", site_ + "/evil.pth");
  fs::create_symlink(root_ + "/outside/x-1.dist-info", site_ + "/x-1.dist-info");
  fs::create_symlink(site_ + "/loop.dist-info", site_ + "/loop.dist-info");  // a link loop
  Diagnostics d;
  auto env = Read(d);
  ASSERT_TRUE(env.has_value());
  EXPECT_EQ(env->source.packages.size(), 1u);
  ASSERT_EQ(env->pth_files.size(), 1u);
  EXPECT_EQ(env->pth_files[0].link_target, root_ + "/outside/evil.pth");
  EXPECT_TRUE(env->pth_files[0].lines.empty());
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "sp/evil.pth: symbolic link to " + root_ + "/outside/evil.pth leaves the "
                "environment; not followed",
                "sp/loop.dist-info: dangling symbolic link; not read",
                "sp/x-1.dist-info: symbolic link to " + root_ + "/outside/x-1.dist-info leaves "
                "the environment; not followed",
            }));
}

TEST_F(HostileSitePackages, ReadsOnlyTheStartOfAHugePthFile) {
  {
    std::ofstream big(site_ + "/big.pth", std::ios::binary);
    std::string chunk(1 << 20, '#');
    chunk.back() = '\n';
    for (int i = 0; i < 100; ++i) big << chunk;
    big << "import os\n";
  }
  Diagnostics d;
  auto env = Read(d);
  ASSERT_TRUE(env.has_value());
  ASSERT_EQ(env->pth_files.size(), 1u);
  const PthFile& big = env->pth_files[0];
  EXPECT_TRUE(big.truncated);
  EXPECT_EQ(big.size, 104857610u);
  EXPECT_EQ(big.sha256, "");
  EXPECT_EQ(big.lines.size(), 16u);
  EXPECT_EQ(Messages(d), std::vector<std::string>{
                             "sp/big.pth: file is 104857610 bytes, over the limit of 16777216; "
                             "only the start was read"});
}

}  // namespace
}  // namespace chainward::collect::pypi
