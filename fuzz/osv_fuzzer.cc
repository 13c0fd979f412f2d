// Fuzzes the OSV record parser and the matcher: every input must give a
// record or an Error, never a crash, a hang or an out-of-bounds read; a
// parsed record must be evaluable for any version.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "advisory/match.h"
#include "advisory/osv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto record = chainward::advisory::osv::Parse("fuzz.json", text);
  if (record) {
    for (const auto& a : record->affected) {
      for (std::string_view v : {"0.0.0", "1.2.3", "1.0.0-rc.1", "junk"}) {
        auto m = chainward::advisory::MatchRecord(
            *record, chainward::model::Ecosystem::kNpm, a.package.name, v);
        (void)m;
      }
      for (std::string_view v : {"0", "1.0", "1!2.0rc1.post1.dev1+l.1", "junk"}) {
        auto m = chainward::advisory::MatchRecord(
            *record, chainward::model::Ecosystem::kPyPI, a.package.name, v);
        (void)m;
      }
    }
    (void)record->IsMalicious();
  }
  auto pretty = chainward::advisory::osv::PrettyJson(text);
  (void)pretty;
  return 0;
}
