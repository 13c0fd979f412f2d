// Fuzzes the uv.lock parser (packages, sources, edges by name, version and source, extras and
// dependency groups): every input must give a result or an Error, never a crash, hang or bad read.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/pypi/uv_lock.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  chainward::Diagnostics diagnostics;
  auto result = chainward::collect::pypi::ParseUvLock("uv.lock", text, diagnostics);
  (void)result;
  return 0;
}
