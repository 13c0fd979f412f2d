// The built-in advisory feed: the OSV files of feeds/*.json, compiled into
// the binary by feeds/CMakeLists.txt so a fresh install knows the incidents
// chainward was built for without any `db import`.
#ifndef CHAINWARD_ADVISORY_BUILTIN_FEED_H_
#define CHAINWARD_ADVISORY_BUILTIN_FEED_H_

#include <cstddef>
#include <span>
#include <string_view>

namespace chainward::advisory {

struct EmbeddedFile {
  std::string_view name;     // file name, "axios-2026-03.json"
  std::string_view content;  // the file's bytes
};

// Every embedded file, in file-name order. Defined in a generated source.
std::span<const EmbeddedFile> BuiltinFeedFiles();

}  // namespace chainward::advisory

#endif  // CHAINWARD_ADVISORY_BUILTIN_FEED_H_
