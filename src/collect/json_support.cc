#include "collect/json_support.h"

#include "base/limits.h"

namespace chainward::collect {

JsonText::JsonText(std::string_view path, std::string_view content)
    : path_(path), padded_(content), lines_(content) {}

LineIndex::Position JsonText::PositionOf(const char* p) const {
  const char* base = padded_.data();
  if (p == nullptr || p < base || p > base + padded_.size()) return {0, 0};
  return lines_.At(static_cast<std::size_t>(p - base));
}

std::string JsonText::Where(const char* p) const {
  LineIndex::Position pos = PositionOf(p);
  if (pos.line == 0) return path_;
  return path_ + ":" + std::to_string(pos.line) + ":" +
         std::to_string(pos.column);
}

std::optional<Error> JsonText::Iterate(simdjson::ondemand::parser& parser,
                                       simdjson::ondemand::document& doc) const {
  std::string_view view(padded_.data(), padded_.size());
  std::size_t deep = FindJsonNestingPast(view, limits::kMaxNestingDepth);
  if (deep != std::string_view::npos) {
    return Error{ErrorCode::kLimit, Where(padded_.data() + deep) + ": nesting deeper than " +
                                        std::to_string(limits::kMaxNestingDepth) + " levels"};
  }
  if (auto err = parser.iterate(padded_).get(doc)) {
    return Error{ErrorCode::kParse, path_ + ": not JSON (" + simdjson::error_message(err) + ")"};
  }
  return std::nullopt;
}

Error JsonText::ErrorAt(simdjson::ondemand::document& doc,
                        std::string_view what,
                        simdjson::error_code code) const {
  const char* p = nullptr;
  if (doc.current_location().get(p) != simdjson::SUCCESS) p = nullptr;
  ErrorCode ec =
      code == simdjson::DEPTH_ERROR ? ErrorCode::kLimit : ErrorCode::kParse;
  std::string message = Where(p) + ": " + std::string(what);
  if (code != simdjson::SUCCESS) {
    message += " (";
    message += simdjson::error_message(code);
    message += ")";
  }
  return Error{ec, std::move(message)};
}

simdjson::ondemand::parser& ThreadLocalJsonParser() {
  thread_local simdjson::ondemand::parser parser(
      simdjson::SIMDJSON_MAXSIZE_BYTES);
  thread_local bool allocated = false;
  if (!allocated) {
    // Depth is bounded so hostile nesting fails cleanly (DEPTH_ERROR).
    // On failure the parser keeps its defaults and allocates on first use.
    allocated = parser.allocate(1 << 16, limits::kMaxNestingDepth) ==
                simdjson::SUCCESS;
  }
  return parser;
}

}  // namespace chainward::collect
