// Fuzzes the lockfile YAML reader: it must return a Tree or an Error for
// every input, never crash, hang or read out of bounds, and every node of a
// returned Tree must be readable.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "collect/lockfile_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace yaml = chainward::collect::yaml;
  // A copy of exactly `size` bytes, so reads past the end are caught.
  std::string text(reinterpret_cast<const char*>(data), size);
  auto tree = yaml::Parse("fuzz.yaml", text);
  if (!tree) return 0;
  std::size_t bytes = 0;
  for (yaml::NodeId id = 0; id < tree->node_count(); ++id) {
    bytes += tree->Text(id).size() + tree->line(id) + tree->column(id);
    for (yaml::NodeId item : tree->Items(id)) bytes += tree->Text(item).size();
    for (auto [k, v] : tree->Entries(id)) {
      bytes += tree->Text(k).size();
      if (tree->Find(id, tree->Text(k)) == yaml::kNoNode) __builtin_trap();
      (void)v;
    }
  }
  for (yaml::NodeId root : tree->documents()) {
    if (root >= tree->node_count()) __builtin_trap();
  }
  return bytes == static_cast<std::size_t>(-1) ? 1 : 0;
}
