// Fuzzes the dist-info parsers (core metadata, RECORD, direct_url.json):
// each must return a value or an Error for every input, never crash, hang
// or read out of bounds. The first byte picks the parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "collect/pypi/dist_info.h"
#include "collect/pypi/redact.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  chainward::Diagnostics diagnostics;
  switch (data[0] % 3) {
    case 0: {
      auto m = chainward::collect::pypi::ParseCoreMetadata("METADATA", text, diagnostics);
      (void)m;
      break;
    }
    case 1: {
      auto r = chainward::collect::pypi::ParseRecord("RECORD", text, diagnostics);
      (void)r;
      break;
    }
    default: {
      auto d = chainward::collect::pypi::ParseDirectUrl("direct_url.json", text);
      if (d) (void)chainward::collect::pypi::RedactUserinfo(d->url);
      break;
    }
  }
  return 0;
}
