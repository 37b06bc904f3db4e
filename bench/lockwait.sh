#!/usr/bin/env bash
# Benchmark: how long a `status` from another terminal waits while `evidence suggest` recomputes
# every suggestion, at $TOTAL (default 50,000) recommendations.
#
# Run from anywhere:   bench/lockwait.sh
# Environment:         TOTAL, TMPDIR (a real disk), KEEP=1 (see bench/database.sh)
#
# 1. builds the release binary and the database, imported with --no-suggest (bench/database.sh);
# 2. times 11 status changes alone (the floor);
# 3. starts `evidence suggest` and, while it runs, changes a status every 20 ms, timing each
#    whole process; prints how many ran, their median, p90 and max in ms, and how long the
#    suggest took. Exits 1 if a status failed.
source "$(dirname "${BASH_SOURCE[0]}")/database.sh"
make_database --no-suggest

python3 - "$bin" "$db" <<'PY'
import statistics, subprocess, sys, time
bin, db = sys.argv[1], sys.argv[2]
statuses = ["addressed", "in-progress"]

def status(i):
    start = time.perf_counter()
    done = subprocess.run([bin, "--db", db, "status", "KAZ-2011-4", statuses[i % 2]],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"status failed while evidence suggest ran: {done.stderr.strip()}")
    return (time.perf_counter() - start) * 1000

def figures(times):
    times = sorted(times)
    return (f"median {statistics.median(times):.1f} ms, p90 {times[int(0.9 * (len(times) - 1))]:.1f} ms,"
            f" max {times[-1]:.1f} ms")

alone = [status(i) for i in range(11)]
print(f"status alone:                 {figures(alone)} (11 runs)")
start = time.perf_counter()
suggest = subprocess.Popen([bin, "--db", db, "evidence", "suggest"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
during = []
while suggest.poll() is None:
    during.append(status(len(during)))
    time.sleep(0.02)
took = time.perf_counter() - start
if suggest.returncode != 0:
    sys.exit("evidence suggest failed")
print(f"status during evidence suggest: {figures(during)} ({len(during)} runs;"
      f" the suggest took {took:.1f} s)")
PY
