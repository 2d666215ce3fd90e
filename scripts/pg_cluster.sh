#!/bin/sh
# pg_cluster.sh - a throwaway PostgreSQL cluster for the tests (issue 16):
# initdb in FOLDER as an unprivileged user (nobody when run as root, as make
# check is in CI), its unix socket in FOLDER, no TCP, trust for local
# connections, fsync off, small shared_buffers, C collation (text sorts by
# bytes, as SQLite's does), no WAL beyond what a crash needs (wal_level
# minimal: a COPY into a table made or emptied in its own transaction
# writes none). The database is inbeeld, its owner the role inbeeld (the
# cluster's superuser: it makes databases and runs the migrations). The
# application's roles (issue 16, src/store/store_roles.c): the group role
# inbeeld_app (NOLOGIN) and the login role app in it, which owns nothing.
# PG_SHARED_BUFFERS (default 32MB) for a benchmark's larger cluster;
# PG_WAL_LEVEL (default minimal) replica to measure what a primary with a
# standby writes.
#
#   sh scripts/pg_cluster.sh start FOLDER          create and start it; print the connection URI (as inbeeld)
#   sh scripts/pg_cluster.sh env FOLDER            print the URI of the running cluster
#   sh scripts/pg_cluster.sh app-uri FOLDER [DB]   print the URI of database DB (default inbeeld) as app
#   sh scripts/pg_cluster.sh stop FOLDER           stop it (immediately) and remove FOLDER
#
# A start that fails stops what it started. Callers stop it from a trap:
#   dir=$(mktemp -d); trap 'sh scripts/pg_cluster.sh stop "$dir"' EXIT
#   uri=$(sh scripts/pg_cluster.sh start "$dir")
set -eu
cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
	echo "gebruik: pg_cluster.sh start|stop|env|app-uri MAP [DATABASE]" >&2
	exit 2
fi

# initdb and pg_ctl: Debian's newest server, else the PATH.
bindir=""
for d in /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && bindir=$d
done
if [ -z "$bindir" ]; then
	p=$(command -v initdb 2>/dev/null || true)
	[ -n "$p" ] && bindir=$(dirname "$p")
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
	echo "pg_cluster: initdb en pg_ctl niet gevonden (Debian: apt-get install postgresql)" >&2
	exit 1
fi

# As root the cluster belongs to nobody (PostgreSQL refuses to run as root).
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u nobody -- "$@"
	else
		"$@"
	fi
}

uri() {
	echo "postgresql:///inbeeld?host=$dir&user=inbeeld"
}

case $cmd in
start)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	[ "$(id -u)" = 0 ] && chown nobody:nogroup "$dir"
	if ! as_owner test -w "$dir"; then
		echo "pg_cluster: $dir is niet beschrijfbaar voor de eigenaar van het cluster" >&2
		exit 1
	fi
	trap 'as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true' EXIT
	as_owner "$bindir/initdb" -D "$dir/data" -U inbeeld --auth=trust --no-locale -E UTF8 --no-sync \
		>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=${PG_SHARED_BUFFERS:-32MB} -c max_connections=${PG_MAX_CONNECTIONS:-40} -c wal_level=${PG_WAL_LEVEL:-minimal} -c max_wal_senders=0 -c max_wal_size=2GB" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	"$bindir/createdb" -h "$dir" -U inbeeld inbeeld
	"$bindir/psql" -h "$dir" -U inbeeld -d inbeeld -qAt -v ON_ERROR_STOP=1 \
		-c "CREATE ROLE inbeeld_app NOLOGIN" -c "CREATE ROLE app LOGIN IN ROLE inbeeld_app" >/dev/null
	trap - EXIT
	uri
	;;
env)
	dir=$(cd "$dir" && pwd)
	as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null || { echo "pg_cluster: geen cluster in $dir" >&2; exit 1; }
	uri
	;;
app-uri)
	dir=$(cd "$dir" && pwd)
	echo "postgresql:///${3:-inbeeld}?host=$dir&user=app"
	;;
stop)
	[ -d "$dir" ] || exit 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
*)
	echo "gebruik: pg_cluster.sh start|stop|env|app-uri MAP [DATABASE]" >&2
	exit 2
	;;
esac
