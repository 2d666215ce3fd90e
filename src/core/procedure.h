/*
 * procedure.h - the vrijstelling 5a procedure (SPEC 6, Lekstroom): request by
 * the parents, advice of an independent doctor or behavioural expert, advice
 * of the SWV (always asked), an optional MDO, the decision of the
 * leerplichtambtenaar (tijdelijk with an end date, permanent, or refused), and
 * periodic review of every vrijstelling. Like a dossier, a procedure is a list
 * of events whose state is derived. Pure functions.
 *
 * A vrijstelling of any ground that did not go through this procedure (a 5a
 * from an import, every 5b, 5c or other article) is taken over from the
 * registry (uit_registratie) when its first review is recorded; the stream
 * then holds its reviews. Outside the procedure's decision a 5a may not be
 * granted or extended (vp_change_allowed).
 */
#ifndef INBEELD_PROCEDURE_H
#define INBEELD_PROCEDURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/strbuf.h"
#include "cases.h"
#include "date.h"
#include "facts.h"

enum { VP_GROND = 8 }; /* room for a ground's text: "5a", "11g" */

typedef enum vp_kind {
	VP_AANVRAAG,
	VP_ADVIES_ARTS,
	VP_ADVIES_SWV,
	VP_MDO,
	VP_BESLUIT,
	VP_HERBEOORDELING,
	VP_REGISTRATIE, /* a vrijstelling verleend before inbeeld knew it (from the
			 * registry), taken over so it can be reviewed */
	VP_COUNT
} vp_kind;

extern const char *const VP_KIND_NAMES[VP_COUNT]; /* "aanvraag", "advies_arts", ..., "uit_registratie" */
vp_kind vp_kind_from_name(const char *name);

typedef enum vp_besluit { VB_TIJDELIJK, VB_PERMANENT, VB_AFGEWEZEN, VB_COUNT } vp_besluit;
extern const char *const VP_BESLUIT_NAMES[VB_COUNT]; /* "tijdelijk", "permanent", "afgewezen" */
vp_besluit vp_besluit_from_name(const char *name);

typedef struct vp_event {
	int64_t id;
	vp_kind kind;
	day_t datum;
	int32_t besluit;  /* besluit: vp_besluit */
	day_t van, tot;	  /* besluit, uit_registratie: the period granted (tot DAY_NONE for permanent) */
	day_t volgende;	  /* herbeoordeling: the next review, DAY_NONE for the default */
	char grond[VP_GROND]; /* uit_registratie: the ground taken over ("" means 5a) */
} vp_event;

/* The review rhythm, the same for every ground (5a, 5b, 5c, other): the seeds
 * ask for a periodic review of every pupil with a vrijstelling (Zuid-Limburg
 * 3.6) without naming a rhythm; G4 points at the one-year vrijstellingen. */
enum {
	REVIEW_MONTHS = 12,	 /* every vrijstelling is reviewed at least yearly */
	REVIEW_BEFORE_END = 56,	 /* one with an end date 8 weeks before it ends */
	REVIEW_SOON_DAYS = 30,	 /* "due soon" for reviews */
};

typedef struct vp_state {
	char grond[VP_GROND]; /* "5a" for a procedure; the ground taken over from the registry */
	bool started;
	bool registry;			    /* taken over from the registry (VP_REGISTRATIE) */
	day_t aanvraag, arts, swv, besluit; /* DAY_NONE until done */
	int32_t uitkomst;		    /* vp_besluit, -1 before the decision */
	day_t van, tot;
	size_t mdo, reviews;
	day_t last_review, next_review; /* next_review: the explicit next date of the last review */
	term review;			/* the review reminder (state TERM_CLOSED when none applies) */
	char fase[96];			/* where it stands, in Dutch */
} vp_state;

int vp_fold(const vp_event *ev, size_t n, day_t today, vp_state *out, strbuf *why);
bool vp_allows(const vp_state *st, const vp_event *next, strbuf *why);

/* The next review of a verleend vrijstelling: explicit when a review set one,
 * else a year after the last review (or the start), and for a temporary one
 * no later than 8 weeks before it ends. */
day_t review_due(day_t van, day_t tot, day_t last_review, day_t explicit_next);
/* The reminder for a review due on `due` (TERM_CLOSED when the vrijstelling has ended). */
term review_term(day_t due, day_t tot, day_t today);

/* ---- the registry's vrijstellingen and the procedure ---------------------- */

/* SPEC 6: a vrijstelling 5a is granted, or extended, only by the decision at
 * the end of its procedure. Whether the vrijstelling row `old` (NULL: a new
 * row) may become `new_row` (NULL: withdrawn) any other way - a correction,
 * a form. Both rows are in the column order of vrijstellingen.csv. Refused
 * (false, with a Dutch reason pointing to the procedure) when new_row is a
 * verleend 5a that reaches a day old did not grant as a verleend 5a: a new
 * row, a status changed to verleend, another ground changed to 5a, an
 * earlier van, a later or removed tot (tijdelijk made permanent); a date
 * that is not a date counts as reaching further. Allowed: shortening,
 * ending, withdrawing (ingetrokken), a request or a refusal - they return the
 * child's right to education sooner and need no advice (seeds: G4 and
 * Zuid-Limburg aim to reduce 5a; leerplicht grants one only on an
 * independent doctor's advice, and asks the SWV). */
bool vp_change_allowed(const field *old, const field *new_row, strbuf *why);

/* Whether st (a procedure, or a vrijstelling taken over from the registry)
 * backs the verleend vrijstelling of ground `grond` from van to tot (DAY_OPEN
 * or DAY_NONE: open-ended): it granted that ground, for a period that holds
 * this one. A later import that reaches beyond it is no longer backed. */
bool vp_backs(const vp_state *st, const char *grond, day_t van, day_t tot);

/* Where a verleend vrijstelling stands for its review. */
typedef enum vp_origin {
	VO_PROCEDURE,	     /* a 5a granted by the procedure in inbeeld */
	VO_ZONDER_PROCEDURE, /* a 5a from the registry (an import), no review recorded yet */
	VO_REGISTRATIE,	     /* from the registry: a 5a reviewed since, or another ground */
	VO_COUNT
} vp_origin;
extern const char *const VP_ORIGIN_CODES[VO_COUNT]; /* "procedure", "zonder_procedure", "registratie" */

/* The origin of a verleend vrijstelling of ground `grond`; backing is the
 * stream that backs it (vp_backs), NULL when none does. */
vp_origin vp_origin_of(const char *grond, const vp_state *backing);
/* Its next review on `today`: from backing's reviews when there is one, else
 * a year after van (for one with an end date, 8 weeks before it ends). */
term vp_review(const vp_state *backing, day_t van, day_t tot, day_t today);

/* The step that takes verleend vrijstelling x over from the registry for
 * its reviews (VP_REGISTRATIE): its ground and period, dated on its request
 * when that came before its start, else on its start. */
vp_event vp_from_registry(const vrijstelling *x);
/* Whether a vrijstelling ending on tot is in the weeks before its end in
 * which it is reviewed at the latest (REVIEW_BEFORE_END), on day d. */
bool vrijstelling_ends_soon(day_t tot, day_t d);
/* Whether the scope is the SWV asked for advice in a procedure (the index
 * k of its SWV; NO_REF: none): that SWV sees the procedure, also when it cannot
 * see the pupil (SPEC 6: the SWV asked sees the procedure). */
bool vp_swv_sees(const scope_set *s, int32_t k);

#endif
