/*
 * explain_signals.c - the early signals of a pupil in Dutch words (SPEC 7.1):
 * which hours on which days in which window, the melding that covers them or
 * that none does, the sick runs, and the absence share over its span.
 */
#include "explain_signals.h"

#include <stdio.h>

#include "../util/strbuf.h"
#include "access.h"
#include "exact.h"

#define D(x) (explain_date(x).s)

__attribute__((format(printf, 2, 3))) static void line(explanation *ex, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	explain_vline(ex, fmt, ap);
	va_end(ap);
}

typedef struct numstr {
	char s[32];
} numstr;

/* Hundredths in Dutch notation: "16,00". */
static numstr hours_text(int64_t v)
{
	numstr out;
	format_hundredths(v, ',', out.s);
	return out;
}

#define H(x) (hours_text(x).s)

/* num / den hundredths, rounded half up as the totals are. */
static int64_t rounded(uint64_t num, uint64_t den)
{
	frac_sum f;
	frac_init(&f);
	frac_add(&f, num, den);
	int64_t v = (int64_t)frac_round(&f, 1, 1);
	frac_free(&f);
	return v;
}

typedef struct placestr {
	char s[32];
} placestr;

/* A school as the reader may read it: "BRIN-vestiging", or "elders" for a
 * school the reader may not name (access_names_school; rd NULL names all). */
static placestr place_text(const dataset *ds, const access_reader *rd, int32_t sc)
{
	placestr out;
	if (rd && !access_names_school(ds, rd, sc))
		snprintf(out.s, sizeof out.s, "elders");
	else
		snprintf(out.s, sizeof out.s, "%s-%s", ds->schools[sc].brin, ds->schools[sc].vestiging);
	return out;
}

static const char *region_text(const dataset *ds, const classification *c)
{
	return c->regio == NO_REF ? NULL : ds->regios[c->regio];
}

/* The ongeoorloofd rows with hours on the school days of the window. */
static void explain_window_rows(const dataset *ds, const access_reader *rd, uint32_t p, const holiday_calendar *cal,
				const signal_facts *f,
				explanation *ex)
{
	day_t d = f->peildatum;
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_ABSENCE, p); i < n_facts && a[i].van <= d; i++) {
		if (a[i].soort != VZ_ONGEOORLOOFD)
			continue;
		row_hours h = row_hours_of(&a[i], cal, d);
		day_t from = a[i].van > f->window4 ? a[i].van : f->window4, to = h.end < d ? h.end : d;
		if (from > to)
			continue;
		placestr at = place_text(ds, rd, a[i].school);
		int32_t k = school_days(cal, from, to);
		datestr end = a[i].tot == DAY_OPEN ? (datestr){"heden"} : explain_date(a[i].tot);
		if (a[i].uren < 0)
			line(ex, "  ongeoorloofd %s t/m %s (%s), zonder uren: 5 uur per schooldag; %d schooldag%s in het "
				 "venster: %s uur",
			     D(a[i].van), end.s, at.s, k, k == 1 ? "" : "en",
			     H(HOURS_PER_DAY * (int64_t)k));
		else if (h.days == 0)
			line(ex, "  ongeoorloofd %s t/m %s (%s), %s uur: telt niet mee, de periode heeft geen enkele "
				 "schooldag",
			     D(a[i].van), end.s, at.s, H(a[i].uren));
		else
			line(ex, "  ongeoorloofd %s t/m %s (%s), %s uur verdeeld over %d schooldag%s, waarvan %d in het "
				 "venster: %s uur",
			     D(a[i].van), end.s, at.s, H(a[i].uren), h.days, h.days == 1 ? "" : "en",
			     k, H(rounded(h.num * (uint64_t)k, h.den)));
	}
}

static void explain_meldplicht(const dataset *ds, const access_reader *rd, uint32_t p, const holiday_calendar *cal,
			       const signal_facts *f,
			       explanation *ex)
{
	line(ex, "Meldplicht 16 uur: het venster van 4 lesweken loopt van %s t/m %s (minder dan 28 verstreken dagen "
		 "tot de peildatum; vakantiedagen tellen niet mee).",
	     D(f->window4), D(f->peildatum));
	explain_window_rows(ds, rd, p, cal, f, ex);
	if (f->first_hour == DAY_NONE) {
		line(ex, "Geen ongeoorloofd verzuim op de schooldagen van dit venster: geen meldplicht.");
		return;
	}
	if (!f->reached) {
		line(ex, "Samen %s uur ongeoorloofd verzuim in het venster, minder dan 16 uur: nog geen meldplicht.",
		     H(f->hours));
		return;
	}
	if (f->lrv) {
		line(ex, "Samen %s uur ongeoorloofd verzuim in het venster, maar de leerling is langdurig relatief "
			 "verzuimer (LRV), met een eigen meldplicht: geen signaal meldplicht.",
		     H(f->hours));
		return;
	}
	line(ex, "Samen %s uur ongeoorloofd verzuim in het venster, 16 uur of meer: signaal meldplicht sinds %s (de "
		 "eerste schooldag met verzuim in het venster).",
	     H(f->hours), D(f->first_hour));
	if (f->melding >= 0) {
		const melding *m = &FACT_AT(ds, F_MELDING, meld, f->melding);
		line(ex, "Gemeld: melding van %s door %s (eerste verzuimdag %s), tussen %s en de peildatum.",
		     D(m->datum_melding), place_text(ds, rd, m->school).s,
		     D(m->eerste_verzuimdag), D(f->first_hour));
	} else {
		line(ex, "Niet gemeld: er is geen melding van deze leerling met een datum van %s t/m %s. De school "
			 "moet het verzuim meteen melden bij leerplicht.",
		     D(f->first_hour), D(f->peildatum));
	}
}

static void explain_sickness(const dataset *ds, uint32_t p, const holiday_calendar *cal, const signal_facts *f,
			     explanation *ex)
{
	if (f->sick.start == DAY_NONE)
		line(ex, "Ziek 7 dagen: geen ziekteverzuim dat de peildatum omvat.");
	else
		line(ex, "Ziek 7 dagen: ziek zonder onderbreking door een schooldag sinds %s, %d schooldag%s tot en met "
			 "de peildatum: %s.",
		     D(f->sick.start), f->sick_days, f->sick_days == 1 ? "" : "en",
		     f->sick_days >= SICK_DAYS ? "7 of meer, signaal 7 dagen ziek" : "minder dan 7, geen signaal");
	if (!f->sick_runs) {
		line(ex, "Ziek 4 keer: in het venster van 12 lesweken, van %s t/m %s, begon geen ziekmelding.",
		     D(f->window12), D(f->peildatum));
		return;
	}
	line(ex, "Ziek 4 keer: het venster van 12 lesweken loopt van %s t/m %s; daarin begonnen %d ziekmelding%s "
		 "(perioden waartussen alleen weekend- of vakantiedagen liggen, tellen als een): %s.",
	     D(f->window12), D(f->peildatum), f->sick_runs, f->sick_runs == 1 ? "" : "en",
	     f->sick_runs >= SICK_RUNS ? "4 of meer, signaal 4 keer ziek" : "minder dan 4, geen signaal");
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	uint32_t n = PUPIL_NFACTS(ds, F_ABSENCE, p), i = 0;
	absence_run r;
	while (next_run(a, n, CLASS_SICK, cal, &i, &r) && r.start <= f->peildatum)
		if (r.start >= f->window12)
			line(ex, "  ziek van %s t/m %s", D(r.start), r.end == DAY_OPEN ? "heden" : D(r.end));
}

static void explain_kearney(const dataset *ds, const classification *c, const signal_facts *f, explanation *ex)
{
	bool from_enrolment = f->span_from == FACT_AT(ds, F_ENROLMENT, enr, c->enrolment).van;
	line(ex, "Kearney: de periode loopt van %s (%s) t/m %s en heeft %d schooldag%s.", D(f->span_from),
	     from_enrolment ? "begin van de inschrijving" : "1 augustus van het schooljaar", D(f->peildatum),
	     f->span_days, f->span_days == 1 ? "" : "en");
	if (f->span_days < KEARNEY_MIN_DAYS) {
		line(ex, "Minder dan 10 schooldagen: nog geen Kearney-niveau.");
		return;
	}
	const char *tier = f->n && f->sig[f->n - 1].kind == SIG_KEARNEY_3   ? "niveau 3 (20% of meer), signaal Kearney niveau 3"
			   : f->n && f->sig[f->n - 1].kind == SIG_KEARNEY_2 ? "niveau 2 (10% of meer), signaal Kearney niveau 2"
									     : "niveau 1 (minder dan 10%), geen signaal";
	line(ex, "Verzuim van elke soort op die schooldagen: %s uur (ten hoogste 5 per dag%s) van 5 x %d = %d uur: "
		 "%s%%, %s.",
	     H(f->span_hours), f->capped_days ? "" : "; geen dag kwam daarboven", f->span_days, 5 * f->span_days,
	     H(f->share), tier);
	if (f->capped_days)
		line(ex, "  op %d schooldag%s was er meer dan 5 uur verzuim; die tellen als 5 uur.", f->capped_days,
		     f->capped_days == 1 ? "" : "en");
}

void explain_signals(const dataset *ds, uint32_t p, const classification *c, const signal_facts *f,
		     const access_reader *rd, explanation *ex)
{
	if (!f->applies) {
		line(ex, "Vroegsignalen: geen; die gelden alleen voor leerlingen die op de peildatum in beeld zijn en "
			 "ingeschreven staan.");
		return;
	}
	const char *regio = region_text(ds, c);
	if (f->n) {
		strbuf sb = STRBUF_INIT;
		for (int i = 0; i < f->n; i++)
			sb_printf(&sb, "%s%s", i ? "; " : "", SIGNAAL_LABELS[f->sig[i].kind]);
		line(ex, "Vroegsignalen op %s: %s.", D(f->peildatum), sb_str(&sb));
		sb_free(&sb);
	} else {
		line(ex, "Vroegsignalen op %s: geen.", D(f->peildatum));
	}
	if (regio)
		line(ex, "Schooldagen: maandag tot en met vrijdag buiten de vakanties van vakantieregio %s, ook voor "
			 "verzuim dat een andere school registreerde.",
		     regio);
	else
		line(ex, "Schooldagen: maandag tot en met vrijdag (geen vakantiekalender bekend).");
	const holiday_calendar *cal = calendar_for(ds, c);
	explain_meldplicht(ds, rd, p, cal, f, ex);
	explain_sickness(ds, p, cal, f, ex);
	explain_kearney(ds, c, f, ex);
}
