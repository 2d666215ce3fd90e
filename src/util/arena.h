/*
 * arena.h - a bump allocator for many small strings that live and die together
 * (the identities and names of a loaded dataset). One free releases them all.
 */
#ifndef INBEELD_ARENA_H
#define INBEELD_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
	arena_block *head;
} arena;

#define ARENA_INIT {NULL}

void *arena_alloc(arena *a, size_t size);
/* Copy `len` bytes and terminate them. */
char *arena_strndup(arena *a, const char *s, size_t len);
/* Move every allocation of `from` into `into` (from is left empty). */
void arena_adopt(arena *into, arena *from);
void arena_free(arena *a);

#endif
