/*
 * helpers.h - building small datasets from CSV text for the unit tests.
 *
 * A fixture names the body (rows without header) of each per-pupil file; the
 * canonical header is prepended. Reference tables default to BASE_* below
 * unless overridden. The holiday files take their header with the body.
 */
#ifndef INBEELD_TEST_HELPERS_H
#define INBEELD_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../src/core/access.h"
#include "../../src/core/classify.h"
#include "../../src/core/facts.h"
#include "../../src/util/strbuf.h"

typedef struct fixture {
	const char *gemeenten, *swv, *swv_gemeenten, *scholen; /* bodies; NULL = default */
	const char *vakantieregios, *vakanties;		       /* whole files, NULL = absent */
	const char *leerlingen, *woonadressen, *inschrijvingen, *verzuim, *vrijstellingen, *meldingen, *aanbod;
} fixture;

/* Reference data used unless a fixture overrides it:
 *   GM0001 Alfa   in PO0001 and PO0002 (PO) and VO0002 (VO); holiday region none
 *   GM0002 Beta   in PO0002 and VO0001; holiday region zuid
 *   GM0003 Gamma  in no SWV region
 * Schools: 10AA-00 BAO GM0001 (PO0002), 10AA-01 SBO GM0001 (PO0001),
 *          20BB-00 VO GM0001 (VO0001), 30CC-00 MBO GM0002, 40DD-00 SO GM0002 (PO0002),
 *          50EE-00 VSO GM0002 (VO0002), 60FF-00 PRO GM0001 (VO0001), 70GG-00 VO GM0002 (VO0002). */
extern const char BASE_GEMEENTEN[], BASE_SWV[], BASE_SWV_GEMEENTEN[], BASE_SCHOLEN[];

/* How the fixtures' files are read: as a dataset folder's (the fast path
 * where it applies, dataset_read_bytes) with this window (0: a file's), or
 * FIXTURE_GENERAL: by the general reader only (dataset_read_table). */
#define FIXTURE_GENERAL ((size_t)-1)
extern size_t fixture_window;
/* Whether two datasets hold the same facts (reference data, pupils with
 * their identities, every fact in order); when not, *why says where. */
bool datasets_same(const dataset *a, const dataset *b, const char **why);

/* Build; on failure returns NULL and (when errors is non-NULL) hands over the
 * builder for inspection (free it with builder_free). */
dataset *fixture_build(const fixture *f, builder **errors);
/* Build with the caller's builder (for its warnings); the caller frees both. */
dataset *fixture_build_with(const fixture *f, builder *b);
/* Only leerlingen and the per-pupil tables of f, for a builder on reference
 * data built before (builder_new_on); the caller frees both. */
dataset *fixture_build_pupils_with(const fixture *f, builder *b);
day_t D(const char *iso);
/* Classify the pupil with this id on the ISO date. */
void classify_id(const dataset *ds, const char *id, const char *iso, classification *c);
/* The school-year count of SPEC 8.1 checked against a day-by-day scan, for
 * every pupil of ds and schooljaar y: classify_next_change() must never skip
 * a day on which the classification differs (every day between two change
 * points is classified and compared with the first), and jaar_pupil_compute()
 * must give what classifying each of the 365 or 366 days gives. Returns the
 * number of mismatches, the first few described in why. No cmocka: the
 * generator's check (tests/gen) uses it as well. */
size_t year_by_days_mismatches(const dataset *ds, int y, strbuf *why);
/* A scope of role r (codes as SCOPE gives them) resolved against ds; release
 * with resolved_free. Fails the test when the codes do not parse. */
typedef struct resolved {
	scope s;
	scope_set set;
} resolved;
void resolve(const dataset *ds, role r, const char *codes, resolved *out);
void resolved_free(resolved *x);

/* Random counts for the property tests, the same on every machine: a
 * xorshift64 step, and a part of `of` where protection of small numbers is
 * hard: none, all, all but a few, or any. */
uint64_t random_next(uint64_t *s);
int64_t random_part_of(uint64_t *s, int64_t of);

/* INBEELD_TEST_STRIDE=N (tests/valgrind.sh sets it, 1 when unset): the
 * property tests check only every Nth of their cases. make unit (ASan+UBSan)
 * checks every one; valgrind looks for what ASan does not see (a read of
 * memory never written, a leak) on the same code paths, which a sample
 * walks at a fraction of valgrind's cost. A prime N mixes nested loops. */
size_t test_stride(void);

/* The first error, formatted ("file, regel N, kolom C: msg"); "" when none. */
const char *first_error(builder *b, char *buf, size_t size);

#endif
