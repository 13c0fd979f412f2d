// Pipfile.lock, read in one pass with simdjson On-Demand.
//
// The document is read in order; "_meta" usually comes first but need not,
// so each entry keeps the name of its "index" source and the URLs are
// filled in at the end. A value of the wrong type spoils only its entry
// (simdjson's type errors leave the iterator usable): the entry is reported
// and skipped, and the next one is read.
#include "collect/pypi/pipfile_lock.h"

#include <utility>
#include <vector>

#include "base/limits.h"
#include "collect/json_support.h"
#include "collect/pypi/pep508.h"
#include "collect/pypi/redact.h"
#include "collect/toml_support.h"

namespace chainward::collect::pypi {

namespace {

namespace od = simdjson::ondemand;

struct Entry {
  model::Package package;
  std::string index;  // the source's name
  const char* key = nullptr;
};

bool Recoverable(simdjson::error_code err) {
  return err == simdjson::INCORRECT_TYPE || err == simdjson::NUMBER_ERROR ||
         err == simdjson::NO_SUCH_FIELD;
}

simdjson::error_code ReadStringArray(od::value value, std::vector<std::string>& out) {
  od::array array;
  if (auto err = value.get_array().get(array)) return err;
  for (auto element : array) {
    std::string_view s;
    if (auto err = element.get_string().get(s)) return err;
    out.emplace_back(s);
  }
  return simdjson::SUCCESS;
}

class LockReader {
 public:
  LockReader(std::string_view path, std::string_view content, const PipfileNames* pipfile,
             Diagnostics& diagnostics)
      : text_(path, content), pipfile_(pipfile), diagnostics_(diagnostics) {}

  Result<model::Source> Read();

 private:
  simdjson::error_code ReadMeta(od::object meta);
  simdjson::error_code ReadCategory(std::string_view category, od::object entries);
  // Reads one entry's fields; `failed` names the field whose type was wrong.
  simdjson::error_code ReadEntry(od::object fields, Entry& entry, std::string_view& failed);
  void Report(const char* where, std::string message, bool error = true) {
    LineIndex::Position pos = text_.PositionOf(where);
    if (error) {
      diagnostics_.Error(std::string(text_.path()), pos.line, pos.column, std::move(message));
    } else {
      diagnostics_.Warning(std::string(text_.path()), pos.line, pos.column, std::move(message));
    }
  }

  JsonText text_;
  const PipfileNames* pipfile_;
  Diagnostics& diagnostics_;
  std::string format_version_;
  std::map<std::string, std::string> sources_;  // name -> URL, redacted
  std::vector<Entry> entries_;
  bool limit_reported_ = false;
};

simdjson::error_code LockReader::ReadMeta(od::object meta) {
  for (auto field : meta) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    if (key == "pipfile-spec") {
      std::int64_t spec = 0;
      if (field.value().get_int64().get(spec) == simdjson::SUCCESS) {
        format_version_ = std::to_string(spec);
      }
    } else if (key == "sources") {
      od::array sources;
      if (auto err = field.value().get_array().get(sources)) return err;
      for (auto element : sources) {
        od::object source;
        if (auto err = element.get_object().get(source)) return err;
        std::string name, url;
        for (auto source_field : source) {
          std::string_view source_key, value;
          if (auto err = source_field.unescaped_key().get(source_key)) return err;
          if (source_key != "name" && source_key != "url") continue;
          if (auto err = source_field.value().get_string().get(value)) return err;
          (source_key == "name" ? name : url) = std::string(value);
        }
        if (!name.empty()) sources_[name] = RedactUserinfo(url);
      }
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code LockReader::ReadEntry(od::object fields, Entry& entry,
                                           std::string_view& failed) {
  model::Package& p = entry.package;
  std::string git, ref, path, file;
  model::SourceKind vcs_kind = model::SourceKind::kGit;
  for (auto field : fields) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    od::value value;
    if (auto err = field.value().get(value)) return err;
    failed = key;
    simdjson::error_code err = simdjson::SUCCESS;
    std::string_view s;
    if (key == "version" || key == "markers" || key == "index" || key == "git" || key == "hg" ||
        key == "svn" || key == "bzr" || key == "ref" || key == "path" || key == "file") {
      err = value.get_string().get(s);
      if (err) return err;
      if (key == "version") {
        p.version = PinnedVersion(s);
        if (p.version.empty() && s != "*") p.specifier = s;
      } else if (key == "markers") {
        p.markers = s;
      } else if (key == "index") {
        entry.index = s;
      } else if (key == "ref") {
        ref = s;
      } else if (key == "path") {
        path = s;
      } else if (key == "file") {
        file = s;
      } else {
        git = s;
        if (key != "git") vcs_kind = model::SourceKind::kTarball;  // hg, svn, bzr
      }
    } else if (key == "hashes") {
      err = ReadStringArray(value, p.hashes);
    } else if (key == "extras") {
      err = ReadStringArray(value, p.extras);
    } else if (key == "editable") {
      bool b = false;
      err = value.get_bool().get(b);
      p.flags.editable = b;
    }
    if (err) return err;
  }
  failed = {};
  if (!git.empty()) {
    p.kind = vcs_kind;
    p.resolved = RedactUserinfo(git) + (ref.empty() ? "" : "@" + ref);
  } else if (!file.empty()) {
    bool remote = StartsWith(file, "http://") || StartsWith(file, "https://");
    p.kind = remote ? model::SourceKind::kTarball : model::SourceKind::kFile;
    p.resolved = RedactUserinfo(file);
  } else if (!path.empty()) {
    p.kind = model::SourceKind::kFile;
    p.resolved = path;
  }
  return simdjson::SUCCESS;
}

simdjson::error_code LockReader::ReadCategory(std::string_view category, od::object entries) {
  const std::set<std::string>* declared = nullptr;
  if (pipfile_ != nullptr) {
    auto it = pipfile_->categories.find(std::string(category));
    if (it != pipfile_->categories.end()) declared = &it->second;
  }
  for (auto field : entries) {
    od::raw_json_string raw;
    std::string_view name;
    if (auto err = field.key().get(raw)) return err;
    if (auto err = field.unescaped_key().get(name)) return err;
    const char* where = raw.raw() - 1;  // the opening quote
    od::object fields;
    if (auto err = field.value().get_object().get(fields)) {
      if (!Recoverable(err)) return err;
      Report(where, "entry \"" + std::string(name) + "\" is not an object; skipped");
      continue;
    }
    if (name.empty()) {
      Report(where, "an entry with an empty name; skipped");
      continue;
    }
    Entry entry;
    entry.key = where;
    std::string_view failed;
    if (auto err = ReadEntry(fields, entry, failed)) {
      if (!Recoverable(err)) return err;
      Report(where, "entry \"" + std::string(name) + "\": \"" + std::string(failed) +
                        "\" has the wrong type (" + simdjson::error_message(err) + "); skipped");
      continue;
    }
    model::Package& p = entry.package;
    p.ecosystem = model::Ecosystem::kPyPI;
    p.name = name;
    p.flags.dev = category == "develop";
    p.flags.optional = category != "default" && category != "develop";
    p.flags.direct = declared != nullptr && declared->count(NormalizeName(name)) > 0;
    LineIndex::Position pos = text_.PositionOf(where);
    p.locations.push_back(model::Location{std::string(text_.path()), pos.line, pos.column});
    if (entries_.size() >= limits::kMaxPackagesPerSource) {
      if (!limit_reported_) {
        Report(where, "more than " + std::to_string(limits::kMaxPackagesPerSource) +
                          " packages; the rest are skipped");
        limit_reported_ = true;
      }
      continue;
    }
    entries_.push_back(std::move(entry));
  }
  return simdjson::SUCCESS;
}

Result<model::Source> LockReader::Read() {
  od::document doc;
  if (std::optional<Error> error = text_.Iterate(ThreadLocalJsonParser(), doc)) {
    return tl::unexpected(std::move(*error));
  }
  od::object root;
  if (auto err = doc.get_object().get(root)) {
    return tl::unexpected(text_.ErrorAt(doc, "expected an object at the top level", err));
  }
  bool recognised = false;
  for (auto field : root) {
    od::raw_json_string raw;
    std::string_view key;
    if (auto err = field.key().get(raw)) return tl::unexpected(text_.ErrorAt(doc, "malformed key", err));
    if (auto err = field.unescaped_key().get(key)) {
      return tl::unexpected(text_.ErrorAt(doc, "malformed key", err));
    }
    const char* where = raw.raw() - 1;
    od::object object;
    if (auto err = field.value().get_object().get(object)) {
      if (!Recoverable(err)) {
        return tl::unexpected(text_.ErrorAt(doc, "malformed \"" + std::string(key) + "\"", err));
      }
      Report(where, "\"" + std::string(key) + "\" is not an object; skipped");
      continue;
    }
    if (key == "_meta" || key == "default" || key == "develop") recognised = true;
    simdjson::error_code err =
        key == "_meta" ? ReadMeta(object) : ReadCategory(key, object);
    if (err) {
      if (!Recoverable(err)) {
        return tl::unexpected(text_.ErrorAt(doc, "malformed \"" + std::string(key) + "\"", err));
      }
      Report(where, "\"" + std::string(key) + "\" is malformed (" + simdjson::error_message(err) +
                        "); the rest of it is skipped");
    }
  }
  const char* end = nullptr;
  if (doc.current_location().get(end) == simdjson::SUCCESS) {
    return Fail(ErrorCode::kParse, text_.Where(end) + ": trailing content after the lockfile");
  }
  if (!recognised) {
    return Fail(ErrorCode::kParse, std::string(text_.path()) +
                                       ": not a Pipfile.lock (no \"_meta\", \"default\" or "
                                       "\"develop\")");
  }
  model::Source source;
  source.format = model::SourceFormat::kPipfileLock;
  source.path = std::string(text_.path());
  source.format_version = format_version_;
  source.packages.reserve(entries_.size());
  for (Entry& entry : entries_) {
    if (!entry.index.empty()) {
      auto it = sources_.find(entry.index);
      if (it != sources_.end()) {
        entry.package.index = it->second;
      } else {
        Report(entry.key, "entry \"" + entry.package.name + "\" names the index \"" +
                              entry.index + "\", which \"_meta\" does not list", false);
      }
    }
    source.packages.push_back(std::move(entry.package));
  }
  return source;
}

}  // namespace

Result<PipfileNames> ParsePipfile(std::string_view path, std::string_view content) {
  auto doc = TomlDocument::Parse(path, content);
  if (!doc) return tl::unexpected(doc.error());
  PipfileNames names;
  for (const auto& [key, node] : doc->root()) {
    std::string_view table = key.str();
    if (table == "source" || table == "requires" || table == "scripts" || table == "pipenv" ||
        !node.is_table()) {
      continue;
    }
    std::string category = table == "packages"       ? "default"
                           : table == "dev-packages" ? "develop"
                                                     : std::string(table);
    std::set<std::string>& set = names.categories[category];
    for (const auto& [name, unused] : *node.as_table()) set.insert(NormalizeName(name.str()));
  }
  return names;
}

Result<model::Source> ParsePipfileLock(std::string_view path, std::string_view content,
                                       const PipfileNames* pipfile, Diagnostics& diagnostics) {
  if (content.size() > limits::kMaxLockfileBytes) {
    return Fail(ErrorCode::kLimit, std::string(path) + ": lockfile over " +
                                       std::to_string(limits::kMaxLockfileBytes) + " bytes");
  }
  LockReader reader(path, content, pipfile, diagnostics);
  return reader.Read();
}

}  // namespace chainward::collect::pypi
