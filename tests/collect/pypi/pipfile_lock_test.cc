#include "collect/pypi/pipfile_lock.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/file.h"
#include "base/limits.h"
#include "messages.h"

namespace chainward::collect::pypi {
namespace {

const std::string kDir = std::string(CHAINWARD_FIXTURES) + "/pipfile/";

model::Source Parse(const std::string& project, Diagnostics& d, bool with_pipfile = true) {
  auto lock = ReadFile(kDir + project + "/Pipfile.lock", limits::kMaxLockfileBytes);
  EXPECT_TRUE(lock.has_value());
  std::optional<PipfileNames> names;
  if (with_pipfile) {
    auto pipfile = ReadFile(kDir + project + "/Pipfile", limits::kMaxTomlBytes);
    EXPECT_TRUE(pipfile.has_value());
    auto parsed = ParsePipfile("Pipfile", *pipfile);
    EXPECT_TRUE(parsed.has_value()) << parsed.error().message;
    if (parsed) names = *parsed;
  }
  auto source = ParsePipfileLock("Pipfile.lock", *lock, names ? &*names : nullptr, d);
  EXPECT_TRUE(source.has_value()) << source.error().message;
  return source ? *source : model::Source{};
}

model::Source ParseText(std::string_view text, Diagnostics& d) {
  auto source = ParsePipfileLock("Pipfile.lock", text, nullptr, d);
  EXPECT_TRUE(source.has_value()) << source.error().message;
  return source ? *source : model::Source{};
}

// "name@version kind [flags] line:col" for each package.
std::vector<std::string> Summary(const model::Source& s) {
  std::vector<std::string> out;
  for (const model::Package& p : s.packages) {
    std::string line = p.Display() + " " + std::string(model::SourceKindName(p.kind));
    if (p.flags.direct) line += " direct";
    if (p.flags.dev) line += " dev";
    if (p.flags.optional) line += " optional";
    if (p.flags.editable) line += " editable";
    line += " " + std::to_string(p.locations.at(0).line) + ":" +
            std::to_string(p.locations.at(0).column);
    out.push_back(line);
  }
  return out;
}

TEST(PipfileLock, ReadsPipenvsOwnLockWithItsPipfile) {
  Diagnostics d;
  model::Source s = Parse("pipenv", d);
  EXPECT_TRUE(d.items().empty());
  EXPECT_EQ(s.format, model::SourceFormat::kPipfileLock);
  EXPECT_EQ(s.format_version, "6");
  EXPECT_EQ(s.path, "Pipfile.lock");
  EXPECT_EQ(Summary(s), (std::vector<std::string>{
                            "alabaster@0.7.10 registry dev 18:9",
                            "colorama@0.3.9 registry dev 25:9",
                            "configparser@3.5.0 registry dev 33:9",
                            "flake8@3.5.0 registry direct dev 40:9",
                            "flask@0.12.2 registry dev 47:9",
                            "pipenv file direct dev editable 54:9",
                            "pytest-pypy file direct dev editable 58:9",
                            "stdeb@0.8.5 registry direct dev 62:9",
                            "tap.py@2.2 registry dev 69:9",
                            "werkzeug@0.14.1 registry dev 76:9",
                        }));
  EXPECT_EQ(s.packages[1].markers, "sys_platform == 'win32'");
  EXPECT_EQ(s.packages[1].hashes,
            (std::vector<std::string>{
                "sha256:463f8483208e921368c9f306094eb6f725c6ca42b0f97e313cb5d5512459feda",
                "sha256:48eb22f4f8461b1df5734a074b57042430fb06e1d61bd1e11b078c0fe6d7a1f1"}));
  EXPECT_EQ(s.packages[6].resolved, "./tests/pytest-pypi");
  for (const model::Package& p : s.packages) {
    EXPECT_EQ(p.ecosystem, model::Ecosystem::kPyPI);
    EXPECT_EQ(p.index, "");
  }
}

TEST(PipfileLock, LeavesDirectUnsetWithoutAPipfile) {
  Diagnostics d;
  model::Source s = Parse("httpbin", d, /*with_pipfile=*/false);
  EXPECT_TRUE(d.items().empty());
  for (const model::Package& p : s.packages) EXPECT_FALSE(p.flags.direct) << p.name;
  model::Source with = Parse("httpbin", d);
  EXPECT_EQ(Summary(with), (std::vector<std::string>{
                               "click@6.7 registry 16:9",
                               "flask@1.0.2 registry direct 23:9",
                               "greenlet@0.4.13 registry 30:9",
                               "pyyaml git direct 38:9",
                               "six@1.11.0 registry direct 42:9",
                               "werkzeug@0.14.1 registry direct 49:9",
                               "rope@0.10.7 registry direct dev 58:9",
                           }));
  EXPECT_EQ(with.packages[3].resolved,
            "https://github.com/yaml/pyyaml.git@a9c28e0b521967f5330f0316edd90a57f99cdd32");
}

TEST(PipfileLock, ReadsIndexesCategoriesAndEveryEntryForm) {
  Diagnostics d;
  model::Source s = Parse("modern", d);
  EXPECT_EQ(Summary(s), (std::vector<std::string>{
                            "asgiref@3.8.1 registry 24:9",
                            "django@5.0.6 registry direct 32:9",
                            "django-cms tarball direct 40:9",
                            "flask-login git direct editable 43:9",
                            "my-package file direct editable 48:9",
                            "private-package@1.4.2 registry direct 52:9",
                            "pysocks@1.7.1 registry 59:9",
                            "requests@2.31.0 registry direct 65:9",
                            "typo-squat@0.0.1 registry 76:9",
                            "pytest@8.2.2 registry direct dev 82:9",
                            "requests@2.31.0 registry dev 89:9",
                            "sphinx registry direct optional 97:9",
                        }));
  EXPECT_EQ(s.packages[0].index, "https://pypi.org/simple");
  EXPECT_EQ(s.packages[5].index, "https://***@private.example.com/simple");
  EXPECT_EQ(s.packages[2].resolved,
            "https://github.com/django-cms/django-cms/archive/refs/tags/4.1.0.zip");
  EXPECT_EQ(s.packages[3].resolved,
            "git+https://github.com/maxcountryman/flask-login.git@"
            "1a1e2bb6c2bd7bd0e1e7e5d0c7b8f0c2a8e3d7b1");
  EXPECT_EQ(s.packages[7].extras, (std::vector<std::string>{"socks"}));
  EXPECT_EQ(s.packages[11].specifier, ">=7");
  EXPECT_EQ(Messages(d), (std::vector<std::string>{
                             "warning: Pipfile.lock:76:9: entry \"typo-squat\" names the index "
                             "\"mirror\", which \"_meta\" does not list",
                         }));
  for (const Diagnostic& item : d.items()) {
    EXPECT_EQ(item.message.find("s3cr3t"), std::string::npos);
  }
}

TEST(PipfileLock, ReadsThePipfilesCategories) {
  auto names = ParsePipfile("Pipfile",
                            "[[source]]\nname = \"pypi\"\n[packages]\nRequests = \"*\"\n"
                            "[dev-packages]\npytest = \"*\"\n[docs]\nSphinx_RTD_Theme = \"*\"\n"
                            "[requires]\npython_version = \"3.11\"\n[pipenv]\nallow_prereleases = "
                            "true\n[scripts]\nt = \"pytest\"\n");
  ASSERT_TRUE(names.has_value());
  EXPECT_EQ(names->categories,
            (std::map<std::string, std::set<std::string>>{{"default", {"requests"}},
                                                         {"develop", {"pytest"}},
                                                         {"docs", {"sphinx-rtd-theme"}}}));
  auto bad = ParsePipfile("Pipfile", "[packages\n");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kParse);
  EXPECT_EQ(bad.error().message.substr(0, 10), "Pipfile:1:");
}

TEST(PipfileLock, SkipsMalformedEntriesAndReadsTheRest) {
  Diagnostics d;
  model::Source s = ParseText(R"({
  "_meta": {"pipfile-spec": 6, "sources": [{"name": "pypi", "url": "https://pypi.org/simple"}]},
  "default": {
    "a": "==1.0",
    "b": {"version": 2},
    "c": {"hashes": "sha256:00"},
    "": {"version": "==1"},
    "d": {"version": "==4.0", "editable": "yes"},
    "e": {"version": "==5.0", "unknown": {"nested": [1, 2]}}
  },
  "develop": [],
  "notes": "free text"
})",
                              d);
  EXPECT_EQ(Summary(s), (std::vector<std::string>{"e@5.0 registry 9:5"}));
  EXPECT_EQ(Messages(d),
            (std::vector<std::string>{
                "error: Pipfile.lock:4:5: entry \"a\" is not an object; skipped",
                "error: Pipfile.lock:5:5: entry \"b\": \"version\" has the wrong type "
                "(The JSON element does not have the requested type.); skipped",
                "error: Pipfile.lock:6:5: entry \"c\": \"hashes\" has the wrong type "
                "(The JSON element does not have the requested type.); skipped",
                "error: Pipfile.lock:7:5: an entry with an empty name; skipped",
                "error: Pipfile.lock:8:5: entry \"d\": \"editable\" has the wrong type "
                "(The JSON element does not have the requested type.); skipped",
                "error: Pipfile.lock:11:3: \"develop\" is not an object; skipped",
                "error: Pipfile.lock:12:3: \"notes\" is not an object; skipped",
            }));
}

TEST(PipfileLock, RejectsWhatIsNotAPipfileLock) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "Pipfile.lock: not JSON (Empty: no JSON found)"},
      {"[]", "Pipfile.lock:1:1: expected an object at the top level (The JSON element does "
             "not have the requested type.)"},
      {"{\"name\": {}}", "Pipfile.lock: not a Pipfile.lock (no \"_meta\", \"default\" or "
                         "\"develop\")"},
      {"{\"default\": {}} {}", "Pipfile.lock:1:17: trailing content after the lockfile"},
      {"{\"default\": {\"a\": {\"version\": \"==1\"",
       "Pipfile.lock:1:1: expected an object at the top level (JSON document ended early in the "
       "middle of an object or array.)"},
  };
  for (const auto& [text, message] : cases) {
    Diagnostics d;
    auto source = ParsePipfileLock("Pipfile.lock", text, nullptr, d);
    ASSERT_FALSE(source.has_value()) << text;
    EXPECT_EQ(source.error().message, message) << text;
  }
}

TEST(PipfileLock, BoundsSizeAndNesting) {
  Diagnostics d;
  std::string deep = "{\"default\": {\"a\": {\"x\": " + std::string(10000, '[') +
                     std::string(10000, ']') + "}}}";
  auto nested = ParsePipfileLock("Pipfile.lock", deep, nullptr, d);
  ASSERT_FALSE(nested.has_value());
  EXPECT_EQ(nested.error().code, ErrorCode::kLimit);
  EXPECT_EQ(nested.error().message, "Pipfile.lock:1:534: nesting deeper than 512 levels");
  std::string huge(limits::kMaxLockfileBytes + 1, ' ');
  auto big = ParsePipfileLock("Pipfile.lock", huge, nullptr, d);
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().message, "Pipfile.lock: lockfile over 268435456 bytes");
  // Truncated anywhere, the parser gives a source or an error, never more.
  auto full = ReadFile(kDir + "modern/Pipfile.lock", limits::kMaxLockfileBytes);
  ASSERT_TRUE(full.has_value());
  for (std::size_t cut = 0; cut < full->size(); cut += 7) {
    Diagnostics dd;
    auto partial = ParsePipfileLock("Pipfile.lock", full->substr(0, cut), nullptr, dd);
    if (partial) {
      EXPECT_LE(partial->packages.size(), 12u);
    }
  }
}

}  // namespace
}  // namespace chainward::collect::pypi
