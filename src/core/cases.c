/*
 * cases.c - the case work's rules (SPEC 6): which categories open a dossier,
 * the state machine of a dossier's events, its terms in lesweken, regie and
 * its hand-over. See cases.h.
 */
#include "cases.h"

#include <string.h>

bool categorie_opens_dossier(categorie c)
{
	return categorie_is_av_family(c) || c == CAT_LRV || c == CAT_LANGDURIG_ZIEK;
}

const char *const CASE_KIND_NAMES[EV_COUNT] = {
	[EV_OPENING] = "opening",     [EV_CONTACT] = "contact",     [EV_MDO] = "mdo",
	[EV_INTERVENTIE] = "interventie", [EV_AANBOD] = "aanbod",   [EV_PLAATSING] = "plaatsing",
	[EV_NOTITIE] = "notitie",     [EV_REGIE] = "regie",	    [EV_VERLENGING] = "verlenging",
	[EV_ESCALATIE] = "escalatie", [EV_BESLUIT] = "besluit",	    [EV_VERANTWOORDING] = "verantwoording",
	[EV_SLUITING] = "sluiting",   [EV_OVERDRACHT] = "overdracht", [EV_AANVAARDING] = "overdracht_aanvaard",
	[EV_AFWIJZING] = "overdracht_afgewezen", [EV_NAZORG] = "nazorg", [EV_HEROPENING] = "heropening",
};

const char *const NAZORG_CODES[NAZORG_COUNT] = {"6_weken", "3_maanden", "1_jaar"};
const char *const NAZORG_LABELS[NAZORG_COUNT] = {"6 weken na de terugkeer", "3 maanden na de terugkeer",
						 "1 jaar na de terugkeer"};

nazorg nazorg_from_code(const char *code)
{
	for (int k = 0; code && k < NAZORG_COUNT; k++)
		if (strcmp(NAZORG_CODES[k], code) == 0)
			return (nazorg)k;
	return NAZORG_COUNT;
}

void case_followup_days(day_t closed, day_t out[NAZORG_COUNT])
{
	out[NAZORG_6_WEKEN] = closed + 42;
	out[NAZORG_3_MAANDEN] = add_months(closed, 3);
	out[NAZORG_1_JAAR] = add_months(closed, 12);
}

bool case_reopens(const case_state *latest, day_t startdatum)
{
	return latest && !latest->open && latest->events && latest->closed_as == UIT_TERUG_OP_SCHOOL &&
	       startdatum != DAY_NONE && startdatum > latest->closed && startdatum <= add_months(latest->closed, 12);
}

nazorg case_followup_next(const case_state *st, day_t today)
{
	if (st->open || st->closed_as != UIT_TERUG_OP_SCHOOL)
		return NAZORG_COUNT;
	for (int k = 0; k < NAZORG_COUNT; k++)
		if (st->followup_done[k] == DAY_NONE && st->followup_due[k] <= today + DUE_SOON_DAYS)
			return (nazorg)k;
	return NAZORG_COUNT;
}

/* Whether day lies after the year in which a closed dossier reopens by hand
 * (then with the reason in why). */
static bool reopen_too_late(const case_state *st, day_t day, strbuf *why)
{
	day_t last = add_months(st->closed, REOPEN_BY_HAND_MONTHS);
	if (day <= last)
		return false;
	char d[DATE_TEXT];
	date_format(last, d);
	sb_printf(why, "een dossier wordt binnen een jaar na de sluiting heropend (tot en met %s); open daarna een nieuw "
		       "dossier", d);
	return true;
}

bool case_reopens_by_hand(const case_state *st, day_t datum, day_t startdatum, strbuf *why)
{
	char d[DATE_TEXT];
	if (!st->events || st->open) {
		sb_puts(why, "alleen een gesloten dossier wordt heropend");
		return false;
	}
	if (datum < st->closed) {
		sb_puts(why, "een dossier wordt niet heropend voor de dag dat het sloot");
		return false;
	}
	if (reopen_too_late(st, datum, why))
		return false;
	if (startdatum == DAY_NONE || startdatum > datum || startdatum < st->startdatum) {
		date_format(st->startdatum, d);
		sb_printf(why, "de eerste dag van feitelijke afwezigheid ligt tussen %s (het verzuim waarmee het dossier sloot) "
			       "en de heropening", d);
		return false;
	}
	return true;
}

/* The events of a closed dossier: a follow-up after the return, or the
 * reopening for a new absence within the year (or by hand). */
static bool after_closing_allows(const case_state *st, const case_event *e, strbuf *why)
{
	if (e->kind == EV_HEROPENING && e->by_hand)
		return case_reopens_by_hand(st, e->datum, e->startdatum, why);
	if (e->kind == EV_HEROPENING) {
		if (!case_reopens(st, e->startdatum)) {
			sb_puts(why, "alleen een nieuw verzuim binnen een jaar na de terugkeer naar school heropent het dossier");
			return false;
		}
		if (e->datum < e->startdatum) {
			sb_puts(why, "het dossier heropent niet voor de eerste dag van het nieuwe verzuim");
			return false;
		}
		return true;
	}
	if (e->kind != EV_NAZORG) {
		sb_puts(why, "het dossier is gesloten; open zo nodig een nieuw dossier");
		return false;
	}
	if (st->closed_as != UIT_TERUG_OP_SCHOOL) {
		sb_puts(why, "nazorg hoort bij een dossier dat sloot omdat het kind terug is op school");
		return false;
	}
	if (e->type < 0 || e->type >= NAZORG_COUNT) {
		sb_puts(why, "het moment van de nazorg is 6_weken, 3_maanden of 1_jaar");
		return false;
	}
	if (st->followup_done[e->type] != DAY_NONE) {
		sb_puts(why, "deze nazorg is al vastgelegd");
		return false;
	}
	if (e->datum < st->closed) {
		sb_puts(why, "nazorg ligt niet voor de terugkeer naar school");
		return false;
	}
	return true;
}

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
	if (!st->open)
		return after_closing_allows(st, e, why);
	if (e->kind == EV_NAZORG || e->kind == EV_HEROPENING) {
		sb_puts(why, "het dossier is nog open: nazorg en heropenen komen na de terugkeer naar school");
		return false;
	}
	if (e->kind == EV_SLUITING && e->datum < st->opened) {
		sb_puts(why, "een dossier sluit niet voor het geopend is");
		return false;
	}
	switch (e->kind) {
	case EV_REGIE:
	case EV_OVERDRACHT:
		if (e->org <= 0) {
			sb_puts(why, "regie hoort bij een organisatie");
			return false;
		}
		if (e->org == st->regie_org && e->user == st->regie_user) {
			sb_puts(why, "deze organisatie en persoon hebben de regie al");
			return false;
		}
		return true;
	case EV_AANVAARDING:
	case EV_AFWIJZING:
		if (!st->pending.id) {
			sb_puts(why, "er staat geen overdracht van de regie open");
			return false;
		}
		if (e->ref != st->pending.id) {
			sb_puts(why, "deze overdracht staat niet meer open");
			return false;
		}
		if (e->datum < st->pending.since) {
			sb_puts(why, "de datum ligt voor het verzoek om de regie over te nemen");
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

bool case_may_record(const case_state *st, const case_event *e, day_t today, int64_t by_org, strbuf *why)
{
	if (!case_allows(st, e, why))
		return false;
	char d[DATE_TEXT];
	/* Everything in a dossier happens during this absence, and not later
	 * than today: recorded afterwards, but never before the first day of
	 * actual absence nor in the future. */
	if (e->kind != EV_OPENING && e->datum < st->startdatum) {
		date_format(st->startdatum, d);
		sb_printf(why, "De datum ligt voor de eerste verzuimdag (%s): wat in het dossier staat, gebeurt vanaf de eerste "
			       "dag van feitelijke afwezigheid",
			  d);
		return false;
	}
	if (e->datum > today) {
		date_format(today, d);
		sb_printf(why, "De datum ligt na vandaag (%s): wat in het dossier staat, is al gebeurd", d);
		return false;
	}
	/* An extension is decided before the six weeks end: one recorded later,
	 * even dated back, would undo a stagnation after the fact. */
	if (e->kind == EV_VERLENGING && (e->datum > st->decision_first || today > st->decision_first)) {
		sb_puts(why, "de termijn van zes weken is al verstreken: de casus is gestagneerd, verlengen kan niet meer");
		return false;
	}
	if ((e->kind == EV_AANVAARDING || e->kind == EV_AFWIJZING) && by_org != st->pending.org) {
		sb_puts(why, "alleen de organisatie die de regie wordt gevraagd, aanvaardt of weigert de overdracht");
		return false;
	}
	if (e->kind == EV_HEROPENING && e->by_hand && st->regie_org && by_org != st->regie_org) {
		sb_puts(why, "alleen de organisatie die de regie had toen het dossier sloot, heropent het");
		return false;
	}
	/* Within the year, the reopening itself too: not dated back afterwards. */
	if (e->kind == EV_HEROPENING && e->by_hand && reopen_too_late(st, today, why))
		return false;
	if (e->kind == EV_REGIE && by_org != e->org) {
		sb_puts(why, "regie aan een andere organisatie is een verzoek dat die organisatie aanvaardt");
		return false;
	}
	return true;
}

term term_on(day_t due, day_t met_on, bool open, day_t today)
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

day_t case_event_place(const case_event *e)
{
	if (e->kind == EV_PLAATSING)
		return e->plaats_per != DAY_NONE ? e->plaats_per : e->datum;
	return e->plaats_per;
}

static day_t earliest(day_t a, day_t b)
{
	return a == DAY_NONE ? b : b == DAY_NONE ? a : (a < b ? a : b);
}

/* Only a place of the current absence answers it: available from the first
 * day of actual absence on (SPEC 4 rule 6), and by `until`. */
static bool of_this_absence(const case_state *st, day_t place, day_t until)
{
	return place != DAY_NONE && place >= st->startdatum && place <= until;
}

/* The earliest place so far, of the current absence (until: later). */
static day_t earliest_place(const case_state *st, day_t best, day_t place)
{
	return of_this_absence(st, place, DAY_OPEN) ? earliest(best, place) : best;
}

int case_fold(const case_event *ev, size_t n, const holiday_calendar *cal, day_t today, case_state *st, strbuf *why)
{
	*st = (case_state){.closed = DAY_NONE, .opened = DAY_NONE, .startdatum = DAY_NONE, .closed_as = -1,
			   .decided = DAY_NONE, .decision_first = DAY_NONE};
	for (int k = 0; k < NAZORG_COUNT; k++)
		st->followup_due[k] = st->followup_done[k] = DAY_NONE;
	day_t place = DAY_NONE; /* a fitting place: meets the place and the aanbod terms */
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
			st->decision_first = elapsed_reached(cal, e->startdatum, TERM_DECISION);
			break;
		case EV_REGIE:
			st->regie_org = e->org;
			st->regie_user = e->user;
			st->pending = (handover){0};
			break;
		case EV_OVERDRACHT: /* a newer request replaces one not yet answered */
			st->pending = (handover){e->id, e->org, e->user, e->datum};
			break;
		case EV_AANVAARDING:
			st->regie_org = st->pending.org;
			st->regie_user = e->user;
			st->pending = (handover){0};
			break;
		case EV_AFWIJZING: st->pending = (handover){0}; break;
		case EV_VERLENGING: st->extension = e->dagen; break;
		case EV_AANBOD:
			/* A fitting place is an offer with a place actually available (G4 2). */
			place = earliest_place(st, place, case_event_place(e));
			break;
		case EV_PLAATSING:
			/* The decision is taken on its day; the place is there from
			 * its start (plaats_per: the ingangsdatum), else that day. */
			st->decided = earliest(st->decided, e->datum);
			place = earliest_place(st, place, case_event_place(e));
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
			st->pending = (handover){0};
			if (e->type == UIT_TERUG_OP_SCHOOL)
				case_followup_days(e->datum, st->followup_due);
			break;
		case EV_NAZORG: st->followup_done[e->type] = e->datum; break;
		case EV_HEROPENING:
			/* The same history, a new absence: its terms count from its first day. */
			st->open = true;
			st->opened = e->datum;
			st->startdatum = e->startdatum;
			st->closed = DAY_NONE;
			st->closed_as = -1;
			st->decided = DAY_NONE;
			st->extension = 0;
			st->decision_first = elapsed_reached(cal, e->startdatum, TERM_DECISION);
			place = DAY_NONE;
			for (int k = 0; k < NAZORG_COUNT; k++)
				st->followup_due[k] = st->followup_done[k] = DAY_NONE;
			st->reopened++;
			break;
		default: break;
		}
	}
	if (!st->events)
		return 0;
	/* A place that only comes available after today (or the closing) does not count yet. */
	day_t until = st->open ? today : st->closed;
	if (!of_this_absence(st, place, until))
		place = DAY_NONE;
	st->place = term_on(elapsed_reached(cal, st->startdatum, TERM_PLACE), place, st->open, today);
	st->decision = term_on(elapsed_reached(cal, st->startdatum, TERM_DECISION + st->extension), st->decided, st->open,
			       today);
	st->aanbod = term_on(add_months(st->startdatum, AANBOD_MONTHS), place, st->open, today);
	st->stagnated = st->open && st->decision.state == TERM_OVERDUE;
	st->followup_next = case_followup_next(st, today);
	return 0;
}

void case_with_registry(case_state *st, const day_t *places, size_t n, day_t today)
{
	if (!st->events)
		return;
	day_t until = st->open ? today : st->closed;
	day_t place = st->place.met_on, offer = st->aanbod.met_on;
	for (size_t i = 0; i < n; i++)
		if (of_this_absence(st, places[i], until)) {
			place = earliest(place, places[i]);
			offer = earliest(offer, places[i]);
		}
	st->place = term_on(st->place.due, place, st->open, today);
	st->aanbod = term_on(st->aanbod.due, offer, st->open, today);
}

const char *case_signal(const case_state *st)
{
	if (!st->open)
		return st->events && st->closed_as == UIT_TERUG_OP_SCHOOL && st->followup_next < NAZORG_COUNT ? "nazorg"
														: NULL;
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
