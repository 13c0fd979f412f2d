// Where a subcommand's report goes, and how it is styled.
#ifndef CHAINWARD_CLI_OUTPUT_H_
#define CHAINWARD_CLI_OUTPUT_H_

#include <string>

#include "cli/command.h"
#include "report/report.h"

namespace chainward::cli {

// Table style for stdout: colour only on a terminal, without --no-color or
// NO_COLOR, and never when writing to a file. Width from $COLUMNS (80
// otherwise; at least 60).
report::TableStyle StyleFor(const GlobalOptions& global, const std::string& output_path);

// Writes `text` to `output_path`, or to stdout when it is empty or "-".
// Returns false (after printing why on stderr) when the file cannot be written.
bool WriteOutput(const std::string& text, const std::string& output_path);

// The accepted values of --format for each command.
inline const char* const kFormatHelp = "Output format: table or json";

}  // namespace chainward::cli

#endif  // CHAINWARD_CLI_OUTPUT_H_
