#!/bin/sh
# make bench: generate a national dataset, time inbeeld on it and compare it
# with two peers a data analyst would reach for (docs/bench.md):
#   - SQLite's own SQL over the registry that `inbeeld import` loaded
#     (bench/peers/telling_sqlite.sql),
#   - DuckDB over the same CSV files (bench/peers/telling_duckdb.sql, run with
#     the npm package @duckdb/node-api),
# both implementing SPEC 4-5 and checked to give the same bytes as inbeeld,
# first on the G4 region, then on the national dataset itself.
#
# Environment: BENCH_SCALE (default national), BENCH_RUNS (default 3; the
# median is reported), BENCH_SEED (default 1). Everything goes under
# build/bench/telling/; the figures end up in build/bench/telling/results.txt.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/build/bench/telling
SCALE=${BENCH_SCALE:-national}
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-1}
# Five school years of history (2021/22 to 2025/26), read out on 31 July 2026;
# the peildatum is the last 1 November with a full year behind it.
# The jaartelling (SPEC 8.1) is of the schooljaar of the peildatum, 2025/2026.
FROM=2021 TO=2025 STAND=2026-07-31 P=2025-11-01 IJK=2021-2026 JY=2025
GEN=$ROOT/build/inbeeld-gen
BIN=$ROOT/build/inbeeld
CLASSIFY=$ROOT/build/bench/classify
DATA=$OUT/data
DB=$OUT/registratie.db
RES=$OUT/results.txt
NAME=bench
. "$ROOT/bench/lib.sh"

# median FILE: the middle value of the numbers in FILE
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# timed NAME command...: run RUNS times under /usr/bin/time, keep seconds and
# peak memory (KiB) and CPU seconds (user + sys) per run in $OUT/NAME.s /
# NAME.kb / NAME.cpu, the output of the last run in $OUT/NAME.out. Prints
# "median-seconds median-MiB median-CPU-seconds".
timed() {
	name=$1; shift
	: >"$OUT/$name.s"; : >"$OUT/$name.kb"; : >"$OUT/$name.cpu"; : >"$OUT/$name.errs"
	i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f '%e %M %U %S' -o "$OUT/$name.time" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" ||
			{ cat "$OUT/$name.err" >&2; fail "$name failed"; }
		cat "$OUT/$name.err" >>"$OUT/$name.errs"
		awk '{ print $1 }' "$OUT/$name.time" >>"$OUT/$name.s"
		awk '{ print $2 }' "$OUT/$name.time" >>"$OUT/$name.kb"
		awk '{ print $3 + $4 }' "$OUT/$name.time" >>"$OUT/$name.cpu"
		i=$((i + 1))
	done
	printf '%s %s %s\n' "$(median "$OUT/$name.s")" "$(awk '{ print $1 / 1024 }' "$OUT/$name.kb" | sort -g | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }')" "$(median "$OUT/$name.cpu")"
}


# --- the machine -------------------------------------------------------------
say "== make bench ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
say "machine: $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }'), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB memory"
say "system:  $(uname -sr), $(gcc --version | head -1), sqlite3 $(sqlite3 --version | cut -d' ' -f1), node $(node --version)"

# --- the DuckDB peer's package ---------------------------------------------------
if [ ! -d "$ROOT/bench/node_modules/@duckdb/node-api" ]; then
	echo "bench: npm ci in bench/ (@duckdb/node-api)"
	(cd "$ROOT/bench" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
		(cd "$ROOT/bench" && npm install --no-audit --no-fund >/dev/null) || fail "npm install failed"
fi
DUCKDB_VERSION=$(cd "$ROOT/bench" && node --input-type=module -e "import('@duckdb/node-api').then(async m => { const i = await m.DuckDBInstance.create(':memory:'); const c = await i.connect(); const r = await c.runAndReadAll('select version()'); console.log(r.getRows()[0][0]); })" 2>/dev/null || echo '?')
say "peers:   SQLite $(sqlite3 --version | cut -d' ' -f1) (sqlite3 CLI), DuckDB $DUCKDB_VERSION (@duckdb/node-api)"
say "dataset: --scale $SCALE --seed $SEED --from $FROM --to $TO --stand $STAND; peildatum $P; series --ijkmomenten $IJK"
say "runs:    median of $RUNS"
say ""

# --- 1. the peers agree with inbeeld on a region ----------------------------------
say "== peers against inbeeld on the G4 region (same bytes?)"
rm -rf "$OUT/region" "$OUT/region.db"
"$GEN" --scale region --seed "$SEED" --from $FROM --to $TO --stand $STAND --out "$OUT/region" 2>/dev/null
"$BIN" import --db "$OUT/region.db" --door bench --stil "$OUT/region" 2>/dev/null || fail "import region"
agree=0 disagree=0
for per in gemeente swv; do
	for d in 2023-11-01 2024-02-01 2025-06-01 $P; do
		"$BIN" telling --data "$OUT/region" --peildatum $d --per $per --format csv >"$OUT/r.inbeeld"
		sh "$ROOT/bench/peers/sqlite_telling.sh" "$OUT/region.db" $d $per >"$OUT/r.sqlite"
		node "$ROOT/bench/peers/duckdb_telling.mjs" "$OUT/region" $d $per >"$OUT/r.duckdb" 2>/dev/null
		for peer in sqlite duckdb; do
			if cmp -s "$OUT/r.inbeeld" "$OUT/r.$peer"; then agree=$((agree + 1)); else
				disagree=$((disagree + 1))
				say "  DIFFERENT: $peer, per $per, $d"
				diff "$OUT/r.inbeeld" "$OUT/r.$peer" | head -10 | tee -a "$RES"
			fi
		done
	done
done
say "  $agree comparisons identical, $disagree different"
say ""

# --- 2. generation ----------------------------------------------------------------
say "== generation (inbeeld-gen --scale $SCALE)"
set -- $(timed gen sh -c "rm -rf '$DATA' && '$GEN' --scale $SCALE --seed $SEED --from $FROM --to $TO --stand $STAND --out '$DATA'")
GEN_S=$1 GEN_MB=$2
ROWS=$(for f in "$DATA"/*.csv; do tail -n +2 "$f" | wc -l; done | awk '{ s += $1 } END { print s }')
PUPILS=$(($(wc -l <"$DATA/leerlingen.csv") - 1))
BYTES=$(du -sm "$DATA" | cut -f1)
say "  $PUPILS pupils, $ROWS rows, $BYTES MiB of CSV"
say "  generation: $GEN_S s ($(awk -v r="$ROWS" -v s="$GEN_S" 'BEGIN { printf "%.0f", r / s }') rows/s), peak $GEN_MB MiB"
say ""

# --- 3. import ---------------------------------------------------------------------
say "== import into the registry (SQLite)"
set -- $(timed import sh -c "rm -f '$DB' '$DB-wal' '$DB-shm' && '$BIN' import --db '$DB' --door bench --stil '$DATA'")
IMP_S=$1 IMP_MB=$2
say "  import: $IMP_S s, $(awk -v r="$ROWS" -v s="$IMP_S" 'BEGIN { printf "%.0f", r / s }') rows/s, peak $IMP_MB MiB (target: at least 1,000,000 rows/s, issue 17)"
say ""

# --- 4. inbeeld telling and status ------------------------------------------------------
say "== inbeeld (time, peak memory)"
printf '  %-44s %9s %9s\n' "command" "seconds" "MiB" | tee -a "$RES"
row() { printf '  %-44s %9s %9s\n' "$1" "$2" "$3" | tee -a "$RES"; }
for src in data db; do
	if [ $src = data ]; then S="--data $DATA"; else S="--db $DB"; fi
	# shellcheck disable=SC2086
	set -- $(timed tel_$src "$BIN" telling $S --peildatum $P --per gemeente --format csv); row "telling --$src, 1 peildatum" "$1" "$2"
	eval "TEL_${src}_S=$1 TEL_${src}_MB=$2 TEL_${src}_CPU=$3"
	# shellcheck disable=SC2086
	set -- $(timed st_$src "$BIN" status $S --peildatum $P --format csv); row "status --$src, 1 peildatum" "$1" "$2"
	eval "ST_${src}_S=$1 ST_${src}_MB=$2 ST_${src}_CPU=$3"
	# shellcheck disable=SC2086
	set -- $(timed vs_$src "$BIN" vroegsignalen $S --peildatum $P --format csv); row "vroegsignalen --$src, 1 peildatum" "$1" "$2"
	eval "VS_${src}_S=$1 VS_${src}_MB=$2"
	# shellcheck disable=SC2086
	set -- $(timed telij_$src "$BIN" telling $S --ijkmomenten $IJK --per gemeente --format csv); row "telling --$src, --ijkmomenten $IJK (15)" "$1" "$2"
	# shellcheck disable=SC2086
	set -- $(timed stij_$src "$BIN" status $S --ijkmomenten $IJK --format csv); row "status --$src, --ijkmomenten $IJK (15)" "$1" "$2"
	# shellcheck disable=SC2086
	set -- $(timed jaar_$src "$BIN" jaartelling $S --schooljaar $JY --per gemeente --format csv); row "jaartelling --$src, schooljaar $JY/$((JY + 1))" "$1" "$2"
	eval "JAAR_${src}_S=$1 JAAR_${src}_MB=$2"
done
cmp -s "$OUT/tel_data.out" "$OUT/tel_db.out" || fail "telling --data and --db differ"
cmp -s "$OUT/vs_data.out" "$OUT/vs_db.out" || fail "vroegsignalen --data and --db differ"
say "  vroegsignalen next to status (SPEC 7.1; $(($(wc -l <"$OUT/vs_data.out") - 1)) signals): --data $VS_data_S s / $ST_data_S s = $(ratio "$VS_data_S" "$ST_data_S"), --db $VS_db_S s / $ST_db_S s = $(ratio "$VS_db_S" "$ST_db_S") (target: 2 or less); peak memory $VS_data_MB / $ST_data_MB MiB"
"$CLASSIFY" "$DATA" $P 11 >"$OUT/classify.out" || fail "classify bench"
say "  classification of all pupils, timelines in memory (compute_telling, median of 11):"
awk '/classify_ms/ { sub("classify_ms_threads_", "", $1); printf "    %s thread(s): %s ms (target: under 100 ms)\n", $1, $2 }' "$OUT/classify.out" | tee -a "$RES"
say "  early signals of all pupils (compute_signals, median of 11):"
awk '/signals_ms/ { sub("signals_ms_threads_", "", $1); printf "    %s thread(s): %s ms\n", $1, $2 }' "$OUT/classify.out" | tee -a "$RES"
cmp -s "$OUT/jaar_data.out" "$OUT/jaar_db.out" || fail "jaartelling --data and --db differ"
say "  ratio jaartelling (a schooljaar) / telling (1 peildatum): --data $(ratio "$JAAR_data_S" "$TEL_data_S"), --db $(ratio "$JAAR_db_S" "$TEL_db_S") in time (target: 3 or less); memory $(ratio "$JAAR_data_MB" "$TEL_data_MB"), $(ratio "$JAAR_db_MB" "$TEL_db_MB")"
"$CLASSIFY" "$DATA" $P 11 $JY >"$OUT/classify.out" || fail "classify bench"
say "  classification of all pupils, timelines in memory (compute_telling, median of 11):"
awk '/classify_ms/ { sub("classify_ms_threads_", "", $1); printf "    %s thread(s): %s ms (target: under 100 ms)\n", $1, $2 }' "$OUT/classify.out" | tee -a "$RES"
say "  the jaartelling $JY/$((JY + 1)) alone (compute_jaartelling, median of 11; one classification per stretch of constant classification):"
awk '/jaartelling_ms/ { sub("jaartelling_ms_threads_", "", $1); printf "    %s thread(s): %s ms\n", $1, $2 }
	/classifications_per_pupil/ { printf "    %s classifications per pupil of leerplicht age (a day-by-day scan: 365)\n", $2 }' "$OUT/classify.out" | tee -a "$RES"
say ""

# --- 5. the peers on the same data ------------------------------------------------------
say "== the same Resultaatschema by the peers (per gemeente, peildatum $P)"
set -- $(timed duckdb node "$ROOT/bench/peers/duckdb_telling.mjs" "$DATA" $P gemeente)
DUCK_S=$1 DUCK_MB=$2 DUCK_CPU=$3
sed -n 's/^duckdb: \([0-9.]*\) ms/\1/p' "$OUT/duckdb.errs" | awk '{ printf "%.2f\n", $1 / 1000 }' >"$OUT/duckdb.q"
DUCK_Q=$(median "$OUT/duckdb.q")
set -- $(timed sqlite sh "$ROOT/bench/peers/sqlite_telling.sh" "$DB" $P gemeente)
SQL_S=$1 SQL_MB=$2 SQL_CPU=$3
same() { if cmp -s "$OUT/tel_data.out" "$1"; then echo "same bytes as inbeeld"; else echo "DIFFERENT from inbeeld"; fi; }
printf '  %-44s %9s %9s  %s\n' "who" "seconds" "MiB" "result" | tee -a "$RES"
printf '  %-44s %9s %9s  %s\n' "inbeeld telling --data (CSV files)" "$TEL_data_S" "$TEL_data_MB" "" | tee -a "$RES"
printf '  %-44s %9s %9s  %s\n' "DuckDB over the CSV files (node, whole run)" "$DUCK_S" "$DUCK_MB" "$(same "$OUT/duckdb.out")" | tee -a "$RES"
printf '  %-44s %9s %9s  %s\n' "  of which the SQL (median)" "$DUCK_Q" "" "" | tee -a "$RES"
printf '  %-44s %9s %9s  %s\n' "inbeeld telling --db (registry)" "$TEL_db_S" "$TEL_db_MB" "" | tee -a "$RES"
printf '  %-44s %9s %9s  %s\n' "SQLite SQL over the registry (sqlite3)" "$SQL_S" "$SQL_MB" "$(same "$OUT/sqlite.out")" | tee -a "$RES"
say ""
say "  ratio inbeeld / DuckDB (time, --data):   $(ratio "$TEL_data_S" "$DUCK_S")  (target: 0.067 or less, 15x faster; memory $(ratio "$TEL_data_MB" "$DUCK_MB"); target under 2 GiB: ${TEL_data_MB} MiB)"
say "  ratio inbeeld / DuckDB SQL only:         $(ratio "$TEL_data_S" "$DUCK_Q")"
say "  ratio inbeeld / SQLite (time, --db):     $(ratio "$TEL_db_S" "$SQL_S")  (memory $(ratio "$TEL_db_MB" "$SQL_MB"))"
say ""

# --- 6. the floor: reading the same bytes ------------------------------------------------
# wc -l over the CSV files telling --data reads (in the page cache by now).
set -- $(timed wc sh -c "cat '$DATA'/*.csv | wc -l")
WC_S=$1 WC_CPU=$3
set -- $(timed cat sh -c "cat '$DATA'/*.csv >/dev/null")
CAT_S=$1

# --- 7. every figure next to its peer, with the targets of issue 17 ------------------------
# A miss is printed, it does not fail the bench.
speedup() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }
IMP_RPS=$(awk -v r="$ROWS" -v s="$IMP_S" 'BEGIN { printf "%.0f", r / s }')
{
	echo "| figure | inbeeld | peer | ratio | target |"
	echo "|---|---:|---:|---:|---|"
	echo "| \`telling --data\` vs DuckDB on the same CSV (wall; CPU) | $TEL_data_S s; $TEL_data_CPU s | $DUCK_S s; $DUCK_CPU s | $(speedup "$DUCK_S" "$TEL_data_S")x faster | >= 15x: $(verdict "$(speedup "$DUCK_S" "$TEL_data_S")" '>=' 15) |"
	echo "| \`telling --data\` vs \`wc -l\` over the same bytes | $TEL_data_S s | $WC_S s (cat alone $CAT_S s) | $(ratio "$TEL_data_S" "$WC_S")x | <= 8x: $(verdict "$(ratio "$TEL_data_S" "$WC_S")" '<=' 8) |"
	echo "| \`telling --data\`, 1 peildatum (peak memory) | $TEL_data_S s ($TEL_data_MB MiB) | | | <= 1.0 s: $(verdict "$TEL_data_S" '<=' 1.0); < 1024 MiB: $(verdict "$TEL_data_MB" '<=' 1023) |"
	echo "| \`status --data\`, 1 peildatum | $ST_data_S s ($ST_data_MB MiB) | | | <= 1.0 s: $(verdict "$ST_data_S" '<=' 1.0) |"
	echo "| \`telling --db\` vs SQLite's own SQL on the registry (wall; CPU) | $TEL_db_S s; $TEL_db_CPU s | $SQL_S s; $SQL_CPU s | $(speedup "$SQL_S" "$TEL_db_S")x faster | <= 2 s: $(verdict "$TEL_db_S" '<=' 2) |"
	echo "| import into the registry | $IMP_S s, $IMP_RPS rows/s | | | >= 1,000,000 rows/s: $(verdict "$IMP_RPS" '>=' 1000000) |"
} >"$OUT/table.md"
say "== every figure next to its peer (markdown, also in $OUT/table.md; the server's in build/bench/live/)"
tee -a "$RES" <"$OUT/table.md"
say ""
say "results in $RES"
