#!/usr/bin/env python3
"""Check a tiptrack database against what bench/generate.py --whole-reports generated.

Part of the tiptrack benchmark: `bench/report.sh` calls this after each timed import. Standalone
use (Python 3.11, standard library only):

    python3 bench/verify.py --bin target/release/tiptrack --db bench.db \
        --manifest OUTDIR/manifest.json [--years 2020] [--log import.log ...] [--texts] \
        [--label TEXT]

Compares the narratives and recommendations in the database (read with Python's sqlite3, per
report year; the recommendations a re-import no longer found are not counted) with the manifest
for the given report years (default: all in the manifest). `tiptrack report --format json`
counts asks (a recommendation followed across a country's reports is one), not recommendations:
its total is printed next to them. Prints one line: narratives and recommendations found against
expected, the asks, and the import warnings counted in the importer's stderr logs (--log). With
--texts, also compares every recommendation's text with the one generated (from `import
--dry-run --format json`, whitespace evened out).

On a mismatch, names every file that differs, with its layout, and its first mismatched
narratives: the generated heading, the recommendations expected and found, and the first item
that differs. That needs `import --dry-run --format json`; without it, the importer's per-file
stderr lines (`FILE: imported COUNTRY YEAR (TIER): N recommendations`) give the counts. Exits 1
on a mismatch.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

IMPORTED = re.compile(r"^(?P<file>.+?): imported (?P<what>.+?) (?P<year>\d{4}) \((?P<tier>[^)]*)\): "
                      r"(?P<n>\d+) recommendations?$")
SUMMARY_WARNINGS = re.compile(r"^\d+ narratives? \(.*\), \d+ recommendations?, (\d+) warnings?$")


def dry_run(exe: str, db: str, path: Path) -> list[dict] | None:
    """Every narrative the importer finds in a file, in file order, or None if it cannot say."""
    done = subprocess.run([exe, "--db", db, "import", "--dry-run", "--format", "json", str(path)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        return None
    try:
        found = json.loads(done.stdout)
    except json.JSONDecodeError:
        return None
    return found if isinstance(found, list) else None


def even(text: str) -> str:
    return " ".join(text.split())


def first_difference(expected: list[str], found: list[str]) -> str:
    for i in range(max(len(expected), len(found))):
        want = expected[i] if i < len(expected) else None
        got = found[i] if i < len(found) else None
        if want is None or got is None or even(want) != even(got):
            return f"item {i + 1}: expected {short(want)}, found {short(got)}"
    return "same items"


def short(text: str | None, width: int = 90) -> str:
    if text is None:
        return "(none)"
    text = even(text)
    if len(text) <= width:
        return repr(text)
    half = width // 2 - 2
    return repr(text[:half] + " ... " + text[-half:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--manifest", required=True, type=Path)
    ap.add_argument("--years", default="", help="comma-separated report years (default: all)")
    ap.add_argument("--log", action="extend", nargs="+", default=[], type=Path,
                    help="importer stderr, one file or more")
    ap.add_argument("--texts", action="store_true", help="also compare every recommendation's text")
    ap.add_argument("--label", default="counts")
    ap.add_argument("--show", type=int, default=3, help="mismatched narratives shown per file")
    args = ap.parse_args()

    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    if args.years:
        wanted = {int(y) for y in args.years.split(",")}
        manifest = [f for f in manifest if f["year"] in wanted]
    folder = args.manifest.parent
    expected_narratives = sum(f["narratives"] for f in manifest)
    expected_recs = sum(f["recommendations"] for f in manifest)

    # `report` counts asks, each once however many reports made it: not recommendations.
    out = subprocess.run([args.bin, "--db", args.db, "report", "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    asks = json.loads(out)["total"]["total"]
    per_year_n: Counter = Counter()
    per_year_r: Counter = Counter()
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    for year, n, r in conn.execute(
            "SELECT n.year, count(DISTINCT n.id), count(r.id) FROM narrative n "
            "LEFT JOIN recommendation r ON r.narrative_id = n.id AND r.position IS NOT NULL "
            "GROUP BY n.year"):
        per_year_n[year] += n
        per_year_r[year] += r
    conn.close()
    narratives, recs = sum(per_year_n.values()), sum(per_year_r.values())

    warning_lines, summary_warnings, summaries = 0, 0, 0
    imported: dict[str, list[tuple[str, int]]] = {}
    for log in args.log:
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("tiptrack: warning:"):
                warning_lines += 1
            elif m := SUMMARY_WARNINGS.match(line):
                summaries += 1
                summary_warnings += int(m[1])
            elif m := IMPORTED.match(line):
                imported.setdefault(Path(m["file"]).name, []).append((m["what"], int(m["n"])))
    warnings = summary_warnings if summaries else warning_lines

    ok = narratives == expected_narratives and recs == expected_recs
    warned = f", {warnings} import warnings" if args.log else ""
    print(f"{args.label}: narratives {narratives}/{expected_narratives}, "
          f"recommendations {recs}/{expected_recs} ({asks} asks){warned}  {'PASS' if ok else 'FAIL'}")

    texts_ok = True
    if args.texts:
        differ, compared, available = 0, 0, True
        for f in manifest:
            found = dry_run(args.bin, args.db, folder / f["file"])
            if found is None:
                available = False
                break
            for e, n in zip(f["list"], found):
                got = [r["text"] for r in n.get("recommendations", [])]
                for i, want in enumerate(e["items"]):
                    compared += 1
                    differ += i >= len(got) or even(got[i]) != even(want)
        indent = " " * len(args.label)
        if available:
            texts_ok = differ == 0
            print(f"{indent}  texts (import --dry-run): {compared - differ} of {expected_recs} "
                  f"recommendations word for word as generated  {'PASS' if texts_ok else 'FAIL'}")
            ok = ok and texts_ok
        else:
            print(f"{indent}  texts: not compared (this build has no `import --dry-run --format json`)")
    if ok:
        return

    for f in manifest:
        got_n, got_r = per_year_n[f["year"]], per_year_r[f["year"]]
        if (got_n, got_r) == (f["narratives"], f["recommendations"]) and texts_ok:
            continue
        print(f"  {f['file']} ({f['layout']} layout): narratives {got_n}/{f['narratives']}, "
              f"recommendations {got_r}/{f['recommendations']}")
        found = dry_run(args.bin, args.db, folder / f["file"])
        if found is not None:
            pairs = [(e, f"{n.get('country')} {n.get('year')}",
                      [r["text"] for r in n.get("recommendations", [])])
                     for e, n in zip(f["list"], found)]
            count = len(found)
        elif f["file"] in imported:
            pairs = [(e, name, None) for e, (name, _) in zip(f["list"], imported[f["file"]])]
            counts = [n for _, n in imported[f["file"]]]
            count = len(counts)
        else:
            continue
        if count != len(f["list"]):
            print(f"    the importer found {count} narratives for {len(f['list'])} headings")
        bad = []
        for k, (e, name, texts) in enumerate(pairs):
            n = len(texts) if texts is not None else counts[k]
            same = n == e["recommendations"] and (
                texts is None or [even(t) for t in texts] == [even(t) for t in e["items"]])
            if not same:
                bad.append((e, name, n, texts))
        print(f"    {len(bad)} of {len(f['list'])} narratives differ" + (", e.g.:" if bad else ""))
        for e, name, n, texts in bad[: args.show]:
            print(f"      {e['heading']!r} (imported as {name}): expected {e['recommendations']}, "
                  f"found {n}")
            if texts is not None:
                print(f"        {first_difference(e['items'], texts)}")
    sys.exit(1)


if __name__ == "__main__":
    main()
