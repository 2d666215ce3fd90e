/*
 * facts.c - the fact builder: its life cycle and the order of the tables
 * (see facts.h; the rows themselves are checked in facts_ref.c and
 * facts_pupil.c, with the field checks of facts_fields.c; the messages are
 * collected by facts_errors.c).
 */
#include "facts_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "sort.h"

/* ---- the builder -------------------------------------------------------- */

builder *builder_new(unsigned flags)
{
	builder *b = xcalloc(1, sizeof *b);
	b->flags = flags;
	dataset *ds = b->ds = xcalloc(1, sizeof *ds);
	ds->gemeente_by_num = xmalloc(10000 * sizeof(int32_t));
	ds->swv_by_num = xmalloc(20000 * sizeof(int32_t));
	for (int i = 0; i < 10000; i++)
		ds->gemeente_by_num[i] = NO_REF;
	for (int i = 0; i < 20000; i++)
		ds->swv_by_num[i] = NO_REF;
	b->code_line = xcalloc(20000, sizeof *b->code_line);
	for (int k = 0; k < F_COUNT; k++)
		b->facts[k].last_pupil = UINT32_MAX;
	b->pupils_sorted = true;
	return b;
}

void builder_only_pupil(builder *b, const char *id)
{
	free(b->only);
	b->only = xstrdup(id);
	b->only_len = strlen(id);
}

void builder_reserve(builder *b, table_id t, size_t rows)
{
	dataset *ds = b->ds;
	if (t == T_LEERLINGEN) {
		ds->pupils = xgrow(ds->pupils, &b->cap_pupils, rows, sizeof *ds->pupils);
		b->pupil_line = xgrow(b->pupil_line, &b->cap_pupil_line, rows, sizeof *b->pupil_line);
		return;
	}
	fact_kind k = fb_fact_of(t);
	if (k == F_COUNT)
		return;
	fact_table *ft = &b->facts[k].t;
	ft->rows = xgrow(ft->rows, &ft->cap, rows, FACT_SIZE[k]);
	if (fb_needs_lines(k))
		ft->line = xgrow(ft->line, &ft->cap_line, rows, sizeof *ft->line);
}

void builder_begin_table(builder *b, table_id t)
{
	if (b->on_reference && fb_is_reference(t))
		return; /* built already; its rows are refused (builder_row) */
	b->state[t] = 1;
	fb_bytes_begin(b, t);
	if (t == T_VAKANTIEREGIOS) {
		b->regio_line = xcalloc(b->ds->n_gemeenten ? b->ds->n_gemeenten : 1, sizeof *b->regio_line);
	}
}

bool builder_row(builder *b, table_id t, const field *f, uint32_t line)
{
	if (b->on_reference && fb_is_reference(t))
		return fb_reject(b, t, line, -1, "%s ligt vast: de referentiegegevens veranderen alleen door een import",
				 TABLES[t].name);
	if (TABLES[t].per_pupil) {
		if (fb_only_skips(b, f[0]))
			return true;
		if (b->state[T_LEERLINGEN] != 2)
			return false; /* no pupils to refer to; the reader reported why */
	}
	switch (t) {
	case T_GEMEENTEN: return fb_row_gemeente(b, f, line);
	case T_SWV: return fb_row_swv(b, f, line);
	case T_SWV_GEMEENTEN: return fb_row_swv_gemeente(b, f, line);
	case T_SCHOLEN: return fb_row_school(b, f, line);
	case T_VAKANTIEREGIOS: return fb_row_vakantieregio(b, f, line);
	case T_VAKANTIES: return fb_row_vakantie(b, f, line);
	case T_LEERLINGEN: return fb_row_leerling(b, f, line);
	case T_WOONADRESSEN: return fb_row_woonadres(b, f, line);
	case T_INSCHRIJVINGEN: return fb_row_inschrijving(b, f, line);
	case T_VERZUIM: return fb_row_verzuim(b, f, line);
	case T_VRIJSTELLINGEN: return fb_row_vrijstelling(b, f, line);
	case T_MELDINGEN: return fb_row_melding(b, f, line);
	case T_AANBOD: return fb_row_aanbod(b, f, line);
	case T_COUNT: break;
	}
	return false;
}

void builder_end_table(builder *b, table_id t)
{
	if (b->state[t] == 2)
		return;
	b->state[t] = 2;
	switch (t) {
	case T_GEMEENTEN: fb_end_gemeenten(b); break;
	case T_SWV: fb_end_swv(b); break;
	case T_SWV_GEMEENTEN: fb_end_swv_gemeenten(b); break;
	case T_SCHOLEN: fb_end_scholen(b); break;
	case T_VAKANTIEREGIOS:
		free(b->regio_line);
		b->regio_line = NULL;
		break;
	case T_VAKANTIES: break;
	case T_LEERLINGEN: fb_end_leerlingen(b); break;
	default: {
		fact_kind k = fb_fact_of(t);
		if (k != F_COUNT && b->state[T_LEERLINGEN] == 2)
			fb_end_facts(b, k);
	}
	}
}

static int error_cmp(const void *a, const void *b)
{
	const fact_error *x = a, *y = b;
	CMP(x->table, y->table);
	CMP(x->line, y->line);
	CMP(x->col, y->col);
	return strcmp(x->msg, y->msg);
}

/* Gather the messages of every table into one list in file order, keeping
 * the first BUILDER_MAX_ERRORS. */
static void merge_list(error_list *all, error_list *part)
{
	all->total += part->total;
	if (part->n) {
		all->items = xgrow(all->items, &all->cap, all->n + part->n, sizeof *all->items);
		memcpy(all->items + all->n, part->items, part->n * sizeof *part->items);
		all->n += part->n;
	}
	free(part->items);
	memset(part, 0, sizeof *part);
}

static void sort_list(error_list *el)
{
	sort_array(el->items, el->n, sizeof *el->items, error_cmp);
	while (el->n > BUILDER_MAX_ERRORS)
		free(el->items[--el->n].msg);
}

static void free_list(error_list *el)
{
	for (size_t i = 0; i < el->n; i++)
		free(el->items[i].msg);
	free(el->items);
	memset(el, 0, sizeof *el);
}

dataset *builder_finish(builder *b)
{
	for (int t = 0; t < T_COUNT; t++)
		builder_end_table(b, (table_id)t);
	for (int k = 0; k < F_COUNT; k++) {
		merge_list(&b->errors, &b->facts[k].errors);
		merge_list(&b->warnings, &b->facts[k].warnings);
	}
	sort_list(&b->errors);
	sort_list(&b->warnings);
	if (b->errors.total)
		return NULL;
	dataset *ds = b->ds;
	for (int k = 0; k < F_COUNT; k++) {
		if (!ds->off[k])
			ds->off[k] = xcalloc(ds->n_pupils + 1, sizeof(uint32_t));
		arena_adopt(&ds->strings, &b->facts[k].strings);
	}
	if (!b->on_reference) { /* else they are the reference data's, built with it */
		fb_derive_region_swv(ds);
		fb_build_calendars(ds);
	}
	if (b->ages) {
		/* The fast path's parts derived them (facts_parts.c). */
		ds->ages = b->ages;
		b->ages = NULL;
	} else {
		ds->ages = xmalloc((ds->n_pupils ? ds->n_pupils : 1) * sizeof *ds->ages);
		for (size_t i = 0; i < ds->n_pupils; i++)
			ds->ages[i] = (struct age_span){ds->pupils[i].lp_start, ds->pupils[i].kwal_end};
	}
	b->ds = NULL;
	return ds;
}

const fact_error *builder_errors(const builder *b, size_t *kept, size_t *total)
{
	*kept = b->errors.n;
	*total = b->errors.total;
	return b->errors.items;
}

const fact_error *builder_warnings(const builder *b, size_t *kept, size_t *total)
{
	*kept = b->warnings.n;
	*total = b->warnings.total;
	return b->warnings.items;
}

void builder_free(builder *b)
{
	if (!b)
		return;
	free_list(&b->errors);
	free_list(&b->warnings);
	free(b->code_line);
	free(b->regio_line);
	u64map_free(&b->pair_lines);
	strmap_free(&b->regio_index);
	free(b->pupil_line);
	strmap_free(&b->bsn_lines);
	strmap_free(&b->onr_lines);
	for (int k = 0; k < F_COUNT; k++) {
		fact_state *fs = &b->facts[k];
		free(fs->t.rows);
		free(fs->t.owner);
		free(fs->t.off);
		free(fs->t.line);
		free_list(&fs->errors);
		free_list(&fs->warnings);
		arena_free(&fs->strings);
		strmap_free(&fs->pupil_map);
	}
	if (!b->borrowed_index) {
		free(b->school_by_brin);
		free(b->school_hash);
		free(b->month_day);
	}
	free(b->id_len);
	free(b->id_ptr);
	free(b->ages);
	free(b->kept_bsn);
	free(b->kept_onr);
	fb_free_parts(b);
	free(b->only);
	dataset_free(b->ds);
	free(b);
}