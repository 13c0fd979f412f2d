// A thin RAII layer over the SQLite C API, returning Result instead of codes.
#ifndef CHAINWARD_ADVISORY_SQLITE_H_
#define CHAINWARD_ADVISORY_SQLITE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "base/error.h"

namespace chainward::advisory::sqlite {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  // Binds parameter `index` (1-based). Text is copied by SQLite.
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  // Steps once: true when a row is available, false when done.
  Result<bool> Step();
  // Steps to completion, ignoring rows.
  Result<void> Run();
  void Reset();

  std::string_view Text(int column) const;
  std::int64_t Int(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  enum class Mode { kReadWrite, kReadOnly };
  // Opens `path`; kReadWrite creates a missing file, kReadOnly never writes.
  // Errors: kDatabase naming `path`.
  Result<void> Open(const std::string& path, Mode mode = Mode::kReadWrite);
  Result<void> Exec(const char* sql);
  Result<Statement> Prepare(std::string_view sql);
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace chainward::advisory::sqlite

#endif  // CHAINWARD_ADVISORY_SQLITE_H_
