/*
 * rng.h - a small deterministic random number generator (xoshiro256**,
 * seeded through splitmix64) and the distributions the generator draws from.
 *
 * Every stream is keyed by integers (the seed, a gemeente, a cohort, a pupil)
 * rather than drawn from one global sequence, so a pupil's life does not
 * depend on how many pupils were generated before it, and the output is the
 * same bytes for the same arguments on every machine.
 */
#ifndef INBEELD_GEN_RNG_H
#define INBEELD_GEN_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct rng {
	uint64_t s[4];
} rng;

/* splitmix64 step: a good 64-bit mixer for deriving keys. */
uint64_t mix64(uint64_t x);

/* Seed a stream from up to four keys. */
void rng_seed(rng *r, uint64_t a, uint64_t b, uint64_t c, uint64_t d);

uint64_t rng_u64(rng *r);
/* Uniform in [0, 1). */
double rng_unit(rng *r);
/* Uniform integer in [0, n); n > 0. */
uint32_t rng_below(rng *r, uint32_t n);
/* Uniform integer in [lo, hi] (inclusive). */
int32_t rng_range(rng *r, int32_t lo, int32_t hi);
bool rng_chance(rng *r, double p);
/* Exponential with the given mean. */
double rng_exp(rng *r, double mean);
/* Standard normal (Box-Muller). */
double rng_normal(rng *r);
/* Lognormal with the given median and shape sigma. */
double rng_lognormal(rng *r, double median, double sigma);
/* Poisson with a small mean (inversion). */
int rng_poisson(rng *r, double mean);
/* Index i with probability w[i] / sum(w); cum[] holds running sums. */
size_t rng_pick_cum(rng *r, const double *cum, size_t n);
/* Index i with probability w[i] / sum(w) for a short table of weights. */
size_t rng_pick(rng *r, const double *w, size_t n);

/* A deterministic value in [0, 1) from a string (for per-gemeente traits
 * that must not depend on the seed). */
double hash_unit(const char *s, uint64_t salt);

#endif
