/*
 * facts_parts.c - the fast path's leerlingen in parts (facts_bytes.h): each
 * part read on its own thread, then joined in file order, with the lines
 * renumbered and the BSNs and onderwijsnummers checked for duplicates over
 * all of them (a duplicate sends the table to the general reader, which
 * names both lines).
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "facts_bytes.h"
#include "facts_internal.h"

/* Sort 9-digit numbers (below 2^30: LSD radix, 15 bits at a time); tmp has
 * room for n. */
static void radix_sort(uint32_t *v, uint32_t *tmp, size_t n)
{
	enum { BITS = 15, BUCKETS = 1 << BITS };
	uint32_t *count = xmalloc((BUCKETS + 1) * sizeof *count);
	for (int shift = 0; shift < 30; shift += BITS) {
		memset(count, 0, (BUCKETS + 1) * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(v[i] >> shift & (BUCKETS - 1)) + 1]++;
		for (size_t k = 1; k <= BUCKETS; k++)
			count[k] += count[k - 1];
		for (size_t i = 0; i < n; i++)
			tmp[count[v[i] >> shift & (BUCKETS - 1)]++] = v[i];
		uint32_t *x = v;
		v = tmp;
		tmp = x;
	}
	free(count);
}

static bool all_distinct(uint32_t *v, size_t n)
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

/* Append n numbers to *arr (of *len, room *cap). */
static void append(uint32_t **arr, size_t *len, size_t *cap, const uint32_t *more, size_t n)
{
	if (!n)
		return;
	*arr = xgrow(*arr, cap, *len + n, sizeof **arr);
	memcpy(*arr + *len, more, n * sizeof *more);
	*len += n;
}

/* Join the parts into the dataset's pupils, in order; false when any part
 * failed or a BSN or onderwijsnummer comes twice. */
static bool join_parts(builder *b)
{
	dataset *ds = b->ds;
	pupil_part *all = &b->parts[0];
	uint32_t next = all->used ? all->next_line : 2; /* the line after the parts joined so far */
	for (int i = 0; i < BYTES_PARTS; i++) {
		pupil_part *pp = &b->parts[i];
		if (pp->failed)
			return false;
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
		append(&all->bsn_seen, &all->n_bsn, &all->cap_bsn, pp->bsn_seen, pp->n_bsn);
		append(&all->onr_seen, &all->n_onr, &all->cap_onr, pp->onr_seen, pp->n_onr);
		arena_adopt(&all->strings, &pp->strings);
		fb_part_free(pp);
	}
	if (!all_distinct(all->bsn_seen, all->n_bsn) || !all_distinct(all->onr_seen, all->n_onr))
		return false;
	/* Hand the pupils to the builder as builder_row() would have left them. */
	free(ds->pupils);
	free(b->pupil_line);
	ds->pupils = all->pupils;
	ds->n_pupils = all->n;
	b->cap_pupils = all->cap;
	b->pupil_line = all->line;
	b->cap_pupil_line = all->cap_line;
	b->pupils_sorted = all->sorted;
	arena_adopt(&ds->strings, &all->strings);
	all->pupils = NULL;
	all->line = NULL;
	return true;
}

bool builder_bytes_done(builder *b, table_id t)
{
	if (t != T_LEERLINGEN)
		return true;
	bool ok = b->parts && join_parts(b);
	builder_bytes_abandon(b, t);
	return ok;
}
