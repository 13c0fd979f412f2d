#include <cstdlib>

#include "cli/command.h"

namespace chainward::cli {

std::string DataDirectory(const GlobalOptions& options) {
  if (!options.db_dir.empty()) return options.db_dir;
  if (const char* dir = std::getenv("CHAINWARD_DATA_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/chainward";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.local/share/chainward";
  }
  return ".chainward";
}

}  // namespace chainward::cli
