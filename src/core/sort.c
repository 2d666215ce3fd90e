/*
 * sort.c - sorting helpers: a stable merge sort of index arrays, and a qsort
 * that accepts empty arrays. See sort.h.
 */
#include "sort.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

#define ELEM(i) ((const char *)base + (size_t)(i) * esz)

static void insertion(uint32_t *idx, size_t n, const void *base, size_t esz,
		      int (*cmp)(const void *, const void *))
{
	for (size_t i = 1; i < n; i++) {
		uint32_t v = idx[i];
		size_t j = i;
		while (j > 0 && cmp(ELEM(idx[j - 1]), ELEM(v)) > 0) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = v;
	}
}

static void merge_sort(uint32_t *idx, uint32_t *tmp, size_t n, const void *base, size_t esz,
		       int (*cmp)(const void *, const void *))
{
	if (n <= 16) {
		insertion(idx, n, base, esz, cmp);
		return;
	}
	size_t half = n / 2;
	merge_sort(idx, tmp, half, base, esz, cmp);
	merge_sort(idx + half, tmp, n - half, base, esz, cmp);
	if (cmp(ELEM(idx[half - 1]), ELEM(idx[half])) <= 0)
		return;
	memcpy(tmp, idx, half * sizeof *idx);
	size_t i = 0, j = half, o = 0;
	while (i < half && j < n)
		idx[o++] = cmp(ELEM(idx[j]), ELEM(tmp[i])) < 0 ? idx[j++] : tmp[i++];
	while (i < half)
		idx[o++] = tmp[i++];
}

void sort_indices(uint32_t *idx, size_t n, const void *base, size_t esz,
		  int (*cmp)(const void *, const void *))
{
	if (n <= 16) {
		insertion(idx, n, base, esz, cmp);
		return;
	}
	uint32_t *tmp = xmalloc((n / 2 + 1) * sizeof *tmp);
	merge_sort(idx, tmp, n, base, esz, cmp);
	free(tmp);
}

void sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}
