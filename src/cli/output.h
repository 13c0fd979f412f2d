// Where a subcommand's report goes, and how it is styled.
#ifndef CHAINWARD_CLI_OUTPUT_H_
#define CHAINWARD_CLI_OUTPUT_H_

#include <cstdio>
#include <string>

#include "cli/command.h"
#include "report/report.h"

namespace chainward::cli {

// Table style for stdout: colour only on a terminal, without --no-color or
// NO_COLOR, and never when writing to a file. Width from $COLUMNS (80
// otherwise; at least 60).
report::TableStyle StyleFor(const GlobalOptions& global, const std::string& output_path);

// Where a report goes: stdout, or the --output file. The file is opened
// (created or truncated) before any work starts, so a path that cannot be
// written is a usage error at once, not after a long scan.
class ReportOutput {
 public:
  // Opens `path`; "" and "-" mean stdout. On failure prints why on stderr
  // and ok() is false.
  explicit ReportOutput(const std::string& path);
  ~ReportOutput();
  ReportOutput(const ReportOutput&) = delete;
  ReportOutput& operator=(const ReportOutput&) = delete;

  bool ok() const { return stream_ != nullptr; }
  // The stream to write to; valid while ok().
  std::FILE* stream() const { return stream_; }
  void Write(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stream_); }
  // Flushes (and closes a file). Returns false, after printing why on stderr,
  // when any write failed (a full disk, a closed pipe).
  bool Finish();

 private:
  std::string path_;
  std::FILE* stream_ = nullptr;
  bool is_stdout_ = false;
};

// The accepted values of --format for each command.
inline const char* const kFormatHelp = "Output format: table or json";

}  // namespace chainward::cli

#endif  // CHAINWARD_CLI_OUTPUT_H_
