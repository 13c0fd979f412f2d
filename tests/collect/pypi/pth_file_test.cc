#include "collect/pypi/pth_file.h"

#include <gtest/gtest.h>

#include <string>

namespace chainward::collect::pypi {
namespace {

using Kind = PthLine::Kind;

struct Seen {
  std::uint32_t line;
  std::uint32_t column;
  Kind kind;
  std::string text;
  bool operator==(const Seen& o) const {
    return line == o.line && column == o.column && kind == o.kind && text == o.text;
  }
};

std::ostream& operator<<(std::ostream& os, const Seen& s) {
  return os << s.line << ":" << s.column << " " << static_cast<int>(s.kind) << " " << s.text;
}

std::vector<Seen> Lines(std::string_view text) {
  std::vector<Seen> out;
  for (const PthLine& l : ParsePth(text).lines) out.push_back({l.line, l.column, l.kind, l.text});
  return out;
}

// Each case follows CPython's site.addpackage(): "#" comments, blank lines
// skipped, "import " or "import\t" executed, the rest paths.
TEST(PthFile, ClassifiesLinesAsSiteAddpackageDoes) {
  struct Case {
    std::string text;
    std::vector<Seen> want;
  } cases[] = {
      {"# comment\n", {{1, 1, Kind::kComment, "# comment"}}},
      {"\n  \n\t\n", {}},
      {"src\n", {{1, 1, Kind::kPath, "src"}}},
      {"import os\n", {{1, 1, Kind::kExecutable, "import os"}}},
      {"import\tos", {{1, 1, Kind::kExecutable, "import\tos"}}},
      {" import os\n", {{1, 1, Kind::kPath, " import os"}}},
      {"importos\n", {{1, 1, Kind::kPath, "importos"}}},
      {"#import os\n", {{1, 1, Kind::kComment, "#import os"}}},
      {"a\r\nimport x\rb", {{1, 1, Kind::kPath, "a"}, {2, 1, Kind::kExecutable, "import x"},
                            {3, 1, Kind::kPath, "b"}}},
  };
  for (const Case& c : cases) EXPECT_EQ(Lines(c.text), c.want) << c.text;
}

// Python 3.13 reads .pth files as utf-8-sig and splits them with
// str.splitlines(); earlier versions do neither.
TEST(PthFile, FindsStatementsOnlyNewerPythonsRun) {
  EXPECT_EQ(Lines("\xEF\xBB\xBFimport os\n"),
            (std::vector<Seen>{{1, 4, Kind::kExecutable, "import os"}}));
  EXPECT_EQ(Lines("# harmless\x0cimport os; os.system('x')\n"),
            (std::vector<Seen>{{1, 12, Kind::kExecutable, "import os; os.system('x')"}}));
  EXPECT_EQ(Lines("lib\xE2\x80\xA8import a\x0bimport b\n"),
            (std::vector<Seen>{{1, 7, Kind::kExecutable, "import a\x0bimport b"},
                               {1, 16, Kind::kExecutable, "import b"}}));
  // Already executable the old way: one statement, kept whole.
  EXPECT_EQ(Lines("import a\x0cimport b"),
            (std::vector<Seen>{{1, 1, Kind::kExecutable, "import a\x0cimport b"}}));
  // A separator that leads to no statement changes nothing.
  EXPECT_EQ(Lines("a\x0c" "b\n"), (std::vector<Seen>{{1, 1, Kind::kPath, "a\x0c" "b"}}));
}

TEST(PthFile, FlagsTextThatIsNotUtf8) {
  PthContent valid = ParsePth("import os # \xC3\xA9\n");
  EXPECT_TRUE(valid.valid_utf8);
  PthContent latin1 = ParsePth("# caf\xE9\x85import os\n");
  EXPECT_FALSE(latin1.valid_utf8);
  ASSERT_EQ(latin1.lines.size(), 1u);
  EXPECT_EQ(latin1.lines[0].kind, Kind::kExecutable);  // U+0085 in Latin-1
  EXPECT_EQ(latin1.lines[0].column, 8u);
  EXPECT_FALSE(ParsePth(std::string("import \0x\xFF", 10)).valid_utf8);
}

TEST(PthFile, BoundsLinesKeptAndTheirLength) {
  std::string many;
  for (int i = 0; i < 100'010; ++i) many += i % 2 == 0 ? "p\n" : "import x\n";
  PthContent c = ParsePth(many);
  EXPECT_EQ(c.lines.size(), 100'000u);
  EXPECT_EQ(c.omitted_lines, 10u);
  EXPECT_EQ(c.omitted_executable, 5u);

  std::string long_line = "import x; " + std::string(2u << 20, 'y');
  PthContent l = ParsePth(long_line);
  ASSERT_EQ(l.lines.size(), 1u);
  EXPECT_TRUE(l.lines[0].truncated);
  EXPECT_EQ(l.lines[0].text.size(), 1u << 20);
}

}  // namespace
}  // namespace chainward::collect::pypi
