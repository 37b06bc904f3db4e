#!/usr/bin/env python3
"""Measured quality of suggested evidence and recurring-recommendation links, against the
labelled set tests/fixtures/quality/labels.json (judged by reading; see its "rule" and
tests/fixtures/quality/README.md).

Run from anywhere:  python3 bench/quality.py [--build] [--bin PATH] [--verbose] [--orders] [--check]

For each series (a country's narratives, see labels.json) it imports the files, oldest first,
into a fresh temporary database (an import suggests evidence), then reads `evidence list --suggested`
and each item's `chain`, and prints per pair of years and overall:

  suggestions  suggestions made (all of them, best first per earlier recommendation and later
               narrative)
  top 3        the best 3 of each recommendation's suggestions from the narrative (by score)
  relevant     of those, the ones whose sentence is labelled relevant to that recommendation
  precision    top-3 precision: relevant / top 3
  recall       labelled (recommendation, sentence) pairs suggested (at any rank) / labelled
  no sugg.     earlier recommendations with a labelled sentence in that narrative and no
               suggestion from it
  repeats      repeat recall: labelled repeated/reworded pairs linked / labelled (a pair of
               non-adjacent years is linked when the earlier item is an ancestor of the later
               one in its chain; a group of alternatives counts once)
  wrong        pairs `diff` between the two years calls repeated or reworded that no label
               names (partial included in the labels, so a link there is not wrong)

--verbose lists the false positives (suggested, not labelled), the misses (labelled, not
suggested), the repeat pairs not linked and the wrong links. --orders also imports each series
newest first and says whether the suggestions and links are identical to the chronological
import. --check exits 1 when a target is missed (top-3 precision >= 0.80, repeat recall >=
0.90). Exits 0 otherwise, and 2 when tiptrack fails.

The binary: --bin PATH, else $CARGO_TARGET_DIR/release/tiptrack (default target/), built first
with --build (cargo build --release).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests/fixtures/quality/labels.json"
TUNING_2 = ROOT / "tests/fixtures/quality/tuning-2/labels.json"
TUNING_3 = ROOT / "tests/fixtures/quality/tuning-3/labels.json"
TUNING_4 = ROOT / "tests/fixtures/quality/tuning-4/labels.json"
TUNING = (LABELS, TUNING_2, TUNING_3, TUNING_4)
UNTUNED_2 = ROOT / "tests/fixtures/quality/untuned-2/labels.json"
UNTUNED_4 = ROOT / "tests/fixtures/quality/untuned-4/labels.json"
UNTUNED_5 = ROOT / "tests/fixtures/quality/untuned-5/labels.json"
UNTUNED_6 = ROOT / "tests/fixtures/quality/untuned-6/labels.json"
UNTUNED_7 = ROOT / "tests/fixtures/quality/untuned-7/labels.json"
TARGET_PRECISION = 0.80
TOP = 3
TARGET_REPEAT_RECALL = 0.90


class ToolFailed(Exception):
    pass


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


class Tool:
    def __init__(self, binary):
        self.binary = str(binary)
        self.env = dict(os.environ)
        self.env.pop("TIPTRACK_DB", None)
        self.env["TIPTRACK_USER"] = "quality"

    def run(self, db, args):
        cmd = [self.binary] + (["--db", str(db)] if db else []) + args
        proc = subprocess.run(cmd, cwd=ROOT, env=self.env, capture_output=True, text=True)
        if proc.returncode != 0:
            raise ToolFailed(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr}")
        return proc.stdout

    def json(self, db, args):
        return json.loads(self.run(db, args + ["--format", "json"]))


def import_series(tool, series, files, db):
    for f in files:
        args = ["import", f["file"]]
        if "import_year" in f:
            args += ["--year", str(f["import_year"])]
        tool.run(db, args)
    suggestions = tool.json(db, ["evidence", "list", "--suggested", "--each", "--country",
                                 series["country"]])
    items = tool.json(db, ["list", "--country", series["country"]])
    # Each item's ancestors (oldest first) and its direct predecessor, from its chain.
    ancestors, links = {}, {}
    for item in items:
        chain = tool.json(db, ["chain", item["id"]])
        at = next(i for i, e in enumerate(chain) if e["id"] == item["id"])
        ancestors[item["id"]] = [e["id"] for e in chain[:at]]
        if at > 0:
            links[item["id"]] = (chain[at - 1]["id"], chain[at]["link"], chain[at].get("linked_by"))
    # What `diff` says repeats what, for each labelled pair of years (merges included: a later
    # item may continue two earlier ones).
    claims = {}
    for pair in series["pairs"]:
        diff = tool.json(db, ["diff", series["country"], str(pair["earlier"]), str(pair["later"])])
        claims[(pair["earlier"], pair["later"])] = {
            (i["earlier"], i["later"]) for i in diff["items"] if i["change"] in ("repeated", "reworded")
        }
    texts = {item["id"]: item["text"] for item in items}
    return suggestions, ancestors, links, claims, texts


def year_of(rec_id):
    return int(rec_id.split("-")[1])


def measure_pair(series, pair, suggestions, ancestors, links, claims):
    earlier, later = pair["earlier"], pair["later"]
    labelled = {rid: [norm(s) for s in subs] for rid, subs in pair["relevant"].items()}
    made = [s for s in suggestions if year_of(s["recommendation"]) == earlier and s["year"] == later]
    # Each recommendation's suggestions from the later narrative, best first: the first
    # TOP are the top-3 precision's.
    by_rec = {}
    for s in made:
        by_rec.setdefault(s["recommendation"], []).append(s)
    top = []
    for shown in by_rec.values():
        shown.sort(key=lambda s: (-s["score"], s["start"]))
        top.extend(shown[:TOP])
    fps, hits, relevant_top, relevant_all = [], set(), 0, 0
    for s in made:
        text = norm(s["text"])
        match = [sub for sub in labelled.get(s["recommendation"], []) if sub in text]
        if match:
            hits.update((s["recommendation"], sub) for sub in match)
            relevant_top += any(s is t for t in top)
            relevant_all += 1
        elif any(s is t for t in top):
            fps.append(s)
    relevant_made = relevant_top
    all_labelled = [(rid, sub) for rid, subs in labelled.items() for sub in subs]
    misses = [(rid, sub) for rid, sub in all_labelled if (rid, sub) not in hits]
    with_sugg = {s["recommendation"] for s in made}
    no_sugg = [rid for rid, subs in labelled.items() if subs and rid not in with_sugg]

    # Repeats: required pairs (kind repeated/reworded), groups of alternatives counted once.
    required, named = {}, set()
    for entry in pair["repeats"]:
        e, l, kind = entry[:3]
        named.add((e, l))
        if kind == "partial":
            continue
        key = entry[3] if len(entry) > 3 else f"{e}>{l}"
        required.setdefault(key, []).append((e, l))
    linked, unlinked = 0, []
    said = claims[(earlier, later)]
    for key, alternatives in required.items():
        if any(e in ancestors.get(l, []) or (e, l) in said for e, l in alternatives):
            linked += 1
        else:
            unlinked.append(alternatives)
    # Wrong: what `diff` between the two years calls repeated or reworded and no label names.
    wrong = sorted((e, l, "diff") for e, l in said if (e, l) not in named)
    return {
        "pair": f"{series['country']} {earlier}->{later}",
        "made": len(top),
        "all": len(made),
        "relevant_all": relevant_all,
        "relevant_made": relevant_made,
        "labelled": len(all_labelled),
        "found": len(all_labelled) - len(misses),
        "recs": len(labelled),
        "no_sugg": no_sugg,
        "fps": fps,
        "misses": misses,
        "rep_labelled": len(required),
        "rep_linked": linked,
        "unlinked": unlinked,
        "wrong": wrong,
        "adjacent": None,
    }


def measure(tool, labels, reverse=False):
    results, snapshots = [], {}
    for series in labels["series"]:
        files = list(reversed(series["files"])) if reverse else series["files"]
        with tempfile.TemporaryDirectory(prefix="tiptrack-quality.") as tmp:
            suggestions, ancestors, links, claims, texts = import_series(
                tool, series, files, Path(tmp) / "q.db")
        snapshots[series.get("name", series["country"])] = (
            sorted(
                (s["recommendation"], s["year"], s["section"], s["start"], s["end"],
                 round(s["score"], 6), s["reason"], s["commitment"])
                for s in suggestions
            ),
            sorted((l, p, k) for l, (p, k, _) in links.items()),
            sorted((y, sorted(c)) for y, c in claims.items()),
        )
        years = sorted(f["year"] for f in series["files"])
        for pair in series["pairs"]:
            r = measure_pair(series, pair, suggestions, ancestors, links, claims)
            r["adjacent"] = years.index(pair["later"]) == years.index(pair["earlier"]) + 1
            r["texts"] = texts
            results.append(r)
    return results, snapshots


def ratio(a, b):
    return f"{a / b:.2f}" if b else "-"


def total(results, name):
    keys = ["made", "all", "relevant_all", "relevant_made", "labelled", "found", "recs", "rep_labelled", "rep_linked"]
    t = {k: sum(r[k] for r in results) for k in keys}
    t["pair"] = name
    t["no_sugg"] = [x for r in results for x in r["no_sugg"]]
    t["wrong"] = [x for r in results for x in r["wrong"]]
    return t


def print_table(rows):
    head = ["pair", "recs", "suggestions", "top 3", "relevant", "precision", "labelled", "found",
            "recall", "no sugg.", "repeats", "linked", "rep. recall", "wrong"]
    lines = [head]
    for r in rows:
        lines.append([
            r["pair"], str(r["recs"]), str(r["all"]), str(r["made"]), str(r["relevant_made"]),
            ratio(r["relevant_made"], r["made"]), str(r["labelled"]), str(r["found"]),
            ratio(r["found"], r["labelled"]), str(len(r["no_sugg"])), str(r["rep_labelled"]),
            str(r["rep_linked"]), ratio(r["rep_linked"], r["rep_labelled"]), str(len(r["wrong"])),
        ])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for n, line in enumerate(lines):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))))
        if n == 0 or n == len(lines) - 3:
            print("  ".join("-" * w for w in widths))


def print_details(results):
    for r in results:
        if not (r["fps"] or r["misses"] or r["unlinked"] or r["wrong"]):
            continue
        print(f"\n== {r['pair']}")
        asks = sorted({s["recommendation"] for s in r["fps"]} | {rid for rid, _ in r["misses"]})
        for rid in asks:
            print(f"  ask             {rid}  {r['texts'].get(rid, '?')}")
        for s in r["fps"]:
            print(f"  false positive  {s['recommendation']}  score {s['score']:.2f}  "
                  f"[{s['reason']}]  {s['text']}")
        for rid, sub in r["misses"]:
            print(f"  missed          {rid}  \"{sub}\"")
        for alternatives in r["unlinked"]:
            print("  not linked      " + " or ".join(f"{e} -> {l}" for e, l in alternatives))
        for e, l, kind in r["wrong"]:
            print(f"  wrong link      {e} -> {l} ({kind})")


def find_binary(args):
    if args.bin:
        return Path(args.bin)
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    if not target.is_absolute():
        target = ROOT / target
    if args.build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = target / "release" / "tiptrack"
    if not binary.exists():
        print(f"quality.py: no binary at {binary}; run with --build (or --bin PATH)", file=sys.stderr)
        sys.exit(2)
    return binary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true", help="cargo build --release first")
    parser.add_argument("--bin", help="the tiptrack binary to measure")
    parser.add_argument("--labels", action="append",
                        help="a labels file (repeatable; default: the four tuning sets, then "
                        "the untuned sets)")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list false positives, misses, unlinked repeats and wrong links")
    parser.add_argument("--orders", action="store_true",
                        help="also import newest first and compare with the chronological import")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when top-3 precision < 0.80 or repeat recall < 0.90")
    args = parser.parse_args()

    sets = (LABELS, TUNING_2, TUNING_3, TUNING_4, UNTUNED_2, UNTUNED_4, UNTUNED_5, UNTUNED_6, UNTUNED_7)
    files = args.labels or [str(p) for p in sets if p.exists()]
    try:
        tool = Tool(find_binary(args))
        version = tool.run(None, ["--version"]).strip()
    except ToolFailed as err:
        print(f"quality.py: tiptrack failed: {err}", file=sys.stderr)
        return 2
    missed = False
    untuned = []
    tuning = []
    for n, path in enumerate(files):
        if n:
            print()
        path = Path(path).resolve()
        try:
            set_missed, overall = report(tool, version, path, args)
        except ToolFailed as err:
            print(f"quality.py: tiptrack failed: {err}", file=sys.stderr)
            return 2
        missed |= set_missed
        (tuning if path in TUNING else untuned).append(overall)
    if len(tuning) > 1:
        pooled = total(tuning, "tuning pooled")
        print(f"\n== the {len(tuning)} tuning sets pooled (fit)\n{summary(pooled)}")
    if len(untuned) > 1:
        pooled = total(untuned, "untuned pooled")
        print(f"\n== the {len(untuned)} untuned sets pooled\n{summary(pooled)}")
    return 1 if args.check and missed else 0


def summary(overall):
    """The one-line figures of a set (or of sets pooled)."""
    precision = overall["relevant_made"] / overall["made"] if overall["made"] else 0.0
    repeat_recall = overall["rep_linked"] / overall["rep_labelled"] if overall["rep_labelled"] else 1.0
    return (f"top-3 precision {precision:.3f} ({overall['relevant_made']} of {overall['made']}; "
            f"target {TARGET_PRECISION:.2f}: "
            f"{'met' if precision >= TARGET_PRECISION else 'MISSED'}), recall "
            f"{ratio(overall['found'], overall['labelled'])}, repeat recall {repeat_recall:.3f} "
            f"({overall['rep_linked']} of {overall['rep_labelled']}; target {TARGET_REPEAT_RECALL:.2f}: "
            f"{'met' if repeat_recall >= TARGET_REPEAT_RECALL else 'MISSED'}), wrong links "
            f"{len(overall['wrong'])}, asks without a suggestion {len(overall['no_sugg'])}; "
            f"precision of all suggestions {ratio(overall['relevant_all'], overall['all'])}")


def report(tool, version, path, args):
    """Measures one labels file and prints its figures; whether a target was missed."""
    labels = json.loads(path.read_text(encoding="utf-8"))
    results, forward = measure(tool, labels)
    backward = measure(tool, labels, reverse=True)[1] if args.orders else None
    kind = labels.get("set", "tuning set: the rules were chosen on it" if path in TUNING else "")
    print(f"== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}"
          + (f" ({kind})" if kind else ""))
    print(f"tiptrack {version}")
    overall = total(results, "overall")
    adjacent = total([r for r in results if r["adjacent"]], "adjacent years")
    print_table(results + [adjacent, overall])
    precision = overall["relevant_made"] / overall["made"] if overall["made"] else 0.0
    repeat_recall = overall["rep_linked"] / overall["rep_labelled"] if overall["rep_labelled"] else 1.0
    print(f"\n{summary(overall)}")
    if backward is not None:
        for country in forward:
            same_s = forward[country][0] == backward[country][0]
            same_l = forward[country][1] == backward[country][1]
            print(f"import order {country}: suggestions "
                  f"{'identical' if same_s else 'DIFFER'} newest first, links "
                  f"{'identical' if same_l else 'DIFFER'}")
    if args.verbose:
        print_details(results)
    return precision < TARGET_PRECISION or repeat_recall < TARGET_REPEAT_RECALL, overall


if __name__ == "__main__":
    sys.exit(main())
