/*
 * telling.h - the Resultaatschema of SPEC 5 (G4 Bijlage 1, CONTRACT).
 *
 * A telling accumulates classifications into cells per gebied (gemeente or
 * SWV, indexed like the dataset's reference tables) and regel. Accumulating is
 * associative, so partial tellingen of disjoint pupils can be merged.
 */
#ifndef INBEELD_TELLING_H
#define INBEELD_TELLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "classify.h"
#include "dataset.h"

typedef enum regel {
	R_AV_PO,
	R_AV_VO,
	R_AV_VO_WAARVAN_OVERSTAP_MBO,
	R_LRV_PO,
	R_LRV_VO,
	R_THUISZITTERS_TOTAAL,
	R_THUISZITTERS_LANG_ZONDER_AANBOD,
	R_LEERPLICHTIGEN,
	R_THUISZITTERS_PER_1000,
	R_VRIJSTELLING_5A_TIJDELIJK,
	R_VRIJSTELLING_5A_PERMANENT,
	R_VRIJSTELLING_5B,
	R_VRIJSTELLING_5C,
	R_LANGDURIG_ZIEK,
	R_GESCHORST_VERWIJDERD,
	R_AV_NIET_GETELD_KORT,
	R_AV_NIET_GETELD_5C,
	R_AV_NIET_GETELD_ADRES,
	R_COUNT
} regel;

typedef enum regel_shape {
	SHAPE_KORT_LANG, /* korter / langer / totaal */
	SHAPE_LANG,	 /* only 3 maanden of langer, and totaal */
	SHAPE_TOTAAL,	 /* totaal only */
	SHAPE_RATE,	 /* totaal only, a rate with two decimals */
} regel_shape;

typedef struct regel_desc {
	const char *code;
	regel_shape shape;
	const char *label; /* Dutch, for people */
} regel_desc;

extern const regel_desc REGELS[R_COUNT];

typedef enum view { VIEW_GEMEENTE, VIEW_SWV } view;

typedef struct telling_cell {
	int64_t kort, lang;
} telling_cell;

typedef struct telling {
	view view;
	size_t n_gebieden;
	telling_cell *cells; /* n_gebieden * R_COUNT */
} telling;

void telling_init(telling *t, const dataset *ds, view v);
void telling_add(telling *t, const dataset *ds, const classification *c);
/* Take out what telling_add(t, ds, c) counted: exact, so a telling can follow
 * a change of a few pupils (their old classification out, the new one in). */
void telling_remove(telling *t, const dataset *ds, const classification *c);
void telling_merge(telling *into, const telling *from);
void telling_free(telling *t);

/* One output row. Empty parts have has_* false. */
typedef struct telling_value {
	bool has_kort, has_lang, has_totaal;
	int64_t kort, lang, totaal;
	bool is_rate;
	char rate[32]; /* "453.13"; only when is_rate and has_totaal */
} telling_value;

void telling_value_of(const telling *t, size_t gebied, regel r, telling_value *out);
/* The value of regel r summed over n gebieden (the rate recomputed from the
 * summed thuiszitters and leerplichtigen); has_* false when n is 0. */
void telling_value_sum(const telling *t, const size_t *gebieden, size_t n, regel r, telling_value *out);

/* n / d * 1000 with two decimals, rounded half up on the exact fraction.
 * Returns false (and writes "") when d is 0. */
bool per_1000(int64_t n, int64_t d, char out[32]);

/* Code and name of gebied i in the view. */
const char *gebied_code(const dataset *ds, view v, size_t i);
const char *gebied_naam(const dataset *ds, view v, size_t i);

#endif
