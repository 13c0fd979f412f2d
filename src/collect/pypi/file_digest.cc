#include "collect/pypi/file_digest.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include <openssl/evp.h>

namespace chainward::collect::pypi {

namespace {

// The digest implementations, fetched once: OpenSSL 3 otherwise looks the
// algorithm up (under a lock) at every EVP_DigestInit_ex, which costs more
// than hashing a small file.
const EVP_MD* Md(DigestAlgorithm algorithm) {
  static const EVP_MD* const kFetched[] = {
      EVP_MD_fetch(nullptr, "MD5", nullptr),    EVP_MD_fetch(nullptr, "SHA1", nullptr),
      EVP_MD_fetch(nullptr, "SHA224", nullptr), EVP_MD_fetch(nullptr, "SHA256", nullptr),
      EVP_MD_fetch(nullptr, "SHA384", nullptr), EVP_MD_fetch(nullptr, "SHA512", nullptr),
  };
  const EVP_MD* md = kFetched[static_cast<int>(algorithm)];
  if (md != nullptr) return md;
  switch (algorithm) {  // a provider without the fetch: the legacy handles
    case DigestAlgorithm::kMd5: return EVP_md5();
    case DigestAlgorithm::kSha1: return EVP_sha1();
    case DigestAlgorithm::kSha224: return EVP_sha224();
    case DigestAlgorithm::kSha256: return EVP_sha256();
    case DigestAlgorithm::kSha384: return EVP_sha384();
    case DigestAlgorithm::kSha512: return EVP_sha512();
  }
  return EVP_sha256();
}

// One read buffer per thread, never zeroed: files are read in blocks this
// large, so most are read with one call.
constexpr std::size_t kBlock = 256 * 1024;
char* ReadBuffer() {
  thread_local std::unique_ptr<char[]> buffer(new char[kBlock]);
  return buffer.get();
}

struct ContextFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Context = std::unique_ptr<EVP_MD_CTX, ContextFree>;

Context Start(DigestAlgorithm algorithm) {
  Context ctx(EVP_MD_CTX_new());
  if (ctx != nullptr && EVP_DigestInit_ex(ctx.get(), Md(algorithm), nullptr) != 1) ctx.reset();
  return ctx;
}

std::string Finish(EVP_MD_CTX* ctx) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx, out, &length) != 1) return {};
  return std::string(reinterpret_cast<const char*>(out), length);
}

std::string Describe(const std::string& path, const char* what, int err) {
  return path + ": " + what + ": " + std::strerror(err);
}

}  // namespace

std::optional<DigestAlgorithm> ParseDigestAlgorithm(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "sha256") return DigestAlgorithm::kSha256;
  if (lower == "sha384") return DigestAlgorithm::kSha384;
  if (lower == "sha512") return DigestAlgorithm::kSha512;
  if (lower == "sha224") return DigestAlgorithm::kSha224;
  if (lower == "sha1") return DigestAlgorithm::kSha1;
  if (lower == "md5") return DigestAlgorithm::kMd5;
  return std::nullopt;
}

std::string DigestBytes(DigestAlgorithm algorithm, std::string_view data) {
  Context ctx = Start(algorithm);
  if (ctx == nullptr || EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1) return {};
  return Finish(ctx.get());
}

Result<FileDigest> DigestFile(const std::string& path, DigestAlgorithm algorithm,
                              std::uint64_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    return Fail(err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                Describe(path, "cannot open", err));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Fail(ErrorCode::kIo, path + ": not a regular file");
  }
  auto out = DigestOpenFile(fd, static_cast<std::uint64_t>(st.st_size), path, algorithm,
                            max_bytes);
  ::close(fd);
  return out;
}

Result<FileDigest> DigestOpenFile(int fd, std::uint64_t size, const std::string& path,
                                  DigestAlgorithm algorithm, std::uint64_t max_bytes) {
  if (size > max_bytes) {
    return Fail(ErrorCode::kLimit, path + ": file is " + std::to_string(size) +
                                       " bytes, over the limit of " + std::to_string(max_bytes));
  }
  thread_local Context ctx(EVP_MD_CTX_new());
  if (ctx == nullptr || EVP_DigestInit_ex(ctx.get(), Md(algorithm), nullptr) != 1) {
    return Fail(ErrorCode::kIo, path + ": cannot start a digest");
  }
  char* buffer = ReadBuffer();
  FileDigest out;
  for (;;) {
    ssize_t n = ::read(fd, buffer, kBlock);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(ErrorCode::kIo, Describe(path, "read failed", errno));
    }
    if (n == 0) break;
    out.size += static_cast<std::uint64_t>(n);
    if (out.size > max_bytes) {  // the file grew while it was read
      return Fail(ErrorCode::kLimit, path + ": file grew past the limit of " +
                                         std::to_string(max_bytes) + " bytes");
    }
    EVP_DigestUpdate(ctx.get(), buffer, static_cast<std::size_t>(n));
    // A short read at the size fstat gave is the end: no read to learn it.
    if (out.size == size && static_cast<std::size_t>(n) < kBlock) break;
  }
  out.digest = Finish(ctx.get());
  return out;
}

std::string EncodeHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string EncodeBase64UrlNoPad(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 3 <= bytes.size(); i += 3) {
    unsigned v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (bytes.size() - i == 1) {
    unsigned v = at(i) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (bytes.size() - i == 2) {
    unsigned v = (at(i) << 16) | (at(i + 1) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

}  // namespace chainward::collect::pypi
