#!/usr/bin/env python3
"""Check a tiptrack database against what bench/generate.py --whole-reports generated.

Part of the tiptrack benchmark: `bench/report.sh` calls this after each timed import. Standalone
use (Python 3.11, standard library only):

    python3 bench/verify.py --bin target/release/tiptrack --db bench.db \
        --manifest OUTDIR/manifest.json [--years 2020] [--log import-2020.log ...] [--label TEXT]

Compares `tiptrack report --format json` (its rows, one per narrative, and the recommendations
in its "total") with the manifest for the given report years (default: all in the manifest).
Prints one line: narratives and recommendations found against expected. On a mismatch, and
given the importer's stderr logs (one `FILE: imported COUNTRY YEAR (TIER): N recommendations`
line per narrative, in file order), also names every file that differs, with its layout, and
its first mismatched narratives (the generated heading, the recommendations expected and
found). Exits 1 on a mismatch.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

IMPORTED = re.compile(r"^(?P<file>.+?): imported (?P<what>.+?) (?P<year>\d{4}) \((?P<tier>[^)]*)\): "
                      r"(?P<n>\d+) recommendations?$")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--manifest", required=True, type=Path)
    ap.add_argument("--years", default="", help="comma-separated report years (default: all)")
    ap.add_argument("--log", action="extend", nargs="+", default=[], type=Path,
                    help="importer stderr, one file or more")
    ap.add_argument("--label", default="counts")
    ap.add_argument("--show", type=int, default=3, help="mismatched narratives shown per file")
    args = ap.parse_args()

    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    if args.years:
        wanted = {int(y) for y in args.years.split(",")}
        manifest = [f for f in manifest if f["year"] in wanted]
    expected_narratives = sum(f["narratives"] for f in manifest)
    expected_recs = sum(f["recommendations"] for f in manifest)

    out = subprocess.run([args.bin, "--db", args.db, "report", "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    report = json.loads(out)
    # One row per country and report year: one per narrative, with or without recommendations.
    narratives = len(report["rows"])
    recs = report["total"]["total"]
    per_year_n: Counter = Counter()
    per_year_r: Counter = Counter()
    for row in report["rows"]:
        per_year_n[row["year"]] += 1
        per_year_r[row["year"]] += row["total"]

    warnings = 0
    imported: dict[str, list[tuple[str, int]]] = {}
    for log in args.log:
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("tiptrack: warning:"):
                warnings += 1
            elif m := IMPORTED.match(line):
                imported.setdefault(Path(m["file"]).name, []).append((m["what"], int(m["n"])))

    ok = (narratives == expected_narratives and recs == expected_recs)
    verdict = "PASS" if ok else "FAIL"
    warned = f", {warnings} import warnings" if args.log else ""
    print(f"{args.label}: narratives {narratives}/{expected_narratives}, "
          f"recommendations {recs}/{expected_recs}{warned}  {verdict}")
    if ok:
        return

    for f in manifest:
        got_n, got_r = per_year_n[f["year"]], per_year_r[f["year"]]
        if (got_n, got_r) == (f["narratives"], f["recommendations"]):
            continue
        print(f"  {f['file']} ({f['layout']} layout): narratives {got_n}/{f['narratives']}, "
              f"recommendations {got_r}/{f['recommendations']}")
        found = imported.get(f["file"])
        if found is None:
            continue
        if len(found) != len(f["list"]):
            print(f"    the importer reported {len(found)} narratives for {len(f['list'])} headings")
        bad = [(e["heading"], e["recommendations"], name, n)
               for e, (name, n) in zip(f["list"], found) if e["recommendations"] != n]
        print(f"    {len(bad)} of {len(f['list'])} narratives miscounted"
              + (", e.g.:" if bad else ""))
        for heading, want, name, n in bad[: args.show]:
            print(f"      {heading!r}: expected {want}, imported {n} (as {name})")
    sys.exit(1)


if __name__ == "__main__":
    main()
