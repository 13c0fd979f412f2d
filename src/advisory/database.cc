// Opening the advisory database and answering lookups.
//
// Schema (version 1, PRAGMA user_version):
//   records(id, layer, modified, withdrawn, summary, json)  key (id, layer)
//   affected(ecosystem, name, record_id, layer)  indexed by (ecosystem, name)
//   aliases(alias, record_id, layer)             indexed by alias
//   imports(time, source, layer, read, imported, replaced, skipped, withdrawn)
// `name` is normalized (match.h NormalizeName) so a lookup is one indexed
// equality query. A lookup gathers candidate records from every layer,
// keeps the highest layer's copy of each id (an override may withdraw or
// narrow a record), and evaluates the survivors with MatchRecord.
#include "advisory/database.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "advisory/database_impl.h"
#include "advisory/match.h"
#include "advisory/sources.h"

namespace chainward::advisory {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS records(
  id TEXT NOT NULL, layer INTEGER NOT NULL, modified TEXT NOT NULL,
  withdrawn INTEGER NOT NULL, summary TEXT NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (id, layer));
CREATE TABLE IF NOT EXISTS affected(
  ecosystem TEXT NOT NULL, name TEXT NOT NULL,
  record_id TEXT NOT NULL, layer INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS affected_by_package ON affected(ecosystem, name);
CREATE INDEX IF NOT EXISTS affected_by_record ON affected(record_id, layer);
CREATE TABLE IF NOT EXISTS aliases(
  alias TEXT NOT NULL, record_id TEXT NOT NULL, layer INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS aliases_by_alias ON aliases(alias);
CREATE INDEX IF NOT EXISTS aliases_by_record ON aliases(record_id, layer);
CREATE TABLE IF NOT EXISTS imports(
  time TEXT NOT NULL, source TEXT NOT NULL, layer INTEGER NOT NULL,
  read INTEGER, imported INTEGER, replaced INTEGER, skipped INTEGER,
  withdrawn INTEGER);
)sql";

Result<void> Migrate(sqlite::Connection& db, bool read_only) {
  Result<sqlite::Statement> q = db.Prepare("PRAGMA user_version");
  if (!q) return tl::unexpected(q.error());
  Result<bool> row = q->Step();
  if (!row) return tl::unexpected(row.error());
  std::int64_t version = *row ? q->Int(0) : 0;
  if (version > kSchemaVersion) {
    return Fail(ErrorCode::kDatabase,
                db.path() + ": schema version " + std::to_string(version) +
                    " is newer than this chainward reads (" +
                    std::to_string(kSchemaVersion) + ")");
  }
  if (version == kSchemaVersion) return {};
  if (read_only) {
    return Fail(ErrorCode::kDatabase,
                db.path() + ": not a chainward advisory database (schema version " +
                    std::to_string(version) + "); run `chainward db import` to create one");
  }
  if (auto r = db.Exec("BEGIN"); !r) return r;
  if (auto r = db.Exec(kSchema); !r) return r;
  if (auto r = db.Exec("PRAGMA user_version = 1"); !r) return r;
  return db.Exec("COMMIT");
}

struct Candidate {
  Layer layer;
  osv::Record record;
};

void Offer(std::map<std::string, Candidate>& out, Layer layer,
           const osv::Record& record) {
  auto it = out.find(record.id);
  if (it != out.end() && it->second.layer >= layer) return;
  out.insert_or_assign(record.id, Candidate{layer, record});
}

Match ToMatch(const Candidate& c, RecordMatch m) {
  Match out;
  const osv::Record& r = c.record;
  out.id = r.id;
  out.aliases = r.aliases;
  out.related = r.related;
  out.summary = r.summary;
  out.details = r.details;
  out.malicious = r.IsMalicious();
  for (const osv::Severity& s : r.severity) {
    out.severity.push_back(s.type + ":" + s.score);
  }
  for (const osv::Reference& ref : r.references) {
    out.references.push_back(Reference{ref.type, ref.url});
  }
  out.fixed_versions = std::move(m.fixed_versions);
  out.last_known_good = std::move(m.last_known_good);
  out.all_versions = m.all_versions;
  out.note = std::move(m.note);
  out.modified = r.modified;
  out.layer = c.layer;
  return out;
}

}  // namespace

std::string_view LayerName(Layer layer) {
  switch (layer) {
    case Layer::kBuiltin: return "built-in";
    case Layer::kImported: return "imported";
    case Layer::kOverride: return "override";
  }
  return "unknown";
}

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const Options& options,
                                                 Diagnostics& diagnostics) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.builtin) {
    impl->builtin = &LoadBuiltinFeed();
    for (const Error& e : impl->builtin->errors) diagnostics.Add(e);
  }
  if (!options.data_dir.empty()) {
    if (!options.read_only) {
      std::error_code ec;
      fs::create_directories(options.data_dir, ec);
      if (ec) {
        return Fail(ErrorCode::kIo, options.data_dir + ": cannot create (" +
                                        ec.message() + ")");
      }
    }
    impl->db.emplace();
    std::string path =
        (fs::path(options.data_dir) / "advisories.sqlite3").string();
    auto mode = options.read_only ? sqlite::Connection::Mode::kReadOnly
                                  : sqlite::Connection::Mode::kReadWrite;
    if (auto r = impl->db->Open(path, mode); !r) return tl::unexpected(r.error());
    if (auto r = Migrate(*impl->db, options.read_only); !r) {
      return tl::unexpected(r.error());
    }
  }
  std::string overrides = options.overrides_dir;
  if (overrides.empty() && !options.data_dir.empty()) {
    overrides = (fs::path(options.data_dir) / "overrides").string();
  }
  std::error_code ec;
  if (!overrides.empty() && fs::is_directory(overrides, ec)) {
    auto visited = VisitOsvFiles(
        overrides, diagnostics,
        [&](std::string_view name, std::string_view content) {
          Result<osv::Record> r = osv::Parse(name, content);
          if (!r) {
            diagnostics.Add(r.error());
            return;
          }
          impl->overrides.Add(std::move(*r), std::string(content),
                              std::string(name));
        });
    if (!visited) diagnostics.Add(visited.error());
  }
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

Result<LookupResult> Database::Lookup(model::Ecosystem ecosystem,
                                      std::string_view name,
                                      std::string_view version) const {
  const std::string eco(model::EcosystemName(ecosystem));
  const std::string key = NormalizeName(ecosystem, name);
  std::map<std::string, Candidate> candidates;
  if (impl_->builtin != nullptr) {
    for (const MemoryLayer::Entry* e : impl_->builtin->layer.Find(eco, key)) {
      Offer(candidates, Layer::kBuiltin, e->record);
    }
  }
  if (impl_->db) {
    if (!impl_->lookup) {
      Result<sqlite::Statement> s = impl_->db->Prepare(
          "SELECT r.layer, r.json, r.id FROM affected a JOIN records r "
          "ON r.id = a.record_id AND r.layer = a.layer "
          "WHERE a.ecosystem = ?1 AND a.name = ?2 "
          // A copy of the same id in a higher layer hides this one, even
          // when that copy no longer names the package.
          "AND NOT EXISTS (SELECT 1 FROM records h "
          "WHERE h.id = r.id AND h.layer > r.layer)");
      if (!s) return tl::unexpected(s.error());
      impl_->lookup.emplace(std::move(*s));
    }
    sqlite::Statement& q = *impl_->lookup;
    q.Bind(1, eco).Bind(2, key);
    while (true) {
      Result<bool> row = q.Step();
      if (!row) {
        q.Reset();
        return tl::unexpected(row.error());
      }
      if (!*row) break;
      Layer layer = q.Int(0) == 2 ? Layer::kOverride : Layer::kImported;
      Result<osv::Record> r = osv::Parse(q.Text(2), q.Text(1));
      if (r) Offer(candidates, layer, *r);
    }
    q.Reset();
    // A built-in record may be replaced by an imported copy that no longer
    // names this package.
    for (auto& [id, c] : candidates) {
      if (c.layer != Layer::kBuiltin) continue;
      Result<sqlite::Statement> s = impl_->db->Prepare(
          "SELECT layer, json FROM records WHERE id = ?1 "
          "ORDER BY layer DESC LIMIT 1");
      if (!s) return tl::unexpected(s.error());
      s->Bind(1, id);
      Result<bool> row = s->Step();
      if (row && *row) {
        Result<osv::Record> r = osv::Parse(id, s->Text(1));
        if (r) {
          c = Candidate{s->Int(0) == 2 ? Layer::kOverride : Layer::kImported,
                        std::move(*r)};
        }
      }
    }
  }
  for (const MemoryLayer::Entry* e : impl_->overrides.Find(eco, key)) {
    Offer(candidates, Layer::kOverride, e->record);
  }
  for (auto& [id, c] : candidates) {
    if (c.layer == Layer::kOverride) continue;
    if (const MemoryLayer::Entry* e = impl_->overrides.FindId(id);
        e != nullptr && e->record.id == id) {
      c = Candidate{Layer::kOverride, e->record};
    }
  }
  LookupResult result;
  for (const auto& [id, c] : candidates) {
    RecordMatch m = MatchRecord(c.record, ecosystem, name, version);
    switch (m.kind) {
      case RecordMatch::Kind::kAffected:
        result.matches.push_back(ToMatch(c, std::move(m)));
        break;
      case RecordMatch::Kind::kCannotEvaluate:
      case RecordMatch::Kind::kUnsupported:
        result.unevaluated.push_back(Unevaluated{id, std::move(m.note)});
        break;
      case RecordMatch::Kind::kNotAffected:
        break;
    }
  }
  return result;
}

}  // namespace chainward::advisory
