#!/bin/sh
# make bench (PostgreSQL part, issue 16): one dataset (BENCH_PG_SCALE, default
# national) in PostgreSQL next to SQLite, side by side:
#   - import: rows/s of the store (the import's "opslaan"), wall, CPU, peak memory;
#   - telling --db and status --db: wall, CPU and peak memory, read from the
#     registry (no snapshot file) and through the snapshot file;
#   - server start-up: from the start to the "luistert op" line;
#   - GET /api/status for Amsterdam (a leerplicht with scope GM0363, as in
#     scripts/bench_server.sh) on a registry of BENCH_PG_SERVE_SCALE (default
#     region: the G4; two national servers at once would not fit beside the
#     other work of the machine) under BENCH_PG_CONNECTIONS (64) connections of
#     build/bench/load for BENCH_PG_SECONDS (30): one SQLite server, and two
#     `inbeeld serve` on the same PostgreSQL database with the connections
#     spread over both (one load process each).
# Targets (PASS/MISS; a miss does not fail the bench): import over 500,000
# rows/s, the counts within 1.5x of SQLite, status p99 under 50 ms.
# PostgreSQL runs in a throwaway cluster (scripts/pg_cluster.sh) with
# PG_SHARED_BUFFERS (default 1GB), stopped at the end. The snapshot files of
# the PostgreSQL registry go to OUT/cache (INBEELD_CACHE).
#
# The import's database CPU is the whole cluster's (its backend and the
# parallel workers of its index builds, which log_statement_stats does not
# count: /proc of the postmaster's children, living and reaped), and with the
# client's it is given per million rows: what the import costs an idle core.
#
# Environment: BENCH_PG_SCALE (inbeeld-gen --scale), BENCH_PG_DATA (a dataset
# folder instead of generating one), BENCH_PG_BIN (another inbeeld, e.g. of
# main, to compare), BENCH_PG_ONLY=import (the two imports
# only, none of the counts and servers), BENCH_PG_OUT (default build/bench/pg),
# BENCH_PG_SECONDS, BENCH_PG_CONNECTIONS, BENCH_PG_PORT (18380 and 18381),
# BENCH_PG_VANDAAG (the servers' day, 2026-11-02), PG_SHARED_BUFFERS.
# Figures go to OUT/results.txt.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BENCH_PG_BIN:-$ROOT/build/inbeeld}
GEN=$ROOT/build/inbeeld-gen
LOAD=$ROOT/build/bench/load
SCALE=${BENCH_PG_SCALE:-national}
SERVE_SCALE=${BENCH_PG_SERVE_SCALE:-region}
OUT=${BENCH_PG_OUT:-$ROOT/build/bench/pg}
DATA=${BENCH_PG_DATA:-$OUT/data-$(echo "$SCALE" | tr ':,' '__')}
SECONDS_RUN=${BENCH_PG_SECONDS:-30}
CONNS=${BENCH_PG_CONNECTIONS:-64}
PORT=${BENCH_PG_PORT:-18380}
D=${BENCH_PG_VANDAAG:-2026-11-02}
PEIL=2026-11-01
PW=bench-wachtwoord-lang
THREADS=$(($(nproc) * 2))
RES=$OUT/results.txt
NAME=bench-pg
. "$ROOT/bench/lib.sh"
CLUSTER=$OUT/cluster
LITE=$OUT/registratie.db
SERVERS=
cleanup() {
	for p in $SERVERS; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	sh "$ROOT/scripts/pg_cluster.sh" stop "$CLUSTER" || true
	rm -rf "$OUT/cache" "$LITE" "$LITE-wal" "$LITE-shm" "$LITE.snapshot" "$LITE.tmp"
	rm -rf "$OUT/serve.db" "$OUT/serve.db-wal" "$OUT/serve.db-shm" "$OUT/serve.db.snapshot" "$OUT/serve.db.tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

load_now() { cut -d' ' -f1-3 /proc/loadavg; }
say "== PostgreSQL next to SQLite ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPU's, load average $(load_now))"
if [ ! -d "$DATA" ]; then
	"$GEN" --scale "$SCALE" --seed 2026 --stand 2026-12-01 --out "$DATA" >/dev/null 2>&1 || fail "inbeeld-gen"
fi
sh "$ROOT/scripts/pg_cluster.sh" stop "$CLUSTER"
PG=$(PG_SHARED_BUFFERS=${PG_SHARED_BUFFERS:-1GB} sh "$ROOT/scripts/pg_cluster.sh" start "$CLUSTER") || fail "geen cluster"
rm -rf "$OUT/cache" "$LITE" "$LITE-wal" "$LITE-shm" "$LITE.snapshot"
export INBEELD_CACHE="$OUT/cache"
say "  dataset $DATA ($(du -sm "$DATA" | cut -f1) MiB); PostgreSQL $(psql "$PG" -qAtc 'SHOW server_version'), shared_buffers $(psql "$PG" -qAtc 'SHOW shared_buffers')"

# timed OUTFILE CMD...: run CMD (stdout to OUTFILE), its figures in $T: "wall user sys peak_kib"
timed() {
	f=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$OUT/time.txt" "$@" >"$f" 2>"$OUT/cmd.err" || { cat "$OUT/cmd.err" >&2; fail "$*"; }
	T=$(tail -1 "$OUT/time.txt")
}
col() { echo "$T" | cut -d' ' -f"$1"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# --- import ------------------------------------------------------------------------
# pg_cpu: CPU seconds of the cluster so far (the postmaster's reaped children,
# among them every ended backend and parallel worker, and its living ones)
pg_cpu() {
	pm=$(head -1 "$CLUSTER/data/postmaster.pid")
	{
		sed 's/.*) //' "/proc/$pm/stat" | awk '{ print $14 + $15 }'
		for c in $(pgrep -P "$pm"); do sed 's/.*) //' "/proc/$c/stat" 2>/dev/null | awk '{ print $12 + $13 }'; done
	} | awk -v hz="$(getconf CLK_TCK)" '{ t += $1 } END { printf "%.2f", t / hz }'
}
# import NAME TARGET: one import from empty; its store rows/s in R_<NAME>
import_one() {
	l0=$(load_now)
	log0=$(wc -l <"$CLUSTER/server.log")
	c0=$(pg_cpu)
	# The database's own CPU (log_statement_stats: per statement, and its session's total so far).
	PGOPTIONS="-c log_statement_stats=on" timed "$OUT/import-$1.txt" "$BIN" import --db "$2" --door bench "$DATA"
	msg=$(cat "$OUT/cmd.err")
	server=$(tail -n +"$log0" "$CLUSTER/server.log" | sed -n 's/.*\[\([0-9.]*\) s user, \([0-9.]*\) s system total\].*/\1 \2/p' | tail -1)
	cluster=
	if [ -n "$server" ]; then
		sleep 0.5 # the backend's exit, so its CPU is the postmaster's children's
		cluster=$(awk -v a="$c0" -v b="$(pg_cpu)" 'BEGIN { printf "%.2f", b - a }')
	fi
	facts=$(echo "$msg" | sed -n 's/.* \([0-9]*\) feiten;.*/\1/p')
	store_s=$(echo "$msg" | sed -n 's/.*opslaan \([0-9.]*\) s\..*/\1/p')
	rps=$(awk -v n="$facts" -v s="$store_s" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
	eval "R_$1=$rps"
	per=$(awk -v n="$facts" -v u="$(col 2)" -v s="$(col 3)" -v c="${cluster:-0}" 'BEGIN { printf "%.2f", (n > 0 ? (u + s + c) * 1e6 / n : 0) }')
	say "  import $1: $facts facts stored in $store_s s = $rps rows/s; wall $(col 1) s, client CPU $(col 2) user + $(col 3) sys s, peak $(mib "$(col 4)") MiB${server:+; PostgreSQL backend CPU ${server% *} user + ${server#* } sys s, the cluster's (parallel workers too) $cluster s}; client + database $per CPU s per million rows (load $l0)"
}
say "-- import (from empty, one transaction)"
import_one sqlite "$LITE"
import_one postgresql "$PG"
say "  PostgreSQL / SQLite rows/s: $(ratio "$R_postgresql" "$R_sqlite"); PostgreSQL over 500000 rows/s: $(verdict "$R_postgresql" '>=' 500000)"
[ "${BENCH_PG_ONLY:-}" = import ] && exit 0

# --- counts --------------------------------------------------------------------------
# count NAME TARGET HOW CMD...: one count, wall and peak memory; same bytes on both
count() {
	name=$1 target=$2 how=$3
	shift 3
	if [ "$how" = registry ]; then # nothing to read but the registry (each count writes the file)
		if [ "$name" = sqlite ]; then rm -f "$LITE.snapshot"; else rm -rf "$OUT/cache"; fi
	fi
	l0=$(load_now)
	timed "$OUT/$name-$how-$1.out" "$BIN" "$@" --db "$target" --peildatum $PEIL --format csv
	eval "W_${name}_${how}_$1=$(col 1)"
	say "  $(printf '%-8s %-10s %-16s' "$1" "$name" "$how"): $(col 1) s wall, CPU $(col 2) + $(col 3) s, peak $(mib "$(col 4)") MiB (load $l0)"
}
counts() { # HOW
	for name in sqlite postgresql; do
		target=$LITE
		[ "$name" = postgresql ] && target=$PG
		count $name "$target" "$1" telling --per gemeente
		count $name "$target" "$1" status
	done
}
say "-- telling --db and status --db (peildatum $PEIL)"
counts registry
counts snapshot
for how in registry snapshot; do
	for c in telling status; do
		cmp -s "$OUT/sqlite-$how-$c.out" "$OUT/postgresql-$how-$c.out" || fail "$c ($how): PostgreSQL gives other bytes than SQLite"
		eval "a=\$W_postgresql_${how}_$c b=\$W_sqlite_${how}_$c"
		say "  $c ($how): PostgreSQL / SQLite wall $(ratio "$a" "$b") (within 1.5x: $(verdict "$(ratio "$a" "$b")" '<=' 1.5)); the same bytes"
	done
done

# --- servers -------------------------------------------------------------------------
# serve TARGET PORT LOG: started in the background ($SERVER), its start-up in $UP (to "luistert op")
serve() {
	: >"$3"
	t0=$(date +%s.%N)
	"$BIN" serve --db "$1" --listen 127.0.0.1:$2 --stil --vandaag "$D" --pool "$THREADS" 2>"$3" &
	SERVER=$!
	SERVERS="$SERVERS $SERVER"
	for _ in $(seq 1 6000); do grep -q "luistert op" "$3" && break; sleep 0.05; done
	grep -q "luistert op" "$3" || fail "server startte niet: $(cat "$3")"
	UP=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
	for _ in $(seq 1 6000); do grep -q "dossiers bijgewerkt" "$3" && break; sleep 0.1; done
}
stop_all() { for p in $SERVERS; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done; SERVERS=; }
say "-- server start-up on the registry above (one server at a time; its snapshot file written by the counts)"
serve "$LITE" $PORT "$OUT/serve-sqlite.log"
say "  SQLite: $UP s to \"luistert op\" (load $(load_now))"
stop_all
serve "$PG" $PORT "$OUT/serve-pg1.log"
say "  PostgreSQL: $UP s to \"luistert op\" (load $(load_now))"
stop_all
if [ "$SERVE_SCALE" != "$SCALE" ]; then
	SDATA=$OUT/data-$(echo "$SERVE_SCALE" | tr ':,' '__')
	[ -d "$SDATA" ] || "$GEN" --scale "$SERVE_SCALE" --seed 2026 --stand 2026-12-01 --out "$SDATA" >/dev/null 2>&1 || fail "inbeeld-gen"
	rm -f "$LITE" "$LITE-wal" "$LITE-shm" "$LITE.snapshot"
	LITE=$OUT/serve.db
	psql "$PG" -qAtc "CREATE DATABASE serve" >/dev/null
	PG=$(echo "$PG" | sed 's|^postgresql:///[^?]*|postgresql:///serve|')
	for target in "$LITE" "$PG"; do
		"$BIN" import --db "$target" --stil --door bench "$SDATA" || fail "import $SDATA"
	done
	say "  the servers' registry: $SDATA ($SERVE_SCALE), in SQLite and in a second PostgreSQL database"
fi
for target in "$LITE" "$PG"; do
	printf '%s\n' "$PW" | "$BIN" gebruiker --db "$target" --naam bench-lp --rol leerplicht --scope GM0363 >/dev/null 2>&1 ||
		fail "gebruiker"
done
echo "lezer bench-lp" >"$OUT/accounts.txt"
# load PORT CONNECTIONS OUTFILE PID: reads only (status and telling of Amsterdam's leerplicht)
load() {
	"$LOAD" --url "http://127.0.0.1:$1" --vandaag "$D" --seconds "$SECONDS_RUN" --connections "$2" --writes 0 \
		--pid "$4" --accounts "$OUT/accounts.txt" --password "$PW" >"$3" 2>"$3.err" || { cat "$3.err" >&2; fail "load faalde"; }
}
v() { awk -F= -v k="$1" '$1 == k { print $2 }' "$2"; }
say "-- servers: start-up, then GET /api/status (Amsterdam) with $CONNS connections for $SECONDS_RUN s"
serve "$LITE" $PORT "$OUT/serve-sqlite.log"
say "  start-up SQLite: $UP s to \"luistert op\" (load $(load_now))"
sleep 1
l0=$(load_now)
load $PORT "$CONNS" "$OUT/load-sqlite.txt" "$SERVER"
say "  SQLite, one server: status p50 $(v status_p50_ms "$OUT/load-sqlite.txt") ms, p99 $(v status_p99_ms "$OUT/load-sqlite.txt") ms; all reads $(v reads_per_s "$OUT/load-sqlite.txt")/s, $(v errors "$OUT/load-sqlite.txt") errors; server CPU $(v cpu_s "$OUT/load-sqlite.txt") s (load $l0 -> $(load_now))"
stop_all
serve "$PG" $PORT "$OUT/serve-pg1.log"
A=$SERVER
say "  start-up PostgreSQL: $UP s to \"luistert op\" (load $(load_now))"
serve "$PG" $((PORT + 1)) "$OUT/serve-pg2.log"
B=$SERVER
say "  start-up PostgreSQL, the second server beside the first: $UP s"
sleep 1
l0=$(load_now)
half=$((CONNS / 2))
load $PORT "$half" "$OUT/load-pg1.txt" "$A" &
L1=$!
load $((PORT + 1)) "$((CONNS - half))" "$OUT/load-pg2.txt" "$B"
wait $L1 || fail "load faalde"
l1=$(load_now)
p99=$(awk -v a="$(v status_p99_ms "$OUT/load-pg1.txt")" -v b="$(v status_p99_ms "$OUT/load-pg2.txt")" 'BEGIN { print (a > b ? a : b) }')
total=$(awk -v a="$(v reads_per_s "$OUT/load-pg1.txt")" -v b="$(v reads_per_s "$OUT/load-pg2.txt")" 'BEGIN { print a + b }')
for i in 1 2; do
	f=$OUT/load-pg$i.txt
	say "  PostgreSQL, server $i of 2: status p50 $(v status_p50_ms "$f") ms, p99 $(v status_p99_ms "$f") ms; all reads $(v reads_per_s "$f")/s, $(v errors "$f") errors; server CPU $(v cpu_s "$f") s"
done
say "  PostgreSQL, two servers: status p99 $p99 ms (the worse of the two; under 50 ms: $(verdict "$p99" '<=' 50)), all reads $total/s (load $l0 -> $l1)"
stop_all
say "  SQLite status p99 under 50 ms: $(verdict "$(v status_p99_ms "$OUT/load-sqlite.txt")" '<=' 50)"
