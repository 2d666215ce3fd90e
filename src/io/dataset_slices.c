/*
 * dataset_slices.c - reading a dataset folder a part of its pupils at a
 * time (dataset_slices.h): the reference tables as dataset_dir_read()
 * reads them; leerlingen cut into runs of lines, and each per-pupil file
 * where its first row of a run's first pupil begins (a search over
 * its sorted lines, as the runs are taken); each run then read through the fast path into a
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

/* The first and last id of a slice's pupils. */
typedef struct slice_out {
	char first[64 + 1], last[64 + 1];
	bool any;
} slice_out;

/* The BSNs (or onderwijsnummers: nine digits, below 2^30) a worker's
 * slices read, by their top six bits, so that the check for a number given
 * twice sorts 64 short lists instead of one long one. */
enum { NUMBER_BUCKETS = 64, NUMBER_SHIFT = 24 };
typedef struct numbers {
	uint32_t *v[NUMBER_BUCKETS];
	size_t n[NUMBER_BUCKETS], cap[NUMBER_BUCKETS];
} numbers;

static void numbers_add(numbers *ns, const uint32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t b = (v[i] >> NUMBER_SHIFT) & (NUMBER_BUCKETS - 1);
		if (ns->n[b] == ns->cap[b])
			ns->v[b] = xgrow(ns->v[b], &ns->cap[b], ns->n[b] + 1, sizeof *ns->v[b]);
		ns->v[b][ns->n[b]++] = v[i];
	}
}

static void numbers_free(numbers *ns)
{
	for (size_t b = 0; b < NUMBER_BUCKETS; b++)
		free(ns->v[b]);
}

typedef struct run {
	mapped files[T_COUNT];
	size_t n_slices;
	size_t *at; /* [(n_slices + 1) * T_COUNT]: where slice k of table t begins */
	slice_out *out;
	numbers (*seen)[2]; /* per worker: BSNs, onderwijsnummers */
	int workers;
	const dataset *ref;
	const builder *like;
	unsigned flags;
	slice_fn fn;
	void *ctx;
	atomic_size_t next;
	atomic_bool failed;
	pthread_mutex_t place_lock;
	size_t placed; /* where slices 0..placed begin in every file is known */
} run;

typedef struct worker_arg {
	run *r;
	int worker;
} worker_arg;

/* Where each slice begins in leerlingen (about slice_bytes apart), and the
 * first and last place of every file; where the others begin in the
 * per-pupil files is found as the slices are taken (place_upto). */
static void place_slices(run *r, size_t slice_bytes)
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
		r->at[t] = r->files[t].body;
		r->at[r->n_slices * T_COUNT + t] = r->files[t].size;
	}
	r->placed = 0;
}

/* Where slice j (0 < j < n_slices) begins in every per-pupil file, from
 * where slice j - 1 does (never before it: a file not sorted puts rows in
 * another slice than their pupil's, which that slice's builder refuses). */
static void place_one(run *r, size_t j)
{
	const mapped *lee = &r->files[T_LEERLINGEN];
	field id = line_id(lee, r->at[j * T_COUNT + T_LEERLINGEN]);
	for (int t = T_LEERLINGEN + 1; t < T_COUNT; t++) {
		const mapped *m = &r->files[t];
		if (m->present)
			r->at[j * T_COUNT + t] =
				first_at_or_after(m, r->at[(j - 1) * T_COUNT + t], (m->size - m->body) / r->n_slices, id);
	}
}

/* Every slice up to j placed, one after the other, on whichever worker
 * asks first (the searches' pages are read while the other worker reads
 * a slice, not before any slice starts). */
static void place_upto(run *r, size_t j)
{
	pthread_mutex_lock(&r->place_lock);
	for (; r->placed < j && r->placed + 1 < r->n_slices; r->placed++)
		place_one(r, r->placed + 1);
	pthread_mutex_unlock(&r->place_lock);
}

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
	place_upto(r, k + 1);
	builder *b = builder_new_slice(r->ref, r->like, r->flags);
	bool ok = true;
	for (int t = T_LEERLINGEN; t < T_COUNT && ok; t++)
		if (r->files[t].present)
			ok = read_part(b, (table_id)t, &r->files[t], r->at[k * T_COUNT + t], r->at[(k + 1) * T_COUNT + t]);
	slice_out *o = &r->out[k];
	uint32_t *bsn = NULL, *onr = NULL;
	size_t n_bsn = 0, n_onr = 0;
	ok = ok && builder_take_numbers(b, &bsn, &n_bsn, &onr, &n_onr);
	numbers_add(&r->seen[worker][0], bsn, n_bsn);
	numbers_add(&r->seen[worker][1], onr, n_onr);
	free(bsn);
	free(onr);
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

/* No number twice in bucket b of list l (0: BSNs, 1: onderwijsnummers)
 * of any worker. */
static bool bucket_distinct(const run *r, int l, size_t b)
{
	size_t n = 0;
	for (int w = 0; w < r->workers; w++)
		n += r->seen[w][l].n[b];
	uint32_t *all = xmalloc((n ? n : 1) * sizeof *all);
	size_t at = 0;
	for (int w = 0; w < r->workers; w++) {
		const numbers *ns = &r->seen[w][l];
		if (ns->n[b])
			memcpy(all + at, ns->v[b], ns->n[b] * sizeof *all);
		at += ns->n[b];
	}
	bool ok = numbers_sort_distinct(all, n);
	free(all);
	return ok;
}

/* The buckets b = first, first + step, ... of both lists. */
typedef struct bucket_check {
	const run *r;
	size_t first, step;
	bool ok;
} bucket_check;

static void *check_buckets(void *arg)
{
	bucket_check *c = arg;
	c->ok = true;
	for (size_t b = c->first; c->ok && b < NUMBER_BUCKETS; b += c->step)
		c->ok = bucket_distinct(c->r, 0, b) && bucket_distinct(c->r, 1, b);
	return NULL;
}

/* The checks across slices: ids strictly ascending from slice to slice,
 * and no BSN or onderwijsnummer twice anywhere (the buckets shared out
 * over `threads` threads). */
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
	bucket_check c[64];
	pthread_t tid[64];
	bool started[64] = {false};
	for (int i = 0; i < threads; i++)
		c[i] = (bucket_check){r, (size_t)i, (size_t)threads, false};
	for (int i = 1; i < threads; i++)
		started[i] = pthread_create(&tid[i], NULL, check_buckets, &c[i]) == 0;
	check_buckets(&c[0]);
	bool ok = c[0].ok;
	for (int i = 1; i < threads; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			check_buckets(&c[i]);
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
	if (ok) {
		place_slices(&r, slice_bytes ? slice_bytes : SLICE_BYTES);
		pthread_mutex_init(&r.place_lock, NULL);
		r.out = xcalloc(r.n_slices, sizeof *r.out);
		int n = threads < 1 ? 1 : threads > 64 ? 64 : threads;
		r.workers = n;
		r.seen = xcalloc((size_t)n, sizeof *r.seen);
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
		pthread_mutex_destroy(&r.place_lock);
	}
	for (int w = 0; r.seen && w < r.workers; w++) {
		numbers_free(&r.seen[w][0]);
		numbers_free(&r.seen[w][1]);
	}
	free(r.seen);
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
