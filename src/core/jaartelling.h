/*
 * jaartelling.h - the school-year count (leerplichttelling, SPEC 8.1, CONTRACT).
 *
 * Over schooljaar Y (1 August Y to 31 July Y+1) a pupil counts once in each
 * regel whose categorie (SPEC 4) it had on at least one day, for the gebied it
 * belonged to (SPEC 5, the view asked) on the last of those days. Days are not
 * classified one by one: jaar_pupil_compute() walks the stretches of constant
 * classification that classify_next_change() gives, and classifies each once.
 */
#ifndef INBEELD_JAARTELLING_H
#define INBEELD_JAARTELLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "classify.h"
#include "dataset.h"
#include "telling.h"

typedef enum jaar_regel {
	JR_AV,
	JR_LRV,
	JR_LANGDURIG_ZIEK,
	JR_VRIJSTELLING_5A,
	JR_VRIJSTELLING_5B,
	JR_VRIJSTELLING_5C,
	JR_COUNT
} jaar_regel;

typedef struct jaar_regel_desc {
	const char *code;  /* "LANGDURIG_ZIEK" */
	bool duur;	   /* langer_dan_3_maanden and opgelost are filled (not for vrijstellingen) */
	const char *label; /* Dutch, for people */
} jaar_regel_desc;

extern const jaar_regel_desc JAAR_REGELS[JR_COUNT];
extern const char *const JAARTELLING_COLUMNS[6];

/* The regel a categorie counts in (both kinds of 5a in VRIJSTELLING_5A);
 * JR_COUNT when none. */
jaar_regel jaar_regel_of(categorie c);

/* The first and last day of schooljaar y; "2024/2025" (10 bytes with NUL). */
day_t schooljaar_first(int y);
day_t schooljaar_last(int y);
void schooljaar_text(int y, char out[10]);

/* One pupil over one school year. */
typedef struct jaar_pupil {
	uint8_t counted;  /* bit r: the pupil had categorie of regel r on some day */
	uint8_t lang;	  /* bit r: langer_dan_3_maanden on one of those days */
	bool opgelost;	  /* on 31 July in scope, enrolled, GEEN or DREIGEND */
	day_t last[JR_COUNT];		       /* the last day in regel r */
	int32_t gemeente[JR_COUNT], swv[JR_COUNT]; /* its gebied then, per view (NO_REF: none) */
} jaar_pupil;

void jaar_pupil_init(jaar_pupil *jp);
/* Take in a stretch over which the classification c holds, from c->peildatum
 * to `to`; stretches come in order of days. */
void jaar_pupil_add(jaar_pupil *jp, const classification *c, day_t to);
/* The classification on 31 July decides opgelost (NULL: not in scope by age). */
void jaar_pupil_close(jaar_pupil *jp, const classification *last_day);

/* The whole school year y of pupil p, one classification per stretch.
 * Returns how many classifications it took. */
size_t jaar_pupil_compute(const dataset *ds, uint32_t p, int y, jaar_pupil *jp);
/* The same for the days first .. last (a schooljaar: schooljaar_first(y) ..
 * schooljaar_last(y)), for callers that do many pupils; opgelost is read on
 * `last`. */
size_t jaar_pupil_span(const dataset *ds, uint32_t p, day_t first, day_t last, jaar_pupil *jp);

/* The count per gebied of one view. Adding is associative (partial counts of
 * disjoint pupils merge). */
typedef struct jaar_cell {
	int64_t totaal, lang, opgelost;
} jaar_cell;

typedef struct jaartelling {
	view view;
	int schooljaar;
	size_t n_gebieden;
	jaar_cell *cells; /* n_gebieden * JR_COUNT */
} jaartelling;

void jaartelling_init(jaartelling *t, const dataset *ds, view v, int schooljaar);
void jaartelling_add(jaartelling *t, const jaar_pupil *jp);
void jaartelling_merge(jaartelling *into, const jaartelling *from);
void jaartelling_free(jaartelling *t);

/* One output row: langer_dan_3_maanden and opgelost only where the regel has a duration. */
typedef struct jaar_value {
	int64_t totaal, lang, opgelost;
	bool has_lang, has_opgelost;
} jaar_value;

void jaartelling_value_of(const jaartelling *t, size_t gebied, jaar_regel r, jaar_value *out);

#endif
