/*
 * snapshot_steer.c - the school-year count (SPEC 8.1) and the broad count
 * (SPEC 8) of a snapshot, computed once per snapshot and kept with it, as
 * its tellingen are (snapshot.h). A count is computed outside the lock;
 * when two requests compute the same one, the first stored wins and the
 * other is freed.
 */
#include <stdlib.h>

#include "../util/alloc.h"
#include "compute_year.h"
#include "snapshot.h"

enum { MAX_STEER = 64 };

typedef struct steer_cache {
	/* Allocated once at full size, so pointers handed out stay valid. */
	jaartelling jaar[MAX_STEER];
	int jaar_year[MAX_STEER];
	uint8_t jaar_view[MAX_STEER];
	size_t n_jaar;
	breedtelling breed[MAX_STEER];
	day_t breed_day[MAX_STEER];
	uint8_t breed_view[MAX_STEER];
	size_t n_breed;
} steer_cache;

/* The cache, made on first use; call with s->lock held. */
static steer_cache *cache_of(snapshot *s)
{
	if (!s->steer)
		s->steer = xcalloc(1, sizeof *s->steer);
	return s->steer;
}

static const jaartelling *jaar_find(const steer_cache *c, int y, view v)
{
	for (size_t i = 0; i < c->n_jaar; i++)
		if (c->jaar_year[i] == y && c->jaar_view[i] == v)
			return &c->jaar[i];
	return NULL;
}

const jaartelling *snapshot_jaartelling(snapshot *s, int y, view v, int threads, jaartelling *scratch)
{
	pthread_mutex_lock(&s->lock);
	const jaartelling *found = jaar_find(cache_of(s), y, v);
	pthread_mutex_unlock(&s->lock);
	if (found)
		return found;
	compute_jaartelling(s->ds, y, v, threads, scratch);
	pthread_mutex_lock(&s->lock);
	steer_cache *c = cache_of(s);
	found = jaar_find(c, y, v);
	if (found) { /* someone else was quicker */
		jaartelling_free(scratch);
	} else if (c->n_jaar < MAX_STEER) {
		size_t i = c->n_jaar++;
		c->jaar[i] = *scratch;
		*scratch = (jaartelling){0};
		c->jaar_year[i] = y;
		c->jaar_view[i] = (uint8_t)v;
		found = &c->jaar[i];
	} else {
		found = scratch; /* the table is full: the caller keeps (and frees) this one */
	}
	pthread_mutex_unlock(&s->lock);
	return found;
}

static const breedtelling *breed_find(const steer_cache *c, day_t d, view v)
{
	for (size_t i = 0; i < c->n_breed; i++)
		if (c->breed_day[i] == d && c->breed_view[i] == v)
			return &c->breed[i];
	return NULL;
}

const breedtelling *snapshot_breed(snapshot *s, day_t d, view v, int threads, breedtelling *scratch)
{
	pthread_mutex_lock(&s->lock);
	const breedtelling *found = breed_find(cache_of(s), d, v);
	pthread_mutex_unlock(&s->lock);
	if (found)
		return found;
	compute_breed(s->ds, d, v, threads, scratch);
	pthread_mutex_lock(&s->lock);
	steer_cache *c = cache_of(s);
	found = breed_find(c, d, v);
	if (found) {
		breed_free(scratch);
	} else if (c->n_breed < MAX_STEER) {
		size_t i = c->n_breed++;
		c->breed[i] = *scratch;
		*scratch = (breedtelling){0};
		c->breed_day[i] = d;
		c->breed_view[i] = (uint8_t)v;
		found = &c->breed[i];
	} else {
		found = scratch;
	}
	pthread_mutex_unlock(&s->lock);
	return found;
}

void snapshot_steer_free(snapshot *s)
{
	steer_cache *c = s->steer;
	if (!c)
		return;
	for (size_t i = 0; i < c->n_jaar; i++)
		jaartelling_free(&c->jaar[i]);
	for (size_t i = 0; i < c->n_breed; i++)
		breed_free(&c->breed[i]);
	free(c);
	s->steer = NULL;
}
