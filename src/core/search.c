/*
 * search.c - folding names, reading a typed search and fitting pupils to it,
 * and the rule "one child, one record" (search.h).
 */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- folding ------------------------------------------------------------------------ */

/* The base letters of U+00C0-U+00FF and U+0100-U+017F. A digit stands for
 * more letters (FOLD_MORE) or, '0', for a character kept as written. */
static const char LATIN1[] = "aaaaaa3ceeeeiiiidnooooo0ouuuuy45"
			     "aaaaaa3ceeeeiiiidnooooo0ouuuuy4y";
static const char EXT_A[] = "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "11" "jj" "kkk"
			    "llllllllll" "nnnnnnnnn" "oooooo" "22" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww"
			    "yyy" "zzzzzz" "s";
static const char *const FOLD_MORE[] = {NULL, "ij", "oe", "ae", "th", "ss"};

_Static_assert(sizeof LATIN1 - 1 == 64, "U+00C0-U+00FF");
_Static_assert(sizeof EXT_A - 1 == 128, "U+0100-U+017F");

/* Decode one UTF-8 character at s (at least one byte); *len its bytes.
 * Returns the code point, or -1 for a byte that starts no valid character. */
static int32_t utf8_next(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	*len = 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80) {
		*len = 2;
		return (int32_t)(((s[0] & 0x1f) << 6) | (s[1] & 0x3f));
	}
	if (s[0] >= 0xe0 && s[0] <= 0xef && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
		int32_t c = (int32_t)(((s[0] & 0x0f) << 12) | ((s[1] & 0x3f) << 6) | (s[2] & 0x3f));
		if (c < 0x800)
			return -1;
		*len = 3;
		return c;
	}
	return -1;
}

static bool separator(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '\'' || c == '.' || c == ',' ||
	       c == '`' || c == 0xa0 || c == 0xb4 || (c >= 0x2010 && c <= 0x2015) || c == 0x2018 || c == 0x2019;
}

/* What c folds to: a letter in *one, or a string (NULL: keep as written). */
static const char *fold_char(int32_t c, char *one)
{
	char k = 0;
	if (c >= 'A' && c <= 'Z')
		k = (char)(c - 'A' + 'a');
	else if (c >= 0xc0 && c <= 0xff)
		k = LATIN1[c - 0xc0];
	else if (c >= 0x100 && c <= 0x17f)
		k = EXT_A[c - 0x100];
	else if (c >= 0x218 && c <= 0x21b) /* Ș ș Ț ț */
		k = c < 0x21a ? 's' : 't';
	if (k == 0 || k == '0')
		return NULL;
	if (k >= '1' && k <= '5')
		return FOLD_MORE[k - '0'];
	one[0] = k;
	one[1] = '\0';
	return one;
}

/* Fold in after the n bytes already in out (cap > n); *space says a
 * separator is pending. The search folds every name of the registry: ASCII
 * takes the short way. */
static void fold_append(const char *in, char *out, size_t cap, size_t *n, bool *space)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t k = *n;
	bool sp = *space;
	while (*s) {
		unsigned char b = *s;
		if (b < 0x80 && b != '-' && b != '\'' && b != '.' && b != ',' && b != '`' && b > ' ') {
			if (k + sp + 1 >= cap)
				break;
			if (sp)
				out[k++] = ' ';
			sp = false;
			out[k++] = (char)(b >= 'A' && b <= 'Z' ? b | 0x20 : b);
			s++;
			continue;
		}
		size_t len;
		int32_t c = utf8_next(s, &len);
		if (c >= 0 && separator(c)) {
			sp = k > 0;
			s += len;
			continue;
		}
		if (c >= 0x300 && c <= 0x36f) { /* a combining mark */
			s += len;
			continue;
		}
		char one[2];
		const char *f = c >= 0 ? fold_char(c, one) : NULL;
		size_t flen = f ? strlen(f) : len;
		if (k + sp + flen >= cap)
			break;
		if (sp)
			out[k++] = ' ';
		sp = false;
		memcpy(out + k, f ? f : (const char *)s, flen);
		k += flen;
		s += len;
	}
	out[k] = '\0';
	*n = k;
	*space = sp;
}

size_t name_fold(const char *in, char *out, size_t cap)
{
	if (!cap)
		return 0;
	size_t n = 0;
	bool space = false;
	out[0] = '\0';
	fold_append(in, out, cap, &n, &space);
	return n;
}

/* ---- a typed search ----------------------------------------------------------------- */

/* A birth date as typed: D-M-JJJJ with -, / or . (one or two digits for day
 * and month), or JJJJ-MM-DD. */
static bool typed_date(const char *w, size_t len, day_t *out)
{
	if (date_parse(w, len, out) == 0)
		return true;
	int part[3] = {0, 0, 0}, digits[3] = {0, 0, 0}, k = 0;
	char sep = 0;
	for (size_t i = 0; i < len; i++) {
		char c = w[i];
		if (c >= '0' && c <= '9') {
			if (++digits[k] > 4)
				return false;
			part[k] = part[k] * 10 + (c - '0');
		} else if ((c == '-' || c == '/' || c == '.') && k < 2 && digits[k] && (!sep || sep == c)) {
			sep = c;
			k++;
		} else {
			return false;
		}
	}
	if (k != 2 || digits[0] > 2 || digits[1] > 2 || digits[2] != 4 || !civil_valid(part[2], part[1], part[0]))
		return false;
	*out = day_from_civil(part[2], part[1], part[0]);
	return true;
}

int search_parse(const char *typed, search_query *q, strbuf *err)
{
	*q = (search_query){.born = DAY_NONE};
	if (!typed || strlen(typed) > SEARCH_MAX_TEXT) {
		sb_printf(err, "een zoekopdracht is hoogstens %d tekens lang", SEARCH_MAX_TEXT);
		return -1;
	}
	for (const char *s = typed; *s;) {
		size_t skip = strspn(s, " \t,"), len;
		s += skip;
		len = strcspn(s, " \t,");
		if (!len)
			break;
		day_t d;
		if (len == 9 && strspn(s, "0123456789") >= 9) {
			if (q->number[0] && strncmp(q->number, s, 9) != 0) {
				sb_printf(err, "zoek op één BSN of onderwijsnummer tegelijk");
				return -1;
			}
			memcpy(q->number, s, 9);
			q->number[9] = '\0';
		} else if (typed_date(s, len, &d)) {
			if (q->born != DAY_NONE && q->born != d) {
				sb_printf(err, "zoek op één geboortedatum tegelijk");
				return -1;
			}
			q->born = d;
		} else {
			if (q->n_words == SEARCH_MAX_WORDS) {
				sb_printf(err, "zoek op hoogstens %d woorden", SEARCH_MAX_WORDS);
				return -1;
			}
			char word[SEARCH_MAX_TEXT + 1];
			snprintf(word, sizeof word, "%.*s", (int)len, s);
			char *t = q->typed[q->n_words];
			snprintf(t, SEARCH_WORD_LEN, "%.*s", SEARCH_WORD_LEN - 1, word); /* a longer word: its start */
			for (; *t; t++)
				*t = *t >= 'A' && *t <= 'Z' ? (char)(*t | 0x20) : *t;
			if (name_fold(word, q->words[q->n_words], SEARCH_WORD_LEN))
				q->n_words++;
		}
		s += len;
	}
	if (!q->number[0] && q->born == DAY_NONE && !q->n_words) {
		sb_printf(err, "vul een naam, geboortedatum, BSN, onderwijsnummer of leerling-id in");
		return -1;
	}
	for (size_t i = 0; i < q->n_words; i++)
		if (strlen(q->words[i]) < 2 && !(q->words[i][0] >= '0' && q->words[i][0] <= '9')) { /* "M" */
			sb_printf(err, "zoek op woorden van minstens twee letters (niet alleen '%s')", q->words[i]);
			return -1;
		}
	return 0;
}

/* Whether each part of w (folded: words separated by one space) is the
 * start of a word of the folded names. */
static bool starts_words(const char *names, const char *w)
{
	for (; *w;) {
		size_t n = strcspn(w, " ");
		bool hit = false;
		for (const char *p = names; *p && !hit;) {
			hit = strncmp(p, w, n) == 0;
			const char *sp = strchr(p, ' ');
			if (!sp)
				break;
			p = sp + 1;
		}
		if (!hit)
			return false;
		w += n + (w[n] == ' ');
	}
	return true;
}

/* Whether w (in lower case) is a part of the id, case ignored. */
static bool part_of_id(const char *id, const char *w)
{
	size_t n = strlen(w);
	for (const char *h = id; *h; h++) {
		size_t i = 0;
		while (i < n && h[i] && (h[i] >= 'A' && h[i] <= 'Z' ? h[i] | 0x20 : h[i]) == w[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

void search_name(const pupil *pu, char *out, size_t cap)
{
	size_t n = 0;
	bool space = false;
	out[0] = '\0';
	fold_append(pu->voornaam, out, cap, &n, &space);
	space = n > 0;
	fold_append(pu->achternaam, out, cap, &n, &space);
}

bool search_fits_name(const search_query *q, const pupil *pu, const char *name)
{
	if (q->born != DAY_NONE && pu->geboortedatum != q->born)
		return false;
	if (q->number[0] && !(pu->bsn && strcmp(pu->bsn, q->number) == 0) &&
	    !(pu->onderwijsnummer && strcmp(pu->onderwijsnummer, q->number) == 0) && strcmp(pu->id, q->number) != 0)
		return false;
	for (size_t i = 0; i < q->n_words; i++)
		if (!part_of_id(pu->id, q->typed[i]) && !starts_words(name, q->words[i]))
			return false;
	return true;
}

bool search_fits(const search_query *q, const pupil *pu)
{
	char name[SEARCH_NAME_LEN] = "";
	if (q->n_words)
		search_name(pu, name, sizeof name);
	return search_fits_name(q, pu, name);
}

/* ---- one child, one record -------------------------------------------------------- */

const char *const DUP_CODES[] = {"", "bsn", "onderwijsnummer", "naam_geboortedatum"};

static bool same_text(const char *a, const char *b)
{
	return a && b && *a && strcmp(a, b) == 0;
}

dup_found dup_check(const dataset *ds, const new_identity *n)
{
	dup_found best = {DUP_NONE, NO_REF};
	char want[SEARCH_NAME_LEN] = "";
	if (n->voornaam || n->achternaam) {
		pupil as_given = {.voornaam = n->voornaam, .achternaam = n->achternaam};
		search_name(&as_given, want, sizeof want);
	}
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		const pupil *x = &PUPIL_AT(ds, p);
		if (n->leerling_id && strcmp(x->id, n->leerling_id) == 0)
			continue;
		dup_kind k = same_text(n->bsn, x->bsn)				 ? DUP_BSN
			     : same_text(n->onderwijsnummer, x->onderwijsnummer) ? DUP_ONDERWIJSNUMMER
										 : DUP_NONE;
		if (k == DUP_NONE && want[0] && n->geboortedatum != DAY_NONE && x->geboortedatum == n->geboortedatum) {
			char have[SEARCH_NAME_LEN];
			search_name(x, have, sizeof have);
			if (strcmp(have, want) == 0)
				k = DUP_NAME_BIRTH;
		}
		if (k == DUP_NONE)
			continue;
		/* The strongest kind wins; within a kind, the lowest id. */
		if (best.kind == DUP_NONE || k < best.kind ||
		    (k == best.kind && strcmp(x->id, PUPIL_AT(ds, best.pupil).id) < 0))
			best = (dup_found){k, (int32_t)p};
	}
	return best;
}

bool dup_likely(const pupil *a, const pupil *b)
{
	if (strcmp(a->id, b->id) == 0 || a->geboortedatum != b->geboortedatum || a->geboortedatum == DAY_NONE)
		return false;
	char fa[SEARCH_NAME_LEN], fb[SEARCH_NAME_LEN];
	search_name(a, fa, sizeof fa);
	search_name(b, fb, sizeof fb);
	return fa[0] && strcmp(fa, fb) == 0;
}

static bool both_differ(const char *a, const char *b)
{
	return a && *a && b && *b && strcmp(a, b) != 0;
}

bool dup_merge_allowed(const pupil *keep, const pupil *gone, strbuf *why)
{
	if (strcmp(keep->id, gone->id) == 0) {
		sb_printf(why, "een leerling kan niet met zichzelf worden samengevoegd");
		return false;
	}
	if (both_differ(keep->bsn, gone->bsn) || both_differ(keep->onderwijsnummer, gone->onderwijsnummer)) {
		sb_printf(why, "de leerlingen %s en %s hebben elk een ander %s: het zijn twee kinderen", keep->id, gone->id,
			  both_differ(keep->bsn, gone->bsn) ? "BSN" : "onderwijsnummer");
		return false;
	}
	return true;
}

/* A pupil's key for grouping: the birth date and a hash of the folded name
 * (equal names have equal keys; dup_likely decides). */
typedef struct dup_key {
	day_t born;
	uint64_t hash;
	uint32_t pupil;
} dup_key;

static int key_cmp(const void *a, const void *b)
{
	const dup_key *x = a, *y = b;
	if (x->born != y->born)
		return x->born < y->born ? -1 : 1;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->pupil < y->pupil ? -1 : x->pupil > y->pupil;
}

/* The groups are sorted by their first id; ids_of gives that id. */
typedef struct group_ref {
	const char *first;
	size_t start, n;
} group_ref;

static int group_cmp(const void *a, const void *b)
{
	return strcmp(((const group_ref *)a)->first, ((const group_ref *)b)->first);
}

static int id_cmp_ds(const dataset *ds, uint32_t a, uint32_t b)
{
	return strcmp(PUPIL_AT(ds, a).id, PUPIL_AT(ds, b).id);
}

size_t dup_groups(const dataset *ds, uint32_t **out, size_t **starts)
{
	*out = NULL;
	*starts = NULL;
	dup_key *k = malloc((ds->n_pupils + 1) * sizeof *k);
	uint32_t *members = malloc((ds->n_pupils + 1) * sizeof *members);
	group_ref *g = malloc((ds->n_pupils / 2 + 1) * sizeof *g);
	size_t nk = 0, nm = 0, ng = 0;
	if (!k || !members || !g) {
		free(k);
		free(members);
		free(g);
		return (size_t)-1;
	}
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		const pupil *x = &PUPIL_AT(ds, p);
		if (x->geboortedatum == DAY_NONE)
			continue;
		char f[SEARCH_NAME_LEN];
		search_name(x, f, sizeof f);
		if (!f[0])
			continue;
		uint64_t h = 1469598103934665603ULL; /* FNV-1a */
		for (const unsigned char *c = (const unsigned char *)f; *c; c++)
			h = (h ^ *c) * 1099511628211ULL;
		k[nk++] = (dup_key){x->geboortedatum, h, p};
	}
	qsort(k, nk, sizeof *k, key_cmp);
	for (size_t i = 0; i < nk;) {
		size_t j = i + 1;
		while (j < nk && k[j].born == k[i].born && k[j].hash == k[i].hash)
			j++;
		/* Within a run of equal keys, the pupils that are likely the first
		 * one (a hash collision of different names stays apart). */
		for (size_t a = i; a < j; a++) {
			if (k[a].pupil == UINT32_MAX)
				continue;
			size_t start = nm;
			members[nm++] = k[a].pupil;
			for (size_t b = a + 1; b < j; b++)
				if (k[b].pupil != UINT32_MAX && dup_likely(&PUPIL_AT(ds, k[a].pupil), &PUPIL_AT(ds, k[b].pupil))) {
					members[nm++] = k[b].pupil;
					k[b].pupil = UINT32_MAX;
				}
			if (nm - start < 2) {
				nm = start;
				continue;
			}
			/* In id order (a group is small: insertion sort). */
			for (size_t x = start + 1; x < nm; x++)
				for (size_t y = x; y > start && id_cmp_ds(ds, members[y - 1], members[y]) > 0; y--) {
					uint32_t t = members[y];
					members[y] = members[y - 1];
					members[y - 1] = t;
				}
			g[ng++] = (group_ref){PUPIL_AT(ds, members[start]).id, start, nm - start};
		}
		i = j;
	}
	free(k);
	qsort(g, ng, sizeof *g, group_cmp);
	uint32_t *sorted = malloc((nm + 1) * sizeof *sorted);
	size_t *st = malloc((ng + 1) * sizeof *st);
	if (!sorted || !st) {
		free(sorted);
		free(st);
		free(members);
		free(g);
		return (size_t)-1;
	}
	size_t m = 0;
	for (size_t i = 0; i < ng; i++) {
		st[i] = m;
		memcpy(sorted + m, members + g[i].start, g[i].n * sizeof *sorted);
		m += g[i].n;
	}
	st[ng] = m;
	free(members);
	free(g);
	*out = sorted;
	*starts = st;
	return ng;
}
