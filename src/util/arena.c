/*
 * arena.c - a bump allocator for many small strings that live and die
 * together. See arena.h.
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

enum { ARENA_BLOCK = 1 << 20 };

struct arena_block {
	arena_block *next;
	size_t used, size;
	_Alignas(max_align_t) unsigned char mem[];
};

void *arena_alloc(arena *a, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	arena_block *b = a->head;
	if (!b || b->size - b->used < size) {
		size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
		b = xmalloc(sizeof *b + cap);
		b->used = 0;
		b->size = cap;
		b->next = a->head;
		a->head = b;
	}
	void *p = b->mem + b->used;
	b->used += size;
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void arena_adopt(arena *into, arena *from)
{
	if (!from->head)
		return;
	arena_block *tail = from->head;
	while (tail->next)
		tail = tail->next;
	tail->next = into->head;
	into->head = from->head;
	from->head = NULL;
}

void arena_free(arena *a)
{
	arena_block *b = a->head;
	while (b) {
		arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
