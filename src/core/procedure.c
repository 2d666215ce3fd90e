/*
 * procedure.c - the vrijstelling 5a procedure as a state machine over its
 * events, the review of every vrijstelling, and the rule that a 5a is granted
 * or extended only by the procedure's decision (see procedure.h).
 */
#include "procedure.h"

#include <stdio.h>
#include <string.h>

const char *const VP_KIND_NAMES[VP_COUNT] = {"aanvraag", "advies_arts", "advies_swv", "mdo", "besluit",
					     "herbeoordeling", "uit_registratie"};
const char *const VP_BESLUIT_NAMES[VB_COUNT] = {"tijdelijk", "permanent", "afgewezen"};

vp_kind vp_kind_from_name(const char *name)
{
	for (int k = 0; k < VP_COUNT; k++)
		if (strcmp(VP_KIND_NAMES[k], name) == 0)
			return (vp_kind)k;
	return VP_COUNT;
}

vp_besluit vp_besluit_from_name(const char *name)
{
	for (int k = 0; k < VB_COUNT; k++)
		if (strcmp(VP_BESLUIT_NAMES[k], name) == 0)
			return (vp_besluit)k;
	return VB_COUNT;
}

static bool no(strbuf *why, const char *msg)
{
	sb_puts(why, msg);
	return false;
}

bool vp_allows(const vp_state *st, const vp_event *e, strbuf *why)
{
	if (e->kind >= VP_COUNT)
		return no(why, "onbekende stap");
	if (e->datum == DAY_NONE)
		return no(why, "de datum ontbreekt");
	if (e->kind == VP_AANVRAAG)
		return st->started ? no(why, "de aanvraag is er al") : true;
	if (e->kind == VP_REGISTRATIE) {
		if (st->started)
			return no(why, "een vrijstelling uit de registratie begint een eigen procedure");
		if (e->van == DAY_NONE || (e->tot != DAY_NONE && e->tot < e->van))
			return no(why, "een verleende vrijstelling heeft een begindatum, niet na de einddatum");
		return true;
	}
	if (!st->started)
		return no(why, "de procedure begint met de aanvraag van de ouders");
	if (e->datum < st->aanvraag)
		return no(why, "de datum ligt voor de aanvraag");
	switch (e->kind) {
	case VP_ADVIES_ARTS:
	case VP_ADVIES_SWV:
	case VP_MDO:
		if (st->besluit != DAY_NONE)
			return no(why, "er is al besloten; advies en MDO gaan aan het besluit vooraf");
		if (e->kind == VP_ADVIES_ARTS && st->arts != DAY_NONE)
			return no(why, "het advies van de onafhankelijke arts of gedragsdeskundige is er al");
		if (e->kind == VP_ADVIES_SWV && st->swv != DAY_NONE)
			return no(why, "het advies van het samenwerkingsverband is er al");
		return true;
	case VP_BESLUIT:
		if (st->besluit != DAY_NONE)
			return no(why, "er is al besloten");
		if (st->arts == DAY_NONE)
			return no(why, "eerst het advies van een onafhankelijke arts of gedragsdeskundige");
		if (st->swv == DAY_NONE)
			return no(why, "eerst het advies van het samenwerkingsverband (dat wordt altijd gevraagd)");
		if (e->datum < st->arts || e->datum < st->swv)
			return no(why, "het besluit kan niet voor de adviezen liggen");
		if (e->besluit < 0 || e->besluit >= VB_COUNT)
			return no(why, "besluit tijdelijk, permanent of afgewezen");
		if (e->besluit != VB_AFGEWEZEN && e->van == DAY_NONE)
			return no(why, "een verleende vrijstelling heeft een begindatum");
		if (e->besluit == VB_TIJDELIJK && (e->tot == DAY_NONE || e->tot < e->van))
			return no(why, "een tijdelijke vrijstelling heeft een einddatum, niet voor de begindatum");
		if (e->besluit == VB_PERMANENT && e->tot != DAY_NONE)
			return no(why, "een permanente vrijstelling heeft geen einddatum");
		return true;
	case VP_HERBEOORDELING:
		if (st->besluit == DAY_NONE || st->uitkomst == VB_AFGEWEZEN)
			return no(why, "alleen een verleende vrijstelling wordt herbeoordeeld");
		if (e->datum < st->besluit)
			return no(why, "de herbeoordeling ligt voor het besluit");
		if (e->volgende != DAY_NONE && e->volgende <= e->datum)
			return no(why, "de volgende herbeoordeling ligt na deze");
		return true;
	default: return true;
	}
}

day_t review_due(day_t van, day_t tot, day_t last_review, day_t explicit_next)
{
	if (explicit_next != DAY_NONE)
		return explicit_next;
	day_t due = add_months(last_review != DAY_NONE ? last_review : van, REVIEW_MONTHS);
	if (tot != DAY_NONE && tot != DAY_OPEN && tot - REVIEW_BEFORE_END < due)
		due = tot - REVIEW_BEFORE_END > van ? tot - REVIEW_BEFORE_END : van;
	return due;
}

term review_term(day_t due, day_t tot, day_t today)
{
	term t = {due, DAY_NONE, TERM_OPEN};
	if (tot != DAY_NONE && tot != DAY_OPEN && today > tot)
		t.state = TERM_CLOSED;
	else if (today > due)
		t.state = TERM_OVERDUE;
	else if (due - today <= REVIEW_SOON_DAYS)
		t.state = TERM_DUE_SOON;
	return t;
}

static void describe(vp_state *st)
{
	char a[DATE_TEXT];
	if (!st->started)
		snprintf(st->fase, sizeof st->fase, "nog niet aangevraagd");
	else if (st->besluit == DAY_NONE && st->arts == DAY_NONE && st->swv == DAY_NONE)
		snprintf(st->fase, sizeof st->fase, "wacht op advies van arts en samenwerkingsverband");
	else if (st->besluit == DAY_NONE && st->arts == DAY_NONE)
		snprintf(st->fase, sizeof st->fase, "wacht op advies van een onafhankelijke arts");
	else if (st->besluit == DAY_NONE && st->swv == DAY_NONE)
		snprintf(st->fase, sizeof st->fase, "wacht op advies van het samenwerkingsverband");
	else if (st->besluit == DAY_NONE)
		snprintf(st->fase, sizeof st->fase, "klaar voor het besluit");
	else if (st->uitkomst == VB_AFGEWEZEN)
		snprintf(st->fase, sizeof st->fase, "afgewezen");
	else if (strcmp(st->grond, "5a") != 0 && st->tot == DAY_NONE)
		snprintf(st->fase, sizeof st->fase, "vrijstelling %s uit de registratie, zonder einddatum", st->grond);
	else if (strcmp(st->grond, "5a") != 0) {
		date_format(st->tot, a);
		snprintf(st->fase, sizeof st->fase, "vrijstelling %s uit de registratie, tot en met %s", st->grond, a);
	} else if (st->uitkomst == VB_PERMANENT)
		snprintf(st->fase, sizeof st->fase, "verleend, permanent%s", st->registry ? " (uit de registratie)" : "");
	else {
		date_format(st->tot, a);
		snprintf(st->fase, sizeof st->fase, "verleend, tijdelijk tot en met %s%s", a,
			 st->registry ? " (uit de registratie)" : "");
	}
}

int vp_fold(const vp_event *ev, size_t n, day_t today, vp_state *st, strbuf *why)
{
	*st = (vp_state){.aanvraag = DAY_NONE, .arts = DAY_NONE, .swv = DAY_NONE, .besluit = DAY_NONE, .uitkomst = -1,
			 .van = DAY_NONE, .tot = DAY_NONE, .last_review = DAY_NONE, .next_review = DAY_NONE};
	for (size_t i = 0; i < n; i++) {
		const vp_event *e = &ev[i];
		if (!vp_allows(st, e, why))
			return -1;
		switch (e->kind) {
		case VP_AANVRAAG:
			st->started = true;
			st->aanvraag = e->datum;
			snprintf(st->grond, sizeof st->grond, "5a");
			break;
		case VP_ADVIES_ARTS: st->arts = e->datum; break;
		case VP_ADVIES_SWV: st->swv = e->datum; break;
		case VP_MDO: st->mdo++; break;
		case VP_BESLUIT:
			st->besluit = e->datum;
			st->uitkomst = e->besluit;
			st->van = e->van;
			st->tot = e->tot;
			break;
		case VP_REGISTRATIE: /* decided before: no advice to wait for */
			st->started = st->registry = true;
			snprintf(st->grond, sizeof st->grond, "%s", e->grond[0] ? e->grond : "5a");
			st->aanvraag = st->besluit = e->datum;
			st->uitkomst = e->tot == DAY_NONE ? VB_PERMANENT : VB_TIJDELIJK;
			st->van = e->van;
			st->tot = e->tot;
			break;
		case VP_HERBEOORDELING:
			st->reviews++;
			st->last_review = e->datum;
			st->next_review = e->volgende;
			break;
		default: break;
		}
	}
	st->review = (term){DAY_NONE, DAY_NONE, TERM_CLOSED};
	if (st->besluit != DAY_NONE && st->uitkomst != VB_AFGEWEZEN)
		st->review = review_term(review_due(st->van, st->tot, st->last_review, st->next_review), st->tot, today);
	describe(st);
	return 0;
}

/* ---- the registry's vrijstellingen and the procedure ---------------------- */

const char *const VP_ORIGIN_CODES[VO_COUNT] = {"procedure", "zonder_procedure", "registratie"};

static day_t open_end(day_t tot)
{
	return tot == DAY_NONE ? DAY_OPEN : tot;
}

/* Whether [van, tot] lies within [from, to] (ends DAY_OPEN or DAY_NONE: open). */
static bool within(day_t van, day_t tot, day_t from, day_t to)
{
	return van != DAY_NONE && from != DAY_NONE && van >= from && open_end(tot) <= open_end(to);
}

static bool is_text(field f, const char *s)
{
	return f.len == strlen(s) && memcmp(f.p, s, f.len) == 0;
}

/* A date field; `otherwise` when it is empty or not a date. */
static day_t row_day(field f, day_t otherwise)
{
	day_t d;
	return f.len && date_parse(f.p, f.len, &d) == 0 ? d : otherwise;
}

bool vp_change_allowed(const field *old, const field *new_row, strbuf *why)
{
	enum { GROND = 1, STATUS = 2, VAN = 4, TOT = 5 };
	if (!new_row || !is_text(new_row[GROND], "5a") || !is_text(new_row[STATUS], "verleend"))
		return true;
	/* Read so that a date that is no date reaches further: no van, an open tot. */
	day_t van = row_day(new_row[VAN], DAY_NONE), tot = row_day(new_row[TOT], DAY_OPEN);
	bool was = old && is_text(old[GROND], "5a") && is_text(old[STATUS], "verleend");
	if (was && within(van, tot, row_day(old[VAN], DAY_NONE), row_day(old[TOT], DAY_OPEN)))
		return true;
	if (was)
		sb_puts(why, "Een vrijstelling 5a wordt alleen verleend of verlengd na de procedure: vraag de verlenging "
			     "aan via Vrijstellingsprocedures (advies van een onafhankelijke arts of gedragsdeskundige en van "
			     "het samenwerkingsverband, dan het besluit van de leerplichtambtenaar). Hier kan een "
			     "vrijstelling 5a alleen korter worden, eindigen of worden ingetrokken.");
	else
		sb_puts(why, "Een vrijstelling 5a wordt alleen verleend na de procedure: vraag haar aan via "
			     "Vrijstellingsprocedures (advies van een onafhankelijke arts of gedragsdeskundige en van het "
			     "samenwerkingsverband, dan het besluit van de leerplichtambtenaar).");
	return false;
}

bool vp_backs(const vp_state *st, const char *grond, day_t van, day_t tot)
{
	return st->besluit != DAY_NONE && st->uitkomst != VB_AFGEWEZEN && st->uitkomst >= 0 &&
	       strcmp(st->grond, grond) == 0 && within(van, tot, st->van, st->tot);
}

vp_origin vp_origin_of(const char *grond, const vp_state *backing)
{
	if (backing && !backing->registry)
		return VO_PROCEDURE;
	if (strcmp(grond, "5a") == 0 && (!backing || backing->reviews == 0))
		return VO_ZONDER_PROCEDURE;
	return VO_REGISTRATIE;
}

term vp_review(const vp_state *backing, day_t van, day_t tot, day_t today)
{
	day_t end = tot == DAY_OPEN ? DAY_NONE : tot;
	day_t due = review_due(van, end, backing ? backing->last_review : DAY_NONE,
			       backing ? backing->next_review : DAY_NONE);
	return review_term(due, end, today);
}

vp_event vp_from_registry(const vrijstelling *x)
{
	vp_event reg = {.kind = VP_REGISTRATIE, .besluit = -1, .van = x->van, .tot = x->tot == DAY_OPEN ? DAY_NONE : x->tot,
			.volgende = DAY_NONE};
	reg.datum = x->aanvraag != DAY_NONE && x->aanvraag <= x->van ? x->aanvraag : x->van;
	snprintf(reg.grond, sizeof reg.grond, "%s", x->grond);
	return reg;
}

bool vrijstelling_ends_soon(day_t tot, day_t d)
{
	return tot - d <= REVIEW_BEFORE_END;
}

bool vp_swv_sees(const scope_set *s, int32_t k)
{
	if (s->rol != ROLE_SWV)
		return false;
	if (s->all)
		return true;
	return k != NO_REF && s->swv && s->swv[k];
}
