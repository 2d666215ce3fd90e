/* Targets in the registry (migration 7): a change is a new version and the
 * old one stays, only the current version can be replaced, and history can
 * neither be changed nor deleted behind the store's back; each version
 * records the registry's version, and the registry reads back as it was at
 * one (the baseline as known then). */
#include "helpers.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../src/store/store.h"
#include "registry.h"

static char db_path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(db_path, sizeof db_path, "/tmp/inbeeld-test-doel-%d.db", (int)getpid());
	registry_remove(db_path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	registry_remove(db_path);
	return 0;
}

static const doel_row AV = {0, 0, "AV omlaag", "gemeente", "GM0001", "resultaatschema", "AV_PO,AV_VO", "totaal",
			    "2025-11-01", "-50", NULL, "2027-11-01", false, 0, NULL, "lp", 7, 0};

typedef struct seen {
	size_t n;
	int64_t id[8], doel_id[8], registratie[8], vervangen_door[8];
	char verandering[8][16];
	bool ingetrokken[8];
} seen;

static void keep(void *ctx, const doel_row *v)
{
	seen *s = ctx;
	if (s->n == 8)
		return;
	s->id[s->n] = v->id;
	s->doel_id[s->n] = v->doel_id;
	s->registratie[s->n] = v->registratie;
	s->vervangen_door[s->n] = v->vervangen_door;
	snprintf(s->verandering[s->n], sizeof s->verandering[0], "%s", v->verandering ? v->verandering : "");
	s->ingetrokken[s->n++] = v->ingetrokken;
}

static void import(store *st, const fixture *f)
{
	dataset *ds = fixture_build(f, NULL);
	assert_non_null(ds);
	strbuf err = STRBUF_INIT;
	import_options opt = {"test", "fixture", NULL, NULL, NULL, false, NULL};
	import_stats stats;
	if (store_import(st, ds, &opt, &stats, &err) != 0)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	dataset_free(ds);
}

static void versions_are_kept(void **state)
{
	(void)state;
	store *st = registry_open(db_path);
	strbuf err = STRBUF_INIT;
	import(st, &(fixture){.leerlingen = "P,,,2012-03-10,,,\n", .woonadressen = "P,GM0001,2012-03-10,,0\n"});
	int64_t id = 0, doel = 0, id2 = 0, doel2 = 0, newest = 0;
	assert_int_equal(store_doel_save(st, 0, &AV, &id, &doel, &err), 0);
	assert_int_equal(doel, id); /* a target is named after its first version */
	assert_int_equal(store_doel_save(st, 0, &AV, &id2, &doel2, &err), 0);
	assert_int_not_equal(doel2, doel);
	/* A second version after a correction of the registry. */
	import(st, &(fixture){.leerlingen = "P,,,2012-03-10,,,\nQ,,,2012-03-10,,,\n",
			      .woonadressen = "P,GM0001,2012-03-10,,0\nQ,GM0001,2012-03-10,,0\n"});
	doel_row v2 = AV;
	v2.verandering = "-75";
	int64_t id3 = 0, of = 0;
	assert_int_equal(store_doel_save(st, id, &v2, &id3, &of, &err), 0);
	assert_int_equal(of, doel);
	/* The replaced version is no longer current. */
	int64_t none = 0;
	assert_int_equal(store_doel_save(st, id, &v2, &none, &of, &err), STORE_CONFLICT);
	assert_int_equal(none, 0);
	assert_int_equal(store_doel_save(st, 999, &v2, &none, &of, &err), STORE_NOT_FOUND);
	seen all = {0};
	assert_int_equal(store_doelen(st, doel, keep, &all, &err), 0);
	assert_int_equal(all.n, 2);
	assert_string_equal(all.verandering[0], "-50");
	assert_string_equal(all.verandering[1], "-75");
	assert_int_equal(all.vervangen_door[0], id3);
	assert_int_equal(all.vervangen_door[1], 0);
	assert_int_equal(all.registratie[0], 1);
	assert_int_equal(all.registratie[1], 2);
	/* Withdrawn: a last version, gone from the current list. */
	doel_row gone = v2;
	gone.ingetrokken = true;
	int64_t id4 = 0;
	assert_int_equal(store_doel_save(st, id3, &gone, &id4, &of, &err), 0);
	seen current = {0};
	assert_int_equal(store_doelen(st, 0, keep, &current, &err), 0);
	assert_int_equal(current.n, 1);
	assert_int_equal(current.doel_id[0], doel2);
	assert_int_equal(store_doelen_newest(st, &newest, &err), 0);
	assert_int_equal(newest, id4);
	/* As known at the first version, the registry had one pupil. */
	dataset *then = store_load_version(st, 0, all.registratie[0], 1, &err);
	dataset *now = store_load_version(st, 0, all.registratie[1], 1, &err);
	assert_non_null(then);
	assert_non_null(now);
	assert_int_equal(then->n_pupils, 1);
	assert_int_equal(now->n_pupils, 2);
	dataset_free(then);
	dataset_free(now);
	sb_free(&err);
	store_close(st);

	/* Behind the store's back, history cannot be changed or deleted. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	char *msg = NULL;
	assert_int_not_equal(sqlite3_exec(db, "UPDATE doel SET verandering = '-10' WHERE id = 1", NULL, NULL, &msg), SQLITE_OK);
	assert_non_null(strstr(msg, "geschiedenis is alleen aan te vullen"));
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE doel SET vervangen_door = NULL WHERE id = 1", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM doel WHERE id = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(versions_are_kept, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
