// Report writers against golden files, byte for byte.
// Regenerate after an intended change: CHAINWARD_UPDATE_GOLDEN=1 build/tests/report_test
#include "report/report.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "report/json_writer.h"

namespace chainward::report {
namespace {

const std::string kGolden = std::string(CHAINWARD_FIXTURES) + "/golden/";

void ExpectGolden(const std::string& name, const std::string& actual) {
  std::string path = kGolden + name;
  if (std::getenv("CHAINWARD_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path
                  << " (run with CHAINWARD_UPDATE_GOLDEN=1 to create it)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "differs from " << path;
}

model::Package MakePackage(std::string name, std::string version, bool direct) {
  model::Package p;
  p.name = std::move(name);
  p.version = std::move(version);
  p.flags.direct = direct;
  p.resolved = "https://registry.npmjs.org/" + p.name + "/-/" + p.name + "-" + p.version + ".tgz";
  p.install_path = "node_modules/" + p.name;
  return p;
}

ScanResult SampleScan() {
  ScanResult result;
  model::Source source;
  source.format = model::SourceFormat::kPackageLock;
  source.path = "app/package-lock.json";
  source.format_version = "3";
  source.packages.push_back(MakePackage("axios", "1.14.1", true));
  source.packages.push_back(MakePackage("plain-crypto-js", "4.2.1", false));
  source.packages[1].flags.has_install_script = true;
  source.packages[1].locations.push_back({"app/package-lock.json", 786, 5});
  source.packages[0].locations.push_back({"app/package-lock.json", 77, 5});
  source.packages[0].dependencies = {1};
  model::Package alias = MakePackage("string-width", "4.2.3", true);
  alias.alias = "string-width-cjs";
  alias.flags.dev = true;
  source.packages.push_back(alias);
  result.inventory.sources.push_back(source);
  result.inventory.diagnostics.push_back(
      {Diagnostic::Level::kWarning, "app/yarn.lock", 3, 1, "odd \x1b[31mentry"});
  result.inventory.differences.push_back({InstalledDifference::Kind::kMissing, "app",
                                          "fsevents", "2.3.3", "", "node_modules/fsevents"});

  model::Finding f;
  f.severity = model::Severity::kCritical;
  f.id = "CW-2026-0002";
  f.aliases = {"MAL-2026-2306"};
  f.summary = "plain-crypto-js 4.2.1 is a dropper whose postinstall hook installs a "
              "remote-access trojan; it was added to axios 1.14.1 and 0.30.4 by an attacker.";
  f.malicious = true;
  f.name = "plain-crypto-js";
  f.version = "4.2.1";
  f.purl = "pkg:npm/plain-crypto-js@4.2.1";
  f.locations = {{"app/package-lock.json", 786, 5}};
  f.paths = {{"axios@1.14.1", "plain-crypto-js@4.2.1"}};
  f.references = {"https://github.com/axios/axios/issues/10636"};
  result.findings.push_back(f);
  result.fail_on = "low";
  return result;
}

TEST(ScanReport, TableMatchesGolden) {
  ExpectGolden("scan.txt", ScanTable(SampleScan(), TableStyle{false, 80}));
}

TEST(ScanReport, JsonMatchesGolden) { ExpectGolden("scan.json", ScanJson(SampleScan())); }

TEST(InventoryReport, TableMatchesGolden) {
  ExpectGolden("inventory.txt", InventoryTable(SampleScan().inventory, TableStyle{false, 80}));
}

TEST(InventoryReport, JsonMatchesGolden) {
  ExpectGolden("inventory.json", InventoryJson(SampleScan().inventory));
}

// A scan big enough that the streamed report crosses many 64 KiB chunks.
ScanResult LargeScan() {
  ScanResult result = SampleScan();
  model::Source& source = result.inventory.sources[0];
  for (int i = 0; i < 3000; ++i) {
    source.packages.push_back(MakePackage("pkg-" + std::to_string(i), "1.0." + std::to_string(i),
                                          i % 3 == 0));
  }
  for (int i = 0; i < 500; ++i) result.findings.push_back(result.findings[0]);
  return result;
}

std::string Streamed(void (*write)(const ScanResult&, std::FILE*), const ScanResult& result) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* stream = open_memstream(&buffer, &size);
  write(result, stream);
  std::fclose(stream);
  std::string text(buffer, size);
  std::free(buffer);
  return text;
}

TEST(ScanReport, StreamedJsonEqualsTheWholeDocument) {
  ScanResult result = LargeScan();
  std::string whole = ScanJson(result);
  ASSERT_GT(whole.size(), 1000000u);
  EXPECT_EQ(Streamed([](const ScanResult& r, std::FILE* f) { ScanJson(r, f); }, result), whole);
}

TEST(InventoryReport, StreamedJsonEqualsTheWholeDocument) {
  ScanResult result = LargeScan();
  std::string whole = InventoryJson(result.inventory);
  ASSERT_GT(whole.size(), 1000000u);
  EXPECT_EQ(Streamed([](const ScanResult& r, std::FILE* f) { InventoryJson(r.inventory, f); },
                     result),
            whole);
}

TEST(ScanReport, TableLinesFitIn80Columns) {
  std::string table = ScanTable(SampleScan(), TableStyle{false, 80});
  std::istringstream lines(table);
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 80u) << line;
}

TEST(ScanReport, NeverPrintsTerminalEscapesFromInput) {
  ScanResult result = SampleScan();
  result.findings[0].name = "evil\x1b]0;pwned\x07";
  std::string table = ScanTable(result, TableStyle{false, 80});
  EXPECT_EQ(table.find('\x1b'), std::string::npos);
  EXPECT_EQ(table.find('\x07'), std::string::npos);
}

TEST(ScanReport, ColourOnlyWhenAsked) {
  EXPECT_EQ(ScanTable(SampleScan(), TableStyle{false, 80}).find("\x1b["), std::string::npos);
  EXPECT_NE(ScanTable(SampleScan(), TableStyle{true, 80}).find("\x1b[1;31m"), std::string::npos);
}

struct EscapeCase {
  const char* input;
  const char* json;
};

TEST(JsonWriter, EscapesStrings) {
  const EscapeCase cases[] = {
      {"plain", "\"plain\""},
      {"q\"b\\", "\"q\\\"b\\\\\""},
      {"\n\r\t", "\"\\n\\r\\t\""},
      {"\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\""},
      {"caf\xc3\xa9", "\"caf\xc3\xa9\""},
      {"bad\xff", "\"bad\xef\xbf\xbd\""},
      {"\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\""},    // overlong '/'
      {"\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},  // a surrogate
      {"\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""},
  };
  for (const EscapeCase& c : cases) {
    std::string out;
    AppendJsonString(out, c.input);
    EXPECT_EQ(out, c.json) << c.input;
  }
}

TEST(JsonWriter, NestsAndFormatsStably) {
  JsonWriter w;
  w.BeginObject();
  w.Field("a", std::int64_t{1});
  w.Key("b");
  w.BeginArray();
  w.EndArray();
  w.Key("c");
  w.BeginArray();
  w.Bool(true);
  w.Null();
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(w.str(), "{\n  \"a\": 1,\n  \"b\": [],\n  \"c\": [\n    true,\n    null\n  ]\n}\n");
}

}  // namespace
}  // namespace chainward::report
