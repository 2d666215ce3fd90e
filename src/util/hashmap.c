/*
 * hashmap.c - open-addressing maps from keys to uint32 values. See
 * hashmap.h.
 */
#include "hashmap.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

uint64_t hash_bytes(const char *s, size_t len)
{
	/* FNV-1a, then a final avalanche so that similar ids spread. */
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static uint64_t mix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

static void strmap_rehash(strmap *m, size_t cap)
{
	strmap n = {xcalloc(cap, sizeof(strmap_slot)), cap, 0};
	size_t mask = cap - 1;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		size_t j = m->slots[i].hash & mask;
		while (n.slots[j].key)
			j = (j + 1) & mask;
		n.slots[j] = m->slots[i];
		n.count++;
	}
	strmap_free(m);
	*m = n;
}

void strmap_reserve(strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 64;
	while ((n + 1) * 4 >= cap * 3)
		cap *= 2;
	if (cap > m->cap)
		strmap_rehash(m, cap);
}

static bool same_key(const char *stored, const char *key, size_t len)
{
	return memcmp(stored, key, len) == 0 && stored[len] == '\0';
}

bool strmap_put(strmap *m, const char *key, size_t len, uint32_t val, uint32_t *existing)
{
	if ((m->count + 1) * 4 >= m->cap * 3)
		strmap_rehash(m, m->cap ? m->cap * 2 : 64);
	size_t mask = m->cap - 1;
	uint32_t h = (uint32_t)hash_bytes(key, len);
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		strmap_slot *s = &m->slots[i];
		if (!s->key) {
			*s = (strmap_slot){h, val, key};
			m->count++;
			return true;
		}
		if (s->hash == h && same_key(s->key, key, len)) {
			if (existing)
				*existing = s->val;
			return false;
		}
	}
}

bool strmap_get(const strmap *m, const char *key, size_t len, uint32_t *val)
{
	if (!m->cap)
		return false;
	size_t mask = m->cap - 1;
	uint32_t h = (uint32_t)hash_bytes(key, len);
	for (size_t i = h & mask; m->slots[i].key; i = (i + 1) & mask) {
		const strmap_slot *s = &m->slots[i];
		if (s->hash == h && same_key(s->key, key, len)) {
			*val = s->val;
			return true;
		}
	}
	return false;
}

void strmap_remap(strmap *m, const uint32_t *remap)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			m->slots[i].val = remap[m->slots[i].val];
}

void strmap_free(strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}

static void u64map_rehash(u64map *m, size_t cap)
{
	u64map n = {xcalloc(cap, sizeof(uint64_t)), xcalloc(cap, sizeof(uint32_t)), cap, 0};
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			u64map_put(&n, m->keys[i], m->vals[i], NULL);
	u64map_free(m);
	*m = n;
}

bool u64map_put(u64map *m, uint64_t key, uint32_t val, uint32_t *existing)
{
	if ((m->count + 1) * 4 >= m->cap * 3)
		u64map_rehash(m, m->cap ? m->cap * 2 : 64);
	size_t mask = m->cap - 1;
	for (size_t i = mix64(key) & mask;; i = (i + 1) & mask) {
		if (!m->keys[i]) {
			m->keys[i] = key;
			m->vals[i] = val;
			m->count++;
			return true;
		}
		if (m->keys[i] == key) {
			if (existing)
				*existing = m->vals[i];
			return false;
		}
	}
}

bool u64map_get(const u64map *m, uint64_t key, uint32_t *val)
{
	if (!m->cap)
		return false;
	size_t mask = m->cap - 1;
	for (size_t i = mix64(key) & mask; m->keys[i]; i = (i + 1) & mask) {
		if (m->keys[i] == key) {
			*val = m->vals[i];
			return true;
		}
	}
	return false;
}

void u64map_free(u64map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
