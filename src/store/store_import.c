/*
 * store_import.c - making the registry equal to a dataset in one batch
 * (store_import of store.h): facts that are new are added, facts that are
 * gone are ended and kept as history, identical facts stay. Rows are compared
 * by their canonical text (core/encode.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/encode.h"
#include "../core/sort.h"
#include "../util/alloc.h"
#include "store_internal.h"

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
		col_fields(q, 1, td->ncols, f);
		collect_key(kl, f);
		kl->rows[kl->n - 1].rowid = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return db_fail(st, err, "lezen mislukt");
	return 0;
}

/* Insert the row of a key (which stays valid until the statement is reset). */
static int insert_key(store *st, sqlite3_stmt *ins, const char *key, int ncols, int64_t batch, strbuf *err)
{
	const char *p = key;
	for (int i = 0; i < ncols; i++) {
		const char *sep = strchr(p, '\x1f');
		size_t len = sep ? (size_t)(sep - p) : strlen(p);
		field f = len == 1 && p[0] == '\x1e' ? (field){NULL, 0} : (field){p, len};
		if (bind_field(ins, i + 1, f))
			return bind_fail(st, err);
		p += len + (sep ? 1 : 0);
	}
	if (bind_int(ins, ncols + 1, batch))
		return bind_fail(st, err);
	return sqlite3_step(ins) == SQLITE_DONE ? 0 : db_fail(st, err, "toevoegen mislukt");
}

/* The bulk load of a table the registry has no rows of yet: rows gathered
 * BULK_ROWS at a time and inserted by one statement of as many rows (one
 * prepared statement per table, reused; the batch bound once as ?1, which
 * sqlite3_reset keeps), so that the per-statement work of SQLite (opening
 * the table, halting, resetting) is paid once per BULK_ROWS rows. The
 * fields are copied into one buffer, bound without a copy (SQLITE_STATIC)
 * and valid until the statement is reset. The last rows go one at a time. */
enum { BULK_ROWS = 64 };

typedef struct bulk_ctx {
	store *st;
	sqlite3_stmt *ins, *many; /* one row (v_from last); BULK_ROWS rows */
	int ncols;
	int64_t batch;
	int failed;
	size_t done, total;
	const import_options *opt;
	const char *table;
	strbuf *err;
	size_t n;			       /* rows gathered */
	size_t off[BULK_ROWS][TABLE_MAX_COLS]; /* their fields in text, */
	size_t len[BULK_ROWS][TABLE_MAX_COLS]; /* 0: NULL */
	char *text;
	size_t text_len, text_cap;
} bulk_ctx;

/* "INSERT INTO <table> (<columns>, v_from) VALUES (?2, ..., ?1), ..." of
 * BULK_ROWS rows. */
static int prepare_many(store *st, table_id t, sqlite3_stmt **q, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "INSERT INTO %s (", td->name);
	cols_list(td, &sql);
	sb_puts(&sql, ", v_from) VALUES ");
	int param = 2;
	for (int r = 0; r < BULK_ROWS; r++) {
		sb_puts(&sql, r ? ", (" : "(");
		for (int i = 0; i < td->ncols; i++)
			sb_printf(&sql, "?%d, ", param++);
		sb_puts(&sql, "?1)");
	}
	int rc = prepare(st, sb_str(&sql), q, err);
	sb_free(&sql);
	return rc;
}

static void bulk_flush(bulk_ctx *bc)
{
	bool many = bc->n == BULK_ROWS;
	for (size_t r = 0; r < bc->n && !bc->failed; r++) {
		sqlite3_stmt *q = many ? bc->many : bc->ins;
		int first = many ? 2 + (int)r * bc->ncols : 1;
		int rc = 0;
		for (int i = 0; i < bc->ncols && !rc; i++)
			rc = bind_field(q, first + i, (field){bc->text + bc->off[r][i], bc->len[r][i]});
		if (!rc && !many)
			rc = bind_int(q, bc->ncols + 1, bc->batch);
		if (rc) {
			bc->failed = bind_fail(bc->st, bc->err) != 0;
		} else if (!many || r == BULK_ROWS - 1) {
			if (sqlite3_step(q) != SQLITE_DONE)
				bc->failed = db_fail(bc->st, bc->err, "toevoegen mislukt") != 0;
			sqlite3_reset(q);
		}
	}
	bc->n = 0;
	bc->text_len = 0;
}

static void bulk_insert(void *ctx, const field *f)
{
	bulk_ctx *bc = ctx;
	if (bc->failed)
		return;
	size_t need = 0;
	for (int i = 0; i < bc->ncols; i++)
		need += f[i].len;
	if (bc->text_len + need > bc->text_cap) {
		/* Only between statements: the bound text must not move. */
		bc->text_cap = (bc->text_len + need) * 2 + 4096;
		bc->text = xrealloc(bc->text, bc->text_cap);
	}
	for (int i = 0; i < bc->ncols; i++) {
		bc->off[bc->n][i] = bc->text_len;
		bc->len[bc->n][i] = f[i].len;
		if (f[i].len)
			memcpy(bc->text + bc->text_len, f[i].p, f[i].len);
		bc->text_len += f[i].len;
	}
	if (++bc->n == BULK_ROWS)
		bulk_flush(bc);
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
		/* Nothing to compare with: insert straight from the dataset. Its rows
		 * come in pupil order, which is the order of the tables' indexes on
		 * leerling_id (byte order both), so the indexes grow at their right
		 * edge as the rows go in: measured on a tenth of the country, that is
		 * 17% less CPU than dropping them and building them afterwards. */
		size_t rows = count_rows(ds, t);
		bulk_ctx *bc = xcalloc(1, sizeof *bc);
		*bc = (bulk_ctx){.st = st, .ins = ins, .ncols = td->ncols, .batch = batch, .total = rows, .opt = opt,
				 .table = td->file, .err = err};
		rc = prepare_many(st, t, &bc->many, err);
		if (!rc && bind_int(bc->many, 1, batch))
			rc = bind_fail(st, err);
		if (!rc) {
			stats->added[t] = encode_table(ds, t, bulk_insert, bc);
			bulk_flush(bc);
		}
		if (!rc && bc->failed)
			rc = -1; /* err says why */
		sqlite3_finalize(bc->many);
		free(bc->text);
		free(bc);
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
			if (bind_int(end, 1, batch) || bind_int(end, 2, old.rows[i].rowid))
				rc = bind_fail(st, err);
			else if (sqlite3_step(end) != SQLITE_DONE)
				rc = db_fail(st, err, "beëindigen mislukt");
			sqlite3_reset(end);
			stats->ended[t]++;
			i++;
		} else {
			rc = insert_key(st, ins, new.rows[j].key, td->ncols, batch, err);
			sqlite3_reset(ins);
			stats->added[t]++;
			j++;
		}
	}
done:
	/* The statements first: they hold the keys' text (SQLITE_STATIC). */
	sqlite3_finalize(ins);
	sqlite3_finalize(end);
	keylist_free(&old);
	keylist_free(&new);
	return rc;
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
		int step = sqlite3_step(q);
		bool empty = step == SQLITE_ROW && sqlite3_column_int64(q, 0) == 0;
		sqlite3_finalize(q);
		if (step != SQLITE_ROW)
			return db_fail(st, err, "lezen van de registratie mislukt");
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
			exec(st, "PRAGMA journal_mode = WAL", err); /* err gains why, if it fails too */
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
		if (bind_text(q, 1, stats->recorded_at) || bind_text(q, 2, opt->actor) ||
		    bind_text(q, 3, opt->source ? opt->source : ""))
			rc = bind_fail(st, err);
		else if (sqlite3_step(q) != SQLITE_DONE)
			rc = db_fail(st, err, "vastleggen van de import mislukt");
		else
			stats->batch = sqlite3_last_insert_rowid(st->db);
	}
	sqlite3_finalize(q);
	for (int t = 0; t < T_COUNT && !rc; t++)
		rc = import_table(st, ds, (table_id)t, stats->batch, opt, stats, err);
	if (rc)
		rollback(st);
	else
		rc = commit(st, err);
	/* The page cache back to its size (store_open): only memory, so a failure
	 * is said but does not undo a committed import. */
	strbuf why = STRBUF_INIT;
	if (exec(st, "PRAGMA cache_size = -65536", &why) && st->db)
		fprintf(stderr, "inbeeld: %s\n", sb_str(&why));
	sb_free(&why);
	if (direct && exec(st, "PRAGMA journal_mode = WAL", err))
		rc = -1;
	return rc ? -1 : 0;
}

