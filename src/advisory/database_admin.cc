// The administrative side of the database: Import, GetStatus, List, Show.
//
// Import runs in one transaction: a failure part-way (a zip bomb, a full
// disk) leaves the database as it was. Each record replaces a stored copy
// of the same id and layer only when its `modified` is newer (RFC 3339
// timestamps in UTC compare as strings), so importing the same feed twice
// changes nothing and an older mirror cannot roll a record back.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <tuple>

#include <simdjson.h>

#include "advisory/database.h"
#include "advisory/database_impl.h"
#include "advisory/match.h"
#include "advisory/sources.h"

namespace chainward::advisory {
namespace {

std::string NowUtc() {
  std::time_t t = std::chrono::system_clock::to_time_t(
      std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string IndexName(std::string_view ecosystem, std::string_view name) {
  if (BaseEcosystem(ecosystem) == "PyPI") {
    return NormalizeName(model::Ecosystem::kPyPI, name);
  }
  return std::string(name);
}

Layer LayerOf(std::int64_t n) {
  return n == 2 ? Layer::kOverride : Layer::kImported;
}

struct Importer {
  sqlite::Statement get, put, del_affected, put_affected, del_aliases,
      put_alias;
};

Result<Importer> PrepareImporter(sqlite::Connection& db) {
  Importer im;
  const char* sql[] = {
      "SELECT modified FROM records WHERE id = ?1 AND layer = ?2",
      "INSERT OR REPLACE INTO records(id, layer, modified, withdrawn, "
      "summary, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      "DELETE FROM affected WHERE record_id = ?1 AND layer = ?2",
      "INSERT INTO affected(ecosystem, name, record_id, layer) "
      "VALUES (?1, ?2, ?3, ?4)",
      "DELETE FROM aliases WHERE record_id = ?1 AND layer = ?2",
      "INSERT INTO aliases(alias, record_id, layer) VALUES (?1, ?2, ?3)"};
  sqlite::Statement* out[] = {&im.get, &im.put, &im.del_affected,
                              &im.put_affected, &im.del_aliases, &im.put_alias};
  for (int i = 0; i < 6; ++i) {
    Result<sqlite::Statement> s = db.Prepare(sql[i]);
    if (!s) return tl::unexpected(s.error());
    *out[i] = std::move(*s);
  }
  return im;
}

// Stores `r`; returns true when it was new or newer than the stored copy.
Result<int> Store(Importer& im, const osv::Record& r, std::string_view json,
                  std::int64_t layer) {
  im.get.Bind(1, r.id).Bind(2, layer);
  Result<bool> row = im.get.Step();
  if (!row) return tl::unexpected(row.error());
  int outcome = 0;  // 0 new, 1 replaced, 2 unchanged
  if (*row) outcome = std::string(im.get.Text(0)) < r.modified ? 1 : 2;
  im.get.Reset();
  if (outcome == 2) return outcome;
  im.put.Bind(1, r.id).Bind(2, layer).Bind(3, r.modified)
      .Bind(4, std::int64_t{r.is_withdrawn()}).Bind(5, r.summary)
      .Bind(6, json);
  if (auto s = im.put.Run(); !s) return tl::unexpected(s.error());
  if (outcome == 1) {
    im.del_affected.Bind(1, r.id).Bind(2, layer);
    if (auto s = im.del_affected.Run(); !s) return tl::unexpected(s.error());
    im.del_aliases.Bind(1, r.id).Bind(2, layer);
    if (auto s = im.del_aliases.Run(); !s) return tl::unexpected(s.error());
  }
  std::vector<std::pair<std::string, std::string>> seen;
  for (const osv::Affected& a : r.affected) {
    std::pair<std::string, std::string> key{
        std::string(BaseEcosystem(a.package.ecosystem)),
        IndexName(a.package.ecosystem, a.package.name)};
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    im.put_affected.Bind(1, key.first).Bind(2, key.second).Bind(3, r.id)
        .Bind(4, layer);
    if (auto s = im.put_affected.Run(); !s) return tl::unexpected(s.error());
  }
  for (const std::string& alias : r.aliases) {
    im.put_alias.Bind(1, alias).Bind(2, r.id).Bind(3, layer);
    if (auto s = im.put_alias.Run(); !s) return tl::unexpected(s.error());
  }
  return outcome;
}

Result<void> NeedDb(const Database::Impl& impl) {
  if (!impl.db) {
    return Fail(ErrorCode::kInvalidArgument,
                "no data directory: the advisory database is not open");
  }
  return {};
}

void CountMemory(const MemoryLayer& layer, Layer which,
                 std::map<std::pair<Layer, std::string>, LayerCount>& out) {
  for (const MemoryLayer::Entry& e : layer.entries()) {
    std::vector<std::string> ecosystems;
    for (const osv::Affected& a : e.record.affected) {
      std::string eco(BaseEcosystem(a.package.ecosystem));
      if (std::find(ecosystems.begin(), ecosystems.end(), eco) ==
          ecosystems.end()) {
        ecosystems.push_back(eco);
      }
    }
    for (const std::string& eco : ecosystems) {
      LayerCount& c = out[{which, eco}];
      c.layer = which;
      c.ecosystem = eco;
      ++c.records;
      if (e.record.is_withdrawn()) ++c.withdrawn;
    }
  }
}

void ListMemory(const MemoryLayer& layer, Layer which, const ListFilter& f,
                std::vector<ListEntry>& out) {
  for (const MemoryLayer::Entry& e : layer.entries()) {
    for (const osv::Affected& a : e.record.affected) {
      std::string eco(BaseEcosystem(a.package.ecosystem));
      if (!f.ecosystem.empty() && Lower(eco) != Lower(f.ecosystem)) continue;
      if (!f.package.empty() && a.package.name != f.package) continue;
      out.push_back(ListEntry{e.record.id, eco, a.package.name,
                              e.record.summary, which,
                              e.record.is_withdrawn()});
    }
  }
}

}  // namespace

Result<ImportStats> Database::Import(const std::string& path,
                                     Diagnostics& diagnostics,
                                     bool as_override) {
  if (auto r = NeedDb(*impl_); !r) return tl::unexpected(r.error());
  sqlite::Connection& db = *impl_->db;
  const std::int64_t layer = as_override ? 2 : 1;
  Result<Importer> im = PrepareImporter(db);
  if (!im) return tl::unexpected(im.error());
  if (auto r = db.Exec("BEGIN IMMEDIATE"); !r) return tl::unexpected(r.error());
  ImportStats stats;
  std::optional<Error> failure;
  std::string minified;
  auto visited = VisitOsvFiles(
      path, diagnostics, [&](std::string_view name, std::string_view content) {
        if (failure) return;
        ++stats.read;
        Result<osv::Record> r = osv::Parse(name, content);
        if (!r) {
          diagnostics.Add(r.error());
          ++stats.skipped;
          return;
        }
        // Stored minified: whitespace is a third of a pretty-printed record.
        minified.resize(content.size() + simdjson::SIMDJSON_PADDING);
        std::size_t length = 0;
        std::string_view json = content;
        if (simdjson::minify(content.data(), content.size(), minified.data(),
                             length) == simdjson::SUCCESS) {
          json = std::string_view(minified.data(), length);
        }
        Result<int> stored = Store(*im, *r, json, layer);
        if (!stored) {
          failure = stored.error();
          return;
        }
        if (*stored == 0) ++stats.imported;
        if (*stored == 1) ++stats.replaced;
        if (*stored == 2) ++stats.unchanged;
        if (*stored != 2 && r->is_withdrawn()) ++stats.withdrawn;
      });
  if (!visited) failure = visited.error();
  if (!failure) {
    Result<sqlite::Statement> log = db.Prepare(
        "INSERT INTO imports(time, source, layer, read, imported, replaced, "
        "skipped, withdrawn) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!log) {
      failure = log.error();
    } else {
      log->Bind(1, NowUtc()).Bind(2, path).Bind(3, layer)
          .Bind(4, static_cast<std::int64_t>(stats.read))
          .Bind(5, static_cast<std::int64_t>(stats.imported))
          .Bind(6, static_cast<std::int64_t>(stats.replaced))
          .Bind(7, static_cast<std::int64_t>(stats.skipped))
          .Bind(8, static_cast<std::int64_t>(stats.withdrawn));
      if (auto s = log->Run(); !s) failure = s.error();
    }
  }
  *im = Importer{};  // finalize statements before ending the transaction
  impl_->lookup.reset();
  if (failure) {
    (void)db.Exec("ROLLBACK");
    return tl::unexpected(*failure);
  }
  if (auto r = db.Exec("COMMIT"); !r) return tl::unexpected(r.error());
  return stats;
}

Result<Status> Database::GetStatus() const {
  Status status;
  std::map<std::pair<Layer, std::string>, LayerCount> counts;
  if (impl_->builtin) CountMemory(impl_->builtin->layer, Layer::kBuiltin, counts);
  CountMemory(impl_->overrides, Layer::kOverride, counts);
  if (impl_->db) {
    status.path = impl_->db->path();
    Result<sqlite::Statement> q = impl_->db->Prepare(
        "SELECT r.layer, a.ecosystem, COUNT(DISTINCT r.id), "
        "COUNT(DISTINCT CASE WHEN r.withdrawn THEN r.id END) "
        "FROM records r JOIN affected a "
        "ON a.record_id = r.id AND a.layer = r.layer "
        "GROUP BY r.layer, a.ecosystem");
    if (!q) return tl::unexpected(q.error());
    while (true) {
      Result<bool> row = q->Step();
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      LayerCount& c = counts[{LayerOf(q->Int(0)), std::string(q->Text(1))}];
      c.layer = LayerOf(q->Int(0));
      c.ecosystem = q->Text(1);
      c.records += static_cast<std::uint64_t>(q->Int(2));
      c.withdrawn += static_cast<std::uint64_t>(q->Int(3));
    }
    Result<sqlite::Statement> last = impl_->db->Prepare(
        "SELECT time, source FROM imports ORDER BY rowid DESC LIMIT 1");
    if (!last) return tl::unexpected(last.error());
    Result<bool> row = last->Step();
    if (!row) return tl::unexpected(row.error());
    if (*row) {
      status.last_import_time = last->Text(0);
      status.last_import_source = last->Text(1);
    }
  }
  for (auto& [key, c] : counts) status.counts.push_back(c);
  return status;
}

Result<std::vector<ListEntry>> Database::List(const ListFilter& filter) const {
  std::vector<ListEntry> out;
  if (impl_->builtin) ListMemory(impl_->builtin->layer, Layer::kBuiltin, filter, out);
  ListMemory(impl_->overrides, Layer::kOverride, filter, out);
  if (impl_->db) {
    Result<sqlite::Statement> q = impl_->db->Prepare(
        "SELECT r.id, a.ecosystem, a.name, r.summary, r.layer, r.withdrawn "
        "FROM affected a JOIN records r "
        "ON r.id = a.record_id AND r.layer = a.layer "
        "WHERE (?1 = '' OR a.ecosystem = ?1 COLLATE NOCASE) "
        "AND (?2 = '' OR a.name = ?2)");
    if (!q) return tl::unexpected(q.error());
    q->Bind(1, filter.ecosystem).Bind(2, filter.package);
    while (true) {
      Result<bool> row = q->Step();
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      out.push_back(ListEntry{std::string(q->Text(0)), std::string(q->Text(1)),
                              std::string(q->Text(2)), std::string(q->Text(3)),
                              LayerOf(q->Int(4)), q->Int(5) != 0});
    }
  }
  std::sort(out.begin(), out.end(), [](const ListEntry& a, const ListEntry& b) {
    return std::tie(a.id, a.package, b.layer) <
           std::tie(b.id, b.package, a.layer);
  });
  return out;
}

Result<StoredRecord> Database::Show(std::string_view id) const {
  // Exact ids first, highest layer first; then aliases, likewise.
  for (int pass = 0; pass < 2; ++pass) {
    const bool alias = pass == 1;
    if (const MemoryLayer::Entry* e = impl_->overrides.FindId(id);
        e != nullptr && (alias || e->record.id == id)) {
      return StoredRecord{e->record.id, Layer::kOverride,
                          osv::PrettyJson(e->json)};
    }
    if (impl_->db) {
      Result<sqlite::Statement> q = impl_->db->Prepare(
          alias ? "SELECT r.id, r.layer, r.json FROM aliases al JOIN records r "
                  "ON r.id = al.record_id AND r.layer = al.layer "
                  "WHERE al.alias = ?1 ORDER BY r.layer DESC LIMIT 1"
                : "SELECT id, layer, json FROM records WHERE id = ?1 "
                  "ORDER BY layer DESC LIMIT 1");
      if (!q) return tl::unexpected(q.error());
      q->Bind(1, id);
      Result<bool> row = q->Step();
      if (!row) return tl::unexpected(row.error());
      if (*row) {
        return StoredRecord{std::string(q->Text(0)), LayerOf(q->Int(1)),
                            osv::PrettyJson(q->Text(2))};
      }
    }
    if (impl_->builtin) {
      if (const MemoryLayer::Entry* e = impl_->builtin->layer.FindId(id);
          e != nullptr && (alias || e->record.id == id)) {
        return StoredRecord{e->record.id, Layer::kBuiltin,
                            osv::PrettyJson(e->json)};
      }
    }
  }
  return Fail(ErrorCode::kNotFound,
              "no advisory with id or alias \"" + std::string(id) + "\"");
}

}  // namespace chainward::advisory
