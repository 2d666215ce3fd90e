/*
 * write.c - writing the dataset folder: every life as rows of the per-pupil
 * files (with a BSN or onderwijsnummer that passes the core's check), and the
 * reference files of the part of the country the pupils live in.
 */
#include "write.h"

#include <stdlib.h>
#include <string.h>

#include "../core/ident.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"

/* ---- identifiers -------------------------------------------------------- */

/* Complete the 8 digits in out with the check digit that makes valid()
 * hold (the core's 11-proef, ident.h). At most one digit does: false when
 * none does. */
static bool complete_check_digit(char out[10], bool (*valid)(const char *, size_t))
{
	out[9] = '\0';
	for (char d = '0'; d <= '9'; d++) {
		out[8] = d;
		if (valid(out, 9))
			return true;
	}
	return false;
}

/* BSNs: 8-digit prefixes walked through by a fixed permutation (so they look
 * random), each completed with the digit that makes the 11-proef hold;
 * prefixes for which no digit does are skipped. Distinct prefixes give
 * distinct numbers, so every BSN is unique. */
static void next_bsn(uint64_t *counter, char out[10])
{
	do {
		uint64_t p = 10000000 + (*counter * 48271u + 1234567u) % 90000000u;
		(*counter)++;
		for (int i = 7; i >= 0; i--) {
			out[i] = (char)('0' + p % 10);
			p /= 10;
		}
	} while (!complete_check_digit(out, bsn_valid));
}

/* Onderwijsnummers: "10" and six digits, completed with the digit of the
 * onderwijsnummer's check (the weighted sum is 5 modulo 11). */
static void next_onderwijsnummer(uint64_t *counter, char out[10])
{
	do {
		uint64_t p = (*counter * 7919u + 4242u) % 1000000u;
		(*counter)++;
		out[0] = '1', out[1] = '0';
		for (int i = 7; i >= 2; i--) {
			out[i] = (char)('0' + p % 10);
			p /= 10;
		}
	} while (!complete_check_digit(out, onderwijsnummer_valid));
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

void write_life(writer *w, const life *L)
{
	char id[16];
	snprintf(id, sizeof id, "L%08llu", (unsigned long long)++w->pupils);
	outfile *o = &w->f[PUPIL_FILE(T_LEERLINGEN)];
	char num[10];
	of_str(o, id);
	of_char(o, ',');
	if (!L->onderwijsnummer) {
		next_bsn(&w->bsn_counter, num);
		of_str(o, num);
		of_str(o, ",,");
	} else {
		of_char(o, ',');
		next_onderwijsnummer(&w->onr_counter, num);
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

int writer_open(writer *w, const ref *r, const char *dir)
{
	*w = (writer){.r = r};
	w->used_school = xcalloc(r->n_school, sizeof *w->used_school);
	w->used_gem = xcalloc(r->n_gem, sizeof *w->used_gem);
	int rc = 0;
	for (int f = 0; f < PUPIL_FILES && !rc; f++)
		rc = open_table(&w->f[f], dir, (table_id)(T_LEERLINGEN + f));
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
	free(w->used_school);
	free(w->used_gem);
	w->used_school = w->used_gem = NULL;
}
