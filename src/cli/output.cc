#include "cli/output.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

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

ReportOutput::ReportOutput(const std::string& path) : path_(path) {
  if (path.empty() || path == "-") {
    stream_ = stdout;
    is_stdout_ = true;
    return;
  }
  stream_ = std::fopen(path.c_str(), "wb");
  if (stream_ == nullptr) {
    std::fprintf(stderr, "chainward: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
  }
}

ReportOutput::~ReportOutput() {
  if (stream_ != nullptr && !is_stdout_) std::fclose(stream_);
}

bool ReportOutput::Finish() {
  if (stream_ == nullptr) return false;
  bool failed = std::fflush(stream_) != 0 || std::ferror(stream_) != 0;
  int err = errno;
  if (!is_stdout_) {
    failed = std::fclose(stream_) != 0 || failed;
    stream_ = nullptr;
  }
  if (failed) {
    std::fprintf(stderr, "chainward: cannot write %s: %s\n",
                 is_stdout_ ? "standard output" : path_.c_str(), std::strerror(err));
  }
  return !failed;
}

}  // namespace chainward::cli
