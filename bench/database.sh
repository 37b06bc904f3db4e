# Sourced by bench/fsyncs.sh, bench/lockwait.sh and bench/listmem.sh: builds the release binary
# and a database of $TOTAL (default 50,000) synthetic recommendations in a temp dir.
#
# Sets: here, root, work (the temp dir, removed on exit unless KEEP=1), bin, db.
# make_database [IMPORT-FLAGS...]   generates the narratives and imports them into $db.
# Keep TMPDIR on a real disk (not tmpfs): the syncs are what is measured.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
total=${TOTAL:-50000}
work=$(mktemp -d "${TMPDIR:-/tmp}/tiptrack-bench.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
    trap 'echo "kept $work"' EXIT
else
    trap 'rm -rf "$work"' EXIT
fi
export TIPTRACK_USER=bench

cd "$root"
cargo build --release --quiet
bin="$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/tiptrack"
db="$work/bench.db"

make_database() {
    python3 "$here/generate.py" "$work/narratives" --total "$total" >"$work/generate.log"
    local t0
    t0=$(date +%s.%N)
    find "$work/narratives" -name '*.txt' -print0 | sort -z |
        xargs -0 -n 200 "$bin" --db "$db" import "$@" >/dev/null 2>"$work/import.log" || {
        echo "import failed:" >&2; tail -n 20 "$work/import.log" >&2; exit 1; }
    python3 - "$db" "$t0" <<'PY'
import sqlite3, sys, time
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
recs, narratives = (conn.execute(q).fetchone()[0] for q in
    ("SELECT count(*) FROM recommendation", "SELECT count(*) FROM narrative"))
print(f"database: {narratives} narratives, {recs} recommendations,"
      f" imported in {time.time() - float(sys.argv[2]):.1f} s")
PY
}
