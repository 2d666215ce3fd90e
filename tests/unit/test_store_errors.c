/* The registry when SQLite says no (src/store): a value that cannot be bound
 * is an error returned to the caller, never a statement run with NULL in its
 * place; a failed COMMIT or ROLLBACK never leaves a transaction open behind
 * an error (no half change visible, no lock held). The failures are forced
 * with SQLite's own limits and authorizer on the store's connection, so these
 * tests look inside the store (store_internal.h). */
#include "helpers.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../src/store/store_internal.h"
#include "registry.h"

/* The SQLite connection under a store (src/store/db_sqlite.c). */
sqlite3 *db_sqlite_handle(db *d);

static char db_path[64]; /* a fresh registry for each test (registry()) */

static const fixture TWO = {
	.leerlingen = "P,,,2012-03-10,,,\nQ,,,2013-05-01,,,\n",
	.woonadressen = "P,GM0001,2012-03-10,,0\nQ,GM0002,2013-05-01,,0\n",
	.inschrijvingen = "P,20BB,00,2024-08-01,\nQ,70GG,00,2025-08-01,\n",
	.verzuim = "P,20BB,00,ongeoorloofd,2025-09-15,,\n",
};

static store *open_store(void)
{
	return registry_open(db_path);
}

/* Import TWO into st (alone: with the registry to itself, as the command
 * line does). */
static int import_two(store *st, bool alone, strbuf *err)
{
	dataset *ds = fixture_build(&TWO, NULL);
	import_stats stats;
	import_options opt = {"test", "fixture", "2025-10-01T09:00:00", NULL, NULL, alone, NULL};
	int rc = store_import(st, ds, &opt, &stats, err);
	dataset_free(ds);
	return rc;
}

/* A fresh registry with TWO in it, and a dossier for each pupil. */
static store *registry(void)
{
	registry_remove(db_path);
	store *st = open_store();
	strbuf err = STRBUF_INIT;
	if (import_two(st, false, &err) != 0)
		fail_msg("%s", sb_str(&err));
	const char *ids[] = {"P", "Q"};
	for (int i = 0; i < 2; i++) {
		new_event open = {"opening", "2025-10-02", "{}", 0, "test", NULL};
		int64_t stream, ev;
		if (store_stream_open(st, "dossier", ids[i], &open, NULL, NULL, NULL, &stream, &ev, &err) != 0)
			fail_msg("%s", sb_str(&err));
	}
	sb_free(&err);
	return st;
}

static int64_t version(store *st)
{
	int64_t batch = -1;
	strbuf err = STRBUF_INIT;
	if (store_version(st, &batch, &err) != 0)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	return batch;
}

static void count_stream(void *ctx, const stream_info *s)
{
	(void)s;
	(*(int *)ctx)++;
}

/* A melding whose soort is `len` characters long. */
typedef struct melding_row {
	char soort[256];
	field f[6];
} melding_row;

static void melding_of(melding_row *m, size_t len)
{
	memset(m->soort, 'x', len);
	m->soort[len] = '\0';
	field f[6] = {{"P", 1}, {"20BB", 4}, {"00", 2}, {"2025-10-01", 10}, {"2025-09-15", 10}, {m->soort, len}};
	memcpy(m->f, f, sizeof f);
}

static int add_melding(store *st, const melding_row *m, strbuf *err)
{
	fact_change ch = {T_MELDINGEN, 0, m->f};
	int64_t batch = 0, id = 0;
	return store_pupil_change(st, "P", &ch, 1, "test", "unit", &batch, &id, NULL, err);
}

/* The meldingen of P as "soort length" per row ("NULL" for none). */
static void melding_soort(void *ctx, const fact_version *v)
{
	if (v->t != T_MELDINGEN)
		return;
	strbuf *sb = ctx;
	if (v->f[5].len)
		sb_printf(sb, "%zu;", v->f[5].len);
	else
		sb_puts(sb, "NULL;");
}

static void a_value_that_cannot_be_bound_is_an_error_not_another_query(void **state)
{
	(void)state;
	store *st = registry();
	strbuf err = STRBUF_INIT;
	/* Every row of these tables is well under 100 bytes; longer values
	 * cannot be bound (SQLITE_TOOBIG). */
	sqlite3_limit(db_sqlite_handle(st->db), SQLITE_LIMIT_LENGTH, 100);
	char longid[160];
	memset(longid, 'P', 150);
	longid[150] = '\0';
	/* Bound as NULL, "?2 IS NULL OR leerling_id = ?2" would list every
	 * pupil's dossiers. */
	int n = 0;
	assert_int_equal(store_streams(st, "dossier", longid, count_stream, &n, &err), -1);
	assert_int_equal(n, 0);
	assert_non_null(strstr(sb_str(&err), "registratie: waarde doorgeven mislukt: string or blob too big"));
	sb_reset(&err);
	assert_int_equal(store_streams(st, "dossier", "P", count_stream, &n, &err), 0);
	assert_int_equal(n, 1);
	/* Bound as NULL, the melding would be stored without its soort. */
	melding_row m;
	melding_of(&m, 150);
	int64_t before = version(st);
	assert_int_equal(add_melding(st, &m, &err), -1);
	assert_non_null(strstr(sb_str(&err), "waarde doorgeven mislukt"));
	assert_int_equal(version(st), before); /* no batch either: all or nothing */
	sqlite3_limit(db_sqlite_handle(st->db), SQLITE_LIMIT_LENGTH, 1000000000);
	strbuf rows = STRBUF_INIT;
	sb_reset(&err);
	assert_int_equal(store_pupil_facts(st, "P", true, melding_soort, &rows, &err), 1);
	assert_string_equal(sb_str(&rows), "");
	/* Within the limit it goes in whole. */
	assert_int_equal(add_melding(st, &m, &err), 0);
	sb_reset(&rows);
	assert_int_equal(store_pupil_facts(st, "P", true, melding_soort, &rows, &err), 1);
	assert_string_equal(sb_str(&rows), "150;");
	sb_free(&rows);
	sb_free(&err);
	store_close(st);
}

static int deny(void *what, int action, const char *a, const char *b, const char *c, const char *d)
{
	(void)b, (void)c, (void)d;
	return action == SQLITE_TRANSACTION && a && strcmp(a, what) == 0 ? SQLITE_DENY : SQLITE_OK;
}

/* a and b as two connections of the server's pool: writers queue at one
 * gate (store_share_write_gate). */
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;

static void share_gate(store *a, store *b)
{
	store_share_write_gate(a, &gate);
	store_share_write_gate(b, &gate);
}

/* Nobody holds the gate: a failure handed the turn on. */
static void gate_is_free(void)
{
	assert_int_equal(pthread_mutex_trylock(&gate), 0);
	pthread_mutex_unlock(&gate);
}

static void a_failed_commit_is_rolled_back(void **state)
{
	(void)state;
	store *a = registry(), *b = open_store();
	share_gate(a, b);
	/* The other connection gives up quickly if a lock is left behind. */
	sqlite3_busy_timeout(db_sqlite_handle(b->db), 300);
	sqlite3_set_authorizer(db_sqlite_handle(a->db), deny, (void *)"COMMIT");
	melding_row m;
	melding_of(&m, 20);
	strbuf err = STRBUF_INIT;
	int64_t before = version(b);
	assert_int_equal(add_melding(a, &m, &err), -1);
	assert_non_null(strstr(sb_str(&err), "not authorized"));
	/* Nothing of it is visible, and nothing holds the write lock. */
	gate_is_free();
	assert_int_equal(version(b), before);
	sb_reset(&err);
	assert_int_equal(add_melding(b, &m, &err), 0);
	/* The connection that failed is in no transaction and goes on. */
	sqlite3_set_authorizer(db_sqlite_handle(a->db), NULL, NULL);
	assert_true(sqlite3_get_autocommit(db_sqlite_handle(a->db)));
	assert_int_equal(version(a), before + 1);
	assert_int_equal(add_melding(a, &m, &err), 0);
	sb_free(&err);
	store_close(a);
	store_close(b);
}

static void a_failed_rollback_closes_the_connection(void **state)
{
	(void)state;
	store *a = registry(), *b = open_store();
	share_gate(a, b);
	sqlite3_busy_timeout(db_sqlite_handle(b->db), 300);
	/* A correction that fails after its batch row was written, on a
	 * connection that cannot roll back. */
	sqlite3_limit(db_sqlite_handle(a->db), SQLITE_LIMIT_LENGTH, 100);
	sqlite3_set_authorizer(db_sqlite_handle(a->db), deny, (void *)"ROLLBACK");
	melding_row m;
	melding_of(&m, 150);
	strbuf err = STRBUF_INIT;
	int64_t before = version(b);
	fprintf(stderr, "(expected below: a message about a failed rollback)\n");
	assert_int_equal(add_melding(a, &m, &err), -1);
	/* The half change was discarded with the connection: neither the batch
	 * nor a lock is left, so others read and write as before. */
	gate_is_free();
	assert_int_equal(version(b), before);
	melding_of(&m, 20);
	sb_reset(&err);
	assert_int_equal(add_melding(b, &m, &err), 0);
	/* The closed connection refuses everything after, saying why. */
	sb_reset(&err);
	int64_t batch;
	assert_int_equal(store_version(a, &batch, &err), -1);
	assert_string_equal(sb_str(&err),
			    "registratie: de verbinding is gesloten na een mislukte ROLLBACK; open de registratie opnieuw");
	sb_reset(&err);
	assert_int_equal(add_melding(a, &m, &err), -1);
	int n = 0;
	assert_int_equal(store_streams(a, "dossier", NULL, count_stream, &n, &err), -1);
	sb_free(&err);
	store_close(a);
	/* Reopened, the registry is whole. */
	a = open_store();
	assert_int_equal(version(a), before + 1);
	store_close(a);
	store_close(b);
}

static void a_rollback_sqlite_already_did_keeps_the_connection(void **state)
{
	(void)state;
	/* After some errors SQLite has rolled back itself; ROLLBACK then fails
	 * with "no transaction is active", which is no reason to close. */
	store *st = registry();
	int64_t before = version(st);
	rollback(st);
	assert_non_null(st->db);
	assert_int_equal(version(st), before);
	store_close(st);
}

static int deny_insert(void *table, int action, const char *a, const char *b, const char *c, const char *d)
{
	(void)b, (void)c, (void)d;
	return action == SQLITE_INSERT && a && strcmp(a, table) == 0 ? SQLITE_DENY : SQLITE_OK;
}

static int one_int(store *st, const char *sql)
{
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite_handle(st->db), sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	int v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* Files beside the registry whose name starts with db_path's and ".import-"
 * (the first import's scratch). */
static int scratch_files(void)
{
	char pattern[96];
	snprintf(pattern, sizeof pattern, "ls %s.import-* 2>/dev/null | wc -l", db_path);
	FILE *f = popen(pattern, "r");
	assert_non_null(f);
	int n = -1;
	assert_int_equal(fscanf(f, "%d", &n), 1);
	pclose(f);
	return n;
}

/* A first import into an empty registry of its own (filled from two threads,
 * the second through a scratch database beside it) that fails - here the
 * last table, refused on the registry's connection whichever thread filled
 * it - leaves the registry empty, as it was: no batch, no rows, nothing
 * beside it, the foreign keys checked again and the log back. The next
 * import goes in whole. */
static void a_failed_first_import_leaves_the_registry_empty(void **state)
{
	(void)state;
	registry_remove(db_path);
	store *st = open_store();
	strbuf err = STRBUF_INIT;
	sqlite3_set_authorizer(db_sqlite_handle(st->db), deny_insert, (void *)"aanbod");
	assert_int_equal(import_two(st, true, &err), -1);
	assert_non_null(strstr(sb_str(&err), "not authorized"));
	sqlite3_set_authorizer(db_sqlite_handle(st->db), NULL, NULL);
	assert_int_equal(version(st), 0);
	assert_int_equal(one_int(st, "SELECT count(*) FROM batch"), 0);
	assert_int_equal(one_int(st, "SELECT (SELECT count(*) FROM leerlingen) + (SELECT count(*) FROM verzuim)"), 0);
	assert_int_equal(scratch_files(), 0);
	assert_int_equal(one_int(st, "PRAGMA foreign_keys"), 1);
	assert_int_equal(one_int(st, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	sb_reset(&err);
	assert_int_equal(import_two(st, true, &err), 0);
	assert_int_equal(version(st), 1);
	assert_int_equal(one_int(st, "SELECT count(*) FROM leerlingen WHERE v_from = 1"), 2);
	assert_int_equal(one_int(st, "SELECT count(*) FROM verzuim WHERE v_from = 1 AND brin = '20BB'"), 1);
	assert_int_equal(scratch_files(), 0);
	assert_int_equal(one_int(st, "PRAGMA foreign_keys"), 1);
	sb_free(&err);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_value_that_cannot_be_bound_is_an_error_not_another_query),
		cmocka_unit_test(a_failed_commit_is_rolled_back),
		cmocka_unit_test(a_failed_rollback_closes_the_connection),
		cmocka_unit_test(a_rollback_sqlite_already_did_keeps_the_connection),
		cmocka_unit_test(a_failed_first_import_leaves_the_registry_empty),
	};
	snprintf(db_path, sizeof db_path, "/tmp/inbeeld-test-err-%d.db", (int)getpid());
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	registry_remove(db_path);
	return failed;
}
