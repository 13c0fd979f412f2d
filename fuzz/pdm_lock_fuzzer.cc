// Fuzzes the pdm.lock parser (extras entries folded, groups, [metadata.files]): every input must
// give a Source or an Error, never a crash, hang or bad read. The input is read once with a
// pyproject (a fixed one declaring main, extra and dev dependencies) and once without.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "collect/pypi/pdm_lock.h"

namespace {

const chainward::collect::pypi::PyProject* FixedProject() {
  static const std::optional<chainward::collect::pypi::PyProject> project = [] {
    chainward::Diagnostics diagnostics;
    auto parsed = chainward::collect::pypi::ParsePyProject(
        "pyproject.toml",
        "[project]\ndependencies = [\"requests[socks]\", \"idna\"]\n"
        "optional-dependencies = { cli = [\"click\"] }\n"
        "[dependency-groups]\ndev = [\"pytest\"]\n",
        diagnostics);
    return parsed ? std::optional(*parsed) : std::nullopt;
  }();
  return project ? &*project : nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using chainward::collect::pypi::PyProject;
  for (const PyProject* project : {FixedProject(), static_cast<const PyProject*>(nullptr)}) {
    chainward::Diagnostics diagnostics;
    auto source = chainward::collect::pypi::ParsePdmLock("pdm.lock", text, project, diagnostics);
    (void)source;
  }
  return 0;
}
