/*
 * alloc.h - checked allocation.
 *
 * Policy (as in Redis): running out of memory is not a condition inbeeld tries
 * to recover from. Every allocation goes through these wrappers, which check the
 * result and abort with a message naming the size. Callers therefore never see
 * NULL from them and need no half-tested recovery paths.
 */
#ifndef INBEELD_ALLOC_H
#define INBEELD_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow an array to hold at least `need` elements of `elem` bytes; doubles. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t elem);
char *xstrndup(const char *s, size_t len);
char *xstrdup(const char *s);

#endif
