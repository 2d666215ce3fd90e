#!/bin/sh
# The snapshot file of a PostgreSQL registry (issue 16, src/app/registry_load.c):
# kept in the cache folder ($INBEELD_CACHE, else $XDG_CACHE_HOME/inbeeld, else
# $HOME/.cache/inbeeld; made 0700, the file 0600: it holds the pupils'
# identity), named and keyed by the database's identity. The import writes it;
# a count through it reads no row of the registry (the database's own count
# of rows read, pg_stat_user_tables, stays the same) and gives the same bytes
# as the folder; an import through another cache (another machine) makes it
# stale, and the next count reads the registry, is that of the new data and
# writes the file anew; a server starts from it inside its sandbox; another database of the cluster has a file of its
# own; INBEELD_CACHE empty keeps none.
#
# usage: tests/pg/snapshot.sh BINARY ADMIN_URI   (a cluster's URI, scripts/pg_cluster.sh)
set -u
BIN=$1
ADMIN=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$ROOT/tests/lib.sh"

echo "== snapshot of a PostgreSQL registry with $BIN"
# db NAME: a fresh database of the cluster, its URI
db() {
	psql "$ADMIN" -qAtc "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
	with_db "$ADMIN" "$1"
}
# counts SOURCE OUT: counts of one registry or folder into OUT, stderr into OUT.err
counts() {
	: >"$2"
	: >"$2.err"
	for d in 2025-10-01 2026-11-01; do
		"$BIN" telling $1 --peildatum $d --per gemeente --format csv >>"$2" 2>>"$2.err"
		"$BIN" status $1 --peildatum $d --format csv >>"$2" 2>>"$2.err"
	done
}
# read_rows URI: the rows of the fact tables the database has read so far
read_rows() {
	psql "$1" -qAtc "SELECT sum(seq_tup_read + coalesce(idx_tup_fetch, 0)) FROM pg_stat_user_tables
		WHERE relname IN ('leerlingen', 'woonadressen', 'inschrijvingen', 'verzuim')"
}

V1=$ROOT/examples/voorbeeld
V2=$ROOT/tests/data/spec7
counts "--data $V1" "$WORK/v1"
counts "--data $V2" "$WORK/v2"
if cmp -s "$WORK/v1" "$WORK/v2"; then bad "the two datasets count the same: the test would prove nothing"; else ok; fi

R1=$(db snap1)
CACHE=$WORK/cache/inbeeld
export INBEELD_CACHE=$CACHE
# 1. The import writes the file; the folder is made 0700, the file 0600.
"$BIN" import --db "$R1" --stil --door test --geregistreerd-op 2026-01-05 "$V1" 2>"$WORK/imp.err"
silent "import" "$WORK/imp.err"
set -- "$CACHE"/pg-*.snapshot
is "files after the import" "$#" 1
FILE=$1
[ -f "$FILE" ] && ok || bad "the import wrote no snapshot file"
is "mode of the file" "$(stat -c %a "$FILE" 2>/dev/null)" 600
is "mode of the cache folder" "$(stat -c %a "$CACHE")" 700
is "mode of the folder made above it" "$(stat -c %a "$WORK/cache")" 700
sysid=$(psql "$R1" -qAtc "SELECT system_identifier FROM pg_control_system()")
oid=$(psql "$R1" -qAtc "SELECT oid FROM pg_database WHERE datname = current_database()")
is "the file is named by the database" "$(basename "$FILE")" "pg-$sysid-$oid.snapshot"

# 2. Counts through the file: the folder's bytes, not one row of the registry read.
before=$(read_rows "$R1")
counts "--db $R1" "$WORK/a"
same "through the snapshot = the folder" "$WORK/v1" "$WORK/a"
silent "a fresh snapshot" "$WORK/a.err"
is "rows read through the snapshot" "$(read_rows "$R1")" "$before"

# 3. Without the file: the registry is read (rows read), the same bytes, the file written again.
rm "$FILE"
before=$(read_rows "$R1")
"$BIN" telling --db "$R1" --peildatum 2026-11-01 --per gemeente --format csv >"$WORK/a" 2>"$WORK/a.err"
silent "no snapshot is no news" "$WORK/a.err"
[ "$(read_rows "$R1")" -gt "$before" ] && ok || bad "without the file, no row of the registry was read"
[ -f "$FILE" ] && ok || bad "reading the registry wrote no snapshot file"
is "mode of the rewritten file" "$(stat -c %a "$FILE" 2>/dev/null)" 600
before=$(read_rows "$R1")
counts "--db $R1" "$WORK/a"
same "through the rewritten snapshot = the folder" "$WORK/v1" "$WORK/a"
is "rows read through the rewritten snapshot" "$(read_rows "$R1")" "$before"

# 4. An import through another cache (another machine, its own folder) makes
# this file stale: never read, the counts are the new data's, the file new.
INBEELD_CACHE=$WORK/other "$BIN" import --db "$R1" --stil --door test --geregistreerd-op 2026-02-01 "$V2" 2>"$WORK/imp.err"
silent "the second import" "$WORK/imp.err"
cp "$FILE" "$WORK/stale"
before=$(read_rows "$R1")
counts "--db $R1" "$WORK/a"
same "after an import elsewhere: the new data's counts" "$WORK/v2" "$WORK/a"
silent "a stale snapshot is replaced silently" "$WORK/a.err"
[ "$(read_rows "$R1")" -gt "$before" ] && ok || bad "a stale snapshot was read"
if cmp -s "$FILE" "$WORK/stale"; then bad "the stale file was not written anew"; else ok; fi
before=$(read_rows "$R1")
counts "--db $R1" "$WORK/a"
same "through the new snapshot" "$WORK/v2" "$WORK/a"
is "rows read through the new snapshot" "$(read_rows "$R1")" "$before"

# 4b. A server starts from the file too, in its sandbox (Landlock lets it at the
# cache folder): not one row of the registry's fact tables scanned.
seq_rows() {
	psql "$1" -qAtc "SELECT sum(seq_tup_read) FROM pg_stat_user_tables
		WHERE relname IN ('leerlingen', 'woonadressen', 'inschrijvingen', 'verzuim')"
}
before=$(seq_rows "$R1")
serve_once "$R1"
grep -qF "lezen en schrijven in $CACHE " "$WORK/serve.err" && ok || bad "the sandbox does not name the cache folder"
is "rows scanned by the server's start" "$(seq_rows "$R1")" "$before"

# 5. Another database of the cluster with the same data has its own file.
R2=$(db snap2)
"$BIN" import --db "$R2" --stil --door test --geregistreerd-op 2026-01-05 "$V1" 2>/dev/null
set -- "$CACHE"/pg-*.snapshot
is "files for two databases" "$#" 2
counts "--db $R2" "$WORK/a"
same "the second database's counts" "$WORK/v1" "$WORK/a"
counts "--db $R1" "$WORK/a"
same "the first database's counts, beside it" "$WORK/v2" "$WORK/a"

# 6. INBEELD_CACHE empty: no file is kept, the registry is read, the same bytes.
R3=$(db snap3)
INBEELD_CACHE= "$BIN" import --db "$R3" --stil --door test "$V1" 2>/dev/null
before=$(read_rows "$R3")
INBEELD_CACHE= "$BIN" telling --db "$R3" --peildatum 2026-11-01 --per gemeente --format csv >"$WORK/a" 2>"$WORK/a.err"
silent "without a cache folder" "$WORK/a.err"
[ "$(read_rows "$R3")" -gt "$before" ] && ok || bad "INBEELD_CACHE empty: no row read"
set -- "$CACHE"/pg-*.snapshot
is "files with INBEELD_CACHE empty" "$#" 2

# 7. The default: $XDG_CACHE_HOME/inbeeld, else $HOME/.cache/inbeeld.
mkdir -p "$WORK/home"
(unset INBEELD_CACHE XDG_CACHE_HOME; HOME=$WORK/home "$BIN" telling --db "$R3" --peildatum 2026-11-01 --per gemeente \
	--format csv >/dev/null 2>&1)
set -- "$WORK/home/.cache/inbeeld"/pg-*.snapshot
[ -f "$1" ] && ok || bad "no file in \$HOME/.cache/inbeeld"
(unset INBEELD_CACHE; XDG_CACHE_HOME=$WORK/xdg "$BIN" telling --db "$R3" --peildatum 2026-11-01 --per gemeente \
	--format csv >/dev/null 2>&1)
set -- "$WORK/xdg/inbeeld"/pg-*.snapshot
[ -f "$1" ] && ok || bad "no file in \$XDG_CACHE_HOME/inbeeld"

psql "$ADMIN" -qAtc "DROP DATABASE snap1" -c "DROP DATABASE snap2" -c "DROP DATABASE snap3" >/dev/null
summary "snapshot (PostgreSQL)"
