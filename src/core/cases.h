/*
 * cases.h - case work (SPEC 6): dossiers, regie, deadlines, escalation.
 *
 * A dossier is the ordered list of what happened in it (case_event); its
 * state - open or closed, who holds regie, the deadlines and their signals,
 * the escalations - is derived from that list by case_fold(), never stored.
 * case_allows() is the state machine: whether an event may be added now.
 * Pure functions: no I/O, no globals.
 */
#ifndef INBEELD_CASES_H
#define INBEELD_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/strbuf.h"
#include "date.h"

typedef enum case_kind {
	EV_OPENING,	/* opened (automatically or by hand) */
	EV_CONTACT,	/* contact with pupil or parents */
	EV_MDO,		/* multidisciplinary meeting */
	EV_INTERVENTIE, /* an intervention */
	EV_AANBOD,	/* an offer, with the date a place is available */
	EV_PLAATSING,	/* the decision on (re)placement */
	EV_NOTITIE,	/* a note */
	EV_REGIE,	/* regie taken or handed over */
	EV_VERLENGING,	/* the one extension of the decision term */
	EV_ESCALATIE,	/* doorzettingsmacht invoked */
	EV_BESLUIT,	/* the decision taken in an escalation */
	EV_VERANTWOORDING, /* the account given afterwards */
	EV_SLUITING,	/* closed with an outcome */
	EV_COUNT
} case_kind;

extern const char *const CASE_KIND_NAMES[EV_COUNT]; /* "opening", "contact", ... */
case_kind case_kind_from_name(const char *name);

typedef enum stagnatie {
	ST_PROCES,
	ST_ZORGPLICHT,
	ST_DEKKEND_NETWERK,
	ST_JEUGDHULP,
	ST_OUDERS,
	ST_JONGERE,
	ST_COUNT
} stagnatie;

/* Per type of stagnation: its code, a Dutch description, and the route of
 * doorzettingsmacht for it (Zuid-Limburg 3.4; SPEC 6). */
typedef struct stagnatie_desc {
	const char *code, *label, *route;
} stagnatie_desc;

extern const stagnatie_desc STAGNATIE[ST_COUNT];
stagnatie stagnatie_from_code(const char *code);

typedef enum uitkomst {
	UIT_TERUG_OP_SCHOOL,
	UIT_ANDER_ONDERWIJS,
	UIT_ZORG_MET_ONDERWIJS,
	UIT_VRIJSTELLING,
	UIT_VERHUISD,
	UIT_ACHTTIEN_OF_STARTKWALIFICATIE,
	UIT_COUNT
} uitkomst;

extern const char *const UITKOMST_CODES[UIT_COUNT];
extern const char *const UITKOMST_LABELS[UIT_COUNT];
uitkomst uitkomst_from_code(const char *code);

/* One event, as far as the state depends on it. */
typedef struct case_event {
	int64_t id;
	case_kind kind;
	day_t datum;	     /* the day it happened */
	int64_t org, user;   /* regie: the new holder (user 0 = nobody named yet) */
	day_t plaats_per;    /* aanbod: the day a place is available (DAY_NONE: not yet);
			      * plaatsing: the day it starts (DAY_NONE: the decision's day) */
	int32_t dagen;	     /* verlenging: 1 .. 28 */
	int32_t type;	     /* escalatie: stagnatie; sluiting: uitkomst */
	int64_t ref;	     /* besluit, verantwoording: the escalatie's id */
	day_t startdatum;    /* opening: the first day of actual absence */
} case_event;

enum {
	TERM_PLACE = 42,     /* 6 weeks to a fitting place (Lekstroom) */
	TERM_DECISION = 42,  /* a decision on placement within 6 weeks (Zuid-Limburg 3.4.1) */
	MAX_EXTENSION = 28,  /* at most one extension of 4 weeks */
	AANBOD_MONTHS = 3,   /* never 3 months without passend aanbod */
	DUE_SOON_DAYS = 7,   /* "due this week" */
};

typedef enum term_state {
	TERM_OPEN,	/* not met, more than a week left */
	TERM_DUE_SOON,	/* not met, due within DUE_SOON_DAYS */
	TERM_OVERDUE,	/* not met, past due */
	TERM_MET,	/* met on or before the due day */
	TERM_MET_LATE,	/* met, after the due day */
	TERM_CLOSED,	/* the dossier closed before it was met */
} term_state;

extern const char *const TERM_STATE_CODES[6];

typedef struct term {
	day_t due, met_on; /* met_on DAY_NONE while not met */
	term_state state;
} term;

typedef struct escalation {
	int64_t id;
	stagnatie type;
	day_t opened, decided, accounted; /* DAY_NONE until then */
} escalation;

enum { MAX_ESCALATIONS = 16 };

typedef struct case_state {
	bool open;
	day_t opened, closed, startdatum;
	int32_t closed_as; /* uitkomst, -1 while open */
	int64_t regie_org, regie_user;
	int32_t extension; /* days, 0 when none */
	day_t decided;	   /* the first placement decision, DAY_NONE before */
	term place, decision, aanbod;
	bool stagnated; /* the decision term (with its extension) passed without a decision */
	escalation esc[MAX_ESCALATIONS];
	size_t n_esc;
	size_t events;
} case_state;

/* Derive the state on day `today` from events in the order they happened.
 * Events that case_allows() would refuse are refused here too (returns -1 with
 * a Dutch reason), so a stored list is always consistent. */
int case_fold(const case_event *ev, size_t n, day_t today, case_state *out, strbuf *why);

/* Count the places the registry knows besides the dossier's own events: the
 * plaats_per of the pupil's aanbod facts (SPEC 4 rule 6), so the dossier and
 * the counts agree on passend aanbod. Re-evaluates the place and aanbod terms
 * of a folded state. */
void case_with_registry(case_state *st, const day_t *places, size_t n, day_t today);

/* Whether `next` may follow the events so far (the state machine). Returns
 * true, or false with a Dutch reason. */
bool case_allows(const case_state *st, const case_event *next, strbuf *why);

/* The strongest signal of a state: "gestagneerd", "verlopen", "deze_week", or NULL. */
const char *case_signal(const case_state *st);

#endif
