#!/usr/bin/env python3
"""Time tiptrack commands as whole processes and check them against their targets.

Part of the tiptrack benchmark: run the whole benchmark with `bench/run.sh`, which builds the
release binary and a 50,000-recommendation database, then calls this. Standalone use (Python
3.11, standard library only) against an existing database that holds KAZ-2011-4:

    python3 bench/timeit.py --bin target/release/tiptrack --db bench.db [--runs 31] [--warmup 3]

Each operation runs --warmup times untimed, then --runs times, each timed with
time.perf_counter() around subprocess.run() (stdout and stderr to /dev/null, so the time includes
process start, opening SQLite and writing the output). Prints median, p90 and min in ms next to
the target. The status change alternates KAZ-2011-4 between two statuses, and the assignment
alternates its ask between two owners, so that every run really writes (and commits durably);
both are checked against the item's history afterwards. Exits 1 if any median misses its target,
2 on a failed command.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_once(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = (time.perf_counter() - start) * 1000.0
    if done.returncode != 0:
        err = subprocess.run(cmd, capture_output=True, text=True).stderr.strip()
        sys.exit(f"timeit: command failed ({done.returncode}): {' '.join(cmd)}\n{err}")
    return elapsed


def measure(commands, runs: int, warmup: int) -> list[float]:
    """commands(i) gives the command line for run i (warm-ups included)."""
    for i in range(warmup):
        run_once(commands(i))
    return [run_once(commands(warmup + i)) for i in range(runs)]


def history(exe: str, db: str, rec_id: str) -> list[dict]:
    out = subprocess.run([exe, "--db", db, "history", rec_id, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def status_changes(exe: str, db: str, rec_id: str) -> int:
    return sum(1 for e in history(exe, db, rec_id)
               if e["kind"] == "status" and (e["note"] or "").startswith("benchmark run"))


def check_status_writes(exe: str, db: str, rec_id: str, before: int, expected: int) -> None:
    """Every timed status run must have recorded a change (none may have been a no-op)."""
    changes = status_changes(exe, db, rec_id) - before
    if changes != expected:
        sys.exit(f"timeit: expected {expected} recorded status changes of {rec_id}, found {changes}")


def assignments(exe: str, db: str, rec_id: str) -> int:
    return sum(1 for e in history(exe, db, rec_id) if e["kind"] == "assign")


def shown(exe: str, db: str, rec_id: str) -> dict:
    out = subprocess.run([exe, "--db", db, "show", rec_id, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def check_assign_writes(exe: str, db: str, rec_id: str, before: int, expected: int) -> None:
    """Every timed assign run must have recorded a change (none may have been a no-op)."""
    changes = assignments(exe, db, rec_id) - before
    if changes != expected:
        sys.exit(f"timeit: expected {expected} recorded assignments of {rec_id}, found {changes}")


def p90(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]  # nearest rank


def durable_commit_floor(directory: Path, runs: int) -> float:
    """Median of one small durable UPDATE ... COMMIT in-process (Python's sqlite3, rollback
    journal, synchronous=FULL as tiptrack uses), on the same file system as the database."""
    path = directory / "fsync-floor.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)")
    conn.execute("INSERT OR REPLACE INTO t VALUES (1, 'a')")
    samples = []
    for i in range(runs + 3):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE t SET v = ? WHERE id = 1", (str(i),))
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - start) * 1000.0)
    conn.close()
    path.unlink()
    return statistics.median(samples[3:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=31)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--id", default="KAZ-2011-4", help="the recommendation the status change writes")
    args = ap.parse_args()
    exe, db = args.bin, args.db
    statuses = ["addressed", "in-progress"]
    owners = ["Ministry of Internal Affairs", "Prosecutor General's Office"]
    now = shown(exe, db, args.id)
    if now.get("status") == statuses[0]:  # so that the first run writes too
        statuses.reverse()
    if now.get("owner") == owners[0]:
        owners.reverse()

    # (label, target ms or None for a reference figure, command for run i)
    cases = [
        ("process start (tiptrack --version)", None, lambda i: [exe, "--version"]),
        (f"status {args.id} addressed|in-progress", 10.0,
         lambda i: [exe, "--db", db, "status", args.id, statuses[i % 2], "--note", f"benchmark run {i}"]),
        (f"assign {args.id} --owner A|B", 10.0,
         lambda i: [exe, "--db", db, "assign", args.id, "--owner", owners[i % 2]]),
        ("list --country KAZ --year 2011", 5.0,
         lambda i: [exe, "--db", db, "list", "--country", "KAZ", "--year", "2011"]),
        (f"show {args.id}", 10.0, lambda i: [exe, "--db", db, "show", args.id]),
        ("asks --country KAZ", 10.0, lambda i: [exe, "--db", db, "asks", "--country", "KAZ"]),
        ("report", 15.0, lambda i: [exe, "--db", db, "report"]),
    ]

    print(f"whole-process timings, {args.runs} runs after {args.warmup} warm-ups, in ms")
    header = f"{'operation':<40} {'median':>8} {'p90':>8} {'min':>8} {'target':>8}  result"
    print(header)
    print("-" * len(header))
    missed = []
    for label, target, commands in cases:
        if label.startswith("status"):
            changed_before = status_changes(exe, db, args.id)
        if label.startswith("assign"):
            assigned_before = assignments(exe, db, args.id)
        samples = measure(commands, args.runs, args.warmup)
        median = statistics.median(samples)
        if target is None:
            verdict, target_text = "(floor)", "-"
        else:
            ok = median < target
            verdict, target_text = ("PASS" if ok else "FAIL"), f"< {target:g}"
            if not ok:
                missed.append(f"{label}: median {median:.2f} ms, target {target:g} ms "
                              f"(over by {median - target:.2f} ms)")
        print(f"{label:<40} {median:8.2f} {p90(samples):8.2f} {min(samples):8.2f} {target_text:>8}  {verdict}",
              flush=True)
        if label.startswith("status"):
            check_status_writes(exe, db, args.id, changed_before, args.warmup + args.runs)
        if label.startswith("assign"):
            check_assign_writes(exe, db, args.id, assigned_before, args.warmup + args.runs)

    floor = durable_commit_floor(Path(os.path.dirname(os.path.abspath(db))), args.runs)
    print(f"{'durable commit, in-process (sqlite3)':<40} {floor:8.2f} {'':>8} {'':>8} {'-':>8}  (floor)")

    if missed:
        print("\nMISSED:\n  " + "\n  ".join(missed))
        sys.exit(1)
    print("\nall targets met")


if __name__ == "__main__":
    main()
