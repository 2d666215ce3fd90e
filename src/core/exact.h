/*
 * exact.h - exact sums of non-negative fractions (SPEC 7.1: "compared exactly",
 * "rounded half up on the exact fraction").
 *
 * Hours of absence are spread over the school days of a row, so a total is a
 * sum of fractions such as 10/3 + 7/4. A frac_sum keeps such a sum exactly:
 * as one fraction in 128/64-bit integers (the denominator is the least common
 * multiple of those added, reduced), and, should that ever overflow - many
 * long rows with large, coprime numbers of school days - as a fraction of
 * arbitrary-size naturals. The answers do not depend on which form is used.
 */
#ifndef INBEELD_EXACT_H
#define INBEELD_EXACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

__extension__ typedef unsigned __int128 u128;

/* A natural number of any size: 32-bit limbs, least significant first. */
typedef struct nat {
	uint32_t *limb;
	size_t n, cap; /* n == 0 is zero */
} nat;

typedef struct frac_sum {
	u128 num;     /* the sum is num / den (while !big) */
	uint64_t den; /* >= 1 */
	bool big;
	nat bnum, bden; /* the sum is bnum / bden (once big) */
} frac_sum;

void frac_init(frac_sum *s); /* zero */
void frac_free(frac_sum *s);
/* s += num / den (den >= 1). */
void frac_add(frac_sum *s, uint64_t num, uint64_t den);
/* The sign of s - num / den (den >= 1): -1, 0 or 1. */
int frac_cmp(const frac_sum *s, uint64_t num, uint64_t den);
/* floor(s * mul / div + 1/2) (div >= 1): s * mul / div rounded half up to a
 * whole number; UINT64_MAX when it does not fit. */
uint64_t frac_round(const frac_sum *s, uint64_t mul, uint64_t div);

#endif
