/*
 * facts_lookup.c - the fast path's searches (facts_bytes_values.h): the
 * pupil of an id from the previous row's on, galloping, and the school of
 * a BRIN and vestiging.
 */
#include "facts_bytes_values.h"

bool fb_school_search(const builder *b, field brin, field vest, int32_t *out)
{
	const dataset *ds = b->ds;
	if (!brin_valid(brin.p, brin.len) || !vestiging_valid(vest.p, vest.len))
		return false;
	for (int32_t i = b->school_by_brin[fb_brin_key(brin.p)]; i != NO_REF && (size_t)i < ds->n_schools; i++) {
		const school *s = &ds->schools[i];
		if (memcmp(s->brin, brin.p, 4) != 0)
			break;
		if (s->vestiging[0] == vest.p[0] && s->vestiging[1] == vest.p[1]) {
			*out = i;
			return true;
		}
	}
	return false;
}

bool fb_pupil_search(builder *b, fact_state *fs, field f, uint32_t *out)
{
	uint32_t n = (uint32_t)b->ds->n_pupils, c = fs->last_pupil;
	if (!f.len)
		return false;
	/* Most often the next pupil (ids are strictly ascending, so then f
	 * sorts after c's): asked first. */
	if (c + 1 < n && b->id_len[c + 1] == f.len && bytes_cmp(b->id_ptr[c + 1], f.p, f.len) == 0) {
		*out = fs->last_pupil = c + 1;
		return true;
	}
	int r = c < n ? id_order(b, c, f) : -1;
	if (r == 0) {
		*out = c;
		return true;
	}
	if (r > 0)
		return fb_find_pupil(b->ds, fs, f, out);
	/* Every pupil up to c sorts before f: find the first at or after lo
	 * that does not. c is UINT32_MAX before the first row, so lo is 0. */
	uint32_t lo = c + 1, step = 1, hi;
	for (;;) {
		uint32_t probe = lo + step - 1;
		if (probe >= n || probe < lo) {
			hi = n;
			break;
		}
		if (id_order(b, probe, f) >= 0) {
			hi = probe + 1;
			break;
		}
		lo = probe + 1;
		step *= 2;
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (id_order(b, mid, f) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= n || id_order(b, lo, f) != 0)
		return false;
	*out = fs->last_pupil = lo;
	return true;
}
