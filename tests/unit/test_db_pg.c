/* The store's door to PostgreSQL (src/store/db_pg.c) against a real cluster:
 * $INBEELD_TEST_PG, a connection URI (mk/pg.mk's pg-unit step starts a
 * throwaway one with scripts/pg_cluster.sh; without it this test fails, it
 * does not skip). Each test starts from an empty schema public. What a user
 * would notice: a value comes back byte for byte whatever it holds, whether
 * bound or bulk loaded; a refused row says why in the same words as SQLite;
 * two writers never interleave; a national read does not hold every row in
 * memory; the schema is that of SQLite at every version. */
#define _GNU_SOURCE /* pthread_timedjoin_np: a lock wait that never ends fails the test instead */
#include "helpers.h"

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>
#include <valgrind/valgrind.h>

#include "../../src/store/db_pg.h"
#include "../../src/store/migrations_pg.h"
#include "../../src/store/store.h"
#include "reference_scenario.h"

static const char *target;

#ifdef __SANITIZE_ADDRESS__
size_t __sanitizer_get_current_allocated_bytes(void);
static size_t live_bytes(void)
{
	return __sanitizer_get_current_allocated_bytes();
}
#else
static size_t live_bytes(void)
{
	struct mallinfo2 mi = mallinfo2(); /* 0 under valgrind, which counts leaks itself */
	return mi.uordblks + mi.hblkhd;
}
#endif

static db *open_db(void)
{
	db *d = NULL;
	strbuf err = STRBUF_INIT;
	int rc = db_pg_open(target, 0, &d, &err);
	if (rc != DB_OK)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	return d;
}

static void exec_ok(db *d, const char *sql)
{
	if (db_pg_exec(d, sql) != DB_OK)
		fail_msg("%s: %s", sql, db_pg_errmsg(d));
}

/* A fresh, empty schema public for each test. */
static int fresh(void **state)
{
	(void)state;
	db *d = open_db();
	exec_ok(d, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
	db_pg_close(d);
	return 0;
}

static db_stmt *prep(db *d, const char *sql)
{
	db_stmt *q = NULL;
	if (db_pg_prepare(d, sql, &q) != DB_OK)
		fail_msg("%s: %s", sql, db_pg_errmsg(d));
	return q;
}

static int64_t count(db *d, const char *sql)
{
	db_stmt *q = prep(d, sql);
	assert_int_equal(db_pg_step(q), DB_ROW);
	int64_t n = db_pg_col_int(q, 0);
	assert_int_equal(db_pg_step(q), DB_DONE);
	db_pg_finalize(q);
	return n;
}

static void a_target_without_its_password_names_what_failed(void **state)
{
	(void)state;
	db *d = (db *)1;
	strbuf err = STRBUF_INIT;
	assert_int_equal(db_pg_open("postgresql://wie:geheim@/inbeeld?host=/geen/map&password=ook-geheim", 0, &d, &err),
			 DB_ERROR);
	assert_null(d);
	assert_non_null(strstr(sb_str(&err), "kan de PostgreSQL-database postgresql://wie@/inbeeld?host=/geen/map niet openen"));
	assert_null(strstr(sb_str(&err), "geheim"));
	sb_free(&err);
	strbuf r = STRBUF_INIT;
	db_pg_redact("postgres://u:p@h:5432/db?password=x&sslmode=off", &r);
	assert_string_equal(sb_str(&r), "postgres://u@h:5432/db?sslmode=off");
	sb_free(&r);
}

static void numbered_parameters_become_dollars_outside_quotes(void **state)
{
	(void)state;
	strbuf o = STRBUF_INIT, err = STRBUF_INIT;
	int n;
	assert_int_equal(db_pg_rewrite("SELECT ?2, '?1 it''s', \"a?3\", E'\\'?4', ?12 -- ?5\n/* ?6 */ $q$?7$q$ ?1", &o,
				       &n, &err),
			 DB_OK);
	assert_string_equal(sb_str(&o), "SELECT $2, '?1 it''s', \"a?3\", E'\\'?4', $12 -- ?5\n/* ?6 */ $q$?7$q$ $1");
	assert_int_equal(n, 12);
	sb_reset(&o);
	assert_int_equal(db_pg_rewrite("SELECT ? FROM t", &o, &n, &err), DB_ERROR);
	assert_non_null(strstr(sb_str(&err), "parameter zonder nummer"));
	sb_reset(&err);
	assert_int_equal(db_pg_rewrite("SELECT ?0", &o, &n, &err), DB_ERROR);
	sb_reset(&err);
	assert_int_equal(db_pg_rewrite("SELECT 'open", &o, &n, &err), DB_ERROR);
	sb_free(&o);
	sb_free(&err);
	db *d = open_db();
	db_stmt *q = NULL;
	assert_int_equal(db_pg_prepare(d, "SELECT ?", &q), DB_ERROR);
	assert_null(q);
	assert_non_null(strstr(db_pg_errmsg(d), "?1"));
	db_pg_close(d);
}

static const char AWKWARD[] = "O'Brien \"x\" \\N back\\slash\ttab\nnewline\r\xc3\xa9\xe2\x82\xac ?1 $1";

static void values_come_back_byte_for_byte(void **state)
{
	(void)state;
	db *d = open_db();
	assert_string_equal(db_pg_errmsg(d), "");
	db_stmt *q = prep(d, "SELECT ?2, ?1, ?3, ?1 + 1, ?4, ?2 IS NULL, ?3 IS NULL");
	assert_int_equal(db_pg_param_count(q), 4);
	assert_int_equal(db_pg_bind_int(q, 1, INT64_C(5000000000)), DB_OK); /* beyond 2^31 */
	assert_int_equal(db_pg_bind_text(q, 2, AWKWARD, (size_t)-1), DB_OK);
	assert_int_equal(db_pg_bind_null(q, 3), DB_OK);
	assert_int_equal(db_pg_bind_text(q, 4, "abcdef", 3), DB_OK); /* a length, no NUL */
	assert_int_equal(db_pg_bind_int(q, 5, 1), DB_ERROR);
	if (db_pg_step(q) != DB_ROW)
		fail_msg("%s", db_pg_errmsg(d));
	assert_string_equal(db_pg_col_text(q, 0), AWKWARD);
	assert_int_equal(db_pg_col_bytes(q, 0), strlen(AWKWARD));
	assert_int_equal(db_pg_col_int(q, 1), INT64_C(5000000000));
	assert_true(db_pg_col_null(q, 2));
	assert_null(db_pg_col_text(q, 2));
	assert_int_equal(db_pg_col_int(q, 2), 0);
	assert_int_equal(db_pg_col_int(q, 3), INT64_C(5000000001));
	assert_string_equal(db_pg_col_text(q, 4), "abc");
	assert_int_equal(db_pg_col_int(q, 5), 0); /* booleans as SQLite's 0 and 1 */
	assert_string_equal(db_pg_col_text(q, 6), "1");
	assert_true(db_pg_col_null(q, 9)); /* no such column */
	assert_int_equal(db_pg_step(q), DB_DONE);
	/* reset keeps the values; a new type is a new server-side plan */
	db_pg_reset(q);
	assert_int_equal(db_pg_bind_int(q, 1, -7), DB_OK);
	assert_int_equal(db_pg_step(q), DB_ROW);
	assert_int_equal(db_pg_col_int(q, 3), -6);
	assert_string_equal(db_pg_col_text(q, 0), AWKWARD);
	assert_int_equal(db_pg_step(q), DB_DONE);
	/* stepping a finished statement runs it again, as SQLite does */
	assert_int_equal(db_pg_step(q), DB_ROW);
	db_pg_finalize(q);
	db_pg_finalize(NULL);
	db_pg_close(d);
}

static void changes_and_returning(void **state)
{
	(void)state;
	db *d = open_db();
	exec_ok(d, "CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text);"
		   " CREATE UNIQUE INDEX t_v ON t (v)");
	db_stmt *ins = prep(d, "INSERT INTO t (v) VALUES (?1) RETURNING id");
	for (int i = 0; i < 3; i++) {
		char v[16];
		snprintf(v, sizeof v, "v%d", i);
		assert_int_equal(db_pg_bind_text(ins, 1, v, (size_t)-1), DB_OK);
		assert_int_equal(db_pg_step(ins), DB_ROW);
		assert_int_equal(db_pg_col_int(ins, 0), i + 1);
		assert_int_equal(db_pg_step(ins), DB_DONE);
		assert_int_equal(db_pg_changes(d), 1);
		db_pg_reset(ins);
	}
	db_stmt *up = prep(d, "UPDATE t SET v = v || 'x' WHERE id >= ?1");
	db_pg_bind_int(up, 1, 2);
	assert_int_equal(db_pg_step(up), DB_DONE);
	assert_int_equal(db_pg_changes(d), 2);
	assert_int_equal(count(d, "SELECT count(*) FROM t"), 3);
	assert_int_equal(db_pg_changes(d), 2); /* a SELECT changes nothing */
	/* refusals, mapped as SQLite's */
	db_pg_bind_text(ins, 1, "v0", (size_t)-1);
	assert_int_equal(db_pg_step(ins), DB_UNIQUE);
	assert_non_null(strstr(db_pg_errmsg(d), "t_v"));
	assert_int_equal(db_pg_step(ins), DB_ERROR); /* reset first */
	db_pg_reset(ins);
	exec_ok(d, "ALTER TABLE t ADD COLUMN n bigint CHECK (n > 0)");
	db_stmt *chk = prep(d, "INSERT INTO t (v, n) VALUES (?1, ?2)");
	db_pg_bind_text(chk, 1, "w", (size_t)-1);
	db_pg_bind_int(chk, 2, -1);
	assert_int_equal(db_pg_step(chk), DB_CONSTRAINT);
	db_pg_reset(chk);
	db_pg_bind_int(chk, 2, 1);
	db_pg_bind_null(chk, 1);
	assert_int_equal(db_pg_step(chk), DB_DONE); /* v may be NULL */
	db_pg_finalize(chk);
	db_stmt *bad = prep(d, "SELECT no_such_column FROM t");
	assert_int_equal(db_pg_step(bad), DB_ERROR);
	assert_non_null(strstr(db_pg_errmsg(d), "no_such_column"));
	db_pg_finalize(bad);
	db_pg_finalize(ins);
	db_pg_finalize(up);
	db_pg_close(d);
}

static void a_statement_streams_beside_another(void **state)
{
	(void)state;
	db *d = open_db();
	exec_ok(d, "CREATE TABLE t (n bigint)");
	db_stmt *sel = prep(d, "SELECT g FROM generate_series(1, 1000) g ORDER BY g");
	db_stmt *ins = prep(d, "INSERT INTO t VALUES (?1)");
	int64_t seen = 0;
	while (db_pg_step(sel) == DB_ROW) {
		int64_t g = db_pg_col_int(sel, 0);
		assert_int_equal(g, ++seen);
		if (g % 100 == 0) { /* the connection is needed while sel streams */
			db_pg_bind_int(ins, 1, g);
			assert_int_equal(db_pg_step(ins), DB_DONE);
			db_pg_reset(ins);
		}
	}
	assert_int_equal(seen, 1000);
	assert_int_equal(count(d, "SELECT count(*) FROM t"), 10);
	/* reset in the middle of a stream, then run it again */
	assert_int_equal(db_pg_step(sel), DB_ROW);
	assert_int_equal(db_pg_step(sel), DB_ROW);
	db_pg_reset(sel);
	assert_int_equal(db_pg_step(sel), DB_ROW);
	assert_int_equal(db_pg_col_int(sel, 0), 1);
	db_pg_finalize(sel); /* still streaming */
	assert_int_equal(count(d, "SELECT count(*) FROM t"), 10);
	db_pg_finalize(ins);
	db_pg_close(d);
}

static void a_million_rows_stream_in_bounded_memory(void **state)
{
	(void)state;
	db *d = open_db();
	db_stmt *q = prep(d, "SELECT g, repeat('x', 100) FROM generate_series(1, ?1) g");
	int64_t rows = RUNNING_ON_VALGRIND ? 100000 : 1000000;
	db_pg_bind_int(q, 1, rows);
	size_t base = live_bytes(), peak = base;
	int64_t n = 0, sum = 0;
	int rc;
	while ((rc = db_pg_step(q)) == DB_ROW) {
		sum += db_pg_col_int(q, 0);
		assert_int_equal(db_pg_col_bytes(q, 1), 100);
		if (++n % 10000 == 0 && live_bytes() > peak)
			peak = live_bytes();
	}
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(n, rows);
	assert_true(sum == rows * (rows + 1) / 2);
	/* all of them at once would be over 100 MB */
	if (peak - base > 8u << 20)
		fail_msg("%zu bytes held while streaming", peak - base);
	db_pg_finalize(q);
	db_pg_close(d);
}

/* db_each_row (issue 16): a whole table in one COPY comes back as the same
 * rows, byte for byte, as stepping the statement gives them. */
typedef struct seen_rows {
	db_stmt *ref; /* the same SELECT, stepped on a connection of its own */
	int64_t n, stop_at;
} seen_rows;

static int same_as_stepped(void *ctx, int64_t id, const field *f, int ncols)
{
	seen_rows *s = ctx;
	assert_int_equal(ncols, 3);
	assert_int_equal(db_pg_step(s->ref), DB_ROW);
	assert_int_equal(id, db_pg_col_int(s->ref, 0));
	for (int i = 0; i < 3; i++) {
		const char *want = db_pg_col_text(s->ref, i + 1);
		if (!want) {
			assert_null(f[i].p);
			continue;
		}
		assert_non_null(f[i].p);
		assert_int_equal(f[i].len, db_pg_col_bytes(s->ref, i + 1));
		assert_memory_equal(f[i].p, want, f[i].len);
		assert_int_equal(f[i].p[f[i].len], '\0');
	}
	if (id == 1) {
		assert_string_equal(f[0].p, AWKWARD);
		assert_null(f[1].p);
		assert_string_equal(f[2].p, "5000000000");
	} else if (id == 2) { /* the empty text and the text \N are not NULL */
		assert_string_equal(f[0].p, "");
		assert_string_equal(f[1].p, "\\N");
		assert_null(f[2].p);
	}
	return ++s->n == s->stop_at;
}

static int first_rows(void *ctx, int64_t id, const field *f, int ncols)
{
	(void)id;
	(void)f;
	(void)ncols;
	((seen_rows *)ctx)->n++;
	return 0;
}

static int literal_kept(void *ctx, int64_t id, const field *f, int ncols)
{
	assert_int_equal(id, 1);
	assert_int_equal(ncols, 3);
	assert_string_equal(f[1].p, "$1 ?1 it's");
	assert_string_equal(f[2].p, "5000000000");
	((seen_rows *)ctx)->n++;
	return 0;
}

static int64_t each_row(db *d, db *ref, const char *sql, int64_t from, int64_t stop_at, int *rc)
{
	db_stmt *q = prep(d, sql), *r = prep(ref, sql);
	db_pg_bind_int(q, 1, from);
	db_pg_bind_int(r, 1, from);
	seen_rows s = {r, 0, stop_at};
	*rc = db_each_row(q, 3, same_as_stepped, &s);
	if (*rc == DB_DONE)
		assert_int_equal(db_pg_step(r), DB_DONE); /* no row left out */
	db_pg_finalize(q);
	db_pg_finalize(r);
	return s.n;
}

static void a_whole_table_reads_in_one_copy_byte_for_byte(void **state)
{
	(void)state;
	db *d = open_db(), *ref = open_db();
	exec_ok(d, "CREATE TABLE t (rowid bigint PRIMARY KEY, a text, b text, c bigint)");
	char ascii[128];
	for (int i = 1; i < 128; i++)
		ascii[i - 1] = (char)i; /* every control character, tab, newline and backslash among them */
	db_stmt *ins = prep(d, "INSERT INTO t VALUES (?1, ?2, ?3, ?4)");
	struct {
		const char *a, *b;
		size_t alen;
		int64_t c;
	} rows[] = {{AWKWARD, NULL, sizeof AWKWARD - 1, INT64_C(5000000000)}, {"", "\\N", 0, 0},
		    {ascii, "\\", 127, -7}, {"\\N\\N", "x\t\\t\\x41\\101", 4, 0}};
	for (int i = 0; i < 4; i++) {
		db_pg_bind_int(ins, 1, i + 1);
		db_pg_bind_text(ins, 2, rows[i].a, rows[i].alen);
		db_pg_bind_text(ins, 3, rows[i].b, (size_t)-1);
		if (i == 1)
			db_pg_bind_null(ins, 4);
		else
			db_pg_bind_int(ins, 4, rows[i].c);
		assert_int_equal(db_pg_step(ins), DB_DONE);
		db_pg_reset(ins);
	}
	db_pg_finalize(ins);
	/* many more, well past one buffer of the connection */
	int64_t many = RUNNING_ON_VALGRIND ? 20000 : 200000;
	char sql[400];
	snprintf(sql, sizeof sql,
		 "INSERT INTO t SELECT g, 'r' || g || E'\\t\\n' || repeat('y', g %% 300),"
		 " CASE g %% 3 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE E'\\\\' || g END, g"
		 " FROM generate_series(10, %lld) g",
		 (long long)many + 9);
	exec_ok(d, sql);
	const char *all = "SELECT rowid, a, b, c FROM t WHERE rowid >= ?1 ORDER BY rowid";
	int rc;
	assert_int_equal(each_row(d, ref, all, 1, -1, &rc), many + 4);
	assert_int_equal(rc, DB_DONE);
	/* inside a read transaction: its snapshot, not a row committed after it began */
	assert_int_equal(db_pg_begin(d, false), DB_OK);
	assert_int_equal(count(d, "SELECT count(*) FROM t"), many + 4);
	exec_ok(ref, "INSERT INTO t VALUES (9, 'later', NULL, NULL)");
	assert_int_equal(each_row(d, ref, "SELECT rowid, a, b, c FROM t WHERE rowid >= ?1 AND rowid <> 9 ORDER BY rowid", 1,
				  -1, &rc),
			 many + 4);
	assert_int_equal(rc, DB_DONE);
	db_stmt *nine = prep(d, "SELECT rowid, a, b, c FROM t WHERE rowid = ?1");
	db_pg_bind_int(nine, 1, 9);
	seen_rows none = {NULL, 0, 0};
	assert_int_equal(db_each_row(nine, 3, same_as_stepped, &none), DB_DONE); /* not seen: fn never runs */
	db_pg_finalize(nine);
	assert_int_equal(db_pg_commit(d), DB_OK);
	assert_int_equal(each_row(d, ref, all, 9, -1, &rc), many + 1);
	/* a statement streaming beside it goes on after it */
	db_stmt *sel = prep(d, "SELECT g FROM generate_series(1, 100) g ORDER BY g");
	assert_int_equal(db_pg_step(sel), DB_ROW);
	assert_int_equal(each_row(d, ref, all, 1, -1, &rc), many + 5);
	for (int64_t g = 2; g <= 100; g++) {
		assert_int_equal(db_pg_step(sel), DB_ROW);
		assert_int_equal(db_pg_col_int(sel, 0), g);
	}
	assert_int_equal(db_pg_step(sel), DB_DONE);
	db_pg_finalize(sel);
	/* fn stops it: DB_ERROR, and the connection works on */
	assert_int_equal(each_row(d, ref, all, 1, 5, &rc), 5);
	assert_int_equal(rc, DB_ERROR);
	assert_int_equal(count(d, "SELECT count(*) FROM t"), many + 5);
	/* a failure on the server halfway */
	db_stmt *q = prep(d, "SELECT g, (1 / (g - 5000))::text, '', '' FROM generate_series(1, ?1) g");
	db_pg_bind_int(q, 1, 10000);
	seen_rows any = {NULL, 0, -1};
	assert_int_not_equal(db_each_row(q, 3, first_rows, &any), DB_DONE);
	assert_non_null(strstr(db_pg_errmsg(d), "division by zero"));
	db_pg_finalize(q);
	assert_int_equal(count(d, "SELECT count(*) FROM t"), many + 5);
	/* a row of another width than said */
	q = prep(d, "SELECT rowid, a, b FROM t WHERE rowid >= ?1");
	db_pg_bind_int(q, 1, 1);
	assert_int_equal(db_each_row(q, 3, first_rows, &any), DB_ERROR);
	assert_non_null(strstr(db_pg_errmsg(d), "4 kolommen"));
	db_pg_finalize(q);
	/* a $1 in a literal stays, a comment at the end ends nothing */
	q = prep(d, "SELECT rowid, a, '$1 ?1 it''s', c FROM t WHERE rowid = ?1 -- the end");
	db_pg_bind_int(q, 1, 1);
	seen_rows lit = {NULL, 0, -1};
	assert_int_equal(db_each_row(q, 3, literal_kept, &lit), DB_DONE);
	assert_int_equal(lit.n, 1);
	db_pg_finalize(q);
	/* text parameters: stepped, the same rows */
	q = prep(d, "SELECT rowid, a, b, c FROM t WHERE a = ?1");
	db_pg_bind_text(q, 1, AWKWARD, (size_t)-1);
	db_stmt *r = prep(ref, "SELECT rowid, a, b, c FROM t WHERE rowid = ?1");
	db_pg_bind_int(r, 1, 1);
	seen_rows one = {r, 0, -1};
	assert_int_equal(db_each_row(q, 3, same_as_stepped, &one), DB_DONE);
	assert_int_equal(one.n, 1);
	db_pg_finalize(q);
	db_pg_finalize(r);
	db_pg_close(ref);
	db_pg_close(d);
}

static void bulk_rows_load_byte_for_byte(void **state)
{
	(void)state;
	db *d = open_db();
	exec_ok(d, "CREATE TABLE f (rowid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, a text NOT NULL, b text,"
		   " c bigint)");
	static const char *const cols[] = {"a", "b", "c"};
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	db_bulk *b = NULL;
	assert_int_equal(db_pg_bulk_begin(d, "f", cols, 3, &b), DB_OK);
	int64_t rows = RUNNING_ON_VALGRIND ? 20000 : 1000000;
	char c[24];
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int64_t i = 0; i < rows; i++) {
		int m = snprintf(c, sizeof c, "%lld", (long long)(i + INT64_C(3000000000)));
		field f[3] = {{AWKWARD, sizeof AWKWARD - 1}, {i % 2 ? "" : "2026-12-01", i % 2 ? 0 : 10}, {c, (size_t)m}};
		if (i == 0)
			f[0] = (field){"\\", 1};
		assert_int_equal(db_pg_bulk_row(b, f), DB_OK);
	}
	assert_int_equal(db_pg_bulk_end(b), DB_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("COPY: %lld rows in %.2f s = %.0f rows/s\n", (long long)rows, s, (double)rows / s);
	assert_int_equal(db_pg_changes(d), rows);
	assert_int_equal(db_pg_commit(d), DB_OK);
	db_stmt *q = prep(d, "SELECT a, b, c FROM f WHERE rowid <= 3 ORDER BY rowid");
	assert_int_equal(db_pg_step(q), DB_ROW);
	assert_string_equal(db_pg_col_text(q, 0), "\\");
	assert_string_equal(db_pg_col_text(q, 1), "2026-12-01");
	assert_int_equal(db_pg_col_int(q, 2), INT64_C(3000000000));
	assert_int_equal(db_pg_step(q), DB_ROW);
	assert_string_equal(db_pg_col_text(q, 0), AWKWARD);
	assert_true(db_pg_col_null(q, 1)); /* an empty field is NULL */
	db_pg_finalize(q);
	assert_int_equal(count(d, "SELECT count(*) FROM f"), rows);
	/* a refused row refuses the load as a whole */
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_int_equal(db_pg_bulk_begin(d, "f", cols, 3, &b), DB_OK);
	field ok[3] = {{"x", 1}, {"y", 1}, {"1", 1}};
	field nul[3] = {{"", 0}, {"y", 1}, {"1", 1}};
	assert_int_equal(db_pg_bulk_row(b, ok), DB_OK);
	assert_int_equal(db_pg_bulk_row(b, nul), DB_OK);
	assert_int_equal(db_pg_bulk_end(b), DB_CONSTRAINT);
	assert_non_null(strstr(db_pg_errmsg(d), "\"a\""));
	assert_int_equal(db_pg_rollback(d), DB_OK);
	assert_false(db_pg_in_transaction(d));
	assert_int_equal(count(d, "SELECT count(*) FROM f WHERE a = 'x'"), 0);
	static const char *const none[] = {"zz"};
	assert_int_equal(db_pg_bulk_begin(d, "f", none, 1, &b), DB_ERROR);
	assert_null(b);
	db_pg_close(d);
}

static void a_transaction_commits_or_rolls_back_whole(void **state)
{
	(void)state;
	db *d = open_db();
	exec_ok(d, "CREATE TABLE t (n bigint UNIQUE)");
	assert_false(db_pg_in_transaction(d));
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_true(db_pg_in_transaction(d));
	assert_int_equal(db_pg_begin(d, false), DB_ERROR); /* not within one */
	exec_ok(d, "INSERT INTO t VALUES (1)");
	assert_int_equal(db_pg_rollback(d), DB_OK);
	assert_false(db_pg_in_transaction(d));
	assert_int_equal(count(d, "SELECT count(*) FROM t"), 0);
	assert_int_equal(db_pg_rollback(d), DB_OK); /* nothing to undo */
	/* a NULL nothing gives a type is taken as SQLite takes it, the transaction goes on */
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	db_stmt *q = prep(d, "SELECT ?1");
	db_pg_bind_null(q, 1);
	assert_int_equal(db_pg_step(q), DB_ROW);
	assert_true(db_pg_col_null(q, 0));
	db_pg_finalize(q);
	q = prep(d, "INSERT INTO t VALUES (?1)");
	db_pg_bind_null(q, 1);
	assert_int_equal(db_pg_step(q), DB_DONE);
	db_pg_finalize(q);
	assert_int_equal(db_pg_commit(d), DB_OK);
	assert_int_equal(count(d, "SELECT count(*) FROM t WHERE n IS NULL"), 1);
	exec_ok(d, "DELETE FROM t");
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	exec_ok(d, "INSERT INTO t VALUES (1)");
	assert_int_equal(db_pg_commit(d), DB_OK);
	assert_int_equal(count(d, "SELECT count(*) FROM t"), 1);
	/* a COMMIT after a refusal is no commit */
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	exec_ok(d, "INSERT INTO t VALUES (2)");
	assert_int_equal(db_pg_exec(d, "INSERT INTO t VALUES (1)"), DB_UNIQUE);
	assert_true(db_pg_in_transaction(d));
	assert_int_equal(db_pg_commit(d), DB_ERROR);
	assert_non_null(strstr(db_pg_errmsg(d), "teruggedraaid"));
	assert_false(db_pg_in_transaction(d));
	assert_int_equal(count(d, "SELECT count(*) FROM t"), 1);
	db_pg_close(d);
	/* a read-only connection writes nothing */
	strbuf err = STRBUF_INIT;
	assert_int_equal(db_pg_open(target, DB_READONLY, &d, &err), DB_OK);
	assert_int_equal(db_pg_exec(d, "INSERT INTO t VALUES (3)"), DB_ERROR);
	assert_non_null(strstr(db_pg_errmsg(d), "read-only"));
	assert_int_equal(count(d, "SELECT count(*) FROM t"), 1);
	db_pg_close(d);
	db_pg_close(NULL);
	sb_free(&err);
}

static void writers_are_serialised_and_readers_see_one_state(void **state)
{
	(void)state;
	db *a = open_db(), *b = open_db();
	exec_ok(a, "CREATE TABLE t (n bigint)");
	exec_ok(b, "SET lock_timeout = '200ms'");
	assert_int_equal(db_pg_begin(a, true), DB_OK);
	exec_ok(a, "INSERT INTO t VALUES (1)");
	assert_int_equal(db_pg_begin(b, true), DB_BUSY); /* a holds the writers' lock */
	assert_false(db_pg_in_transaction(b));
	assert_int_equal(db_pg_begin(b, false), DB_OK); /* reading goes on */
	assert_int_equal(count(b, "SELECT count(*) FROM t"), 0);
	assert_int_equal(db_pg_commit(a), DB_OK);
	assert_int_equal(count(b, "SELECT count(*) FROM t"), 0); /* its one state */
	assert_int_equal(db_pg_commit(b), DB_OK);
	assert_int_equal(db_pg_begin(b, true), DB_OK);
	assert_int_equal(count(b, "SELECT count(*) FROM t"), 1); /* a writer sees what it changes */
	exec_ok(a, "SET lock_timeout = '200ms'");
	assert_int_equal(db_pg_begin(a, true), DB_BUSY); /* and now the other way round */
	assert_int_equal(db_pg_commit(b), DB_OK);
	db_pg_close(a);
	db_pg_close(b);
}

/* A second writer that waits for the lock, then counts what it would change. */
static void *second_writer(void *arg)
{
	db *b = arg;
	int rc = db_pg_begin(b, true);
	int64_t n = -1;
	if (rc == DB_OK) {
		db_stmt *q = NULL;
		if (db_pg_prepare(b, "SELECT count(*) FROM t", &q) == DB_OK && db_pg_step(q) == DB_ROW)
			n = db_pg_col_int(q, 0);
		db_pg_finalize(q);
		exec_ok(b, "INSERT INTO t VALUES (2)");
		rc = db_pg_commit(b);
	}
	return (void *)(intptr_t)(rc == DB_OK ? n : -2);
}

static void a_waiting_writer_sees_what_the_first_committed(void **state)
{
	(void)state;
	db *a = open_db(), *b = open_db();
	exec_ok(a, "CREATE TABLE t (n bigint)");
	assert_int_equal(db_pg_begin(a, true), DB_OK);
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, second_writer, b), 0);
	struct timespec pause = {0, 300 * 1000 * 1000};
	nanosleep(&pause, NULL); /* b is waiting on the lock by now */
	exec_ok(a, "INSERT INTO t VALUES (1)");
	assert_int_equal(db_pg_commit(a), DB_OK);
	void *seen;
	assert_int_equal(pthread_join(th, &seen), 0);
	assert_int_equal((intptr_t)seen, 1); /* a's row, committed while b waited */
	assert_int_equal(count(a, "SELECT count(*) FROM t"), 2);
	db_pg_close(a);
	db_pg_close(b);
}

static void the_schema_version_is_kept_in_the_database(void **state)
{
	(void)state;
	db *d = open_db();
	int v = -1;
	assert_int_equal(db_pg_schema_version(d, &v), DB_OK);
	assert_int_equal(v, 0);
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_int_equal(db_pg_set_schema_version(d, 5), DB_OK);
	assert_int_equal(db_pg_rollback(d), DB_OK);
	assert_int_equal(db_pg_schema_version(d, &v), DB_OK);
	assert_int_equal(v, 0);
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_int_equal(db_pg_set_schema_version(d, 5), DB_OK);
	assert_int_equal(db_pg_set_schema_version(d, 13), DB_OK);
	assert_int_equal(db_pg_commit(d), DB_OK);
	db_pg_close(d);
	d = open_db();
	assert_int_equal(db_pg_schema_version(d, &v), DB_OK);
	assert_int_equal(v, 13);
	assert_int_equal(count(d, "SELECT count(*) FROM inbeeld_schema"), 1);
	db_pg_close(d);
}

static const char *const FACT_TABLES[] = {"gemeenten", "swv", "swv_gemeenten", "scholen", "vakantieregios",
					  "vakanties", "leerlingen", "woonadressen", "inschrijvingen", "verzuim",
					  "vrijstellingen", "meldingen", "aanbod"};

static void the_migrations_apply_one_by_one(void **state)
{
	(void)state;
	db *d = open_db();
	for (int i = 0; i < MIGRATION_PG_COUNT; i++) {
		assert_int_equal(db_pg_begin(d, true), DB_OK);
		if (db_pg_exec(d, MIGRATIONS_PG[i]) != DB_OK)
			fail_msg("migration %d: %s", i + 1, db_pg_errmsg(d));
		assert_int_equal(db_pg_set_schema_version(d, i + 1), DB_OK);
		assert_int_equal(db_pg_commit(d), DB_OK);
	}
	int v;
	assert_int_equal(db_pg_schema_version(d, &v), DB_OK);
	assert_int_equal(v, MIGRATION_COUNT);
	for (size_t i = 0; i < sizeof FACT_TABLES / sizeof *FACT_TABLES; i++) {
		db_stmt *q = prep(d, "SELECT count(*) FROM information_schema.columns WHERE table_name = ?1"
				     " AND column_name = 'rowid'");
		db_pg_bind_text(q, 1, FACT_TABLES[i], (size_t)-1);
		assert_int_equal(db_pg_step(q), DB_ROW);
		assert_int_equal(db_pg_col_int(q, 0), 1);
		db_pg_finalize(q);
	}
	/* history may only be ended, once */
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	exec_ok(d, "INSERT INTO batch (recorded_at, actor, kind) VALUES ('2026-12-01T10:00:00', 't', 'import'),"
		   " ('2026-12-02T10:00:00', 't', 'correctie')");
	static const char *const cols[] = {"leerling_id", "geboortedatum", "v_from"};
	db_bulk *b;
	assert_int_equal(db_pg_bulk_begin(d, "leerlingen", cols, 3, &b), DB_OK);
	field f[3] = {{"L1", 2}, {"2012-03-10", 10}, {"1", 1}};
	assert_int_equal(db_pg_bulk_row(b, f), DB_OK);
	f[0] = (field){"L2", 2};
	assert_int_equal(db_pg_bulk_row(b, f), DB_OK);
	assert_int_equal(db_pg_bulk_end(b), DB_OK);
	assert_int_equal(db_pg_commit(d), DB_OK);
	db_stmt *end = prep(d, "UPDATE leerlingen SET v_until = ?1 WHERE rowid = ?2");
	db_pg_bind_int(end, 1, 2);
	db_pg_bind_int(end, 2, 2);
	assert_int_equal(db_pg_step(end), DB_DONE);
	assert_int_equal(db_pg_changes(d), 1);
	db_pg_reset(end);
	assert_int_equal(db_pg_step(end), DB_CONSTRAINT); /* ended already */
	assert_string_equal(db_pg_errmsg(d), "geschiedenis is alleen aan te vullen");
	db_pg_finalize(end);
	assert_int_equal(db_pg_exec(d, "UPDATE batch SET actor = 'x'"), DB_CONSTRAINT);
	assert_int_equal(db_pg_exec(d, "INSERT INTO organisatie (naam, soort) VALUES ('Zorg', 'zorg')"), DB_OK);
	assert_int_equal(db_pg_exec(d, "INSERT INTO organisatie (naam, soort) VALUES ('X', 'x')"), DB_CONSTRAINT);
	/* an event stays while its dossier is not past retention */
	exec_ok(d, "INSERT INTO stroom (soort, leerling_id, aangemaakt) VALUES ('dossier', 'L1', 'nu');"
		   " INSERT INTO gebeurtenis (stroom_id, soort, datum, vastgelegd_op, gebruikersnaam, gegevens)"
		   " VALUES (1, 'sluiting', '2020-01-01', 'nu', 't', '{}')");
	assert_int_equal(db_pg_exec(d, "DELETE FROM gebeurtenis"), DB_CONSTRAINT);
	assert_string_equal(db_pg_errmsg(d), "gebeurtenissen kunnen niet worden verwijderd");
	exec_ok(d, "BEGIN; UPDATE instelling SET waarde = '2026-12-01' WHERE naam = 'dossier_opruimdag';"
		   " DELETE FROM gebeurtenis; ROLLBACK");
	assert_int_equal(db_pg_exec(d, "DELETE FROM audit"), DB_OK); /* nothing within the period */
	db_pg_close(d);
}

/* One line per row of sql's result on SQLite db, its columns joined by ' '. */
static void sqlite_lines(sqlite3 *lite, const char *sql, strbuf *out)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(lite, sql, -1, &q, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(lite));
	while (sqlite3_step(q) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(q); i++)
			sb_printf(out, "%s%s", i ? " " : "", (const char *)sqlite3_column_text(q, i));
		sb_putc(out, '\n');
	}
	sqlite3_finalize(q);
}

/* ... and on PostgreSQL, of its first ncols columns. */
static void pg_lines(db *d, const char *sql, int ncols, strbuf *out)
{
	db_stmt *q = prep(d, sql);
	int rc;
	while ((rc = db_pg_step(q)) == DB_ROW) {
		for (int i = 0; i < ncols; i++)
			sb_printf(out, "%s%s", i ? " " : "", db_pg_col_text(q, i));
		sb_putc(out, '\n');
	}
	if (rc != DB_DONE)
		fail_msg("%s: %s", sql, db_pg_errmsg(d));
	db_pg_finalize(q);
}

/* After every version, the same tables, columns (type, NOT NULL), indexes
 * and triggers as SQLite's schema of that version; the fact tables' rowid
 * is SQLite's implicit one. */
static void the_schema_is_sqlites_at_every_version(void **state)
{
	(void)state;
	db *d = open_db();
	sqlite3 *lite;
	assert_int_equal(sqlite3_open(":memory:", &lite), SQLITE_OK);
	for (int v = 1; v <= MIGRATION_COUNT; v++) {
		char *msg = NULL;
		if (sqlite3_exec(lite, MIGRATIONS[v - 1], NULL, NULL, &msg) != SQLITE_OK)
			fail_msg("SQLite %d: %s", v, msg);
		exec_ok(d, MIGRATIONS_PG[v - 1]);
		strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		sqlite_lines(lite,
			     "SELECT m.name, p.name, CASE p.type WHEN 'INTEGER' THEN 'bigint' ELSE lower(p.type) END,"
			     " CASE WHEN p.\"notnull\" OR p.pk THEN 'NOT NULL' ELSE 'NULL' END"
			     " FROM sqlite_master m JOIN pragma_table_info(m.name) p"
			     " WHERE m.type = 'table' ORDER BY m.name, p.cid",
			     &a);
		pg_lines(d,
			 "SELECT table_name::text, column_name::text, data_type::text,"
			 " CASE is_nullable WHEN 'NO' THEN 'NOT NULL' ELSE 'NULL' END"
			 " FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'inbeeld_schema'"
			 " AND column_name <> 'rowid' ORDER BY table_name, ordinal_position",
			 4, &b);
		sqlite_lines(lite,
			     "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'"
			     " AND name NOT LIKE 'sqlite_autoindex%' ORDER BY tbl_name, name",
			     &a);
		pg_lines(d,
			 "SELECT tablename::text, indexname::text FROM pg_indexes i WHERE schemaname = 'public'"
			 " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
			 " ORDER BY tablename, indexname",
			 2, &b);
		sqlite_lines(lite, "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' ORDER BY tbl_name, name",
			     &a);
		pg_lines(d,
			 "SELECT c.relname::text, t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
			 " WHERE NOT t.tgisinternal ORDER BY c.relname, t.tgname",
			 2, &b);
		if (strcmp(sb_str(&a), sb_str(&b)))
			fail_msg("version %d:\nSQLite:\n%s\nPostgreSQL:\n%s", v, sb_str(&a), sb_str(&b));
		assert_non_null(strstr(sb_str(&b), "\nleerlingen leerling_id text NOT NULL\nleerlingen bsn text NULL\n"));
		assert_non_null(strstr(sb_str(&b), "\nleerlingen leerlingen_append_only\n"));
		if (v >= 2)
			assert_non_null(strstr(sb_str(&b), "\naudit audit_retention\n"));
		sb_free(&a);
		sb_free(&b);
	}
	sqlite3_close(lite);
	db_pg_close(d);
}

/* A connection the server dropped (a restart, a failover, a terminated
 * backend) is made anew at the next transaction or statement outside one:
 * a server's pooled connections keep working after the database came back,
 * and the statements prepared on the old connection are prepared again. A
 * transaction the break cut off fails, its rollback succeeds, the next one
 * works. */
static void terminate(db *killer, int64_t pid)
{
	db_stmt *q = prep(killer, "SELECT pg_terminate_backend(?1::integer)");
	db_pg_bind_int(q, 1, pid);
	assert_int_equal(db_pg_step(q), DB_ROW);
	assert_int_equal(db_pg_col_int(q, 0), 1);
	db_pg_finalize(q);
	/* the backend is gone once nothing has its pid any more */
	for (int i = 0; i < 200; i++) {
		q = prep(killer, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?1::integer");
		db_pg_bind_int(q, 1, pid);
		assert_int_equal(db_pg_step(q), DB_ROW);
		int64_t n = db_pg_col_int(q, 0);
		db_pg_finalize(q);
		if (!n)
			return;
		nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
	}
	fail_msg("backend %lld did not end", (long long)pid);
}

static void a_broken_connection_is_made_anew(void **state)
{
	(void)state;
	db *d = open_db(), *killer = open_db();
	exec_ok(d, "CREATE TABLE t (n bigint)");
	db_stmt *ins = prep(d, "INSERT INTO t VALUES (?1)");
	db_pg_bind_int(ins, 1, 1);
	assert_int_equal(db_pg_step(ins), DB_DONE);
	int64_t pid = count(d, "SELECT pg_backend_pid()");

	/* broken between transactions: the next BEGIN finds it and starts anew */
	terminate(killer, pid);
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	db_pg_reset(ins);
	db_pg_bind_int(ins, 1, 2);
	assert_int_equal(db_pg_step(ins), DB_DONE); /* prepared once more on the new connection */
	assert_int_equal(db_pg_commit(d), DB_OK);
	assert_int_not_equal(count(d, "SELECT pg_backend_pid()"), pid);
	assert_int_equal(count(d, "SELECT count(*) FROM t"), 2);

	/* broken between two statements outside a transaction: the first after it fails, then it works */
	pid = count(d, "SELECT pg_backend_pid()");
	terminate(killer, pid);
	db_pg_reset(ins);
	db_pg_bind_int(ins, 1, 3);
	if (db_pg_step(ins) != DB_DONE) { /* libpq learns of the break from this statement */
		db_pg_reset(ins);
		db_pg_bind_int(ins, 1, 3);
		assert_int_equal(db_pg_step(ins), DB_DONE);
	}
	assert_int_equal(count(d, "SELECT count(*) FROM t"), 3);

	/* broken within a transaction: that transaction is lost, not the connection */
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	db_pg_reset(ins);
	db_pg_bind_int(ins, 1, 4);
	assert_int_equal(db_pg_step(ins), DB_DONE);
	terminate(killer, count(d, "SELECT pg_backend_pid()"));
	assert_int_not_equal(db_pg_exec(d, "INSERT INTO t VALUES (5)"), DB_OK);
	assert_int_equal(db_pg_rollback(d), DB_OK);
	assert_false(db_pg_in_transaction(d));
	assert_int_equal(db_pg_begin(d, false), DB_OK);
	assert_int_equal(count(d, "SELECT count(*) FROM t"), 3); /* 4 went with the transaction */
	assert_int_equal(db_pg_commit(d), DB_OK);

	db_pg_finalize(ins);
	db_pg_close(d);
	db_pg_close(killer);
}

/* ---- several servers, one registry (issue 16) ---------------------------- */

/* A notification sent inside a transaction arrives at another connection
 * that listens when the transaction commits, never when it rolls back. */
static void a_notification_arrives_only_when_its_transaction_commits(void **state)
{
	(void)state;
	db *ear = open_db(), *d = open_db();
	assert_int_equal(db_pg_listen(ear, "inbeeld"), DB_OK);
	strbuf got = STRBUF_INIT;
	assert_int_equal(db_pg_notification(ear, 0, &got), DB_DONE);
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	exec_ok(d, "SELECT pg_notify('inbeeld', 'weg')");
	assert_int_equal(db_pg_rollback(d), DB_OK);
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	exec_ok(d, "SELECT pg_notify('inbeeld', 'een')");
	assert_int_equal(db_pg_notification(ear, 100, &got), DB_DONE); /* not before the commit */
	assert_int_equal(db_pg_commit(d), DB_OK);
	assert_int_equal(db_pg_notification(ear, 5000, &got), DB_ROW);
	assert_string_equal(sb_str(&got), "een");
	assert_int_equal(db_pg_notification(ear, 100, &got), DB_DONE); /* the rolled back one never */
	db_pg_close(d);
	db_pg_close(ear);
	sb_free(&got);
}

static void count_a_failure(void *ctx, login_limit *l)
{
	int64_t now = *(const int64_t *)ctx;
	l->fails[l->n++] = now;
	l->locked_until = now + 900;
}

static void clear_all(void *ctx, login_limit *l)
{
	(void)ctx;
	*l = (login_limit){0};
}

static login_limit seen;
static void look(void *ctx, login_limit *l)
{
	(void)ctx;
	seen = *l;
}

/* The login limiter's state is kept per key as the limiter left it, an
 * empty one removed, and rows untouched since a moment pruned; a second
 * store on the registry sees the first one's counts. */
static void the_login_limits_are_the_registrys(void **state)
{
	(void)state;
	store *a = NULL, *b = NULL;
	strbuf err = STRBUF_INIT;
	if (store_open(target, &a, &err) || store_open(target, &b, &err))
		fail_msg("%s", sb_str(&err));
	int64_t t1 = 1000000, t2 = 1000060;
	assert_int_equal(store_login_limit(a, "k1", count_a_failure, &t1, t1, &err), 0);
	assert_int_equal(store_login_limit(b, "k1", count_a_failure, &t2, t2, &err), 0);
	assert_int_equal(store_login_limit(a, "k2", count_a_failure, &t1, t1, &err), 0);
	assert_int_equal(store_login_limit(a, "k1", look, NULL, t2, &err), 0);
	assert_int_equal(seen.n, 2);
	assert_true(seen.fails[0] == t1 && seen.fails[1] == t2 && seen.locked_until == t2 + 900);
	/* k2 was last changed at t1: pruned by a change at t2 of rows before t2. */
	assert_int_equal(store_login_limit_prune(b, t2, &err), 0);
	assert_int_equal(store_login_limit(a, "k2", look, NULL, t2, &err), 0);
	assert_int_equal(seen.n, 0);
	assert_int_equal(store_login_limit(a, "k1", clear_all, NULL, t2, &err), 0);
	db *d = open_db();
	assert_int_equal(count(d, "SELECT count(*) FROM inlogpoging"), 0);
	db_pg_close(d);
	store_close(a);
	store_close(b);
	sb_free(&err);
}

static void *one_failure(void *arg)
{
	store *st = arg;
	strbuf err = STRBUF_INIT;
	int64_t t = 2000000;
	intptr_t rc = store_login_limit(st, "k9", count_a_failure, &t, t, &err);
	sb_free(&err);
	return (void *)rc;
}

/* A failed login is counted while another process holds the registry's
 * write lock (an import holds it for minutes): the key's own lock only. */
static void a_login_limit_does_not_wait_for_the_write_lock(void **state)
{
	(void)state;
	store *st = NULL;
	strbuf err = STRBUF_INIT;
	if (store_open(target, &st, &err))
		fail_msg("%s", sb_str(&err));
	db *writer = open_db();
	assert_int_equal(db_pg_begin(writer, true), DB_OK);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, one_failure, st), 0);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 10;
	void *rc = (void *)1;
	int joined = pthread_timedjoin_np(t, &rc, &until);
	assert_int_equal(db_pg_rollback(writer), DB_OK); /* lets a waiting one go on */
	if (joined)
		pthread_join(t, &rc);
	assert_int_equal(joined, 0);
	assert_null(rc);
	db_pg_close(writer);
	store_close(st);
	sb_free(&err);
}

/* ---- a load from empty (db_pg_bulk.c): fast, and guarded as before ------ */

/* The table's constraints and indexes, one line each, by name and definition. */
static void guards_of(db *d, const char *table, strbuf *out)
{
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql,
		  "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '%s'::regclass"
		  " UNION ALL SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = '%s'::regclass ORDER BY 1",
		  table, table);
	db_stmt *q = prep(d, sb_str(&sql));
	while (db_pg_step(q) == DB_ROW)
		sb_printf(out, "%s\n", db_pg_col_text(q, 0));
	db_pg_finalize(q);
	sb_free(&sql);
}

/* Load rows (a, v_from) into table in a transaction; the load's result. */
static int load_pairs(db *d, const char *table, const char *const *a, const char *const *v, int n)
{
	static const char *const cols[] = {"a", "v_from"};
	db_bulk *b = NULL;
	assert_int_equal(db_pg_bulk_begin(d, table, cols, 2, &b), DB_OK);
	for (int i = 0; i < n; i++) {
		field f[2] = {{a[i], strlen(a[i])}, {v[i], strlen(v[i])}};
		assert_int_equal(db_pg_bulk_row(b, f), DB_OK);
	}
	return db_pg_bulk_end(b);
}

static void a_load_from_empty_is_checked_once_and_keeps_every_guard(void **state)
{
	(void)state;
	db *d = open_db();
	exec_ok(d, "CREATE TABLE batch (id bigint PRIMARY KEY); INSERT INTO batch VALUES (1);"
		   " CREATE TABLE g (rowid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, a text NOT NULL,"
		   " v_from bigint NOT NULL REFERENCES batch(id), v_until bigint REFERENCES batch(id), UNIQUE (a, v_from));"
		   " CREATE INDEX g_a ON g (a) WHERE v_until IS NULL");
	strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	guards_of(d, "g", &before);
	int64_t index_oid = count(d, "SELECT 'g_a'::regclass::oid::bigint");
	/* A foreign key that does not hold refuses the load, and nothing of it stays (not the drops either). */
	static const char *const a[] = {"x", "y", "x"}, *const good[] = {"1", "1", "1"}, *const bad[] = {"1", "2"};
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_int_equal(load_pairs(d, "g", a, bad, 2), DB_CONSTRAINT);
	assert_non_null(strstr(db_pg_errmsg(d), "g_v_from_fkey"));
	assert_int_equal(db_pg_rollback(d), DB_OK);
	guards_of(d, "g", &after);
	assert_string_equal(sb_str(&after), sb_str(&before));
	assert_int_equal(count(d, "SELECT count(*) FROM g"), 0);
	/* A key that does not hold is refused as a key. */
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_int_equal(load_pairs(d, "g", a, good, 3), DB_UNIQUE);
	assert_int_equal(db_pg_rollback(d), DB_OK);
	/* A good load: its rows, the same guards, the index built anew for it. */
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_int_equal(load_pairs(d, "g", a, good, 2), DB_OK);
	assert_int_equal(db_pg_changes(d), 2);
	assert_int_equal(db_pg_commit(d), DB_OK);
	sb_reset(&after);
	guards_of(d, "g", &after);
	assert_string_equal(sb_str(&after), sb_str(&before));
	assert_true(count(d, "SELECT 'g_a'::regclass::oid::bigint") != index_oid);
	assert_int_equal(count(d, "SELECT count(*) FROM g WHERE v_from = 1 AND v_until IS NULL"), 2);
	/* The guards hold afterwards, for every later write. */
	assert_int_equal(db_pg_exec(d, "INSERT INTO g (a, v_from) VALUES ('z', 3)"), DB_CONSTRAINT);
	assert_int_equal(db_pg_exec(d, "INSERT INTO g (a, v_from) VALUES ('x', 1)"), DB_UNIQUE);
	/* A table with rows is loaded into as it is (its index stays the same). */
	index_oid = count(d, "SELECT 'g_a'::regclass::oid::bigint");
	static const char *const more[] = {"w"};
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_int_equal(load_pairs(d, "g", more, good, 1), DB_OK);
	assert_int_equal(db_pg_commit(d), DB_OK);
	assert_int_equal(count(d, "SELECT 'g_a'::regclass::oid::bigint"), index_oid);
	assert_int_equal(count(d, "SELECT count(*) FROM g"), 3);
	sb_free(&before);
	sb_free(&after);
	db_pg_close(d);
}

/* A load from empty numbers its rows itself (db_pg_bulk.c): the identity's
 * numbers 1, 2, ... in the order of the load, one look at the sequence for
 * the whole load instead of a nextval per row, and the sequence moved past
 * them, so a row written afterwards continues the numbering. */
static void a_load_from_empty_numbers_its_rows_once(void **state)
{
	(void)state;
	db *d = open_db();
	exec_ok(d, "CREATE TABLE batch (id bigint PRIMARY KEY); INSERT INTO batch VALUES (1);"
		   " CREATE TABLE g (rowid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, a text NOT NULL,"
		   " v_from bigint NOT NULL REFERENCES batch(id), v_until bigint REFERENCES batch(id))");
	enum { N = 5000 };
	static const char *a[N], *v[N];
	static char names[N][16];
	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof names[i], "r%d", i);
		a[i] = names[i];
		v[i] = "1";
	}
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_int_equal(load_pairs(d, "g", a, v, N), DB_OK);
	/* the sequence's buffer read a few times by this transaction, not once per row */
	int64_t reads = count(d, "SELECT pg_stat_get_xact_blocks_fetched('g_rowid_seq'::regclass)");
	if (reads > 10)
		fail_msg("the sequence was read %lld times for %d rows", (long long)reads, N);
	assert_int_equal(db_pg_commit(d), DB_OK);
	assert_int_equal(count(d, "SELECT count(*) FROM g WHERE a = 'r' || (rowid - 1)"), N);
	assert_int_equal(count(d, "SELECT min(rowid) FROM g"), 1);
	exec_ok(d, "INSERT INTO g (a, v_from) VALUES ('na', 1)");
	assert_int_equal(count(d, "SELECT rowid FROM g WHERE a = 'na'"), N + 1);
	/* a refused load numbers nothing twice: the next one continues after every number given */
	exec_ok(d, "DELETE FROM g");
	static const char *const bad[] = {"2"};
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_int_equal(load_pairs(d, "g", a, bad, 1), DB_CONSTRAINT);
	assert_int_equal(db_pg_rollback(d), DB_OK);
	assert_int_equal(db_pg_begin(d, true), DB_OK);
	assert_int_equal(load_pairs(d, "g", a, v, 2), DB_OK);
	assert_int_equal(db_pg_commit(d), DB_OK);
	assert_true(count(d, "SELECT min(rowid) FROM g") > N + 1);
	exec_ok(d, "INSERT INTO g (a, v_from) VALUES ('na', 1)");
	assert_int_equal(count(d, "SELECT count(DISTINCT rowid) FROM g"), 3);
	assert_int_equal(count(d, "SELECT count(*) FROM g WHERE a = 'na' AND rowid = (SELECT max(rowid) FROM g)"), 1);
	db_pg_close(d);
}

/* The reference data a connection keeps for corrections follows an import
 * by another connection (several servers may share one registry), and a
 * correction cannot change reference data (reference_scenario.h). */
static void a_kept_reference_data_follows_every_import(void **state)
{
	(void)state;
	ref_kept_reference_data_follows_every_import(target);
}

static void a_correction_of_reference_data_is_refused(void **state)
{
	(void)state;
	ref_a_correction_of_reference_data_is_refused(target);
}

/* ---- the first import on two connections (db_pg_stage.c) ---------------- */

static const char *app_target;

enum { FIRST_PUPILS = 300 };

/* FIRST_PUPILS pupils, each with an address, an enrolment and missed, and
 * every tenth with a report, an offer and an exemption. */
static dataset *first_dataset(void)
{
	strbuf pupils = STRBUF_INIT, homes = STRBUF_INIT, schools = STRBUF_INIT, missed = STRBUF_INIT,
	       reports = STRBUF_INIT, offers = STRBUF_INIT, exempt = STRBUF_INIT;
	for (int i = 0; i < FIRST_PUPILS; i++) {
		sb_printf(&pupils, "L%04d,,,2012-03-%02d,Voor%d,\"Achter, %d\",\n", i, 1 + i % 28, i, i);
		sb_printf(&homes, "L%04d,GM000%d,2012-03-10,,%d\n", i, 1 + i % 3, i % 2);
		sb_printf(&schools, "L%04d,%s,00,2024-08-01,\n", i, i % 2 ? "20BB" : "70GG");
		sb_printf(&missed, "L%04d,%s,00,%s,2025-09-%02d,,\n", i, i % 2 ? "20BB" : "70GG",
			  i % 3 ? "ziek" : "ongeoorloofd", 1 + i % 28);
		if (i % 10 == 0) {
			sb_printf(&reports, "L%04d,20BB,00,2025-10-01,2025-09-15,verzuim\n", i);
			sb_printf(&offers, "L%04d,2025-10-01,,zorg\n", i);
			sb_printf(&exempt, "L%04d,5a,verleend,2025-08-01,2025-08-01,2026-07-31\n", i);
		}
	}
	fixture f = {.vakantieregios = "gemeentecode,regio\nGM0002,zuid\n",
		     .vakanties = "regio,naam,van,tot\nzuid,herfst,2025-10-18,2025-10-26\n",
		     .leerlingen = sb_str(&pupils),
		     .woonadressen = sb_str(&homes),
		     .inschrijvingen = sb_str(&schools),
		     .verzuim = sb_str(&missed),
		     .vrijstellingen = sb_str(&exempt),
		     .meldingen = sb_str(&reports),
		     .aanbod = sb_str(&offers)};
	dataset *ds = fixture_build(&f, NULL);
	strbuf *all[] = {&pupils, &homes, &schools, &missed, &reports, &offers, &exempt};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		sb_free(all[i]);
	return ds;
}

/* The registry as the owner sees it: every row of the batches and the
 * facts, and every table's guards, triggers and privileges (its own and its
 * columns'); and its identity's next number. */
static void registry_of(db *d, strbuf *out)
{
	strbuf sql = STRBUF_INIT;
	for (int i = -1; i < (int)(sizeof FACT_TABLES / sizeof *FACT_TABLES); i++) {
		const char *t = i < 0 ? "batch" : FACT_TABLES[i];
		sb_reset(&sql);
		sb_printf(&sql,
			  "SELECT coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '') || E'\\n' ||"
			  " coalesce((SELECT relacl::text FROM pg_class WHERE oid = '%s'::regclass), '-') ||"
			  " coalesce((SELECT string_agg(attname || coalesce(attacl::text, '-'), ' ' ORDER BY attnum)"
			  " FROM pg_attribute WHERE attrelid = '%s'::regclass AND attnum > 0), '') ||"
			  " coalesce((SELECT string_agg(tgname || pg_get_triggerdef(oid), ' ' ORDER BY tgname)"
			  " FROM pg_trigger WHERE tgrelid = '%s'::regclass AND NOT tgisinternal), '') FROM %s x",
			  t, t, t, t);
		db_stmt *q = prep(d, sb_str(&sql));
		assert_int_equal(db_pg_step(q), DB_ROW);
		sb_printf(out, "%s:\n%s\n", t, db_pg_col_text(q, 0));
		db_pg_finalize(q);
		guards_of(d, t, out);
	}
	sb_free(&sql);
}

static int64_t scratch_schemas(db *d)
{
	return count(d, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'inbeeld\\_import\\_%'");
}

/* The owner's store made (and so the schema, and the application's
 * privileges); then first_dataset() imported through a store on uri: its result, err. */
static int import_first(const char *uri, strbuf *err)
{
	store *owner = NULL, *st = NULL;
	if (store_open(target, &owner, err))
		fail_msg("%s", sb_str(err));
	store_close(owner);
	if (store_open(uri, &st, err))
		fail_msg("%s", sb_str(err));
	dataset *ds = first_dataset();
	assert_non_null(ds);
	import_options opt = {"test", "fixture", "2025-11-02T10:00:00", NULL, NULL, true, NULL};
	import_stats stats;
	int rc = store_import(st, ds, &opt, &stats, err);
	dataset_free(ds);
	store_close(st);
	return rc;
}

/* The fact tables' oids: a copy that took its original's place has another. */
static void oids_of(db *d, strbuf *out)
{
	sb_reset(out);
	db_stmt *q = prep(d, "SELECT string_agg(oid::text, ' ' ORDER BY relname) FROM pg_class"
			     " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname IN ('gemeenten',"
			     " 'swv', 'swv_gemeenten', 'scholen', 'vakantieregios', 'vakanties', 'leerlingen', 'woonadressen',"
			     " 'inschrijvingen', 'verzuim', 'vrijstellingen', 'meldingen', 'aanbod')");
	assert_int_equal(db_pg_step(q), DB_ROW);
	sb_puts(out, db_pg_col_text(q, 0));
	db_pg_finalize(q);
}

/* Whether the fact tables are still those of *before. */
static bool same_tables(db *d, const strbuf *before)
{
	strbuf now = STRBUF_INIT;
	oids_of(d, &now);
	bool same = !strcmp(sb_str(&now), sb_str(before));
	sb_free(&now);
	return same;
}

/* The owner's first import fills the tables on two connections (its tables
 * are then copies that took the originals' place: another oid) and leaves
 * no scratch schema; the application's role fills them as before (the
 * same tables); both registries are the same row for row, guard for guard,
 * privilege for privilege. SQLite has no staged loads. */
static void a_first_import_as_owner_is_staged_and_the_same_as_before(void **state)
{
	(void)state;
	strbuf err = STRBUF_INIT, staged = STRBUF_INIT, plain = STRBUF_INIT;
	store *owner = NULL;
	if (store_open(target, &owner, &err))
		fail_msg("%s", sb_str(&err));
	store_close(owner);
	db *d = open_db();
	strbuf before = STRBUF_INIT;
	oids_of(d, &before);
	assert_int_equal(import_first(target, &err), 0);
	assert_false(same_tables(d, &before));
	assert_int_equal(scratch_schemas(d), 0);
	registry_of(d, &staged);
	assert_non_null(strstr(sb_str(&staged), "ongeoorloofd")); /* rows, not an empty registry */
	assert_non_null(strstr(sb_str(&staged), "v_until{inbeeld_app=w/")); /* the application's column privilege kept */
	assert_non_null(strstr(sb_str(&staged), "leerlingen_append_only")); /* the trigger kept */
	assert_int_equal(count(d, "SELECT nextval('leerlingen_rowid_seq')"), FIRST_PUPILS + 1);
	db_pg_close(d);

	fresh(NULL);
	d = open_db();
	if (store_open(target, &owner, &err))
		fail_msg("%s", sb_str(&err));
	store_close(owner);
	oids_of(d, &before);
	assert_int_equal(import_first(app_target, &err), 0);
	assert_true(same_tables(d, &before));
	registry_of(d, &plain);
	assert_string_equal(sb_str(&staged), sb_str(&plain));
	assert_int_equal(count(d, "SELECT nextval('leerlingen_rowid_seq')"), FIRST_PUPILS + 1);
	db_pg_close(d);

	char path[64];
	snprintf(path, sizeof path, "/tmp/inbeeld-test-stage-%d.db", (int)getpid());
	db *lite = NULL;
	assert_int_equal(db_open(path, 0, &lite, &err), DB_OK);
	const char *names[1] = {"t"};
	db_stage *s = NULL;
	assert_int_equal(db_stage_open(lite, names, 1, &s), DB_ERROR);
	assert_null(s);
	db_close(lite);
	unlink(path);
	sb_free(&err);
	sb_free(&staged);
	sb_free(&plain);
	sb_free(&before);
}

/* A staged import that fails - refused while a table is filled, or at the
 * end of the adoption, after every copy took its original's place - leaves
 * the registry empty, its tables the originals and no scratch schema (not
 * even one a crash left before); without the refusal it goes through. */
static void a_failed_staged_import_leaves_no_copies(void **state)
{
	(void)state;
	strbuf err = STRBUF_INIT, sql = STRBUF_INIT;
	store *owner = NULL;
	if (store_open(target, &owner, &err))
		fail_msg("%s", sb_str(&err));
	store_close(owner);
	db *d = open_db();
	exec_ok(d, "DROP SCHEMA IF EXISTS inbeeld_import_999999 CASCADE;"
		   " CREATE SCHEMA inbeeld_import_999999; CREATE TABLE inbeeld_import_999999.left_over (a integer)");
	strbuf before = STRBUF_INIT;
	oids_of(d, &before);
	for (size_t i = 0; i < sizeof FACT_TABLES / sizeof *FACT_TABLES; i++)
		sb_printf(&sql, "ALTER TABLE %s ADD CONSTRAINT test_weiger CHECK (v_from < 0);", FACT_TABLES[i]);
	exec_ok(d, sb_str(&sql));
	assert_int_equal(import_first(target, &err), -1);
	if (!strstr(sb_str(&err), "test_weiger"))
		fail_msg("%s", sb_str(&err));
	assert_int_equal(scratch_schemas(d), 0);
	assert_true(same_tables(d, &before));
	assert_int_equal(count(d, "SELECT count(*) FROM batch"), 0);
	sb_reset(&sql);
	for (size_t i = 0; i < sizeof FACT_TABLES / sizeof *FACT_TABLES; i++)
		sb_printf(&sql, "ALTER TABLE %s DROP CONSTRAINT test_weiger;", FACT_TABLES[i]);
	exec_ok(d, sb_str(&sql));

	/* The adoption's last step, the empty scratch schema dropped, refused
	 * (an event trigger: the cluster's owner is a superuser). */
	exec_ok(d, "CREATE FUNCTION test_weiger() RETURNS event_trigger LANGUAGE plpgsql AS $f$ BEGIN"
		   " IF current_query() ~ '^DROP SCHEMA inbeeld_import_[0-9]+$' THEN"
		   " RAISE EXCEPTION 'geweigerd bij het overnemen'; END IF; END $f$;"
		   " CREATE EVENT TRIGGER test_weiger ON ddl_command_start WHEN TAG IN ('DROP SCHEMA')"
		   " EXECUTE FUNCTION test_weiger()");
	sb_reset(&err);
	assert_int_equal(import_first(target, &err), -1);
	exec_ok(d, "DROP EVENT TRIGGER test_weiger; DROP FUNCTION test_weiger()");
	if (!strstr(sb_str(&err), "geweigerd bij het overnemen"))
		fail_msg("%s", sb_str(&err));
	assert_int_equal(scratch_schemas(d), 0);
	assert_true(same_tables(d, &before));
	assert_int_equal(count(d, "SELECT count(*) FROM batch"), 0);
	assert_int_equal(count(d, "SELECT count(*) FROM leerlingen"), 0);

	sb_reset(&err);
	assert_int_equal(import_first(target, &err), 0);
	assert_false(same_tables(d, &before));
	assert_int_equal(count(d, "SELECT count(*) FROM leerlingen"), FIRST_PUPILS);
	assert_int_equal(scratch_schemas(d), 0);
	db_pg_close(d);
	sb_free(&sql);
	sb_free(&err);
	sb_free(&before);
}

int main(void)
{
	target = getenv("INBEELD_TEST_PG");
	if (!target || !*target) {
		fprintf(stderr, "test_db_pg: INBEELD_TEST_PG is niet gezet (een PostgreSQL-URI; make pg-unit start een cluster)\n");
		return 1;
	}
	app_target = getenv("INBEELD_TEST_PG_APP");
	if (!app_target || !*app_target) {
		fprintf(stderr, "test_db_pg: INBEELD_TEST_PG_APP is niet gezet (de URI van de rol app; make pg-unit zet hem)\n");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_target_without_its_password_names_what_failed),
		cmocka_unit_test_setup(numbered_parameters_become_dollars_outside_quotes, fresh),
		cmocka_unit_test_setup(values_come_back_byte_for_byte, fresh),
		cmocka_unit_test_setup(changes_and_returning, fresh),
		cmocka_unit_test_setup(a_statement_streams_beside_another, fresh),
		cmocka_unit_test_setup(a_million_rows_stream_in_bounded_memory, fresh),
		cmocka_unit_test_setup(bulk_rows_load_byte_for_byte, fresh),
		cmocka_unit_test_setup(a_whole_table_reads_in_one_copy_byte_for_byte, fresh),
		cmocka_unit_test_setup(a_transaction_commits_or_rolls_back_whole, fresh),
		cmocka_unit_test_setup(a_broken_connection_is_made_anew, fresh),
		cmocka_unit_test_setup(writers_are_serialised_and_readers_see_one_state, fresh),
		cmocka_unit_test_setup(a_waiting_writer_sees_what_the_first_committed, fresh),
		cmocka_unit_test_setup(the_schema_version_is_kept_in_the_database, fresh),
		cmocka_unit_test_setup(the_migrations_apply_one_by_one, fresh),
		cmocka_unit_test_setup(the_schema_is_sqlites_at_every_version, fresh),
		cmocka_unit_test_setup(a_notification_arrives_only_when_its_transaction_commits, fresh),
		cmocka_unit_test_setup(the_login_limits_are_the_registrys, fresh),
		cmocka_unit_test_setup(a_login_limit_does_not_wait_for_the_write_lock, fresh),
		cmocka_unit_test_setup(a_load_from_empty_is_checked_once_and_keeps_every_guard, fresh),
		cmocka_unit_test_setup(a_load_from_empty_numbers_its_rows_once, fresh),
		cmocka_unit_test_setup(a_kept_reference_data_follows_every_import, fresh),
		cmocka_unit_test_setup(a_correction_of_reference_data_is_refused, fresh),
		cmocka_unit_test_setup(a_first_import_as_owner_is_staged_and_the_same_as_before, fresh),
		cmocka_unit_test_setup(a_failed_staged_import_leaves_no_copies, fresh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
