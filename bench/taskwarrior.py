#!/usr/bin/env python3
"""tiptrack against Taskwarrior 2.6 on the same 50,000 items, side by side in one run.

Run from anywhere, after bench/run.sh made a database (KEEP=1 keeps it):

    python3 bench/taskwarrior.py --bin target/release/tiptrack --db /tmp/tiptrack-bench.X/bench.db

Needs Taskwarrior 2.6 (`task`, Debian's `taskwarrior`). Every recommendation of the database
becomes a Taskwarrior task (description: its text; project: ISO3.YEAR, e.g. KAZ.2011; its ID
and area as tags), imported into a throwaway data directory with `task import`. Then each pair
is timed as whole processes (--runs runs after --warmup warm-ups, medians in ms):

    task <uuid> modify priority:H|L       against  tiptrack status KAZ-2011-4 addressed|in-progress
    task <uuid> annotate "..."            against  tiptrack note KAZ-2011-4 "..."
    task project:KAZ.2011 list            against  tiptrack list --country KAZ --year 2011
    task count                            against  tiptrack report

and the ratio (Taskwarrior's median over tiptrack's) is printed next to the goal: status and
note at least 150 times faster, list at least 100 times. Exits 1 when a goal is missed, 2 when
a command fails or `task` is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timeit import measure, shown  # noqa: E402  (the same timing as bench/timeit.py)


def task_command(data: Path, rc: Path) -> list[str]:
    return ["task", f"rc:{rc}", f"rc.data.location={data}", "rc.confirmation=off",
            "rc.verbose=nothing", "rc.hooks=off", "rc.recurrence=off", "rc.gc=off"]


def tasks_of(items: list[dict]) -> list[dict]:
    entry = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return [{
        "uuid": str(uuid.uuid4()),
        "status": "pending",
        "entry": entry,
        "description": item["text"],
        "project": f"{item['iso3']}.{item['year']}",
        "tags": [item["id"].replace("-", "_"), item["area"]],
    } for item in items]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--id", default="KAZ-2011-4")
    args = ap.parse_args()
    if shutil.which("task") is None:
        print("taskwarrior.py: no `task` on PATH: install Taskwarrior 2.6 (apt-get install taskwarrior)",
              file=sys.stderr)
        return 2
    version = subprocess.run(["task", "--version"], capture_output=True, text=True).stdout.strip()
    exe, db = args.bin, args.db

    items = json.loads(subprocess.run([exe, "--db", db, "list", "--format", "json"],
                                      capture_output=True, text=True, check=True).stdout)
    work = Path(tempfile.mkdtemp(prefix="tiptrack-taskwarrior."))
    try:
        data, rc = work / "data", work / "taskrc"
        data.mkdir()
        rc.write_text("")
        tasks = tasks_of(items)
        (work / "tasks.json").write_text(json.dumps(tasks))
        task = task_command(data, rc)
        started = time.perf_counter()
        subprocess.run(task + ["import", str(work / "tasks.json")], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        imported = time.perf_counter() - started
        target = next(t["uuid"] for t, i in zip(tasks, items) if i["id"] == args.id)
        iso3, year = args.id.split("-")[0], args.id.split("-")[1]
        print(f"Taskwarrior {version}: {len(tasks)} tasks imported in {imported:.1f} s; "
              f"tiptrack {subprocess.run([exe, '--version'], capture_output=True, text=True).stdout.strip()}: "
              f"{len(items)} recommendations")

        statuses = ["addressed", "in-progress"]
        if shown(exe, db, args.id).get("status") == statuses[0]:
            statuses.reverse()
        pairs = [
            ("change a status", 150,
             lambda i: task + [target, "modify", f"priority:{'HL'[i % 2]}"],
             lambda i: [exe, "--db", db, "status", args.id, statuses[i % 2]]),
            ("add a note", 150,
             lambda i: task + [target, "annotate", f"benchmark note {i}"],
             lambda i: [exe, "--db", db, "note", args.id, f"benchmark note {i}"]),
            ("list one country's year", 100,
             lambda i: task + [f"project:{iso3}.{year}", "list"],
             lambda i: [exe, "--db", db, "list", "--country", iso3, "--year", year]),
            ("count / report", None,
             lambda i: task + ["count"],
             lambda i: [exe, "--db", db, "report"]),
        ]
        print(f"\nwhole-process medians, {args.runs} runs after {args.warmup} warm-ups, in ms")
        header = f"{'operation':<26} {'Taskwarrior':>12} {'tiptrack':>10} {'ratio':>8} {'goal':>7}  result"
        print(header)
        print("-" * len(header))
        missed = []
        for label, goal, theirs, ours in pairs:
            t = statistics.median(measure(theirs, args.runs, args.warmup))
            o = statistics.median(measure(ours, args.runs, args.warmup))
            ratio = t / o
            if goal is None:
                verdict, goal_text = "", "-"
            else:
                verdict, goal_text = ("PASS" if ratio >= goal else "FAIL"), f">= {goal}x"
                if ratio < goal:
                    missed.append(f"{label}: {ratio:.0f} times faster, goal {goal}")
            print(f"{label:<26} {t:12.1f} {o:10.2f} {ratio:7.0f}x {goal_text:>7}  {verdict}", flush=True)
        if missed:
            print("\nMISSED:\n  " + "\n  ".join(missed))
            return 1
        print("\nall goals met")
        return 0
    except subprocess.CalledProcessError as err:
        print(f"taskwarrior.py: command failed: {err}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
