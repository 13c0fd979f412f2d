// Every bound chainward puts on untrusted input, in one place.
//
// Scanned trees are hostile input: lockfiles and manifests of malware samples,
// archives built to exhaust memory, directory trees with link loops. Each bound
// below says why it has the value it has. Exceeding one is reported as an
// Error with ErrorCode::kLimit naming the file; it never crashes the scan.
#ifndef CHAINWARD_BASE_LIMITS_H_
#define CHAINWARD_BASE_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace chainward::limits {

// The largest lockfile read. The biggest real lockfiles seen (large monorepos)
// are tens of MB; 256 MiB leaves room while keeping one file's memory bounded.
inline constexpr std::size_t kMaxLockfileBytes = 256u << 20;

// The largest TOML file read (poetry.lock, uv.lock, pdm.lock, pylock.toml,
// pyproject.toml). toml++ builds a tree of about ten times the text's size;
// the largest real uv.lock files (big monorepos) are a few MB.
inline constexpr std::size_t kMaxTomlBytes = 64u << 20;

// The largest package.json read from an installed tree. Real ones are a few
// KB; some ship embedded READMEs of a few hundred KB.
inline constexpr std::size_t kMaxManifestBytes = 16u << 20;

// Installed Python environments (site-packages, dist-packages).
// The header block of one METADATA or PKG-INFO file. The body (the long
// description) is never read; old metadata versions put the description in
// a header, and the longest real ones are a few hundred KB.
inline constexpr std::size_t kMaxMetadataHeaderBytes = 8u << 20;
// One RECORD file and its rows. The largest real wheels (CUDA and ML
// libraries, type-stub bundles) list tens of thousands of files in a few MB;
// a RECORD of ten million rows is an attack on memory and time.
inline constexpr std::size_t kMaxRecordBytes = 64u << 20;
inline constexpr std::size_t kMaxRecordEntries = 1'000'000;
// Small dist-info files read whole: direct_url.json, INSTALLER,
// installed-files.txt, pyvenv.cfg. Real ones are under a few KB (a
// legacy installed-files.txt lists one path per installed file).
inline constexpr std::size_t kMaxDistInfoFileBytes = 16u << 20;
// One .pth file. Python reads any size, but real ones are under a few KB;
// the malicious litellm_init.pth of litellm 1.82.8 is 34,628 bytes. Past
// this only the first part is read and the file is reported as oversized.
inline constexpr std::size_t kMaxPthBytes = 16u << 20;
// Lines kept from one .pth file, and the bytes kept of one line (the
// statement Python would exec). Executable lines past the count are
// counted, not kept.
inline constexpr std::size_t kMaxPthLines = 100'000;
inline constexpr std::size_t kMaxPthLineBytes = 1u << 20;
// Entries listed at the top of one site-packages directory (packages,
// modules, .pth files, metadata folders). Large environments hold a few
// thousand.
inline constexpr std::size_t kMaxSitePackagesEntries = 1'000'000;
// The largest installed file re-hashed against its RECORD digest, read in
// a stream. CUDA libraries in ML wheels reach about 2 GB; larger files are
// reported as not checked.
inline constexpr std::uint64_t kMaxHashedFileBytes = 4ull << 30;
// Threads that re-hash installed files: hashing is I/O- and CPU-bound and
// scanned hosts are often small; more threads than this only contend.
inline constexpr unsigned kMaxHashThreads = 4;

// The largest single OSV record. Real MAL records are a few KB; the largest
// GHSA records with long version lists are well under 1 MB.
inline constexpr std::size_t kMaxAdvisoryBytes = 8u << 20;

// The longest version string parsed as PEP 440. Real versions are under 64
// bytes, and local labels carrying a commit hash and a date stay under 100.
// A PEP 440 release of N components costs about 16 bytes per input byte
// ("1.1.1..."), so a hostile lockfile cannot turn one field into gigabytes.
inline constexpr std::size_t kMaxVersionBytes = 1024;

// Nesting depth of JSON and YAML documents. npm v1 lockfiles nest one level
// per dependency depth (about 3 levels each); real trees stay under 100
// levels. Deeper input is an attack on the parser's stack.
inline constexpr std::size_t kMaxNestingDepth = 512;

// Nodes (scalars, mappings, sequences) in one YAML lockfile. Real
// pnpm-lock.yaml files hold about one node per 17 bytes of text, so a 100 MB
// lockfile holds under 10 million; each node costs about 24 bytes in memory.
// The bound keeps a hostile file of one-character scalars ("[a,a,a,...]")
// from costing more than about 400 MB.
inline constexpr std::size_t kMaxYamlNodes = 16'000'000;

// Packages read from one lockfile. The largest real lockfiles hold tens of
// thousands of entries.
inline constexpr std::size_t kMaxPackagesPerSource = 2'000'000;

// Directory depth of a tree walk below its root. Deep node_modules nesting
// (npm v2 layouts) reaches about 40 levels.
inline constexpr int kMaxWalkDepth = 128;

// Directory entries visited in one walk, to bound time on pathological trees.
inline constexpr std::size_t kMaxWalkEntries = 50'000'000;

// Length of one line in a line-oriented lockfile (yarn.lock v1). Real lines
// are under a few KB; integrity strings are under 200 bytes.
inline constexpr std::size_t kMaxLineBytes = 1u << 20;

// A logical line of a pip requirements file: its "\"-continued lines joined
// and its ${VARIABLES} expanded. pip-compile writes one --hash per wheel on
// continued lines; the longest real entries (numpy, grpcio: a few hundred
// wheels) join to about 30 KB.
inline constexpr std::size_t kMaxRequirementsLineBytes = 1u << 20;

// Nesting of -r/-c includes below the requirements file a scan starts from.
// Real trees nest 2 to 4 deep (dev.txt -r test.txt -r base.txt -c
// constraints.txt); a deeper chain is generated or hostile.
inline constexpr int kMaxRequirementsIncludeDepth = 32;

// Requirements files read for one top-level file, includes counted (each
// file once). Real trees hold under 20; the bound keeps one source from
// reading every file of a generated tree of thousands of includes.
inline constexpr std::size_t kMaxRequirementsFiles = 1000;

// Members of a zip read by `db import`, and the largest member unpacked.
// osv.dev's all.zip for npm holds about 215,000 records.
inline constexpr std::size_t kMaxArchiveMembers = 2'000'000;
inline constexpr std::size_t kMaxArchiveMemberBytes = kMaxAdvisoryBytes;
// A zip member may expand at most this many times its compressed size
// (JSON compresses about 5-10x; a zip bomb is 1000x and more).
inline constexpr std::size_t kMaxCompressionRatio = 200;
// Total bytes unpacked from one archive.
inline constexpr std::uint64_t kMaxArchiveTotalBytes = 8ull << 30;

}  // namespace chainward::limits

#endif  // CHAINWARD_BASE_LIMITS_H_
