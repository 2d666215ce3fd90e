/*
 * ident.h - Dutch identifiers and codes.
 *
 * Each check takes a byte range (not necessarily NUL-terminated) and says only
 * whether it is well formed; whether it exists is the registry's business.
 */
#ifndef INBEELD_IDENT_H
#define INBEELD_IDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The 11-proef on its sum (9 x d1 + 8 x d2 + ... + 2 x d8 - d9) and the
 * prefix "10" of an onderwijsnummer: the one home of these rules, also for
 * the fast path of the dataset reader (facts_bytes.c), which sums a word
 * at a time. */
static inline bool bsn_sum_ok(int sum)
{
	return sum % 11 == 0;
}

static inline bool onderwijsnummer_sum_ok(int sum)
{
	return (sum % 11 + 11) % 11 == 5;
}

static inline bool onderwijsnummer_prefix_ok(const char *s)
{
	return s[0] == '1' && s[1] == '0';
}

/* BSN: 9 digits passing the 11-proef (weights 9..2 and -1), not all zeros. */
bool bsn_valid(const char *s, size_t len);
/* Onderwijsnummer: 9 digits starting with "10", weighted sum (as BSN) mod 11 = 5. */
bool onderwijsnummer_valid(const char *s, size_t len);
/* BRIN: 2 digits and 2 capital letters, e.g. "12AB". */
bool brin_valid(const char *s, size_t len);
/* Vestiging: 2 digits, e.g. "00". */
bool vestiging_valid(const char *s, size_t len);
/* Gemeentecode "GM" + 4 digits; *num receives the number (0..9999). */
bool gemeentecode_parse(const char *s, size_t len, int *num);
/* SWV code "PO" or "VO" + 4 digits; *sector receives 0 (PO) or 1 (VO). */
bool swvcode_parse(const char *s, size_t len, int *sector, int *num);
/* Pack BRIN + vestiging into a non-zero 64-bit key. Precondition: both valid. */
uint64_t school_key(const char *brin, const char *vestiging);

#endif
