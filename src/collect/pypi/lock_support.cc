#include "collect/pypi/lock_support.h"

#include <utility>

#include "base/limits.h"
#include "base/text.h"

namespace chainward::collect::pypi {


bool IsDefaultIndex(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return url == "https://pypi.org/simple" || url == "https://pypi.org/pypi" ||
         url == "https://pypi.python.org/simple";
}

bool ParseLockVersion(std::string_view text, int* major, int* minor) {
  auto number = [&text](int* out) {
    if (text.empty() || text[0] < '0' || text[0] > '9') return false;
    long value = 0;
    while (!text.empty() && text[0] >= '0' && text[0] <= '9') {
      if (value < 1'000'000) value = value * 10 + (text[0] - '0');
      text.remove_prefix(1);
    }
    *out = static_cast<int>(value);
    return true;
  };
  *minor = 0;
  if (!number(major)) return false;
  if (!text.empty() && text[0] == '.') {
    text.remove_prefix(1);
    number(minor);
  }
  return true;
}

std::string_view TomlTypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

void TomlReader::Error(const toml::node& node, std::string message) {
  model::Location at = document_.LocationOf(node);
  diagnostics_.Error(document_.path(), at.line, at.column, std::move(message));
}

void TomlReader::Warning(const toml::node& node, std::string message) {
  model::Location at = document_.LocationOf(node);
  diagnostics_.Warning(document_.path(), at.line, at.column, std::move(message));
}

void TomlReader::WrongType(const toml::node& node, std::string_view expected,
                           std::string_view key) {
  Error(node, "expected " + std::string(expected) + " for \"" + std::string(key) + "\", found " +
                  std::string(TomlTypeName(node)));
}

const std::string* TomlReader::String(const toml::table& table, std::string_view key, bool* bad) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return nullptr;
  if (const std::string* s = document_.Text(*node)) return s;
  WrongType(*node, "a string", key);
  if (bad != nullptr) *bad = true;
  return nullptr;
}

const toml::table* TomlReader::Table(const toml::table& table, std::string_view key, bool* bad) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return nullptr;
  if (const toml::table* t = node->as_table()) return t;
  WrongType(*node, "a table", key);
  if (bad != nullptr) *bad = true;
  return nullptr;
}

const toml::array* TomlReader::Array(const toml::table& table, std::string_view key, bool* bad) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return nullptr;
  if (const toml::array* a = node->as_array()) return a;
  WrongType(*node, "an array", key);
  if (bad != nullptr) *bad = true;
  return nullptr;
}

bool TomlReader::Bool(const toml::table& table, std::string_view key, bool fallback, bool* bad) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return fallback;
  if (const toml::value<bool>* b = node->as_boolean()) return b->get();
  WrongType(*node, "a boolean", key);
  if (bad != nullptr) *bad = true;
  return fallback;
}

std::vector<std::string> TomlReader::Strings(const toml::table& table, std::string_view key) {
  std::vector<std::string> out;
  const toml::node* node = table.get(key);
  if (node == nullptr) return out;
  if (const std::string* s = document_.Text(*node)) {
    out.push_back(*s);
    return out;
  }
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    WrongType(*node, "an array of strings", key);
    return out;
  }
  for (const toml::node& item : *array) {
    if (const std::string* s = document_.Text(item)) {
      out.push_back(*s);
    } else {
      WrongType(item, "a string", key);
    }
  }
  return out;
}

std::optional<TomlReader::EntryHead> TomlReader::ReadEntryHead(const toml::node& node,
                                                               std::string_view array,
                                                               bool version_required) {
  EntryHead head;
  head.table = node.as_table();
  if (head.table == nullptr) {
    Error(node, "expected a table for " + std::string(array) + ", found " +
                    std::string(TomlTypeName(node)));
    return std::nullopt;
  }
  bool bad = false;
  head.name = String(*head.table, "name", &bad);
  head.version = String(*head.table, "version", &bad);
  if (bad) return std::nullopt;
  if (head.name == nullptr || (version_required && head.version == nullptr)) {
    Error(node, std::string(array) + " entry without \"" +
                    (head.name == nullptr ? "name" : "version") + "\"; skipped");
    return std::nullopt;
  }
  return head;
}

bool TomlReader::RoomForPackage(std::size_t packages, const toml::node& at) {
  if (packages < limits::kMaxPackagesPerSource) return true;
  if (!limit_reported_) {
    Error(at, "more than " + std::to_string(limits::kMaxPackagesPerSource) +
                  " packages; the rest are skipped");
    limit_reported_ = true;
  }
  return false;
}

void TomlReader::AppendHashes(const toml::array& files, std::string_view what,
                              std::vector<std::string>& out) {
  for (const toml::node& file : files) {
    const toml::table* f = file.as_table();
    if (f == nullptr) {
      Error(file, "expected a table for a " + std::string(what) + ", found " +
                      std::string(TomlTypeName(file)));
      continue;
    }
    if (const std::string* hash = String(*f, "hash")) out.push_back(*hash);
  }
}

void WarnNoPyproject(const TomlReader& reader, Diagnostics& diagnostics) {
  diagnostics.Warning(reader.path(), 0, 0,
                      "no pyproject.toml beside this lockfile: direct dependencies are unknown");
}

}  // namespace chainward::collect::pypi
