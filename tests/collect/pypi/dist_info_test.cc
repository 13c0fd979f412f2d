#include "collect/pypi/dist_info.h"
#include "collect/pypi/redact.h"

#include <gtest/gtest.h>

#include <string>

#include "base/file.h"

namespace chainward::collect::pypi {
namespace {

const std::string kVenv =
    std::string(CHAINWARD_FIXTURES) + "/site-packages/venv/lib/python3.11/site-packages/";

std::string Slurp(const std::string& path) {
  auto text = ReadFile(path, 1 << 20);
  EXPECT_TRUE(text.has_value()) << path;
  return text ? *text : std::string();
}

std::vector<std::string> Messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(x.ToString());
  return out;
}

// pip 23.0.1 installed the wheel setuptools 66.1.1 built (README.md).
TEST(CoreMetadata, ReadsTheHeadersOfARealMetadataFileAndIgnoresTheBody) {
  Diagnostics d;
  auto m = ParseCoreMetadata("METADATA", Slurp(kVenv + "Demo_Lib-1.0.0.dist-info/METADATA"), d);
  ASSERT_TRUE(m.has_value()) << m.error().message;
  EXPECT_EQ(m->metadata_version, "2.1");
  EXPECT_EQ(m->name, "Demo-Lib");
  EXPECT_EQ(m->name_line, 2u);
  EXPECT_EQ(m->version, "1.0.0");
  EXPECT_EQ(m->summary, "A small library with a console script, for chainward's tests.");
  ASSERT_EQ(m->requires_dist.size(), 2u);
  EXPECT_EQ(m->requires_dist[0].text, "tiny.dep (>=0.2)");
  EXPECT_EQ(m->requires_dist[0].line, 6u);
  EXPECT_EQ(m->requires_dist[1].text, "requests (>=2.31) ; extra == 'http'");
  EXPECT_EQ(d.size(), 0u);  // the body's "Name: not-a-header" is never read
}

TEST(CoreMetadata, JoinsContinuationLinesAndIgnoresHeaderCase) {
  Diagnostics d;
  auto m = ParseCoreMetadata("PKG-INFO",
                             "NAME: a\r\nversion: 1\r\nRequires-Dist: b;\r\n"
                             "\tpython_version < '3.9'\r\n\r\nName: body\r\n",
                             d);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->name, "a");
  EXPECT_EQ(m->version, "1");
  ASSERT_EQ(m->requires_dist.size(), 1u);
  EXPECT_EQ(m->requires_dist[0].text, "b; python_version < '3.9'");
  EXPECT_EQ(m->requires_dist[0].line, 3u);
}

TEST(CoreMetadata, StopsAtALineThatIsNotAHeaderAsPythonDoes) {
  Diagnostics d;
  auto m = ParseCoreMetadata("METADATA", "Name: a\nthis is not a header\nVersion: 2\n", d);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->version, "");
  EXPECT_EQ(Messages(d), std::vector<std::string>{
                             "METADATA:2:1: expected a header (\"Name: value\"), found \"this is "
                             "not a header\"; the headers end here"});
}

TEST(CoreMetadata, FailsWithoutName) {
  Diagnostics d;
  auto m = ParseCoreMetadata("x/METADATA", "Metadata-Version: 2.1\nVersion: 1.0\n", d);
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error().code, ErrorCode::kParse);
  EXPECT_EQ(m.error().message, "x/METADATA:1: no Name header");
  auto garbage = ParseCoreMetadata("g", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), d);
  ASSERT_FALSE(garbage.has_value());
  EXPECT_EQ(garbage.error().message, "g:1: no Name header");
}

TEST(CoreMetadata, BoundsTheHeaderBlock) {
  Diagnostics d;
  std::string text = "Name: a\n";
  while (text.size() < (8u << 20) + 100) text += "Classifier: " + std::string(100, 'x') + "\n";
  auto m = ParseCoreMetadata("METADATA", text, d);
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error().code, ErrorCode::kLimit);
  EXPECT_EQ(m.error().message, "METADATA:74237: headers longer than 8388608 bytes");
}

TEST(Record, ReadsARealRecord) {
  Diagnostics d;
  auto r = ParseRecord("RECORD", Slurp(kVenv + "Demo_Lib-1.0.0.dist-info/RECORD"), d);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->size(), 15u);
  EXPECT_EQ(d.size(), 0u);
  const RecordEntry& script = (*r)[0];
  EXPECT_EQ(script.path, "../../../bin/demo-cli");
  EXPECT_EQ(script.algorithm, "sha256");
  EXPECT_EQ(script.digest, "uNa_-uQz68fUP7iwvJsf7HTyfSYEDHHzWX2cAAfVGt4");
  EXPECT_EQ(script.size, 221u);
  EXPECT_EQ(script.line, 1u);
  const RecordEntry& pyc = (*r)[9];
  EXPECT_EQ(pyc.path, "demo_lib/__pycache__/__init__.cpython-311.pyc");
  EXPECT_EQ(pyc.algorithm, "");
  EXPECT_FALSE(pyc.size.has_value());
}

TEST(Record, ReadsQuotedFieldsAsPythonsCsvModuleWritesThem) {
  Diagnostics d;
  auto r = ParseRecord("RECORD", "\"a,b.py\",sha256=x,1\r\n\"say \"\"hi\"\".txt\",,\n", d);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].path, "a,b.py");
  EXPECT_EQ((*r)[1].path, "say \"hi\".txt");
  EXPECT_EQ((*r)[1].line, 2u);
}

TEST(Record, ReportsEachBadRowWithItsPositionAndReadsTheRest) {
  Diagnostics d;
  auto r = ParseRecord("R",
                       "ok.py,sha256=abc,3\n"
                       "two,fields\n"
                       "\"open,,\n"
                       "x.py,sha256,3\n"
                       "y.py,sha256=abc,three\n"
                       ",sha256=abc,3\n"
                       "last.py,,\n",
                       d);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].path, "last.py");
  EXPECT_EQ(Messages(d), (std::vector<std::string>{
                             "R:2:1: expected 3 fields (path,hash,size), found 2",
                             "R:3:1: unterminated quoted field",
                             "R:4:6: hash \"sha256\" is not algorithm=digest",
                             "R:5:17: size \"three\" is not a number",
                             "R:6:1: empty path",
                         }));
  EXPECT_TRUE(d.incomplete());
}

TEST(Record, RefusesTenMillionRows) {
  std::string text;
  text.reserve(40'000'000);
  for (int i = 0; i < 10'000'000; ++i) text += "a,,\n";
  Diagnostics d;
  auto r = ParseRecord("RECORD", text, d);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kLimit);
  EXPECT_EQ(r.error().message, "RECORD:1000001: more than 1000000 entries");
}

TEST(DirectUrl, ReadsWhatPipWroteForALocalWheelAndAnEditableInstall) {
  auto archive = ParseDirectUrl("d", Slurp(kVenv + "litellm-1.82.8.dist-info/direct_url.json"));
  ASSERT_TRUE(archive.has_value()) << archive.error().message;
  EXPECT_EQ(archive->kind, DirectUrl::Kind::kArchive);
  EXPECT_EQ(archive->url, "file:///srv/demo/wheels/litellm-1.82.8-py3-none-any.whl");
  EXPECT_TRUE(archive->hashes.empty());
  auto editable = ParseDirectUrl(
      "d", Slurp(std::string(CHAINWARD_FIXTURES) + "/site-packages/editable/lib/python3.11/"
                                                   "site-packages/editable_app-0.3.dist-info/"
                                                   "direct_url.json"));
  ASSERT_TRUE(editable.has_value());
  EXPECT_EQ(editable->kind, DirectUrl::Kind::kDirectory);
  EXPECT_TRUE(editable->editable);
  EXPECT_EQ(editable->url, "file:///srv/demo/projects/editable-app");
}

// Hand-written from PEP 610's examples.
TEST(DirectUrl, ReadsVcsAndArchiveHashesAndRedactsCredentials) {
  auto vcs = ParseDirectUrl("d",
                            R"({"url": "https://user:s3cret@github.com/o/r.git",
                                "vcs_info": {"vcs": "git", "requested_revision": "v1",
                                             "commit_id": "7ca0b9f"}})");
  ASSERT_TRUE(vcs.has_value()) << vcs.error().message;
  EXPECT_EQ(vcs->kind, DirectUrl::Kind::kVcs);
  EXPECT_EQ(vcs->url, "https://***@github.com/o/r.git");
  EXPECT_EQ(vcs->vcs, "git");
  EXPECT_EQ(vcs->commit_id, "7ca0b9f");
  EXPECT_EQ(vcs->requested_revision, "v1");
  auto archive = ParseDirectUrl("d",
                                R"({"url": "https://h/x.whl", "archive_info":
                                   {"hash": "sha256=ab", "hashes": {"sha256": "ab", "md5": "cd"}}})");
  ASSERT_TRUE(archive.has_value());
  EXPECT_EQ(archive->hashes, (std::vector<std::string>{"sha256:ab", "md5:cd"}));
}

TEST(DirectUrl, ReportsMalformedFiles) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {R"({"archive_info": {}})", "d: no \"url\""},
      {R"({"url": "file:///x"})", "d: none of archive_info, vcs_info, dir_info"},
      {R"({"url": "https://h/r", "vcs_info": {"vcs": "git"}})",
       "d: vcs_info needs \"vcs\" and \"commit_id\""},
      {R"({"url": 7, "dir_info": {}})", "d:1:9: expected a string for \"url\" (The JSON element does not have the requested type.)"},
      {"[1]", "d:1:1: expected an object at the top level (The JSON element does not have the requested type.)"},
  };
  for (const Case& c : cases) {
    auto r = ParseDirectUrl("d", c.text);
    ASSERT_FALSE(r.has_value()) << c.text;
    EXPECT_EQ(r.error().message, c.message) << c.text;
  }
}

TEST(RedactUserinfo, HidesUserAndPasswordOnly) {
  EXPECT_EQ(RedactUserinfo("https://u:p@h/x?y@z"), "https://***@h/x?y@z");
  EXPECT_EQ(RedactUserinfo("git+ssh://git@github.com/o/r"), "git+ssh://***@github.com/o/r");
  EXPECT_EQ(RedactUserinfo("https://h/a@b"), "https://h/a@b");
  EXPECT_EQ(RedactUserinfo("file:///srv/x.whl"), "file:///srv/x.whl");
}

}  // namespace
}  // namespace chainward::collect::pypi
