/*
 * compute_year.c - the school-year count and the broad count over every
 * pupil, in contiguous pupil ranges on threads (compute_year.h).
 */
#include "compute_year.h"

#include <pthread.h>

enum { MAX_PARTS = 16, MIN_PUPILS_PER_PART = 50000 };

/* One range of pupils and its partial count. */
typedef struct part {
	const dataset *ds;
	uint32_t from, to;
	view view;
	int schooljaar; /* jaartelling */
	day_t d;	/* broad count */
	size_t classified;
	void *count; /* jaartelling or breedtelling */
} part;

/* What differs between the kinds of count. */
typedef struct count_kind {
	void (*init)(void *count, const part *w);
	void (*merge)(void *into, const void *from);
	void (*release)(void *count);
	void *(*worker)(void *part);
} count_kind;

typedef union partial {
	jaartelling jt;
	breedtelling bt;
} partial;

/* Split the pupils into at most `threads` ranges of some size; returns how many. */
static int split_pupils(const dataset *ds, int threads, part *parts)
{
	size_t n = ds->n_pupils, most = n / MIN_PUPILS_PER_PART;
	size_t k = threads < 1 ? 1 : threads > MAX_PARTS ? MAX_PARTS : (size_t)threads;
	if (k > most)
		k = most ? most : 1;
	for (size_t i = 0; i < k; i++)
		parts[i] = (part){.ds = ds, .from = (uint32_t)(n * i / k), .to = (uint32_t)(n * (i + 1) / k)};
	return (int)k;
}

/* Count every pupil into out: each part on its own thread (the first on this
 * one; a part whose thread cannot be started runs here as well), then the
 * partial counts merged in order. Returns the classifications made. */
static size_t count_all(const dataset *ds, int threads, const part *proto, const count_kind *kind, void *out)
{
	part parts[MAX_PARTS];
	partial partials[MAX_PARTS];
	pthread_t tid[MAX_PARTS];
	bool started[MAX_PARTS] = {false};
	int n = split_pupils(ds, threads, parts);
	for (int i = 0; i < n; i++) {
		parts[i].view = proto->view;
		parts[i].schooljaar = proto->schooljaar;
		parts[i].d = proto->d;
		parts[i].count = i ? (void *)&partials[i] : out;
		kind->init(parts[i].count, &parts[i]);
	}
	for (int i = 1; i < n; i++)
		started[i] = pthread_create(&tid[i], NULL, kind->worker, &parts[i]) == 0;
	kind->worker(&parts[0]);
	size_t classified = parts[0].classified;
	for (int i = 1; i < n; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			kind->worker(&parts[i]);
		kind->merge(out, parts[i].count);
		kind->release(parts[i].count);
		classified += parts[i].classified;
	}
	return classified;
}

static void year_init(void *count, const part *w)
{
	jaartelling_init(count, w->ds, w->view, w->schooljaar);
}

static void *year_worker(void *arg)
{
	part *w = arg;
	jaar_pupil jp;
	day_t first = schooljaar_first(w->schooljaar), last = schooljaar_last(w->schooljaar);
	for (uint32_t p = w->from; p < w->to; p++) {
		w->classified += jaar_pupil_span(w->ds, p, first, last, &jp);
		jaartelling_add(w->count, &jp);
	}
	return NULL;
}

static void year_merge(void *into, const void *from)
{
	jaartelling_merge(into, from);
}

static void year_release(void *count)
{
	jaartelling_free(count);
}

size_t compute_jaartelling(const dataset *ds, int y, view v, int threads, jaartelling *out)
{
	static const count_kind YEAR = {year_init, year_merge, year_release, year_worker};
	return count_all(ds, threads, &(part){.view = v, .schooljaar = y}, &YEAR, out);
}

static void breed_init_part(void *count, const part *w)
{
	breed_init(count, w->ds, w->view);
}

static void *breed_worker(void *arg)
{
	part *w = arg;
	classification c;
	for (uint32_t p = w->from; p < w->to; p++) {
		if (w->d < AGES_AT(w->ds, p).from || w->d > AGES_AT(w->ds, p).to)
			continue; /* out of scope by age, whatever else holds */
		classify(w->ds, p, w->d, &c);
		w->classified++;
		breed_add(w->count, &c);
	}
	return NULL;
}

static void breed_merge_part(void *into, const void *from)
{
	breed_merge(into, from);
}

static void breed_release(void *count)
{
	breed_free(count);
}

void compute_breed(const dataset *ds, day_t d, view v, int threads, breedtelling *out)
{
	static const count_kind BREED = {breed_init_part, breed_merge_part, breed_release, breed_worker};
	count_all(ds, threads, &(part){.view = v, .d = d}, &BREED, out);
}
