#!/usr/bin/env python3
"""Benchmark: the documents people hand over, at 50,000 recommendations.

Run from anywhere (Python 3.11, standard library only):

    python3 bench/documents.py [--bin PATH] [--runs 21] [--warmup 3]

1. builds the release binary (unless --bin is given; CARGO_TARGET_DIR is honoured);
2. generates the 50,000-recommendation corpus of bench/run.sh with bench/generate.py (196
   countries, report years 2005-2024) and imports it (`import --no-suggest`, then `evidence
   suggest --country KAZ`, so that Kazakhstan has suggestions as a real database would);
3. gives Kazakhstan's asks statuses, owners, due dates, notes and evidence, so that the dossier
   has everything to show;
4. times, as whole processes, `dossier KAZ -o FILE` in each format (html, markdown, json, xlsx)
   over all 20 years, and with --period 2012;
5. exports a sheet of every ask still to do (`export-sheet -o sheet.csv`), changes 500 of its
   rows (status, owner, a new note) and times `apply-sheet` on a fresh copy of the database each
   run, checking that exactly 500 asks changed.

Targets (issue 9): the dossier of one country over 20 years under 200 ms in every format;
`apply-sheet` with 500 changed rows under 1 s. Exits 1 if a target is missed, 2 if a command
fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOSSIER_MS = 200.0
APPLY_MS = 1000.0
CHANGED = 500


def binary(args) -> str:
    if args.bin:
        return args.bin
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    return str(target / "release" / "tiptrack")


def run(cmd: list[str], quiet: bool = True) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL if quiet else subprocess.PIPE,
                          stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(f"failed: {' '.join(cmd)}\n{done.stderr.decode()}")
        sys.exit(2)
    return elapsed * 1000


def output(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(f"failed: {' '.join(cmd)}\n{done.stderr}")
        sys.exit(2)
    return done.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin")
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--warmup", type=int, default=3)
    args = ap.parse_args()
    bin_ = binary(args)
    env_tmp = os.environ.get("TMPDIR", "/var/tmp")
    med = statistics.median
    with tempfile.TemporaryDirectory(prefix="tiptrack-documents-bench.", dir=env_tmp) as tmp:
        work = Path(tmp)
        data = work / "narratives"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(data), "--total", "50000"],
                       check=True, stdout=subprocess.DEVNULL)
        base = work / "base.db"
        db = ["--db", str(base)]
        files = sorted(str(p) for p in data.glob("*.txt"))
        for i in range(0, len(files), 200):
            run([bin_, *db, "import", "--no-suggest", *files[i:i + 200]])
        run([bin_, *db, "evidence", "suggest", "--country", "KAZ"])
        asks = json.loads(output([bin_, *db, "asks", "--country", "KAZ", "--format", "json"]))
        ids = [a["id"] for a in asks]
        statuses = ["in-progress", "partially-addressed", "addressed", "not-addressed"]
        for n, ask in enumerate(ids):
            run([bin_, *db, "status", ask, statuses[n % 4], "--date", f"20{10 + n % 12:02d}-06-01"])
            if n % 3 == 0:
                run([bin_, *db, "assign", ask, "--owner", "Ministry of Internal Affairs",
                     "--due", f"period-end:{2012 + n % 10}"])
                run([bin_, *db, "note", ask, f"Asked the ministry for figures ({n})"])
                run([bin_, *db, "evidence", "add", ask, "--year", "2015", "--text",
                     f"The government reported progress on item {n}.", "--date", "2014-09-01"])
        (recs,) = [int(x) for x in output(
            [sys.executable, "-c",
             f"import sqlite3; print(sqlite3.connect({str(base)!r}).execute("
             "'SELECT count(*) FROM recommendation').fetchone()[0])"]).split()]
        print(f"database: {recs} recommendations, Kazakhstan {len(ids)} asks "
              f"(built in {time.perf_counter() - t0:.0f} s)")

        rows = []
        ok = True
        for fmt, ext, extra in [("html", "html", []), ("markdown", "md", []),
                                ("json", "json", []), ("xlsx", "xlsx", []),
                                ("html", "html", ["--period", "2012"])]:
            out = work / f"kaz.{ext}"
            cmd = [bin_, *db, "dossier", "KAZ", "--format", fmt, "-o", str(out), *extra]
            for _ in range(args.warmup):
                run(cmd)
            samples = [run(cmd) for _ in range(args.runs)]
            label = f"dossier KAZ --format {fmt} {' '.join(extra)}".strip()
            rows.append((label, med(samples), f"< {DOSSIER_MS:.0f} ms", out.stat().st_size))
            ok &= med(samples) < DOSSIER_MS

        sheet = work / "sheet.csv"
        run([bin_, *db, "export-sheet", "-o", str(sheet)])
        with open(sheet, encoding="utf-8-sig", newline="") as f:
            table = list(csv.reader(f))
        header, body = table[0], table[1:]
        if len(body) < CHANGED:
            sys.exit(f"only {len(body)} asks to do; the benchmark needs {CHANGED}")
        col = {name: header.index(name) for name in header}
        for n, row in enumerate(body[:CHANGED]):
            row[col["status"]] = "in-progress" if row[col["status"]] != "in-progress" else "open"
            row[col["owner"]] = "Ministry of Labour"
            row[col["new_note"]] = f"Reported by the ministry, row {n}"
        back = work / "back.csv"
        with open(back, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows([header, *body])
        samples = []
        for i in range(args.warmup + args.runs // 4 + 1):
            copy = work / "apply.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(base, copy)
            ms = run([bin_, "--db", str(copy), "apply-sheet", str(back), "--by", "bench"])
            if i >= args.warmup:
                samples.append(ms)
        done = subprocess.run([bin_, "--db", str(copy), "apply-sheet", str(back)],
                              capture_output=True, text=True)
        refused = done.stderr.count("changed in the database since the sheet was exported")
        rows.append((f"apply-sheet: {len(body)} rows, {CHANGED} changed", med(samples),
                     f"< {APPLY_MS:.0f} ms", None))
        ok &= med(samples) < APPLY_MS and refused == CHANGED

    print(f"binary: {bin_}; {args.runs} timed runs after {args.warmup} warm-ups "
          f"(apply-sheet: {args.runs // 4 + 1}), medians")
    width = max(len(r[0]) for r in rows)
    for name, ms, target, size in rows:
        extra = f"  ({size / 1024:.0f} KB)" if size else ""
        print(f"  {name:<{width}}  {ms:7.1f} ms  {target}{extra}")
    print(f"  applied again: {refused} of {CHANGED} changed rows refused as changed since export")
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
