// Fuzzes the Pipfile.lock parser, with and without a Pipfile's names: every
// input must give a Source or an Error, never a crash, hang or bad read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/pypi/pipfile_lock.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  chainward::Diagnostics diagnostics;
  chainward::collect::pypi::PipfileNames names;
  names.categories["default"] = {"requests", "flask"};
  names.categories["develop"] = {"pytest"};
  auto source = chainward::collect::pypi::ParsePipfileLock(
      "Pipfile.lock", text, size % 2 == 0 ? &names : nullptr, diagnostics);
  (void)source;
  return 0;
}
