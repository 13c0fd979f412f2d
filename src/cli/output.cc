#include "cli/output.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace chainward::cli {

report::TableStyle StyleFor(const GlobalOptions& global, const std::string& output_path) {
  report::TableStyle style;
  bool to_stdout = output_path.empty() || output_path == "-";
  const char* term = std::getenv("TERM");
  style.color = to_stdout && !global.no_color && ::isatty(STDOUT_FILENO) &&
                !(term != nullptr && std::string(term) == "dumb");
  if (const char* columns = std::getenv("COLUMNS")) {
    int width = std::atoi(columns);
    if (width >= 60 && width <= 400) style.width = width;
  }
  return style;
}

bool WriteOutput(const std::string& text, const std::string& output_path) {
  if (output_path.empty() || output_path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return true;
  }
  std::ofstream out(output_path, std::ios::binary | std::ios::trunc);
  if (out) out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) {
    std::fprintf(stderr, "chainward: cannot write %s\n", output_path.c_str());
    return false;
  }
  return true;
}

}  // namespace chainward::cli
