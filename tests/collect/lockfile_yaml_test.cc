#include "collect/lockfile_yaml.h"

#include <gtest/gtest.h>

#include <string>

#include "base/limits.h"

namespace chainward::collect::yaml {
namespace {

// Writes a node as a one-line string: maps {k: v}, sequences [a, b],
// scalars as <text> (so empty strings and spaces are visible), nulls ~.
// Recursion is fine here: the inputs are the small literals below.
void Dump(const Tree& t, NodeId id, std::string& out) {
  switch (t.kind(id)) {
    case Kind::kNull:
      out += "~";
      return;
    case Kind::kScalar:
      out += "<" + std::string(t.Text(id)) + ">";
      return;
    case Kind::kSequence: {
      out += "[";
      bool first = true;
      for (NodeId item : t.Items(id)) {
        if (!first) out += ", ";
        first = false;
        Dump(t, item, out);
      }
      out += "]";
      return;
    }
    case Kind::kMap: {
      out += "{";
      bool first = true;
      for (auto [k, v] : t.Entries(id)) {
        if (!first) out += ", ";
        first = false;
        Dump(t, k, out);
        out += ": ";
        Dump(t, v, out);
      }
      out += "}";
      return;
    }
  }
}

std::string DumpAll(const Tree& t) {
  std::string out;
  for (std::size_t i = 0; i < t.documents().size(); ++i) {
    if (i > 0) out += " --- ";
    Dump(t, t.documents()[i], out);
  }
  return out;
}

struct ParseCase {
  const char* yaml;
  const char* expected;
};

// Each input and its structure, as re2's parse_test lists regexps.
const ParseCase kParseCases[] = {
    // Scalars and documents.
    {"", ""},
    {"# only a comment\n\n", ""},
    {"a", "<a>"},
    {"---\n", "~"},
    {"---\na: 1\n---\nb: 2\n", "{<a>: <1>} --- {<b>: <2>}"},
    {"a: 1\n...\n---\nb: 2\n...\n", "{<a>: <1>} --- {<b>: <2>}"},
    {"---\n---\na: 1\n", "~ --- {<a>: <1>}"},
    {"\xEF\xBB\xBF" "a: 1\n", "{<a>: <1>}"},
    // Block mappings.
    {"a: 1\nb: two words\n", "{<a>: <1>, <b>: <two words>}"},
    {"a: 1\r\nb: 2\r\n", "{<a>: <1>, <b>: <2>}"},
    {"a:\n  b:\n    c: d\n  e: f\ng: h\n",
     "{<a>: {<b>: {<c>: <d>}, <e>: <f>}, <g>: <h>}"},
    {"a:\nb:\n", "{<a>: ~, <b>: ~}"},
    {"a: ~\nb: null\nc: NULL\nd: 'null'\n",
     "{<a>: ~, <b>: ~, <c>: ~, <d>: <null>}"},
    {"a: 1 # comment\n# whole line\nb: x#y\n", "{<a>: <1>, <b>: <x#y>}"},
    {"  a: 1\n  b: 2\n", "{<a>: <1>, <b>: <2>}"},
    {"a:\n\n  b: 1\n", "{<a>: {<b>: <1>}}"},
    {"a:\n    deep: 1\nb: 2\n", "{<a>: {<deep>: <1>}, <b>: <2>}"},
    {"key:   spaced   \n", "{<key>: <spaced>}"},
    {"a:\n  b\n", "{<a>: <b>}"},
    // Keys as lockfiles write them.
    {"/@babel/core/7.0.0_supports-color@8.1.1:\n  dev: true\n",
     "{</@babel/core/7.0.0_supports-color@8.1.1>: {<dev>: <true>}}"},
    {"'@babel/core@7.0.0(supports-color@8.1.1)':\n  x: 1\n",
     "{<@babel/core@7.0.0(supports-color@8.1.1)>: {<x>: <1>}}"},
    {"\"a@npm:^1.0.0, a@npm:^1.2.0\":\n  version: 1.2.0\n",
     "{<a@npm:^1.0.0, a@npm:^1.2.0>: {<version>: <1.2.0>}}"},
    {".:\n  specifiers: {}\n", "{<.>: {<specifiers>: {}}}"},
    {"version: link:../foo\n", "{<version>: <link:../foo>}"},
    {"tarball: https://example.com/a.tgz\n",
     "{<tarball>: <https://example.com/a.tgz>}"},
    {"'it''s': \"q\\\"d\"\n", "{<it's>: <q\"d>}"},
    // Quoted scalars.
    {"a: '9.0'\nb: \"\"\nc: ''\n", "{<a>: <9.0>, <b>: <>, <c>: <>}"},
    {"a: \"\\t\\n\\\\\\/\\x41\\u00e9\\U0001F600\"\n",
     "{<a>: <\t\n\\/A\xC3\xA9\xF0\x9F\x98\x80>}"},
    {"a: 'x # not a comment'\n", "{<a>: <x # not a comment>}"},
    {"a: \"x: y\"\n", "{<a>: <x: y>}"},
    // Block sequences.
    {"- a\n- b\n", "[<a>, <b>]"},
    {"a:\n  - x\n  - y\nb: 1\n", "{<a>: [<x>, <y>], <b>: <1>}"},
    {"a:\n- x\n- y\nb: 1\n", "{<a>: [<x>, <y>], <b>: <1>}"},
    {"- a: 1\n  b: 2\n- c: 3\n", "[{<a>: <1>, <b>: <2>}, {<c>: <3>}]"},
    {"- - a\n  - b\n- c\n", "[[<a>, <b>], <c>]"},
    {"-\n- \n-  x\n", "[~, ~, <x>]"},
    {"-\n  a: 1\n", "[{<a>: <1>}]"},
    {"- [a, b]\n- {c: d}\n", "[[<a>, <b>], {<c>: <d>}]"},
    // Flow collections, as pnpm writes them.
    {"resolution: {integrity: sha512-abc==}\n",
     "{<resolution>: {<integrity>: <sha512-abc==>}}"},
    {"os: [darwin]\ncpu: [x64, arm64]\n",
     "{<os>: [<darwin>], <cpu>: [<x64>, <arm64>]}"},
    {"r: {type: git, repo: https://h/x.git, commit: abc}\n",
     "{<r>: {<type>: <git>, <repo>: <https://h/x.git>, <commit>: <abc>}}"},
    {"a: {}\nb: []\n", "{<a>: {}, <b>: []}"},
    {"a: {x: [1, {y: z}], w: }\n", "{<a>: {<x>: [<1>, {<y>: <z>}], <w>: ~}}"},
    {"a: {k, 'q,': \"v}\"}\n", "{<a>: {<k>: ~, <q,>: <v}>}}"},
    {"a: [ x , y , ]\n", "{<a>: [<x>, <y>]}"},
    {"a: [x] # trailing comment\n", "{<a>: [<x>]}"},
    {"{a: 1}\n", "{<a>: <1>}"},
    {"a: {b: {c: []}}\n", "{<a>: {<b>: {<c>: []}}}"},
};

TEST(LockfileYaml, ParsesEveryTableCase) {
  for (const ParseCase& c : kParseCases) {
    auto tree = Parse("t.yaml", c.yaml);
    ASSERT_TRUE(tree.has_value()) << c.yaml << "\n" << tree.error().message;
    EXPECT_EQ(DumpAll(*tree), c.expected) << "input:\n" << c.yaml;
  }
}

struct ErrorCase {
  const char* yaml;
  ErrorCode code;
  const char* message;
};

const ErrorCase kErrorCases[] = {
    {"a: &x 1\n", ErrorCode::kUnsupported,
     "t.yaml:1:4: unsupported YAML: anchor '&' (lockfiles never use it)"},
    {"a: 1\nb: *x\n", ErrorCode::kUnsupported,
     "t.yaml:2:4: unsupported YAML: alias '*' (lockfiles never use it)"},
    {"a: !!str 1\n", ErrorCode::kUnsupported,
     "t.yaml:1:4: unsupported YAML: tag '!' (lockfiles never use it)"},
    {"a: |\n  text\n", ErrorCode::kUnsupported,
     "t.yaml:1:4: unsupported YAML: block scalar '|' (lockfiles never use it)"},
    {"a: >-\n  text\n", ErrorCode::kUnsupported,
     "t.yaml:1:4: unsupported YAML: block scalar '>' (lockfiles never use it)"},
    {"%YAML 1.2\n---\n", ErrorCode::kUnsupported,
     "t.yaml:1:1: unsupported YAML: directive '%' (lockfiles never use it)"},
    {"? a\n: b\n", ErrorCode::kUnsupported,
     "t.yaml:1:1: unsupported YAML: complex key '?' (lockfiles never use it)"},
    {"--- a: 1\n", ErrorCode::kUnsupported,
     "t.yaml:1:5: unsupported YAML: content on a document marker line "
     "(lockfiles never use it)"},
    {"a: [x, y: z]\n", ErrorCode::kUnsupported,
     "t.yaml:1:9: unsupported YAML: mapping inside a flow sequence "
     "(lockfiles never use it)"},
    {"a: {[x]: y}\n", ErrorCode::kUnsupported,
     "t.yaml:1:5: unsupported YAML: collection as a flow key "
     "(lockfiles never use it)"},
    {"- &a x\n", ErrorCode::kUnsupported,
     "t.yaml:1:3: unsupported YAML: anchor '&' (lockfiles never use it)"},
    {"a: 1\n\tb: 2\n", ErrorCode::kParse, "t.yaml:2:1: tab in indentation"},
    {"a: 1\n  b: 2\n", ErrorCode::kParse,
     "t.yaml:2:3: bad indentation (multi-line scalars are not supported)"},
    {"a: plain\n  continued\n", ErrorCode::kParse,
     "t.yaml:2:3: bad indentation (multi-line scalars are not supported)"},
    {"a:\n  b: 1\n c: 2\n", ErrorCode::kParse,
     "t.yaml:3:2: bad indentation (multi-line scalars are not supported)"},
    {"  a: 1\nb: 2\n", ErrorCode::kParse,
     "t.yaml:2:1: content after the end of the document"},
    {"a: 1\n- b\n", ErrorCode::kParse, "t.yaml:2:1: expected a mapping key"},
    {"- a\nb: 1\n", ErrorCode::kParse,
     "t.yaml:2:1: expected a sequence item '-'"},
    {"a: \"open\n", ErrorCode::kParse,
     "t.yaml:1:4: unterminated quoted scalar (multi-line scalars are not "
     "supported)"},
    {"a: 'open\n  more'\n", ErrorCode::kParse,
     "t.yaml:1:4: unterminated quoted scalar (multi-line scalars are not "
     "supported)"},
    {"a: \"\\q\"\n", ErrorCode::kParse,
     "t.yaml:1:5: invalid escape '\\q' in a quoted scalar"},
    {"a: \"\\u12\"\n", ErrorCode::kParse,
     "t.yaml:1:9: invalid hex digit in an escape"},
    {"a: \"\\ud800\"\n", ErrorCode::kParse,
     "t.yaml:1:11: escape is not a Unicode scalar value"},
    {"a: [x, y\nb: 1\n", ErrorCode::kParse,
     "t.yaml:1:4: unterminated flow collection (multi-line flow collections "
     "are not supported)"},
    {"a: {'x' 1}\n", ErrorCode::kParse,
     "t.yaml:1:9: expected ':' after a flow mapping key"},
    {"a: {x: 1 y: 2}\n", ErrorCode::kParse, "t.yaml:1:11: expected ',' or '}'"},
    {"a: [x}\n", ErrorCode::kParse, "t.yaml:1:6: expected ',' or ']'"},
    {"a: [x,,y]\n", ErrorCode::kParse, "t.yaml:1:7: expected a value"},
    {"a: [x] y\n", ErrorCode::kParse, "t.yaml:1:8: unexpected text after a value"},
    {"a: 'x' y\n", ErrorCode::kParse, "t.yaml:1:8: unexpected text after a value"},
    {"a: b: c\n", ErrorCode::kParse,
     "t.yaml:1:5: a mapping value is not allowed here"},
    {"a: - b\n", ErrorCode::kParse,
     "t.yaml:1:4: a block sequence is not allowed here"},
    {"a\nb\n", ErrorCode::kParse,
     "t.yaml:2:1: content after the end of the document"},
    {"a: @x\n", ErrorCode::kParse,
     "t.yaml:1:4: reserved character '@' starts a scalar"},
    {": x\n", ErrorCode::kParse, "t.yaml:1:1: empty key"},
};

TEST(LockfileYaml, RefusesEveryErrorCaseWithItsExactMessage) {
  for (const ErrorCase& c : kErrorCases) {
    auto tree = Parse("t.yaml", c.yaml);
    ASSERT_FALSE(tree.has_value()) << c.yaml << "\n" << DumpAll(*tree);
    EXPECT_EQ(tree.error().message, c.message) << "input:\n" << c.yaml;
    EXPECT_EQ(tree.error().code, c.code) << c.yaml;
  }
}

TEST(LockfileYaml, ReadsYarnBerryEntries) {
  const char* lock =
      "# This file is generated by running \"yarn install\" inside your project.\n"
      "# Manual changes might be lost - proceed with caution!\n"
      "\n"
      "__metadata:\n"
      "  version: 8\n"
      "  cacheKey: 10c0\n"
      "\n"
      "\"@esbuild/darwin-arm64@npm:0.19.12\":\n"
      "  version: 0.19.12\n"
      "  resolution: \"@esbuild/darwin-arm64@npm:0.19.12\"\n"
      "  conditions: os=darwin & cpu=arm64\n"
      "  languageName: node\n"
      "  linkType: hard\n"
      "\n"
      "\"a@npm:^1.0.0, a@npm:^1.2.0\":\n"
      "  version: 1.2.0\n"
      "  resolution: \"a@npm:1.2.0\"\n"
      "  dependencies:\n"
      "    b: \"npm:^2.0.0\"\n"
      "  peerDependencies:\n"
      "    react: \"*\"\n"
      "  dependenciesMeta:\n"
      "    fsevents:\n"
      "      optional: true\n"
      "  checksum: 10c0/0123abcd\n"
      "  languageName: node\n"
      "  linkType: hard\n"
      "\n"
      "\"typescript@patch:typescript@npm%3A^5.0.0#optional!builtin<compat/typescript>\":\n"
      "  version: 5.3.3\n";
  auto tree = Parse("yarn.lock", lock);
  ASSERT_TRUE(tree.has_value()) << tree.error().message;
  ASSERT_EQ(tree->documents().size(), 1u);
  NodeId root = tree->documents()[0];
  EXPECT_EQ(tree->size(root), 4u);
  EXPECT_EQ(tree->FindText(tree->Find(root, "__metadata"), "version"), "8");
  NodeId darwin = tree->Find(root, "@esbuild/darwin-arm64@npm:0.19.12");
  EXPECT_EQ(tree->FindText(darwin, "conditions"), "os=darwin & cpu=arm64");
  NodeId a = tree->Find(root, "a@npm:^1.0.0, a@npm:^1.2.0");
  ASSERT_EQ(tree->kind(a), Kind::kMap);
  EXPECT_EQ(tree->line(a), 16u);
  EXPECT_EQ(tree->FindText(tree->Find(a, "dependencies"), "b"), "npm:^2.0.0");
  EXPECT_EQ(tree->FindText(tree->Find(a, "peerDependencies"), "react"), "*");
  EXPECT_EQ(tree->FindText(tree->Find(tree->Find(a, "dependenciesMeta"),
                                      "fsevents"),
                           "optional"),
            "true");
  EXPECT_EQ(tree->FindText(a, "checksum"), "10c0/0123abcd");
  EXPECT_EQ(tree->FindText(
                tree->Find(root,
                           "typescript@patch:typescript@npm%3A^5.0.0#optional!"
                           "builtin<compat/typescript>"),
                "version"),
            "5.3.3");
}

TEST(LockfileYaml, RecordsLinesAndColumns) {
  auto tree = Parse("t.yaml", "a:\n  b: [x, 'y']\n  c:\n- z\n");
  ASSERT_FALSE(tree.has_value());  // "- z" at column 1 under a map at 1
  tree = Parse("t.yaml", "a:\n  b: [x, 'y']\n  c:\n");
  ASSERT_TRUE(tree.has_value()) << tree.error().message;
  NodeId root = tree->documents().at(0);
  NodeId a = tree->Find(root, "a");
  EXPECT_EQ(tree->line(a), 2u);
  EXPECT_EQ(tree->column(a), 3u);
  NodeId b = tree->Find(a, "b");
  EXPECT_EQ(tree->line(b), 2u);
  EXPECT_EQ(tree->column(b), 6u);
  auto items = tree->Items(b);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(tree->column(items[1]), 10u);
  NodeId c = tree->Find(a, "c");
  EXPECT_EQ(tree->kind(c), Kind::kNull);
  EXPECT_EQ(tree->line(c), 3u);
  EXPECT_EQ(tree->column(c), 5u);
}

TEST(LockfileYaml, LookupsTolerateMissingNodes) {
  auto tree = Parse("t.yaml", "a: {b: c}\nl: [1, 2]\n");
  ASSERT_TRUE(tree.has_value());
  NodeId root = tree->documents()[0];
  EXPECT_EQ(tree->FindText(tree->Find(root, "a"), "b"), "c");
  EXPECT_EQ(tree->Find(tree->Find(root, "missing"), "b"), kNoNode);
  EXPECT_EQ(tree->kind(kNoNode), Kind::kNull);
  EXPECT_EQ(tree->Text(kNoNode), "");
  EXPECT_EQ(tree->line(kNoNode), 0u);
  EXPECT_EQ(tree->size(tree->Find(root, "l")), 2u);
  EXPECT_EQ(tree->size(tree->Find(root, "a")), 1u);
  EXPECT_TRUE(tree->Items(tree->Find(root, "a")).empty());
  EXPECT_EQ(tree->FindText(root, "l"), "");
}

TEST(LockfileYaml, BoundsBlockNesting) {
  std::string deep;
  for (std::size_t i = 0; i < limits::kMaxNestingDepth + 1; ++i) {
    deep += std::string(i, ' ') + "k:\n";
  }
  deep += std::string(limits::kMaxNestingDepth + 1, ' ') + "v\n";
  auto tree = Parse("deep.yaml", deep);
  ASSERT_FALSE(tree.has_value());
  EXPECT_EQ(tree.error().code, ErrorCode::kLimit);
  EXPECT_EQ(tree.error().message,
            "deep.yaml:513:513: nesting deeper than 512 levels");
}

TEST(LockfileYaml, BoundsFlowNesting) {
  std::string deep = "a: " + std::string(100000, '[');
  auto tree = Parse("deep.yaml", deep);
  ASSERT_FALSE(tree.has_value());
  EXPECT_EQ(tree.error().code, ErrorCode::kLimit);
  EXPECT_EQ(tree.error().message,
            "deep.yaml:1:515: nesting deeper than 512 levels");
}

TEST(LockfileYaml, BoundsSequenceItemNesting) {
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "- ";
  deep += "x\n";
  auto tree = Parse("deep.yaml", deep);
  ASSERT_FALSE(tree.has_value());
  EXPECT_EQ(tree.error().code, ErrorCode::kLimit);
}

TEST(LockfileYaml, KeepsUnescapedTextAcrossManyScalars) {
  // Unescaped text lives in one growing buffer; earlier scalars must stay
  // readable after it grows.
  std::string yaml;
  for (int i = 0; i < 2000; ++i) {
    yaml += "k" + std::to_string(i) + ": \"v\\t" + std::to_string(i) + "\"\n";
  }
  auto tree = Parse("t.yaml", yaml);
  ASSERT_TRUE(tree.has_value()) << tree.error().message;
  NodeId root = tree->documents()[0];
  EXPECT_EQ(tree->size(root), 2000u);
  EXPECT_EQ(tree->FindText(root, "k0"), "v\t0");
  EXPECT_EQ(tree->FindText(root, "k1999"), "v\t1999");
}

}  // namespace
}  // namespace chainward::collect::yaml
