/*
 * parallel.h - running a scan over pupils on several threads.
 *
 * The pupils 0 .. n-1 are cut into contiguous ranges, one per thread, so that
 * results gathered per range in range order keep leerling_id order. The
 * answer never depends on the number of threads. (compute.c keeps its own
 * copy of this for status and telling until it is reworked; new scans use
 * this one.)
 */
#ifndef INBEELD_PARALLEL_H
#define INBEELD_PARALLEL_H

#include <stddef.h>
#include <stdint.h>

enum { PARALLEL_MAX = 16, PARALLEL_MIN_PER_THREAD = 50000 };

/* Calls fn(ctx, part, from, to) for each of the returned number of parts
 * (at most PARALLEL_MAX, fewer for small n), part 0 on the calling thread. If
 * a thread cannot be created its part runs on the calling thread as well. */
int parallel_ranges(size_t n, int threads, void (*fn)(void *ctx, int part, uint32_t from, uint32_t to), void *ctx);

#endif
