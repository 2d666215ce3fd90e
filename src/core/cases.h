/*
 * cases.h - case work (SPEC 6): dossiers, regie, deadlines, escalation.
 *
 * A dossier is the ordered list of what happened in it (case_event); its
 * state - open or closed, who holds regie, the deadlines and their signals,
 * the escalations - is derived from that list by case_fold(), never stored.
 * case_allows() is the state machine: whether an event may follow the ones
 * before it; case_may_record() adds the rules that hold when an event is
 * recorded (its date, who answers a hand-over). Terms in weeks count
 * elapsed days without the holiday days of the pupil's region, as SPEC 4
 * counts weeks of absence. Pure functions: no I/O, no globals.
 */
#ifndef INBEELD_CASES_H
#define INBEELD_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/strbuf.h"
#include "access.h"
#include "calendar.h"
#include "classify.h"
#include "date.h"

/* Whether a pupil in categorie c gets a dossier by itself (SPEC 6): every
 * categorie of the absoluut-verzuim family (also the registered but not
 * counted AV_KORT, AV_5C_IN_BEHANDELING and AV_ADRES_IN_ONDERZOEK: someone
 * acts from the first day), LRV and LANGDURIG_ZIEK. */
bool categorie_opens_dossier(categorie c);

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
	EV_OVERDRACHT,	/* regie asked of another organisation: a hand-over request */
	EV_AANVAARDING, /* the receiving organisation accepts the hand-over */
	EV_AFWIJZING,	/* ... or declines it (with a reason) */
	EV_NAZORG,	/* a follow-up after the return to school recorded (type: its moment) */
	EV_HEROPENING,	/* a new absence within the year after the return reopens the dossier */
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

/* After the return (SPEC 6): a dossier closed because the child is back at
 * school is followed up 6 weeks, 3 months and 1 year later (calendar: 42
 * days, then months that clamp to the month's last day, so 29 February + 1
 * year is 28 February); a new absence that begins within that year reopens
 * the same dossier. */
typedef enum nazorg {
	NAZORG_6_WEKEN,
	NAZORG_3_MAANDEN,
	NAZORG_1_JAAR,
	NAZORG_COUNT
} nazorg;

extern const char *const NAZORG_CODES[NAZORG_COUNT];  /* "6_weken", "3_maanden", "1_jaar" */
extern const char *const NAZORG_LABELS[NAZORG_COUNT]; /* Dutch, for people */
nazorg nazorg_from_code(const char *code);	      /* NAZORG_COUNT when unknown */

/* The follow-up moments of a return to school on day `closed`. */
void case_followup_days(day_t closed, day_t out[NAZORG_COUNT]);

/* One event, as far as the state depends on it. */
typedef struct case_event {
	int64_t id;
	case_kind kind;
	day_t datum;	     /* the day it happened */
	int64_t org, user;   /* regie, overdracht, aanvaarding: the (new) holder
			      * (user 0 = nobody named yet) */
	day_t plaats_per;    /* aanbod: the day a place is available (DAY_NONE: not yet);
			      * plaatsing: the day it starts (DAY_NONE: the decision's day) */
	int32_t dagen;	     /* verlenging: 1 .. 28 */
	int32_t type;	     /* escalatie: stagnatie; sluiting: uitkomst; nazorg: the moment */
	int64_t ref;	     /* besluit, verantwoording: the escalatie's id;
			      * aanvaarding, afwijzing: the overdracht's id */
	day_t startdatum;    /* opening, heropening: the first day of actual absence */
	bool by_hand;	     /* heropening: by a person with a reason (case_reopens_by_hand),
			      * not by a new absence in the registry (case_reopens) */
} case_event;

/* Weeks are lesweken: elapsed days without holiday days (SPEC 6). */
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

/* A hand-over of regie asked and not yet answered: regie stays with the
 * sender until the receiving organisation accepts (SPEC 6). */
typedef struct handover {
	int64_t id;	    /* the overdracht event; 0: none open */
	int64_t org, user;  /* the receiving organisation, and the person asked (0: none named) */
	day_t since;
} handover;

typedef struct case_state {
	bool open;
	day_t opened, closed, startdatum;
	int32_t closed_as; /* uitkomst, -1 while open */
	int64_t regie_org, regie_user;
	handover pending;
	int32_t extension;    /* days, 0 when none */
	day_t decision_first; /* the end of the six weeks for the decision, before any extension */
	day_t decided;	      /* the first placement decision, DAY_NONE before */
	term place, decision, aanbod;
	bool stagnated; /* the decision term (with its extension) passed without a decision */
	escalation esc[MAX_ESCALATIONS];
	size_t n_esc;
	size_t events;
	/* After a return to school (closed_as UIT_TERUG_OP_SCHOOL): when each
	 * follow-up is due and when it was recorded (DAY_NONE: not yet, or no
	 * follow-up at all); how often a new absence reopened the dossier. */
	day_t followup_due[NAZORG_COUNT], followup_done[NAZORG_COUNT];
	nazorg followup_next; /* case_followup_next on the fold's day */
	int32_t reopened;
} case_state;

/* Derive the state on day `today` from events in the order they were
 * recorded, with the pupil's holiday calendar cal (NULL: none). Events that
 * case_allows() would refuse are refused here too (returns -1 with a Dutch
 * reason), so a stored list is always consistent. Only a place available
 * from the first day of absence on, and by today (or the closing), meets a
 * term: an offer made for the current absence (SPEC 4 rule 6). */
int case_fold(const case_event *ev, size_t n, const holiday_calendar *cal, day_t today, case_state *out, strbuf *why);

/* Count the places the registry knows besides the dossier's own events: the
 * plaats_per of the pupil's aanbod facts, so the dossier and the counts agree
 * on passend aanbod - as in the fold, only those with startdatum <=
 * plaats_per <= today. Re-evaluates the place and aanbod terms of a folded
 * state. */
void case_with_registry(case_state *st, const day_t *places, size_t n, day_t today);

/* Whether `next` may follow the events so far (the state machine). Returns
 * true, or false with a Dutch reason. */
bool case_allows(const case_state *st, const case_event *next, strbuf *why);

/* Whether `next` may be recorded on day `today` by someone of organisation
 * by_org: case_allows(), and its date lies between the first day of absence
 * and today; an extension is recorded before the six weeks end; only the
 * receiving organisation answers a hand-over. */
bool case_may_record(const case_state *st, const case_event *next, day_t today, int64_t by_org, strbuf *why);

/* What giving regie to organisation `to` is when someone of by_org asks for
 * it: EV_REGIE when the receiving organisation takes it itself, else a
 * hand-over request (EV_OVERDRACHT) that it accepts or declines. */
case_kind case_regie_kind(int64_t by_org, int64_t to);

/* Whether organisation org leads the open dossier (holds its regie). */
bool case_led_by(const case_state *st, int64_t org);
/* Whether user is the regiehouder of the open dossier: then the account
 * stays active until the dossier is handed on. */
bool case_held_by(const case_state *st, int64_t user);

/* The strongest signal of a state: "gestagneerd", "verlopen", "deze_week";
 * of a closed dossier "nazorg" while a follow-up is due (case_followup_next);
 * or NULL. */
const char *case_signal(const case_state *st);

/* The first follow-up not recorded whose day has come or comes within
 * DUE_SOON_DAYS of today: its moment, or NAZORG_COUNT when none. Only for a
 * dossier closed because the child is back at school. */
nazorg case_followup_next(const case_state *st, day_t today);

/* Whether an absence that began on startdatum reopens the pupil's latest
 * dossier: it was closed because the child was back at school, and the
 * absence began after that day and within the year of follow-up. */
bool case_reopens(const case_state *latest, day_t startdatum);

/* Reopening by hand (a person, with a reason; the same history): a closed
 * dossier, whatever its outcome, reopens on datum when datum lies within
 * REOPEN_BY_HAND_MONTHS after its closing and the new absence's first day
 * lies between the first day of the absence the dossier closed on and
 * datum. Who may and when (case_may_record): the organisation that held
 * the regie when it closed (any that works in the dossier when none did),
 * within that year (not dated back afterwards). False with a Dutch reason. */
enum { REOPEN_BY_HAND_MONTHS = 12 };
bool case_reopens_by_hand(const case_state *st, day_t datum, day_t startdatum, strbuf *why);

/* A term's state on day today: met (on time or late) once met_on is set,
 * void when the dossier closed first, else open, due this week
 * (DUE_SOON_DAYS) or overdue. */
term term_on(day_t due, day_t met_on, bool open, day_t today);

/* Where a place is from for an aanbod or plaatsing event (SPEC 4 rule 6):
 * an aanbod's plaats_per (DAY_NONE: no place yet); a placement is a place in
 * education from its start, else from the decision's day. */
day_t case_event_place(const case_event *e);

/* ---- opening (case_lists.c) ---------------------------------------------- */

/* Whether a dossier may open by hand for a pupil classified as c: it is in
 * scope and has a first day of actual absence (a DREIGEND pupil too). */
bool case_opens_by_hand(const classification *c);
/* Whether a new dossier may open for an absence that began on startdatum,
 * given the pupil's latest dossier (NULL: none): one open dossier per pupil;
 * an absence within the year after a return reopens that dossier instead
 * (case_reopens); and the automatic opening leaves alone an absence a
 * dossier already dealt with (one closed on or after startdatum: a person
 * closed it, the registry may lag behind). False with a Dutch reason. */
bool case_may_open(const case_state *latest, day_t startdatum, bool automatic, strbuf *why);

/* ---- lists of dossiers (case_lists.c) ------------------------------------ */

/* Whether the open dossier has nobody leading it: no organisation, or an
 * organisation without a person (SPEC 6: listed as a problem). */
bool case_without_regie(const case_state *st);
/* Whether a dossier answers a signal filter: "alle" (or NULL), "zonder_regie",
 * "verlopen" (over a term, stagnated included), "gestagneerd", "deze_week". */
bool case_matches_signal(const case_state *st, const char *signal);
/* Most urgent first: stagnated, over a term, due this week, the other open
 * ones, closed; within each the longest absence first. 0 when equal. */
int case_compare_urgency(const case_state *a, const case_state *b);
/* Next deadline first (issue 14, "mijn dossiers"): the open dossier whose
 * first term not yet met (term_next) is due soonest; dossiers without one
 * after those with one; ties, and those without, by case_compare_urgency. */
int case_compare_next_term(const case_state *a, const case_state *b);
/* The due date of that first term not yet met, DAY_NONE when none. */
day_t case_next_term_due(const case_state *st);

/* Whether the pupil of an open dossier is back at school: in scope and
 * classified GEEN today (the dossier should close with an outcome). */
bool case_pupil_back(const classification *c);

enum { CASE_MAX_PROBLEMS = 3 };
/* What is wrong with a dossier besides its terms, in Dutch for people: no
 * regie, a regie without a person, a pupil back at school (back:
 * case_pupil_back) while the dossier is open. Returns how many. */
size_t case_problems(const case_state *st, bool back, const char *out[CASE_MAX_PROBLEMS]);

/* Of n terms, the first not yet met by its due date (open, due this week or
 * overdue), the earliest due first: its index, or n when none. */
size_t term_next(const term *t, size_t n);

/* ---- regie (regie.c) ----------------------------------------------------- */

/* An organisation by its kind and a code its scope holds. */
typedef struct regie_candidate {
	org_kind kind;
	char code[16]; /* gemeentecode, swvcode, or BRIN:VESTIGING */
} regie_candidate;

/* Who leads a new dossier of a pupil classified as c (SPEC 6), in order of
 * preference: leerplicht of the residence for the AV family; for the others
 * the pupil's SWV, else its school, else leerplicht of the residence. The
 * first organisation of such a kind using inbeeld whose scope holds the code
 * leads; when none does, the dossier has no regie (a problem). Returns how
 * many candidates (at most 3). */
size_t regie_default(const dataset *ds, const classification *c, regie_candidate out[3]);

/* Who leads the case once a hand-over is accepted: the person asked, when
 * one was and is still an active member of the receiving organisation
 * (asked_active), else the one who accepts. */
int64_t case_handover_holder(const handover *h, bool asked_active, int64_t accepter);

/* Whether organisation org sees a dossier beside its pupil's scope: it
 * holds its regie, or a hand-over to it waits for its answer (SPEC 6). */
bool case_org_sees(const case_state *st, int64_t org);

#endif
