// Internal to the lockfile YAML reader: the parser class shared by
// lockfile_yaml.cc (block structure) and lockfile_yaml_scalar.cc (quoted
// scalars and flow collections). Not part of the module's interface.
#ifndef CHAINWARD_COLLECT_LOCKFILE_YAML_PARSER_H_
#define CHAINWARD_COLLECT_LOCKFILE_YAML_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "collect/lockfile_yaml.h"

namespace chainward::collect::yaml {

inline bool IsBlank(char c) { return c == ' ' || c == '\t'; }

inline bool IsFlowIndicator(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

// Plain scalars the YAML core schema reads as null.
inline bool IsNullText(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Builds a Tree from text. One use per instance.
class Parser {
 public:
  Parser(std::string_view path, std::string_view text, Tree& tree)
      : path_(path), text_(text), tree_(tree) {}

  // Parses the whole text into tree_; the error, if any.
  std::optional<Error> Run();

 private:
  // An open block container.
  struct Frame {
    NodeId node;
    std::uint32_t indent;       // column (0-based) of its keys or dashes
    std::size_t scratch_start;  // its children start here on scratch_
    bool is_map;
    bool pending = false;       // a key or '-' waits for its value
    std::uint32_t pending_line = 0;
    std::uint32_t pending_column = 0;
  };
  struct FlowFrame {
    NodeId node;
    std::size_t scratch_start;
    bool is_map;
  };
  enum class LineKind { kSeqItem, kKey, kValue };

  bool Fail(ErrorCode code, std::size_t pos, std::string_view what);
  bool Unsupported(std::size_t pos, std::string_view what);
  std::uint32_t Column(std::size_t pos) const {
    return static_cast<std::uint32_t>(pos - line_start_ + 1);
  }

  NodeId NewNode(Kind kind, std::uint32_t line, std::uint32_t column);
  NodeId NewScalar(std::size_t pos, std::string_view text);
  bool CheckDepth(std::size_t pos);

  bool ProcessLine(std::size_t begin, std::size_t end);
  bool ProcessContent(std::size_t p, std::size_t end);
  bool Classify(std::size_t p, std::size_t end, LineKind& kind, NodeId& key,
                std::size_t& after);
  bool ParseValue(std::size_t p, std::size_t end, NodeId& out);
  bool ParseQuoted(std::size_t p, std::size_t end, NodeId& out,
                   std::size_t& after);
  bool ParseFlow(std::size_t p, std::size_t end, NodeId& out,
                 std::size_t& after);
  bool ParseFlowScalar(std::size_t p, std::size_t end, NodeId& out,
                       std::size_t& after);
  bool CheckIndicator(std::size_t p, std::size_t end, bool flow);
  bool ExpectLineEnd(std::size_t p, std::size_t end);
  std::size_t SkipBlanks(std::size_t p, std::size_t end) const {
    while (p < end && IsBlank(text_[p])) ++p;
    return p;
  }

  void Attach(NodeId child);
  bool PushFrame(NodeId node, std::uint32_t indent, bool is_map, std::size_t pos);
  void CloseFrame();
  void EndDocument();

  std::string path_;
  std::string_view text_;
  Tree& tree_;
  std::uint32_t line_ = 0;
  std::size_t line_start_ = 0;
  std::vector<Frame> stack_;
  std::vector<FlowFrame> flow_;
  std::vector<NodeId> scratch_;
  NodeId root_ = kNoNode;
  bool document_open_ = false;  // "---" seen, no root yet
  std::optional<Error> error_;
};

}  // namespace chainward::collect::yaml

#endif  // CHAINWARD_COLLECT_LOCKFILE_YAML_PARSER_H_
