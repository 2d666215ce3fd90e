#!/bin/sh
# make bench (server part): wrk against GET /api/status for a G4-sized gemeente
# (Amsterdam, as its leerplicht) and GET /api/telling on the national dataset,
# 64 connections, next to a minimal libmicrohttpd server as the ceiling.
# Datasets come from inbeeld-gen and are kept in build/bench.
set -eu
cd "$(dirname "$0")/.."
BIN=./build/inbeeld
GEN=./build/inbeeld-gen
OUT=build/bench
DURATION=${BENCH_SECONDS:-15}
mkdir -p "$OUT"
if ! command -v wrk >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; else echo "bench: wrk ontbreekt (apt-get install wrk)"; exit 1; fi
fi
THREADS=$(( $(nproc) * 2 ))

# registry NAME SCALE: a generated dataset loaded into build/bench/NAME.db
registry() {
	if [ ! -s "$OUT/$1.db" ]; then
		[ -d "$OUT/$1" ] || "$GEN" --scale "$2" --seed 2026 --out "$OUT/$1" >/dev/null
		"$BIN" import --db "$OUT/$1.db" --stil --door bench "$OUT/$1"
		printf 'bench-wachtwoord-lang\n' | "$BIN" gebruiker --db "$OUT/$1.db" --naam bench-lp --rol leerplicht --scope GM0363 2>/dev/null
		printf 'bench-wachtwoord-lang\n' | "$BIN" gebruiker --db "$OUT/$1.db" --naam bench-beheer --rol beheerder --scope '*' 2>/dev/null
	fi
}

PORT=18080
serve() { # DB
	"$BIN" serve --db "$1" --listen 127.0.0.1:$PORT --stil --pool "$THREADS" 2>"$OUT/serve.log" &
	SERVER=$!
	# Ready when listening and done opening dossiers (thousands on a first start).
	for _ in $(seq 1 900); do grep -q "dossiers bijgewerkt" "$OUT/serve.log" 2>/dev/null && return 0; sleep 0.2; done
	echo "bench: server startte niet"; cat "$OUT/serve.log"; exit 1
}
stop() { kill -TERM "$SERVER"; wait "$SERVER" || true; }
login() { # USER -> cookie
	curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
		-d "{\"gebruikersnaam\":\"$1\",\"wachtwoord\":\"bench-wachtwoord-lang\"}" "http://127.0.0.1:$PORT/api/sessie" |
		sed -n 's/.*inbeeld_sessie=\([^;]*\).*/inbeeld_sessie=\1/p'
}
# run LABEL URL [COOKIE]: wrk, then one line of figures
run() {
	wrk -t2 -c64 -d"${DURATION}s" --latency ${3:+-H "Cookie: $3"} "$2" >"$OUT/wrk.txt"
	rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")
	p50=$(awk '$1 == "50%" {print $2}' "$OUT/wrk.txt")
	p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk.txt")
	errors=$(awk '/Non-2xx|Socket errors/ {print}' "$OUT/wrk.txt" | tr '\n' ' ')
	printf '  %-44s %10s req/s   p50 %8s   p99 %8s   %s\n' "$1" "$rps" "$p50" "$p99" "${errors:-0 fouten}"
}

echo "== server (wrk, 64 verbindingen, ${DURATION} s, $THREADS threads; $(nproc) CPU's, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo))"
registry g4 region
serve "$OUT/g4.db"
COOKIE=$(login bench-lp)
URL="http://127.0.0.1:$PORT/api/status?peildatum=2026-11-01"
BYTES=$(curl -s -b "$COOKIE" "$URL" | wc -c)
N=$(curl -s -b "$COOKIE" "$URL" | grep -o leerling_id | wc -l)
run "GET /api/status (Amsterdam, $N leerlingen)" "$URL" "$COOKIE"
stop
./build/mhd-ceiling $((PORT + 1)) "$BYTES" "$THREADS" & CEIL=$!
sleep 0.5
run "plafond: kale libmicrohttpd, $BYTES bytes" "http://127.0.0.1:$((PORT + 1))/"
kill -TERM $CEIL; wait $CEIL || true

registry national national
serve "$OUT/national.db"
COOKIE=$(login bench-beheer)
URL="http://127.0.0.1:$PORT/api/telling?peildatum=2026-11-01&per=gemeente"
BYTES=$(curl -s -b "$COOKIE" "$URL" | wc -c)
run "GET /api/telling (heel Nederland, per gemeente)" "$URL" "$COOKIE"
stop
./build/mhd-ceiling $((PORT + 1)) "$BYTES" "$THREADS" & CEIL=$!
sleep 0.5
run "plafond: kale libmicrohttpd, $BYTES bytes" "http://127.0.0.1:$((PORT + 1))/"
kill -TERM $CEIL; wait $CEIL || true
