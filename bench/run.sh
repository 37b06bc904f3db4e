#!/usr/bin/env bash
# Benchmark: tiptrack on a database of 50,000 recommendations.
#
# Run from anywhere:   bench/run.sh
# Environment:         CARGO_TARGET_DIR (honoured), RUNS (default 31), WARMUP (default 3),
#                      TOTAL (recommendations, default 50000), TMPDIR (where the temp dir goes;
#                      keep it on a real disk, not tmpfs, or the durable writes are not measured),
#                      KEEP=1 (keep the temp dir, database included, and say where).
#
# 1. builds the release binary;
# 2. generates ~196 countries x 20 report years (2005-2024) of synthetic narratives with
#    bench/generate.py, exactly $TOTAL recommendations in all (Kazakhstan 2011 included);
# 3. imports them into a fresh database (200 files per `import`) and checks the count of
#    recommendations (read with Python's sqlite3: `report` counts asks, each recommendation
#    followed across the years once, so its total is smaller); prints both;
# 4. times, as whole processes, with bench/timeit.py: `status KAZ-2011-4 ...` (target < 10 ms),
#    `assign KAZ-2011-4 --owner ...` alternating two owners (a durable write, < 10 ms),
#    `list --country KAZ --year 2011` (< 5 ms), `show KAZ-2011-4` (< 10 ms), `asks --country
#    KAZ` (< 10 ms) and `report` (< 15 ms), next to process start (`tiptrack --version`) as the
#    floor; medians, p90 and min in ms.
# Exits non-zero if any median misses its target. Removes its temp dir on exit (unless KEEP=1).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
runs=${RUNS:-31}
warmup=${WARMUP:-3}
total=${TOTAL:-50000}
batch=200

work=$(mktemp -d "${TMPDIR:-/tmp}/tiptrack-bench.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
    trap 'echo "kept $work"' EXIT
else
    trap 'rm -rf "$work"' EXIT
fi

secs_since() { python3 -c 'import sys,time; print(f"{time.time()-float(sys.argv[1]):.1f} s")' "$1"; }

cd "$root"
t0=$(date +%s.%N)
cargo build --release --quiet
bin="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/tiptrack"
echo "build:    release binary in $(secs_since "$t0") ($bin, $("$bin" --version))"

t0=$(date +%s.%N)
python3 "$here/generate.py" "$work/narratives" --total "$total" >"$work/generate.log"
echo "generate: $(cat "$work/generate.log") in $(secs_since "$t0")"

db="$work/bench.db"
t0=$(date +%s.%N)
export TIPTRACK_USER=bench
find "$work/narratives" -name '*.txt' -print0 | sort -z |
    xargs -0 -n "$batch" "$bin" --db "$db" import --format json >/dev/null 2>"$work/import.log" || {
    echo "import failed:" >&2; tail -n 20 "$work/import.log" >&2; exit 1; }
files=$(find "$work/narratives" -name '*.txt' | wc -l)
secs_import=$(secs_since "$t0")
# Recommendations and narratives straight from the database; asks from `report`, whose total
# counts each ask (a recommendation followed across a country's reports) once.
count=$(python3 -c 'import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
print(*(conn.execute(q).fetchone()[0] for q in
        ("SELECT count(*) FROM recommendation", "SELECT count(*) FROM narrative")))' "$db")
read -r recs stored <<<"$count"
asks=$("$bin" --db "$db" report --format json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["total"])')
echo "import:   $files files, $stored narratives, $recs recommendations, $asks asks in $secs_import" \
     "(database $(du -h "$db" | cut -f1), on $(df -T "$work" | awk 'NR==2 {print $2}'))"
if [ "$recs" -lt "$total" ]; then
    echo "expected at least $total recommendations, found $recs" >&2
    exit 1
fi
echo

python3 "$here/timeit.py" --bin "$bin" --db "$db" --runs "$runs" --warmup "$warmup"
