// Fuzzes the .pth reader and the audit's text checks: every byte sequence
// is a .pth file to Python, so ParsePth must classify any input without
// crashing, and the allowlist, payload words and snippets must cope with
// every line it produces.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyze/pypi/pth_audit.h"
#include "collect/pypi/pth_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  chainward::collect::pypi::PthContent content = chainward::collect::pypi::ParsePth(text);
  chainward::analyze::pypi::PthOwner owner{"setuptools", true};
  for (const chainward::collect::pypi::PthLine& line : content.lines) {
    (void)chainward::analyze::pypi::BenignPthLine(line.text, owner);
    (void)chainward::analyze::pypi::PayloadWords(line.text);
    (void)chainward::analyze::pypi::Snippet(line.text);
  }
  return 0;
}
