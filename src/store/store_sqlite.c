/*
 * store_sqlite.c - the registry in SQLite (WAL, prepared statements only):
 * opening and migrating it, the statement helpers the store's files share
 * (errors, binding, ending a failed transaction), and reading the registry as
 * known at a moment into the fact builder. Importing is in store_import.c.
 */
#include "store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "../util/alloc.h"
#include "migrations.h"
#include "store_internal.h"

static const char CLOSED[] = "registratie: de verbinding is gesloten na een mislukte ROLLBACK; open de registratie "
			     "opnieuw";

int db_fail(store *st, strbuf *err, const char *what)
{
	sb_printf(err, "registratie: %s: %s", what, st->db ? sqlite3_errmsg(st->db) : CLOSED);
	return -1;
}

int exec(store *st, const char *sql, strbuf *err)
{
	if (!st->db) {
		sb_puts(err, CLOSED);
		return -1;
	}
	char *msg = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		sb_printf(err, "registratie: %s", msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int prepare(store *st, const char *sql, sqlite3_stmt **stmt, strbuf *err)
{
	*stmt = NULL;
	if (!st->db) {
		sb_puts(err, CLOSED);
		return -1;
	}
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK)
		return db_fail(st, err, "voorbereiden van een opdracht mislukt");
	return 0;
}

int bind_text(sqlite3_stmt *q, int i, const char *v)
{
	return v ? sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(q, i);
}

int bind_field(sqlite3_stmt *q, int i, field f)
{
	if (!f.len)
		return sqlite3_bind_null(q, i);
	if (f.len > (size_t)INT32_MAX)
		return SQLITE_TOOBIG;
	return sqlite3_bind_text(q, i, f.p, (int)f.len, SQLITE_STATIC);
}

int bind_int(sqlite3_stmt *q, int i, int64_t v)
{
	return sqlite3_bind_int64(q, i, v);
}

int bind_id(sqlite3_stmt *q, int i, int64_t id)
{
	return id ? sqlite3_bind_int64(q, i, id) : sqlite3_bind_null(q, i);
}

int bind_fail(store *st, strbuf *err)
{
	return db_fail(st, err, "waarde doorgeven mislukt");
}

void rollback(store *st)
{
	st->audit_next = NULL; /* the change is gone, and so is its entry */
	if (!st->db)
		return;
	char *msg = NULL;
	if (sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, &msg) == SQLITE_OK || sqlite3_get_autocommit(st->db)) {
		/* Rolled back now, or by SQLite already: no transaction is left. */
		sqlite3_free(msg);
		return;
	}
	fprintf(stderr, "inbeeld: registratie %s: terugdraaien mislukt (%s); de verbinding wordt gesloten\n", st->path,
		msg ? msg : sqlite3_errmsg(st->db));
	sqlite3_free(msg);
	/* Closing discards the open transaction (from the journal at the next
	 * open, if need be); a statement still unfinalized keeps the connection
	 * alive until it is, and nothing here uses it again. */
	sqlite3_close_v2(st->db);
	st->db = NULL;
}


static int migrate(store *st, strbuf *err)
{
	sqlite3_stmt *q;
	if (prepare(st, "PRAGMA user_version", &q, err))
		return -1;
	int read = sqlite3_step(q);
	int version = read == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
	if (read != SQLITE_ROW)
		return db_fail(st, err, "schemaversie lezen mislukt");
	if (version > MIGRATION_COUNT) {
		sb_printf(err, "registratie: de database heeft schemaversie %d; deze inbeeld kent er %d. "
			       "Gebruik een nieuwere inbeeld.",
			  version, MIGRATION_COUNT);
		return -1;
	}
	/* A migration may rebuild a table that others refer to (SQLite's way of
	 * changing a constraint): foreign keys are off while migrating, and each
	 * migration commits only when every reference still resolves. */
	if (version < MIGRATION_COUNT && exec(st, "PRAGMA foreign_keys = OFF", err))
		return -1;
	int rc = 0;
	for (int v = version; v < MIGRATION_COUNT && !rc; v++) {
		strbuf sql = STRBUF_INIT;
		sb_printf(&sql, "BEGIN IMMEDIATE;\n%s\nPRAGMA user_version = %d;", MIGRATIONS[v], v + 1);
		rc = exec(st, sb_str(&sql), err);
		sb_free(&sql);
		if (!rc && prepare(st, "PRAGMA foreign_key_check", &q, err) == 0) {
			int step = sqlite3_step(q);
			sqlite3_finalize(q);
			if (step == SQLITE_ROW) {
				sb_printf(err, "registratie: schemaversie %d laat verwijzingen zonder doel achter", v + 1);
				rc = -1;
			} else if (step != SQLITE_DONE) {
				rc = db_fail(st, err, "verwijzingen controleren mislukt");
			}
		} else if (!rc) {
			rc = -1;
		}
		if (!rc)
			rc = exec(st, "COMMIT", err); /* a migration is no change with an audit entry */
		if (rc)
			rollback(st);
	}
	if (version < MIGRATION_COUNT && exec(st, "PRAGMA foreign_keys = ON", err))
		rc = -1;
	return rc;
}

/* SQLite's memory statistics take a global mutex around every allocation:
 * the store reads none of them, and a bulk import allocates per row. This
 * must precede SQLite's initialisation, so it runs once, at the first open
 * (every use of SQLite goes through the store); later it would be refused
 * (SQLITE_MISUSE) and change nothing, which is harmless. */
static void sqlite_setup(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int store_open(const char *path, store **out, strbuf *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
	store *st = xcalloc(1, sizeof *st);
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		sb_printf(err, "registratie %s kan niet worden geopend: %s", path,
			  st->db ? sqlite3_errmsg(st->db) : "geen geheugen");
		store_close(st);
		return -1;
	}
	sqlite3_busy_timeout(st->db, 10000);
	st->path = xstrdup(path);
	if (exec(st,
		 "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
		 "PRAGMA cache_size = -65536;",
		 err) ||
	    migrate(st, err)) {
		store_close(st);
		return -1;
	}
	*out = st;
	return 0;
}

void store_close(store *st)
{
	if (!st)
		return;
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

const char *store_file(const store *st)
{
	return st->path;
}

int store_version_key(store *st, int64_t *batch, strbuf *key, strbuf *err)
{
	sqlite3_stmt *q;
	*batch = 0;
	if (prepare(st,
		    "SELECT (SELECT user_version FROM pragma_user_version), b.id, b.recorded_at, b.actor, b.kind, "
		    "b.source FROM (SELECT 1) LEFT JOIN batch b ON b.id = (SELECT max(id) FROM batch)",
		    &q, err))
		return -1;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*batch = sqlite3_column_int64(q, 1);
		sb_printf(key, "schema %d, batch %lld", sqlite3_column_int(q, 0), (long long)*batch);
		for (int i = 2; i < 6; i++) {
			const char *v = col_text(q, i);
			sb_printf(key, ", %s", v ? v : "-");
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : db_fail(st, err, "lezen van de stand van de registratie mislukt");
}

void store_now(char out[20])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%dT%H:%M:%S", &tm);
}

/* ---- shared by the store's files ------------------------------------------ */

void cols_list(const table_desc *td, strbuf *sb)
{
	for (int i = 0; i < td->ncols; i++)
		sb_printf(sb, "%s%s", i ? ", " : "", td->cols[i]);
}

int prepare_insert(store *st, table_id t, sqlite3_stmt **q, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "INSERT INTO %s (", td->name);
	cols_list(td, &sql);
	sb_puts(&sql, ", v_from) VALUES (");
	for (int i = 0; i <= td->ncols; i++)
		sb_printf(&sql, "%s?", i ? ", " : "");
	sb_puts(&sql, ")");
	int rc = prepare(st, sb_str(&sql), q, err);
	sb_free(&sql);
	return rc;
}

int prepare_current(store *st, table_id t, const char *pupil_id, sqlite3_stmt **q, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "SELECT rowid, ");
	cols_list(td, &sql);
	sb_printf(&sql, " FROM %s WHERE %sv_until IS NULL", td->name, pupil_id ? "leerling_id = ?1 AND " : "");
	int rc = prepare(st, sb_str(&sql), q, err);
	sb_free(&sql);
	if (!rc && pupil_id && bind_text(*q, 1, pupil_id)) {
		rc = bind_fail(st, err);
		sqlite3_finalize(*q);
		*q = NULL;
	}
	return rc;
}

int last_recorded(store *st, char out[20], strbuf *err)
{
	sqlite3_stmt *q;
	out[0] = '\0';
	if (prepare(st, "SELECT max(recorded_at) FROM batch", &q, err))
		return -1;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
		snprintf(out, 20, "%s", col_text(q, 0));
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : db_fail(st, err, "lezen van de laatste registratie mislukt");
}

/* ---- read --------------------------------------------------------------- */

int batch_limit(store *st, const char *as_of, int64_t *limit, strbuf *err)
{
	sqlite3_stmt *q;
	if (prepare(st, as_of ? "SELECT coalesce(max(id), 0) FROM batch WHERE recorded_at <= ?"
			      : "SELECT coalesce(max(id), 0) FROM batch",
		    &q, err))
		return -1;
	if (as_of && bind_text(q, 1, as_of)) {
		sqlite3_finalize(q);
		return bind_fail(st, err);
	}
	/* A failed read must not look like an empty registry. */
	int rc = sqlite3_step(q);
	*limit = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : db_fail(st, err, "lezen van de registratie mislukt");
}

/* Read one table's rows as known at batch `limit` into the builder. */
int read_table(sqlite3 *db, builder *b, table_id t, int64_t limit, const char *only, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "SELECT rowid, ");
	cols_list(td, &sql);
	sb_printf(&sql, " FROM %s WHERE v_from <= ?1 AND (v_until IS NULL OR v_until > ?1)", td->name);
	bool filter = only && (td->per_pupil || t == T_LEERLINGEN);
	if (filter)
		sb_puts(&sql, " AND leerling_id = ?2");
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db, sb_str(&sql), -1, &q, NULL);
	sb_free(&sql);
	if (rc != SQLITE_OK) {
		sb_printf(err, "registratie: lezen van %s mislukt: %s", td->name, sqlite3_errmsg(db));
		return -1;
	}
	if (bind_int(q, 1, limit) || (filter && bind_text(q, 2, only))) {
		sb_printf(err, "registratie: lezen van %s mislukt: %s", td->name, sqlite3_errmsg(db));
		sqlite3_finalize(q);
		return -1;
	}
	field f[TABLE_MAX_COLS];
	builder_begin_table(b, t);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		col_fields(q, 1, td->ncols, f);
		builder_row(b, t, f, (uint32_t)sqlite3_column_int64(q, 0));
	}
	builder_end_table(b, t);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		sb_printf(err, "registratie: lezen van %s mislukt: %s", td->name, sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/* The per-pupil tables, read on worker threads, each with its own connection.
 * Reads are bounded by the batch number, so connections that start at
 * different moments still see the same registry. */
typedef struct read_work {
	pthread_mutex_t lock;
	const char *path;
	builder *b;
	int64_t limit;
	table_id todo[T_COUNT];
	size_t n, next;
	int rc;
	strbuf err;
} read_work;

static void *read_worker(void *arg)
{
	read_work *w = arg;
	sqlite3 *db = NULL;
	strbuf err = STRBUF_INIT;
	int rc = 0;
	if (sqlite3_open_v2(w->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		sb_printf(&err, "registratie %s kan niet worden geopend: %s", w->path, db ? sqlite3_errmsg(db) : "");
		rc = -1;
	} else {
		sqlite3_busy_timeout(db, 10000);
	}
	for (;;) {
		pthread_mutex_lock(&w->lock);
		size_t i = w->next < w->n && !rc ? w->next++ : w->n;
		pthread_mutex_unlock(&w->lock);
		if (i == w->n)
			break;
		rc = read_table(db, w->b, w->todo[i], w->limit, NULL, &err);
	}
	sqlite3_close(db);
	pthread_mutex_lock(&w->lock);
	if (rc && !w->rc) {
		w->rc = rc;
		sb_puts(&w->err, sb_str(&err));
	}
	pthread_mutex_unlock(&w->lock);
	sb_free(&err);
	return NULL;
}

/* Feed the registry as known at batch `limit` into the builder (store_read). */
static int read_at(store *st, builder *b, int64_t limit, const char *only_pupil, int threads, strbuf *err)
{
	int rc = 0;
	read_work w = {.path = st->path, .b = b, .limit = limit};
	/* Reference tables and leerlingen first, on this connection; the
	 * per-pupil tables after them, in parallel unless reading one pupil. */
	bool parallel = !only_pupil && threads > 1;
	for (int t = 0; t < T_COUNT && !rc; t++) {
		if (parallel && TABLES[t].per_pupil)
			w.todo[w.n++] = (table_id)t;
		else
			rc = read_table(st->db, b, (table_id)t, limit, only_pupil, err);
	}
	if (rc || !w.n)
		return rc;
	pthread_mutex_init(&w.lock, NULL);
	pthread_t tid[T_COUNT];
	int started = 0;
	for (int i = 0; i < threads && (size_t)i < w.n; i++)
		if (pthread_create(&tid[started], NULL, read_worker, &w) == 0)
			started++;
	if (!started)
		read_worker(&w);
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&w.lock);
	if (w.rc)
		sb_puts(err, sb_str(&w.err));
	sb_free(&w.err);
	return w.rc;
}

int store_read(store *st, builder *b, const char *as_of, const char *only_pupil, int threads, int *empty,
	       strbuf *err)
{
	int64_t limit = 0;
	int rc = batch_limit(st, as_of, &limit, err);
	if (empty)
		*empty = !rc && limit == 0;
	return rc ? rc : read_at(st, b, limit, only_pupil, threads, err);
}

/* A dataset as known at batch limit (-1: the batch as_of gives). */
static dataset *load_at(store *st, unsigned flags, int64_t limit, const char *as_of, const char *only_pupil,
			int threads, strbuf *err)
{
	builder *b = builder_new(flags);
	if (only_pupil)
		builder_only_pupil(b, only_pupil);
	dataset *ds = NULL;
	int rc = limit < 0 ? store_read(st, b, as_of, only_pupil, threads, NULL, err)
			   : read_at(st, b, limit, only_pupil, threads, err);
	if (rc == 0) {
		ds = builder_finish(b);
		if (!ds) {
			sb_puts(err, "registratie bevat ongeldige gegevens:\n");
			size_t kept, total;
			const fact_error *e = builder_errors(b, &kept, &total);
			for (size_t i = 0; i < kept; i++) {
				fact_error_format(&e[i], err);
				sb_putc(err, '\n');
			}
		}
	}
	builder_free(b);
	return ds;
}

dataset *store_load(store *st, unsigned flags, const char *as_of, const char *only_pupil, int threads,
		    strbuf *err)
{
	return load_at(st, flags, -1, as_of, only_pupil, threads, err);
}

dataset *store_load_version(store *st, unsigned flags, int64_t batch, int threads, strbuf *err)
{
	return load_at(st, flags, batch < 0 ? 0 : batch, NULL, NULL, threads, err);
}

dataset *store_load_reference(store *st, strbuf *err)
{
	int64_t limit = 0;
	if (batch_limit(st, NULL, &limit, err))
		return NULL;
	builder *b = builder_new(0);
	int rc = 0;
	for (int t = 0; t < T_COUNT && !rc; t++)
		if (!TABLES[t].per_pupil && t != T_LEERLINGEN)
			rc = read_table(st->db, b, (table_id)t, limit, NULL, err);
	dataset *ds = rc ? NULL : builder_finish(b);
	if (!rc && !ds)
		sb_puts(err, "registratie bevat ongeldige referentiegegevens");
	builder_free(b);
	return ds;
}
