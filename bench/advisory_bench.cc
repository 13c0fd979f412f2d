// Times advisory lookups: opens the database in DATA_DIR and looks up every
// "name version" line of PACKAGES (npm), printing the matches found and the
// time taken. Used by the 200,000-record database benchmark:
//   python3 bench/gen_osv.py 200000 /tmp/osv200k.zip
//   chainward --db /tmp/db200k db import /tmp/osv200k.zip
//   advisory_bench /tmp/db200k packages.txt
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "advisory/database.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: advisory_bench DATA_DIR PACKAGES\n");
    return 2;
  }
  chainward::Diagnostics diagnostics;
  chainward::advisory::Database::Options options;
  options.data_dir = argv[1];
  auto start = std::chrono::steady_clock::now();
  auto db = chainward::advisory::Database::Open(options, diagnostics);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().message.c_str());
    return 1;
  }
  std::ifstream in(argv[2]);
  std::string name, version;
  std::size_t packages = 0, matches = 0, unevaluated = 0;
  while (in >> name >> version) {
    ++packages;
    auto r = (*db)->Lookup(chainward::model::Ecosystem::kNpm, name, version);
    if (!r) {
      std::fprintf(stderr, "%s\n", r.error().message.c_str());
      return 1;
    }
    for (const auto& m : r->matches) {
      ++matches;
      std::printf("%s@%s %s%s\n", name.c_str(), version.c_str(), m.id.c_str(),
                  m.all_versions ? " (all versions)" : "");
    }
    unevaluated += r->unevaluated.size();
  }
  auto ms = std::chrono::duration<double, std::milli>(
                std::chrono::steady_clock::now() - start)
                .count();
  std::printf("%zu packages, %zu matches, %zu unevaluated, %.1f ms "
              "(open + lookups)\n",
              packages, matches, unevaluated, ms);
  return 0;
}
