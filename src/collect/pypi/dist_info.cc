// Core metadata, RECORD and direct_url.json: three small line- or
// JSON-based formats, each read in one pass over the text.
//
// Core metadata is read as Python's email parser (compat32) reads it:
//
//   Metadata-Version: 2.1
//   Name: Demo-Lib
//   Requires-Dist: tiny.dep (>=0.2)
//   Requires-Dist: requests (>=2.31) ;
//     extra == 'http'                      <- continues the header above
//                                          <- blank line: headers end here
//   # Demo_Lib                             <- body, never read
//
// RECORD is a CSV file written by Python's csv module; readers
// (importlib.metadata, pip) split it into lines first, so a quoted field
// never spans lines and neither does a row here. Row problems are reported
// with their line and column and the row is skipped, so one bad row does not
// hide the digests of the rest.
#include "collect/pypi/dist_info.h"

#include <cctype>
#include <utility>

#include "base/limits.h"
#include "base/text.h"
#include "collect/json_support.h"
#include "collect/pypi/redact.h"

namespace chainward::collect::pypi {

namespace {

namespace od = simdjson::ondemand;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// A short, printable rendering of input text for messages.
std::string Quote(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::string out = "\"" + SanitizeForTerminal(text.substr(0, kMax));
  if (text.size() > kMax) out += "...";
  return out + "\"";
}

// Characters of an RFC 5322 field name, as Python's feedparser accepts
// them: printable ASCII except ":" (and space, which it excludes too).
bool IsFieldNameChar(char c) { return c >= '!' && c <= '~' && c != ':'; }

// The next line of `text` from `pos`, without its "\n" or "\r\n"; advances
// `pos` past the line break.
std::string_view NextLine(std::string_view text, std::size_t& pos) {
  std::size_t end = text.find('\n', pos);
  std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos = next;
  return line;
}

void Store(CoreMetadata& m, std::string_view name, std::string value, std::uint32_t line) {
  if (EqualsIgnoreCase(name, "Name")) {
    if (m.name.empty()) {
      m.name = std::move(value);
      m.name_line = line;
    }
  } else if (EqualsIgnoreCase(name, "Version")) {
    if (m.version.empty()) m.version = std::move(value);
  } else if (EqualsIgnoreCase(name, "Summary")) {
    if (m.summary.empty()) m.summary = std::move(value);
  } else if (EqualsIgnoreCase(name, "Metadata-Version")) {
    if (m.metadata_version.empty()) m.metadata_version = std::move(value);
  } else if (EqualsIgnoreCase(name, "Requires-Dist")) {
    m.requires_dist.push_back({std::move(value), line});
  }
}

}  // namespace

Result<CoreMetadata> ParseCoreMetadata(std::string_view file, std::string_view text,
                                       Diagnostics& diagnostics) {
  CoreMetadata m;
  std::string_view header;  // the header being read
  std::string value;
  std::uint32_t header_line = 0;
  std::uint32_t line_number = 0;
  std::size_t pos = 0;
  auto flush = [&] {
    if (header_line != 0) Store(m, header, std::string(Trim(value)), header_line);
    header_line = 0;
    value.clear();
  };
  while (pos < text.size()) {
    if (pos > limits::kMaxMetadataHeaderBytes) {
      return Fail(ErrorCode::kLimit, std::string(file) + ":" + std::to_string(line_number) +
                                         ": headers longer than " +
                                         std::to_string(limits::kMaxMetadataHeaderBytes) +
                                         " bytes");
    }
    std::string_view line = NextLine(text, pos);
    ++line_number;
    if (line.empty()) break;  // the body follows
    if (line[0] == ' ' || line[0] == '\t') {
      if (header_line == 0) {
        diagnostics.Warning(std::string(file), line_number, 1,
                            "continuation line before any header; the headers end here");
        break;
      }
      value += ' ';
      value += Trim(line);
      continue;
    }
    std::size_t colon = 0;
    while (colon < line.size() && IsFieldNameChar(line[colon])) ++colon;
    if (colon == line.size() || line[colon] != ':') {
      if (line_number == 1 && StartsWith(line, "From ")) continue;  // an mbox separator
      diagnostics.Warning(std::string(file), line_number, 1,
                          "expected a header (\"Name: value\"), found " + Quote(line) +
                              "; the headers end here");
      break;
    }
    flush();
    header = line.substr(0, colon);
    value.assign(line.substr(colon + 1));
    header_line = line_number;
  }
  flush();
  if (m.name.empty()) return Fail(ErrorCode::kParse, std::string(file) + ":1: no Name header");
  return m;
}

Result<std::vector<RecordEntry>> ParseRecord(std::string_view file, std::string_view text,
                                             Diagnostics& diagnostics) {
  std::vector<RecordEntry> entries;
  std::uint32_t line_number = 0;
  std::size_t pos = 0;
  std::vector<std::pair<std::string, std::uint32_t>> fields;  // value, column
  while (pos < text.size()) {
    std::string_view line = NextLine(text, pos);
    ++line_number;
    if (line.empty()) continue;
    if (entries.size() == limits::kMaxRecordEntries) {
      return Fail(ErrorCode::kLimit, std::string(file) + ":" + std::to_string(line_number) +
                                         ": more than " +
                                         std::to_string(limits::kMaxRecordEntries) + " entries");
    }
    auto error = [&](std::uint32_t column, std::string message) {
      diagnostics.Error(std::string(file), line_number, column, std::move(message));
    };
    fields.clear();
    std::size_t i = 0;
    bool bad = false;
    for (;;) {
      std::uint32_t column = static_cast<std::uint32_t>(i + 1);
      std::string field;
      if (i < line.size() && line[i] == '"') {
        std::size_t close = i + 1;
        for (;;) {
          std::size_t quote = line.find('"', close);
          if (quote == std::string_view::npos) {
            error(column, "unterminated quoted field");
            bad = true;
            break;
          }
          field.append(line.substr(close, quote - close));
          if (quote + 1 < line.size() && line[quote + 1] == '"') {
            field += '"';
            close = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        if (bad) break;
      }
      std::size_t comma = line.find(',', i);
      if (comma == std::string_view::npos) comma = line.size();
      field.append(line.substr(i, comma - i));  // text after a closing quote is kept, as csv does
      fields.emplace_back(std::move(field), column);
      if (comma == line.size()) break;
      i = comma + 1;
    }
    if (bad) continue;
    if (fields.size() != 3) {
      error(1, "expected 3 fields (path,hash,size), found " + std::to_string(fields.size()));
      continue;
    }
    RecordEntry entry;
    entry.line = line_number;
    entry.path = std::move(fields[0].first);
    if (entry.path.empty()) {
      error(1, "empty path");
      continue;
    }
    const std::string& hash = fields[1].first;
    if (!hash.empty()) {
      std::size_t eq = hash.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == hash.size()) {
        error(fields[1].second, "hash " + Quote(hash) + " is not algorithm=digest");
        continue;
      }
      entry.algorithm = hash.substr(0, eq);
      entry.digest = hash.substr(eq + 1);
    }
    const std::string& size = fields[2].first;
    if (!size.empty()) {
      std::uint64_t n = 0;
      bool ok = size.size() <= 19;
      for (char c : size) ok = ok && c >= '0' && c <= '9';
      if (!ok) {
        error(fields[2].second, "size " + Quote(size) + " is not a number");
        continue;
      }
      for (char c : size) n = n * 10 + static_cast<std::uint64_t>(c - '0');
      entry.size = n;
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

namespace {

// Reads the string members of an object into (key, value) pairs, and
// reports whether `editable` was true (for dir_info).
simdjson::error_code ReadObject(od::value value,
                                std::vector<std::pair<std::string, std::string>>& strings,
                                std::vector<std::pair<std::string, std::string>>* hashes,
                                bool* editable) {
  od::object obj;
  if (auto err = value.get_object().get(obj)) return err;
  for (auto field : obj) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) return err;
    od::value member;
    if (auto err = field.value().get(member)) return err;
    std::string_view s;
    if (key == "hashes" && hashes != nullptr) {
      od::object map;
      if (member.get_object().get(map) != simdjson::SUCCESS) continue;
      for (auto h : map) {
        std::string_view algorithm, hex;
        if (auto err = h.unescaped_key().get(algorithm)) return err;
        if (h.value().get_string().get(hex) == simdjson::SUCCESS) {
          hashes->emplace_back(std::string(algorithm), std::string(hex));
        }
      }
    } else if (key == "editable" && editable != nullptr) {
      bool b = false;
      if (member.get_bool().get(b) == simdjson::SUCCESS) *editable = b;
    } else if (member.get_string().get(s) == simdjson::SUCCESS) {
      strings.emplace_back(std::string(key), std::string(s));
    }
  }
  return simdjson::SUCCESS;
}

std::string Lookup(const std::vector<std::pair<std::string, std::string>>& strings,
                   std::string_view key) {
  for (const auto& [k, v] : strings) {
    if (k == key) return v;
  }
  return {};
}

}  // namespace

Result<DirectUrl> ParseDirectUrl(std::string_view file, std::string_view content) {
  JsonText text(file, content);
  od::document doc;
  if (std::optional<Error> error = text.Iterate(ThreadLocalJsonParser(), doc)) {
    return tl::unexpected(std::move(*error));
  }
  od::object root;
  if (auto err = doc.get_object().get(root)) {
    return tl::unexpected(text.ErrorAt(doc, "expected an object at the top level", err));
  }
  DirectUrl out;
  bool have_url = false;
  bool have_info = false;
  for (auto field : root) {
    std::string_view key;
    if (auto err = field.unescaped_key().get(key)) {
      return tl::unexpected(text.ErrorAt(doc, "malformed key", err));
    }
    od::value value;
    if (auto err = field.value().get(value)) {
      return tl::unexpected(text.ErrorAt(doc, "malformed value", err));
    }
    std::vector<std::pair<std::string, std::string>> strings;
    std::vector<std::pair<std::string, std::string>> hashes;
    if (key == "url") {
      std::string_view url;
      if (auto err = value.get_string().get(url)) {
        return tl::unexpected(text.ErrorAt(doc, "expected a string for \"url\"", err));
      }
      out.url = RedactUserinfo(url);
      have_url = true;
    } else if (key == "archive_info") {
      if (auto err = ReadObject(value, strings, &hashes, nullptr)) {
        return tl::unexpected(text.ErrorAt(doc, "expected an object for \"archive_info\"", err));
      }
      out.kind = DirectUrl::Kind::kArchive;
      have_info = true;
      for (auto& [algorithm, hex] : hashes) out.hashes.push_back(algorithm + ":" + hex);
      // The deprecated single "hash": "sha256=<hex>".
      std::string legacy = Lookup(strings, "hash");
      std::size_t eq = legacy.find('=');
      if (eq != std::string::npos) {
        std::string h = legacy.substr(0, eq) + ":" + legacy.substr(eq + 1);
        bool seen = false;
        for (const std::string& x : out.hashes) seen = seen || x == h;
        if (!seen) out.hashes.push_back(std::move(h));
      }
    } else if (key == "vcs_info") {
      if (auto err = ReadObject(value, strings, nullptr, nullptr)) {
        return tl::unexpected(text.ErrorAt(doc, "expected an object for \"vcs_info\"", err));
      }
      out.kind = DirectUrl::Kind::kVcs;
      have_info = true;
      out.vcs = Lookup(strings, "vcs");
      out.commit_id = Lookup(strings, "commit_id");
      out.requested_revision = Lookup(strings, "requested_revision");
      if (out.vcs.empty() || out.commit_id.empty()) {
        return Fail(ErrorCode::kParse,
                    std::string(file) + ": vcs_info needs \"vcs\" and \"commit_id\"");
      }
    } else if (key == "dir_info") {
      if (auto err = ReadObject(value, strings, nullptr, &out.editable)) {
        return tl::unexpected(text.ErrorAt(doc, "expected an object for \"dir_info\"", err));
      }
      out.kind = DirectUrl::Kind::kDirectory;
      have_info = true;
    }
  }
  if (!have_url) return Fail(ErrorCode::kParse, std::string(file) + ": no \"url\"");
  if (!have_info) {
    return Fail(ErrorCode::kParse,
                std::string(file) + ": none of archive_info, vcs_info, dir_info");
  }
  return out;
}

}  // namespace chainward::collect::pypi
