#include "cases.h"

#include <string.h>

const char *const CASE_KIND_NAMES[EV_COUNT] = {
	[EV_OPENING] = "opening",     [EV_CONTACT] = "contact",     [EV_MDO] = "mdo",
	[EV_INTERVENTIE] = "interventie", [EV_AANBOD] = "aanbod",   [EV_PLAATSING] = "plaatsing",
	[EV_NOTITIE] = "notitie",     [EV_REGIE] = "regie",	    [EV_VERLENGING] = "verlenging",
	[EV_ESCALATIE] = "escalatie", [EV_BESLUIT] = "besluit",	    [EV_VERANTWOORDING] = "verantwoording",
	[EV_SLUITING] = "sluiting",
};

case_kind case_kind_from_name(const char *name)
{
	for (int k = 0; k < EV_COUNT; k++)
		if (strcmp(CASE_KIND_NAMES[k], name) == 0)
			return (case_kind)k;
	return EV_COUNT;
}

const stagnatie_desc STAGNATIE[ST_COUNT] = {
	[ST_PROCES] = {"processtagnatie", "processtagnatie: geen regisseur, geen keuzes, of afspraken niet nagekomen",
		       "gemeente: procesregisseur en wethouder"},
	[ST_ZORGPLICHT] = {"zorgplicht", "stagnatie zorgplicht: schoolbesturen komen er onderling niet uit",
			   "samenwerkingsverband: twee niet-betrokken bestuursleden en de directeur"},
	[ST_DEKKEND_NETWERK] = {"dekkend_netwerk", "stagnatie dekkend netwerk: ook S(B)O kan niet plaatsen",
				"samenwerkingsverband: twee niet-betrokken bestuursleden en de directeur"},
	[ST_JEUGDHULP] = {"jeugdhulp", "stagnatie jeugdhulp: wachtlijst terwijl de ontwikkeling ernstig wordt bedreigd",
			  "gemeente: procesregisseur en wethouder"},
	[ST_OUDERS] = {"ouders", "ouders werken niet mee",
		       "Raad voor de Kinderbescherming (via Veilig Thuis, gecertificeerde instelling of de Toegang)"},
	[ST_JONGERE] = {"jongere", "de jongere werkt niet mee",
			"proces-verbaal door leerplicht, getoetst door het Openbaar Ministerie"},
};

stagnatie stagnatie_from_code(const char *code)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (strcmp(STAGNATIE[i].code, code) == 0)
			return (stagnatie)i;
	return ST_COUNT;
}

const char *const UITKOMST_CODES[UIT_COUNT] = {
	"terug_op_school", "ander_onderwijs", "zorg_met_onderwijs", "vrijstelling", "verhuisd",
	"achttien_of_startkwalificatie",
};

const char *const UITKOMST_LABELS[UIT_COUNT] = {
	"terug op school", "ander onderwijs", "zorg met onderwijs", "vrijstelling", "verhuisd",
	"18 jaar of startkwalificatie",
};

uitkomst uitkomst_from_code(const char *code)
{
	for (int i = 0; i < UIT_COUNT; i++)
		if (strcmp(UITKOMST_CODES[i], code) == 0)
			return (uitkomst)i;
	return UIT_COUNT;
}

const char *const TERM_STATE_CODES[6] = {"open", "deze_week", "verlopen", "gehaald", "te_laat", "gesloten"};

static escalation *find_escalation(case_state *st, int64_t id)
{
	for (size_t i = 0; i < st->n_esc; i++)
		if (st->esc[i].id == id)
			return &st->esc[i];
	return NULL;
}

bool case_allows(const case_state *st, const case_event *e, strbuf *why)
{
	if (e->kind >= EV_COUNT) {
		sb_puts(why, "onbekende soort gebeurtenis");
		return false;
	}
	if (e->datum == DAY_NONE) {
		sb_puts(why, "de datum ontbreekt");
		return false;
	}
	if (e->kind == EV_OPENING) {
		if (st->events) {
			sb_puts(why, "het dossier is al geopend");
			return false;
		}
		if (e->startdatum == DAY_NONE || e->startdatum > e->datum) {
			sb_puts(why, "de eerste dag van feitelijke afwezigheid ontbreekt of ligt na de opening");
			return false;
		}
		return true;
	}
	if (!st->events) {
		sb_puts(why, "het dossier is nog niet geopend");
		return false;
	}
	if (!st->open) {
		sb_puts(why, "het dossier is gesloten; open zo nodig een nieuw dossier");
		return false;
	}
	/* What happened before inbeeld opened the dossier may be recorded after
	 * the fact, from the first day of absence on; contacts, notes,
	 * interventions and MDOs also from before (a threatening absence). */
	if (e->datum < st->startdatum && e->kind != EV_CONTACT && e->kind != EV_NOTITIE && e->kind != EV_INTERVENTIE &&
	    e->kind != EV_MDO) {
		sb_puts(why, "de datum ligt voor de eerste dag van feitelijke afwezigheid");
		return false;
	}
	if (e->kind == EV_SLUITING && e->datum < st->opened) {
		sb_puts(why, "een dossier sluit niet voor het geopend is");
		return false;
	}
	switch (e->kind) {
	case EV_REGIE:
		if (e->org <= 0) {
			sb_puts(why, "regie hoort bij een organisatie");
			return false;
		}
		if (e->org == st->regie_org && e->user == st->regie_user) {
			sb_puts(why, "deze organisatie en persoon hebben de regie al");
			return false;
		}
		return true;
	case EV_VERLENGING:
		if (st->extension) {
			sb_puts(why, "de termijn voor het plaatsingsbesluit is al eens verlengd (hoogstens een keer)");
			return false;
		}
		if (e->dagen < 1 || e->dagen > MAX_EXTENSION) {
			sb_printf(why, "een verlenging duurt 1 tot %d dagen (hoogstens vier weken)", MAX_EXTENSION);
			return false;
		}
		if (st->decided != DAY_NONE) {
			sb_puts(why, "er is al een plaatsingsbesluit");
			return false;
		}
		if (e->datum > st->startdatum + TERM_DECISION) {
			sb_puts(why, "de termijn van zes weken is al verstreken: de casus is gestagneerd, verlengen kan niet meer");
			return false;
		}
		return true;
	case EV_ESCALATIE:
		if (e->type < 0 || e->type >= ST_COUNT) {
			sb_puts(why, "onbekend type stagnatie");
			return false;
		}
		if (st->n_esc == MAX_ESCALATIONS) {
			sb_puts(why, "te veel escalaties in een dossier");
			return false;
		}
		for (size_t i = 0; i < st->n_esc; i++)
			if ((int32_t)st->esc[i].type == e->type && st->esc[i].accounted == DAY_NONE) {
				sb_printf(why, "er loopt al een escalatie wegens %s", STAGNATIE[e->type].code);
				return false;
			}
		return true;
	case EV_BESLUIT:
	case EV_VERANTWOORDING: {
		const escalation *x = NULL;
		for (size_t i = 0; i < st->n_esc; i++)
			if (st->esc[i].id == e->ref)
				x = &st->esc[i];
		if (!x) {
			sb_puts(why, "deze escalatie bestaat niet in dit dossier");
			return false;
		}
		if (e->kind == EV_BESLUIT && x->decided != DAY_NONE) {
			sb_puts(why, "in deze escalatie is al besloten");
			return false;
		}
		if (e->kind == EV_VERANTWOORDING && x->decided == DAY_NONE) {
			sb_puts(why, "verantwoording volgt op een besluit; er is nog niet besloten");
			return false;
		}
		if (e->kind == EV_VERANTWOORDING && x->accounted != DAY_NONE) {
			sb_puts(why, "over deze escalatie is al verantwoording afgelegd");
			return false;
		}
		if (e->datum < x->opened) {
			sb_puts(why, "de datum ligt voor de escalatie");
			return false;
		}
		return true;
	}
	case EV_SLUITING:
		if (e->type < 0 || e->type >= UIT_COUNT) {
			sb_puts(why, "een dossier sluit met een uitkomst");
			return false;
		}
		return true;
	case EV_AANBOD:
		if (e->plaats_per != DAY_NONE && e->plaats_per < e->datum) {
			sb_puts(why, "de plaats kan niet beschikbaar zijn voor het aanbod er is");
			return false;
		}
		return true;
	default: return true;
	}
}

static term term_at(day_t due, day_t met_on, bool open, day_t today)
{
	term t = {due, met_on, TERM_OPEN};
	if (met_on != DAY_NONE)
		t.state = met_on <= due ? TERM_MET : TERM_MET_LATE;
	else if (!open)
		t.state = TERM_CLOSED;
	else if (today > due)
		t.state = TERM_OVERDUE;
	else if (due - today <= DUE_SOON_DAYS)
		t.state = TERM_DUE_SOON;
	return t;
}

static day_t earliest(day_t a, day_t b)
{
	return a == DAY_NONE ? b : b == DAY_NONE ? a : (a < b ? a : b);
}

int case_fold(const case_event *ev, size_t n, day_t today, case_state *st, strbuf *why)
{
	*st = (case_state){.closed = DAY_NONE, .opened = DAY_NONE, .startdatum = DAY_NONE, .closed_as = -1,
			   .decided = DAY_NONE};
	day_t place = DAY_NONE, aanbod = DAY_NONE;
	for (size_t i = 0; i < n; i++) {
		const case_event *e = &ev[i];
		if (!case_allows(st, e, why))
			return -1;
		st->events++;
		switch (e->kind) {
		case EV_OPENING:
			st->open = true;
			st->opened = e->datum;
			st->startdatum = e->startdatum;
			st->regie_org = e->org;
			st->regie_user = e->user;
			break;
		case EV_REGIE:
			st->regie_org = e->org;
			st->regie_user = e->user;
			break;
		case EV_VERLENGING: st->extension = e->dagen; break;
		case EV_AANBOD:
			/* A fitting place is an offer with a place actually available (G4 2). */
			if (e->plaats_per != DAY_NONE) {
				place = earliest(place, e->plaats_per);
				aanbod = earliest(aanbod, e->plaats_per);
			}
			break;
		case EV_PLAATSING:
			/* The decision is taken on its day; the place is there from
			 * its start (plaats_per: the ingangsdatum), else that day. */
			st->decided = earliest(st->decided, e->datum);
			place = earliest(place, e->plaats_per != DAY_NONE ? e->plaats_per : e->datum);
			aanbod = earliest(aanbod, e->plaats_per != DAY_NONE ? e->plaats_per : e->datum);
			break;
		case EV_ESCALATIE:
			st->esc[st->n_esc++] = (escalation){e->id, (stagnatie)e->type, e->datum, DAY_NONE, DAY_NONE};
			break;
		case EV_BESLUIT: find_escalation(st, e->ref)->decided = e->datum; break;
		case EV_VERANTWOORDING: find_escalation(st, e->ref)->accounted = e->datum; break;
		case EV_SLUITING:
			st->open = false;
			st->closed = e->datum;
			st->closed_as = e->type;
			break;
		default: break;
		}
	}
	if (!st->events)
		return 0;
	/* A place that only comes available after today (or the closing) does not count yet. */
	day_t until = st->open ? today : st->closed;
	if (place != DAY_NONE && place > until)
		place = DAY_NONE;
	if (aanbod != DAY_NONE && aanbod > until)
		aanbod = DAY_NONE;
	st->place = term_at(st->startdatum + TERM_PLACE, place, st->open, today);
	st->decision = term_at(st->startdatum + TERM_DECISION + st->extension, st->decided, st->open, today);
	st->aanbod = term_at(add_months(st->startdatum, AANBOD_MONTHS), aanbod, st->open, today);
	st->stagnated = st->open && st->decision.state == TERM_OVERDUE;
	return 0;
}

void case_with_registry(case_state *st, const day_t *places, size_t n, day_t today)
{
	if (!st->events)
		return;
	day_t until = st->open ? today : st->closed;
	day_t place = st->place.met_on, aanbod = st->aanbod.met_on;
	for (size_t i = 0; i < n; i++)
		if (places[i] != DAY_NONE && places[i] <= until) {
			place = earliest(place, places[i]);
			aanbod = earliest(aanbod, places[i]);
		}
	st->place = term_at(st->place.due, place, st->open, today);
	st->aanbod = term_at(st->aanbod.due, aanbod, st->open, today);
}

const char *case_signal(const case_state *st)
{
	if (!st->open)
		return NULL;
	if (st->stagnated)
		return "gestagneerd";
	const term *t[3] = {&st->place, &st->decision, &st->aanbod};
	for (int i = 0; i < 3; i++)
		if (t[i]->state == TERM_OVERDUE)
			return "verlopen";
	for (int i = 0; i < 3; i++)
		if (t[i]->state == TERM_DUE_SOON)
			return "deze_week";
	return NULL;
}
