# Sourced by tests/run and bench/postgres.sh: a throwaway PostgreSQL server in a temporary
# folder, on a local socket only, as an unprivileged user (as root: nobody), stopped and removed
# on exit.
#
# pg_find                  sets pg_bin to the folder of initdb and pg_ctl, or returns 1.
# pg_start [SERVER-OPTS]   starts the server (more `-c name=value` options may be given) and sets
#                          pg_url (postgres://tiptrack@…/postgres, the superuser tiptrack),
#                          pg_dir (its folder), pg_ctl (the command, run as the server's user).

pg_find() {
	pg_bin=""
	local dir
	for dir in $(command -v pg_ctl >/dev/null && dirname "$(readlink -f "$(command -v pg_ctl)")") /usr/lib/postgresql/*/bin; do
		if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
			pg_bin="$dir"
			return 0
		fi
	done
	return 1
}

pg_start() {
	local as=()
	# The server refuses to run as root.
	if [[ $(id -u) == 0 ]]; then
		as=(runuser -u nobody --)
	fi
	pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/tiptrack-pg.XXXXXX")"
	chmod 755 "$pg_dir"
	if [[ ${#as[@]} != 0 ]]; then chown nobody "$pg_dir"; fi
	pg_ctl=("${as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data")
	trap 'pg_stop' EXIT
	"${as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U tiptrack -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1 || {
		cat "$pg_dir/initdb.log" >&2
		return 1
	}
	local options="-k $pg_dir -c listen_addresses='' -p 5432 -c max_connections=200"
	local option
	for option in "$@"; do options+=" $option"; done
	"${pg_ctl[@]}" -l "$pg_dir/server.log" -w -o "$options" start >/dev/null || {
		cat "$pg_dir/server.log" >&2
		return 1
	}
	pg_url="postgres://tiptrack@${pg_dir//\//%2F}:5432/postgres?sslmode=disable"
}

pg_stop() {
	if [[ -n "${pg_dir:-}" ]]; then
		"${pg_ctl[@]}" -m immediate stop >/dev/null 2>&1 || true
		rm -rf "$pg_dir"
	fi
}
