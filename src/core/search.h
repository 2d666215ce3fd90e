/*
 * search.h - finding a child in the registry as people type it (issue 14):
 * the folding of names (case and the accents of the Latin letters Dutch
 * names use), what a typed search means (BSN, onderwijsnummer, leerling-id,
 * the words of a name in any order, a birth date as 16-02-2014 or
 * 2014-02-16), and whether a pupil fits it. Also the rule "one child, one
 * record": which pupil of the registry a new registration would duplicate,
 * and the likely duplicates already in it. Pure functions on a dataset; who
 * may see a pupil found is access.c's business.
 */
#ifndef INBEELD_SEARCH_H
#define INBEELD_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/strbuf.h"
#include "dataset.h"
#include "date.h"

/* Fold text for comparison: ASCII lower case; the Latin letters with
 * accents (U+00C0-U+017F: é, ë, ï, ç, ş, ...) as their base letter, ı and İ
 * as i, ß as ss, æ as ae, œ as oe, ĳ as ij, ø as o, ł as l, đ as d, þ as th;
 * combining marks (U+0300-U+036F) left out; hyphens, apostrophes (also ’),
 * dots, commas and white space as one space between words, none at either
 * end. Other characters are kept as written. Writes at most cap - 1 bytes
 * and a NUL (cut at a character boundary); returns the length written. */
size_t name_fold(const char *in, char *out, size_t cap);

enum { SEARCH_MAX_WORDS = 8, SEARCH_WORD_LEN = 48, SEARCH_MAX_TEXT = 100 };

/* A search as typed, made sense of word by word: a date (DD-MM-JJJJ, also
 * with / or . and one-digit day or month, or JJJJ-MM-DD) is the birth date,
 * nine digits a BSN or onderwijsnummer, any other word (folded) a word of the
 * name or a part of the leerling-id. */
typedef struct search_query {
	day_t born;			/* DAY_NONE when no date was typed */
	char number[10];		/* nine digits typed, "" when none */
	/* The other words: folded (name_fold: "van-Wijk" is "van wijk"), and as
	 * typed in lower case (for the id). */
	char words[SEARCH_MAX_WORDS][SEARCH_WORD_LEN], typed[SEARCH_MAX_WORDS][SEARCH_WORD_LEN];
	size_t n_words;
} search_query;

/* Read what was typed. Returns 0, or -1 with a Dutch message in err when
 * there is nothing to search on, a word is a single letter only, there are
 * more than SEARCH_MAX_WORDS words, two different dates or numbers, or the
 * text is longer than SEARCH_MAX_TEXT. */
int search_parse(const char *typed, search_query *q, strbuf *err);

/* Whether a pupil fits: the birth date is the one typed, the number is its
 * BSN or onderwijsnummer (or its id), and every word is a part of its
 * leerling-id (case ignored) or each of its folded parts is the start of a
 * word of its names (voornaam and achternaam together, folded: "van wijk
 * mila" fits "Mila van Wijk"). */
bool search_fits(const search_query *q, const pupil *pu);

enum { SEARCH_NAME_LEN = 256 };
/* A pupil's names as search_fits compares them: "voornaam achternaam",
 * folded (at most cap - 1 bytes). A scan over a whole registry folds them
 * once (search_fits_name). */
void search_name(const pupil *pu, char *out, size_t cap);
/* search_fits with the pupil's names folded already (search_name). */
bool search_fits_name(const search_query *q, const pupil *pu, const char *name);

/* ---- one child, one record -------------------------------------------------------- */

typedef enum dup_kind {
	DUP_NONE,
	DUP_BSN,	     /* the same BSN under another leerling_id: refused */
	DUP_ONDERWIJSNUMMER, /* the same onderwijsnummer: refused */
	DUP_NAME_BIRTH,	     /* the same folded name and birth date: confirm first */
} dup_kind;

extern const char *const DUP_CODES[]; /* "", "bsn", "onderwijsnummer", "naam_geboortedatum" */

typedef struct dup_found {
	dup_kind kind;
	int32_t pupil; /* the pupil of the registry; NO_REF for DUP_NONE */
} dup_found;

/* The identity a new registration gives (NULL or "" when not given). */
typedef struct new_identity {
	const char *leerling_id, *bsn, *onderwijsnummer, *voornaam, *achternaam;
	day_t geboortedatum;
} new_identity;

/* Which pupil of ds (other than the id given) a new registration is about
 * already: the same BSN first, then the same onderwijsnummer, then the same
 * folded full name ("voornaam achternaam") with the same birth date (the
 * lowest leerling_id when several are). */
dup_found dup_check(const dataset *ds, const new_identity *n);

/* Whether two pupils are likely one child: different ids, the same birth
 * date and the same folded full name. */
bool dup_likely(const pupil *a, const pupil *b);

/* Whether the record gone may be merged into keep (one child registered
 * twice): not when they are one record, nor when both have a BSN, or both
 * an onderwijsnummer, and those differ - two children. False with the
 * reason in Dutch in why. */
bool dup_merge_allowed(const pupil *keep, const pupil *gone, strbuf *why);

/* The likely duplicates of ds, as groups of two or more pupils (dup_likely),
 * each group in leerling_id order and the groups by the first id. out gets
 * the pupil indices group after group, starts[g] the first index of group g
 * in out (starts[n_groups] = the end). Returns the number of groups, or
 * (size_t)-1 when memory ran out. Free *out and *starts with free(). */
size_t dup_groups(const dataset *ds, uint32_t **out, size_t **starts);

#endif
