#!/usr/bin/env bash
# Benchmark: tiptrack on PostgreSQL over a local socket (issue 12's reliability and speed).
#
# Run from anywhere:   bench/postgres.sh    (needs Debian's postgresql package: initdb, pg_ctl)
# Environment:         TOTAL (default 50,000), RUNS (default 21), WRITERS (8), CHANGES (250),
#                      TMPDIR (a real disk: the server syncs every commit), KEEP=1
#
# Starts a throwaway server (fsync and synchronous_commit on, as a real one) and then:
# 1. imports one whole generated report (190 narratives, 1,500 recommendations, one process)
#    into a new database: the time (target < 3 s);
# 2. imports $TOTAL generated recommendations, then times `status KAZ-2011-4` (alternating, so
#    that each run writes) and `list --country KAZ --year 2011` as whole processes, median of
#    $RUNS after 3 warm-ups (targets < 15 ms and < 20 ms), next to process start;
# 3. runs $WRITERS writers, each making $CHANGES changes (a status change and a note in turn) on
#    Kazakhstan's items, while two readers run `report` in a loop; then counts, in the history,
#    every change each writer was told succeeded: 0 lost and 0 failed is the target;
# 4. kills a whole-report import with kill -9 at 5 points in its run and checks, each time, that
#    every narrative in the database holds all its recommendations (none partial);
# 5. restarts the server in the middle of a run of status changes and notes: each command that
#    failed must have said so clearly (its message is printed), and each that succeeded must be in
#    the history; none may be half-written (a command's status event without its note event).
# Prints PASS or FAIL per target; exits 1 if any is missed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"
source tests/pg-cluster.sh
pg_find || { echo "bench/postgres.sh needs PostgreSQL's server programs (apt-get install postgresql)" >&2; exit 1; }
export TMPDIR="${TMPDIR:-/var/tmp}"
work=$(mktemp -d "$TMPDIR/tiptrack-pgbench.XXXXXX")
cargo build --release --quiet
bin="$root/target/release/tiptrack"
pg_start "-c fsync=on" "-c synchronous_commit=on"
trap 'pg_stop; if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi' EXIT

python3 "$here/generate.py" "$work/report" --whole-reports --years 2020-2020 >"$work/generate-report.log"
python3 "$here/generate.py" "$work/narratives" --total "${TOTAL:-50000}" >"$work/generate.log"

python3 - "$bin" "$pg_url" "$work" "${RUNS:-21}" "${WRITERS:-8}" "${CHANGES:-250}" "${pg_ctl[*]}" "$pg_dir" <<'PY'
import glob, json, os, random, shlex, signal, statistics, subprocess, sys, threading, time

bin, base, work, runs, writers, changes, pg_ctl, pg_dir = sys.argv[1:9]
runs, writers, changes = int(runs), int(writers), int(changes)
pg_ctl = shlex.split(pg_ctl)
admin = base
failed = []

def url(dbname):
    return base.replace("/postgres?", f"/{dbname}?")

def psql(sql, dbname="postgres"):
    subprocess.run(["psql", url(dbname), "-qtAc", sql], check=True, capture_output=True)

def new_database(name):
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name}")
    return url(name)

def tip(db, *args, check=True, **kw):
    done = subprocess.run([bin, "--db", db, *args], capture_output=True, text=True, **kw)
    if check and done.returncode != 0:
        sys.exit(f"failed: tiptrack {' '.join(args)}: {done.stderr.strip()}")
    return done

def verdict(name, ok, figure):
    print(f"{name:<58} {figure:<34} {'PASS' if ok else 'FAIL'}")
    if not ok:
        failed.append(name)

def timed(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}: {done.stderr.strip()}")
    return took

report_file = sorted(glob.glob(f"{work}/report/*.txt"))[0]

# 1. A whole report.
db = new_database("whole")
start = time.perf_counter()
tip(db, "import", report_file, "--quiet")
took = time.perf_counter() - start
narratives = tip(db, "report", "--format", "json").stdout
verdict("import of a whole report (190 narratives, one process)", took < 3, f"{took:.2f} s (< 3 s)")

# 2. Speed at 50,000 items.
db = new_database("big")
files = sorted(glob.glob(f"{work}/narratives/**/*.txt", recursive=True))
start = time.perf_counter()
for i in range(0, len(files), 200):
    tip(db, "import", "--no-suggest", "--quiet", *files[i:i + 200])
print(f"imported {len(files)} narratives in {time.perf_counter() - start:.1f} s")
floor = statistics.median(timed([bin, "--version"]) for _ in range(runs))
statuses = ["addressed", "in-progress"]
for i in range(3):
    timed([bin, "--db", db, "status", "KAZ-2011-4", statuses[i % 2]])
status = statistics.median(timed([bin, "--db", db, "status", "KAZ-2011-4", statuses[i % 2]])
                           for i in range(runs))
for _ in range(3):
    timed([bin, "--db", db, "list", "--country", "KAZ", "--year", "2011"])
listing = statistics.median(timed([bin, "--db", db, "list", "--country", "KAZ", "--year", "2011"])
                            for _ in range(runs))
print(f"process start (tiptrack --version): {floor:.2f} ms")
verdict("status change at 50,000 items, whole process", status < 15, f"{status:.2f} ms (< 15 ms)")
verdict("filtered list at 50,000 items, whole process", listing < 20, f"{listing:.2f} ms (< 20 ms)")

# 3. Concurrent writers and readers.
db = new_database("busy")
tip(db, "import", "tests/fixtures/tip-2011-kazakhstan.txt", "--quiet")
items = [f"KAZ-2011-{n}" for n in range(1, 9)]
told_ok, errors = [], []
lock = threading.Lock()
stop = threading.Event()

def writer(w):
    rng = random.Random(w)
    for c in range(changes):
        item = rng.choice(items)
        if c % 2 == 0:
            note = f"writer {w} change {c}"
            done = tip(db, "status", item, statuses[c // 2 % 2], "--note", note, check=False)
        else:
            note = f"writer {w} note {c}"
            done = tip(db, "note", item, note, check=False)
        with lock:
            (told_ok if done.returncode == 0 else errors).append((note, done.stderr.strip()))

def reader():
    while not stop.is_set():
        done = tip(db, "report", check=False)
        if done.returncode != 0:
            with lock:
                errors.append(("report", done.stderr.strip()))

threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
readers = [threading.Thread(target=reader) for _ in range(2)]
start = time.perf_counter()
for t in threads + readers:
    t.start()
for t in threads:
    t.join()
stop.set()
for t in readers:
    t.join()
took = time.perf_counter() - start
history = json.loads(tip(db, "history", "--format", "json").stdout)
recorded = {e["note"] or "" for e in history} | {e["new_value"] or "" for e in history}
lost = [note for note, _ in told_ok if note not in recorded]
verdict(f"{writers} writers x {changes} changes, 2 readers: lost", not lost and not errors,
        f"{len(lost)} lost, {len(errors)} failed in {took:.1f} s")
for note, err in errors[:3]:
    print(f"  failed: {note}: {err}")

# 4. kill -9 in the middle of a whole-report import.
partial = 0
for delay in (0.3, 0.6, 0.9, 1.2, 1.5):
    db = new_database("killed")
    process = subprocess.Popen([bin, "--db", db, "import", report_file, "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    expected = {}
    dry = json.loads(tip(url("whole"), "list", "--format", "json").stdout)
    for item in dry:
        expected[(item["iso3"], item["year"])] = expected.get((item["iso3"], item["year"]), 0) + 1
    found = {}
    check = tip(db, "list", "--format", "json", check=False)
    if check.returncode == 0:
        for item in json.loads(check.stdout):
            found[(item["iso3"], item["year"])] = found.get((item["iso3"], item["year"]), 0) + 1
    partial += sum(1 for key, count in found.items() if count != expected.get(key))
    print(f"  killed after {delay:.1f} s: {len(found)} whole narratives in the database")
verdict("kill -9 during a whole-report import: partial narratives", partial == 0, f"{partial}")

# 5. The server restarted in the middle of a run.
db = new_database("restarted")
tip(db, "import", "tests/fixtures/tip-2011-kazakhstan.txt", "--quiet")
outcomes = []
def changer():
    for c in range(200):
        note = f"restart run {c}"
        done = tip(db, "status", "KAZ-2011-4", statuses[c % 2], "--note", note, check=False)
        outcomes.append((note, done.returncode, done.stderr.strip()))
        time.sleep(0.005)
thread = threading.Thread(target=changer)
thread.start()
time.sleep(0.5)
# The restarted server must not hold this script's pipes open: its output goes to its log.
subprocess.run([*pg_ctl, "-l", f"{pg_dir}/restart.log", "-m", "fast", "-w", "restart"], check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
thread.join()
history = json.loads(tip(db, "history", "KAZ-2011-4", "--format", "json").stdout)
# A change to the status the item already has (after a failed one broke the alternation) keeps
# its note as a note: recorded too.
notes = [e["note"] for e in history if e["kind"] == "status"] + \
    [e["new_value"] for e in history if e["kind"] == "note"]
succeeded = [n for n, code, _ in outcomes if code == 0]
failures = [(n, err) for n, code, err in outcomes if code != 0]
missing = [n for n in succeeded if n not in notes]
unclear = [err for _, err in failures if not err.startswith("tiptrack: ")]
doubled = len(notes) != len(set(notes))
for _, err in failures[:2]:
    print(f"  a command during the restart said: {err}")
verdict("server restarted mid-run: lost or half-written changes",
        not missing and not unclear and not doubled,
        f"{len(failures)} failed clearly, {len(missing)} lost")
sys.exit(1 if failed else 0)
PY
