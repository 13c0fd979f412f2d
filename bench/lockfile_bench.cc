// Parse time of each lockfile parser on the real 1,605-package corpus, and of
// the uv.lock parser on the 526-entry lock of bench/corpus-pypi.
// Usage: build-bench/bench/lockfile_bench [--benchmark_...] (reads
// bench/corpus-npm1600/ relative to the source tree, or $CHAINWARD_BENCH_CORPUS;
// bench/corpus-pypi/uv.lock, or the file $CHAINWARD_BENCH_UV_LOCK names).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "base/diagnostics.h"
#include "base/file.h"
#include "base/limits.h"
#include "collect/npm/manifest.h"
#include "collect/npm/package_lock.h"
#include "collect/npm/pnpm_lock.h"
#include "collect/npm/yarn_lock.h"
#include "collect/pypi/uv_lock.h"
#include "collect/toml_support.h"

namespace {

using namespace chainward;

std::string Corpus(const char* name) {
  const char* dir = std::getenv("CHAINWARD_BENCH_CORPUS");
  std::string base = dir ? dir : CHAINWARD_SOURCE_DIR "/bench/corpus-npm1600";
  auto content = ReadFile(base + "/" + name, limits::kMaxLockfileBytes);
  if (!content) {
    std::fprintf(stderr, "%s\n", content.error().message.c_str());
    std::exit(1);
  }
  return *content;
}

void BM_PackageLockV3(benchmark::State& state) {
  std::string text = Corpus("package-lock.json");
  std::size_t packages = 0;
  for (auto _ : state) {
    Diagnostics d;
    auto source = collect::npm::ParsePackageLock("package-lock.json", text,
                                                 model::SourceFormat::kPackageLock, nullptr, d);
    if (!source) state.SkipWithError(source.error().message.c_str());
    else packages = source->packages.size();
  }
  state.counters["packages"] = static_cast<double>(packages);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_PackageLockV3)->Unit(benchmark::kMillisecond);

void BM_PnpmLockV9(benchmark::State& state) {
  std::string text = Corpus("big-pnpm-lock.yaml");
  std::size_t packages = 0;
  for (auto _ : state) {
    Diagnostics d;
    auto source = collect::npm::ParsePnpmLock("pnpm-lock.yaml", text, d);
    if (!source) state.SkipWithError(source.error().message.c_str());
    else packages = source->packages.size();
  }
  state.counters["packages"] = static_cast<double>(packages);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_PnpmLockV9)->Unit(benchmark::kMillisecond);

void BM_YarnLockV1(benchmark::State& state) {
  std::string text = Corpus("big-yarn.lock");
  std::string manifest_text = Corpus("package.json");
  auto manifest = collect::npm::ParseManifest("package.json", manifest_text);
  std::size_t packages = 0;
  for (auto _ : state) {
    Diagnostics d;
    auto source = collect::npm::ParseYarnLock("yarn.lock", text, manifest ? &*manifest : nullptr, d);
    if (!source) state.SkipWithError(source.error().message.c_str());
    else packages = source->packages.size();
  }
  state.counters["packages"] = static_cast<double>(packages);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_YarnLockV1)->Unit(benchmark::kMillisecond);

Result<std::string> UvLockText() {
  const char* file = std::getenv("CHAINWARD_BENCH_UV_LOCK");
  std::string path = file ? file : CHAINWARD_SOURCE_DIR "/bench/corpus-pypi/uv.lock";
  return ReadFile(path, limits::kMaxTomlBytes);
}

// toml++ alone on the same text: the floor of BM_UvLock.
void BM_UvLockTomlOnly(benchmark::State& state) {
  auto text = UvLockText();
  if (!text) {
    state.SkipWithError(text.error().message.c_str());
    return;
  }
  for (auto _ : state) {
    auto doc = collect::TomlDocument::Parse("uv.lock", *text);
    if (!doc) state.SkipWithError(doc.error().message.c_str());
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text->size()));
}
BENCHMARK(BM_UvLockTomlOnly)->Unit(benchmark::kMillisecond);

void BM_UvLock(benchmark::State& state) {
  auto text = UvLockText();
  if (!text) {
    state.SkipWithError(text.error().message.c_str());
    return;
  }
  std::size_t packages = 0;
  for (auto _ : state) {
    Diagnostics d;
    auto source = collect::pypi::ParseUvLock("uv.lock", *text, d);
    if (!source) state.SkipWithError(source.error().message.c_str());
    else packages = source->packages.size();
  }
  state.counters["packages"] = static_cast<double>(packages);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text->size()));
}
BENCHMARK(BM_UvLock)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
