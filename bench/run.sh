#!/usr/bin/env bash
# Reproduces every figure in docs/performance.md, in one run, beside the peers.
#
#   bench/run.sh [WORKDIR]      (default: ~/.cache/chainward-bench)
#
# 1. Builds chainward with the benchmarks (build-bench/).
# 2. Recreates the real 1,605-package installed tree from bench/corpus-npm1600
#    with `npm install --ignore-scripts` (no install script runs), once.
# 3. Installs the peers from the npm registry into WORKDIR/peers, once:
#    @cyclonedx/cyclonedx-npm.
# 4. Times, with hyperfine (warm cache, medians): chainward inventory of the
#    tree vs `npm ls --all --json` vs cyclonedx-npm; lockfile parse times
#    (Google Benchmark); db import and matching of a generated 200,000-record
#    OSV database (time and peak memory from /usr/bin/time); with
#    OSV_ZIP=path/to/real-osv.zip, also the import of that real feed and a
#    scan of the tree against it.
# 5. Python: the site-packages of this machine's python3 (or PYTHON_SITE=DIR):
#    chainward inventory and scan (which re-hashes every file against its
#    RECORD) vs `pip inspect` / `pip list`, and `sha256sum` / `cat` of the
#    same RECORD-listed files as floors; the uv.lock of bench/corpus-pypi
#    parsed and matched.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$HOME/.cache/chainward-bench}
mkdir -p "$work"
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)"; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)"; exit 1; }

echo "== build"
cmake -S "$repo" -B "$repo/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCHAINWARD_BENCH=ON -DCHAINWARD_TESTS=OFF >/dev/null
cmake --build "$repo/build-bench" -j "$(nproc)" >/dev/null
cw="$repo/build-bench/chainward"

echo "== corpus tree"
app="$work/app"
if [ ! -f "$app/node_modules/.package-lock.json" ]; then
  mkdir -p "$app"
  cp "$repo/bench/corpus-npm1600/package.json" "$repo/bench/corpus-npm1600/package-lock.json" "$app/"
  printf 'omit-lockfile-registry-resolved=false\nfund=false\naudit=false\n' > "$app/.npmrc"
  (cd "$app" && npm install --ignore-scripts --no-audit >/dev/null 2>&1)
fi
echo "packages: $(cd "$app" && npm ls --all --parseable 2>/dev/null | wc -l) (with the root)"
echo "files:    $(find "$app/node_modules" -type f | wc -l)"

echo "== peers"
peers="$work/peers"
if [ ! -x "$peers/node_modules/.bin/cyclonedx-npm" ]; then
  mkdir -p "$peers"
  (cd "$peers" && npm install --ignore-scripts --no-audit --no-save @cyclonedx/cyclonedx-npm >/dev/null 2>&1)
fi

echo "== installed tree: chainward inventory vs npm ls vs cyclonedx-npm, and the floors"
# The bytes chainward reads for this tree: the lockfile, the hidden lockfile
# and the package.json of every installed package. `cat` and `rg` over the
# same list are the floors: reading those bytes and doing nothing with them.
files="$work/tree-files.txt"
(cd "$app" && { printf '%s\0' package.json package-lock.json node_modules/.package-lock.json
  { npm ls --all --parseable 2>/dev/null || true; } | tail -n +2 |
    sed "s|^$app/||; s|\$|/package.json|" | tr '\n' '\0'; }) > "$files"
echo "bytes read: $(cd "$app" && xargs -0 cat < "$files" | wc -c) in $(tr -cd '\0' < "$files" | wc -c) files"
(cd "$app" && hyperfine --warmup 2 --runs 10 --style basic -i --export-markdown "$work/tree.md" \
  -n "chainward inventory" "$cw inventory . --format json --output /dev/null" \
  -n "chainward scan" "$cw --db $work/empty-db scan . --format json --output /dev/null" \
  -n "cat (same files)" "xargs -0 cat < $files >/dev/null" \
  -n "rg -F (same files)" "xargs -0 rg -F -c '\"version\"' < $files >/dev/null" \
  -n "npm ls --all --json" "npm ls --all --json >/dev/null 2>&1 || true" \
  -n "cyclonedx-npm" "$peers/node_modules/.bin/cyclonedx-npm --output-file /dev/null >/dev/null 2>&1 || true")

echo "== lockfile parsers"
"$repo/build-bench/bench/lockfile_bench" --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true

if [ -x "$repo/bench/osv_db.sh" ]; then
  echo "== advisory database"
  "$repo/bench/osv_db.sh" "$cw" "$work" "$app"
fi

if [ -n "${OSV_ZIP:-}" ]; then
  echo "== real advisory feed: $OSV_ZIP"
  rm -rf "$work/db-real"
  /usr/bin/time -f "db import: %e s, peak RSS %M KB" "$cw" --db "$work/db-real" db import "$OSV_ZIP"
  echo "database size: $(du -h "$work/db-real/advisories.sqlite3" | cut -f1)"
  hyperfine --warmup 2 --runs 10 --style basic -i \
    -n "scan, real feed" "$cw --db $work/db-real scan $app --format json --output /dev/null" \
    -n "inventory (no matching)" "$cw inventory $app --format json --output /dev/null"
fi

echo "== Python environment"
python=${PYTHON:-python3}
site=${PYTHON_SITE:-$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')}
# The files RECORD lists with a digest: what scan re-hashes.
(cd "$site" && "$python" - <<'PY') > "$work/record-files"
import csv, glob, os
for record in glob.glob("*.dist-info/RECORD"):
    for row in csv.reader(open(record, newline="")):
        if len(row) >= 3 and row[1] and os.path.isfile(row[0]):
            print(os.path.abspath(row[0]), end="\0")
PY
echo "site-packages: $(ls -d "$site"/*.dist-info "$site"/*.egg-info 2>/dev/null | wc -l) distributions"
echo "RECORD-listed files: $(tr -cd '\0' < "$work/record-files" | wc -c), $(xargs -0 cat < "$work/record-files" | wc -c) bytes"
hyperfine --warmup 2 --runs 10 --style basic -i --export-markdown "$work/python.md" \
  -n "chainward inventory" "$cw inventory $site --format json --output /dev/null" \
  -n "chainward scan (RECORD re-hash, .pth audit)" "$cw --db $work/empty-db scan $site --format json --output /dev/null" \
  -n "pip inspect" "$python -m pip inspect --path $site" \
  -n "pip list" "$python -m pip list --path $site" \
  -n "sha256sum (same files, 2 processes)" "xargs -0 -P2 -n 2000 sha256sum < $work/record-files" \
  -n "cat (same files, 2 processes)" "xargs -0 -P2 -n 2000 cat < $work/record-files"

echo "== uv.lock"
"$repo/build-bench/bench/lockfile_bench" --benchmark_filter=UvLock --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true
hyperfine --warmup 2 --runs 10 --style basic -i \
  -n "scan --lockfile uv.lock (526 entries)" \
  "$cw --db $work/empty-db scan --lockfile $repo/bench/corpus-pypi/uv.lock --format json --output /dev/null"
