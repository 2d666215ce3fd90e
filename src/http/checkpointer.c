/*
 * checkpointer.c - the server's one checkpoint thread. See checkpointer.h.
 */
#include "checkpointer.h"

#include <errno.h>
#include <stdio.h>
#include <time.h>

enum { CHECKPOINT_MS = 500 };

static void checkpoint_once(checkpointer *c)
{
	strbuf err = STRBUF_INIT;
	if (store_checkpoint(c->st, NULL, NULL, &err))
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
	sb_free(&err);
}

static void *run(void *arg)
{
	checkpointer *c = arg;
	pthread_mutex_lock(&c->lock);
	while (!c->stopping) {
		/* A duration: the monotonic clock (the condition waits on it). */
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += (long)CHECKPOINT_MS * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		while (!c->stopping && pthread_cond_timedwait(&c->wake, &c->lock, &until) != ETIMEDOUT)
			;
		pthread_mutex_unlock(&c->lock);
		checkpoint_once(c);
		pthread_mutex_lock(&c->lock);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

bool checkpointer_start(checkpointer *c, store *st)
{
	*c = (checkpointer){.st = st};
	pthread_mutex_init(&c->lock, NULL);
	pthread_condattr_t mono;
	pthread_condattr_init(&mono);
	pthread_condattr_setclock(&mono, CLOCK_MONOTONIC);
	pthread_cond_init(&c->wake, &mono);
	pthread_condattr_destroy(&mono);
	c->running = pthread_create(&c->thread, NULL, run, c) == 0;
	if (!c->running) {
		fprintf(stderr, "inbeeld: de checkpointtaak kon niet worden gestart\n");
		store_close(c->st);
		c->st = NULL;
	}
	return c->running;
}

void checkpointer_stop(checkpointer *c)
{
	pthread_mutex_lock(&c->lock);
	c->stopping = true;
	pthread_cond_broadcast(&c->wake);
	pthread_mutex_unlock(&c->lock);
	if (c->running)
		pthread_join(c->thread, NULL);
	c->running = false;
	store_close(c->st);
	c->st = NULL;
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
}
