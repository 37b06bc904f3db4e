#!/usr/bin/env bash
# Benchmark: the syncs and the time of one durable write (`status`), at $TOTAL (default 50,000)
# recommendations.
#
# Run from anywhere:   bench/fsyncs.sh        (needs strace: apt-get install strace)
# Environment:         TOTAL, RUNS (default 31), TMPDIR (a real disk), KEEP=1 (see database.sh)
#
# 1. builds the release binary and the database (bench/database.sh);
# 2. counts, with `strace -f -c`, the fsync and fdatasync calls of `status KAZ-2011-4 ...` (the
#    status alternating, so that each run writes): the first run after the import (which leaves
#    no write-ahead log: that run creates it) and then $RUNS more, as min/median/max;
# 3. times $RUNS more runs as whole processes (median, p90, min in ms), next to process start
#    (`tiptrack --version`) as the floor, which tells a busy machine apart.
# Exits 1 if the median misses 4 ms or a steady run syncs more than once.
source "$(dirname "${BASH_SOURCE[0]}")/database.sh"
runs=${RUNS:-31}
command -v strace >/dev/null || { echo "fsyncs.sh needs strace (apt-get install strace)" >&2; exit 1; }
make_database --no-suggest

python3 - "$bin" "$db" "$runs" "$work" <<'PY'
import statistics, subprocess, sys, time
bin, db, runs, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
statuses = ["addressed", "in-progress"]

def status(i, prefix=()):
    cmd = [*prefix, bin, "--db", db, "status", "KAZ-2011-4", statuses[i % 2]]
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}")

def syncs(i):
    out = f"{work}/strace.txt"
    status(i, ["strace", "-f", "-c", "-o", out, "-e", "trace=fsync,fdatasync"])
    count = 0
    for line in open(out):
        parts = line.split()
        if parts and parts[-1] in ("fsync", "fdatasync"):
            count += int(parts[3])
    return count

first = syncs(0)
counts = [syncs(i) for i in range(1, runs + 1)]
print(f"syncs per status: first run after the import {first},"
      f" then min {min(counts)} median {statistics.median(counts):g} max {max(counts)}"
      f" over {runs} runs")
def timed(run):
    times = []
    for i in range(runs):
        start = time.perf_counter()
        run(i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))], times[0]

floor = timed(lambda i: subprocess.run([bin, "--version"], stdout=subprocess.DEVNULL))
print("process start (--version): median {:.2f} ms, p90 {:.2f} ms, min {:.2f} ms".format(*floor))
median, p90, least = timed(status)
print(f"status:   median {median:.2f} ms, p90 {p90:.2f} ms, min {least:.2f} ms"
      f" over {runs} runs (target < 4 ms, 1 sync)")
sys.exit(0 if median < 4 and statistics.median(counts) <= 1 else 1)
PY
