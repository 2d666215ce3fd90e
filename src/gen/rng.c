/*
 * rng.c - xoshiro256** seeded through splitmix64, the distributions of
 * rng.h drawn from it, and the hash of a code to a number in [0, 1).
 */
#include "rng.h"

#include <math.h>

uint64_t mix64(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ull;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
	return x ^ (x >> 31);
}

void rng_seed(rng *r, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	uint64_t k = mix64(mix64(mix64(mix64(a) ^ b) ^ c) ^ d);
	for (int i = 0; i < 4; i++) {
		k = mix64(k + (uint64_t)i);
		r->s[i] = k;
	}
	if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
		r->s[0] = 1;
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_u64(rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double rng_unit(rng *r)
{
	return (double)(rng_u64(r) >> 11) * 0x1.0p-53;
}

uint32_t rng_below(rng *r, uint32_t n)
{
	/* Lemire's multiply-shift; the tiny bias (< 2^-32) does not matter here. */
	return (uint32_t)(((rng_u64(r) >> 32) * (uint64_t)n) >> 32);
}

int32_t rng_range(rng *r, int32_t lo, int32_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int32_t)rng_below(r, (uint32_t)(hi - lo + 1));
}

bool rng_chance(rng *r, double p)
{
	return rng_unit(r) < p;
}

double rng_exp(rng *r, double mean)
{
	return -mean * log(1.0 - rng_unit(r));
}

double rng_normal(rng *r)
{
	double u = 1.0 - rng_unit(r), v = rng_unit(r);
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

double rng_lognormal(rng *r, double median, double sigma)
{
	return median * exp(sigma * rng_normal(r));
}

int rng_poisson(rng *r, double mean)
{
	if (mean <= 0)
		return 0;
	if (mean > 30) {
		double x = mean + sqrt(mean) * rng_normal(r) + 0.5;
		return x < 0 ? 0 : (int)x;
	}
	double l = exp(-mean), p = 1.0;
	int k = 0;
	do {
		k++;
		p *= rng_unit(r);
	} while (p > l);
	return k - 1;
}

size_t rng_pick_cum(rng *r, const double *cum, size_t n)
{
	if (!n)
		return 0;
	double x = rng_unit(r) * cum[n - 1];
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

size_t rng_pick(rng *r, const double *w, size_t n)
{
	double total = 0;
	for (size_t i = 0; i < n; i++)
		total += w[i];
	double x = rng_unit(r) * total;
	for (size_t i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n ? n - 1 : 0;
}

double hash_unit(const char *s, uint64_t salt)
{
	uint64_t h = 1469598103934665603ull ^ salt;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (double)(mix64(h) >> 11) * 0x1.0p-53;
}
