# Sum a `inbeeld telling --per gemeente --format csv` into the national figures
# that SPEC 10 / seed 004 give, divided by the fraction F of the country that
# was generated (-v F=0.1; default 1):
#   av, av_lang_pct, lrv, lrv_lang_pct, v5a, v5b, v5c, leerplichtigen,
#   av_niet_kort, av_niet_5c, av_niet_adres, lz, gv, tz_lang_zonder,
# and the spread of absoluut verzuim per 1,000 between gemeenten with at
# least MIN (-v MIN=2000) leerplichtigen: p05, p50, p95, min, max (not scaled).
BEGIN { FS = ","; if (F == "") F = 1; if (MIN == "") MIN = 2000 }
NR == 1 { next }
{
	g = $1; r = $3; k = $4 + 0; l = $5 + 0; t = $6 + 0
	if (r == "AV_PO" || r == "AV_VO") { av += t; avl += l; gav[g] += t }
	else if (r == "LRV_PO" || r == "LRV_VO") { lrv += t; lrvl += l }
	else if (r == "VRIJSTELLING_5A_TIJDELIJK" || r == "VRIJSTELLING_5A_PERMANENT") v5a += t
	else if (r == "VRIJSTELLING_5B") v5b += t
	else if (r == "VRIJSTELLING_5C") v5c += t
	else if (r == "LEERPLICHTIGEN") { lp += t; glp[g] = t }
	else if (r == "AV_NIET_GETELD_KORT") nk += t
	else if (r == "AV_NIET_GETELD_5C") n5c += t
	else if (r == "AV_NIET_GETELD_ADRES") nadr += t
	else if (r == "LANGDURIG_ZIEK") lz += t
	else if (r == "GESCHORST_VERWIJDERD") gv += t
	else if (r == "THUISZITTERS_LANG_ZONDER_AANBOD") tzl += t
	else if (r == "AV_VO_WAARVAN_OVERSTAP_MBO") mbo += t
}
END {
	n = 0
	for (g in glp) if (glp[g] >= MIN * F) rate[++n] = 1000 * gav[g] / glp[g]
	# insertion sort (a few hundred values)
	for (i = 2; i <= n; i++) { v = rate[i]; j = i - 1; while (j > 0 && rate[j] > v) { rate[j + 1] = rate[j]; j-- } rate[j + 1] = v }
	printf "av %.0f\nav_lang_pct %.1f\nlrv %.0f\nlrv_lang_pct %.1f\n", av / F, av ? 100 * avl / av : 0, lrv / F, lrv ? 100 * lrvl / lrv : 0
	printf "v5a %.0f\nv5b %.0f\nv5c %.0f\nleerplichtigen %.0f\n", v5a / F, v5b / F, v5c / F, lp / F
	printf "av_niet_kort %.0f\nav_niet_5c %.0f\nav_niet_adres %.0f\nav_overstap_mbo %.0f\n", nk / F, n5c / F, nadr / F, mbo / F
	printf "langdurig_ziek %.0f\ngeschorst_verwijderd %.0f\nthuiszitters_lang_zonder_aanbod %.0f\n", lz / F, gv / F, tzl / F
	if (n) printf "gemeenten %d\nav_per_1000_min %.2f\nav_per_1000_p05 %.2f\nav_per_1000_p50 %.2f\nav_per_1000_p95 %.2f\nav_per_1000_max %.2f\n", n, rate[1], rate[int(n * 0.05) + 1], rate[int(n * 0.5) + 1], rate[int(n * 0.95)], rate[n]
}
