#!/usr/bin/env bash
# Benchmark: `evidence list --suggested` over every suggestion of $TOTAL (default 50,000)
# recommendations: how soon it starts printing, how long it takes, and its peak memory.
#
# Run from anywhere:   bench/listmem.sh      (needs GNU time: /usr/bin/time, apt-get install time)
# Environment:         TOTAL, TMPDIR, KEEP=1 (see bench/database.sh)
#
# 1. builds the release binary and the database, suggestions included (bench/database.sh);
# 2. for CSV, JSON and the table (in a pipe), and with and without --each: the time to the first
#    byte and to the end, and the peak resident memory (/usr/bin/time -v), with the size of
#    the output.
source "$(dirname "${BASH_SOURCE[0]}")/database.sh"
[ -x /usr/bin/time ] || { echo "listmem.sh needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
make_database
python3 - "$db" <<'PY'
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
n = conn.execute("SELECT count(*) FROM evidence WHERE state = 'suggested'").fetchone()[0]
print(f"suggestions: {n}")
PY

for each in "" "--each"; do
    for format in csv json table; do
        python3 - "$work" /usr/bin/time -v "$bin" --db "$db" evidence list --suggested $each \
            --format "$format" <<'PY'
import re, subprocess, sys, time
work, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
first = proc.stdout.read(1)
to_first = time.perf_counter() - start
size = len(first)
while chunk := proc.stdout.read(1 << 20):
    size += len(chunk)
err = proc.stderr.read().decode()
proc.wait()
total = time.perf_counter() - start
if proc.returncode != 0:
    sys.exit(f"failed: {' '.join(cmd)}\n{err}")
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
label = " ".join(a for a in cmd[cmd.index("--suggested"):] if a != "--format")
print(f"{label:<20} first byte {to_first * 1000:7.0f} ms, done {total:6.2f} s,"
      f" peak RSS {rss / 1024:7.1f} MB, output {size / 1e6:7.1f} MB")
PY
    done
done
