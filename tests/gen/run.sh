#!/bin/sh
# Tests of inbeeld-gen (make check): the same arguments give the same bytes,
# the sanitizer build agrees, every dataset passes inbeeld's validation,
# extracts at several stands are views of the same lives in which the registry
# sees late registrations, a few schools leave weeks without any absence
# recorded (unknown is not zero), a fraction of the country lands on the national
# figures of seed 004 (SPEC 10) at 1 November, and a smaller one on the
# reported 16-hour duties and the Kearney tiers (SPEC 7.1). See
# docs/generator.md.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GEN=$ROOT/build/inbeeld-gen
AGEN=$ROOT/build/asan/inbeeld-gen
BIN=$ROOT/build/inbeeld
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$ROOT/tests/lib.sh"

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

echo "== telling and status --data (the folder read in slices of pupils) give the same as --db"
for per in gemeente swv; do
	for P in 2024-02-01 2025-11-01; do
		"$BIN" telling --data "$WORK/p" --peildatum $P --peildatum 2023-11-01 --per $per --format csv >"$WORK/p.data.csv"
		"$BIN" telling --db "$WORK/p.db" --peildatum $P --peildatum 2023-11-01 --per $per --format csv >"$WORK/p.db.csv"
		if cmp -s "$WORK/p.db.csv" "$WORK/p.data.csv"; then ok; else
			bad "telling --data differs from --db (per $per, $P)"; diff "$WORK/p.db.csv" "$WORK/p.data.csv" | head -5; fi
	done
done
for P in 2024-02-01 2025-11-01; do
	"$BIN" status --data "$WORK/p" --peildatum $P --peildatum 2023-11-01 --format csv >"$WORK/p.data.csv"
	"$BIN" status --db "$WORK/p.db" --peildatum $P --peildatum 2023-11-01 --format csv >"$WORK/p.db.csv"
	if cmp -s "$WORK/p.db.csv" "$WORK/p.data.csv"; then ok; else
		bad "status --data differs from --db ($P)"; diff "$WORK/p.db.csv" "$WORK/p.data.csv" | head -5; fi
done

echo "== the school-year count on the 1% fraction: stretches of constant classification = every day classified"
if "$ROOT/build/release/tests/jaar-check" "$WORK/p" 2021 2023 2025 >"$WORK/jaar.out" 2>&1; then ok; else
	bad "jaartelling differs from a day-by-day scan"; head -8 "$WORK/jaar.out"; fi
sed 's/^/  /' "$WORK/jaar.out"

echo "== a series of extracts: the same lives, and registrations recorded late"
# Two extracts two weeks apart at the start of a school year, imported in
# order with their recording moments, as make demo does.
S1=2025-08-25 S2=2025-09-08
for st in $S1 $S2; do
	"$GEN" --scale gemeente:GM0344 --seed 7 --from 2021 --to 2025 --stand $st --out "$WORK/s$st" 2>/dev/null ||
		bad "generate extract $st"
done
# Every pupil of the first extract is the same pupil in the second (number,
# BSN or onderwijsnummer, birth date, names).
missing=$(awk -F, 'NR == FNR { k[$1 FS $2 FS $3 FS $4 FS $5 FS $6] = 1; next }
	FNR > 1 && !(($1 FS $2 FS $3 FS $4 FS $5 FS $6) in k) { n++ } END { print n + 0 }' \
	"$WORK/s$S2/leerlingen.csv" "$WORK/s$S1/leerlingen.csv")
if [ "$missing" = 0 ]; then ok; else bad "$missing pupils of the extract of $S1 differ in that of $S2"; fi
for st in $S1 $S2; do
	"$BIN" import --db "$WORK/s.db" --door test --geregistreerd-op $st "$WORK/s$st" >/dev/null 2>"$WORK/imp.err" ||
		{ bad "import of the extract of $st refused"; head -5 "$WORK/imp.err"; }
done
# The registry knows when each fact was recorded: enrolments whose first
# version, and de-registrations (an end where there was none) whose version,
# came in the second import more than 7 days after their date.
late() {
	sqlite3 "$WORK/s.db" "SELECT count(*) FROM inschrijvingen i JOIN batch b ON b.id = i.v_from
		WHERE b.id > 1 AND julianday(substr(b.recorded_at, 1, 10)) - julianday($1) > 7
		AND $2 EXISTS (SELECT 1 FROM inschrijvingen o WHERE o.leerling_id = i.leerling_id AND o.brin = i.brin
			AND o.vestiging = i.vestiging AND o.van = i.van AND o.v_from < i.v_from $3)"
}
late_in=$(late i.van NOT "") late_out=$(late i.tot "" "AND o.tot IS NULL")
echo "  recorded more than 7 days late, seen in the import of $S2: $late_in enrolments, $late_out de-registrations"
if [ "${late_in:-0}" -gt 0 ] && [ "${late_out:-0}" -gt 0 ]; then ok; else bad "no late registrations in the series"; fi

echo "== unknown is not zero: a few schools record no absence at all for weeks"
# Utrecht over 2024/25: of its sites with 100 pupils or more, those without a
# single absence row on 10 school days in a row (every other site has some
# pupil absent every day). The generator leaves 4% of the sites without
# records for 3 to 8 weeks (docs/generator.md).
"$GEN" --scale gemeente:GM0344 --seed 1 --from 2020 --to 2024 --stand 2025-07-31 --out "$WORK/u" 2>/dev/null ||
	bad "generate Utrecht 2024/25"
awk -v MODE=unrecorded -v A=2024-09-02 -v B=2025-06-27 -v M=2025-03-03 -v MIN=100 -f "$HERE/signals.awk" \
	"$WORK/u/vakantieregios.csv" "$WORK/u/vakanties.csv" "$WORK/u/scholen.csv" "$WORK/u/inschrijvingen.csv" \
	"$WORK/u/verzuim.csv" >"$WORK/unrec"
silent=$(awk '$1 == "silent" { print $2 }' "$WORK/unrec") sites=$(awk '$1 == "sites" { print $2 }' "$WORK/unrec")
pct=$(awk '$1 == "silent_pct" { print $2 }' "$WORK/unrec")
echo "  $silent of $sites sites recorded no absence on 10 school days in a row ($pct%)"
if [ "${silent:-0}" -ge 1 ] && awk -v p="${pct:-100}" 'BEGIN { exit !(p <= 12) }'; then ok; else
	bad "sites without records for weeks: $silent of $sites, wanted at least 1 and at most 12%"; fi
rm -rf "$WORK/u"

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

echo "== early signals: a hundredth of the country over school year 2024/25"
# Everyday absence is generated for the last school year (docs/generator.md),
# so this fraction ends with 2024/25. MELDPLICHT_16_UUR on any day of the year
# is a moment on some Monday to Friday (signals.awk says why): every one of
# them is a peildatum.
F=0.01
"$GEN" --scale fraction:$F --seed 1 --from 2020 --to 2024 --stand 2025-07-31 --out "$WORK/v" 2>/dev/null ||
	bad "generate the signals fraction"
# shellcheck disable=SC2046
"$BIN" vroegsignalen --data "$WORK/v" $(awk -v FROM=2024-08-01 -v TO=2025-07-31 -f "$HERE/signals.awk") \
	--format csv >"$WORK/vs.csv" || bad "vroegsignalen over the year"
awk -v F=$F -v MODE=meldplicht -f "$HERE/signals.awk" "$WORK/vs.csv" >"$WORK/sig"
"$BIN" vroegsignalen --data "$WORK/v" --peildatum 2025-06-01 --format csv >"$WORK/vj.csv" || bad "vroegsignalen 1 June"
awk -v D=2025-06-01 -v MODE=kearney -f "$HERE/signals.awk" "$WORK/v/leerlingen.csv" "$WORK/v/inschrijvingen.csv" \
	"$WORK/vj.csv" >>"$WORK/sig"
v() { awk -v k="$1" '$1 == k { print $2 }' "$WORK/sig"; }
echo "  distinct pupils with the signal on some day of 2024/25 (national figures = fraction / $F)"
# seed 004: 72,732 pupils reported for more than 16 hours in four weeks
check "MELDPLICHT_16_UUR" "$(v MELDPLICHT_16_UUR)" 61822 83642
printf '  %-28s %10s\n' "ZIEK_7_DAGEN" "$(v ZIEK_7_DAGEN)" "ZIEK_4_KEER" "$(v ZIEK_4_KEER)"
echo "  Kearney tiers on 2025-06-01, of the $(v enrolled_all_year) pupils enrolled all year (aim: 10-15% missing 10% or more)"
check "tier 2 and 3 (%)" "$(v tier23_pct)" 8 18
printf '  %-28s %10s\n' "tier 2 (%)" "$(v tier2_pct)" "tier 3 (%)" "$(v tier3_pct)"
# The days from the first day of absence to the melding of the 16 hours.
awk -F, 'FNR > 1 && $6 == "relatief verzuim" { print $4, $5 }' "$WORK/v/meldingen.csv" |
	awk -v MODE=delays -f "$HERE/signals.awk" | sort -n | awk '{ d[NR] = $1; w += $1 <= 7 } END { printf "  meldingen of 16 hours: %d, median %d days from the first day of absence, %.0f%% within 7 days\n", NR, d[int((NR + 1) / 2)], 100 * w / NR }'

echo "== case work: a working region, replayed through the registry's rules"
# Zeist in the middle of a school year: the generator writes the case work of
# the year before the stand next to the dataset (docs/generator.md); the
# persons it names get an account, and inbeeld replays it as they recorded it.
CW="--scale gemeente:GM0355 --seed 4 --from 2021 --to 2025 --stand 2026-03-02"
# shellcheck disable=SC2086
"$GEN" $CW --out "$WORK/z" --dossierwerk "$WORK/z-dossierwerk.csv" 2>/dev/null || bad "generate with case work"
# shellcheck disable=SC2086
"$GEN" $CW --out "$WORK/z2" 2>/dev/null || bad "generate without case work"
if diff -r "$WORK/z" "$WORK/z2" >/dev/null; then ok; else bad "the case work changed the dataset"; fi
# shellcheck disable=SC2086
"$GEN" $CW --out "$WORK/z3" --dossierwerk "$WORK/z3-dossierwerk.csv" 2>/dev/null || bad "generate case work again"
if cmp -s "$WORK/z-dossierwerk.csv" "$WORK/z3-dossierwerk.csv"; then ok; else bad "same seed gave other case work"; fi
rm -rf "$WORK/z2" "$WORK/z3"
"$BIN" import --db "$WORK/z.db" --door test "$WORK/z" >"$WORK/z.imp" 2>&1 || bad "import of the case-work region refused"
# No offer after the end of kwalificatieplicht (the 18th birthday or the startkwalificatie).
late=$(grep -c "na het einde van de kwalificatieplicht" "$WORK/z.imp")
if [ "$late" = 0 ]; then ok; else bad "$late offers after the end of kwalificatieplicht"; fi
for p in $(cut -d, -f4 "$WORK/z-dossierwerk.csv" | grep '^lp-' | sort -u); do
	printf '%s-wachtwoord\n' "$p" | "$BIN" gebruiker --db "$WORK/z.db" --naam "$p" --rol leerplicht --scope GM0355 2>/dev/null ||
		bad "account $p"
done
"$BIN" dossierwerk laden --db "$WORK/z.db" --vandaag 2026-03-02 "$WORK/z-dossierwerk.csv" >"$WORK/z.out" 2>"$WORK/z.err" ||
	{ bad "dossierwerk laden failed"; head -5 "$WORK/z.err"; }
sed 's/^/  /' "$WORK/z.out"
# "dossiers op D: O open, waarvan S gestagneerd (P%), T over een termijn, R met een regiehouder (Q%); G gesloten, ..."
awk -v WORK="$WORK" '
	/^dossierwerk geladen:/ { opened = $3; recorded = $6; refused = $9 }
	/^dossiers op/ { open = $4; stag = $7; led = $14; closed = $19 }
	END {
		ok = open > 0 && stag > 0 && stag < 0.2 * open && led > 0.8 * open && closed > 0 && refused < 0.01 * recorded
		printf "%d %d %d %d %d %d %d\n", ok, open, stag, led, closed, recorded, refused
	}' "$WORK/z.out" >"$WORK/z.fig"
read -r fine open stag led closed recorded refused <"$WORK/z.fig"
if [ "$fine" = 1 ]; then ok; else
	bad "case work: $open open, $stag stagnated (wanted 0 < s < 20%), $led with a regiehouder (wanted > 80%)," \
		"$closed closed, $refused of $recorded events refused (wanted < 1%)"; fi
if "$BIN" audit controleer --db "$WORK/z.db" >/dev/null 2>"$WORK/z.audit"; then ok; else
	bad "audit controleer after the case work"; head -3 "$WORK/z.audit"; fi
# Wrong use is exit 2; a file that is not case work is refused with exit 1.
"$BIN" dossierwerk laden --db "$WORK/z.db" >/dev/null 2>&1
rc=$?
if [ "$rc" = 2 ]; then ok; else bad "dossierwerk laden without a file: exit $rc, wanted 2"; fi
"$BIN" dossierwerk laden --db "$WORK/z.db" "$WORK/z/leerlingen.csv" >/dev/null 2>&1
rc=$?
if [ "$rc" = 1 ]; then ok; else bad "dossierwerk laden of another file: exit $rc, wanted 1"; fi
rm -rf "$WORK/z" "$WORK/z.db" "$WORK/z.db.tmp"

summary "gen"
