/*
 * exact.c - exact sums of fractions: a 128-bit fraction while it fits, naturals
 * of any size after that (exact.h).
 */
#include "exact.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

/* ---- naturals of any size ------------------------------------------------ */

static void nat_reserve(nat *a, size_t n)
{
	if (n > a->cap)
		a->limb = xgrow(a->limb, &a->cap, n, sizeof *a->limb);
}

static void nat_trim(nat *a)
{
	while (a->n && !a->limb[a->n - 1])
		a->n--;
}

static void nat_set(nat *a, u128 v)
{
	nat_reserve(a, 4);
	a->n = 0;
	for (; v; v >>= 32)
		a->limb[a->n++] = (uint32_t)v;
}

static void nat_copy(nat *dst, const nat *src)
{
	nat_reserve(dst, src->n ? src->n : 1);
	if (src->n)
		memcpy(dst->limb, src->limb, src->n * sizeof *src->limb);
	dst->n = src->n;
}

static void nat_free(nat *a)
{
	free(a->limb);
	*a = (nat){0};
}

/* a *= m */
static void nat_mul(nat *a, uint64_t m)
{
	nat_reserve(a, a->n + 2);
	u128 carry = 0;
	for (size_t i = 0; i < a->n; i++) {
		carry += (u128)a->limb[i] * m;
		a->limb[i] = (uint32_t)carry;
		carry >>= 32;
	}
	for (; carry; carry >>= 32)
		a->limb[a->n++] = (uint32_t)carry;
	if (!m)
		a->n = 0;
}

/* a += b */
static void nat_add(nat *a, const nat *b)
{
	size_t n = a->n > b->n ? a->n : b->n;
	nat_reserve(a, n + 1);
	uint64_t carry = 0;
	for (size_t i = 0; i < n; i++) {
		carry += (uint64_t)(i < a->n ? a->limb[i] : 0) + (i < b->n ? b->limb[i] : 0);
		a->limb[i] = (uint32_t)carry;
		carry >>= 32;
	}
	a->n = n;
	if (carry)
		a->limb[a->n++] = (uint32_t)carry;
}

/* a /= d (d >= 1); returns the remainder. */
static uint64_t nat_div(nat *a, uint64_t d)
{
	u128 rem = 0;
	for (size_t i = a->n; i-- > 0;) {
		rem = rem << 32 | a->limb[i];
		a->limb[i] = (uint32_t)(rem / d);
		rem %= d;
	}
	nat_trim(a);
	return (uint64_t)rem;
}

static uint64_t nat_mod(const nat *a, uint64_t d)
{
	u128 rem = 0;
	for (size_t i = a->n; i-- > 0;)
		rem = (rem << 32 | a->limb[i]) % d;
	return (uint64_t)rem;
}

static int nat_cmp(const nat *a, const nat *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (size_t i = a->n; i-- > 0;)
		if (a->limb[i] != b->limb[i])
			return a->limb[i] < b->limb[i] ? -1 : 1;
	return 0;
}

/* ---- the sum ------------------------------------------------------------- */

static uint64_t gcd(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

void frac_init(frac_sum *s)
{
	*s = (frac_sum){.num = 0, .den = 1};
}

void frac_free(frac_sum *s)
{
	nat_free(&s->bnum);
	nat_free(&s->bden);
	frac_init(s);
}

static void to_big(frac_sum *s)
{
	nat_set(&s->bnum, s->num);
	nat_set(&s->bden, s->den);
	s->big = true;
}

/* bnum/bden += num/den, over the least common multiple of the denominators. */
static void big_add(frac_sum *s, uint64_t num, uint64_t den)
{
	uint64_t g = gcd(nat_mod(&s->bden, den), den);
	nat part = {0};
	nat_copy(&part, &s->bden);
	nat_div(&part, g);
	nat_mul(&part, num);
	nat_mul(&s->bnum, den / g);
	nat_add(&s->bnum, &part);
	nat_mul(&s->bden, den / g);
	nat_free(&part);
}

void frac_add(frac_sum *s, uint64_t num, uint64_t den)
{
	if (!num)
		return;
	if (s->big) {
		big_add(s, num, den);
		return;
	}
	uint64_t g = gcd(s->den, den), m = den / g, nd;
	u128 a, sum;
	if (__builtin_mul_overflow(s->den, m, &nd) || __builtin_mul_overflow(s->num, (u128)m, &a) ||
	    __builtin_add_overflow(a, (u128)num * (s->den / g), &sum)) {
		to_big(s);
		big_add(s, num, den);
		return;
	}
	uint64_t r = gcd((uint64_t)(sum % nd), nd);
	s->num = sum / r;
	s->den = nd / r;
}

int frac_cmp(const frac_sum *s, uint64_t num, uint64_t den)
{
	if (s->big) {
		nat l = {0}, r = {0};
		nat_copy(&l, &s->bnum);
		nat_mul(&l, den);
		nat_copy(&r, &s->bden);
		nat_mul(&r, num);
		int c = nat_cmp(&l, &r);
		nat_free(&l);
		nat_free(&r);
		return c;
	}
	/* Whole parts first, then the remainders over a common denominator
	 * (each below 2^64, so the products fit in 128 bits). */
	u128 q1 = s->num / s->den, q2 = num / den;
	if (q1 != q2)
		return q1 < q2 ? -1 : 1;
	u128 l = (u128)(uint64_t)(s->num % s->den) * den, r = (u128)(num % den) * s->den;
	return (l > r) - (l < r);
}

/* The largest q with q * b <= a (q < 2^64; UINT64_MAX when it does not fit). */
static uint64_t nat_quotient(const nat *a, const nat *b)
{
	nat t = {0};
	uint64_t q = 0;
	for (int bit = 63; bit >= 0; bit--) {
		uint64_t c = q | (uint64_t)1 << bit;
		nat_copy(&t, b);
		nat_mul(&t, c);
		if (nat_cmp(&t, a) <= 0)
			q = c;
	}
	nat_free(&t);
	return q;
}

uint64_t frac_round(const frac_sum *s, uint64_t mul, uint64_t div)
{
	/* floor(num * mul / (den * div) + 1/2) = floor((2 num mul + den div) / (2 den div)). */
	if (!s->big) {
		u128 a, b, dd = (u128)s->den * div;
		if (!__builtin_mul_overflow(s->num, (u128)mul * 2, &a) && !__builtin_add_overflow(a, dd, &a) &&
		    !__builtin_mul_overflow(dd, (u128)2, &b)) {
			u128 q = a / b;
			return q > UINT64_MAX ? UINT64_MAX : (uint64_t)q;
		}
	}
	nat a = {0}, b = {0};
	if (s->big) {
		nat_copy(&a, &s->bnum);
		nat_copy(&b, &s->bden);
	} else {
		nat_set(&a, s->num);
		nat_set(&b, s->den);
	}
	nat_mul(&a, mul);
	nat_mul(&a, 2);
	nat_mul(&b, div);
	nat_add(&a, &b);
	nat_mul(&b, 2);
	uint64_t q = nat_quotient(&a, &b);
	nat_free(&a);
	nat_free(&b);
	return q;
}
