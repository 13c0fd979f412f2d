#include "base/diagnostics.h"

#include <utility>

namespace chainward {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kIo: return "io";
    case ErrorCode::kNotFound: return "not-found";
    case ErrorCode::kParse: return "parse";
    case ErrorCode::kLimit: return "limit";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kInvalidArgument: return "invalid-argument";
    case ErrorCode::kDatabase: return "database";
  }
  return "unknown";
}

std::string Diagnostic::ToString() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
  }
  out += message;
  return out;
}

void Diagnostics::Error(std::string file, std::uint32_t line,
                        std::uint32_t column, std::string message) {
  std::lock_guard<std::mutex> lock(mutex_);
  items_.push_back(Diagnostic{Diagnostic::Level::kError, std::move(file), line,
                              column, std::move(message)});
}

void Diagnostics::Warning(std::string file, std::uint32_t line,
                          std::uint32_t column, std::string message) {
  std::lock_guard<std::mutex> lock(mutex_);
  items_.push_back(Diagnostic{Diagnostic::Level::kWarning, std::move(file),
                              line, column, std::move(message)});
}

void Diagnostics::Add(const chainward::Error& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  items_.push_back(
      Diagnostic{Diagnostic::Level::kError, "", 0, 0, error.message});
}

bool Diagnostics::incomplete() const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const Diagnostic& d : items_) {
    if (d.level == Diagnostic::Level::kError) return true;
  }
  return false;
}

std::vector<Diagnostic> Diagnostics::items() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_;
}

std::size_t Diagnostics::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_.size();
}

}  // namespace chainward
