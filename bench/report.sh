#!/usr/bin/env bash
# Benchmark: importing whole Trafficking in Persons Reports, as whole processes.
#
# Run from anywhere:   bench/report.sh
# Environment:         CARGO_TARGET_DIR (honoured), RUNS (timed single-file runs, default 5),
#                      WARMUP (untimed single-file runs first, default 1), TMPDIR (where the temp
#                      dir goes, default /var/tmp; keep it on a real disk, not tmpfs, or the
#                      durable writes are not measured), KEEP=1 (keep the temp dir and say where).
#
# 1. builds the release binary;
# 2. generates with bench/generate.py --whole-reports 20 whole-report files, one per report year
#    2005-2024, each in the layout of its era (prose, "Recommendations for", "RECOMMENDATIONS
#    FOR", "PRIORITIZED RECOMMENDATIONS"), hard-wrapped as text from the PDF, with running page
#    furniture: 190 narratives, exactly 1,500 recommendations and about 3 MB per file;
# 3. imports the 2020 file into a fresh database, WARMUP times untimed and RUNS times timed, each
#    on a fresh database: the median is the figure (target < 0.5 s);
# 4. imports the 20 files one after another, 20 processes, into one fresh database, linking
#    recurring recommendations and suggesting evidence from each narrative for every earlier
#    open item of its country (target < 20 s in all, issue 4), all 20 in one `import` process
#    into another (same target), and all 20 in one process with --no-suggest (a bulk load,
#    target < 10 s, issue 3's);
# 5. takes the peak memory (max RSS) of every importing process, with /usr/bin/time -f %M, or
#    Python's getrusage(RUSAGE_CHILDREN) where that is missing (target < 100 MB each);
# 6. checks that each database holds exactly the narratives and recommendations generated, and
#    that the parser finds every recommendation word for word as generated (bench/verify.py,
#    with `import --dry-run`; on a mismatch it names the files, layouts and narratives that
#    differ, and the first item that differs).
# Prints a table of figures with targets, PASS or FAIL. Exits 1 if any target is missed or any
# count is wrong, 2 if an import fails. Removes its temp dir on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
runs=${RUNS:-5}
warmup=${WARMUP:-1}
single_year=2020

work=$(mktemp -d "${TMPDIR:-/var/tmp}/tiptrack-report-bench.XXXXXX")
shm=""
if [ "$(df -T /dev/shm 2>/dev/null | awk 'NR==2 {print $2}')" = tmpfs ]; then
    shm=$(mktemp -d /dev/shm/tiptrack-report-bench.XXXXXX)
fi
if [ "${KEEP:-0}" = 1 ]; then
    trap 'echo "kept $work"; [ -z "$shm" ] || rm -rf "$shm"' EXIT
else
    trap 'rm -rf "$work"; [ -z "$shm" ] || rm -rf "$shm"' EXIT
fi
fstype=$(df -T "$work" | awk 'NR==2 {print $2}')
if [ "$fstype" = tmpfs ]; then
    echo "warning: $work is on tmpfs; durable writes are not measured (set TMPDIR)" >&2
fi

now_ns() { date +%s%N; }
secs() { python3 -c 'import sys; print(f"{(int(sys.argv[2]) - int(sys.argv[1])) / 1e9:.1f} s")' "$1" "$2"; }

cd "$root"
t0=$(now_ns)
cargo build --release --quiet
bin="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/tiptrack"
echo "build:    release binary in $(secs "$t0" "$(now_ns)") ($bin, $("$bin" --version))"

t0=$(now_ns)
data="$work/reports"
python3 "$here/generate.py" "$data" --whole-reports --years 2005-2024 \
    --narratives 190 --recommendations 1500 --size 3000000 >"$work/generate.log"
echo "generate: $(tail -n 1 "$work/generate.log" | sed "s| in $data||") in $(secs "$t0" "$(now_ns)")"
sed -n "/tip-report-$single_year.txt/p" "$work/generate.log" | sed 's/^/          /'
manifest="$data/manifest.json"
files=()
for year in $(seq 2005 2024); do files+=("$data/tip-report-$year.txt"); done
single="$data/tip-report-$single_year.txt"

# measure RSS_FILE LOG COMMAND...: runs COMMAND, stdout to /dev/null, stderr to LOG, and writes
# its peak RSS in KiB to RSS_FILE.
if [ -x /usr/bin/time ]; then
    rss_tool="/usr/bin/time -f %M"
    measure() {
        local rss=$1 log=$2
        shift 2
        /usr/bin/time -f %M -o "$rss" "$@" >/dev/null 2>"$log"
    }
else
    rss_tool="getrusage(RUSAGE_CHILDREN)"
    measure() {
        local rss=$1 log=$2
        shift 2
        python3 -c '
import resource, subprocess, sys
with open(sys.argv[2], "wb") as log:
    code = subprocess.run(sys.argv[3:], stdout=subprocess.DEVNULL, stderr=log).returncode
with open(sys.argv[1], "w") as out:
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=out)
sys.exit(code)' "$rss" "$log" "$@"
    }
fi
failed() { echo "import failed: $*" >&2; tail -n 20 "$work/import.log" >&2; exit 2; }
fresh() { rm -f "$1" "$1-journal" "$1-wal" "$1-shm"; }

export TIPTRACK_USER=bench
results="$work/results"
: >"$results"
record() { echo "$*" >>"$results"; }

# 3. One whole report, fresh database each run.
db1="$work/one.db"
for i in $(seq 1 $((warmup + runs))); do
    fresh "$db1"
    t0=$(now_ns)
    measure "$work/rss" "$work/import.log" "$bin" --db "$db1" import "$single" || failed "$single"
    t1=$(now_ns)
    if [ "$i" -gt "$warmup" ]; then
        record single_ns "$((t1 - t0))"
        record single_rss "$(tail -n 1 "$work/rss")"
    fi
done
cp "$work/import.log" "$work/single.log"

# Reference figures, no targets: the same import with the database on tmpfs (what is left
# without the cost of durable writes), and one durable SQLite commit on this disk.
if [ -n "$shm" ]; then
    for i in 1 2 3; do
        fresh "$shm/one.db"
        t0=$(now_ns)
        measure "$work/rss" "$work/import.log" "$bin" --db "$shm/one.db" import "$single" || failed "$single"
        t1=$(now_ns)
        record tmpfs_ns "$((t1 - t0))"
    done
    rm -f "$shm/one.db"
fi
python3 - "$work/floor.db" >>"$results" <<'EOF'
import os, sqlite3, statistics, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA synchronous=FULL")  # SQLite's default, rollback journal, as tiptrack runs
conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
conn.execute("INSERT INTO t VALUES (1, 'a')")
samples = []
for i in range(53):
    start = time.perf_counter_ns()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE t SET v = ? WHERE id = 1", (str(i),))
    conn.execute("COMMIT")
    samples.append(time.perf_counter_ns() - start)
conn.close()
os.unlink(sys.argv[1])
print("commit_ns", int(statistics.median(samples[3:])))
EOF

# 4a. Twenty reports, twenty processes, one database.
db20="$work/twenty.db"
fresh "$db20"
t0=$(now_ns)
for f in "${files[@]}"; do
    log="$work/seq-$(basename "$f" .txt).log"
    measure "$work/rss" "$log" "$bin" --db "$db20" import "$f" || { cp "$log" "$work/import.log"; failed "$f"; }
    record seq_rss "$(tail -n 1 "$work/rss")"
done
t1=$(now_ns)
record seq_ns "$((t1 - t0))"

# 4b. Twenty reports, one process.
dbone="$work/onego.db"
fresh "$dbone"
t0=$(now_ns)
measure "$work/rss" "$work/import.log" "$bin" --db "$dbone" import "${files[@]}" || failed "${files[*]}"
t1=$(now_ns)
cp "$work/import.log" "$work/onego.log"
record onego_ns "$((t1 - t0))"
record onego_rss "$(tail -n 1 "$work/rss")"

# 4c. Twenty reports, one process, without suggesting evidence (a bulk load).
dbplain="$work/plain.db"
fresh "$dbplain"
t0=$(now_ns)
measure "$work/rss" "$work/import.log" "$bin" --db "$dbplain" import --no-suggest "${files[@]}" \
    || failed "${files[*]}"
t1=$(now_ns)
record plain_ns "$((t1 - t0))"
record plain_rss "$(tail -n 1 "$work/rss")"
rm -f "$dbplain" "$dbplain-wal" "$dbplain-shm"
suggestions=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT count(*) FROM evidence WHERE state = '"'suggested'"'").fetchone()[0])' "$db20")
echo "suggested evidence after 20 reports: $suggestions"
echo "database: $(du -h "$db20" | cut -f1) for 20 reports, on $fstype; peak memory by $rss_tool"
echo

# 6. Counts.
set +e
python3 "$here/verify.py" --bin "$bin" --db "$db1" --manifest "$manifest" --years "$single_year" \
    --log "$work/single.log" --texts --label "counts, 1 report ($single_year)      " >"$work/verify.out"
v1=$?
python3 "$here/verify.py" --bin "$bin" --db "$db20" --manifest "$manifest" \
    --log "$work"/seq-*.log --texts --label "counts, 20 reports, 20 processes" >>"$work/verify.out"
v2=$?
python3 "$here/verify.py" --bin "$bin" --db "$dbone" --manifest "$manifest" \
    --log "$work/onego.log" --label "counts, 20 reports, 1 process  " >>"$work/verify.out"
v3=$?

python3 - "$results" "$runs" "$single_year" "$manifest" <<'EOF'
import json, statistics, sys
from collections import defaultdict

values = defaultdict(list)
for line in open(sys.argv[1]):
    key, value = line.split()
    values[key].append(int(value))
runs, year = int(sys.argv[2]), sys.argv[3]
files = json.load(open(sys.argv[4]))
one = next(f for f in files if str(f["year"]) == year)
mb = lambda kib: kib * 1024 / 1e6

single = [ns / 1e9 for ns in values["single_ns"]]
rows = [
    (f"import 1 report ({year}: {one['narratives']} narratives, {one['recommendations']} recs, "
     f"{one['bytes'] / 1e6:.1f} MB), median of {runs}", statistics.median(single), "s", 0.5),
    (f"  same, min / max of {runs}: {min(single):.3f} / {max(single):.3f} s", None, "", None),
    (f"import 20 reports ({sum(f['bytes'] for f in files) / 1e6:.0f} MB), all linking and "
     "suggesting, 20 processes, total", values["seq_ns"][0] / 1e9, "s", 20.0),
    ("import 20 reports, all linking and suggesting, 1 process", values["onego_ns"][0] / 1e9, "s",
     20.0),
    ("import 20 reports, 1 process, --no-suggest", values["plain_ns"][0] / 1e9, "s", 10.0),
    ("peak memory, import 1 report (max of runs)", mb(max(values["single_rss"])), "MB", 100.0),
    ("peak memory, 20 processes (max of the 20)", mb(max(values["seq_rss"])), "MB", 100.0),
    ("peak memory, 1 process importing 20 reports", mb(values["onego_rss"][0]), "MB", 100.0),
    ("peak memory, same, --no-suggest", mb(values["plain_rss"][0]), "MB", 100.0),
]
reference = []
if values["tmpfs_ns"]:
    reference.append(f"  reference: import 1 report, database on tmpfs (no fsync), median of 3: "
                     f"{statistics.median(values['tmpfs_ns']) / 1e9:.3f} s")
commit = values["commit_ns"][0] / 1e6
reference.append(f"  reference: one durable SQLite commit on this disk, median: {commit:.2f} ms "
                 f"(x {one['narratives']} narratives, one transaction each: {commit * one['narratives'] / 1e3:.3f} s)")
rows[2:2] = [(line, None, "", None) for line in reference]
width = max(len(r[0]) for r in rows if r[1] is not None)
header = f"{'figure':<{width}} {'value':>9}  {'target':>10}  result"
print(header)
print("-" * len(header))
missed = 0
for label, value, unit, target in rows:
    if value is None:
        print(label)
        continue
    ok = value < target
    missed += not ok
    print(f"{label:<{width}} {value:7.3f} {unit:<2} {'< ' + format(target, 'g') + ' ' + unit:>10}  "
          f"{'PASS' if ok else 'FAIL'}")
sys.exit(1 if missed else 0)
EOF
targets=$?
set -e
echo
cat "$work/verify.out"

if [ "$targets" -ne 0 ] || [ "$v1" -ne 0 ] || [ "$v2" -ne 0 ] || [ "$v3" -ne 0 ]; then
    echo
    echo "MISSED: see FAIL above"
    exit 1
fi
echo
echo "all targets met"
