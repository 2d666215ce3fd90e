/*
 * store_read.c - reading the registry as known at a moment (a batch) into
 * the fact builder: the reference tables and leerlingen on the store's
 * connection, the per-pupil tables in parallel, each reader on a connection
 * of its own (db_open read-only). Each table comes in one db_each_row (on
 * PostgreSQL one COPY, not a result per row). Every read is bounded by the
 * batch number, not by one snapshot: the workers' connections start at
 * other moments than the store's, yet see the same version of the registry,
 * as the fact tables are only added to (a later batch adds rows with a
 * higher v_from, or ends a row with a v_until above the bound).
 */
#include "store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

int batch_limit(store *st, const char *as_of, int64_t *limit, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, as_of ? "SELECT coalesce(max(id), 0) FROM batch WHERE recorded_at <= ?1"
			      : "SELECT coalesce(max(id), 0) FROM batch",
		    &q, err))
		return -1;
	if (as_of && bind_text(q, 1, as_of)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	/* A failed read must not look like an empty registry. */
	int rc = db_step(q);
	*limit = rc == DB_ROW ? col_int(q, 0) : 0;
	db_finalize(q);
	return rc == DB_ROW ? 0 : db_fail(st, err, "lezen van de registratie mislukt");
}

typedef struct table_rows {
	builder *b;
	table_id t;
} table_rows;

static int table_row(void *ctx, int64_t id, const field *f, int ncols)
{
	(void)ncols;
	const table_rows *tr = ctx;
	builder_row(tr->b, tr->t, f, (uint32_t)id);
	return 0;
}

/* Read one table's rows as known at batch `limit` into the builder. */
int read_table(db *d, builder *b, table_id t, int64_t limit, const char *only, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "SELECT rowid, ");
	cols_list(td, &sql);
	sb_printf(&sql, " FROM %s WHERE v_from <= ?1 AND (v_until IS NULL OR v_until > ?1)", td->name);
	bool filter = only && (td->per_pupil || t == T_LEERLINGEN);
	if (filter)
		sb_puts(&sql, " AND leerling_id = ?2");
	db_stmt *q;
	int rc = db_prepare(d, sb_str(&sql), &q);
	sb_free(&sql);
	if (rc != DB_OK) {
		sb_printf(err, "registratie: lezen van %s mislukt: %s", td->name, db_errmsg(d));
		return -1;
	}
	if (bind_int(q, 1, limit) || (filter && bind_text(q, 2, only))) {
		sb_printf(err, "registratie: lezen van %s mislukt: %s", td->name, db_errmsg(d));
		db_finalize(q);
		return -1;
	}
	builder_begin_table(b, t);
	table_rows tr = {b, t};
	rc = db_each_row(q, td->ncols, table_row, &tr);
	builder_end_table(b, t);
	db_finalize(q);
	if (rc != DB_DONE) {
		sb_printf(err, "registratie: lezen van %s mislukt: %s", td->name, db_errmsg(d));
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
	db *d = NULL;
	strbuf err = STRBUF_INIT;
	int rc = db_open(w->path, DB_READONLY, &d, &err) == DB_OK ? 0 : -1;
	for (;;) {
		pthread_mutex_lock(&w->lock);
		size_t i = w->next < w->n && !rc ? w->next++ : w->n;
		pthread_mutex_unlock(&w->lock);
		if (i == w->n)
			break;
		rc = read_table(d, w->b, w->todo[i], w->limit, NULL, &err);
	}
	db_close(d);
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
