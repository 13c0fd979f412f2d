// Quoted scalars and flow collections, for the lockfile YAML reader.
//
// Both live on one line (the reader refuses multi-line forms). A quoted
// scalar without escapes is a view into the input; one with escapes ("\t",
// "\u00e9", 'it''s') is unescaped into the Tree's own buffer. A flow
// collection is read by a loop over characters with an explicit stack of
// open collections, so "{a: [b, {c: d}]}" needs no recursion: '{' pushes a
// map, '[' pushes a sequence, '}' or ']' closes the top one and its
// children move from the scratch stack to the Tree's edge list, as for
// block collections.
#include <array>
#include <string>

#include "base/text.h"
#include "collect/lockfile_yaml_parser.h"

namespace chainward::collect::yaml {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool Parser::ParseQuoted(std::size_t p, std::size_t end, NodeId& out,
                         std::size_t& after) {
  const char quote = text_[p];
  std::size_t i = p + 1;
  // Fast path: no escapes, the text is a view into the input.
  while (i < end && text_[i] != quote && !(quote == '"' && text_[i] == '\\')) ++i;
  if (i == end) {
    return Fail(ErrorCode::kParse, p,
                "unterminated quoted scalar (multi-line scalars are not supported)");
  }
  bool simple = quote == '"' ? text_[i] == '"'
                             : !(i + 1 < end && text_[i + 1] == '\'');
  if (simple) {
    NodeId id = NewNode(Kind::kScalar, line_, Column(p));
    if (id == kNoNode) return false;
    tree_.nodes_[id].offset = static_cast<std::uint32_t>(p + 1);
    tree_.nodes_[id].length = static_cast<std::uint32_t>(i - p - 1);
    out = id;
    after = i + 1;
    return true;
  }
  // Slow path: unescape into the tree's own storage.
  std::string& owned = tree_.owned_;
  std::size_t start = owned.size();
  owned.append(text_.data() + p + 1, i - p - 1);
  while (true) {
    if (i >= end) {
      return Fail(ErrorCode::kParse, p,
                  "unterminated quoted scalar (multi-line scalars are not supported)");
    }
    char c = text_[i];
    if (quote == '\'') {
      if (c == '\'') {
        if (i + 1 < end && text_[i + 1] == '\'') {
          owned += '\'';
          i += 2;
          continue;
        }
        break;
      }
      owned += c;
      ++i;
      continue;
    }
    if (c == '"') break;
    if (c != '\\') {
      owned += c;
      ++i;
      continue;
    }
    if (i + 1 >= end) {
      return Fail(ErrorCode::kParse, i,
                  "unterminated quoted scalar (multi-line scalars are not supported)");
    }
    char e = text_[i + 1];
    int digits = 0;
    switch (e) {
      case '0': owned += '\0'; break;
      case 'a': owned += '\a'; break;
      case 'b': owned += '\b'; break;
      case 't':
      case '\t': owned += '\t'; break;
      case 'n': owned += '\n'; break;
      case 'v': owned += '\v'; break;
      case 'f': owned += '\f'; break;
      case 'r': owned += '\r'; break;
      case 'e': owned += '\x1b'; break;
      case ' ': owned += ' '; break;
      case '"': owned += '"'; break;
      case '/': owned += '/'; break;
      case '\\': owned += '\\'; break;
      case 'N': AppendUtf8(owned, 0x85); break;
      case '_': AppendUtf8(owned, 0xa0); break;
      case 'L': AppendUtf8(owned, 0x2028); break;
      case 'P': AppendUtf8(owned, 0x2029); break;
      case 'x': digits = 2; break;
      case 'u': digits = 4; break;
      case 'U': digits = 8; break;
      default:
        return Fail(ErrorCode::kParse, i,
                    std::string("invalid escape '\\") + e + "' in a quoted scalar");
    }
    i += 2;
    if (digits > 0) {
      std::uint32_t cp = 0;
      for (int k = 0; k < digits; ++k) {
        int h = i < end ? HexValue(text_[i]) : -1;
        if (h < 0) {
          return Fail(ErrorCode::kParse, i, "invalid hex digit in an escape");
        }
        cp = cp * 16 + static_cast<std::uint32_t>(h);
        ++i;
      }
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return Fail(ErrorCode::kParse, i, "escape is not a Unicode scalar value");
      }
      AppendUtf8(owned, cp);
    }
  }
  NodeId id = NewNode(Kind::kScalar, line_, Column(p));
  if (id == kNoNode) return false;
  Tree::Node& n = tree_.nodes_[id];
  n.owned = true;
  n.offset = static_cast<std::uint32_t>(start);
  n.length = static_cast<std::uint32_t>(owned.size() - start);
  out = id;
  after = i + 1;
  return true;
}

bool Parser::ParseFlowScalar(std::size_t p, std::size_t end, NodeId& out,
                             std::size_t& after) {
  char c = text_[p];
  if (c == '"' || c == '\'') return ParseQuoted(p, end, out, after);
  if (c == '{' || c == '[') return Unsupported(p, "collection as a flow key");
  if (IsFlowIndicator(c) || c == '#' ||
      (c == ':' && (p + 1 == end || IsBlank(text_[p + 1])))) {
    return Fail(ErrorCode::kParse, p, "expected a value");
  }
  if (!CheckIndicator(p, end, true)) return false;
  // Most bytes of a flow scalar (an integrity hash, a version) are none of
  // the characters that can end it; a table skips them without branching
  // on each one.
  static constexpr auto kMayEnd = [] {
    std::array<bool, 256> table{};
    for (unsigned char e : {',', '[', ']', '{', '}', '#', ':'}) table[e] = true;
    return table;
  }();
  std::size_t i = p;
  for (; i < end; ++i) {
    char d = text_[i];
    if (!kMayEnd[static_cast<unsigned char>(d)]) continue;
    if (IsFlowIndicator(d)) break;
    if (d == '#' && i > p && IsBlank(text_[i - 1])) break;
    if (d == ':' && (i + 1 == end || IsBlank(text_[i + 1]) ||
                     IsFlowIndicator(text_[i + 1]))) {
      break;
    }
  }
  after = i;
  while (i > p && IsBlank(text_[i - 1])) --i;
  out = NewScalar(p, text_.substr(p, i - p));
  return out != kNoNode;
}

bool Parser::ParseFlow(std::size_t p, std::size_t end, NodeId& out,
                       std::size_t& after) {
  flow_.clear();
  auto open = [&](std::size_t at) {
    if (!CheckDepth(at)) return false;
    bool is_map = text_[at] == '{';
    NodeId id = NewNode(is_map ? Kind::kMap : Kind::kSequence, line_, Column(at));
    if (id == kNoNode) return false;
    if (flow_.empty()) {
      out = id;
    } else {
      scratch_.push_back(id);
    }
    flow_.push_back(FlowFrame{id, scratch_.size(), is_map});
    return true;
  };
  auto null_at = [&](std::size_t at) {
    NodeId id = NewNode(Kind::kNull, line_, Column(at));
    if (id == kNoNode) return false;
    scratch_.push_back(id);
    return true;
  };
  if (!open(p)) return false;
  std::size_t i = p + 1;
  bool need_item = true;
  while (true) {
    i = SkipBlanks(i, end);
    if (i >= end || text_[i] == '#') {
      return Fail(ErrorCode::kParse, p,
                  "unterminated flow collection (multi-line flow collections "
                  "are not supported)");
    }
    FlowFrame& top = flow_.back();
    const char closer = top.is_map ? '}' : ']';
    char c = text_[i];
    bool close = false;
    if (need_item && c == closer) {
      close = true;
    } else if (need_item && top.is_map) {
      NodeId key;
      if (!ParseFlowScalar(i, end, key, i)) return false;
      scratch_.push_back(key);
      i = SkipBlanks(i, end);
      if (i < end && text_[i] == ':') {
        std::size_t colon = i;
        i = SkipBlanks(i + 1, end);
        if (i < end && (text_[i] == ',' || text_[i] == '}')) {
          if (!null_at(colon)) return false;
        } else if (i < end && (text_[i] == '{' || text_[i] == '[')) {
          if (!open(i)) return false;
          ++i;
          continue;  // need_item stays true for the new collection
        } else if (i < end) {
          NodeId value;
          if (!ParseFlowScalar(i, end, value, i)) return false;
          scratch_.push_back(value);
        } else {
          continue;  // reports the unterminated collection
        }
      } else if (i < end && (text_[i] == ',' || text_[i] == '}')) {
        if (!null_at(i)) return false;
      } else if (i < end) {
        return Fail(ErrorCode::kParse, i, "expected ':' after a flow mapping key");
      }
      need_item = false;
      continue;
    } else if (need_item) {
      if (c == '{' || c == '[') {
        if (!open(i)) return false;
        ++i;
        continue;
      }
      NodeId item;
      if (!ParseFlowScalar(i, end, item, i)) return false;
      scratch_.push_back(item);
      std::size_t q = SkipBlanks(i, end);
      if (q < end && text_[q] == ':') {
        return Unsupported(q, "mapping inside a flow sequence");
      }
      need_item = false;
      continue;
    } else if (c == ',') {
      ++i;
      need_item = true;
      continue;
    } else if (c == closer) {
      close = true;
    } else {
      return Fail(ErrorCode::kParse, i,
                  std::string("expected ',' or '") + closer + "'");
    }
    if (close) {
      Tree::Node& n = tree_.nodes_[top.node];
      n.offset = static_cast<std::uint32_t>(tree_.edges_.size());
      n.length = static_cast<std::uint32_t>(scratch_.size() - top.scratch_start);
      tree_.edges_.insert(
          tree_.edges_.end(),
          scratch_.begin() + static_cast<std::ptrdiff_t>(top.scratch_start),
          scratch_.end());
      scratch_.resize(top.scratch_start);
      flow_.pop_back();
      ++i;
      if (flow_.empty()) {
        after = i;
        return true;
      }
      need_item = false;
    }
  }
}

}  // namespace chainward::collect::yaml
