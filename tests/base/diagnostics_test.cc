#include "base/diagnostics.h"

#include <gtest/gtest.h>

namespace chainward {
namespace {

TEST(Diagnostics, WarningsDoNotMakeAScanIncomplete) {
  Diagnostics d;
  d.Warning("a.json", 3, 4, "odd");
  EXPECT_FALSE(d.incomplete());
  d.Error("b.json", 0, 0, "unreadable");
  EXPECT_TRUE(d.incomplete());
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d.items()[0].ToString(), "a.json:3:4: odd");
  EXPECT_EQ(d.items()[1].ToString(), "b.json: unreadable");
}

TEST(Diagnostics, AddKeepsAnErrorsMessage) {
  Diagnostics d;
  d.Add(Error{ErrorCode::kParse, "x.yaml:2:1: bad"});
  EXPECT_TRUE(d.incomplete());
  EXPECT_EQ(d.items()[0].ToString(), "x.yaml:2:1: bad");
}

}  // namespace
}  // namespace chainward
