// TOML documents for the Python collectors (poetry.lock, uv.lock, pdm.lock,
// pylock.toml, pyproject.toml), read with toml++.
//
// toml++ is compiled into this library once (toml_support.cc defines
// TOML_IMPLEMENTATION) with exceptions off, so parse errors are values and
// fuzz and sanitizer builds instrument the parser too. Every file that uses
// toml++ types includes this header, never <toml++/toml.h> directly, so all
// of them see the same configuration.
#ifndef CHAINWARD_COLLECT_TOML_SUPPORT_H_
#define CHAINWARD_COLLECT_TOML_SUPPORT_H_

#define TOML_HEADER_ONLY 0
#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/package.h"

namespace chainward::collect {

// A parsed TOML document and the path it is reported under.
class TomlDocument {
 public:
  // Parses `content`, reported as `path`. Errors: kLimit when the text is
  // over limits::kMaxTomlBytes; kParse "path:line:col: reason" for text that
  // is not TOML (toml++ bounds nesting at 256 levels, which is reported
  // here as a parse error at the offending line). Characters toml++ 3.3
  // cannot classify without undefined behaviour are hidden from it (see
  // toml_support.cc); read strings through Text() to get them back.
  static Result<TomlDocument> Parse(std::string_view path, std::string_view content);

  const toml::table& root() const { return table_; }
  const std::string& path() const { return path_; }

  // Where `node` starts: "path:line:col", or "path" when toml++ kept no
  // position (values made by the parser for dotted keys).
  std::string Where(const toml::node& node) const;
  model::Location LocationOf(const toml::node& node) const;

  // The string at `node` as the file wrote it, or nullptr when `node` is not
  // a string. The pointer lives as long as the document.
  const std::string* Text(const toml::node& node) const;

 private:
  // The byte offset in the original text of a toml++ position.
  std::size_t OffsetOf(const toml::source_position& at) const;

  std::string path_;
  toml::table table_;
  // Where characters were replaced before parsing (byte offsets), and the
  // original text then; empty when none was.
  std::vector<std::size_t> replaced_;
  std::string original_;
  mutable std::deque<std::string> restored_;
};

// The string at `node`, or empty when it is missing or not a string. Prefer
// TomlDocument::Text, which also restores characters hidden from toml++.
std::string_view TomlString(const toml::node* node);

}  // namespace chainward::collect

#endif  // CHAINWARD_COLLECT_TOML_SUPPORT_H_
