#include "advisory/database.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "advisory/builtin_feed.h"
#include "advisory/osv.h"
#include "base/file.h"

namespace chainward::advisory {
namespace {

namespace fs = std::filesystem;

const std::string kFixtures = std::string(CHAINWARD_FIXTURES) + "/osv";

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("cw-advisory-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string str() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

// Writes a zip with `members` (name, content), deflated.
void WriteZip(const std::string& path,
              const std::vector<std::pair<std::string, std::string>>& members) {
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_zip_set_compression_deflate(a);
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const auto& [name, content] : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, static_cast<la_int64_t>(content.size()));
    archive_write_header(a, e);
    archive_write_data(a, content.data(), content.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

// Runs `sql` on the SQLite file at `path` behind chainward's back.
void ExecOnFile(const std::string& path, const char* sql) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
}

std::string FixtureText(const std::string& name) {
  return *ReadFile(kFixtures + "/" + name, 1 << 20);
}

std::unique_ptr<Database> OpenDb(const std::string& dir, Diagnostics& d,
                                 std::string overrides = "") {
  Database::Options options;
  options.data_dir = dir;
  options.overrides_dir = std::move(overrides);
  options.builtin = false;
  Result<std::unique_ptr<Database>> db = Database::Open(options, d);
  EXPECT_TRUE(db.has_value()) << db.error().message;
  return db ? std::move(*db) : nullptr;
}

TEST(Database, ImportsADirectoryRecursivelyAndSkipsMalformedRecords) {
  TempDir dir;
  Diagnostics d;
  auto db = OpenDb(dir.str(), d);
  Result<ImportStats> s = db->Import(kFixtures + "/feed", d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->read, 7u);
  EXPECT_EQ(s->imported, 6u);
  EXPECT_EQ(s->skipped, 1u);
  EXPECT_EQ(s->withdrawn, 1u);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0].ToString(),
            kFixtures + "/feed/broken.json:4:57: bad \"name\" (The JSON "
                        "element does not have the requested type.)");
  EXPECT_TRUE(fs::exists(dir.str() + "/advisories.sqlite3"));
}

TEST(Database, ReimportingChangesNothingAndNewerRecordsReplace) {
  TempDir dir;
  Diagnostics d;
  auto db = OpenDb(dir.str(), d);
  ASSERT_TRUE(db->Import(kFixtures + "/feed", d));
  Result<ImportStats> again = db->Import(kFixtures + "/feed", d);
  EXPECT_EQ(again->imported, 0u);
  EXPECT_EQ(again->replaced, 0u);
  EXPECT_EQ(again->unchanged, 6u);

  TempDir newer;
  std::string text = FixtureText("feed/MAL-2026-0002.json");
  text.replace(text.find("2026-03-31T10:00:00Z"), 20, "2026-04-02T00:00:00Z");
  text.replace(text.find("\"4.2.1\""), 7, "\"4.2.3\"");
  std::ofstream(newer.str() + "/MAL-2026-0002.json") << text;
  Result<ImportStats> s = db->Import(newer.str(), d);
  EXPECT_EQ(s->replaced, 1u);
  Result<LookupResult> old_version =
      db->Lookup(model::Ecosystem::kNpm, "plain-crypto-js", "4.2.1");
  EXPECT_TRUE(old_version->matches.empty());
  Result<LookupResult> new_version =
      db->Lookup(model::Ecosystem::kNpm, "plain-crypto-js", "4.2.3");
  ASSERT_EQ(new_version->matches.size(), 1u);
}

TEST(Database, LookupReturnsTheRecordWithAliasesAndFixes) {
  TempDir dir;
  Diagnostics d;
  auto db = OpenDb(dir.str(), d);
  ASSERT_TRUE(db->Import(kFixtures + "/feed", d));
  Result<LookupResult> r = db->Lookup(model::Ecosystem::kNpm, "range-lib", "1.0.0");
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->matches.size(), 2u);
  const Match& cve = r->matches[0];
  const Match& ghsa = r->matches[1];
  EXPECT_EQ(cve.id, "CVE-2025-0001");
  EXPECT_EQ(ghsa.id, "GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(ghsa.aliases, std::vector<std::string>{"CVE-2025-0001"});
  EXPECT_EQ(ghsa.fixed_versions, std::vector<std::string>{"1.2.0"});
  EXPECT_EQ(ghsa.severity,
            std::vector<std::string>{
                "CVSS_V3:CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"});
  EXPECT_FALSE(ghsa.malicious);
  EXPECT_EQ(ghsa.layer, Layer::kImported);
  ASSERT_EQ(ghsa.references.size(), 2u);

  Result<LookupResult> mal =
      db->Lookup(model::Ecosystem::kNpm, "evil-installer", "7.7.7");
  ASSERT_EQ(mal->matches.size(), 1u);
  EXPECT_TRUE(mal->matches[0].malicious);
  EXPECT_TRUE(mal->matches[0].all_versions);
  EXPECT_EQ(mal->matches[0].note,
            "advisory lists no versions: every version matches");

  Result<LookupResult> junk = db->Lookup(model::Ecosystem::kNpm, "range-lib", "junk");
  EXPECT_TRUE(junk->matches.empty());
  ASSERT_EQ(junk->unevaluated.size(), 2u);
  EXPECT_EQ(junk->unevaluated[0].reason,
            "\"junk\" is not a semver version: major is not a number without "
            "leading zeros");

  EXPECT_TRUE(db->Lookup(model::Ecosystem::kNpm, "innocent-pkg", "1.0.0")
                  ->matches.empty());
  EXPECT_EQ(db->Lookup(model::Ecosystem::kPyPI, "lite-llm", "1.82.7")
                ->matches.size(),
            0u);
  EXPECT_EQ(db->Lookup(model::Ecosystem::kPyPI, "LiteLLM", "1.82.7")
                ->matches.size(),
            1u);
}

TEST(Database, OverridesWinOverImportedRecords) {
  TempDir dir;
  Diagnostics d;
  auto db = OpenDb(dir.str(), d, kFixtures + "/overrides");
  ASSERT_TRUE(db->Import(kFixtures + "/feed", d));
  Result<LookupResult> r = db->Lookup(model::Ecosystem::kNpm, "range-lib", "1.1.5");
  ASSERT_EQ(r->matches.size(), 1u);  // the CVE copy still says fixed 1.2.0
  EXPECT_EQ(r->matches[0].id, "CVE-2025-0001");
  Result<LookupResult> low = db->Lookup(model::Ecosystem::kNpm, "range-lib", "1.0.0");
  ASSERT_EQ(low->matches.size(), 2u);
  EXPECT_EQ(low->matches[1].layer, Layer::kOverride);
  EXPECT_EQ(low->matches[1].fixed_versions, std::vector<std::string>{"1.1.0"});
  // The override no longer names range-lib-legacy: the imported copy is hidden.
  EXPECT_TRUE(db->Lookup(model::Ecosystem::kNpm, "range-lib-legacy", "1.0.1")
                  ->matches.empty());
  Result<StoredRecord> shown = db->Show("GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(shown->layer, Layer::kOverride);
}

TEST(Database, ImportedOverridesWinOverImportedRecords) {
  TempDir dir;
  Diagnostics d;
  auto db = OpenDb(dir.str(), d);
  ASSERT_TRUE(db->Import(kFixtures + "/feed", d));
  Result<ImportStats> s =
      db->Import(kFixtures + "/overrides", d, /*as_override=*/true);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->imported, 1u);
  Result<LookupResult> r =
      db->Lookup(model::Ecosystem::kNpm, "range-lib", "1.0.0");
  ASSERT_EQ(r->matches.size(), 2u);
  EXPECT_EQ(r->matches[1].layer, Layer::kOverride);
  EXPECT_EQ(r->matches[1].summary,
            "Prototype pollution in range-lib (corrected locally)");
  EXPECT_TRUE(db->Lookup(model::Ecosystem::kNpm, "range-lib-legacy", "1.0.1")
                  ->matches.empty());
  EXPECT_EQ(db->Show("GHSA-aaaa-bbbb-cccc")->layer, Layer::kOverride);
}

TEST(Database, ImportsAZipInMemory) {
  TempDir dir, zips;
  std::string zip = zips.str() + "/all.zip";
  WriteZip(zip, {{"MAL-2026-0001.json", FixtureText("feed/MAL-2026-0001.json")},
                 {"MAL-2026-0002.json", FixtureText("feed/MAL-2026-0002.json")},
                 {"bad.json", "{\"id\": "},
                 {"README", "ignored"}});
  Diagnostics d;
  auto db = OpenDb(dir.str(), d);
  Result<ImportStats> s = db->Import(zip, d);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->read, 3u);
  EXPECT_EQ(s->imported, 2u);
  EXPECT_EQ(s->skipped, 1u);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d.items()[0].ToString().rfind(zip + ":bad.json:", 0), 0u)
      << d.items()[0].ToString();
  Result<Status> st = db->GetStatus();
  EXPECT_EQ(st->last_import_source, zip);
  ASSERT_EQ(st->counts.size(), 1u);
  EXPECT_EQ(st->counts[0].records, 2u);
}

TEST(Database, RejectsAZipBombNamingArchiveAndMember) {
  TempDir dir, zips;
  std::string zip = zips.str() + "/bomb.zip";
  std::vector<std::pair<std::string, std::string>> members;
  for (int i = 0; i < 30; ++i) {
    std::string name = "M";
    name += std::to_string(i);
    name += ".json";
    members.emplace_back(std::move(name), std::string(1 << 20, ' '));
  }
  WriteZip(zip, members);
  Diagnostics d;
  auto db = OpenDb(dir.str(), d);
  Result<ImportStats> s = db->Import(zip, d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kLimit);
  EXPECT_NE(s.error().message.find(zip + ":M"), std::string::npos)
      << s.error().message;
  EXPECT_NE(s.error().message.find(
                "unpacks more than 200 times its compressed size"),
            std::string::npos)
      << s.error().message;
  // One transaction: nothing was imported.
  EXPECT_TRUE(db->GetStatus()->counts.empty());
}

TEST(Database, RejectsAnOversizedMember) {
  TempDir dir, zips;
  std::string zip = zips.str() + "/big.zip";
  std::string big(9u << 20, 'x');
  for (std::size_t i = 0; i < big.size(); i += 7) big[i] = static_cast<char>('a' + i % 26);
  WriteZip(zip, {{"BIG.json", big}});
  Diagnostics d;
  auto db = OpenDb(dir.str(), d);
  Result<ImportStats> s = db->Import(zip, d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().message,
            zip + ":BIG.json: member larger than 8388608 bytes");
}

TEST(Database, ReportsMissingPaths) {
  TempDir dir;
  Diagnostics d;
  auto db = OpenDb(dir.str(), d);
  Result<ImportStats> s = db->Import(dir.str() + "/nope", d);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(s.error().message, dir.str() + "/nope: no such file or directory");
}

TEST(Database, ListsShowsAndCounts) {
  TempDir dir;
  Diagnostics d;
  auto db = OpenDb(dir.str(), d);
  ASSERT_TRUE(db->Import(kFixtures + "/feed", d));
  ListFilter f;
  f.package = "range-lib";
  Result<std::vector<ListEntry>> l = db->List(f);
  ASSERT_EQ(l->size(), 2u);
  EXPECT_EQ((*l)[0].id, "CVE-2025-0001");
  f = {};
  f.ecosystem = "pypi";
  EXPECT_EQ(db->List(f)->size(), 1u);
  Result<StoredRecord> byalias = db->Show("GHSA-0000-1111-2222");
  ASSERT_TRUE(byalias.has_value());
  EXPECT_EQ(byalias->id, "MAL-2026-0002");
  EXPECT_EQ(byalias->json.substr(0, 27), "{\n  \"id\": \"MAL-2026-0002\",\n");
  Result<StoredRecord> none = db->Show("nope");
  EXPECT_EQ(none.error().message, "no advisory with id or alias \"nope\"");
  Result<Status> st = db->GetStatus();
  std::uint64_t npm = 0, withdrawn = 0;
  for (const LayerCount& c : st->counts) {
    if (c.ecosystem == "npm") {
      npm += c.records;
      withdrawn += c.withdrawn;
    }
  }
  EXPECT_EQ(npm, 5u);
  EXPECT_EQ(withdrawn, 1u);
}

TEST(Database, RefusesANewerSchema) {
  TempDir dir;
  Diagnostics d;
  { auto db = OpenDb(dir.str(), d); }
  ExecOnFile(dir.str() + "/advisories.sqlite3", "PRAGMA user_version = 99");
  Database::Options options;
  options.data_dir = dir.str();
  Result<std::unique_ptr<Database>> db = Database::Open(options, d);
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().message,
            dir.str() + "/advisories.sqlite3: schema version 99 is newer than "
                        "this chainward reads (1)");
}

TEST(Database, ReadOnlyAnswersLookupsAndWritesNothing) {
  TempDir dir;
  Diagnostics d;
  {
    auto db = OpenDb(dir.str(), d);
    ASSERT_TRUE(db->Import(kFixtures + "/feed", d));
  }
  std::string path = dir.str() + "/advisories.sqlite3";
  std::string before = *ReadFile(path, 1 << 24);
  auto mtime = fs::last_write_time(path);
  Database::Options options;
  options.data_dir = dir.str();
  options.builtin = false;
  options.read_only = true;
  Result<std::unique_ptr<Database>> db = Database::Open(options, d);
  ASSERT_TRUE(db.has_value()) << db.error().message;
  Result<LookupResult> r = (*db)->Lookup(model::Ecosystem::kNpm, "plain-crypto-js", "4.2.1");
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->matches.size(), 1u);
  db->reset();
  EXPECT_EQ(*ReadFile(path, 1 << 24), before);
  EXPECT_EQ(fs::last_write_time(path), mtime);
  EXPECT_EQ(fs::directory_iterator(dir.str())->path().filename(), "advisories.sqlite3");
}

TEST(Database, ReadOnlyNeverCreatesTheDatabase) {
  TempDir dir;
  Diagnostics d;
  Database::Options options;
  options.data_dir = dir.str() + "/missing";
  options.read_only = true;
  Result<std::unique_ptr<Database>> db = Database::Open(options, d);
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().message, dir.str() +
                                    "/missing/advisories.sqlite3: cannot open (unable to open "
                                    "database file)");
  EXPECT_FALSE(fs::exists(dir.str() + "/missing"));
}

TEST(Database, ReadOnlyRefusesAFileWithoutTheSchema) {
  TempDir dir;
  Diagnostics d;
  ExecOnFile(dir.str() + "/advisories.sqlite3", "CREATE TABLE other(x)");
  Database::Options options;
  options.data_dir = dir.str();
  options.read_only = true;
  Result<std::unique_ptr<Database>> db = Database::Open(options, d);
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().message,
            dir.str() + "/advisories.sqlite3: not a chainward advisory database (schema "
                        "version 0); run `chainward db import` to create one");
}

TEST(BuiltinFeed, EveryEmbeddedRecordParsesWithAUniqueIdAndReferences) {
  std::set<std::string> ids;
  for (const EmbeddedFile& file : BuiltinFeedFiles()) {
    if (file.name.empty()) continue;
    Result<osv::Record> r = osv::Parse(file.name, file.content);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_TRUE(ids.insert(r->id).second) << "duplicate id " << r->id;
    EXPECT_FALSE(r->references.empty()) << r->id << " has no references";
    EXPECT_FALSE(r->affected.empty()) << r->id << " affects nothing";
  }
  Diagnostics d;
  Database::Options options;
  Result<std::unique_ptr<Database>> db = Database::Open(options, d);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ(d.size(), 0u);
}

// The built-in feed alone: no data directory, no overrides.
std::unique_ptr<Database> OpenBuiltin() {
  Diagnostics d;
  Result<std::unique_ptr<Database>> db = Database::Open(Database::Options{}, d);
  EXPECT_TRUE(db.has_value()) << db.error().message;
  EXPECT_EQ(d.size(), 0u);
  return db ? std::move(*db) : nullptr;
}

// Ids of the records matching `name`@`version` in PyPI.
std::vector<std::string> PyPIHits(const Database& db, std::string_view name,
                                  std::string_view version) {
  Result<LookupResult> r = db.Lookup(model::Ecosystem::kPyPI, name, version);
  EXPECT_TRUE(r.has_value());
  std::vector<std::string> ids;
  if (!r) return ids;
  for (const Match& m : r->matches) ids.push_back(m.id);
  EXPECT_TRUE(r->unevaluated.empty()) << name << "@" << version;
  return ids;
}

TEST(BuiltinFeed, FindsLitellmUnderAnySpellingOfItsName) {
  auto db = OpenBuiltin();
  using Ids = std::vector<std::string>;
  EXPECT_EQ(PyPIHits(*db, "LiteLLM", "1.82.8"), Ids{"CW-2026-0004"});
  EXPECT_EQ(PyPIHits(*db, "litellm", "1.82.8"), Ids{"CW-2026-0004"});
  Result<LookupResult> r = db->Lookup(model::Ecosystem::kPyPI, "LiteLLM", "1.82.8");
  ASSERT_EQ(r->matches.size(), 1u);
  const Match& m = r->matches[0];
  EXPECT_TRUE(m.malicious);
  EXPECT_EQ(m.layer, Layer::kBuiltin);
  EXPECT_EQ(m.last_known_good, "1.82.6");
  EXPECT_EQ(m.aliases, (Ids{"MAL-2026-2144", "PYSEC-2026-2", "GHSA-92x9-889m-jgmw"}));
  EXPECT_EQ(m.note, "version listed by the advisory");
  EXPECT_TRUE(PyPIHits(*db, "lite-llm", "1.82.8").empty());
  EXPECT_TRUE(db->Lookup(model::Ecosystem::kNpm, "litellm", "1.82.8")->matches.empty());
}

TEST(BuiltinFeed, MatchesThePyPIIncidentsAndNotTheirNeighbours) {
  auto db = OpenBuiltin();
  using Ids = std::vector<std::string>;
  EXPECT_EQ(PyPIHits(*db, "litellm", "1.82.7"), Ids{"CW-2026-0004"});
  EXPECT_EQ(PyPIHits(*db, "litellm", "1.82.8.0"), Ids{"CW-2026-0004"});
  EXPECT_TRUE(PyPIHits(*db, "litellm", "1.82.6").empty());
  EXPECT_TRUE(PyPIHits(*db, "litellm", "1.82.9").empty());
  for (const char* v : {"8.3.41", "8.3.42", "8.3.45", "8.3.46"}) {
    EXPECT_EQ(PyPIHits(*db, "ultralytics", v), Ids{"CW-2024-0001"}) << v;
  }
  for (const char* v : {"8.3.40", "8.3.43", "8.3.44", "8.3.47"}) {
    EXPECT_TRUE(PyPIHits(*db, "ultralytics", v).empty()) << v;
  }
  EXPECT_EQ(PyPIHits(*db, "telnyx", "4.87.2"), Ids{"CW-2026-0005"});
  EXPECT_TRUE(PyPIHits(*db, "telnyx", "4.87.0").empty());
  EXPECT_EQ(PyPIHits(*db, "Guardrails_AI", "0.10.1"), Ids{"CW-2026-0006"});
  EXPECT_TRUE(PyPIHits(*db, "guardrails-ai", "0.10.0").empty());
  // ctx's list says "0.1.2-1"; an installed copy says "0.1.2.post1".
  EXPECT_EQ(PyPIHits(*db, "ctx", "0.1.2.post1"), Ids{"CW-2022-0003"});
  EXPECT_EQ(PyPIHits(*db, "ctx", "0.2.0"), Ids{"CW-2022-0003"});
  EXPECT_TRUE(PyPIHits(*db, "ctx", "0.1.2").empty());
}

}  // namespace
}  // namespace chainward::advisory
