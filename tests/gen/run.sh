#!/bin/sh
# Tests of inbeeld-gen (make check): the same arguments give the same bytes,
# the sanitizer build agrees, every dataset passes inbeeld's validation, and
# a fraction of the country lands on the national figures of seed 004
# (SPEC 10) at 1 November. See docs/generator.md.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GEN=$ROOT/build/inbeeld-gen
AGEN=$ROOT/build/asan/inbeeld-gen
BIN=$ROOT/build/inbeeld
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# Fixed history and extraction date, so the test does not depend on today.
ARGS="--from 2021 --to 2025 --stand 2026-07-31"

echo "== inbeeld-gen: same seed, same bytes"
"$GEN" --scale gemeente:GM0096,GM0093 --seed 7 $ARGS --out "$WORK/a" 2>/dev/null || bad "generate a"
"$GEN" --scale gemeente:GM0096,GM0093 --seed 7 $ARGS --out "$WORK/b" 2>/dev/null || bad "generate b"
"$GEN" --scale gemeente:GM0096,GM0093 --seed 8 $ARGS --out "$WORK/c" 2>/dev/null || bad "generate c"
if diff -r "$WORK/a" "$WORK/b" >/dev/null; then ok; else bad "same seed gave different output"; fi
if cmp -s "$WORK/a/verzuim.csv" "$WORK/c/verzuim.csv"; then bad "another seed gave the same output"; else ok; fi

echo "== inbeeld-gen under ASan+UBSan gives the same bytes"
if "$AGEN" --scale gemeente:GM0096,GM0093 --seed 7 $ARGS --out "$WORK/asan" 2>"$WORK/asan.err"; then ok; else
	bad "asan run"; cat "$WORK/asan.err"; fi
if diff -r "$WORK/a" "$WORK/asan" >/dev/null; then ok; else bad "asan build gave different output"; fi

echo "== wrong use is refused with exit code 2"
for args in "--seed 1 --out $WORK/x" "--scale gemeente:GM9999 --seed 1 --out $WORK/x" \
	"--scale fraction:2 --seed 1 --out $WORK/x" "--scale national --seed x --out $WORK/x" \
	"--scale national --seed 1 --from 2025 --to 2021 --out $WORK/x"; do
	# shellcheck disable=SC2086
	"$GEN" $args >/dev/null 2>&1
	rc=$?
	if [ "$rc" = 2 ]; then ok; else bad "inbeeld-gen $args: exit $rc, wanted 2"; fi
done

echo "== generated datasets pass inbeeld's validation"
for d in a c; do
	if "$BIN" import --db "$WORK/$d.db" --door test "$WORK/$d" >/dev/null 2>"$WORK/imp.err"; then ok; else
		bad "import of $d refused"; head -5 "$WORK/imp.err"; fi
done
# The default history (the last five school years up to today) and the
# region of the demo.
"$GEN" --scale gemeente:GM0344 --seed 3 --out "$WORK/d" 2>/dev/null || bad "generate with default history"
if "$BIN" import --db "$WORK/d.db" --door test "$WORK/d" >/dev/null 2>"$WORK/imp.err"; then ok; else
	bad "import of default history refused"; head -5 "$WORK/imp.err"; fi

echo "== the SQLite peer (bench/peers) gives the same Resultaatschema as inbeeld"
"$GEN" --scale fraction:0.01 --seed 5 $ARGS --out "$WORK/p" 2>/dev/null || bad "generate peer data"
"$BIN" import --db "$WORK/p.db" --door test "$WORK/p" >/dev/null 2>&1 || bad "import peer data"
for per in gemeente swv; do
	for P in 2024-02-01 2025-11-01; do
		"$BIN" telling --db "$WORK/p.db" --peildatum $P --per $per --format csv >"$WORK/p.inbeeld"
		sh "$ROOT/bench/peers/sqlite_telling.sh" "$WORK/p.db" $P $per >"$WORK/p.sqlite" 2>"$WORK/p.err"
		if cmp -s "$WORK/p.inbeeld" "$WORK/p.sqlite"; then ok; else
			bad "SQLite peer differs from inbeeld (per $per, $P)"; diff "$WORK/p.inbeeld" "$WORK/p.sqlite" | head -5
			head -3 "$WORK/p.err"; fi
	done
done

echo "== the school-year count on the 1% fraction: stretches of constant classification = every day classified"
if "$ROOT/build/release/tests/jaar-check" "$WORK/p" 2021 2023 2025 >"$WORK/jaar.out" 2>&1; then ok; else
	bad "jaartelling differs from a day-by-day scan"; head -8 "$WORK/jaar.out"; fi
sed 's/^/  /' "$WORK/jaar.out"

echo "== calibration: a fifth of the country against seed 004"
F=0.2
"$GEN" --scale fraction:$F --seed 1 $ARGS --out "$WORK/f" 2>/dev/null || bad "generate fraction"
if "$BIN" import --db "$WORK/f.db" --door test "$WORK/f" >/dev/null 2>"$WORK/imp.err"; then ok; else
	bad "import of the fraction refused"; head -5 "$WORK/imp.err"; fi
# check NAME VALUE LOW HIGH
check() {
	if awk -v v="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(v >= lo && v <= hi) }'; then
		ok; printf '  %-28s %10s  [%s, %s]\n' "$1" "$2" "$3" "$4"
	else bad "$1 = $2, outside [$3, $4]"; fi
}
for P in 2024-11-01 2025-11-01; do
	"$BIN" telling --data "$WORK/f" --peildatum $P --per gemeente --format csv >"$WORK/tel.csv"
	awk -v F=$F -v MIN=5000 -f "$HERE/summary.awk" "$WORK/tel.csv" >"$WORK/sum"
	v() { awk -v k="$1" '$1 == k { print $2 }' "$WORK/sum"; }
	echo "  peildatum $P (national figures = fraction / $F)"
	# seed 004: 5,956 AV (28% >= 3 months), 4,016 LRV (56%), 5a 5,077, 5b 619,
	# 5c 8,215, about 2.6 million in scope. A fifth of the country has
	# sampling noise of a few percent; the bounds leave room for that and
	# nothing more (the national run in make bench is within 10%).
	check "AV" "$(v av)" 5060 6850
	check "AV >= 3 months (%)" "$(v av_lang_pct)" 22 34
	check "LRV" "$(v lrv)" 3410 4620
	check "LRV >= 3 months (%)" "$(v lrv_lang_pct)" 49 63
	check "vrijstelling 5a" "$(v v5a)" 4310 5840
	check "vrijstelling 5b" "$(v v5b)" 430 810
	check "vrijstelling 5c" "$(v v5c)" 7150 9450
	check "leerplichtigen" "$(v leerplichtigen)" 2470000 2730000
	# Regional spread (seed 004: from 0.1 to 15 per 1,000 between gemeenten).
	check "AV per 1000, lowest" "$(v av_per_1000_min)" 0 0.8
	check "AV per 1000, highest" "$(v av_per_1000_max)" 10 25
	ams=$(awk -F, '$1 == "GM0363" && ($3 == "AV_PO" || $3 == "AV_VO") { av += $6 }
		$1 == "GM0363" && $3 == "LEERPLICHTIGEN" { lp = $6 } END { printf "%.2f", 1000 * av / lp }' "$WORK/tel.csv")
	check "AV per 1000 Amsterdam" "$ams" 9 22
done

echo "gen: $passed passed, $failed failed"
[ "$failed" = 0 ]
