// Helpers for the JSON-based collectors (simdjson On-Demand).
#ifndef CHAINWARD_COLLECT_JSON_SUPPORT_H_
#define CHAINWARD_COLLECT_JSON_SUPPORT_H_

#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "base/error.h"
#include "base/text.h"

namespace chainward::collect {

// A JSON text copied into simdjson's padded buffer, with a line index so
// that positions inside it can be reported as "path:line:col".
class JsonText {
 public:
  JsonText(std::string_view path, std::string_view content);

  const simdjson::padded_string& padded() const { return padded_; }
  std::string_view path() const { return path_; }

  // Position of `p`, a pointer into padded(); line 0 when `p` is outside.
  LineIndex::Position PositionOf(const char* p) const;
  // "path:line:col" of `p` (or "path" alone when unknown).
  std::string Where(const char* p) const;

  // Starts `parser` on the text. Fails with kLimit, at the opening bracket,
  // when the text nests deeper than limits::kMaxNestingDepth, and with
  // kParse ("path: not JSON (reason)") when simdjson refuses it.
  // Sets `doc` and returns nothing on success.
  std::optional<Error> Iterate(simdjson::ondemand::parser& parser,
                               simdjson::ondemand::document& doc) const;

  // A kParse (or kLimit for depth errors) Error at the document's current
  // location: "path:line:col: what (simdjson's reason)".
  Error ErrorAt(simdjson::ondemand::document& doc, std::string_view what,
                simdjson::error_code code) const;

 private:
  std::string path_;
  simdjson::padded_string padded_;
  LineIndex lines_;
};

// A parser with chainward's depth limit. One per thread.
simdjson::ondemand::parser& ThreadLocalJsonParser();

}  // namespace chainward::collect

#endif  // CHAINWARD_COLLECT_JSON_SUPPORT_H_
