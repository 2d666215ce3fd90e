/*
 * procedure.h - the vrijstelling 5a procedure (SPEC 6, Lekstroom): request by
 * the parents, advice of an independent doctor or behavioural expert, advice
 * of the SWV (always asked), an optional MDO, the decision of the
 * leerplichtambtenaar (tijdelijk with an end date, permanent, or refused), and
 * periodic review of every vrijstelling. Like a dossier, a procedure is a list
 * of events whose state is derived. Pure functions.
 */
#ifndef INBEELD_PROCEDURE_H
#define INBEELD_PROCEDURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/strbuf.h"
#include "cases.h"
#include "date.h"

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
} vp_event;

enum {
	REVIEW_MONTHS = 12,	 /* every vrijstelling is reviewed at least yearly */
	REVIEW_BEFORE_END = 56,	 /* a temporary one 8 weeks before it ends */
	REVIEW_SOON_DAYS = 30,	 /* "due soon" for reviews */
};

typedef struct vp_state {
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

#endif
