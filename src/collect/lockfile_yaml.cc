// A line-at-a-time reader for lockfile YAML.
//
// Why not yaml-cpp: it builds a tree of reference-counted nodes and copies
// every scalar; on a 488 KB pnpm-lock.yaml that takes about 57 ms, longer
// than the rest of a scan. Lockfiles use a small, regular subset of YAML, so
// this reader handles that subset directly and refuses the rest.
//
// Design. The input is read line by line. Block structure is decided by each
// line's indentation against a stack of open containers (Frame): a line
// indented less than the top container closes it; a line indented more opens
// a new container as the value of the pending key ("key:" with nothing after
// it) or the pending sequence item ("-" with nothing after it). A line that
// starts with "- " is an item; the text after "- " is then processed again as
// if it were a line starting at that column, which is how "- a: 1" opens a
// map inside a sequence item. Flow collections ({...} and [...]) must end on
// the line where they start and are read by a second small state machine
// with its own explicit stack (lockfile_yaml_scalar.cc, with quoted
// scalars). No function recurses over the input.
//
// Nodes go into one vector. While a container is open its children's ids sit
// on a scratch stack; when it closes they are moved to `edges_` as one
// contiguous range, so children of every container are contiguous even
// though containers nest.
//
// Example:
//
//   packages:
//     /a/1.0.0:
//       resolution: {integrity: sha512-x}
//       os: [darwin]
//
// line 1 opens the root map (indent 0) with pending key "packages"; line 2 is
// indented more, so it opens a map (indent 2) as that value, with pending key
// "/a/1.0.0"; line 3 opens a map (indent 4) holding "resolution" whose value
// is the flow map {integrity: sha512-x}; line 4 adds "os" to it. At the end
// of input all three maps close, innermost first.
#include "collect/lockfile_yaml.h"

#include <cstring>
#include <optional>

#include "base/limits.h"
#include "collect/lockfile_yaml_parser.h"

namespace chainward::collect::yaml {

bool Parser::Fail(ErrorCode code, std::size_t pos, std::string_view what) {
  error_ = Error{code, path_ + ":" + std::to_string(line_) + ":" +
                           std::to_string(Column(pos)) + ": " +
                           std::string(what)};
  return false;
}

bool Parser::Unsupported(std::size_t pos, std::string_view what) {
  return Fail(ErrorCode::kUnsupported, pos,
              "unsupported YAML: " + std::string(what) +
                  " (lockfiles never use it)");
}

NodeId Parser::NewNode(Kind kind, std::uint32_t line, std::uint32_t column) {
  if (tree_.nodes_.size() >= limits::kMaxYamlNodes) {
    error_ = Error{ErrorCode::kLimit,
                   path_ + ":" + std::to_string(line) + ":" +
                       std::to_string(column) + ": more than " +
                       std::to_string(limits::kMaxYamlNodes) + " YAML nodes"};
    return kNoNode;
  }
  tree_.nodes_.push_back(Tree::Node{kind, false, line, column, 0, 0});
  return static_cast<NodeId>(tree_.nodes_.size() - 1);
}

// A scalar viewing `text`, which must lie inside text_.
NodeId Parser::NewScalar(std::size_t pos, std::string_view text) {
  NodeId id = NewNode(IsNullText(text) ? Kind::kNull : Kind::kScalar, line_,
                      Column(pos));
  if (id == kNoNode) return id;
  Tree::Node& n = tree_.nodes_[id];
  n.offset = static_cast<std::uint32_t>(text.data() - text_.data());
  n.length = static_cast<std::uint32_t>(text.size());
  return id;
}

bool Parser::CheckDepth(std::size_t pos) {
  if (stack_.size() + flow_.size() >= limits::kMaxNestingDepth) {
    return Fail(ErrorCode::kLimit, pos,
                "nesting deeper than " +
                    std::to_string(limits::kMaxNestingDepth) + " levels");
  }
  return true;
}

std::optional<Error> Parser::Run() {
  if (text_.size() > 0xffffffffu) {
    return Error{ErrorCode::kLimit, path_ + ": YAML text larger than 4 GiB"};
  }
  tree_.source_ = text_;
  tree_.nodes_.reserve(text_.size() / 16 + 16);
  tree_.edges_.reserve(text_.size() / 16 + 16);
  std::size_t pos = 0;
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // UTF-8 byte order mark
  while (pos < text_.size()) {
    ++line_;
    line_start_ = pos;
    const void* nl = std::memchr(text_.data() + pos, '\n', text_.size() - pos);
    std::size_t next = nl ? static_cast<std::size_t>(
                                static_cast<const char*>(nl) - text_.data()) + 1
                          : text_.size();
    std::size_t end = nl ? next - 1 : next;
    if (end > pos && text_[end - 1] == '\r') --end;
    if (!ProcessLine(pos, end)) return error_;
    pos = next;
  }
  ++line_;
  line_start_ = text_.size();
  EndDocument();
  if (error_) return error_;
  return std::nullopt;
}

bool Parser::ProcessLine(std::size_t begin, std::size_t end) {
  std::size_t p = begin;
  while (p < end && text_[p] == ' ') ++p;
  if (p < end && text_[p] == '\t') {
    std::size_t q = SkipBlanks(p, end);
    if (q < end && text_[q] != '#') {
      return Fail(ErrorCode::kParse, p, "tab in indentation");
    }
    return true;
  }
  if (p == end || text_[p] == '#') return true;  // blank or comment line
  if (p == begin && end - begin >= 3) {
    std::string_view head = text_.substr(begin, 3);
    bool marker_end = end - begin == 3 || IsBlank(text_[begin + 3]);
    if (marker_end && (head == "---" || head == "...")) {
      std::size_t q = SkipBlanks(begin + 3, end);
      if (q < end && text_[q] != '#') {
        return Unsupported(q, "content on a document marker line");
      }
      EndDocument();
      if (error_) return false;
      document_open_ = head == "---";
      return true;
    }
  }
  if (p == begin && text_[p] == '%') return Unsupported(p, "directive '%'");
  return ProcessContent(p, end);
}

bool Parser::CheckIndicator(std::size_t p, std::size_t end, bool flow) {
  char c = text_[p];
  bool spaced = p + 1 == end || IsBlank(text_[p + 1]);
  switch (c) {
    case '&': return Unsupported(p, "anchor '&'");
    case '*': return Unsupported(p, "alias '*'");
    case '!': return Unsupported(p, "tag '!'");
    case '|':
    case '>': return Unsupported(p, std::string("block scalar '") + c + "'");
    case '%': return Unsupported(p, "directive '%'");
    case '@':
    case '`':
      return Fail(ErrorCode::kParse, p,
                  std::string("reserved character '") + c + "' starts a scalar");
    case '?':
      if (spaced) return Unsupported(p, "complex key '?'");
      break;
    case '-':
      if (spaced && !flow) {
        return Fail(ErrorCode::kParse, p, "a block sequence is not allowed here");
      }
      break;
    case ':':
      if (spaced) return Fail(ErrorCode::kParse, p, "empty key");
      break;
    default:
      break;
  }
  return true;
}

bool Parser::ExpectLineEnd(std::size_t p, std::size_t end) {
  std::size_t q = SkipBlanks(p, end);
  if (q == end || (text_[q] == '#' && q > p)) return true;
  return Fail(ErrorCode::kParse, q, "unexpected text after a value");
}

bool Parser::Classify(std::size_t p, std::size_t end, LineKind& kind,
                      NodeId& key, std::size_t& after) {
  char c = text_[p];
  if (c == '-' && (p + 1 == end || IsBlank(text_[p + 1]))) {
    kind = LineKind::kSeqItem;
    after = p + 1;
    return true;
  }
  if (c == '"' || c == '\'') {
    std::size_t q;
    NodeId node;
    if (!ParseQuoted(p, end, node, q)) return false;
    std::size_t r = SkipBlanks(q, end);
    if (r < end && text_[r] == ':' && (r + 1 == end || IsBlank(text_[r + 1]))) {
      kind = LineKind::kKey;
      key = node;
      after = r + 1;
      return true;
    }
    if (!ExpectLineEnd(q, end)) return false;
    kind = LineKind::kValue;
    key = node;  // the value itself; ProcessContent uses it as is
    after = q;
    return true;
  }
  if (c == '{' || c == '[') {
    kind = LineKind::kValue;
    key = kNoNode;
    return true;
  }
  if (!CheckIndicator(p, end, false)) return false;
  for (std::size_t i = p; i < end; ++i) {
    char d = text_[i];
    if (d == '#' && IsBlank(text_[i - 1])) break;
    if (d == ':' && (i + 1 == end || IsBlank(text_[i + 1]))) {
      std::size_t e = i;
      while (e > p && IsBlank(text_[e - 1])) --e;
      key = NewScalar(p, text_.substr(p, e - p));
      if (key == kNoNode) return false;
      kind = LineKind::kKey;
      after = i + 1;
      return true;
    }
  }
  kind = LineKind::kValue;
  key = kNoNode;
  return true;
}

void Parser::Attach(NodeId child) {
  if (stack_.empty()) {
    root_ = child;
    return;
  }
  scratch_.push_back(child);
  stack_.back().pending = false;
}

bool Parser::PushFrame(NodeId node, std::uint32_t indent, bool is_map,
                       std::size_t pos) {
  if (!CheckDepth(pos)) return false;
  Attach(node);
  stack_.push_back(Frame{node, indent, scratch_.size(), is_map});
  return true;
}

void Parser::CloseFrame() {
  Frame& top = stack_.back();
  if (top.pending) {
    NodeId null = NewNode(Kind::kNull, top.pending_line, top.pending_column);
    if (null == kNoNode) return;
    scratch_.push_back(null);
  }
  Tree::Node& n = tree_.nodes_[top.node];
  n.offset = static_cast<std::uint32_t>(tree_.edges_.size());
  n.length = static_cast<std::uint32_t>(scratch_.size() - top.scratch_start);
  tree_.edges_.insert(tree_.edges_.end(),
                      scratch_.begin() + static_cast<std::ptrdiff_t>(top.scratch_start),
                      scratch_.end());
  scratch_.resize(top.scratch_start);
  stack_.pop_back();
}

void Parser::EndDocument() {
  while (!stack_.empty() && !error_) CloseFrame();
  if (error_) return;
  if (root_ == kNoNode && document_open_) {
    root_ = NewNode(Kind::kNull, line_, 1);
    if (root_ == kNoNode) return;
  }
  if (root_ != kNoNode) tree_.documents_.push_back(root_);
  root_ = kNoNode;
  document_open_ = false;
}

bool Parser::ProcessContent(std::size_t p, std::size_t end) {
  while (true) {
    auto col = static_cast<std::uint32_t>(p - line_start_);
    LineKind kind;
    NodeId head = kNoNode;
    std::size_t after = p;
    if (!Classify(p, end, kind, head, after)) return false;

    // Close what this line ends; stop at the container it belongs to.
    while (!stack_.empty()) {
      Frame& top = stack_.back();
      if (top.pending) {
        if (col > top.indent ||
            (col == top.indent && kind == LineKind::kSeqItem && top.is_map)) {
          break;
        }
        NodeId null = NewNode(Kind::kNull, top.pending_line, top.pending_column);
        if (null == kNoNode) return false;
        Attach(null);
        continue;
      }
      if (col < top.indent) {
        CloseFrame();
        if (error_) return false;
        continue;
      }
      if (col == top.indent) {
        if (top.is_map && kind == LineKind::kKey) break;
        if (!top.is_map && kind == LineKind::kSeqItem) break;
        if (!top.is_map && kind == LineKind::kKey && stack_.size() >= 2 &&
            stack_[stack_.size() - 2].is_map &&
            stack_[stack_.size() - 2].indent == col) {
          CloseFrame();  // "key:\n- a\nnext:" — a sequence at its key's indent
          if (error_) return false;
          continue;
        }
        return Fail(ErrorCode::kParse, p,
                    top.is_map ? "expected a mapping key"
                               : "expected a sequence item '-'");
      }
      return Fail(ErrorCode::kParse, p,
                  "bad indentation (multi-line scalars are not supported)");
    }
    if (stack_.empty() && root_ != kNoNode) {
      return Fail(ErrorCode::kParse, p, "content after the end of the document");
    }
    bool open_new = stack_.empty() || stack_.back().pending;

    if (kind == LineKind::kSeqItem) {
      if (open_new) {
        NodeId seq = NewNode(Kind::kSequence, line_, Column(p));
        if (seq == kNoNode || !PushFrame(seq, col, false, p)) return false;
      }
      Frame& top = stack_.back();
      top.pending = true;
      top.pending_line = line_;
      top.pending_column = Column(after);
      std::size_t q = SkipBlanks(after, end);
      if (q == end || text_[q] == '#') return true;
      p = q;  // "- rest": read rest as if it started a line at its column
      continue;
    }
    if (kind == LineKind::kKey) {
      if (open_new) {
        NodeId map = NewNode(Kind::kMap, line_, Column(p));
        if (map == kNoNode || !PushFrame(map, col, true, p)) return false;
      }
      scratch_.push_back(head);
      Frame& top = stack_.back();
      std::size_t q = SkipBlanks(after, end);
      if (q == end || text_[q] == '#') {
        top.pending = true;
        top.pending_line = line_;
        top.pending_column = Column(after);
        return true;
      }
      NodeId value;
      if (!ParseValue(q, end, value)) return false;
      scratch_.push_back(value);
      return true;
    }
    // A scalar or flow collection standing alone: a pending value or a root.
    NodeId value = head;
    if (value == kNoNode && !ParseValue(p, end, value)) return false;
    Attach(value);
    return true;
  }
}

bool Parser::ParseValue(std::size_t p, std::size_t end, NodeId& out) {
  char c = text_[p];
  std::size_t after;
  if (c == '"' || c == '\'') {
    if (!ParseQuoted(p, end, out, after)) return false;
    return ExpectLineEnd(after, end);
  }
  if (c == '{' || c == '[') {
    if (!ParseFlow(p, end, out, after)) return false;
    return ExpectLineEnd(after, end);
  }
  if (!CheckIndicator(p, end, false)) return false;
  std::size_t e = end;
  for (std::size_t i = p; i < end; ++i) {
    char d = text_[i];
    if (d == '#' && IsBlank(text_[i - 1])) {
      e = i;
      break;
    }
    if (d == ':' && (i + 1 == end || IsBlank(text_[i + 1]))) {
      return Fail(ErrorCode::kParse, i, "a mapping value is not allowed here");
    }
  }
  while (e > p && IsBlank(text_[e - 1])) --e;
  out = NewScalar(p, text_.substr(p, e - p));
  return out != kNoNode;
}

Result<Tree> Parse(std::string_view path, std::string_view text) {
  Tree tree;
  Parser parser(path, text, tree);
  if (auto error = parser.Run()) return tl::unexpected(std::move(*error));
  return tree;
}

Kind Tree::kind(NodeId id) const {
  return id < nodes_.size() ? nodes_[id].kind : Kind::kNull;
}

std::uint32_t Tree::line(NodeId id) const {
  return id < nodes_.size() ? nodes_[id].line : 0;
}

std::uint32_t Tree::column(NodeId id) const {
  return id < nodes_.size() ? nodes_[id].column : 0;
}

std::string_view Tree::Text(NodeId id) const {
  if (id >= nodes_.size()) return {};
  const Node& n = nodes_[id];
  if (n.kind == Kind::kMap || n.kind == Kind::kSequence) return {};
  std::string_view base = n.owned ? std::string_view(owned_) : source_;
  return base.substr(n.offset, n.length);
}

std::size_t Tree::size(NodeId id) const {
  if (id >= nodes_.size()) return 0;
  const Node& n = nodes_[id];
  if (n.kind == Kind::kMap) return n.length / 2;
  if (n.kind == Kind::kSequence) return n.length;
  return 0;
}

std::span<const NodeId> Tree::Items(NodeId sequence) const {
  if (kind(sequence) != Kind::kSequence) return {};
  const Node& n = nodes_[sequence];
  return std::span<const NodeId>(edges_.data() + n.offset, n.length);
}

EntryRange Tree::Entries(NodeId map) const {
  if (kind(map) != Kind::kMap) return EntryRange(nullptr, nullptr);
  const Node& n = nodes_[map];
  const NodeId* begin = edges_.data() + n.offset;
  return EntryRange(begin, begin + n.length);
}

NodeId Tree::Find(NodeId map, std::string_view key) const {
  for (auto [k, v] : Entries(map)) {
    if (Text(k) == key) return v;
  }
  return kNoNode;
}

std::string_view Tree::FindText(NodeId map, std::string_view key) const {
  return Text(Find(map, key));
}

}  // namespace chainward::collect::yaml

