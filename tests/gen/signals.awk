# The early signals of a generated dataset against the published figures
# (tests/gen/run.sh, docs/generator.md). Three uses:
#
#   awk -v FROM=2024-08-01 -v TO=2025-07-31 -f signals.awk
#       prints "--peildatum D" for every Monday to Friday in [FROM, TO]: every
#       school day of every holiday region (on a day off the window of four
#       weeks holds no school day that the last school day before it lacks,
#       so no pupil has a moment then that it lacks on a school day);
#   awk -v F=0.01 -v MODE=meldplicht -f signals.awk vroegsignalen.csv
#       the distinct pupils with MELDPLICHT_16_UUR on any of those days,
#       divided by the fraction F, and per signal the distinct pupils / F;
#   awk -v MODE=delays -f signals.awk
#       for lines "datum_melding eerste_verzuimdag", the days between them;
#   awk -v D=2025-06-01 -v MODE=kearney -f signals.awk leerlingen.csv \
#           inschrijvingen.csv vroegsignalen.csv
#       of the pupils in scope and enrolled on D whose enrolment began on or
#       before 1 August of D's school year (enrolled all year), the share in
#       Kearney tier 2 and tier 3 on D (SPEC 7.1);
#   awk -v MODE=unrecorded -v A=2024-09-02 -v B=2025-06-27 -v M=2025-03-03 \
#           -v MIN=100 -f signals.awk vakantieregios.csv vakanties.csv \
#           scholen.csv inschrijvingen.csv verzuim.csv
#       of the sites with at least MIN pupils enrolled on M, how many recorded
#       no absence at all on 10 or more school days in a row within [A, B]
#       (school days of the site's holiday region).

# Days since 1970-01-01 of Y-M-D, and back.
function days(s,    y, m, d) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) { y--; m += 12 }
	return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d - 719469
}
function civil(n,    z, era, doe, yoe, y, doy, mp, d, m) {
	z = n + 719468; era = int(z / 146097); doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
function leap(y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
# The birthday in year y of someone born on b (29 February: 1 March).
function birthday(b, y,    md) {
	md = substr(b, 6, 5)
	if (md == "02-29" && !leap(y)) md = "03-01"
	return sprintf("%04d-%s", y, md)
}
BEGIN {
	FS = ","
	if (FROM != "") {
		for (t = days(FROM); t <= days(TO); t++) if ((t + 3) % 7 < 5) printf " --peildatum %s", civil(t)
		print ""
		exit
	}
	if (F == "") F = 1
	if (D != "") {
		y = substr(D, 1, 4) + 0
		S = (substr(D, 6, 5) >= "08-01" ? y : y - 1) "-08-01"
	}
}
MODE == "meldplicht" && FNR > 1 { seen[$3, $2] = 1 }
# lines "datum_melding eerste_verzuimdag": the days between them
MODE == "delays" { split($0, md, " "); print days(md[1]) - days(md[2]) }
MODE == "kearney" && FILENAME ~ /leerlingen.csv$/ && FNR > 1 {
	# in scope: from the month after the 5th birthday to the day before the
	# 18th, or before the startkwalificatie
	b = $4; by = substr(b, 1, 4) + 0
	five = birthday(b, by + 5); m = substr(five, 6, 2) + 1; fy = by + 5
	if (m > 12) { m = 1; fy++ }
	start = sprintf("%04d-%02d-01", fy, m)
	if (start <= D && D < birthday(b, by + 18) && ($7 == "" || D < $7)) scope[$1] = 1
	next
}
MODE == "kearney" && FILENAME ~ /inschrijvingen.csv$/ && FNR > 1 {
	# the enrolment on D is the one that started last (SPEC 4 rule 2)
	if ($4 <= D && ($5 == "" || $5 >= D) && $4 >= last[$1]) last[$1] = $4
	next
}
MODE == "kearney" && FNR > 1 && ($2 == "KEARNEY_2" || $2 == "KEARNEY_3") && $3 == S { tier[$1] = $2 }
MODE == "unrecorded" && FILENAME ~ /vakantieregios.csv$/ && FNR > 1 { regio[$1] = tolower($2); next }
MODE == "unrecorded" && FILENAME ~ /vakanties.csv$/ && FNR > 1 {
	for (t = days($3); t <= days($4); t++) hol[tolower($1), t] = 1
	next
}
# scholen.csv: a name may hold a comma, so the gemeente is the field that looks like one
MODE == "unrecorded" && FILENAME ~ /scholen.csv$/ && FNR > 1 {
	for (i = NF; i > 2; i--) if ($i ~ /^GM[0-9][0-9][0-9][0-9]$/) { site_gem[$1 ":" $2] = $i; break }
	next
}
MODE == "unrecorded" && FILENAME ~ /inschrijvingen.csv$/ && FNR > 1 {
	if ($4 <= M && ($5 == "" || $5 >= M)) pupils[$2 ":" $3]++
	next
}
MODE == "unrecorded" && FILENAME ~ /verzuim.csv$/ && FNR > 1 && $5 <= B && ($6 == "" || $6 >= A) {
	lo = days($5 < A ? A : $5); hi = days($6 == "" || $6 > B ? B : $6)
	for (t = lo; t <= hi; t++) rec[$2 ":" $3, t] = 1
}
END {
	if (MODE == "unrecorded") {
		for (st in pupils) {
			if (pupils[st] < MIN) continue
			sites++; rg = regio[site_gem[st]]; run = longest = 0
			for (t = days(A); t <= days(B); t++) {
				if ((t + 3) % 7 >= 5 || hol[rg, t]) continue
				run = (st, t) in rec ? 0 : run + 1
				if (run > longest) longest = run
			}
			if (longest >= 10) silent++
		}
		printf "sites %d\nsilent %d\nsilent_pct %.1f\n", sites, silent, sites ? 100 * silent / sites : 0
	}
	if (MODE == "meldplicht") {
		for (k in seen) { split(k, kp, SUBSEP); cnt[kp[1]]++ }
		for (sg in cnt) printf "%s %.0f\n", sg, cnt[sg] / F
	}
	if (MODE == "kearney") {
		for (pu in last) if (scope[pu] && last[pu] <= S) { all++; if (tier[pu] == "KEARNEY_2") t2++; if (tier[pu] == "KEARNEY_3") t3++ }
		printf "enrolled_all_year %d\ntier2_pct %.1f\ntier3_pct %.1f\ntier23_pct %.1f\n", all, 100 * t2 / all, 100 * t3 / all, 100 * (t2 + t3) / all
	}
}
