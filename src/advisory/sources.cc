// Walking a directory of OSV files, or reading a zip of them in memory.
//
// A zip is hostile input like any other: a few KB can unpack to gigabytes.
// Members are unpacked one at a time into a buffer capped at
// limits::kMaxArchiveMemberBytes; the bytes unpacked so far are compared
// with the compressed bytes consumed (libarchive's filter count) and the
// read stops as soon as the ratio passes limits::kMaxCompressionRatio (with
// 1 MiB of slack, since small members are read in whole blocks), or the
// total passes limits::kMaxArchiveTotalBytes. Nothing touches the disk.
#include "advisory/sources.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <system_error>
#include <vector>

#include <archive.h>
#include <archive_entry.h>

#include "base/file.h"
#include "base/limits.h"
#include "base/text.h"

namespace chainward::advisory {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kRatioSlack = 1u << 20;

Result<void> VisitDirectory(const std::string& root, Diagnostics& diagnostics,
                            const RecordVisitor& visit) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, ec), end;
  if (ec) return Fail(ErrorCode::kIo, root + ": " + ec.message());
  std::vector<std::string> files;
  std::size_t entries = 0;
  for (; it != end; it.increment(ec)) {
    if (ec) {
      diagnostics.Error(root, 0, 0, "cannot list: " + ec.message());
      ec.clear();
      break;
    }
    if (++entries > limits::kMaxWalkEntries) {
      return Fail(ErrorCode::kLimit, root + ": more than " +
                                         std::to_string(limits::kMaxWalkEntries) +
                                         " directory entries");
    }
    if (it.depth() > limits::kMaxWalkDepth) {
      it.disable_recursion_pending();
      continue;
    }
    const fs::path& p = it->path();
    if (p.extension() != ".json") continue;
    if (!it->is_regular_file(ec)) continue;
    files.push_back(p.string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    Result<std::string> content = ReadFile(file, limits::kMaxAdvisoryBytes);
    if (!content) {
      diagnostics.Add(content.error());
      continue;
    }
    visit(file, *content);
  }
  return {};
}

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

Result<void> VisitZip(const std::string& path, Diagnostics& diagnostics,
                      const RecordVisitor& visit) {
  std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
  archive_read_support_format_zip(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) !=
      ARCHIVE_OK) {
    return Fail(ErrorCode::kIo, path + ": cannot read as a zip (" +
                                    archive_error_string(a.get()) + ")");
  }
  std::size_t members = 0;
  std::uint64_t total = 0;
  std::string buffer;
  archive_entry* entry = nullptr;
  while (true) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      const char* why = archive_error_string(a.get());
      return Fail(ErrorCode::kIo, path + ": corrupt zip (" +
                                      (why ? why : "unknown error") + ")");
    }
    const char* raw_name = archive_entry_pathname(entry);
    std::string member = SanitizeForTerminal(raw_name ? raw_name : "");
    std::string where = path + ":" + member;
    if (++members > limits::kMaxArchiveMembers) {
      return Fail(ErrorCode::kLimit,
                  path + ": more than " +
                      std::to_string(limits::kMaxArchiveMembers) + " members");
    }
    if (archive_entry_filetype(entry) != AE_IFREG ||
        !EndsWith(member, ".json")) {
      archive_read_data_skip(a.get());
      continue;
    }
    if (archive_entry_size_is_set(entry) &&
        archive_entry_size(entry) >
            static_cast<la_int64_t>(limits::kMaxArchiveMemberBytes)) {
      return Fail(ErrorCode::kLimit,
                  where + ": member larger than " +
                      std::to_string(limits::kMaxArchiveMemberBytes) +
                      " bytes");
    }
    buffer.clear();
    char chunk[1 << 16];
    while (true) {
      la_ssize_t n = archive_read_data(a.get(), chunk, sizeof chunk);
      if (n == 0) break;
      if (n < 0) {
        const char* why = archive_error_string(a.get());
        return Fail(ErrorCode::kIo, where + ": cannot unpack (" +
                                        (why ? why : "unknown error") + ")");
      }
      buffer.append(chunk, static_cast<std::size_t>(n));
      total += static_cast<std::uint64_t>(n);
      if (buffer.size() > limits::kMaxArchiveMemberBytes) {
        return Fail(ErrorCode::kLimit,
                    where + ": member larger than " +
                        std::to_string(limits::kMaxArchiveMemberBytes) +
                        " bytes");
      }
      std::uint64_t packed =
          static_cast<std::uint64_t>(archive_filter_bytes(a.get(), -1));
      if (total > packed * limits::kMaxCompressionRatio + kRatioSlack) {
        return Fail(ErrorCode::kLimit,
                    where + ": unpacks more than " +
                        std::to_string(limits::kMaxCompressionRatio) +
                        " times its compressed size (zip bomb?)");
      }
      if (total > limits::kMaxArchiveTotalBytes) {
        return Fail(ErrorCode::kLimit,
                    where + ": archive unpacks to more than " +
                        std::to_string(limits::kMaxArchiveTotalBytes) +
                        " bytes");
      }
    }
    visit(where, buffer);
  }
  (void)diagnostics;
  return {};
}

}  // namespace

Result<void> VisitOsvFiles(const std::string& path, Diagnostics& diagnostics,
                           const RecordVisitor& visit) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    return Fail(ErrorCode::kNotFound, path + ": no such file or directory");
  }
  if (fs::is_directory(st)) return VisitDirectory(path, diagnostics, visit);
  return VisitZip(path, diagnostics, visit);
}

}  // namespace chainward::advisory
