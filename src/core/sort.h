/*
 * sort.h - sorting helpers: a stable merge sort of index arrays, and a qsort
 * that accepts empty arrays.
 */
#ifndef INBEELD_SORT_H
#define INBEELD_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Sort idx[0..n) so that base[idx[i]] (elements of esz bytes) ascend by cmp;
 * equal elements keep their order. */
void sort_indices(uint32_t *idx, size_t n, const void *base, size_t esz,
		  int (*cmp)(const void *, const void *));

/* qsort for arrays that may be empty (qsort's base must not be NULL even
 * when n is 0). */
void sort_array(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

#endif
