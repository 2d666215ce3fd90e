/*
 * hashmap.h - open-addressing maps from keys to uint32 values.
 *
 * strmap: keys are NUL-terminated strings owned by the caller (they must outlive
 * the map); lookups take a byte range.
 * u64map: keys are 64-bit integers (packed codes such as BRIN + vestiging).
 * Neither supports deletion; both are sized for bulk loading.
 */
#ifndef INBEELD_HASHMAP_H
#define INBEELD_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct strmap_slot {
	uint32_t hash; /* 32 bits of the key's hash; a key is only compared when they match */
	uint32_t val;
	const char *key; /* NULL = empty slot */
} strmap_slot;

typedef struct strmap {
	strmap_slot *slots;
	size_t cap, count;
} strmap;

/* Size the map for n keys at once (avoids rehashing while bulk loading). */
void strmap_reserve(strmap *m, size_t n);
/* Insert key -> val. Returns false (and leaves the map unchanged) when the key
 * exists; *existing then holds its value when non-NULL. */
bool strmap_put(strmap *m, const char *key, size_t len, uint32_t val, uint32_t *existing);
bool strmap_get(const strmap *m, const char *key, size_t len, uint32_t *val);
/* Replace every value v by remap[v] (after the values were renumbered). */
void strmap_remap(strmap *m, const uint32_t *remap);
void strmap_free(strmap *m);

typedef struct u64map {
	uint64_t *keys; /* 0 marks an empty slot: keys must be non-zero */
	uint32_t *vals;
	size_t cap, count;
} u64map;

bool u64map_put(u64map *m, uint64_t key, uint32_t val, uint32_t *existing);
bool u64map_get(const u64map *m, uint64_t key, uint32_t *val);
void u64map_free(u64map *m);

uint64_t hash_bytes(const char *s, size_t len);

#endif
