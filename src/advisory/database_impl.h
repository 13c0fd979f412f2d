// Private to the database: state shared by database*.cc.
#ifndef CHAINWARD_ADVISORY_DATABASE_IMPL_H_
#define CHAINWARD_ADVISORY_DATABASE_IMPL_H_

#include <optional>
#include <string>

#include "advisory/database.h"
#include "advisory/memory_layer.h"
#include "advisory/sqlite.h"

namespace chainward::advisory {

// Version of the SQLite schema, kept in PRAGMA user_version.
inline constexpr int kSchemaVersion = 1;

struct Database::Impl {
  Options options;
  const BuiltinFeed* builtin = nullptr;  // null when options.builtin is off
  MemoryLayer overrides;                 // from the override directory
  std::optional<sqlite::Connection> db;  // absent without a data directory
  mutable std::optional<sqlite::Statement> lookup;  // prepared once
};

}  // namespace chainward::advisory

#endif  // CHAINWARD_ADVISORY_DATABASE_IMPL_H_
