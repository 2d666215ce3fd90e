/*
 * write.c - writing the dataset folder: every life as rows of the per-pupil
 * files (with a BSN or onderwijsnummer that passes the core's check), and the
 * reference files of the part of the country the pupils live in.
 */
#include "write.h"

#include <stdlib.h>
#include <string.h>

#include "../core/ident.h"
#include "casework.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"

/* ---- identifiers -------------------------------------------------------- */

/* Complete the 7 digits in out with the t-th (0 <= t < 9) eighth digit for
 * which a check digit makes valid() hold, and that check digit (the core's
 * 11-proef, ident.h). The 8th digit weighs 2 and the check digit -1, so the
 * check digit one 8th digit up needs 2 more (modulo 11); it cannot be 10.
 * Of the ten 8th digits at most one has none, so nine always do. */
static void complete(char out[10], unsigned t, bool (*valid)(const char *, size_t))
{
	out[7] = '0';
	out[9] = '\0';
	int need = 10; /* the check digit an 8th digit 0 needs */
	for (char d9 = '0'; d9 <= '9' && need == 10; d9++) {
		out[8] = d9;
		if (valid(out, 9))
			need = d9 - '0';
	}
	for (int d8 = 0; d8 < 10; d8++, need = (need + 2) % 11)
		if (need < 10 && t-- == 0) {
			out[7] = (char)('0' + d8);
			out[8] = (char)('0' + need);
			return;
		}
}

/* The BSN of the child numbered k: 7-digit prefixes walked through by a
 * fixed permutation (so they look random), nine numbers to a prefix. The
 * number depends on k alone, so a child keeps its BSN in every extract of a
 * series, and distinct k give distinct numbers. */
static void bsn_of(uint64_t k, char out[10])
{
	uint64_t p = 1000000 + ((k / 9) * 48271u + 1234567u) % 9000000u;
	for (int i = 6; i >= 0; i--) {
		out[i] = (char)('0' + p % 10);
		p /= 10;
	}
	complete(out, (unsigned)(k % 9), bsn_valid);
}

/* Onderwijsnummers: "10", five digits by a permutation of k / 9, completed as
 * a BSN is (the onderwijsnummer's check: the weighted sum is 5 modulo 11). */
static void onderwijsnummer_of(uint64_t k, char out[10])
{
	uint64_t p = ((k / 9) * 7919u + 4242u) % 100000u;
	out[0] = '1', out[1] = '0';
	for (int i = 6; i >= 2; i--) {
		out[i] = (char)('0' + p % 10);
		p /= 10;
	}
	complete(out, (unsigned)(k % 9), onderwijsnummer_valid);
}

/* ---- writing ------------------------------------------------------------ */

/* Create the file of table t with its header (the columns of SPEC 3.1, as
 * the core names them). */
static int open_table(outfile *o, const char *dir, table_id t)
{
	strbuf header = STRBUF_INIT;
	for (int i = 0; i < TABLES[t].ncols; i++)
		sb_printf(&header, "%s%s", i ? "," : "", TABLES[t].cols[i]);
	int rc = of_open(o, dir, TABLES[t].file, sb_str(&header));
	sb_free(&header);
	return rc;
}

static void school_fields(writer *w, outfile *o, int32_t site)
{
	const ref_school *s = &w->r->school[site];
	of_raw(o, s->brin, 4);
	of_char(o, ',');
	of_raw(o, s->vest, 2);
	w->used_school[site] = true;
}

void write_life(writer *w, const life *L, uint64_t number, uint64_t onr)
{
	char id[16];
	snprintf(id, sizeof id, "L%08llu", (unsigned long long)number + 1);
	w->pupils++;
	outfile *o = &w->f[PUPIL_FILE(T_LEERLINGEN)];
	char num[10];
	of_str(o, id);
	of_char(o, ',');
	if (!L->onderwijsnummer) {
		bsn_of(number, num);
		of_str(o, num);
		of_str(o, ",,");
	} else {
		of_char(o, ',');
		onderwijsnummer_of(onr, num);
		of_str(o, num);
		of_char(o, ',');
	}
	of_date(o, L->birth);
	of_char(o, ',');
	of_text(o, L->voornaam);
	of_char(o, ',');
	of_text(o, L->achternaam);
	of_char(o, ',');
	of_date(o, L->startkwal);
	of_row_end(o);
	if (w->tags) {
		fputs(id, w->tags);
		for (int t = 0; t < TAG_COUNT; t++)
			if (L->tags & 1u << t)
				fprintf(w->tags, ",%s", LIFE_TAGS[t]);
		fputc('\n', w->tags);
	}
	if (w->cases)
		casework_write(w->cases, w->r, w->hol, w->stand, w->seed, L, id, number);

	o = &w->f[PUPIL_FILE(T_WOONADRESSEN)];
	for (size_t i = 0; i < L->n_res; i++) {
		const residence *r = &L->res[i];
		of_str(o, id);
		of_char(o, ',');
		of_str(o, w->r->gem[r->gemeente].code);
		w->used_gem[r->gemeente] = true;
		of_char(o, ',');
		of_date(o, r->van);
		of_char(o, ',');
		of_date(o, r->tot);
		of_str(o, r->in_onderzoek ? ",1" : ",0");
		of_row_end(o);
	}
	o = &w->f[PUPIL_FILE(T_INSCHRIJVINGEN)];
	for (size_t i = 0; i < L->n_enr; i++) {
		const enrolment *e = &L->enr[i];
		of_str(o, id);
		of_char(o, ',');
		school_fields(w, o, e->school);
		of_char(o, ',');
		of_date(o, e->van);
		of_char(o, ',');
		of_date(o, e->tot);
		of_row_end(o);
	}
	o = &w->f[PUPIL_FILE(T_VERZUIM)];
	for (size_t i = 0; i < L->n_abs; i++) {
		const absence *a = &L->abs[i];
		of_str(o, id);
		of_char(o, ',');
		school_fields(w, o, a->school);
		of_char(o, ',');
		of_str(o, VERZUIM_NAMES[a->soort]);
		of_char(o, ',');
		of_date(o, a->van);
		of_char(o, ',');
		of_date(o, a->tot);
		of_char(o, ',');
		of_hours(o, a->uren);
		of_row_end(o);
	}
	o = &w->f[PUPIL_FILE(T_VRIJSTELLINGEN)];
	for (size_t i = 0; i < L->n_vrij; i++) {
		const vrijstelling *v = &L->vrij[i].fact;
		of_str(o, id);
		of_char(o, ',');
		of_str(o, v->grond);
		of_char(o, ',');
		of_str(o, STATUS_NAMES[v->status]);
		of_char(o, ',');
		of_date(o, v->aanvraag);
		of_char(o, ',');
		of_date(o, v->van);
		of_char(o, ',');
		of_date(o, v->tot);
		of_row_end(o);
	}
	o = &w->f[PUPIL_FILE(T_MELDINGEN)];
	for (size_t i = 0; i < L->n_meld; i++) {
		const melding *m = &L->meld[i];
		of_str(o, id);
		of_char(o, ',');
		school_fields(w, o, m->school);
		of_char(o, ',');
		of_date(o, m->datum_melding);
		of_char(o, ',');
		of_date(o, m->eerste_verzuimdag);
		of_char(o, ',');
		of_str(o, m->soort);
		of_row_end(o);
	}
	o = &w->f[PUPIL_FILE(T_AANBOD)];
	for (size_t i = 0; i < L->n_aan; i++) {
		const aanbod *a = &L->aan[i];
		of_str(o, id);
		of_char(o, ',');
		of_date(o, a->datum);
		of_char(o, ',');
		of_date(o, a->plaats_per);
		of_char(o, ',');
		of_str(o, AANBOD_NAMES[a->soort]);
		of_row_end(o);
	}
}

/* The reference files: the whole country, or for a subset its gemeenten and
 * every gemeente, school and SWV its pupils refer to. */
int write_reference(const char *dir, const ref *r, const scale *sc, writer *w, const holiday_list *hol)
{
	bool *gem = xcalloc(r->n_gem, sizeof *gem), *swv_used = xcalloc(r->n_swv ? r->n_swv : 1, sizeof *swv_used);
	bool *site = xcalloc(r->n_school, sizeof *site);
	for (size_t i = 0; i < r->n_school; i++)
		site[i] = !sc->subset || w->used_school[i] || sc->selected[r->school[i].gem];
	for (size_t g = 0; g < r->n_gem; g++)
		gem[g] = !sc->subset || sc->selected[g] || w->used_gem[g];
	for (size_t i = 0; i < r->n_school; i++)
		if (site[i]) {
			gem[r->school[i].gem] = true;
			if (r->school[i].swv_po >= 0)
				swv_used[r->school[i].swv_po] = true;
			if (r->school[i].swv_vo >= 0)
				swv_used[r->school[i].swv_vo] = true;
		}
	for (size_t i = 0; i < r->n_pairs; i++)
		if (!sc->subset || sc->selected[r->pairs[i].gem])
			swv_used[r->pairs[i].swv] = true;

	outfile o;
	int rc = 0;
	if (open_table(&o, dir, T_GEMEENTEN))
		return -1;
	for (size_t g = 0; g < r->n_gem; g++)
		if (gem[g]) {
			of_str(&o, r->gem[g].code);
			of_char(&o, ',');
			of_text(&o, r->gem[g].naam);
			of_row_end(&o);
		}
	rc |= of_close(&o);

	if (open_table(&o, dir, T_SWV))
		return -1;
	for (size_t s = 0; s < r->n_swv; s++)
		if (swv_used[s]) {
			of_str(&o, r->swv[s].code);
			of_char(&o, ',');
			of_text(&o, r->swv[s].naam);
			of_char(&o, ',');
			of_str(&o, SECTOR_NAMES[r->swv[s].sector]);
			of_row_end(&o);
		}
	rc |= of_close(&o);

	if (open_table(&o, dir, T_SWV_GEMEENTEN))
		return -1;
	for (size_t i = 0; i < r->n_pairs; i++)
		if (swv_used[r->pairs[i].swv] && gem[r->pairs[i].gem]) {
			of_str(&o, r->swv[r->pairs[i].swv].code);
			of_char(&o, ',');
			of_str(&o, r->gem[r->pairs[i].gem].code);
			of_row_end(&o);
		}
	rc |= of_close(&o);

	if (open_table(&o, dir, T_SCHOLEN))
		return -1;
	for (size_t i = 0; i < r->n_school; i++) {
		const ref_school *s = &r->school[i];
		if (!site[i])
			continue;
		of_raw(&o, s->brin, 4);
		of_char(&o, ',');
		of_raw(&o, s->vest, 2);
		of_char(&o, ',');
		of_text(&o, s->naam);
		of_char(&o, ',');
		of_str(&o, SOORT_NAMES[s->soort]);
		of_char(&o, ',');
		of_str(&o, r->gem[s->gem].code);
		of_char(&o, ',');
		if (s->swv_po >= 0)
			of_str(&o, r->swv[s->swv_po].code);
		of_char(&o, ',');
		if (s->swv_vo >= 0)
			of_str(&o, r->swv[s->swv_vo].code);
		of_row_end(&o);
	}
	rc |= of_close(&o);

	if (open_table(&o, dir, T_VAKANTIEREGIOS))
		return -1;
	for (size_t g = 0; g < r->n_gem; g++)
		if (gem[g]) {
			of_str(&o, r->gem[g].code);
			of_char(&o, ',');
			of_str(&o, REGIO_NAMES[r->gem[g].regio]);
			of_row_end(&o);
		}
	rc |= of_close(&o);

	if (open_table(&o, dir, T_VAKANTIES))
		return -1;
	for (size_t i = 0; i < hol->n; i++) {
		of_str(&o, REGIO_NAMES[hol->items[i].regio]);
		of_char(&o, ',');
		of_text(&o, hol->items[i].naam);
		of_char(&o, ',');
		of_date(&o, hol->items[i].van);
		of_char(&o, ',');
		of_date(&o, hol->items[i].tot);
		of_row_end(&o);
	}
	rc |= of_close(&o);
	free(gem);
	free(swv_used);
	free(site);
	return rc ? -1 : 0;
}

int writer_open(writer *w, const ref *r, const char *dir, day_t first, day_t last)
{
	*w = (writer){.r = r};
	w->used_school = xcalloc(r->n_school, sizeof *w->used_school);
	w->used_gem = xcalloc(r->n_gem, sizeof *w->used_gem);
	date_texts_build(&w->dates, first, last);
	hour_texts_build(&w->hours);
	int rc = 0;
	for (int f = 0; f < PUPIL_FILES && !rc; f++) {
		rc = open_table(&w->f[f], dir, (table_id)(T_LEERLINGEN + f));
		w->f[f].dates = &w->dates;
		w->f[f].hours = &w->hours;
	}
	return rc;
}

int writer_close(writer *w)
{
	int rc = 0;
	for (int f = 0; f < PUPIL_FILES; f++)
		if (w->f[f].fp && of_close(&w->f[f]) != 0)
			rc = 1;
	return rc;
}

void writer_free(writer *w)
{
	date_texts_free(&w->dates);
	hour_texts_free(&w->hours);
	free(w->used_school);
	free(w->used_gem);
	w->used_school = w->used_gem = NULL;
}
