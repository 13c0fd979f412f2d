// Digests of installed files, streamed through OpenSSL's EVP interface.
//
// RECORD files name their algorithm per row ("sha256=..."); .pth files are
// identified by SHA-256. Files are read in fixed-size blocks, so memory use
// does not depend on the file's size.
#ifndef CHAINWARD_COLLECT_PYPI_FILE_DIGEST_H_
#define CHAINWARD_COLLECT_PYPI_FILE_DIGEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace chainward::collect::pypi {

enum class DigestAlgorithm { kMd5, kSha1, kSha224, kSha256, kSha384, kSha512 };

// The algorithm a RECORD row names ("sha256", "SHA256"), or nullopt for
// one chainward does not compute.
std::optional<DigestAlgorithm> ParseDigestAlgorithm(std::string_view name);

// The raw digest of `data`.
std::string DigestBytes(DigestAlgorithm algorithm, std::string_view data);

// The raw digest of the regular file at `path` and its size, read in a
// stream. `max_bytes` bounds how much is read.
// Errors: kNotFound when the file does not exist; kIo when it cannot be
// opened or read or is not a regular file; kLimit when it is larger than
// `max_bytes`. Messages start with `path`.
struct FileDigest {
  std::string digest;  // raw bytes
  std::uint64_t size = 0;
};
Result<FileDigest> DigestFile(const std::string& path, DigestAlgorithm algorithm,
                              std::uint64_t max_bytes);

// The same for a file the caller opened: `fd` (not closed here) is read
// from its current offset; `size` is what fstat gave, `path` names it in
// messages. Errors: kLimit when `size` or the bytes read exceed
// `max_bytes`; kIo when a read fails.
Result<FileDigest> DigestOpenFile(int fd, std::uint64_t size, const std::string& path,
                                  DigestAlgorithm algorithm, std::uint64_t max_bytes);

// Lower-case hex of raw bytes.
std::string EncodeHex(std::string_view bytes);
// RFC 4648 "base64url" without "=" padding, as RECORD writes digests.
std::string EncodeBase64UrlNoPad(std::string_view bytes);

}  // namespace chainward::collect::pypi

#endif  // CHAINWARD_COLLECT_PYPI_FILE_DIGEST_H_
