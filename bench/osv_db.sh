#!/usr/bin/env bash
# The advisory database at scale: generate a 200,000-record OSV zip shaped like
# the real npm data, import it, and scan the corpus tree against it.
#   bench/osv_db.sh CHAINWARD WORKDIR APP
set -euo pipefail
cw=$1 work=$2 app=$3
repo=$(cd "$(dirname "$0")/.." && pwd)
zip="$work/osv200k.zip"
db="$work/db200k"
names="$work/corpus-packages.txt"
# "name version" of every package in the corpus lockfile, so some generated
# records target real names and lookups hit them.
python3 - "$repo/bench/corpus-npm1600/package-lock.json" > "$names" <<'PY'
import json, sys
lock = json.load(open(sys.argv[1]))
seen = set()
for path, entry in lock["packages"].items():
    if not path or "version" not in entry:
        continue
    name = entry.get("name") or path.rsplit("node_modules/", 1)[-1]
    seen.add((name, entry["version"]))
for name, version in sorted(seen):
    print(name, version)
PY
[ -f "$zip" ] || python3 "$repo/bench/gen_osv.py" 200000 "$zip" "$names"
echo "records: 200000 ($(du -h "$zip" | cut -f1) zipped)"
rm -rf "$db"
/usr/bin/time -f "db import: %e s, peak RSS %M KB" "$cw" --db "$db" db import "$zip" >/dev/null
echo "database size: $(du -h "$db/advisories.sqlite3" | cut -f1)"
/usr/bin/time -f "scan of the corpus tree with the 200k database: %e s, peak RSS %M KB" \
  "$cw" --db "$db" scan "$app" --format json --output /dev/null || true
hyperfine --warmup 1 --runs 5 --style basic -i \
  -n "scan, 200k database" "$cw --db $db scan $app --format json --output /dev/null" \
  -n "scan, built-in feed only" "$cw --db $work/empty-db scan $app --format json --output /dev/null"
