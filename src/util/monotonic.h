/*
 * monotonic.h - waiting for a duration: condition variables on the monotonic
 * clock, which no change of the wall clock moves, and deadlines on it.
 */
#ifndef INBEELD_UTIL_MONOTONIC_H
#define INBEELD_UTIL_MONOTONIC_H

#include <pthread.h>
#include <time.h>

/* pthread_cond_init with the monotonic clock (for pthread_cond_timedwait
 * with a deadline from monotonic_after_ms). */
void cond_init_monotonic(pthread_cond_t *c);
/* The monotonic time ms milliseconds from now. */
struct timespec monotonic_after_ms(long ms);

#endif
