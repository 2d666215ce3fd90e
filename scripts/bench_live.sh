#!/bin/sh
# make bench (live part, docs/bench.md "The live load test"): a copy of the
# registry of bench-run served with `inbeeld serve --vandaag`, then
# build/bench/load: BENCH_LIVE_CONNECTIONS (64) readers of status lists and
# counts while BENCH_LIVE_WRITES (20) writes a second (verzuim facts by
# school accounts, aanbod events on dossiers) arrive for BENCH_LIVE_SECONDS
# (60), each polled until its list shows it; then the same reads against a
# bare libmicrohttpd (build/mhd-ceiling) answering as many bytes. Also the
# start-up time of serve (first start on the copy, and a restart).
# Figures, targets (PASS/MISS; a miss does not fail the bench) and a markdown
# table go to build/bench/live/results.txt.
#
# Environment: BENCH_LIVE_DB (default build/bench/telling/registratie.db),
# BENCH_LIVE_BIN (the inbeeld to serve, default build/inbeeld), BENCH_LIVE_OUT
# (where the copy and the figures go, default build/bench/live),
# BENCH_LIVE_VANDAAG (the server's day, default 2026-06-30: a school day in
# the stand of bench-run's dataset), BENCH_LIVE_SECONDS, BENCH_LIVE_WRITES,
# BENCH_LIVE_CONNECTIONS, BENCH_LIVE_POLL_CAP (30 s: a write not visible by
# then is counted as such).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BENCH_LIVE_BIN:-$ROOT/build/inbeeld}
LOAD=$ROOT/build/bench/load
CEIL=$ROOT/build/mhd-ceiling
OUT=${BENCH_LIVE_OUT:-$ROOT/build/bench/live}
SRC=${BENCH_LIVE_DB:-$ROOT/build/bench/telling/registratie.db}
D=${BENCH_LIVE_VANDAAG:-2026-06-30}
SECONDS_RUN=${BENCH_LIVE_SECONDS:-60}
WRITES=${BENCH_LIVE_WRITES:-20}
CONNS=${BENCH_LIVE_CONNECTIONS:-64}
CAP=${BENCH_LIVE_POLL_CAP:-30}
CASE_SHARE=0.25
PW=bench-wachtwoord-lang
PORT=${BENCH_LIVE_PORT:-18280}
THREADS=$(($(nproc) * 2))
DB=$OUT/registratie.db
RES=$OUT/results.txt
NAME=bench-live
. "$ROOT/bench/lib.sh"
[ -s "$SRC" ] || fail "geen registratie $SRC (make bench maakt die in bench-run; of geef BENCH_LIVE_DB)"
SERVER=
CEILING=
cleanup() {
	[ -n "$SERVER" ] && kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	[ -n "$CEILING" ] && kill -TERM "$CEILING" 2>/dev/null && wait "$CEILING" 2>/dev/null
	rm -rf "$DB" "$DB-wal" "$DB-shm" "$DB.tmp"
}
trap cleanup EXIT INT TERM

say "== live: $CONNS readers and $WRITES writes/s for $SECONDS_RUN s ($(date -u +%Y-%m-%dT%H:%M:%SZ), load average $(cut -d' ' -f1-3 /proc/loadavg))"
say "  registry: a copy of $SRC ($(du -m "$SRC" | cut -f1) MiB), serve --vandaag $D --pool $THREADS"
rm -f "$DB" "$DB-wal" "$DB-shm"
cp "$SRC" "$DB"
[ -f "$SRC-wal" ] && cp "$SRC-wal" "$DB-wal"

# --- accounts and the pupils written to --------------------------------------
q() { sqlite3 -cmd '.timeout 5000' "$DB" "$@"; }
# Readers: the 4 gemeenten with most residents and 4 of middle size.
q "SELECT gemeentecode FROM woonadressen WHERE v_until IS NULL AND van <= '$D' AND (tot IS NULL OR tot >= '$D')
   GROUP BY 1 ORDER BY count(*) DESC, 1" >"$OUT/gemeenten.txt"
N_GM=$(wc -l <"$OUT/gemeenten.txt")
MID=$((N_GM / 2))
{ head -4 "$OUT/gemeenten.txt"; sed -n "$((MID + 1)),$((MID + 4))p" "$OUT/gemeenten.txt"; } >"$OUT/lezers.txt"
# Verzuim targets: pupils aged 7 to 15 with one enrolment covering the day
# (since two weeks at least), no absence, vrijstelling or later enrolment at
# all: they go to school (GEEN) and become DREIGEND by an unauthorised
# absence from two days before. From the schools with most of them, dealt
# over 8 school accounts, at most PER from one school.
NEED=$(awk -v s="$SECONDS_RUN" -v w="$WRITES" -v c=$CASE_SHARE 'BEGIN { printf "%d", s * w * (1 - c) * 1.2 + 20 }')
PER=$((NEED / 8 + 1)) # at most this many from one school: 8 schools at least
q "WITH cur AS (SELECT leerling_id, brin, vestiging, van FROM inschrijvingen
                WHERE v_until IS NULL AND van <= '$D' AND (tot IS NULL OR tot >= '$D')),
        one AS (SELECT leerling_id, max(brin) b, max(vestiging) v FROM cur GROUP BY leerling_id
                HAVING count(*) = 1 AND max(van) <= date('$D', '-14 days')),
        ok AS (SELECT o.leerling_id, o.b, o.v, row_number() OVER (PARTITION BY o.b, o.v ORDER BY o.leerling_id) k
               FROM one o JOIN leerlingen l ON l.leerling_id = o.leerling_id AND l.v_until IS NULL
               WHERE l.geboortedatum BETWEEN date('$D', '-15 years') AND date('$D', '-7 years')
                 AND NOT EXISTS (SELECT 1 FROM verzuim z WHERE z.leerling_id = o.leerling_id)
                 AND NOT EXISTS (SELECT 1 FROM vrijstellingen x WHERE x.leerling_id = o.leerling_id)
                 AND NOT EXISTS (SELECT 1 FROM inschrijvingen i WHERE i.leerling_id = o.leerling_id AND i.van > '$D')),
        ranked AS (SELECT b, v, min(count(*), $PER) n FROM ok GROUP BY b, v),
        picked AS (SELECT b, v, row_number() OVER (ORDER BY n DESC, b, v) r,
                          sum(n) OVER (ORDER BY n DESC, b, v ROWS UNBOUNDED PRECEDING) - n before FROM ranked)
   SELECT 'bench-school-' || ((p.r - 1) % 8), ok.leerling_id, ok.b, ok.v FROM ok JOIN picked p ON p.b = ok.b AND p.v = ok.v
   WHERE p.before < $NEED AND ok.k <= $PER ORDER BY ok.leerling_id" | tr '|' ' ' >"$OUT/targets.txt"
# Spread the writes over the schools: the targets in a fixed shuffled order.
awk '{ srand(NR); print int(rand() * 1000000) " " $0 }' "$OUT/targets.txt" | sort -n | cut -d' ' -f2- >"$OUT/targets.shuffled"
mv "$OUT/targets.shuffled" "$OUT/targets.txt"
account() { printf '%s\n' "$PW" | "$BIN" gebruiker --db "$DB" --naam "$1" --rol "$2" --scope "$3" >/dev/null 2>&1 || fail "gebruiker $1"; }
: >"$OUT/accounts.txt"
i=0
while read -r gm; do
	account "bench-lp-$i" leerplicht "$gm"; echo "lezer bench-lp-$i" >>"$OUT/accounts.txt"; i=$((i + 1))
done <"$OUT/lezers.txt"
for s in 0 1 2 3 4 5 6 7; do
	scope=$(awk -v a="bench-school-$s" '$1 == a { print $3 ":" $4 }' "$OUT/targets.txt" | sort -u | paste -sd, -)
	[ -n "$scope" ] || continue
	account "bench-school-$s" school "$scope"; echo "school bench-school-$s" >>"$OUT/accounts.txt"
done
account bench-beheer beheerder '*'; echo "beheerder bench-beheer" >>"$OUT/accounts.txt"
account bench-dossiers leerplicht "$(paste -sd, "$OUT/gemeenten.txt")"; echo "dossiers bench-dossiers" >>"$OUT/accounts.txt"
say "  readers: leerplicht of $(paste -sd' ' "$OUT/lezers.txt"), $(grep -c '^school' "$OUT/accounts.txt") school accounts, a beheerder (telling per gemeente and swv)"

# --- start-up -------------------------------------------------------------------
# serve: started, then ready (GET /gezondheid answers) and done opening
# dossiers (the first start on a registry opens thousands).
serve() {
	: >"$OUT/serve.log"
	t0=$(date +%s.%N)
	"$BIN" serve --db "$DB" --listen 127.0.0.1:$PORT --stil --vandaag "$D" --pool "$THREADS" 2>"$OUT/serve.log" &
	SERVER=$!
	"$LOAD" --url http://127.0.0.1:$PORT --wait-ready --poll-cap 600 >/dev/null || fail "server startte niet: $(cat "$OUT/serve.log")"
	READY=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
	for _ in $(seq 1 6000); do grep -q "dossiers bijgewerkt" "$OUT/serve.log" && break; sleep 0.1; done
	grep -q "dossiers bijgewerkt" "$OUT/serve.log" || fail "dossiers niet bijgewerkt: $(cat "$OUT/serve.log")"
	DOSSIERS=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
}
stop() { kill -TERM "$SERVER"; wait "$SERVER" || true; SERVER=; }
serve
FIRST=$READY FIRST_DOSSIERS=$DOSSIERS
say "  first start on the copy: ready in $FIRST s, dossiers opened after $FIRST_DOSSIERS s ($(grep -o '[0-9]* dossier(s) automatisch geopend' "$OUT/serve.log" || echo 'no dossiers opened'))"
stop
serve
START=$READY
say "  restart: ready in $START s, dossiers checked after $DOSSIERS s"
# Let a reload the start asked for finish before the clock runs.
sleep 1

# --- the load --------------------------------------------------------------------
# The reads alone first, then with the writes.
"$LOAD" --url http://127.0.0.1:$PORT --vandaag "$D" --seconds "$SECONDS_RUN" --connections "$CONNS" --writes 0 \
	--pid "$SERVER" --accounts "$OUT/accounts.txt" >"$OUT/reads.txt" 2>"$OUT/reads.err" ||
	{ cat "$OUT/reads.err" >&2; fail "load (alleen lezen) faalde"; }
"$LOAD" --url http://127.0.0.1:$PORT --vandaag "$D" --seconds "$SECONDS_RUN" --connections "$CONNS" \
	--writes "$WRITES" --case-share $CASE_SHARE --poll-cap "$CAP" --pid "$SERVER" \
	--accounts "$OUT/accounts.txt" --targets "$OUT/targets.txt" >"$OUT/inbeeld.txt" 2>"$OUT/inbeeld.err" ||
	{ cat "$OUT/inbeeld.err" >&2; fail "load faalde"; }
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
stop
v() { awk -F= -v k="$1" '$1 == k { print $2 }' "$2"; }
BYTES=$(v read_bytes_mean "$OUT/inbeeld.txt")
"$CEIL" $((PORT + 1)) "$BYTES" "$THREADS" &
CEILING=$!
"$LOAD" --url http://127.0.0.1:$((PORT + 1)) --wait-ready >/dev/null
"$LOAD" --url http://127.0.0.1:$((PORT + 1)) --vandaag "$D" --seconds "$SECONDS_RUN" --connections "$CONNS" --peer \
	--pid "$CEILING" --accounts "$OUT/accounts.txt" >"$OUT/bare.txt" 2>"$OUT/bare.err" || { cat "$OUT/bare.err" >&2; fail "load (kaal) faalde"; }
kill -TERM "$CEILING"; wait "$CEILING" || true; CEILING=

# --- figures ------------------------------------------------------------------------
I=$OUT/inbeeld.txt B=$OUT/bare.txt R=$OUT/reads.txt
RPS=$(v reads_per_s "$I") BRPS=$(v reads_per_s "$B")
VIS99=$(v visible_p99_ms "$I")
NOTVIS=$(v not_visible_within_cap "$I")
[ "$NOTVIS" -gt 0 ] && VIS99_SHOWN=">$CAP s for $NOTVIS" || VIS99_SHOWN="$VIS99 ms"
ERRS=$(v errors "$I")
say "  targets: $(v targets_verzuim "$I") pupils for verzuim, $(v targets_aanbod "$I") dossiers for aanbod; $(v writes_sent_verzuim "$I") verzuim and $(v writes_sent_aanbod "$I") aanbod writes sent, $(v writes "$I") answered 201, $(v polls "$I") polls"
say "  load average at the end: $LOADAVG"
say ""
{
	echo "| figure | inbeeld | peer | ratio | target |"
	echo "|---|---:|---:|---:|---|"
	echo "| reads/s under the writes (64 connections, status lists and counts) | $RPS | $BRPS (bare libmicrohttpd, $BYTES bytes) | $(ratio "$RPS" "$BRPS") | |"
	echo "| reads/s without the writes | $(v reads_per_s "$R") | $BRPS | $(ratio "$(v reads_per_s "$R")" "$BRPS") | |"
	echo "| read latency p50 / p99 without the writes | $(v read_p50_ms "$R") / $(v read_p99_ms "$R") ms | $(v read_p50_ms "$B") / $(v read_p99_ms "$B") ms | $(ratio "$(v read_p99_ms "$R")" "$(v read_p99_ms "$B")") (p99) | |"
	echo "| read latency p50 / p99 | $(v read_p50_ms "$I") / $(v read_p99_ms "$I") ms | $(v read_p50_ms "$B") / $(v read_p99_ms "$B") ms | $(ratio "$(v read_p99_ms "$I")" "$(v read_p99_ms "$B")") (p99) | |"
	echo "| status lists p50 / p99 | $(v status_p50_ms "$I") / $(v status_p99_ms "$I") ms | | | |"
	echo "| counts p50 / p99 | $(v count_p50_ms "$I") / $(v count_p99_ms "$I") ms | | | |"
	echo "| writes/s (POST p50 / p99) | $(v writes_per_s "$I") ($(v write_p50_ms "$I") / $(v write_p99_ms "$I") ms) | | | $WRITES/s |"
	echo "| write visible, p50 | $(v visible_p50_ms "$I") ms | | | |"
	echo "| write visible, p99 | $VIS99_SHOWN | | | <= 100 ms: $( [ "$NOTVIS" -gt 0 ] && echo MISS || verdict "$VIS99" '<=' 100) |"
	echo "| write visible, max (verzuim p99 / aanbod p99) | $(v visible_max_ms "$I") ms ($(v visible_verzuim_p99_ms "$I") / $(v visible_aanbod_p99_ms "$I") ms) | | | |"
	echo "| server CPU during the run | $(v cpu_s "$I") s | $(v cpu_s "$B") s | $(ratio "$(v cpu_s "$I")" "$(v cpu_s "$B")") | |"
	echo "| server peak memory (VmHWM) | $(v peak_rss_mib "$I") MiB | $(v peak_rss_mib "$B") MiB | | |"
	echo "| start-up of serve (restart; first start $FIRST s) | $START s | | | <= 2 s: $(verdict "$START" '<=' 2) |"
	echo "| errors (non-2xx, timeouts) | $ERRS ($(v timeouts "$I") timeouts) | $(v errors "$B") | | 0: $( [ "$ERRS" = 0 ] && echo PASS || echo MISS) |"
} >"$OUT/table.md"
tee -a "$RES" <"$OUT/table.md"
say ""
say "  (markdown table for docs/bench.md: $OUT/table.md; raw figures: $OUT/inbeeld.txt, $OUT/bare.txt)"
[ "$ERRS" = 0 ] || say "  errors: see $OUT/inbeeld.err"
