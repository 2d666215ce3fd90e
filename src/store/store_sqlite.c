/*
 * store_sqlite.c - the registry in SQLite (WAL, prepared statements only).
 */
#include "store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "../core/encode.h"
#include "../core/sort.h"
#include "../util/alloc.h"
#include "migrations.h"
#include "store_internal.h"

int db_fail(store *st, strbuf *err, const char *what)
{
	sb_printf(err, "registratie: %s: %s", what, sqlite3_errmsg(st->db));
	return -1;
}

int exec(store *st, const char *sql, strbuf *err)
{
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
	if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) != SQLITE_OK)
		return db_fail(st, err, "voorbereiden van een opdracht mislukt");
	return 0;
}

static int migrate(store *st, strbuf *err)
{
	sqlite3_stmt *q;
	if (prepare(st, "PRAGMA user_version", &q, err))
		return -1;
	int version = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
	sqlite3_finalize(q);
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
			if (step != SQLITE_DONE) {
				sb_printf(err, "registratie: schemaversie %d laat verwijzingen zonder doel achter", v + 1);
				rc = -1;
			}
		} else if (!rc) {
			rc = -1;
		}
		if (!rc)
			rc = exec(st, "COMMIT", err);
		if (rc)
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	}
	if (version < MIGRATION_COUNT && exec(st, "PRAGMA foreign_keys = ON", err))
		rc = -1;
	return rc;
}

int store_open(const char *path, store **out, strbuf *err)
{
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

void store_now(char out[20])
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%dT%H:%M:%S", &tm);
}

/* ---- import ------------------------------------------------------------- */

/* A canonical row as one string: fields joined by US (0x1f), NULL as RS (0x1e).
 * Stored values never contain control characters, so this is unambiguous and
 * byte order on it is a total order on rows. */
typedef struct rowkey {
	char *key;
	int64_t rowid; /* for current registry rows */
} rowkey;

typedef struct keylist {
	rowkey *rows;
	size_t n, cap;
	int ncols;
} keylist;

static char *join_fields(const field *f, int n)
{
	strbuf sb = STRBUF_INIT;
	for (int i = 0; i < n; i++) {
		if (i)
			sb_putc(&sb, '\x1f');
		if (f[i].len)
			sb_append(&sb, f[i].p, f[i].len);
		else
			sb_putc(&sb, '\x1e');
	}
	return sb.data ? sb.data : xstrdup("");
}

static void collect_key(void *ctx, const field *f)
{
	keylist *kl = ctx;
	kl->rows = xgrow(kl->rows, &kl->cap, kl->n + 1, sizeof *kl->rows);
	kl->rows[kl->n++] = (rowkey){join_fields(f, kl->ncols), 0};
}

static int rowkey_cmp(const void *a, const void *b)
{
	return strcmp(((const rowkey *)a)->key, ((const rowkey *)b)->key);
}

static void keylist_free(keylist *kl)
{
	for (size_t i = 0; i < kl->n; i++)
		free(kl->rows[i].key);
	free(kl->rows);
	memset(kl, 0, sizeof *kl);
}

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
	if (!rc && pupil_id)
		sqlite3_bind_text(*q, 1, pupil_id, -1, SQLITE_STATIC);
	return rc;
}

static int load_current(store *st, table_id t, keylist *kl, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	sqlite3_stmt *q;
	if (prepare_current(st, t, NULL, &q, err))
		return -1;
	int rc;
	field f[TABLE_MAX_COLS];
	kl->ncols = td->ncols;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (int i = 0; i < td->ncols; i++) {
			const char *v = (const char *)sqlite3_column_text(q, i + 1);
			f[i] = (field){v, v ? (size_t)sqlite3_column_bytes(q, i + 1) : 0};
		}
		collect_key(kl, f);
		kl->rows[kl->n - 1].rowid = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return db_fail(st, err, "lezen mislukt");
	return 0;
}

static int bind_key(sqlite3_stmt *ins, const char *key, int ncols, int64_t batch)
{
	const char *p = key;
	for (int i = 0; i < ncols; i++) {
		const char *sep = strchr(p, '\x1f');
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		if (len == 1 && p[0] == '\x1e')
			sqlite3_bind_null(ins, i + 1);
		else
			sqlite3_bind_text(ins, i + 1, p, (int)len, SQLITE_TRANSIENT);
		p += len + (sep ? 1 : 0);
	}
	sqlite3_bind_int64(ins, ncols + 1, batch);
	return sqlite3_step(ins) == SQLITE_DONE ? 0 : -1;
}

typedef struct bulk_ctx {
	sqlite3_stmt *ins;
	int ncols;
	int64_t batch;
	int failed;
	size_t done, total;
	const import_options *opt;
	const char *table;
} bulk_ctx;

static void bulk_insert(void *ctx, const field *f)
{
	bulk_ctx *bc = ctx;
	if (bc->failed)
		return;
	for (int i = 0; i < bc->ncols; i++) {
		if (f[i].len)
			sqlite3_bind_text(bc->ins, i + 1, f[i].p, (int)f[i].len, SQLITE_STATIC);
		else
			sqlite3_bind_null(bc->ins, i + 1);
	}
	sqlite3_bind_int64(bc->ins, bc->ncols + 1, bc->batch);
	if (sqlite3_step(bc->ins) != SQLITE_DONE)
		bc->failed = 1;
	sqlite3_reset(bc->ins);
	if (bc->opt->report && ++bc->done % 500000 == 0)
		bc->opt->report(bc->opt->ctx, bc->table, bc->done, bc->total);
}

static size_t count_rows(const dataset *ds, table_id t)
{
	switch (t) {
	case T_GEMEENTEN: return ds->n_gemeenten;
	case T_SWV: return ds->n_swvs;
	case T_SWV_GEMEENTEN: return ds->n_swv_gemeenten;
	case T_SCHOLEN: return ds->n_schools;
	case T_VAKANTIES: return ds->n_vakanties;
	case T_LEERLINGEN: return ds->n_pupils;
	case T_WOONADRESSEN: return ds->n_fact[F_RESIDENCE];
	case T_INSCHRIJVINGEN: return ds->n_fact[F_ENROLMENT];
	case T_VERZUIM: return ds->n_fact[F_ABSENCE];
	case T_VRIJSTELLINGEN: return ds->n_fact[F_VRIJSTELLING];
	case T_MELDINGEN: return ds->n_fact[F_MELDING];
	case T_AANBOD: return ds->n_fact[F_AANBOD];
	default: return 0;
	}
}

/* Drop the indexes of a table, collecting the statements that recreate them. */
static int drop_indexes(store *st, const char *table, strbuf *recreate, strbuf *err)
{
	sqlite3_stmt *q;
	if (prepare(st, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
		    &q, err))
		return -1;
	sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
	strbuf drop = STRBUF_INIT;
	while (sqlite3_step(q) == SQLITE_ROW) {
		sb_printf(&drop, "DROP INDEX \"%s\";", (const char *)sqlite3_column_text(q, 0));
		sb_printf(recreate, "%s;", (const char *)sqlite3_column_text(q, 1));
	}
	sqlite3_finalize(q);
	int rc = drop.len ? exec(st, sb_str(&drop), err) : 0;
	sb_free(&drop);
	return rc;
}

static int import_table(store *st, const dataset *ds, table_id t, int64_t batch, const import_options *opt,
			import_stats *stats, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	sqlite3_stmt *ins = NULL, *end = NULL;
	int rc = prepare_insert(st, t, &ins, err);
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "UPDATE %s SET v_until = ? WHERE rowid = ?", td->name);
	if (!rc)
		rc = prepare(st, sb_str(&sql), &end, err);
	sb_free(&sql);
	keylist old = {0}, new = {0};
	if (!rc)
		rc = load_current(st, t, &old, err);
	if (rc)
		goto done;
	if (old.n == 0) {
		/* Nothing to compare with: insert straight from the dataset, and for a
		 * large table build its indexes once afterwards instead of row by row. */
		size_t rows = count_rows(ds, t);
		strbuf indexes = STRBUF_INIT;
		if (rows > 100000)
			rc = drop_indexes(st, td->name, &indexes, err);
		bulk_ctx bc = {ins, td->ncols, batch, 0, 0, rows, opt, td->file};
		if (!rc)
			stats->added[t] = encode_table(ds, t, bulk_insert, &bc);
		if (!rc && bc.failed)
			rc = db_fail(st, err, "toevoegen mislukt");
		if (!rc && indexes.len)
			rc = exec(st, sb_str(&indexes), err);
		sb_free(&indexes);
		goto done;
	}
	new.ncols = td->ncols;
	encode_table(ds, t, collect_key, &new);
	sort_array(old.rows, old.n, sizeof *old.rows, rowkey_cmp);
	sort_array(new.rows, new.n, sizeof *new.rows, rowkey_cmp);
	size_t i = 0, j = 0;
	while (rc == 0 && (i < old.n || j < new.n)) {
		int c = i == old.n ? 1 : j == new.n ? -1 : strcmp(old.rows[i].key, new.rows[j].key);
		if (c == 0) {
			stats->kept[t]++;
			i++, j++;
		} else if (c < 0) {
			sqlite3_bind_int64(end, 1, batch);
			sqlite3_bind_int64(end, 2, old.rows[i].rowid);
			if (sqlite3_step(end) != SQLITE_DONE)
				rc = db_fail(st, err, "beëindigen mislukt");
			sqlite3_reset(end);
			stats->ended[t]++;
			i++;
		} else {
			if (bind_key(ins, new.rows[j].key, td->ncols, batch))
				rc = db_fail(st, err, "toevoegen mislukt");
			sqlite3_reset(ins);
			stats->added[t]++;
			j++;
		}
	}
done:
	keylist_free(&old);
	keylist_free(&new);
	sqlite3_finalize(ins);
	sqlite3_finalize(end);
	return rc;
}

int last_recorded(store *st, char out[20], strbuf *err)
{
	sqlite3_stmt *q;
	out[0] = '\0';
	if (prepare(st, "SELECT max(recorded_at) FROM batch", &q, err))
		return -1;
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
		snprintf(out, 20, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return 0;
}

int store_import(store *st, const dataset *ds, const import_options *opt, import_stats *stats, strbuf *err)
{
	memset(stats, 0, sizeof *stats);
	if (opt->recorded_at)
		snprintf(stats->recorded_at, sizeof stats->recorded_at, "%s", opt->recorded_at);
	else
		store_now(stats->recorded_at);
	/* A first import with the registry to itself skips the write-ahead log:
	 * every page would otherwise be written twice and looked up in the log
	 * index while the one transaction grows. A rollback journal keeps it
	 * atomic; the log comes back when it is done. */
	bool direct = false;
	if (opt->alone) {
		sqlite3_stmt *q;
		if (prepare(st, "SELECT count(*) FROM batch", &q, err))
			return -1;
		bool empty = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) == 0;
		sqlite3_finalize(q);
		/* Another process reading (a server) keeps the log: then this is
		 * refused, and the import simply goes through the log. */
		if (empty && prepare(st, "PRAGMA journal_mode = DELETE", &q, err) == 0) {
			direct = sqlite3_step(q) == SQLITE_ROW && strcmp(col_text(q, 0), "delete") == 0;
			sqlite3_finalize(q);
		}
	}
	/* A large import wants a large page cache (256 MiB); restored below. */
	if (exec(st, "PRAGMA cache_size = -262144; BEGIN IMMEDIATE", err)) {
		if (direct)
			sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		return -1;
	}
	char last[20];
	int rc = last_recorded(st, last, err);
	if (!rc && last[0] && strcmp(stats->recorded_at, last) < 0) {
		sb_printf(err,
			  "het registratietijdstip %s ligt voor de laatste registratie (%s); de geschiedenis kan alleen "
			  "worden aangevuld",
			  stats->recorded_at, last);
		rc = -1;
	}
	sqlite3_stmt *q = NULL;
	if (!rc)
		rc = prepare(st, "INSERT INTO batch (recorded_at, actor, kind, source) VALUES (?, ?, 'import', ?)", &q,
			     err);
	if (!rc) {
		sqlite3_bind_text(q, 1, stats->recorded_at, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, opt->actor, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, opt->source ? opt->source : "", -1, SQLITE_STATIC);
		if (sqlite3_step(q) != SQLITE_DONE)
			rc = db_fail(st, err, "vastleggen van de import mislukt");
		stats->batch = sqlite3_last_insert_rowid(st->db);
	}
	sqlite3_finalize(q);
	for (int t = 0; t < T_COUNT && !rc; t++)
		rc = import_table(st, ds, (table_id)t, stats->batch, opt, stats, err);
	if (rc)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	else
		rc = exec(st, "COMMIT", err);
	sqlite3_exec(st->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	if (direct && exec(st, "PRAGMA journal_mode = WAL", err))
		rc = -1;
	return rc ? -1 : 0;
}

/* ---- read --------------------------------------------------------------- */

int batch_limit(store *st, const char *as_of, int64_t *limit, strbuf *err)
{
	sqlite3_stmt *q;
	if (prepare(st, as_of ? "SELECT coalesce(max(id), 0) FROM batch WHERE recorded_at <= ?"
			      : "SELECT coalesce(max(id), 0) FROM batch",
		    &q, err))
		return -1;
	if (as_of)
		sqlite3_bind_text(q, 1, as_of, -1, SQLITE_STATIC);
	*limit = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_finalize(q);
	return 0;
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
	sqlite3_bind_int64(q, 1, limit);
	if (filter)
		sqlite3_bind_text(q, 2, only, -1, SQLITE_STATIC);
	field f[TABLE_MAX_COLS];
	builder_begin_table(b, t);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (int i = 0; i < td->ncols; i++) {
			const char *v = (const char *)sqlite3_column_text(q, i + 1);
			f[i] = (field){v, v ? (size_t)sqlite3_column_bytes(q, i + 1) : 0};
		}
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

int store_read(store *st, builder *b, const char *as_of, const char *only_pupil, int threads, int *empty,
	       strbuf *err)
{
	int64_t limit = 0;
	int rc = batch_limit(st, as_of, &limit, err);
	if (empty)
		*empty = !rc && limit == 0;
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

dataset *store_load(store *st, unsigned flags, const char *as_of, const char *only_pupil, int threads,
		    strbuf *err)
{
	builder *b = builder_new(flags);
	if (only_pupil)
		builder_only_pupil(b, only_pupil);
	dataset *ds = NULL;
	if (store_read(st, b, as_of, only_pupil, threads, NULL, err) == 0) {
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
