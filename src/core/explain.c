/* explain.c - a classification in Dutch words (explain.h). */
#include "explain.h"

#include <stdarg.h>
#include <stdlib.h>

#include "../util/alloc.h"
#include "../util/strbuf.h"
#include "access.h"
#include "leerplicht.h"
#include "nl_format.h"

datestr explain_date(day_t d)
{
	datestr out;
	nl_date(d, out.s);
	return out;
}

#define D(x) (explain_date(x).s)

void explain_vline(explanation *ex, const char *fmt, va_list ap)
{
	strbuf sb = STRBUF_INIT;
	sb_vprintf(&sb, fmt, ap);
	ex->lines = xgrow(ex->lines, &ex->cap, ex->n + 1, sizeof *ex->lines);
	ex->lines[ex->n++] = sb.data ? sb.data : xstrdup("");
}

__attribute__((format(printf, 2, 3))) static void line(explanation *ex, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	explain_vline(ex, fmt, ap);
	va_end(ap);
}

static const char *school_text(const dataset *ds, int32_t s, strbuf *sb)
{
	const school *sc = &ds->schools[s];
	sb_reset(sb);
	sb_printf(sb, "%s-%s %s (%s)", sc->brin, sc->vestiging, sc->naam, SOORT_NAMES[sc->soort]);
	return sb_str(sb);
}

/* "heden" for an open end, else the date. */
static datestr until(day_t tot)
{
	datestr out = {"heden"};
	if (tot != DAY_OPEN)
		nl_date(tot, out.s);
	return out;
}

static void explain_leerplicht(const dataset *ds, const pupil *pu, const classification *c, explanation *ex)
{
	civil b = civil_from_day(pu->geboortedatum);
	line(ex, "Geboren op %s; op de peildatum %d jaar.", D(pu->geboortedatum), age_on(pu->geboortedatum, c->peildatum));
	if (b.month == 2 && b.day == 29)
		line(ex, "De verjaardag valt op 29 februari; in jaren zonder die dag telt 1 maart als verjaardag.");
	day_t full_end = leerplicht_full_end(pu->geboortedatum);
	line(ex,
	     "Leerplichtig vanaf %s (eerste dag van de maand na de vijfde verjaardag), volledig leerplichtig tot en met %s "
	     "(einde van het schooljaar van de zestiende verjaardag).",
	     D(pu->lp_start), D(full_end));
	if (pu->startkwalificatie != DAY_NONE && pu->kwal_end == pu->startkwalificatie - 1)
		line(ex, "Kwalificatieplichtig tot en met %s (dag voor het behalen van de startkwalificatie op %s).",
		     D(pu->kwal_end), D(pu->startkwalificatie));
	else
		line(ex, "Kwalificatieplichtig tot en met %s (dag voor de achttiende verjaardag).", D(pu->kwal_end));
	(void)ds;
}

/* An enrolment as the reader may know it: the school, or "een inschrijving
 * elders" when the reader may not name it (access_names_school). */
static const char *enrolment_text(const dataset *ds, const access_reader *rd, int32_t e, strbuf *sb)
{
	if (access_names_school(ds, rd, FACT_AT(ds, F_ENROLMENT, enr, e).school))
		return school_text(ds, FACT_AT(ds, F_ENROLMENT, enr, e).school, sb);
	sb_reset(sb);
	sb_puts(sb, "een inschrijving elders");
	return sb_str(sb);
}

/* A period of a fact of table t as the reader may see it: clipped to its
 * periods when it does not record such facts itself (access_clips); the
 * words that say so, "" when it is whole. */
static const char *seen(const access_reader *rd, table_id t, day_t *van, day_t *tot)
{
	return access_clips(rd, t) && access_clip(rd, van, tot) ? ", voor zover binnen uw periode" : "";
}

static bool names(const dataset *ds, const access_reader *rd, int32_t e)
{
	return e < 0 || access_names_school(ds, rd, FACT_AT(ds, F_ENROLMENT, enr, e).school);
}

static void explain_place(const dataset *ds, const access_reader *rd, const classification *c, explanation *ex,
			  strbuf *sb)
{
	if (c->residence >= 0) {
		const residence *r = &FACT_AT(ds, F_RESIDENCE, res, c->residence);
		const gemeente *g = &ds->gemeenten[r->gemeente];
		day_t van = r->van, tot = r->tot;
		const char *part = seen(rd, T_WOONADRESSEN, &van, &tot);
		line(ex, "Woont op de peildatum in %s %s (woonperiode%s %s t/m %s)%s.", g->code, g->naam, part, D(van),
		     until(tot).s, r->in_onderzoek ? "; het adres is in onderzoek" : "");
	} else {
		line(ex, "Heeft op de peildatum geen woonadres in Nederland.");
	}
	if (c->enrolment >= 0) {
		const enrolment *e = &FACT_AT(ds, F_ENROLMENT, enr, c->enrolment);
		day_t van = e->van, tot = e->tot;
		const char *part = seen(rd, T_INSCHRIJVINGEN, &van, &tot);
		if (names(ds, rd, c->enrolment))
			line(ex, "Ingeschreven op %s%s, van %s t/m %s.", school_text(ds, e->school, sb), part, D(van),
			     until(tot).s);
		else
			line(ex, "Ingeschreven op de peildatum: de inschrijving die telt is een inschrijving elders.");
	} else if (c->last_enrolment >= 0) {
		const enrolment *e = &FACT_AT(ds, F_ENROLMENT, enr, c->last_enrolment);
		day_t van = e->van, tot = e->tot;
		const char *part = seen(rd, T_INSCHRIJVINGEN, &van, &tot);
		if (names(ds, rd, c->last_enrolment))
			line(ex, "Niet ingeschreven op de peildatum. Laatste inschrijving: %s%s, van %s t/m %s.",
			     school_text(ds, e->school, sb), part, D(van), D(tot));
		else
			line(ex, "Niet ingeschreven op de peildatum. Laatste inschrijving: een inschrijving elders, tot en met %s.",
			     D(e->tot));
	} else {
		line(ex, "Niet ingeschreven op de peildatum en daarvoor nooit ingeschreven geweest.");
	}
}

static void explain_scope(const pupil *pu, const classification *c, explanation *ex)
{
	day_t d = c->peildatum;
	if (pu->kwal_end < pu->lp_start)
		line(ex, "Buiten de telling: de startkwalificatie (%s) ligt voor het begin van de leerplicht, dus nooit "
			 "leerplichtig of kwalificatieplichtig.",
		     D(pu->startkwalificatie));
	else if (d < pu->lp_start)
		line(ex, "Buiten de telling: nog niet leerplichtig (pas vanaf %s).", D(pu->lp_start));
	else if (d > pu->kwal_end)
		line(ex, "Buiten de telling: niet meer kwalificatieplichtig (sinds %s).", D(pu->kwal_end + 1));
	else
		line(ex, "Buiten de telling: woont niet in Nederland en is niet ingeschreven op een school.");
}

static void explain_days(const classification *c, explanation *ex, const dataset *ds)
{
	if (c->holidays > 0)
		line(ex, "Van %s tot de peildatum zijn %d dagen verstreken: %d kalenderdagen min %d vakantiedagen "
			 "(vakantieregio %s; vakantiedagen tellen niet mee).",
		     D(c->startdatum), c->elapsed, c->elapsed + c->holidays, c->holidays, ds->regios[c->regio]);
	else
		line(ex, "Van %s tot de peildatum zijn %d dagen verstreken%s.", D(c->startdatum), c->elapsed,
		     c->regio == NO_REF ? " (geen vakantiekalender bekend)" : " (geen vakantiedagen daartussen)");
}

static void explain_av(const dataset *ds, const access_reader *rd, const classification *c, explanation *ex,
		       strbuf *sb)
{
	line(ex, "Niet ingeschreven, dus absoluut verzuim. De eerste dag van feitelijke afwezigheid is de laatste van:");
	line(ex, "  (a) begin van de leerplicht: %s", D(c->av_leerplicht));
	line(ex, "  (b) begin van het onafgebroken verblijf in Nederland: %s", D(c->av_residence));
	if (c->av_enrolment != DAY_NONE) {
		if (c->av_enrolment_run)
			line(ex, "  (c) begin van het ongeoorloofd verzuim dat de laatste inschrijfdag (%s) omvatte: %s",
			     D(FACT_AT(ds, F_ENROLMENT, enr, c->last_enrolment).tot), D(c->av_enrolment));
		else
			line(ex, "  (c) dag na het einde van de laatste inschrijving: %s", D(c->av_enrolment));
	} else {
		line(ex, "  (c) geen eerdere inschrijving");
	}
	if (c->av_vrijstelling != DAY_NONE)
		line(ex, "  (d) dag na het einde van de laatste verleende vrijstelling: %s", D(c->av_vrijstelling));
	else
		line(ex, "  (d) geen eerder verleende vrijstelling");
	line(ex, "Startdatum: %s.", D(c->startdatum));
	switch (c->cat) {
	case CAT_AV_5C_IN_BEHANDELING:
		line(ex, "Er is op %s een vrijstelling 5 onder c aangevraagd die nog in behandeling is: geregistreerd, "
			 "niet geteld als absoluut verzuim.",
		     D(FACT_AT(ds, F_VRIJSTELLING, vrij, c->request_5c).aanvraag));
		break;
	case CAT_AV_ADRES_IN_ONDERZOEK:
		line(ex, "Het woonadres is in onderzoek: geregistreerd, niet geteld als absoluut verzuim.");
		break;
	case CAT_AV_KORT:
		explain_days(c, ex, ds);
		line(ex, "Minder dan 28 verstreken dagen (vier weken): geregistreerd, niet geteld als absoluut verzuim.");
		break;
	default:
		explain_days(c, ex, ds);
		line(ex, "28 of meer verstreken dagen (vier weken of langer): geteld als absoluut verzuim.");
		if (c->overstap_mbo)
			line(ex, "Er is een inschrijving bij %s vanaf %s: wacht op instroom in het mbo.",
			     enrolment_text(ds, rd, c->mbo_enrolment, sb), D(FACT_AT(ds, F_ENROLMENT, enr, c->mbo_enrolment).van));
		break;
	}
}

static void explain_run(const dataset *ds, const classification *c, explanation *ex)
{
	const char *kind = c->cat == CAT_LANGDURIG_ZIEK		? "Ziekteverzuim"
			   : c->cat == CAT_GESCHORST_VERWIJDERD ? "Schorsing of verwijdering"
								: "Ongeoorloofd verzuim";
	line(ex, "%s zonder onderbreking door een schooldag van %s t/m %s (perioden waartussen alleen weekend- of "
		 "vakantiedagen liggen, tellen als een reeks).",
	     kind, D(c->run.start), until(c->run.end).s);
	explain_days(c, ex, ds);
	switch (c->cat) {
	case CAT_LRV: line(ex, "Ongeoorloofd, 28 of meer verstreken dagen: langdurig relatief verzuim."); break;
	case CAT_LANGDURIG_ZIEK: line(ex, "Ziek, 28 of meer verstreken dagen: langdurig ziek."); break;
	case CAT_GESCHORST_VERWIJDERD: line(ex, "Geschorst of verwijderd op de peildatum."); break;
	default: line(ex, "Ongeoorloofd, minder dan 28 verstreken dagen: dreigend thuiszitter, nog niet geteld."); break;
	}
}

static void explain_vrijstelling(const dataset *ds, const access_reader *rd, const classification *c,
				 explanation *ex)
{
	const vrijstelling *v = &FACT_AT(ds, F_VRIJSTELLING, vrij, c->vrijstelling);
	day_t van = v->van, tot = v->tot;
	const char *part = seen(rd, T_VRIJSTELLINGEN, &van, &tot);
	line(ex, "Vrijstelling op grond van artikel %s verleend%s van %s t/m %s%s; die gaat voor elke andere indeling.",
	     v->grond, part, D(van), until(tot).s,
	     v->kind == GROND_5A ? (v->tot == DAY_OPEN ? " (zonder einddatum: permanent)" : " (met einddatum: tijdelijk)")
				 : "");
}

static void explain_sector(const dataset *ds, const access_reader *rd, const pupil *pu, const classification *c,
			   explanation *ex)
{
	const char *sec = SECTOR_NAMES[c->sector];
	if (c->sector_basis == SECTOR_BY_AGE)
		line(ex, "Sector %s: nooit ingeschreven, dus naar leeftijd (%d jaar; onder de 12 is PO).", sec,
		     age_on(pu->geboortedatum, c->peildatum));
	else if (!access_names_school(ds, rd, c->school))
		line(ex, "Sector %s: volgens de soort van de %s (een inschrijving elders).", sec,
		     c->sector_basis == SECTOR_BY_ENROLMENT ? "inschrijving" : "laatste inschrijving");
	else
		line(ex, "Sector %s: volgens de soort (%s) van de %s.", sec, SOORT_NAMES[ds->schools[c->school].soort],
		     c->sector_basis == SECTOR_BY_ENROLMENT ? "inschrijving" : "laatste inschrijving");
}

/* SPEC 4 rule 6: which aanbod answers the current absence, and when there is
 * none, why each aanbod of the pupil does not. */
static void explain_aanbod(const dataset *ds, const access_reader *rd, uint32_t p, const classification *c,
			   explanation *ex)
{
	if (c->aanbod >= 0 && !access_sees_aanbod(rd, &FACT_AT(ds, F_AANBOD, aanbod, c->aanbod))) {
		line(ex, "Er is een aanbod met een plaats beschikbaar sinds het begin van dit verzuim op %s (vastgelegd "
			 "buiten uw periode): er is een passend aanbod.",
		     D(c->startdatum));
		return;
	}
	if (c->aanbod >= 0) {
		const aanbod *a = &FACT_AT(ds, F_AANBOD, aanbod, c->aanbod);
		line(ex, "Aanbod (%s) van %s met een plaats beschikbaar per %s, sinds het begin van dit verzuim op %s: er is "
			 "een passend aanbod.",
		     AANBOD_NAMES[a->soort], D(a->datum), D(a->plaats_per), D(c->startdatum));
		return;
	}
	const aanbod *a = PUPIL_FACTS(ds, F_AANBOD, aanbod, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_AANBOD, p); i < n_facts; i++) {
		if (!access_sees_aanbod(rd, &a[i]))
			continue;
		if (a[i].plaats_per == DAY_NONE)
			line(ex, "Aanbod (%s) van %s telt niet: er is nog geen plaats beschikbaar.", AANBOD_NAMES[a[i].soort],
			     D(a[i].datum));
		else if (a[i].plaats_per < c->startdatum)
			line(ex, "Aanbod (%s) van %s met een plaats per %s telt niet: die plaats was er al voor het begin van "
				 "dit verzuim op %s.",
			     AANBOD_NAMES[a[i].soort], D(a[i].datum), D(a[i].plaats_per), D(c->startdatum));
		else
			line(ex, "Aanbod (%s) van %s telt nog niet: de plaats is pas beschikbaar per %s, na de peildatum.",
			     AANBOD_NAMES[a[i].soort], D(a[i].datum), D(a[i].plaats_per));
	}
	line(ex, "Geen aanbod met een plaats beschikbaar tussen het begin van dit verzuim (%s) en de peildatum: zonder "
		 "passend aanbod.",
	     D(c->startdatum));
}

static void explain_duration(const dataset *ds, const access_reader *rd, uint32_t p, const classification *c,
			     explanation *ex)
{
	line(ex, "Duur: %d dagen (peildatum min startdatum plus een). Drie kalendermaanden na de startdatum is %s: %s.",
	     c->duur_dagen, D(c->three_months),
	     c->lang ? "3 maanden of langer" : "korter dan 3 maanden");
	if (categorie_is_thuiszitter(c->cat))
		explain_aanbod(ds, rd, p, c, ex);
}

static void explain_gebieden(const dataset *ds, const access_reader *rd, const classification *c, explanation *ex)
{
	strbuf sb = STRBUF_INIT;
	if (c->gemeente != NO_REF)
		sb_printf(&sb, "Telt per gemeente bij %s %s (woonplaats)", ds->gemeenten[c->gemeente].code,
			  ds->gemeenten[c->gemeente].naam);
	else
		sb_puts(&sb, "Telt per gemeente nergens (geen woonadres in Nederland)");
	if (c->swv != NO_REF && !names(ds, rd, c->enrolment >= 0 ? c->enrolment : c->last_enrolment)) {
		sb_puts(&sb, " en per samenwerkingsverband bij dat van een inschrijving elders");
	} else if (c->swv != NO_REF) {
		sb_printf(&sb, " en per samenwerkingsverband bij %s", ds->swvs[c->swv].code);
		if (c->enrolment < 0 && c->last_enrolment < 0)
			sb_puts(&sb, " (nooit ingeschreven: het SWV van de sector waarvan de regio de woongemeente omvat)");
		else if (c->enrolment < 0)
			sb_puts(&sb, " (via de laatste inschrijving)");
	} else {
		sb_puts(&sb, "; niet toegerekend aan een samenwerkingsverband");
	}
	sb_putc(&sb, '.');
	line(ex, "%s", sb_str(&sb));
	sb_free(&sb);
}

void explain(const dataset *ds, uint32_t p, const classification *c, explanation *ex)
{
	explain_for(ds, p, c, NULL, ex);
}

void explain_for(const dataset *ds, uint32_t p, const classification *c, const access_reader *rd, explanation *ex)
{
	const pupil *pu = &PUPIL_AT(ds, p);
	strbuf sb = STRBUF_INIT;
	*ex = (explanation){0};
	sb_printf(&sb, "Op %s is leerling %s ", D(c->peildatum), pu->id);
	if (!c->in_scope)
		sb_puts(&sb, "niet in beeld voor de telling (niet leerplichtig of niet in Nederland).");
	else
		sb_printf(&sb, c->cat == CAT_GEEN ? "in beeld: %s." : "ingedeeld als %s.", CATEGORIE_LABELS[c->cat]);
	ex->summary = xstrdup(sb_str(&sb));

	explain_leerplicht(ds, pu, c, ex);
	explain_place(ds, rd, c, ex, &sb);
	if (!c->in_scope) {
		explain_scope(pu, c, ex);
		sb_free(&sb);
		return;
	}
	if (categorie_is_vrijstelling(c->cat))
		explain_vrijstelling(ds, rd, c, ex);
	else if (categorie_is_av_family(c->cat))
		explain_av(ds, rd, c, ex, &sb);
	else if (c->cat != CAT_GEEN)
		explain_run(ds, c, ex);
	else
		line(ex, "Geen vrijstelling en geen verzuimreeks die de peildatum omvat: gaat naar school.");
	explain_sector(ds, rd, pu, c, ex);
	if (c->startdatum != DAY_NONE)
		explain_duration(ds, rd, p, c, ex);
	explain_gebieden(ds, rd, c, ex);
	sb_free(&sb);
}

void explanation_free(explanation *ex)
{
	free(ex->summary);
	for (size_t i = 0; i < ex->n; i++)
		free(ex->lines[i]);
	free(ex->lines);
	*ex = (explanation){0};
}
