// Fuzzes the requirements file reader from text (logical lines, variables,
// options, every requirement form): every input must give a Source or an
// Error, never a crash, hang or bad read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/pypi/requirements.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  chainward::Diagnostics diagnostics;
  auto source = chainward::collect::pypi::ParseRequirements("fuzz.txt", text, diagnostics);
  (void)source;
  return 0;
}
