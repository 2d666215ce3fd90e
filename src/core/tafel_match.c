/*
 * tafel_match.c - the SWV's own list matched to the registry. See tafel_match.h.
 */
#include "tafel_match.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ident.h"
#include "search.h"

const char *const OWN_COLUMN_NAMES[OC_COUNT] = {"bsn", "onderwijsnummer", "leerling_id", "naam", "voornaam",
						"achternaam", "geboortedatum", "categorie", "eerste_verzuimdag"};
const char *const OWN_COLUMN_LABELS[OC_COUNT] = {"BSN", "onderwijsnummer", "leerling-id", "naam", "voornaam",
						 "achternaam", "geboortedatum", "categorie", "eerste verzuimdag"};
const char *const OWN_MATCH_CODES[OM_COUNT] = {"bsn", "onderwijsnummer", "leerling_id", "voorstel", "onbekend"};

static bool same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
		if (x != y && !((x == ' ' || x == '-') && (y == '_' || y == '-' || y == ' ')))
			return false;
	}
	return !*a && !*b;
}

int own_header(const char *const *names, size_t n, int where[OC_COUNT], strbuf *err)
{
	for (int c = 0; c < OC_COUNT; c++)
		where[c] = -1;
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < OC_COUNT; c++)
			if (same_name(names[i], OWN_COLUMN_NAMES[c]) || same_name(names[i], OWN_COLUMN_LABELS[c])) {
				if (where[c] >= 0) {
					sb_printf(err, "de kolom %s komt twee keer voor", OWN_COLUMN_LABELS[c]);
					return -1;
				}
				where[c] = (int)i;
			}
	if (where[OC_BSN] < 0 && where[OC_ONDERWIJSNUMMER] < 0 && where[OC_LEERLING_ID] < 0 && where[OC_NAAM] < 0 &&
	    where[OC_ACHTERNAAM] < 0) {
		sb_puts(err, "de lijst heeft geen kolom BSN, onderwijsnummer, leerling-id of naam: geen leerling is te herkennen");
		return -1;
	}
	static const own_column NEEDED[] = {OC_GEBOORTEDATUM, OC_CATEGORIE, OC_EERSTE_VERZUIMDAG};
	for (size_t k = 0; k < sizeof NEEDED / sizeof NEEDED[0]; k++)
		if (where[NEEDED[k]] < 0) {
			sb_printf(err, "de kolom %s ontbreekt", OWN_COLUMN_LABELS[NEEDED[k]]);
			return -1;
		}
	return 0;
}

static void note(strbuf *msg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(strbuf *msg, const char *fmt, ...)
{
	if (msg->len)
		sb_puts(msg, "; ");
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(msg, fmt, ap);
	va_end(ap);
}

/* A date as JJJJ-MM-DD or, as Dutch spreadsheets write it, DD-MM-JJJJ. */
static int own_date(const char *s, day_t *out)
{
	size_t n = strlen(s);
	if (n == 10 && s[2] == '-' && s[5] == '-') {
		char iso[11] = {s[6], s[7], s[8], s[9], '-', s[3], s[4], '-', s[0], s[1], '\0'};
		return date_parse(iso, 10, out);
	}
	return date_parse(s, n, out);
}

static day_t date_field(const own_row *row, own_column c, strbuf *msg)
{
	day_t d = DAY_NONE;
	const char *s = row->text[c];
	if (!*s) {
		note(msg, "de %s ontbreekt", OWN_COLUMN_LABELS[c]);
	} else if (own_date(s, &d) != 0) {
		note(msg, "de %s is geen bestaande datum (JJJJ-MM-DD of DD-MM-JJJJ)", OWN_COLUMN_LABELS[c]);
		d = DAY_NONE;
	}
	return d;
}

void own_row_check(const own_row *row, own_fields *out, strbuf *msg)
{
	*out = (own_fields){.geboortedatum = DAY_NONE, .eerste_verzuimdag = DAY_NONE, .cat = CAT_COUNT};
	const char *bsn = row->text[OC_BSN], *onr = row->text[OC_ONDERWIJSNUMMER], *id = row->text[OC_LEERLING_ID];
	if (*bsn && !bsn_valid(bsn, strlen(bsn)))
		note(msg, "het %s klopt niet (9 cijfers die de elfproef doorstaan)", OWN_COLUMN_LABELS[OC_BSN]);
	else if (*bsn)
		out->bsn = bsn;
	if (*onr && !onderwijsnummer_valid(onr, strlen(onr)))
		note(msg, "het %s klopt niet", OWN_COLUMN_LABELS[OC_ONDERWIJSNUMMER]);
	else if (*onr)
		out->onderwijsnummer = onr;
	if (*id && strlen(id) > 64)
		note(msg, "het %s is langer dan 64 tekens", OWN_COLUMN_LABELS[OC_LEERLING_ID]);
	else if (*id)
		out->leerling_id = id;
	if (*row->text[OC_NAAM])
		snprintf(out->naam, sizeof out->naam, "%s", row->text[OC_NAAM]);
	else if (*row->text[OC_VOORNAAM] || *row->text[OC_ACHTERNAAM])
		snprintf(out->naam, sizeof out->naam, "%s%s%s", row->text[OC_VOORNAAM],
			 *row->text[OC_VOORNAAM] && *row->text[OC_ACHTERNAAM] ? " " : "", row->text[OC_ACHTERNAAM]);
	if (!*bsn && !*onr && !*id && !out->naam[0])
		note(msg, "geen BSN, onderwijsnummer, leerling-id of naam: de leerling is niet te herkennen");
	out->geboortedatum = date_field(row, OC_GEBOORTEDATUM, msg);
	out->eerste_verzuimdag = date_field(row, OC_EERSTE_VERZUIMDAG, msg);
	const char *cat = row->text[OC_CATEGORIE];
	if (!*cat)
		note(msg, "de %s ontbreekt", OWN_COLUMN_LABELS[OC_CATEGORIE]);
	else if ((out->cat = categorie_from_code(cat)) == CAT_COUNT)
		note(msg, "de %s is onbekend (zoals AV, LRV of LANGDURIG_ZIEK)", OWN_COLUMN_LABELS[OC_CATEGORIE]);
}

/* ---- names ------------------------------------------------------------------------ */

enum { MAX_WORDS = 12, WORD_LEN = 40 };

/* Split a name into its folded words (name_fold: case, accents, hyphens and
 * apostrophes as the search folds them, so "Özil-de Vries" in a list fits
 * "ozil de vries" in the registry). */
static size_t words(const char *s, char out[MAX_WORDS][WORD_LEN])
{
	char folded[MAX_WORDS * WORD_LEN];
	name_fold(s, folded, sizeof folded);
	size_t n = 0, len = 0;
	for (const char *c = folded;; c++) {
		if (!*c || *c == ' ') {
			if (len && n < MAX_WORDS)
				out[n++][len] = '\0';
			len = 0;
			if (!*c)
				return n;
			continue;
		}
		if (n < MAX_WORDS && len + 1 < WORD_LEN)
			out[n][len++] = *c;
	}
}

static bool has_word(char w[MAX_WORDS][WORD_LEN], size_t n, const char *word)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w[i], word) == 0)
			return true;
	return false;
}

bool own_name_fits(const char *naam, const char *voornaam, const char *achternaam)
{
	char given[MAX_WORDS][WORD_LEN], first[MAX_WORDS][WORD_LEN], last[MAX_WORDS][WORD_LEN];
	size_t ng = words(naam, given), nf = words(voornaam ? voornaam : "", first),
	       nl = words(achternaam ? achternaam : "", last);
	if (!ng || !nl)
		return false;
	for (size_t i = 0; i < nl; i++)
		if (!has_word(given, ng, last[i]))
			return false;
	/* With more words than the achternaam, the voornaam is one of them. */
	return ng <= nl || !nf || has_word(given, ng, first[0]);
}

/* ---- matching --------------------------------------------------------------------- */

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

void own_match_rows(const dataset *ds, const own_fields *rows, size_t n, own_match *out)
{
	/* rank: 0 bsn, 1 onderwijsnummer, 2 leerling_id, 3 suggestion, 4 nobody */
	for (size_t i = 0; i < n; i++)
		out[i] = (own_match){OM_ONBEKEND, NO_REF};
	for (size_t i = 0; i < n; i++)
		if (rows[i].leerling_id) {
			int32_t p = dataset_pupil(ds, rows[i].leerling_id, strlen(rows[i].leerling_id));
			if (p != NO_REF)
				out[i] = (own_match){OM_LEERLING_ID, p};
		}
	/* One pass over the registry for the identifiers and the names. */
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		const pupil *x = &PUPIL_AT(ds, p);
		for (size_t i = 0; i < n; i++) {
			const own_fields *r = &rows[i];
			own_match *m = &out[i];
			if (m->kind > OM_BSN && same(r->bsn, x->bsn))
				*m = (own_match){OM_BSN, (int32_t)p};
			else if (m->kind > OM_ONDERWIJSNUMMER && same(r->onderwijsnummer, x->onderwijsnummer))
				*m = (own_match){OM_ONDERWIJSNUMMER, (int32_t)p};
			else if (m->kind == OM_ONBEKEND && r->geboortedatum != DAY_NONE && r->naam[0] &&
				 x->geboortedatum == r->geboortedatum && own_name_fits(r->naam, x->voornaam, x->achternaam))
				*m = (own_match){OM_VOORSTEL, (int32_t)p};
			else if (m->kind == OM_VOORSTEL && x->geboortedatum == r->geboortedatum &&
				 strcmp(x->id, PUPIL_AT(ds, m->pupil).id) < 0 && own_name_fits(r->naam, x->voornaam, x->achternaam))
				m->pupil = (int32_t)p; /* the lowest id of several */
		}
	}
}
