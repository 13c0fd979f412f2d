#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyze/scan.h"
#include "model/package.h"

namespace chainward::analyze {
namespace {

using Chain = std::vector<std::string>;

model::Package Pkg(std::string name, bool direct, std::vector<std::uint32_t> deps) {
  model::Package p;
  p.name = std::move(name);
  p.version = "1.0.0";
  p.flags.direct = direct;
  p.dependencies = std::move(deps);
  return p;
}

TEST(DependencyPaths, GivesTheShortestChainFromADirectDependency) {
  // 0 app-a (direct) -> 1 b -> 2 c -> 3 evil
  // 4 app-d (direct) -> 3 evil              (the shorter way in)
  // 5 orphan: nothing reaches it; 6 cycle <-> 7 only reach each other.
  model::Source source;
  source.packages = {Pkg("app-a", true, {1}), Pkg("b", false, {2}),     Pkg("c", false, {3, 0}),
                     Pkg("evil", false, {}),  Pkg("app-d", true, {3}),  Pkg("orphan", false, {}),
                     Pkg("cyc1", false, {7}), Pkg("cyc2", false, {6, 99})};
  DependencyPaths paths(source);
  EXPECT_EQ(paths.To(3), (Chain{"app-d@1.0.0", "evil@1.0.0"}));
  EXPECT_EQ(paths.To(2), (Chain{"app-a@1.0.0", "b@1.0.0", "c@1.0.0"}));
  EXPECT_EQ(paths.To(0), (Chain{"app-a@1.0.0"}));
  EXPECT_TRUE(paths.To(5).empty());
  EXPECT_TRUE(paths.To(6).empty());
  EXPECT_TRUE(paths.To(8).empty());  // out of range: no chain, no crash
}

TEST(DependencyPaths, IsEmptyForASourceWithoutEdges) {
  model::Source source;
  source.packages = {Pkg("a", false, {}), Pkg("b", false, {})};
  DependencyPaths paths(source);
  EXPECT_TRUE(paths.To(0).empty());
  EXPECT_TRUE(paths.To(1).empty());
}

}  // namespace
}  // namespace chainward::analyze
