/* parallel.c - contiguous ranges of pupils on threads (parallel.h). */
#include "parallel.h"

#include <pthread.h>

typedef struct part {
	void (*fn)(void *, int, uint32_t, uint32_t);
	void *ctx;
	int index;
	uint32_t from, to;
} part;

static void *run_part(void *arg)
{
	part *p = arg;
	p->fn(p->ctx, p->index, p->from, p->to);
	return NULL;
}

int parallel_ranges(size_t n, int threads, void (*fn)(void *, int, uint32_t, uint32_t), void *ctx)
{
	int k = threads < 1 ? 1 : threads > PARALLEL_MAX ? PARALLEL_MAX : threads;
	if ((size_t)k > n / PARALLEL_MIN_PER_THREAD)
		k = n >= PARALLEL_MIN_PER_THREAD ? (int)(n / PARALLEL_MIN_PER_THREAD) : 1;
	part parts[PARALLEL_MAX];
	pthread_t tid[PARALLEL_MAX];
	int started[PARALLEL_MAX] = {0};
	for (int i = 0; i < k; i++)
		parts[i] = (part){fn, ctx, i, (uint32_t)(n * (size_t)i / (size_t)k),
				  (uint32_t)(n * (size_t)(i + 1) / (size_t)k)};
	for (int i = 1; i < k; i++)
		started[i] = pthread_create(&tid[i], NULL, run_part, &parts[i]) == 0;
	run_part(&parts[0]);
	for (int i = 1; i < k; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			run_part(&parts[i]);
	}
	return k;
}
