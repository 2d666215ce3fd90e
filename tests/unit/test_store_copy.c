/* Moving house (src/store/store_copy.c, issue 16), SQLite to SQLite: the copy
 * knows every table and column of the schema (and says so when a migration
 * adds one it does not know), keeps every value as it is - types, NULL and
 * the empty text apart, ids, the audit chain -, refuses a target with data
 * and a missing source, and leaves the target without data when a row is
 * refused halfway. tests/pg/migreer.sh does the same through the command
 * line from SQLite to PostgreSQL. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../src/store/store_internal.h"
#include "registry.h"

static char src_path[64], dst_path[64];

static const fixture TWO = {
	.leerlingen = "P,,,2012-03-10,,,\nQ,,,2013-05-01,,,\n",
	.woonadressen = "P,GM0001,2012-03-10,,0\nQ,GM0002,2013-05-01,,0\n",
	.inschrijvingen = "P,20BB,00,2024-08-01,\nQ,70GG,00,2025-08-01,\n",
	.verzuim = "P,20BB,00,ongeoorloofd,2025-09-15,,\n",
};

/* A registry with history (two imports), an account without a password (''),
 * a dossier with its audit entry and an audit entry of its own. */
static void make_source(void)
{
	registry_remove(src_path);
	store *st = registry_open(src_path);
	strbuf err = STRBUF_INIT;
	import_stats stats;
	dataset *ds = fixture_build(&TWO, NULL);
	import_options opt = {"test", "fixture", "2025-10-01T09:00:00", NULL, NULL, false, NULL};
	if (store_import(st, ds, &opt, &stats, &err) != 0)
		fail_msg("%s", sb_str(&err));
	dataset_free(ds);
	fixture later = TWO;
	later.verzuim = "P,20BB,00,ongeoorloofd,2025-09-22,,\n";
	ds = fixture_build(&later, NULL);
	opt.recorded_at = "2025-10-15T09:00:00";
	if (store_import(st, ds, &opt, &stats, &err) != 0)
		fail_msg("%s", sb_str(&err));
	dataset_free(ds);
	int64_t org, user, stream, ev;
	bool created;
	if (store_organisation_ensure(st, "Leerplicht", "leerplicht", "GM0001", &org, &err) != 0 ||
	    store_account_upsert(st, "lp", "leerplicht", "GM0001", org, "", true, &user, &created, &err) != 0)
		fail_msg("%s", sb_str(&err));
	new_event open = {"opening", "2025-10-02", "{}", user, "lp", NULL};
	if (store_stream_open(st, "dossier", "P", &open, NULL, NULL, NULL, &stream, &ev, &err) != 0)
		fail_msg("%s", sb_str(&err));
	audit_entry e = {.tijdstip = "2025-11-03T10:00:00", .gebruikersnaam = "lp", .rol = "leerplicht",
			 .leerling_id = "P", .actie = "inzien", .endpoint = "unit", .doel = "unit", .details = ""};
	if (store_audit_append(st, &e, 1, &err) != 0)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	store_close(st);
}

/* Every row of every table of a and b, with each value's type and bytes,
 * in rowid order: equal. Returns the rows compared. */
static long same_tables(const char *a, const char *b)
{
	sqlite3 *da, *db2;
	assert_int_equal(sqlite3_open_v2(a, &da, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_open_v2(b, &db2, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *tables;
	assert_int_equal(sqlite3_prepare_v2(da, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1,
					    &tables, NULL),
			 SQLITE_OK);
	long rows = 0;
	while (sqlite3_step(tables) == SQLITE_ROW) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT rowid, * FROM %s ORDER BY rowid", (const char *)sqlite3_column_text(tables, 0));
		sqlite3_stmt *qa, *qb;
		assert_int_equal(sqlite3_prepare_v2(da, sql, -1, &qa, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db2, sql, -1, &qb, NULL), SQLITE_OK);
		int ra, rb;
		while ((ra = sqlite3_step(qa)) == SQLITE_ROW) {
			rb = sqlite3_step(qb);
			assert_int_equal(rb, SQLITE_ROW);
			int n = sqlite3_column_count(qa);
			for (int i = 0; i < n; i++) {
				int type = sqlite3_column_type(qa, i);
				if (type != sqlite3_column_type(qb, i))
					fail_msg("%s, column %d: another type", sql, i);
				const unsigned char *va = sqlite3_column_text(qa, i), *vb = sqlite3_column_text(qb, i);
				if (type != SQLITE_NULL && strcmp((const char *)va, (const char *)vb))
					fail_msg("%s, column %d: '%s' became '%s'", sql, i, va, vb);
			}
			rows++;
		}
		assert_int_equal(ra, SQLITE_DONE);
		assert_int_equal(sqlite3_step(qb), SQLITE_DONE);
		sqlite3_finalize(qa);
		sqlite3_finalize(qb);
	}
	sqlite3_finalize(tables);
	sqlite3_close(da);
	sqlite3_close(db2);
	return rows;
}

static int64_t count(const char *path, const char *table)
{
	store *st = registry_open(path);
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	db_stmt *q;
	assert_int_equal(db_prepare(st->db, sql, &q), DB_OK);
	assert_int_equal(db_step(q), DB_ROW);
	int64_t n = db_col_int(q, 0);
	db_finalize(q);
	store_close(st);
	return n;
}

static void the_copy_knows_every_table_and_column_of_the_schema(void **state)
{
	(void)state;
	registry_remove(src_path);
	store *st = registry_open(src_path);
	strbuf err = STRBUF_INIT;
	/* A migration that adds a table or a column the copy does not know fails here. */
	if (store_copy_check(st, &err) != 0)
		fail_msg("%s", sb_str(&err));
	assert_int_equal(db_exec(st->db, "ALTER TABLE gebeurtenis ADD COLUMN nieuw TEXT"), DB_OK);
	assert_int_not_equal(store_copy_check(st, &err), 0);
	assert_non_null(strstr(sb_str(&err), "kolom nieuw van de tabel gebeurtenis"));
	sb_reset(&err);
	assert_int_equal(db_exec(st->db, "CREATE TABLE aaa_nieuw (x TEXT)"), DB_OK);
	assert_int_not_equal(store_copy_check(st, &err), 0);
	assert_non_null(strstr(sb_str(&err), "tabel aaa_nieuw"));
	sb_free(&err);
	store_close(st);
}

static void a_copy_keeps_every_value_as_it_is(void **state)
{
	(void)state;
	make_source();
	registry_remove(dst_path);
	strbuf err = STRBUF_INIT;
	copy_stats stats;
	if (store_copy(src_path, dst_path, NULL, &stats, &err) != 0)
		fail_msg("%s", sb_str(&err));
	long rows = same_tables(src_path, dst_path);
	assert_true(rows > 20);
	assert_true(stats.schema >= 13 && stats.tables > 30);
	/* The account without a password kept '' (not NULL), the audit chain holds. */
	store *st = registry_open(dst_path);
	account a;
	assert_int_equal(store_account_get(st, "lp", 0, &a, &err), 1);
	assert_string_equal(a.wachtwoord, "");
	account_free(&a);
	size_t checked;
	int64_t bad;
	assert_int_equal(store_audit_verify(st, &checked, &bad, &err), 0);
	assert_int_equal(bad, 0);
	assert_true(checked >= 1);
	store_close(st);
	/* A second copy into it is refused, naming the table, and changes nothing. */
	sb_reset(&err);
	assert_int_not_equal(store_copy(src_path, dst_path, NULL, &stats, &err), 0);
	assert_non_null(strstr(sb_str(&err), "niet leeg: de tabel batch"));
	assert_int_equal(same_tables(src_path, dst_path), rows);
	sb_free(&err);
}

static void a_copy_refused_halfway_leaves_the_target_empty(void **state)
{
	(void)state;
	make_source();
	registry_remove(dst_path);
	store *st = registry_open(dst_path);
	assert_int_equal(db_exec(st->db, "CREATE TRIGGER nee BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'nee'); END"),
			 DB_OK);
	store_close(st);
	strbuf err = STRBUF_INIT;
	copy_stats stats;
	assert_int_not_equal(store_copy(src_path, dst_path, NULL, &stats, &err), 0);
	assert_non_null(strstr(sb_str(&err), "audit"));
	assert_int_equal(count(dst_path, "batch"), 0);
	assert_int_equal(count(dst_path, "leerlingen"), 0);
	assert_int_equal(count(dst_path, "gebruiker"), 0);
	sb_free(&err);
}

static void a_missing_source_is_refused_and_not_made(void **state)
{
	(void)state;
	registry_remove(dst_path);
	char none[80];
	snprintf(none, sizeof none, "%s.nergens", src_path);
	strbuf err = STRBUF_INIT;
	copy_stats stats;
	assert_int_not_equal(store_copy(none, dst_path, NULL, &stats, &err), 0);
	assert_non_null(strstr(sb_str(&err), "bestaat niet"));
	assert_int_not_equal(access(none, F_OK), 0);
	sb_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_copy_knows_every_table_and_column_of_the_schema),
		cmocka_unit_test(a_copy_keeps_every_value_as_it_is),
		cmocka_unit_test(a_copy_refused_halfway_leaves_the_target_empty),
		cmocka_unit_test(a_missing_source_is_refused_and_not_made),
	};
	snprintf(src_path, sizeof src_path, "/tmp/inbeeld-test-copy-%d.db", (int)getpid());
	snprintf(dst_path, sizeof dst_path, "/tmp/inbeeld-test-copy-%d-b.db", (int)getpid());
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	registry_remove(src_path);
	registry_remove(dst_path);
	return failed;
}
