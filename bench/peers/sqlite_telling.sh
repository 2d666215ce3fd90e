#!/bin/sh
# The SQLite peer: the Resultaatschema of SPEC 4-5 in SQL over a registry
# loaded with `inbeeld import`, as CSV identical to `inbeeld telling --format csv`.
# usage: bench/peers/sqlite_telling.sh DB PEILDATUM gemeente|swv
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DB=$1 D=$2 PER=$3
case $D in [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;; *) echo "peildatum JJJJ-MM-DD" >&2; exit 2 ;; esac
case $PER in gemeente|swv) ;; *) echo "per gemeente|swv" >&2; exit 2 ;; esac
{
	echo "PRAGMA temp_store = MEMORY; CREATE TEMP TABLE params(d TEXT, per TEXT); INSERT INTO params VALUES ('$D', '$PER');"
	cat "$HERE/telling_sqlite.sql"
} | sqlite3 -readonly -bail -csv -header "$DB"
