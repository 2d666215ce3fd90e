/*
 * store_import.c - making the registry equal to a dataset in one batch
 * (store_import of store.h): facts that are new are added, facts that are
 * gone are ended and kept as history, identical facts stay. Rows are compared
 * by their canonical text (core/encode.c).
 */
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	db_stmt *q;
	if (prepare_current(st, t, NULL, &q, err))
		return -1;
	int rc;
	field f[TABLE_MAX_COLS];
	kl->ncols = td->ncols;
	while ((rc = db_step(q)) == DB_ROW) {
		col_fields(q, 1, td->ncols, f);
		collect_key(kl, f);
		kl->rows[kl->n - 1].rowid = col_int(q, 0);
	}
	db_finalize(q);
	if (rc != DB_DONE)
		return db_fail(st, err, "lezen mislukt");
	return 0;
}

/* Insert the row of a key (which stays valid until the statement is reset). */
static int insert_key(store *st, db_stmt *ins, const char *key, int ncols, int64_t batch, strbuf *err)
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
	int64_t id;
	return step_returning(ins, &id) == DB_DONE ? 0 : db_fail(st, err, "toevoegen mislukt");
}

static size_t count_rows(const dataset *ds, table_id t)
{
	switch (t) {
	case T_GEMEENTEN: return ds->n_gemeenten;
	case T_SWV: return ds->n_swvs;
	case T_SWV_GEMEENTEN: return ds->n_swv_gemeenten;
	case T_SCHOLEN: return ds->n_schools;
	case T_VAKANTIEREGIOS: return ds->n_regios;
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

/* The bulk load of a table the registry has no rows of yet (db_bulk_*: on
 * SQLite multi-row INSERTs, on PostgreSQL COPY): each row's fields with the
 * batch as its v_from. */
typedef struct bulk_ctx {
	db_bulk *bulk;
	int ncols;
	field batch; /* v_from, as text */
	int failed;  /* the load's result, once it failed */
	size_t done, total;
	const import_options *opt;
	const char *table;
} bulk_ctx;

static void bulk_insert(void *ctx, const field *f)
{
	bulk_ctx *bc = ctx;
	if (bc->failed)
		return;
	field row[TABLE_MAX_COLS + 1];
	memcpy(row, f, (size_t)bc->ncols * sizeof *row);
	row[bc->ncols] = bc->batch;
	bc->failed = db_bulk_row(bc->bulk, row);
	if (bc->opt->report && ++bc->done % 500000 == 0)
		bc->opt->report(bc->opt->ctx, bc->table, bc->done, bc->total);
}

/* Insert straight from the dataset into table t, which has no rows. */
static int bulk_load(store *st, const dataset *ds, table_id t, int64_t batch, const import_options *opt,
		     import_stats *stats, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	const char *cols[TABLE_MAX_COLS + 1];
	memcpy(cols, td->cols, (size_t)td->ncols * sizeof *cols);
	cols[td->ncols] = "v_from";
	char batch_text[24];
	int n = snprintf(batch_text, sizeof batch_text, "%lld", (long long)batch);
	bulk_ctx bc = {.ncols = td->ncols, .batch = {batch_text, (size_t)n}, .total = count_rows(ds, t), .opt = opt,
		       .table = td->file};
	if (st->closed || db_bulk_begin(st->db, td->name, cols, td->ncols + 1, &bc.bulk) != DB_OK)
		return db_fail(st, err, "toevoegen mislukt");
	stats->added[t] = encode_table(ds, t, bulk_insert, &bc);
	return db_bulk_end(bc.bulk) == DB_OK ? 0 : db_fail(st, err, "toevoegen mislukt");
}

static int import_table(store *st, const dataset *ds, table_id t, int64_t batch, const import_options *opt,
			import_stats *stats, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	db_stmt *ins = NULL, *end = NULL;
	int rc = prepare_insert(st, t, &ins, err);
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "UPDATE %s SET v_until = ?1 WHERE rowid = ?2", td->name);
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
		rc = bulk_load(st, ds, t, batch, opt, stats, err);
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
			else if (db_step(end) != DB_DONE)
				rc = db_fail(st, err, "beëindigen mislukt");
			db_reset(end);
			stats->ended[t]++;
			i++;
		} else {
			rc = insert_key(st, ins, new.rows[j].key, td->ncols, batch, err);
			db_reset(ins);
			stats->added[t]++;
			j++;
		}
	}
done:
	/* The statements first: they hold the keys' text (bound without a copy). */
	db_finalize(ins);
	db_finalize(end);
	keylist_free(&old);
	keylist_free(&new);
	return rc;
}

/* ---- the first import on two cores ---------------------------------------
 *
 * A first import into an empty SQLite registry it has to itself (direct:
 * sqlite_import_begin switched off the log) fills the tables from two
 * threads, split between them by their estimated cost (first_plan): this
 * one into the registry, a second into a scratch database next to it with
 * the same tables and indexes (no journal, no syncs: it is thrown away).
 * Once the scratch is filled the registry's connection copies its tables in with
 * "INSERT INTO t SELECT * FROM scratch.t", which SQLite does record by
 * record without decoding them (its transfer optimisation: identical
 * tables and indexes, an empty target, no foreign keys checked), a quarter
 * of the cost of inserting them. All of it is the registry's one
 * transaction: a reader sees the registry empty until the commit, and a
 * failure (in either thread) rolls it back to empty. A crash leaves the
 * empty registry, and the scratch file beside it (FILE.import-XXXXXX). The
 * foreign keys on v_from are off meanwhile: every row's v_from is the batch
 * this import inserted. Meanwhile the second thread does the import's
 * aside (import_options.aside: the snapshot file), given the version key
 * the registry has once the import commits. One core: the serial path. */

#define SCRATCH "import_scratch"

typedef struct first_load {
	bool on;	/* the scratch is attached: fill in two threads */
	bool fk_off;	/* foreign keys to be switched back on */
	char *path;	/* the scratch file */
	db *aux;	/* its connection, the second thread's */
} first_load;

/* ---- the split of the tables between the two threads ----------------- */

/* What a row costs, in nanoseconds of CPU: filled in (encoded, inserted,
 * its index entry) and copied from the scratch into the registry. Measured
 * with thread CPU clocks on the first import of the national dataset
 * (2026-12-03; the copy of leerlingen on the G4 region); the tables not
 * named are small. Only the ratios matter, and only roughly. */
static const struct row_cost {
	uint32_t fill, copy;
} ROW_COST[T_COUNT] = {
	[T_LEERLINGEN] = {2570, 830},	 [T_WOONADRESSEN] = {660, 365}, [T_INSCHRIJVINGEN] = {660, 365},
	[T_VERZUIM] = {820, 380},	 [T_VRIJSTELLINGEN] = {1100, 360}, [T_MELDINGEN] = {1030, 575},
	[T_AANBOD] = {1140, 340},
};

enum {
	ROW_FILL_OTHER = 1000,	/* ns a row of a table not in ROW_COST */
	ROW_COPY_OTHER = 400,
	TABLE_STATEMENT = 1000000 /* ns a table's statements take, rows aside */
};

static uint64_t fill_cost(const dataset *ds, table_id t)
{
	uint64_t per = ROW_COST[t].fill ? ROW_COST[t].fill : ROW_FILL_OTHER;
	return TABLE_STATEMENT + per * count_rows(ds, t);
}

static uint64_t copy_cost(const dataset *ds, table_id t)
{
	uint64_t per = ROW_COST[t].copy ? ROW_COST[t].copy : ROW_COPY_OTHER;
	return TABLE_STATEMENT + per * count_rows(ds, t);
}

/* The split that ends earliest by the estimate, in scratch (true: the
 * scratch's thread fills table t): the registry's thread fills its tables,
 * then copies the scratch's once those are filled; the scratch's thread
 * fills its tables, then does the aside (cost aside_ns). Every one of the
 * 2^13 splits is weighed (the first of equal ones wins: the same dataset,
 * the same split). Returns the estimated end, in ns. */
static uint64_t first_plan(const dataset *ds, uint64_t aside_ns, bool scratch[T_COUNT])
{
	uint64_t fill[T_COUNT], copy[T_COUNT], best = UINT64_MAX;
	unsigned best_split = 0;
	for (int t = 0; t < T_COUNT; t++) {
		fill[t] = fill_cost(ds, (table_id)t);
		copy[t] = copy_cost(ds, (table_id)t);
	}
	for (unsigned split = 0; split < 1u << T_COUNT; split++) {
		uint64_t own = 0, other = 0, copied = 0;
		for (int t = 0; t < T_COUNT; t++)
			if (split >> t & 1)
				other += fill[t], copied += copy[t];
			else
				own += fill[t];
		uint64_t registry = (own > other ? own : other) + copied, second = other + aside_ns;
		uint64_t end = registry > second ? registry : second;
		if (end < best)
			best = end, best_split = split;
	}
	for (int t = 0; t < T_COUNT; t++)
		scratch[t] = best_split >> t & 1;
	return best;
}

/* ---- the two threads ------------------------------------------------------ */

/* What the two threads share. */
typedef struct first_queue {
	pthread_mutex_t lock;
	pthread_cond_t filled_cv;
	bool filled; /* the scratch's thread is done with its connection */
	bool stop;   /* a thread failed: fill no more */
	const dataset *ds;
	int64_t batch;
	const import_options *opt;
	import_stats *stats;
	bool scratch[T_COUNT]; /* filled in the scratch (first_plan) */
	table_id order[T_COUNT]; /* PostgreSQL's staged path: largest first, */
	int next;		 /* taken in turn (stage_take) */
	const char *version_key; /* for the aside; NULL: none */
} first_queue;

static bool queue_stopped(first_queue *fq)
{
	pthread_mutex_lock(&fq->lock);
	bool stop = fq->stop;
	pthread_mutex_unlock(&fq->lock);
	return stop;
}

static void queue_stop(first_queue *fq)
{
	pthread_mutex_lock(&fq->lock);
	fq->stop = true;
	pthread_mutex_unlock(&fq->lock);
}

static void queue_filled(first_queue *fq)
{
	pthread_mutex_lock(&fq->lock);
	fq->filled = true;
	pthread_cond_broadcast(&fq->filled_cv);
	pthread_mutex_unlock(&fq->lock);
}

static void queue_wait_filled(first_queue *fq)
{
	pthread_mutex_lock(&fq->lock);
	while (!fq->filled)
		pthread_cond_wait(&fq->filled_cv, &fq->lock);
	pthread_mutex_unlock(&fq->lock);
}

/* Fill the tables of one side of the plan into st's database (the
 * registry, or the scratch when scratch); 0 or -1 with err set. Once the
 * other thread failed it stops (0: the failure is the other's). */
static int queue_fill(first_queue *fq, store *st, bool scratch, strbuf *err)
{
	for (int t = 0; t < T_COUNT && !queue_stopped(fq); t++) {
		if (fq->scratch[t] != scratch)
			continue;
		if (bulk_load(st, fq->ds, (table_id)t, fq->batch, fq->opt, fq->stats, err)) {
			queue_stop(fq);
			return -1;
		}
	}
	return 0;
}

typedef struct scratch_thread {
	first_queue *fq;
	store st; /* over the scratch's connection */
	strbuf err;
	int rc;
} scratch_thread;

static void *scratch_main(void *arg)
{
	scratch_thread *th = arg;
	th->rc = exec(&th->st, "BEGIN", &th->err);
	if (!th->rc)
		th->rc = queue_fill(th->fq, &th->st, true, &th->err);
	if (!th->rc)
		th->rc = exec(&th->st, "COMMIT", &th->err);
	if (th->rc)
		queue_stop(th->fq);
	queue_filled(th->fq); /* the scratch is the registry's thread's now */
	const import_aside *aside = th->fq->opt->aside;
	if (!th->rc && th->fq->version_key && !queue_stopped(th->fq))
		aside->run(aside->ctx, th->fq->version_key);
	return NULL;
}

static void first_finish(store *st, first_load *fl);

/* The scratch made, given the registry's tables and indexes, and attached
 * (before the transaction: SQLite attaches only outside one). Any failure
 * leaves fl->on false: the import then takes the serial path. */
static void first_prepare(store *st, first_load *fl)
{
	memset(fl, 0, sizeof *fl);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cpus < 2 || !st->path)
		return;
	strbuf why = STRBUF_INIT, path = STRBUF_INIT;
	int rc = exec(st, "PRAGMA foreign_keys = OFF", &why);
	fl->fk_off = rc == 0;
	sb_printf(&path, "%s.import-XXXXXX", st->path);
	char *tmpl = rc ? NULL : xstrdup(sb_str(&path));
	int fd = tmpl ? mkstemp(tmpl) : -1;
	if (fd >= 0) {
		close(fd);
		fl->path = tmpl;
	} else {
		free(tmpl);
	}
	rc = !fl->path || db_open(fl->path, 0, &fl->aux, &why) != DB_OK ? -1 : 0;
	if (!rc)
		rc = db_exec(fl->aux, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;"
				      "PRAGMA cache_size = -262144") == DB_OK ? 0 : -1;
	/* The data tables' own definitions, as the registry has them (the
	 * transfer wants them identical): SQL from the registry's schema, not
	 * from outside. */
	db_stmt *q = NULL;
	if (!rc)
		rc = prepare(st,
			     "SELECT sql FROM sqlite_master WHERE tbl_name = ?1 AND type IN ('table', 'index') AND sql IS "
			     "NOT NULL ORDER BY type DESC",
			     &q, &why);
	for (int t = 0; t < T_COUNT && !rc; t++) {
		if (bind_text(q, 1, TABLES[t].name))
			rc = -1;
		int step;
		while (!rc && (step = db_step(q)) == DB_ROW)
			rc = db_exec(fl->aux, col_text(q, 0)) == DB_OK ? 0 : -1;
		if (!rc && step != DB_DONE)
			rc = -1;
		db_reset(q);
	}
	db_finalize(q);
	q = NULL;
	if (!rc)
		rc = prepare(st, "ATTACH ?1 AS " SCRATCH, &q, &why);
	if (!rc)
		rc = bind_text(q, 1, fl->path) || db_step(q) != DB_DONE ? -1 : 0;
	db_finalize(q);
	fl->on = rc == 0;
	if (rc)
		first_finish(st, fl); /* the serial path instead: why is not the import's failure */
	sb_free(&why);
	sb_free(&path);
}

/* Inside the transaction: every table filled, by two threads, and the
 * aside done when version_key is non-NULL. */
static int first_run(store *st, first_load *fl, const dataset *ds, int64_t batch, const char *version_key,
		     const import_options *opt, import_stats *stats, strbuf *err)
{
	first_queue fq = {.ds = ds, .batch = batch, .opt = opt, .stats = stats, .version_key = version_key};
	pthread_mutex_init(&fq.lock, NULL);
	pthread_cond_init(&fq.filled_cv, NULL);
	first_plan(ds, version_key ? opt->aside->cost : 0, fq.scratch);
	scratch_thread th = {.fq = &fq, .st = {.db = fl->aux}, .err = STRBUF_INIT};
	pthread_t tid;
	bool started = pthread_create(&tid, NULL, scratch_main, &th) == 0;
	int rc = -1;
	if (started) {
		rc = queue_fill(&fq, st, false, err);
		queue_wait_filled(&fq);
	} else {
		sb_puts(err, "tweede draad starten mislukt");
	}
	db_close(fl->aux); /* committed (or not): the registry's connection reads it next */
	fl->aux = NULL;
	malloc_trim(0); /* its page cache, back to the system while the aside and the copy run */
	if (!rc && th.rc) {
		sb_printf(err, "%s (in het hulpbestand %s)", sb_str(&th.err), fl->path);
		rc = -1;
	}
	for (int t = 0; t < T_COUNT && !rc; t++) {
		if (!fq.scratch[t])
			continue;
		strbuf sql = STRBUF_INIT;
		sb_printf(&sql, "INSERT INTO main.%s SELECT * FROM " SCRATCH ".%s", TABLES[t].name, TABLES[t].name);
		rc = exec(st, sb_str(&sql), err);
		sb_free(&sql);
	}
	if (started)
		pthread_join(tid, NULL); /* the aside done too */
	sb_free(&th.err);
	pthread_cond_destroy(&fq.filled_cv);
	pthread_mutex_destroy(&fq.lock);
	return rc;
}

/* The version key the registry has once the import commits, for the aside
 * (in *key; nothing when there is none to do). 0 or -1 with err set. */
static int aside_key(store *st, const first_load *fl, const import_options *opt, strbuf *key, strbuf *err)
{
	int64_t batch;
	return fl->on && opt->aside ? store_version_key(st, &batch, key, err) : 0;
}

/* After the transaction: the scratch detached and removed, the foreign
 * keys back on (a failure is said; it does not undo a committed import). */
static void first_finish(store *st, first_load *fl)
{
	if (fl->on && !st->closed)
		(void)db_exec(st->db, "DETACH " SCRATCH); /* the connection closes soon; nothing else reads it */
	fl->on = false;
	db_close(fl->aux);
	fl->aux = NULL;
	if (fl->path) {
		unlink(fl->path);
		free(fl->path);
		fl->path = NULL;
	}
	strbuf why = STRBUF_INIT;
	if (fl->fk_off && !st->closed && exec(st, "PRAGMA foreign_keys = ON", &why))
		fprintf(stderr, "inbeeld: %s\n", sb_str(&why));
	sb_free(&why);
	fl->fk_off = false;
}

/* ---- the first import on two connections (PostgreSQL) --------------------
 *
 * A first import into an empty PostgreSQL registry by the role that owns
 * its tables fills them from two threads, largest first (that one always
 * the second's), each taking the next when it is done: this one on the
 * import's own connection, the second into copies of the tables on a
 * second connection (db_stage_* of db.h, db_pg_stage.c), which the
 * import's transaction then adopts in place of the (empty) originals
 * before it commits: one transaction, as on one connection, and a failure
 * in either thread rolls it back to empty. Any other role (the
 * application's) fills them one by one, as before. */

static bool stage_take(first_queue *sq, table_id *t)
{
	pthread_mutex_lock(&sq->lock);
	bool got = !sq->stop && sq->next < T_COUNT;
	if (got)
		*t = sq->order[sq->next++];
	pthread_mutex_unlock(&sq->lock);
	return got;
}

/* The tables in sq's order, largest first (insertion sort of 13). */
static void stage_by_size(first_queue *sq)
{
	for (int t = 0; t < T_COUNT; t++)
		sq->order[t] = (table_id)t;
	for (int i = 1; i < T_COUNT; i++)
		for (int j = i; j > 0 && count_rows(sq->ds, sq->order[j]) > count_rows(sq->ds, sq->order[j - 1]); j--) {
			table_id x = sq->order[j];
			sq->order[j] = sq->order[j - 1];
			sq->order[j - 1] = x;
		}
}

/* Fill tables from the queue over st's own connection; 0 or -1 with err set. */
static int stage_fill(first_queue *sq, store *st, strbuf *err)
{
	table_id t;
	while (stage_take(sq, &t))
		if (bulk_load(st, sq->ds, t, sq->batch, sq->opt, sq->stats, err)) {
			queue_stop(sq);
			return -1;
		}
	return 0;
}

typedef struct stage_thread {
	first_queue *fq;
	db_stage *stage;
	table_id first; /* the largest table, this thread's from the start */
	strbuf err;
	int rc;
} stage_thread;

static void *stage_main(void *arg)
{
	stage_thread *th = arg;
	first_queue *fq = th->fq;
	table_id t = th->first;
	for (bool go = true; !th->rc && go; go = stage_take(fq, &t)) {
		store copy = {0}; /* over the second connection */
		if (db_stage_table(th->stage, TABLES[t].name, &copy.db) != DB_OK)
			th->rc = db_fail(&copy, &th->err, "een tabel klaarzetten mislukt");
		else if (bulk_load(&copy, fq->ds, t, fq->batch, fq->opt, fq->stats, &th->err))
			th->rc = -1;
		else if (db_stage_table_done(th->stage, TABLES[t].name) != DB_OK)
			th->rc = db_fail(&copy, &th->err, "indexen bouwen mislukt");
	}
	if (th->rc)
		queue_stop(fq);
	return NULL;
}

/* The second connection for the import's transaction on st, when st's
 * role may fill every table there (NULL: fill them one by one). */
static db_stage *stage_open(store *st)
{
	const char *names[T_COUNT];
	for (int t = 0; t < T_COUNT; t++)
		names[t] = TABLES[t].name;
	db_stage *stage = NULL;
	if (st->closed || db_kind_of(st->db) != DB_POSTGRES || db_stage_open(st->db, names, T_COUNT, &stage) != DB_OK)
		return NULL; /* the tables one by one; a failure of st's transaction shows at its next statement */
	return stage;
}

/* Inside the transaction: every table filled, by two threads over two connections. */
static int stage_run(store *st, db_stage *stage, const dataset *ds, int64_t batch, const import_options *opt,
		     import_stats *stats, strbuf *err)
{
	first_queue fq = {.next = 0, .ds = ds, .batch = batch, .opt = opt, .stats = stats};
	pthread_mutex_init(&fq.lock, NULL);
	stage_by_size(&fq);
	stage_thread th = {.fq = &fq, .stage = stage, .first = fq.order[fq.next++], .err = STRBUF_INIT};
	pthread_t tid;
	bool started = pthread_create(&tid, NULL, stage_main, &th) == 0;
	int rc = started ? stage_fill(&fq, st, err) : -1;
	if (!started)
		sb_puts(err, "tweede draad starten mislukt");
	if (started)
		pthread_join(tid, NULL);
	if (!rc && th.rc) {
		sb_printf(err, "%s (op de tweede verbinding)", sb_str(&th.err));
		rc = -1;
	}
	if (!rc && db_stage_adopt(stage) != DB_OK)
		rc = db_fail(st, err, "overnemen van de geladen tabellen mislukt");
	sb_free(&th.err);
	pthread_mutex_destroy(&fq.lock);
	return rc;
}

int store_import(store *st, const dataset *ds, const import_options *opt, import_stats *stats, strbuf *err)
{
	memset(stats, 0, sizeof *stats);
	if (opt->recorded_at)
		snprintf(stats->recorded_at, sizeof stats->recorded_at, "%s", opt->recorded_at);
	else
		store_now(stats->recorded_at);
	bool empty = false, direct = false;
	if (opt->alone) {
		db_stmt *q;
		if (prepare(st, "SELECT count(*) FROM batch", &q, err))
			return -1;
		int step = db_step(q);
		empty = step == DB_ROW && col_int(q, 0) == 0;
		db_finalize(q);
		if (step != DB_ROW)
			return db_fail(st, err, "lezen van de registratie mislukt");
	}
	if (sqlite_import_begin(st, empty, &direct, err))
		return -1;
	first_load fl = {0};
	if (direct)
		first_prepare(st, &fl);
	/* Two threads: BEGIN without IMMEDIATE, which would lock the attached
	 * scratch too; the batch's INSERT below takes the registry's lock. */
	if (fl.on ? exec(st, "BEGIN", err) : begin(st, true, err)) {
		first_finish(st, &fl);
		sqlite_import_end(st, direct, err); /* err gains why, if it fails too */
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
	db_stmt *q = NULL;
	if (!rc)
		rc = prepare(st,
			     "INSERT INTO batch (recorded_at, actor, kind, source) VALUES (?1, ?2, 'import', ?3) RETURNING id",
			     &q, err);
	if (!rc) {
		if (bind_text(q, 1, stats->recorded_at) || bind_text(q, 2, opt->actor) ||
		    bind_text(q, 3, opt->source ? opt->source : ""))
			rc = bind_fail(st, err);
		else if (step_returning(q, &stats->batch) != DB_DONE)
			rc = db_fail(st, err, "vastleggen van de import mislukt");
	}
	db_finalize(q);
	strbuf version = STRBUF_INIT;
	if (!rc)
		rc = aside_key(st, &fl, opt, &version, err);
	if (!rc && fl.on)
		rc = first_run(st, &fl, ds, stats->batch, version.len ? sb_str(&version) : NULL, opt, stats, err);
	sb_free(&version);
	db_stage *stage = !rc && empty && !fl.on ? stage_open(st) : NULL;
	if (stage)
		rc = stage_run(st, stage, ds, stats->batch, opt, stats, err);
	for (int t = 0; t < T_COUNT && !rc && !fl.on && !stage; t++)
		rc = import_table(st, ds, (table_id)t, stats->batch, opt, stats, err);
	if (rc)
		rollback(st);
	else
		rc = commit(st, err);
	db_stage_drop(stage); /* after the transaction: what is left of the copies */
	first_finish(st, &fl);
	if (sqlite_import_end(st, direct, err))
		rc = -1;
	return rc ? -1 : 0;
}

