#!/usr/bin/env python3
"""Benchmark: suggested evidence for one new narrative against 200+ earlier open recommendations.

Run from anywhere (Python 3.11, standard library only):

    python3 bench/suggest.py [--bin PATH] [--runs 21] [--warmup 3]

1. builds the release binary (unless --bin is given; CARGO_TARGET_DIR is honoured);
2. generates the 50,000-recommendation corpus of bench/run.sh with bench/generate.py (196
   countries, one narrative file per country and report year, 2005-2024);
3. imports Kazakhstan 2005-2023 into a fresh database: about 250 earlier recommendations, all
   open (the script counts them and stops if there are fewer than 200);
4. times, as whole processes, importing Kazakhstan 2024 into a copy of that database (parse,
   store, link and suggest against every earlier open item, durable commit) and, for
   comparison, into an empty database (nothing earlier to suggest for) and with --no-suggest;
   each --warmup times untimed, then --runs times, each on a fresh copy;
5. prints the medians; the suggestion work is the difference between the first two.

Target (issue 4, point 7): suggestions for one new narrative against 200 earlier open
recommendations in under 50 ms. The script checks the whole import, suggestions included,
against it, which is stricter. Exits 1 if the target is missed, 2 if a command fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET_MS = 50.0
COUNTRY = "kazakhstan"
NEW_YEAR = 2024


def binary(args) -> str:
    if args.bin:
        return args.bin
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    return str(target / "release" / "tiptrack")


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(f"failed: {' '.join(cmd)}\n{done.stderr.decode()}")
        sys.exit(2)
    return elapsed * 1000


def timed(bin_: str, base: Path | None, work: Path, new: Path, extra: list[str], runs: int,
          warmup: int) -> list[float]:
    samples = []
    for i in range(warmup + runs):
        db = work / "timed.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        if base is not None:
            shutil.copyfile(base, db)
        ms = run([bin_, "--db", str(db), "import", str(new), *extra])
        if i >= warmup:
            samples.append(ms)
    return samples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin")
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--warmup", type=int, default=3)
    args = ap.parse_args()
    bin_ = binary(args)
    env_tmp = os.environ.get("TMPDIR", "/var/tmp")
    with tempfile.TemporaryDirectory(prefix="tiptrack-suggest-bench.", dir=env_tmp) as tmp:
        work = Path(tmp)
        data = work / "narratives"
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(data), "--total", "50000"],
                       check=True, stdout=subprocess.DEVNULL)
        earlier = sorted(data.glob(f"tip-20??-{COUNTRY}.txt"))
        new = data / f"tip-{NEW_YEAR}-{COUNTRY}.txt"
        earlier = [f for f in earlier if f != new]
        base = work / "base.db"
        run([bin_, "--db", str(base), "import", *map(str, earlier)])
        with sqlite3.connect(base) as conn:
            (open_items,) = conn.execute(
                "SELECT count(*) FROM recommendation WHERE position IS NOT NULL "
                "AND status NOT IN ('addressed', 'superseded')").fetchone()
        if open_items < 200:
            sys.exit(f"only {open_items} earlier open recommendations; the benchmark needs 200")

        with_earlier = timed(bin_, base, work, new, [], args.runs, args.warmup)
        check = work / "check.db"
        shutil.copyfile(base, check)
        run([bin_, "--db", str(check), "import", str(new)])
        with sqlite3.connect(check) as conn:
            (made,) = conn.execute(
                "SELECT count(*) FROM evidence e JOIN narrative n ON n.id = e.narrative_id "
                "WHERE n.year = ? AND e.state = 'suggested'", (NEW_YEAR,)).fetchone()
        alone = timed(bin_, None, work, new, [], args.runs, args.warmup)
        no_suggest = timed(bin_, base, work, new, ["--no-suggest"], args.runs, args.warmup)

    med = statistics.median
    rows = [
        (f"import {new.name} with {open_items} earlier open items (suggestions included)",
         med(with_earlier), f"< {TARGET_MS:.0f} ms"),
        ("the same import with --no-suggest", med(no_suggest), ""),
        (f"import {new.name} into an empty database", med(alone), ""),
        ("suggesting, by difference", med(with_earlier) - med(no_suggest), ""),
    ]
    print(f"binary: {bin_}; {args.runs} timed runs after {args.warmup} warm-ups, medians")
    print(f"suggestions made from the {NEW_YEAR} narrative: {made}")
    width = max(len(r[0]) for r in rows)
    for name, ms, target in rows:
        print(f"  {name:<{width}}  {ms:7.1f} ms  {target}")
    ok = med(with_earlier) < TARGET_MS and made > 0
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
