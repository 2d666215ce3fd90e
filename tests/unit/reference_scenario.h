/*
 * reference_scenario.h - the reference data a registry connection keeps for
 * validating corrections (src/store/store_reference.c), on any registry:
 * test_store.c runs these on SQLite, test_db_pg.c on PostgreSQL. What a user
 * would notice: a correction is judged on the reference data as it is now,
 * whichever process imported it, and a correction cannot change reference
 * data. Header-only, like registry.h.
 */
#ifndef INBEELD_TEST_REFERENCE_SCENARIO_H
#define INBEELD_TEST_REFERENCE_SCENARIO_H

#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#include "../../src/store/store.h"

static const fixture REF_V1 = {
	.leerlingen = "P,111222333,,2012-03-10,Anna,Jansen,\nQ,,101222331,2013-05-01,Bram,Visser,\n",
	.woonadressen = "P,GM0001,2012-03-10,,0\nQ,GM0002,2013-05-01,,0\n",
	.inschrijvingen = "P,20BB,00,2024-08-01,\nQ,70GG,00,2025-08-01,\n",
	.verzuim = "",
	.vrijstellingen = "",
};

static inline store *ref_open(const char *target)
{
	store *st = NULL;
	strbuf err = STRBUF_INIT;
	if (store_open(target, &st, &err))
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	return st;
}

/* Import f now (with BASE_SCHOLEN and, when extra, a school 80HH-00 more). */
static inline void ref_import(store *st, const fixture *f, bool extra)
{
	strbuf scholen = STRBUF_INIT, err = STRBUF_INIT;
	sb_puts(&scholen, BASE_SCHOLEN);
	if (extra)
		sb_puts(&scholen, "80HH,00,Nieuwe school,VO,GM0001,,VO0001\n");
	fixture g = *f;
	g.scholen = sb_str(&scholen);
	dataset *ds = fixture_build(&g, NULL);
	assert_non_null(ds);
	import_options opt = {"test", "fixture", NULL, NULL, NULL, false, NULL};
	import_stats stats;
	if (store_import(st, ds, &opt, &stats, &err))
		fail_msg("%s", sb_str(&err));
	dataset_free(ds);
	sb_free(&scholen);
	sb_free(&err);
}

/* A correction enrolling pupil id at 80HH-00 from 2025-11-01: its result,
 * the reason in err. */
static inline int ref_enrol(store *st, const char *id, strbuf *err)
{
	const field row[5] = {{id, strlen(id)}, {"80HH", 4}, {"00", 2}, {"2025-11-01", 10}, {NULL, 0}};
	fact_change ch = {T_INSCHRIJVINGEN, 0, row};
	int64_t batch = 0, new_id = 0;
	sb_reset(err);
	return store_pupil_change(st, id, &ch, 1, "test", "unit", &batch, &new_id, NULL, err);
}

/* Connection a keeps the reference data it validated with; an import by
 * connection b (another process, for all a can tell) renews it, both when
 * the import adds a school and when it takes one away. */
static inline void ref_kept_reference_data_follows_every_import(const char *target)
{
	store *a = ref_open(target), *b = ref_open(target);
	strbuf err = STRBUF_INIT, first = STRBUF_INIT;
	ref_import(a, &REF_V1, false);
	assert_int_equal(ref_enrol(a, "P", &err), STORE_INVALID);
	assert_non_null(strstr(sb_str(&err), "80HH"));
	sb_puts(&first, sb_str(&err));
	/* Refused again on the kept reference data, in the same words. */
	assert_int_equal(ref_enrol(a, "P", &err), STORE_INVALID);
	assert_string_equal(sb_str(&err), sb_str(&first));
	/* b imports the school: a accepts the enrolment now. */
	ref_import(b, &REF_V1, true);
	assert_int_equal(ref_enrol(a, "P", &err), 0);
	/* b imports without it again (P's enrolment there ends with it): a
	 * refuses the school once more, as a connection that never kept
	 * anything does. */
	ref_import(b, &REF_V1, false);
	assert_int_equal(ref_enrol(a, "Q", &err), STORE_INVALID);
	sb_reset(&first);
	sb_puts(&first, sb_str(&err));
	store *c = ref_open(target);
	assert_int_equal(ref_enrol(c, "Q", &err), STORE_INVALID);
	assert_string_equal(sb_str(&err), sb_str(&first));
	store_close(c);
	store_close(b);
	store_close(a);
	sb_free(&first);
	sb_free(&err);
}

/* Reference data changes only by import (SPEC 3): a correction naming a
 * reference table is refused, naming it, and changes nothing. */
static inline void ref_a_correction_of_reference_data_is_refused(const char *target)
{
	store *st = ref_open(target);
	strbuf err = STRBUF_INIT;
	ref_import(st, &REF_V1, false);
	static const field site[7] = {{"80HH", 4}, {"00", 2}, {"Nieuw", 5}, {"VO", 2}, {"GM0001", 6}, {NULL, 0}, {"VO0001", 6}};
	fact_change add = {T_SCHOLEN, 0, site};
	int64_t batch = 0, id = 0, before = 0, after = 0;
	assert_int_equal(store_version(st, &before, &err), 0);
	assert_int_equal(store_pupil_change(st, "P", &add, 1, "test", "unit", &batch, &id, NULL, &err), STORE_INVALID);
	assert_string_equal(sb_str(&err),
			    "scholen is geen gegeven van een leerling; referentiegegevens veranderen alleen door een import");
	/* Ending a gemeente, beside a change of the pupil's own: refused whole. */
	static const field enrol[5] = {{"P", 1}, {"10AA", 4}, {"00", 2}, {"2025-11-01", 10}, {NULL, 0}};
	fact_change both[2] = {{T_INSCHRIJVINGEN, 0, enrol}, {T_GEMEENTEN, 1, NULL}};
	int64_t ids[2];
	sb_reset(&err);
	assert_int_equal(store_pupil_change(st, "P", both, 2, "test", "unit", &batch, ids, NULL, &err), STORE_INVALID);
	assert_string_equal(sb_str(&err),
			    "gemeenten is geen gegeven van een leerling; referentiegegevens veranderen alleen door een import");
	fact_change none = {T_COUNT, 0, NULL};
	sb_reset(&err);
	assert_int_equal(store_pupil_change(st, "P", &none, 1, "test", "unit", &batch, &id, NULL, &err), STORE_INVALID);
	assert_string_equal(sb_str(&err), "onbekende tabel in een correctie");
	assert_int_equal(store_version(st, &after, &err), 0);
	assert_int_equal(after, before); /* no batch recorded */
	dataset *ref = store_load_reference(st, &err);
	assert_non_null(ref);
	assert_int_equal(ref->n_schools, 8);
	assert_int_equal(ref->n_gemeenten, 3);
	dataset_free(ref);
	store_close(st);
	sb_free(&err);
}

#endif
