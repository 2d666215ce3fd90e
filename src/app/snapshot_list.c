/*
 * snapshot_list.c - status lists cached so that an update patches them: a
 * list's body is written row by row with where each row is (list_layout),
 * next to the query that made it (patch_query); after a change to a few
 * pupils each of their old rows is taken out and their new ones (the same
 * test status_run applies, status_pupil) put in, and the rows of every other
 * pupil are copied as they are - a row is a function of its own pupil's
 * facts, the reference data (unchanged over an update) and the query. See
 * snapshot.h.
 */
#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

static list_layout *layout_new(size_t n)
{
	list_layout *l = xcalloc(1, sizeof *l);
	atomic_init(&l->refs, 1);
	l->pupil = xmalloc((n ? n : 1) * sizeof *l->pupil);
	l->at = xmalloc((n + 1) * sizeof *l->at);
	return l;
}

/* Appends rows to a body under construction, with their places. */
typedef struct writer {
	strbuf out;
	list_layout *l;
	size_t cap;
} writer;

/* Room for one more row, which begins at `at`. */
static void add_place(writer *w, uint32_t p, size_t at)
{
	list_layout *l = w->l;
	if (l->n + 1 > w->cap) {
		w->cap = w->cap * 2 > l->n + 1 ? w->cap * 2 : l->n + 1;
		l->pupil = xrealloc(l->pupil, w->cap * sizeof *l->pupil);
		l->at = xrealloc(l->at, (w->cap + 1) * sizeof *l->at);
	}
	l->pupil[l->n] = p;
	l->at[l->n++] = at;
}

/* The separator before a new row of pupil p, and its place. */
static void row_begin(writer *w, uint32_t p)
{
	sb_putc(&w->out, w->l->n ? ',' : '[');
	add_place(w, p, w->out.len);
}

/* The closing "]" and the body's length. */
static void close_list(writer *w)
{
	if (!w->l->n)
		sb_putc(&w->out, '[');
	sb_putc(&w->out, ']');
	w->l->at[w->l->n] = w->out.len;
}

static writer writer_new(size_t n)
{
	return (writer){STRBUF_INIT, layout_new(n), n ? n : 1};
}

list_layout *list_render(const dataset *ds, const status_rows *rows, list_row_writer write, strbuf *out)
{
	writer w = writer_new(rows->n);
	w.out = *out;
	for (size_t i = 0; i < rows->n; i++) {
		row_begin(&w, rows->rows[i].pupil);
		if (!write(ds, &rows->rows[i], &w.out)) {
			*out = w.out;
			list_layout_release(w.l);
			return NULL;
		}
	}
	close_list(&w);
	*out = w.out;
	return w.l;
}

/* The first row of l from `from` on whose pupil is p or after it. */
static size_t first_at_or_after(const list_layout *l, size_t from, uint32_t p)
{
	size_t lo = from, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->pupil[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Rows i up to k of the old list (old body b, layout l) copied as they are,
 * in one copy with the commas between them. */
static void copy_rows(writer *w, const shared_body *b, const list_layout *l, size_t i, size_t k)
{
	if (i >= k)
		return;
	row_begin(w, l->pupil[i]);
	size_t here = w->out.len;
	for (size_t j = i + 1; j < k; j++)
		add_place(w, l->pupil[j], here + (l->at[j] - l->at[i]));
	sb_append(&w->out, b->data + l->at[i], l->at[k] - 1 - l->at[i]);
}

bool list_patch(const cache_entry *e, const dataset *ds, const uint32_t *touched, size_t n, cache_entry *out)
{
	const list_layout *l = e->layout;
	const patch_query *lq = e->query;
	writer w = writer_new(l->n + n);
	size_t i = 0;
	bool ok = true;
	for (size_t j = 0; j < n && ok; j++) {
		size_t k = first_at_or_after(l, i, touched[j]);
		copy_rows(&w, e->body, l, i, k);
		i = k < l->n && l->pupil[k] == touched[j] ? k + 1 : k; /* its old row: out */
		status_row row;
		if (status_pupil(ds, &lq->q, touched[j], &row)) {
			row_begin(&w, touched[j]);
			ok = lq->write(ds, &row, &w.out);
		}
	}
	if (!ok) {
		sb_free(&w.out);
		list_layout_release(w.l);
		return false;
	}
	copy_rows(&w, e->body, l, i, l->n);
	close_list(&w);
	shared_body *body = shared_body_new(sb_str(&w.out), w.out.len);
	sb_free(&w.out);
	*out = (cache_entry){xstrdup(e->key), body, w.l->n, e->used, e->reach ? list_reach_ref(e->reach) : NULL,
			     w.l, patch_query_ref(e->query), NULL};
	return true;
}
