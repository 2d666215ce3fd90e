/*
 * lists.h - the lists of pupils (SPEC 4.1, 5, 6): a pupil's line on a status
 * list, which categories each list shows, the groups the lists are filtered
 * by, and which pupil is urgent. Pure functions: the CLI, the API and the
 * pages all ask here, so a list means the same everywhere.
 */
#ifndef INBEELD_LISTS_H
#define INBEELD_LISTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "classify.h"

/* A pupil on a status list on a peildatum: the columns of SPEC 4.1 and what
 * the pages filter and sort by, in a few bytes (lists hold many). */
typedef struct status_row {
	uint32_t pupil;
	day_t startdatum;     /* DAY_NONE for vrijstellingen */
	int32_t duur;	      /* duur_dagen, -1 without a startdatum */
	int32_t gemeente;     /* residence on the peildatum, NO_REF when none */
	int32_t swv;	      /* the SWV the pupil belongs to (SPEC 5) */
	int32_t school;	      /* the enrolment on the peildatum, else the last one */
	int32_t vrijstelling; /* the covering vrijstelling (index into ds->vrij), -1 */
	uint8_t cat, sector, lang, zonder_aanbod;
} status_row;

void status_row_of(uint32_t p, const classification *c, status_row *out);

/* A status list: rows in leerling_id order. */
typedef struct status_rows {
	status_row *rows;
	size_t n, cap;
} status_rows;

void status_rows_free(status_rows *r);

/* A set of categories: a bit per categorie. */
typedef uint32_t categorie_set;

enum { CATSET_ALL = (1u << CAT_COUNT) - 1 };

static inline categorie_set categorie_set_of(categorie c)
{
	return 1u << c;
}

static inline bool categorie_set_has(categorie_set s, categorie c)
{
	return (s >> c) & 1u;
}

/* The registered but not counted groups of absoluut verzuim (SPEC 4:
 * AV_KORT, AV_5C_IN_BEHANDELING, AV_ADRES_IN_ONDERZOEK). */
bool categorie_is_av_niet_geteld(categorie c);

/* The lists of pupils and the categories each shows. */
typedef enum pupil_list {
	/* The thuiszitterslijst of the pages: every pupil at home - the whole AV
	 * family (also not counted), LRV, langdurig ziek, geschorst/verwijderd. */
	LIST_THUISZITTERSLIJST,
	/* The list leerplicht and the SWV fix for the thuiszitterstafel (SPEC 6):
	 * AV, LRV and langdurig ziek. */
	LIST_TAFEL,
	LIST_COUNT
} pupil_list;

bool categorie_on_list(pupil_list l, categorie c);
/* The same as a set (for the status query's filter). */
categorie_set list_categories(pupil_list l);

/* A group of categories by its name, as lists are filtered and counted:
 * "alle" (every categorie), "thuiszitters" (AV and LRV, SPEC 1),
 * "niet-geteld" (categorie_is_av_niet_geteld) or one categorie code. False
 * when the name is none of these. */
bool categorie_group(const char *name, categorie_set *out);

/* The norm "none" of SPEC 5 (regel THUISZITTERS_LANG_ZONDER_AANBOD): a
 * thuiszitter at home three months or longer without passend aanbod. The
 * overview lists these pupils first. */
bool thuiszitter_lang_zonder_aanbod(categorie c, bool lang, bool zonder_aanbod);

#endif
