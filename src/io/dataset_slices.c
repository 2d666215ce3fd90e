/*
 * dataset_slices.c - reading a dataset folder a part of its pupils at a
 * time (dataset_slices.h): the reference tables as dataset_dir_read()
 * reads them; leerlingen cut into runs of lines, and each per-pupil file
 * where its first row of a run's first pupil begins (a search over
 * its sorted lines); each run then read through the fast path into a
 * builder of its own on the reference data, on the worker threads, and
 * handed over. A row in another run than its pupil's (a file not sorted)
 * is a row of an unknown pupil to that run's builder, so the run fails and
 * the folder is declined; the checks across pupils (ids in order, each BSN
 * and onderwijsnummer once) are made over all runs at the end.
 */
#include "dataset_slices.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/facts_bytes.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"
#include "dataset_dir.h"

/* Leerlingen bytes per slice by default: about 20,000 pupils, whose rows of
 * every table take some megabytes, written again by the next slice. */
enum { SLICE_BYTES = 1 << 20 };

/* A file mapped whole; body: where the line after its header begins. */
typedef struct mapped {
	const char *data;
	size_t size, body;
	bool present;
} mapped;

static void unmap(mapped *m)
{
	if (m->present && m->size)
		munmap((void *)(uintptr_t)m->data, m->size);
	*m = (mapped){0};
}

/* Map the file of table t in dir, its header checked: false when it cannot
 * be read so (missing is fine for an optional table: present stays false). */
static bool map_table(const char *dir, table_id t, mapped *m)
{
	*m = (mapped){0};
	strbuf path = STRBUF_INIT;
	sb_printf(&path, "%s/%s", dir, TABLES[t].file);
	int fd = open(sb_str(&path), O_RDONLY | O_CLOEXEC);
	sb_free(&path);
	if (fd < 0)
		return TABLES[t].optional;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
		close(fd);
		return false;
	}
	size_t size = (size_t)st.st_size;
	void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return false;
	m->data = map;
	m->size = size;
	m->present = true;
	size_t pos = size >= 3 && memcmp(m->data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	const char *nl = memchr(m->data + pos, '\n', size - pos);
	if (!nl || !dataset_plain_header(m->data + pos, (size_t)(nl - m->data) - pos, &TABLES[t])) {
		unmap(m);
		return false;
	}
	m->body = (size_t)(nl - m->data) + 1;
	return true;
}

/* The first line start at or after x (the end of the file when none). */
static size_t line_start(const mapped *m, size_t x)
{
	if (x <= m->body)
		return m->body;
	if (x >= m->size || m->data[x - 1] == '\n')
		return x < m->size ? x : m->size;
	const char *lf = memchr(m->data + x, '\n', m->size - x);
	return lf ? (size_t)(lf - m->data) + 1 : m->size;
}

/* The leerling_id of the line at s: its bytes up to the first comma. */
static field line_id(const mapped *m, size_t s)
{
	const char *p = m->data + s, *end = m->data + m->size, *q = p;
	while (q < end && *q != ',' && *q != '\n')
		q++;
	return (field){p, (size_t)(q - p)};
}

/* Byte order of two ids (strcmp, with lengths). */
static int id_cmp(field a, field b)
{
	int r = memcmp(a.p, b.p, a.len < b.len ? a.len : b.len);
	return r ? r : (a.len > b.len) - (a.len < b.len);
}

/* Whether the line at or after x has the id `id` or one after it (or there
 * is none): false up to the line sought, true from it on, when m's lines
 * are sorted by id. */
static bool at_or_after(const mapped *m, size_t x, field id)
{
	size_t s = line_start(m, x);
	return s >= m->size || id_cmp(line_id(m, s), id) >= 0;
}

/* Where the first line of m from `from` on (a line start) whose id is id or
 * after it begins, looked for around from + step first (the slices are
 * about as long in every file) and then halving, so that the few pages
 * read are near each other. m's lines are taken to be sorted by id: if
 * they are not, some rows land in another slice than their pupil's, and
 * that slice fails. */
static size_t first_at_or_after(const mapped *m, size_t from, size_t step, field id)
{
	size_t lo = from, hi = m->size, d = step / 16 + 1; /* the answer is in [lo, hi] */
	size_t x = from + step < m->size ? from + step : m->size;
	if (at_or_after(m, x, id)) {
		hi = x;
		while (hi - lo > d && at_or_after(m, hi - d, id)) {
			hi -= d;
			d *= 2;
		}
		if (hi - lo > d)
			lo = hi - d + 1;
	} else {
		lo = x + 1;
		while (hi - lo > d && !at_or_after(m, lo + d, id)) {
			lo += d + 1;
			d *= 2;
		}
		if (hi - lo > d)
			hi = lo + d;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (at_or_after(m, mid, id))
			hi = mid;
		else
			lo = mid + 1;
	}
	return line_start(m, lo);
}

/* The first and last id of a slice's pupils, and its numbers. */
typedef struct slice_out {
	char first[64 + 1], last[64 + 1];
	bool any;
	uint32_t *bsn, *onr;
	size_t n_bsn, n_onr;
} slice_out;

typedef struct run {
	mapped files[T_COUNT];
	size_t n_slices;
	size_t *at; /* [(n_slices + 1) * T_COUNT]: where slice k of table t begins */
	slice_out *out;
	const dataset *ref;
	const builder *like;
	unsigned flags;
	slice_fn fn;
	void *ctx;
	atomic_size_t next;
	atomic_bool failed;
} run;

typedef struct worker_arg {
	run *r;
	int worker;
} worker_arg;

/* Rows [from, to) of table t into b through the fast path. */
static bool read_part(builder *b, table_id t, const mapped *m, size_t from, size_t to)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	builder_begin_table(b, t);
	if (t != T_LEERLINGEN)
		builder_reserve(b, t, (to - from) / 24);
	bool ok = true;
	if (to > from) {
		const char *start = m->data + from / page * page;
		dataset_populate_pages(start, (size_t)(m->data + to - start));
		uint32_t line = 2; /* not named: any message declines the folder */
		ok = builder_bytes_rows(b, t, m->data + from, to - from, &line);
		dataset_release_pages(start, (size_t)(m->data + to - start) / page * page);
	}
	ok = ok && builder_bytes_done(b, t);
	builder_end_table(b, t);
	return ok;
}

/* Batch k: read, checked, handed to fn, freed. */
static bool read_slice(run *r, size_t k, int worker)
{
	builder *b = builder_new_slice(r->ref, r->like, r->flags);
	bool ok = true;
	for (int t = T_LEERLINGEN; t < T_COUNT && ok; t++)
		if (r->files[t].present)
			ok = read_part(b, (table_id)t, &r->files[t], r->at[k * T_COUNT + t], r->at[(k + 1) * T_COUNT + t]);
	slice_out *o = &r->out[k];
	ok = ok && builder_take_numbers(b, &o->bsn, &o->n_bsn, &o->onr, &o->n_onr);
	dataset *ds = ok ? builder_finish(b) : NULL;
	size_t kept, warnings = 0;
	if (ds)
		builder_warnings(b, &kept, &warnings);
	ok = ds && warnings == 0;
	if (ok && ds->n_pupils) {
		o->any = true;
		snprintf(o->first, sizeof o->first, "%s", ds->pupils[0].id);
		snprintf(o->last, sizeof o->last, "%s", ds->pupils[ds->n_pupils - 1].id);
	}
	if (ok && !atomic_load(&r->failed))
		r->fn(r->ctx, worker, k, ds);
	if (ds)
		dataset_free(ds);
	builder_free(b);
	return ok;
}

static void *worker_main(void *arg)
{
	worker_arg *w = arg;
	run *r = w->r;
	for (;;) {
		size_t k = atomic_fetch_add(&r->next, 1);
		if (k >= r->n_slices || atomic_load(&r->failed))
			break;
		if (!read_slice(r, k, w->worker))
			atomic_store(&r->failed, true);
	}
	return NULL;
}

/* Where each slice begins in each file; false when the files' lines are
 * not in an order that allows it. */
static bool place_slices(run *r, size_t slice_bytes)
{
	const mapped *lee = &r->files[T_LEERLINGEN];
	size_t body = lee->size - lee->body, n = body / slice_bytes + 1;
	r->at = xmalloc((n + 1) * T_COUNT * sizeof *r->at);
	size_t k = 0, prev = lee->body;
	r->at[T_LEERLINGEN] = lee->body;
	for (size_t i = 1; i < n; i++) {
		size_t s = line_start(lee, lee->body + body * i / n);
		if (s <= prev || s >= lee->size)
			continue;
		r->at[++k * T_COUNT + T_LEERLINGEN] = prev = s;
	}
	r->n_slices = k + 1;
	r->at[r->n_slices * T_COUNT + T_LEERLINGEN] = lee->size;
	for (int t = T_LEERLINGEN + 1; t < T_COUNT; t++) {
		const mapped *m = &r->files[t];
		if (!m->present)
			continue;
		r->at[t] = m->body;
		size_t step = (m->size - m->body) / r->n_slices;
		for (size_t j = 1; j < r->n_slices; j++) {
			field id = line_id(lee, r->at[j * T_COUNT + T_LEERLINGEN]);
			size_t s = first_at_or_after(m, r->at[(j - 1) * T_COUNT + t], step, id);
			if (s < r->at[(j - 1) * T_COUNT + t])
				return false;
			r->at[j * T_COUNT + t] = s;
		}
		r->at[r->n_slices * T_COUNT + t] = m->size;
	}
	return true;
}

/* The first of the sorted v[0..n) that is lo or above. */
static size_t lower_bound(const uint32_t *v, size_t n, uint32_t lo)
{
	size_t a = 0, b = n;
	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (v[mid] < lo)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

/* One range of numbers [lo, hi) of every slice: no number twice in it. */
typedef struct range_check {
	const run *r;
	uint32_t lo, hi;
	bool ok;
} range_check;

static bool range_distinct(const run *r, bool bsn, uint32_t lo, uint32_t hi)
{
	size_t n = 0;
	for (size_t k = 0; k < r->n_slices; k++) {
		const slice_out *o = &r->out[k];
		const uint32_t *v = bsn ? o->bsn : o->onr;
		size_t nv = bsn ? o->n_bsn : o->n_onr;
		n += lower_bound(v, nv, hi) - lower_bound(v, nv, lo);
	}
	uint32_t *all = xmalloc((n ? n : 1) * sizeof *all);
	size_t at = 0;
	for (size_t k = 0; k < r->n_slices; k++) {
		const slice_out *o = &r->out[k];
		const uint32_t *v = bsn ? o->bsn : o->onr;
		size_t nv = bsn ? o->n_bsn : o->n_onr, a = lower_bound(v, nv, lo), b = lower_bound(v, nv, hi);
		if (b > a)
			memcpy(all + at, v + a, (b - a) * sizeof *all);
		at += b - a;
	}
	bool ok = numbers_sort_distinct(all, n);
	free(all);
	return ok;
}

static void *check_range(void *arg)
{
	range_check *c = arg;
	c->ok = range_distinct(c->r, true, c->lo, c->hi) && range_distinct(c->r, false, c->lo, c->hi);
	return NULL;
}

/* The checks across slices: ids strictly ascending from slice to slice,
 * and no BSN or onderwijsnummer in two of them (the numbers, nine digits,
 * are below 2^30: cut into `threads` ranges checked at once). */
static bool across_slices(run *r, int threads)
{
	const char *last = NULL;
	for (size_t k = 0; k < r->n_slices; k++) {
		const slice_out *o = &r->out[k];
		if (o->any) {
			if (last && strcmp(last, o->first) >= 0)
				return false;
			last = o->last;
		}
	}
	enum { TOP = 1u << 30 };
	range_check c[64];
	pthread_t tid[64];
	bool started[64] = {false};
	for (int i = 0; i < threads; i++)
		c[i] = (range_check){r, (uint32_t)((uint64_t)TOP * (uint64_t)i / (uint64_t)threads),
				     i + 1 == threads ? UINT32_MAX : (uint32_t)((uint64_t)TOP * (uint64_t)(i + 1) / (uint64_t)threads),
				     false};
	for (int i = 1; i < threads; i++)
		started[i] = pthread_create(&tid[i], NULL, check_range, &c[i]) == 0;
	check_range(&c[0]);
	bool ok = c[0].ok;
	for (int i = 1; i < threads; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			check_range(&c[i]);
		ok = ok && c[i].ok;
	}
	return ok;
}

/* The reference tables read into a builder of their own; NULL (and no
 * builder) when they are not read cleanly. */
static dataset *read_reference(const char *dir, unsigned flags, builder **like)
{
	builder *b = builder_new(flags);
	strbuf path = STRBUF_INIT;
	bool ok = true;
	for (int t = 0; t < T_LEERLINGEN && ok; t++) {
		sb_reset(&path);
		sb_printf(&path, "%s/%s", dir, TABLES[t].file);
		struct stat st;
		if (stat(sb_str(&path), &st) != 0)
			ok = TABLES[t].optional;
		else
			ok = dataset_read_path(sb_str(&path), (table_id)t, b, NULL, 1) == 0;
	}
	sb_free(&path);
	dataset *ref = ok ? builder_finish(b) : NULL;
	size_t kept, warnings = 0;
	if (ref)
		builder_warnings(b, &kept, &warnings);
	if (!ref || warnings) {
		if (ref)
			dataset_free(ref);
		builder_free(b);
		return NULL;
	}
	*like = b;
	return ref;
}

dataset *dataset_dir_slices(const char *dir, unsigned flags, int threads, size_t slice_bytes, slice_fn fn,
			     void *ctx)
{
	builder *like = NULL;
	dataset *ref = read_reference(dir, flags, &like);
	if (!ref)
		return NULL;
	run r = {.ref = ref, .like = like, .flags = flags, .fn = fn, .ctx = ctx};
	atomic_init(&r.next, 0);
	atomic_init(&r.failed, false);
	bool ok = true;
	for (int t = T_LEERLINGEN; t < T_COUNT && ok; t++)
		ok = map_table(dir, (table_id)t, &r.files[t]) &&
		     (TABLES[t].per_pupil || r.files[t].present); /* leerlingen is not optional */
	ok = ok && place_slices(&r, slice_bytes ? slice_bytes : SLICE_BYTES);
	if (ok) {
		r.out = xcalloc(r.n_slices, sizeof *r.out);
		int n = threads < 1 ? 1 : threads > 64 ? 64 : threads;
		worker_arg args[64];
		pthread_t tid[64];
		int started = 0;
		for (int i = 0; i < n; i++)
			args[i] = (worker_arg){&r, i};
		for (int i = 1; i < n; i++)
			if (pthread_create(&tid[started], NULL, worker_main, &args[started + 1]) == 0)
				started++;
		worker_main(&args[0]);
		for (int i = 0; i < started; i++)
			pthread_join(tid[i], NULL);
		ok = !atomic_load(&r.failed) && across_slices(&r, n);
	}
	for (size_t k = 0; r.out && k < r.n_slices; k++) {
		free(r.out[k].bsn);
		free(r.out[k].onr);
	}
	free(r.out);
	free(r.at);
	for (int t = 0; t < T_COUNT; t++)
		unmap(&r.files[t]);
	builder_free(like);
	if (!ok) {
		dataset_free(ref);
		return NULL;
	}
	return ref;
}
