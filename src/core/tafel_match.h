/*
 * tafel_match.h - the SWV's own list of thuiszitters (SPEC 6), as it comes
 * from its own administration, matched to the registry: which columns a
 * file has, what is wrong with a row (in Dutch, naming the column in words),
 * and which pupil of the registry a row is. An identifier (BSN,
 * onderwijsnummer, leerling-id) matches exactly; a name with a birth date is
 * only a suggestion that someone confirms; a row that matches nobody is kept
 * as *onbekend in de registratie*. Pure functions on a dataset.
 */
#ifndef INBEELD_TAFEL_MATCH_H
#define INBEELD_TAFEL_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/strbuf.h"
#include "classify.h"
#include "dataset.h"
#include "date.h"

/* The columns of an own list, by their header names (any order, any case). */
typedef enum own_column {
	OC_BSN,
	OC_ONDERWIJSNUMMER,
	OC_LEERLING_ID,
	OC_NAAM,       /* the full name, or: */
	OC_VOORNAAM,
	OC_ACHTERNAAM,
	OC_GEBOORTEDATUM,
	OC_CATEGORIE,
	OC_EERSTE_VERZUIMDAG,
	OC_COUNT
} own_column;

extern const char *const OWN_COLUMN_NAMES[OC_COUNT];  /* "bsn", "onderwijsnummer", ... */
extern const char *const OWN_COLUMN_LABELS[OC_COUNT]; /* "BSN", "geboortedatum", ... for people */

/* Map a header to columns: where[c] the index of column c or -1. Unknown
 * headers are ignored. Returns 0, or -1 with a Dutch message in err when a
 * column the list needs is missing (an identifier or a name, the birth
 * date, the categorie and the first day of absence) or one comes twice. */
int own_header(const char *const *names, size_t n, int where[OC_COUNT], strbuf *err);

/* One row as read, its fields "" when empty. */
typedef struct own_row {
	const char *text[OC_COUNT];
} own_row;

/* A row made sense of: identifiers that pass their check, the name, the
 * dates and the categorie; what is wrong goes into msg ("; "-separated,
 * Dutch, naming the columns in words). A row with errors is kept: it is
 * matched on what is right. */
typedef struct own_fields {
	const char *bsn, *onderwijsnummer, *leerling_id; /* NULL when empty or invalid */
	char naam[160];					  /* "voornaam achternaam" or the full name */
	day_t geboortedatum, eerste_verzuimdag;		  /* DAY_NONE when empty or invalid */
	categorie cat;					  /* CAT_COUNT when empty or unknown */
} own_fields;

void own_row_check(const own_row *row, own_fields *out, strbuf *msg);

typedef enum own_match_kind {
	OM_BSN,
	OM_ONDERWIJSNUMMER,
	OM_LEERLING_ID,
	OM_VOORSTEL,  /* name and birth date: a suggestion to confirm */
	OM_ONBEKEND,  /* nobody in the registry */
	OM_COUNT
} own_match_kind;

extern const char *const OWN_MATCH_CODES[OM_COUNT]; /* "bsn", ..., "voorstel", "onbekend" */

typedef struct own_match {
	own_match_kind kind;
	int32_t pupil; /* the pupil matched or suggested; NO_REF for OM_ONBEKEND */
} own_match;

/* Match n rows to the pupils of ds in one pass over the registry. The first
 * identifier of the row that names a pupil wins (BSN, then onderwijsnummer,
 * then leerling-id); without one, a pupil with the same birth date whose
 * achternaam is a word of the name (and whose voornaam is too, when the
 * name has more words) is suggested, the lowest id when several are. */
void own_match_rows(const dataset *ds, const own_fields *rows, size_t n, own_match *out);

/* Whether a name (as written in a file) names the pupil with these names:
 * lower case, accents and punctuation as written, words compared whole. */
bool own_name_fits(const char *naam, const char *voornaam, const char *achternaam);

#endif
