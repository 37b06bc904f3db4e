#!/usr/bin/env python3
"""Time the HTML reader on deeply nested pages: seconds per page size, and the ratio per doubling.

Standalone (Python 3.11, standard library only):

    python3 bench/html_nesting.py [--bin target/release/tiptrack] [--sizes 1000,2000,...]
                                  [--shape main-div|div|repeated] [--runs 3] [--timeout 120]

Each page is a saved web page whose body nests one shape N times ("main-div": `<main><div>`,
the case from issue 11; "div": `<div>`; "repeated": N sibling `<main><div>` pairs, not nested)
around one paragraph of a narrative, so that the page is about 11 * N bytes. Each page is read
by `tiptrack import --dry-run` in a fresh temporary folder, timed as a whole process; the exit
code does not matter (past the nesting bound the page is refused, which is the point), only that
the answer comes. Prints nesting, bytes, the fastest of --runs runs in seconds, the ratio to the
size before (2.0 per doubling is linear, 4.0 quadratic) and the first line of standard error.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "<p>KAZAKHSTAN (Tier 2)</p><p>Recommendations for Kazakhstan: Increase efforts to identify "
    "victims; and train police officers.</p>"
)


def page(shape: str, n: int) -> str:
    if shape == "main-div":
        body = "<main><div>" * n + PARAGRAPH + "</div></main>" * n
    elif shape == "div":
        body = "<div>" * n + PARAGRAPH + "</div>" * n
    elif shape == "repeated":
        body = "<main><div></div></main>" * n + PARAGRAPH
    else:
        sys.exit(f"unknown shape {shape}")
    return (
        "<!DOCTYPE html><html><head><title>2011 Trafficking in Persons Report: Kazakhstan"
        f"</title></head><body>{body}</body></html>"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="target/release/tiptrack")
    parser.add_argument("--sizes", default="250,500,1000,2000,4000,8000,16000,32000")
    parser.add_argument("--shape", default="main-div")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    print(f"{'nesting':>8} {'bytes':>9} {'seconds':>9} {'x prev':>7}  stderr")
    previous = None
    for n in (int(s) for s in args.sizes.split(",")):
        html = page(args.shape, n)
        times = []
        err = ""
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "page.html"
                path.write_text(html, encoding="utf-8")
                cmd = [args.bin, "--db", str(Path(tmp) / "t.db"), "import", "--dry-run", str(path)]
                start = time.perf_counter()
                try:
                    done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
                    err = (done.stderr.strip().splitlines() or [""])[0]
                except subprocess.TimeoutExpired:
                    err = f"timed out after {args.timeout:.0f} s"
                times.append(time.perf_counter() - start)
            if err.startswith("timed out"):
                break
        seconds = min(times)
        ratio = f"{seconds / previous:7.2f}" if previous else "      -"
        # The message names a temporary file: its end is what tells.
        told = err.split(": ", 2)[-1] if err else ""
        print(f"{n:>8} {len(html):>9} {seconds:>9.3f} {ratio}  {told[:70]}", flush=True)
        previous = seconds
        if err.startswith("timed out"):
            break


if __name__ == "__main__":
    main()
