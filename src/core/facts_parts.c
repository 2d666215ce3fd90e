/*
 * facts_parts.c - the fast path's leerlingen in parts (facts_bytes.h): each
 * part read on its own thread, its BSNs and onderwijsnummers sorted and
 * checked and its pupils' ids and ages derived there too, then the parts
 * joined in file order, with the lines renumbered and the sorted numbers of
 * the parts compared (a duplicate anywhere sends the table to the general
 * reader, which names both lines).
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "facts_bytes.h"
#include "facts_internal.h"

/* Sort 9-digit numbers (below 2^30: LSD radix, 15 bits at a time, or 10
 * for a short list, whose counts would otherwise cost more than its
 * numbers); tmp has room for n. Three passes leave the result in tmp: it
 * is copied back. */
static void radix_sort(uint32_t *v, uint32_t *tmp, size_t n)
{
	const int bits = n < (1u << 17) ? 10 : 15;
	const size_t buckets = (size_t)1 << bits;
	uint32_t *count = xmalloc((buckets + 1) * sizeof *count), *in = v, *out = tmp;
	for (int shift = 0; shift < 30; shift += bits) {
		memset(count, 0, (buckets + 1) * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(in[i] >> shift & (buckets - 1)) + 1]++;
		for (size_t k = 1; k <= buckets; k++)
			count[k] += count[k - 1];
		for (size_t i = 0; i < n; i++)
			out[count[in[i] >> shift & (buckets - 1)]++] = in[i];
		uint32_t *x = in;
		in = out;
		out = x;
	}
	if (in != v)
		memcpy(v, in, n * sizeof *v);
	free(count);
}

bool numbers_sort_distinct(uint32_t *v, size_t n)
{
	if (n < 2)
		return true;
	uint32_t *tmp = xmalloc(n * sizeof *tmp);
	radix_sort(v, tmp, n);
	free(tmp);
	for (size_t i = 1; i < n; i++)
		if (v[i] == v[i - 1])
			return false;
	return true;
}

/* Whether two sorted lists have no number in common (one merge pass). */
static bool disjoint(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0;
	if (!na || !nb || a[na - 1] < b[0] || b[nb - 1] < a[0])
		return true;
	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (b[j] < a[i])
			j++;
		else
			return false;
	}
	return true;
}

/* The part's own checks and derived values (builder_bytes_part_end()). */
static bool end_part(pupil_part *pp)
{
	if (!pp->checked && !pp->unchecked) {
		if (!numbers_sort_distinct(pp->bsn_seen, pp->n_bsn) || !numbers_sort_distinct(pp->onr_seen, pp->n_onr))
			return false;
		pp->checked = true;
	}
	if (!pp->derived) {
		if (!pp->placed) {
			/* Room of its own (a part read alone). */
			size_t n = pp->n ? pp->n : 1;
			free(pp->id_ptr);
			free(pp->id_len);
			free(pp->ages);
			pp->id_ptr = xmalloc(n * sizeof *pp->id_ptr);
			pp->id_len = xmalloc(n);
			pp->ages = xmalloc(n * sizeof *pp->ages);
		}
		for (size_t k = 0; k < pp->n; k++) {
			const pupil *p = &pp->pupils[k];
			pp->id_ptr[k] = p->id;
			if (!pp->placed) /* placed: row_leerling() wrote it */
				pp->id_len[k] = (uint8_t)strlen(p->id); /* at most MAX_ID bytes */
			pp->ages[k] = (struct age_span){p->lp_start, p->kwal_end};
		}
		pp->derived = true;
	}
	return true;
}

bool builder_bytes_part_end(builder *b, table_id t, int part)
{
	if (t != T_LEERLINGEN || !b->parts || part < 0 || part >= BYTES_PARTS)
		return false;
	pupil_part *pp = &b->parts[part];
	if (pp->failed || !end_part(pp)) {
		pp->failed = true;
		return false;
	}
	return true;
}

/* No BSN or onderwijsnummer of one part in another (each part is checked). */
static bool parts_disjoint(const builder *b)
{
	for (int i = 0; i < BYTES_PARTS; i++)
		for (int j = i + 1; j < BYTES_PARTS; j++) {
			const pupil_part *p = &b->parts[i], *q = &b->parts[j];
			if (!disjoint(p->bsn_seen, p->n_bsn, q->bsn_seen, q->n_bsn) ||
			    !disjoint(p->onr_seen, p->n_onr, q->onr_seen, q->n_onr))
				return false;
		}
	return true;
}

/* Join the parts into the dataset's pupils, in order; false when any part
 * failed or a BSN or onderwijsnummer comes twice. */
static bool join_parts(builder *b)
{
	dataset *ds = b->ds;
	pupil_part *all = &b->parts[0];
	/* The derived values are joined when every part has them in the
	 * placed block, or part 0 is the only one. */
	bool derived = true;
	for (int i = 0; i < BYTES_PARTS; i++) {
		pupil_part *pp = &b->parts[i];
		if (pp->failed)
			return false;
		if (i > 0 && !pp->used)
			continue;
		if (!end_part(pp))
			return false;
		if (i > 0 && !(pp->placed && all->placed))
			derived = false;
	}
	if (!parts_disjoint(b))
		return false;
	uint32_t next = all->used ? all->next_line : 2; /* the line after the parts joined so far */
	for (int i = 0; i < BYTES_PARTS; i++) {
		pupil_part *pp = &b->parts[i];
		if (i == 0 || !pp->used)
			continue;
		/* Part i counted from 1 at its first line, which is `next`. */
		uint32_t line_base = next - 1;
		for (size_t k = 0; k < pp->n; k++)
			pp->line[k] += line_base;
		next = pp->next_line + line_base;
		if (pp->n) {
			if (all->n && !fb_ids_ascending(all->prev_id, all->prev_len, pp->first_id, pp->first_len))
				all->sorted = false;
			if (!all->n) {
				all->first_id = pp->first_id;
				all->first_len = pp->first_len;
			}
			all->prev_id = pp->prev_id;
			all->prev_len = pp->prev_len;
		}
		all->sorted = all->sorted && pp->sorted;
		if (pp->placed && all->placed) {
			/* Already after part 0's room: moved only when part 0 filled
			 * less of it (empty lines). */
			if (pp->n && all->pupils + all->n != pp->pupils) {
				memmove(all->pupils + all->n, pp->pupils, pp->n * sizeof *pp->pupils);
				memmove(all->line + all->n, pp->line, pp->n * sizeof *pp->line);
				memmove(all->id_ptr + all->n, pp->id_ptr, pp->n * sizeof *pp->id_ptr);
				memmove(all->id_len + all->n, pp->id_len, pp->n);
				memmove(all->ages + all->n, pp->ages, pp->n * sizeof *pp->ages);
			}
			all->cap = all->cap_line = all->n + pp->n;
		} else {
			all->pupils = xgrow(all->pupils, &all->cap, all->n + pp->n, sizeof *all->pupils);
			all->line = xgrow(all->line, &all->cap_line, all->n + pp->n, sizeof *all->line);
		}
		if (pp->n && !(pp->placed && all->placed)) {
			memcpy(all->pupils + all->n, pp->pupils, pp->n * sizeof *pp->pupils);
			memcpy(all->line + all->n, pp->line, pp->n * sizeof *pp->line);
		}
		all->n += pp->n;
		arena_adopt(&all->strings, &pp->strings);
		fb_part_free(pp);
	}
	/* Hand the pupils to the builder as builder_row() would have left them,
	 * with what fb_end_leerlingen() and builder_finish() derive from them
	 * when the parts did (they make it themselves otherwise). */
	free(ds->pupils);
	free(b->pupil_line);
	ds->pupils = all->pupils;
	ds->n_pupils = all->n;
	b->cap_pupils = all->cap;
	b->pupil_line = all->line;
	b->cap_pupil_line = all->cap_line;
	b->pupils_sorted = all->sorted;
	fb_forget_derived(b);
	if (derived) {
		b->id_ptr = all->id_ptr;
		b->id_len = all->id_len;
		b->ages = all->ages;
		all->id_ptr = NULL;
		all->id_len = NULL;
		all->ages = NULL;
	}
	arena_adopt(&ds->strings, &all->strings);
	all->pupils = NULL;
	all->line = NULL;
	return true;
}

void fb_forget_derived(builder *b)
{
	free(b->id_ptr);
	free(b->id_len);
	free(b->ages);
	b->id_ptr = NULL;
	b->id_len = NULL;
	b->ages = NULL;
}

bool builder_bytes_done(builder *b, table_id t)
{
	if (t != T_LEERLINGEN)
		return true;
	bool single = true; /* only part 0 read: its lists are all the numbers */
	for (int i = 1; b->parts && i < BYTES_PARTS; i++)
		single = single && !b->parts[i].used;
	bool ok = b->parts && join_parts(b);
	if (ok && single && b->keep_numbers) {
		/* As read: the caller checks them, across builders. */
		pupil_part *all = &b->parts[0];
		free(b->kept_bsn);
		free(b->kept_onr);
		b->kept_bsn = all->bsn_seen ? all->bsn_seen : xmalloc(sizeof *b->kept_bsn);
		b->n_kept_bsn = all->n_bsn;
		b->kept_onr = all->onr_seen ? all->onr_seen : xmalloc(sizeof *b->kept_onr);
		b->n_kept_onr = all->n_onr;
		all->bsn_seen = all->onr_seen = NULL;
	}
	builder_bytes_abandon(b, t);
	return ok;
}
