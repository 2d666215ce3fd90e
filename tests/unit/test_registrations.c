/* When the registry first recorded each enrolment and its end (issue 12's
 * melddiscipline: enrolments and de-registrations within 7 days). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/core/melddiscipline.h"
#include "../../src/store/store.h"
#include "registry.h"

static char db_path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(db_path, sizeof db_path, "/tmp/inbeeld-test-reg-%d.db", (int)getpid());
	registry_remove(db_path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	registry_remove(db_path);
	return 0;
}

#define PUPILS "P,,,2012-03-10,,,\nQ,,,2013-05-01,,,\n"
#define HOMES "P,GM0001,2012-03-10,,0\nQ,GM0001,2013-05-01,,0\n"

static void import_at(store *st, const char *enrolments, const char *when)
{
	fixture f = {.leerlingen = PUPILS, .woonadressen = HOMES, .inschrijvingen = enrolments};
	dataset *ds = fixture_build(&f, NULL);
	assert_non_null(ds);
	strbuf err = STRBUF_INIT;
	import_options opt = {"test", "fixture", when, NULL, NULL, false, NULL};
	import_stats stats;
	if (store_import(st, ds, &opt, &stats, &err) != 0)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	dataset_free(ds);
}

static void collect(void *ctx, const registration_row *r)
{
	strbuf *sb = ctx;
	day_t named, recorded;
	assert_int_equal(date_parse(r->named, strlen(r->named), &named), 0);
	assert_int_equal(date_parse(r->recorded_at, 10, &recorded), 0);
	sb_printf(sb, "%s %s-%s %s %.10s%s\n", r->ending ? "uit" : "in", r->brin, r->vestiging, r->named, r->recorded_at,
		  recorded_late(named, recorded) ? " te laat" : "");
}

static char *registrations(store *st, int64_t upto)
{
	strbuf sb = STRBUF_INIT, err = STRBUF_INIT;
	if (store_registrations(st, "2025-08-01", "2025-10-31", upto, collect, &sb, &err) != 0)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	char *s = sb.data ? sb.data : calloc(1, 1);
	return s;
}

static void enrolments_and_ends_by_their_first_recording(void **state)
{
	(void)state;
	store *st = registry_open(db_path);
	/* P from 25 Aug, recorded 11 days later; Q from 1 Sep, 4 days later. */
	import_at(st, "P,20BB,00,2025-08-25,\nQ,10AA,00,2025-09-01,\n", "2025-09-05T10:00:00");
	/* P leaves on 10 Oct; the registry learns of it on 20 Oct. */
	import_at(st, "P,20BB,00,2025-08-25,2025-10-10\nQ,10AA,00,2025-09-01,\n", "2025-10-20T09:00:00");
	char *all = registrations(st, 1000);
	/* P's van keeps the day it was first recorded, not that of its correction */
	assert_non_null(strstr(all, "in 20BB-00 2025-08-25 2025-09-05 te laat\n"));
	assert_non_null(strstr(all, "in 10AA-00 2025-09-01 2025-09-05\n"));
	assert_non_null(strstr(all, "uit 20BB-00 2025-10-10 2025-10-20 te laat\n"));
	assert_int_equal(strlen(all), strlen("in 20BB-00 2025-08-25 2025-09-05 te laat\n"
					     "in 10AA-00 2025-09-01 2025-09-05\n"
					     "uit 20BB-00 2025-10-10 2025-10-20 te laat\n"));
	free(all);
	/* As the registry was after the first import: no end yet. */
	char *first = registrations(st, 1);
	assert_null(strstr(first, "uit "));
	assert_non_null(strstr(first, "in 20BB-00 2025-08-25"));
	free(first);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(enrolments_and_ends_by_their_first_recording, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
