/*
 * store_copy.c - moving house (issue 16): a registry copied into another,
 * of either kind (SQLite to PostgreSQL is the point; the other way round and
 * SQLite to SQLite come with it), through db.h. The source is read in one
 * read transaction, the target written in one write transaction after
 * both are at the same schema version by the normal migrations; every table
 * of store_copy_tables.c goes over whole, in the order its foreign keys
 * accept, with db_bulk (COPY on PostgreSQL) and every value as it is, so
 * the audit log's hash chain, the ids the history and the case work refer
 * to and every timestamp stay byte for byte what they were. Afterwards
 * PostgreSQL's identities are set past the copied ids (the next insert
 * takes the next number), and the rows of every table are counted in both:
 * a copy counts as done only when they agree. See store.h.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../util/alloc.h"
#include "db_pg.h"
#include "migrations.h"
#include "store_copy.h"
#include "store_internal.h"

enum {
	REPORT_EVERY = 1 << 16, /* rows between two reports of progress */
	LARGE = 10000,		/* rows from which a table's own indexes are built after them */
};

typedef struct copy_run {
	store *src, *dst;
	const copy_options *opt;
	copy_stats *stats;
} copy_run;

static double seconds_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void store_target_name(const char *target, strbuf *out)
{
	if (db_is_postgres(target))
		db_pg_redact(target, out);
	else
		sb_puts(out, target);
}

/* The source exists, holds a registry, and one this inbeeld knows. */
static int source_check(const char *from, const char *name, strbuf *err)
{
	if (!db_is_postgres(from) && access(from, F_OK) != 0) {
		sb_printf(err, "de bron %s bestaat niet", name);
		return -1;
	}
	db *d;
	strbuf why = STRBUF_INIT;
	if (db_open(from, DB_READONLY, &d, &why) != DB_OK) {
		sb_printf(err, "de bron: %s", sb_str(&why));
		sb_free(&why);
		return -1;
	}
	sb_free(&why);
	int version = 0, rc = -1;
	if (db_schema_version(d, &version) != DB_OK)
		sb_printf(err, "de bron %s: schemaversie lezen mislukt: %s", name, db_errmsg(d));
	else if (version == 0)
		sb_printf(err, "de bron %s is geen registratie van inbeeld (er is geen schema)", name);
	else if (version > MIGRATION_COUNT)
		sb_printf(err, "de bron %s heeft schemaversie %d; deze inbeeld kent er %d. Gebruik een nieuwere inbeeld.",
			  name, version, MIGRATION_COUNT);
	else
		rc = 0;
	db_close(d);
	return rc;
}

/* *n: the rows of table on d. */
static int count_rows(store *st, const char *side, const char *table, int64_t *n, strbuf *err)
{
	*n = 0;
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "SELECT count(*) FROM %s", table);
	db_stmt *q;
	if (copy_prepare(st, &sql, &q, err))
		return -1;
	int step = db_step(q);
	if (step == DB_ROW)
		*n = col_int(q, 0);
	else
		sb_printf(err, "%s: de rijen van %s tellen mislukt: %s", side, table, db_errmsg(st->db));
	db_finalize(q);
	return step == DB_ROW ? 0 : -1;
}

/* The target holds no data: no row in any table but instelling, which the
 * migrations fill with their defaults (and the copy replaces). */
static int target_empty(copy_run *r, const copy_table_def *defs, int n, const char *name, strbuf *err)
{
	for (int t = 0; t < n; t++) {
		if (!strcmp(defs[t].name, "instelling"))
			continue;
		strbuf sql = STRBUF_INIT;
		sb_printf(&sql, "SELECT 1 FROM %s LIMIT 1", defs[t].name);
		db_stmt *q;
		if (copy_prepare(r->dst, &sql, &q, err))
			return -1;
		int step = db_step(q);
		db_finalize(q);
		if (step == DB_ROW) {
			sb_printf(err, "het doel %s is niet leeg: de tabel %s heeft al gegevens. migreer kopieert alleen "
				       "naar een lege registratie; kies een nieuwe database",
				  name, defs[t].name);
			return -1;
		}
		if (step != DB_DONE)
			return db_fail(r->dst, err, "het doel lezen mislukt");
	}
	return 0;
}

static void report(copy_run *r, const char *table, int64_t done, int64_t total, double t0, bool end)
{
	if (r->opt && r->opt->report)
		r->opt->report(r->opt->ctx, table, done, total, seconds_now() - t0, end);
}

/* Rows of t from the source into the target, as they are. */
static int copy_rows(copy_run *r, const copy_table_def *t, int64_t total, int64_t *done, double t0, strbuf *err)
{
	bool sqlite = db_kind_of(r->src->db) == DB_SQLITE;
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "SELECT %s FROM %s", sb_str(&t->select), t->name);
	if (t->key == COPY_ID)
		sb_puts(&sql, " ORDER BY id");
	else if (t->key == COPY_ROWID || sqlite) /* insertion order, where the source keeps one */
		sb_puts(&sql, " ORDER BY rowid");
	db_stmt *q;
	if (copy_prepare(r->src, &sql, &q, err))
		return -1;
	db_bulk *b;
	if (db_bulk_begin(r->dst->db, t->name, (const char *const *)t->cols, t->ncols, &b) != DB_OK) {
		db_finalize(q);
		return db_fail(r->dst, err, "het doel: kopiëren mislukt");
	}
	field *f = xcalloc((size_t)t->ncols, sizeof *f);
	int step, wrote = DB_OK;
	while (wrote == DB_OK && (step = db_step(q)) == DB_ROW) {
		for (int i = 0; i < t->ncols; i++) {
			const char *v = col_text(q, i);
			f[i] = (field){v, v ? db_col_bytes(q, i) : 0}; /* p NULL: SQL NULL; "" stays "" */
		}
		wrote = db_bulk_row_exact(b, f);
		if (++*done % REPORT_EVERY == 0)
			report(r, t->name, *done, total, t0, false);
	}
	free(f);
	if (wrote != DB_OK || step != DB_DONE) {
		const char *side = wrote != DB_OK ? "het doel" : "de bron";
		sb_printf(err, "%s: kopiëren van %s mislukt na %lld rijen: %s", side, t->name, (long long)*done,
			  db_errmsg(wrote != DB_OK ? r->dst->db : r->src->db));
		db_finalize(q);
		(void)db_bulk_end(b); /* frees b; the failure is the one said */
		return -1;
	}
	db_finalize(q);
	if (db_bulk_end(b) != DB_OK) {
		sb_printf(err, "het doel: kopiëren van %s mislukt: %s", t->name, db_errmsg(r->dst->db));
		return -1;
	}
	return 0;
}

static int copy_table(copy_run *r, const copy_table_def *t, strbuf *err)
{
	double t0 = seconds_now();
	int64_t total, done = 0, there;
	if (count_rows(r->src, "de bron", t->name, &total, err))
		return -1;
	if (!strcmp(t->name, "instelling") && exec(r->dst, "DELETE FROM instelling", err))
		return -1;
	/* A large table's own indexes are built after its rows (PostgreSQL). */
	strbuf indexes = STRBUF_INIT;
	int nindexes = 0;
	int rc = total >= LARGE && copy_pg_indexes_drop(r->dst, t->name, &indexes, &nindexes, err) ? -1 : 0;
	rc = rc || copy_rows(r, t, total, &done, t0, err) || copy_pg_indexes_make(r->dst, &indexes, nindexes, err) ||
	     copy_pg_identity_past(r->dst, t, err) || count_rows(r->dst, "het doel", t->name, &there, err);
	sb_free(&indexes);
	if (rc)
		return -1;
	if (there != total || done != total) {
		sb_printf(err, "de tabel %s telt %lld rijen in de bron en %lld in het doel (%lld gekopieerd): de kopie is "
			       "niet volledig",
			  t->name, (long long)total, (long long)there, (long long)done);
		return -1;
	}
	r->stats->rows += done;
	r->stats->tables++;
	report(r, t->name, done, total, t0, true);
	return 0;
}

/* Both open and migrated: check, copy, commit (or leave the target as it was). */
static int copy_all(copy_run *r, const char *name, strbuf *err)
{
	int n, rc = 0, vs = 0, vd = 0;
	copy_table_def *defs = copy_tables(&n);
	if (db_schema_version(r->src->db, &vs) != DB_OK || db_schema_version(r->dst->db, &vd) != DB_OK) {
		sb_puts(err, "schemaversie lezen mislukt");
		rc = -1;
	} else if (vs != vd) {
		sb_printf(err, "de bron heeft schemaversie %d en het doel %d", vs, vd);
		rc = -1;
	}
	r->stats->schema = vs;
	strbuf why = STRBUF_INIT;
	if (!rc && copy_check_schema(r->src->db, defs, n, &why)) {
		sb_printf(err, "de bron: %s", sb_str(&why));
		rc = -1;
	} else if (!rc && copy_check_schema(r->dst->db, defs, n, &why)) {
		sb_printf(err, "het doel: %s", sb_str(&why));
		rc = -1;
	}
	sb_free(&why);
	bool direct = false;
	if (!rc)
		rc = sqlite_import_begin(r->dst, true, &direct, err);
	double t0 = seconds_now();
	bool src_open = false, dst_open = false, later = !rc && copy_pg_keys_later(r->dst);
	if (!rc) {
		rc = begin(r->src, false, err);
		src_open = !rc;
	}
	if (!rc) {
		rc = begin(r->dst, true, err);
		dst_open = !rc;
	}
	if (!rc)
		rc = target_empty(r, defs, n, name, err);
	for (int t = 0; !rc && t < n; t++)
		rc = copy_table(r, &defs[t], err);
	if (!rc && later)
		rc = copy_pg_check_keys(r->dst, err);
	r->stats->keys_after = later;
	if (!rc) {
		rc = commit_tx(r->dst, err);
		dst_open = rc != 0;
	}
	if (dst_open)
		rollback(r->dst);
	if (src_open)
		rollback(r->src); /* it only read */
	if (later && !r->dst->closed)
		(void)db_exec(r->dst->db, "RESET session_replication_role"); /* the connection closes next */
	r->stats->seconds = seconds_now() - t0;
	if (sqlite_import_end(r->dst, direct, err))
		rc = -1;
	copy_tables_free(defs, n);
	return rc;
}

int store_copy(const char *from, const char *to, const copy_options *opt, copy_stats *stats, strbuf *err)
{
	memset(stats, 0, sizeof *stats);
	strbuf src_name = STRBUF_INIT, dst_name = STRBUF_INIT, why = STRBUF_INIT;
	store_target_name(from, &src_name);
	store_target_name(to, &dst_name);
	copy_run r = {.opt = opt, .stats = stats};
	int rc = 0;
	if (!strcmp(from, to)) {
		sb_printf(err, "de bron en het doel zijn dezelfde registratie (%s)", sb_str(&src_name));
		rc = -1;
	}
	if (!rc)
		rc = source_check(from, sb_str(&src_name), err);
	if (!rc && store_open(from, &r.src, &why)) {
		sb_printf(err, "de bron: %s", sb_str(&why));
		rc = -1;
	}
	if (!rc && store_open(to, &r.dst, &why)) {
		sb_printf(err, "het doel: %s", sb_str(&why));
		rc = -1;
	}
	if (!rc)
		rc = copy_all(&r, sb_str(&dst_name), err);
	store_close(r.dst);
	store_close(r.src);
	sb_free(&why);
	sb_free(&src_name);
	sb_free(&dst_name);
	return rc;
}
