/*
 * monotonic.c - condition variables and deadlines on the monotonic clock.
 * See monotonic.h.
 */
#include "monotonic.h"

void cond_init_monotonic(pthread_cond_t *c)
{
	pthread_condattr_t mono;
	pthread_condattr_init(&mono);
	pthread_condattr_setclock(&mono, CLOCK_MONOTONIC);
	pthread_cond_init(c, &mono);
	pthread_condattr_destroy(&mono);
}

struct timespec monotonic_after_ms(long ms)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_sec += ms / 1000;
	t.tv_nsec += ms % 1000 * 1000000L;
	t.tv_sec += t.tv_nsec / 1000000000L;
	t.tv_nsec %= 1000000000L;
	return t;
}
