// End-to-end tests of the Python side of `scan` and `inventory`: every
// dependency file format found by discovery, installed environments and
// their audits, run through the built binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "run.h"

namespace chainward::testing {
namespace {

namespace fs = std::filesystem;

const std::string kExample = std::string(CHAINWARD_SOURCE_DIR) + "/examples/poisoned-app";
const std::string kFixtures = CHAINWARD_FIXTURES;

void Write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every regular file under `root` with its bytes.
std::map<std::string, std::string> Snapshot(const std::string& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files[entry.path().string()] = Read(entry.path().string());
  }
  return files;
}

TEST(CliPython, FindsTheLitellmCompromiseInTheExample) {
  RunResult r = RunChainward({"scan", kExample});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  // One finding for the version, in the requirements file and installed.
  EXPECT_NE(r.out.find("CRITICAL  litellm 1.82.8  [malicious]\n"
                       "  id     CW-2026-0004 (MAL-2026-2144, PYSEC-2026-2, GHSA-92x9-889m-jgmw)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("at     " + kExample + "/requirements.txt:2\n  at     " + kExample +
                       "/.venv/lib/python3.11/site-packages/litellm-1.82.8.dist-info/METADATA:2"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("fix    move to 1.82.6"), std::string::npos);
  // And the start-up hook it installed.
  EXPECT_NE(r.out.find("CRITICAL  litellm 1.82.8\n  id     CW-PTH-PAYLOAD\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("at     " + kExample +
                       "/.venv/lib/python3.11/site-packages/litellm_init.pth:1"),
            std::string::npos);
  EXPECT_NE(r.out.find("  " + kExample + "/requirements.txt (requirements, 3 packages)"),
            std::string::npos);
  EXPECT_NE(r.out.find("  " + kExample +
                       "/.venv/lib/python3.11/site-packages (site-packages 3.11.2, 1 package)"),
            std::string::npos);
}

TEST(CliPython, JsonCarriesPthFindingsWithTheirSnippet) {
  RunResult r = RunChainward({"scan", kExample + "/.venv", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("\"kind\": \"pth\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"id\": \"CW-PTH-PAYLOAD\""), std::string::npos);
  EXPECT_NE(r.out.find("\"snippet\": \"import os; os.environ.get('X') and "
                       "exec(__import__('base64').b64decode(''))\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"purl\": \"pkg:pypi/litellm@1.82.8\""), std::string::npos);
  EXPECT_NE(r.out.find("\"format\": \"site-packages\""), std::string::npos);
}

// One small project per lockfile format, each pinning a compromised
// version of the built-in feed.
struct LockCase {
  const char* file;
  const char* text;
  const char* finding;   // "name version" as the table heads it
  const char* location;  // file:line of the entry
};

TEST(CliPython, ReadsEveryLockfileFormatAndPointsAtTheEntry) {
  const LockCase cases[] = {
      {"uv.lock",
       "version = 1\nrevision = 2\nrequires-python = \">=3.11\"\n\n"
       "[[package]]\nname = \"app\"\nversion = \"0.1.0\"\nsource = { virtual = \".\" }\n"
       "dependencies = [{ name = \"ultralytics\" }]\n\n"
       "[[package]]\nname = \"ultralytics\"\nversion = \"8.3.41\"\n"
       "source = { registry = \"https://pypi.org/simple\" }\n",
       "ultralytics 8.3.41", "uv.lock:11"},
      {"poetry.lock",
       "[[package]]\nname = \"telnyx\"\nversion = \"4.87.2\"\ndescription = \"\"\n"
       "optional = false\npython-versions = \">=3.8\"\nfiles = []\n\n"
       "[metadata]\nlock-version = \"2.1\"\npython-versions = \">=3.11\"\n"
       "content-hash = \"0\"\n",
       "telnyx 4.87.2", "poetry.lock:1"},
      {"pdm.lock",
       "[metadata]\ngroups = [\"default\"]\nstrategy = []\nlock_version = \"4.5.0\"\n"
       "content_hash = \"sha256:0\"\n\n"
       "[[package]]\nname = \"ctx\"\nversion = \"0.2.6\"\nsummary = \"\"\n"
       "groups = [\"default\"]\n",
       "ctx 0.2.6", "pdm.lock:7"},
      {"pylock.toml",
       "lock-version = \"1.0\"\ncreated-by = \"pip\"\n\n"
       "[[packages]]\nname = \"guardrails-ai\"\nversion = \"0.10.1\"\n",
       "guardrails-ai 0.10.1", "pylock.toml:4"},
      {"Pipfile.lock",
       "{\"_meta\": {\"pipfile-spec\": 6, \"sources\": []},\n"
       " \"default\": {\n  \"litellm\": {\"version\": \"==1.82.7\"}\n },\n"
       " \"develop\": {}}\n",
       "litellm 1.82.7", "Pipfile.lock:3"},
      {"requirements-dev.txt", "# tools\nultralytics==8.3.45 ; python_version >= \"3.8\"\n",
       "ultralytics 8.3.45", "requirements-dev.txt:2"},
  };
  for (const LockCase& c : cases) {
    std::string dir = MakeTempDir("lock");
    Write(dir + "/" + c.file, c.text);
    RunResult r = RunChainward({"scan", dir});
    EXPECT_EQ(r.exit_code, 1) << c.file << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find(std::string("CRITICAL  ") + c.finding + "  [malicious]"),
              std::string::npos)
        << c.file << "\n" << r.out;
    EXPECT_NE(r.out.find("at     " + dir + "/" + c.location + "\n"), std::string::npos)
        << c.file << "\n" << r.out;
    EXPECT_EQ(r.out.find("scan incomplete"), std::string::npos) << c.file << "\n" << r.out;
    // The same file named with --lockfile.
    RunResult one = RunChainward({"scan", "--lockfile", dir + "/" + c.file});
    EXPECT_EQ(one.exit_code, 1) << c.file << "\n" << one.out;
    fs::remove_all(dir);
  }
}

TEST(CliPython, DeclaredRangesMatchOnlyAdvisoriesOnEveryVersion) {
  std::string data = MakeTempDir("data");
  std::string feed = MakeTempDir("feed");
  Write(feed + "/MAL-2099-1.json", R"json({
    "id": "MAL-2099-1", "modified": "2099-01-01T00:00:00Z",
    "summary": "Malicious code in reqeusts (PyPI)",
    "affected": [{"package": {"ecosystem": "PyPI", "name": "reqeusts"},
                  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]})json");
  ASSERT_EQ(RunChainward({"db", "import", feed}, {"CHAINWARD_DATA_DIR=" + data}).exit_code, 0);
  std::string dir = MakeTempDir("declared");
  // No lockfile: pyproject.toml's declarations are what there is to check.
  Write(dir + "/pyproject.toml",
        "[project]\nname = \"svc\"\nversion = \"1.0\"\n"
        "dependencies = [\"litellm>=1.82\", \"Reqeusts[socks]>=2\"]\n");
  RunResult r = RunChainward({"scan", dir}, {"CHAINWARD_DATA_DIR=" + data});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("CRITICAL  Reqeusts  [malicious]\n  id     MAL-2099-1"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("note   advisory affects every version"), std::string::npos) << r.out;
  // litellm>=1.82 is not pinned: its advisory names versions, so it cannot
  // be said to apply, and that is not a warning either.
  EXPECT_EQ(r.out.find("litellm"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("warning"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 finding in 2 packages from 1 source"), std::string::npos) << r.out;
  fs::remove_all(dir);
  fs::remove_all(data);
  fs::remove_all(feed);
}

TEST(CliPython, FindsTamperingInAVenvOfAMonorepoAndChangesNothing) {
  std::string repo = MakeTempDir("mono");
  fs::create_directories(repo + "/services/api");
  fs::copy(kFixtures + "/site-packages/tampered", repo + "/services/api/.venv",
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  Write(repo + "/services/api/requirements.txt", "Demo-Lib==1.0.0\n");
  auto before = Snapshot(repo);
  RunResult r = RunChainward({"scan", repo, "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  for (const char* id : {"CW-RECORD-MODIFIED", "CW-RECORD-UNLISTED", "CW-RECORD-MISSING",
                         "CW-PTH-EXEC", "CW-PTH-PAYLOAD"}) {
    EXPECT_NE(r.out.find(std::string("\"id\": \"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(r.out.find("\"path\": \"" + repo +
                       "/services/api/.venv/lib/python3.11/site-packages\""),
            std::string::npos)
      << r.out.substr(0, 2000);
  EXPECT_NE(r.out.find("\"path\": \"" + repo + "/services/api/requirements.txt\""),
            std::string::npos);
  EXPECT_EQ(Snapshot(repo), before);
  fs::remove_all(repo);
}

TEST(CliPython, AFolderOnlyNamedSitePackagesIsWalkedLikeAnyOther) {
  // A project's own folder called site-packages (here, one holding
  // environments of its own) is not an environment: nothing an installer
  // leaves is in it.
  std::string repo = MakeTempDir("named");
  Write(repo + "/site-packages/requirements.txt", "litellm==1.82.7\n");
  fs::create_directories(repo + "/site-packages/envs/a");
  fs::copy(kExample + "/.venv", repo + "/site-packages/envs/a/.venv", fs::copy_options::recursive);
  RunResult r = RunChainward({"inventory", repo});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(repo + "/site-packages/requirements.txt (requirements, 1 package)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(repo + "/site-packages/envs/a/.venv/lib/python3.11/site-packages "
                              "(site-packages 3.11.2, 1 package)"),
            std::string::npos)
      << r.out;
  fs::remove_all(repo);
}

TEST(CliPython, InventoryListsPythonFieldsAsJson) {
  RunResult r = RunChainward(
      {"inventory", "--lockfile", kFixtures + "/pipfile/pipenv/Pipfile.lock", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("\"format\": \"pipfile-lock\""), std::string::npos);
  EXPECT_NE(r.out.find("\"ecosystem\": \"PyPI\""), std::string::npos);
  EXPECT_NE(r.out.find("\"hashes\": ["), std::string::npos);
  EXPECT_NE(r.out.find("\"sha256:"), std::string::npos);
}

}  // namespace
}  // namespace chainward::testing
