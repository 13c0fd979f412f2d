// The one translation unit that compiles toml++'s implementation.
#define TOML_IMPLEMENTATION
#include "collect/toml_support.h"

#include "base/limits.h"

namespace chainward::collect {

Result<TomlDocument> TomlDocument::Parse(std::string_view path, std::string_view content) {
  if (content.size() > limits::kMaxTomlBytes) {
    return Fail(ErrorCode::kLimit, std::string(path) + ": TOML file is " +
                                       std::to_string(content.size()) +
                                       " bytes, over the limit of " +
                                       std::to_string(limits::kMaxTomlBytes));
  }
  TomlDocument doc;
  doc.path_ = std::string(path);
  toml::parse_result result = toml::parse(content, doc.path_);
  if (!result) {
    const toml::parse_error& error = result.error();
    const toml::source_position& at = error.source().begin;
    std::string where = doc.path_;
    if (at.line != 0) {
      where += ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
    }
    return Fail(ErrorCode::kParse, where + ": " + std::string(error.description()));
  }
  doc.table_ = std::move(result).table();
  return doc;
}

std::string TomlDocument::Where(const toml::node& node) const {
  const toml::source_position& at = node.source().begin;
  if (at.line == 0) return path_;
  return path_ + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

model::Location TomlDocument::LocationOf(const toml::node& node) const {
  const toml::source_position& at = node.source().begin;
  return model::Location{path_, at.line, at.column};
}

std::string_view TomlString(const toml::node* node) {
  if (node == nullptr) return {};
  if (const toml::value<std::string>* s = node->as_string()) return s->get();
  return {};
}

}  // namespace chainward::collect
