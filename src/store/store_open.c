/*
 * store_open.c - opening the registry (an SQLite file, or a PostgreSQL
 * database named by a postgresql:// URI) through db.h, migrating its
 * schema, the statement helpers the store's files share (errors, binding,
 * ending a failed transaction), and what only SQLite says (the PRAGMAs
 * around an import, the write-ahead log's checkpoints), each behind
 * db_kind_of(). Reading is in store_read.c, importing in store_import.c.
 */
#include "store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/alloc.h"
#include "migrations.h"
#include "migrations_pg.h"
#include "store_internal.h"

static const char CLOSED[] = "registratie: de verbinding is gesloten na een mislukte ROLLBACK; open de registratie "
			     "opnieuw";

int db_fail(store *st, strbuf *err, const char *what)
{
	sb_printf(err, "registratie: %s: %s", what, st->closed ? CLOSED : db_errmsg(st->db));
	return -1;
}

/* Whether st was closed after a failed ROLLBACK (err then says so). */
static bool refused(store *st, strbuf *err)
{
	if (st->closed)
		sb_puts(err, CLOSED);
	return st->closed;
}

/* 0, or -1 with the database's message in err. */
static int said(store *st, int rc, strbuf *err)
{
	if (rc == DB_OK)
		return 0;
	sb_printf(err, "registratie: %s", db_errmsg(st->db));
	return -1;
}

int exec(store *st, const char *sql, strbuf *err)
{
	return refused(st, err) ? -1 : said(st, db_exec(st->db, sql), err);
}

/* The writers of one process wait their turn at the pool's gate, in the
 * order the lock hands it on, instead of each polling SQLite's file lock
 * (its busy handler sleeps up to 100 ms a try: a write behind two others
 * waited for sleeps, not for them). As long as the file lock waits. */
enum { GATE_WAIT_SECONDS = 10 };

static int gate_enter(store *st, strbuf *err)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += GATE_WAIT_SECONDS;
	int rc = pthread_mutex_timedlock(st->write_gate, &until);
	if (rc == 0) {
		st->gate_held = true;
		return 0;
	}
	sb_printf(err, "registratie %s: %s", st->path,
		  rc == ETIMEDOUT ? "bezet: een andere wijziging duurt te lang" : "wachten op de beurt mislukt");
	return -1;
}

static void gate_leave(store *st)
{
	if (st->gate_held) {
		st->gate_held = false;
		pthread_mutex_unlock(st->write_gate);
	}
}

void store_share_write_gate(store *st, pthread_mutex_t *gate)
{
	st->write_gate = store_is_file(st) ? gate : NULL;
}

int begin(store *st, bool write, strbuf *err)
{
	if (refused(st, err))
		return -1;
	if (write && st->write_gate && gate_enter(st, err))
		return -1;
	int rc = said(st, db_begin(st->db, write), err);
	if (rc)
		gate_leave(st);
	return rc;
}

int commit_tx(store *st, strbuf *err)
{
	if (refused(st, err))
		return -1;
	int rc = said(st, db_commit(st->db), err);
	/* A COMMIT that failed may leave the transaction open: then the
	 * caller's rollback() leaves the gate. */
	if (!rc || !db_in_transaction(st->db))
		gate_leave(st);
	return rc;
}

int prepare(store *st, const char *sql, db_stmt **stmt, strbuf *err)
{
	*stmt = NULL;
	if (refused(st, err))
		return -1;
	if (db_prepare(st->db, sql, stmt) != DB_OK)
		return db_fail(st, err, "voorbereiden van een opdracht mislukt");
	return 0;
}

int bind_text(db_stmt *q, int i, const char *v)
{
	return db_bind_text(q, i, v, (size_t)-1); /* NULL binds NULL */
}

int bind_field(db_stmt *q, int i, field f)
{
	return f.len ? db_bind_text(q, i, f.p, f.len) : db_bind_null(q, i);
}

int bind_int(db_stmt *q, int i, int64_t v)
{
	return db_bind_int(q, i, v);
}

int bind_id(db_stmt *q, int i, int64_t id)
{
	return id ? db_bind_int(q, i, id) : db_bind_null(q, i);
}

int bind_fail(store *st, strbuf *err)
{
	return db_fail(st, err, "waarde doorgeven mislukt");
}

int step_returning(db_stmt *q, int64_t *id)
{
	*id = 0;
	int rc = db_step(q);
	if (rc != DB_ROW)
		return rc;
	*id = col_int(q, 0);
	rc = db_step(q);
	if (rc != DB_DONE)
		*id = 0;
	return rc;
}

int setting_days(store *st, const char *naam, long *days, strbuf *err)
{
	*days = 0;
	db_stmt *q;
	if (prepare(st, "SELECT waarde FROM instelling WHERE naam = ?1", &q, err))
		return -1;
	int step = bind_text(q, 1, naam) ? UNBOUND : db_step(q), rc = 0;
	if (step == DB_ROW) {
		const char *v = col_text(q, 0);
		char *end = NULL;
		*days = v ? strtol(v, &end, 10) : -1;
		if (!v || end == v || *end || *days < 0) {
			sb_printf(err, "registratie: de bewaartermijn (%s) is geen aantal dagen", naam);
			rc = -1;
		}
	} else {
		rc = step == UNBOUND ? bind_fail(st, err) : db_fail(st, err, "bewaartermijn lezen mislukt");
	}
	db_finalize(q);
	return rc;
}

void rollback(store *st)
{
	st->audit_next = NULL; /* the change is gone, and so is its entry */
	if (st->closed) {
		gate_leave(st);
		return;
	}
	int rc = db_rollback(st->db);
	gate_leave(st); /* no transaction is left: rolled back, or the connection closed below */
	if (rc != DB_CLOSED)
		return; /* rolled back now, or by the database already: no transaction is left */
	fprintf(stderr, "inbeeld: registratie %s: terugdraaien mislukt (%s); de verbinding wordt gesloten\n", st->path,
		db_errmsg(st->db));
	st->closed = true;
}

/* The schema of d's kind: the same versions, one entry each (migrations_pg.h). */
static const char *const *migrations_of(db *d)
{
	return db_kind_of(d) == DB_SQLITE ? MIGRATIONS : MIGRATIONS_PG;
}

/* The application's privileges given again, in a write transaction of their own. */
static int grant(store *st, bool *granted, strbuf *err)
{
	*granted = false;
	if (db_kind_of(st->db) != DB_POSTGRES)
		return 0;
	if (begin(st, true, err))
		return -1;
	if (roles_grant(st->db, granted, err) || commit_tx(st, err)) {
		*granted = false;
		rollback(st);
		return -1;
	}
	return 0;
}

static int migrate(store *st, strbuf *err)
{
	int version = 0;
	if (st->closed || db_schema_version(st->db, &version) != DB_OK)
		return db_fail(st, err, "schemaversie lezen mislukt");
	if (version > MIGRATION_COUNT) {
		sb_printf(err, "registratie: de database heeft schemaversie %d; deze inbeeld kent er %d. "
			       "Gebruik een nieuwere inbeeld.",
			  version, MIGRATION_COUNT);
		return -1;
	}
	const char *const *migrations = migrations_of(st->db);
	bool sqlite = db_kind_of(st->db) == DB_SQLITE;
	/* PostgreSQL: only the schema's owner migrates (store_roles.c). */
	if (version < MIGRATION_COUNT && roles_may_migrate(st->db, version, MIGRATION_COUNT, err))
		return -1;
	/* SQLite: a migration may rebuild a table that others refer to (SQLite's
	 * way of changing a constraint): foreign keys are off while migrating,
	 * and each migration commits only when every reference still resolves. */
	if (sqlite && version < MIGRATION_COUNT && exec(st, "PRAGMA foreign_keys = OFF", err))
		return -1;
	int rc = 0;
	for (int v = version; v < MIGRATION_COUNT && !rc; v++) {
		/* Another process may have migrated since the version was read:
		 * inside the write transaction, the version it left decides. */
		int now = v;
		rc = begin(st, true, err) ? -1 : 0;
		if (!rc && db_schema_version(st->db, &now) != DB_OK)
			rc = db_fail(st, err, "schemaversie lezen mislukt");
		if (!rc && now > v) {
			if (db_commit(st->db) != DB_OK)
				rc = db_fail(st, err, "schemaversie lezen mislukt");
			v = now - 1;
			continue;
		}
		rc = rc || exec(st, migrations[v], err) ? -1 : 0;
		if (!rc && db_set_schema_version(st->db, v + 1) != DB_OK)
			rc = db_fail(st, err, "schemaversie vastleggen mislukt");
		db_stmt *q;
		if (!rc && sqlite && prepare(st, "PRAGMA foreign_key_check", &q, err) == 0) {
			int step = db_step(q);
			db_finalize(q);
			if (step == DB_ROW) {
				sb_printf(err, "registratie: schemaversie %d laat verwijzingen zonder doel achter", v + 1);
				rc = -1;
			} else if (step != DB_DONE) {
				rc = db_fail(st, err, "verwijzingen controleren mislukt");
			}
		} else if (!rc && sqlite) {
			rc = -1;
		}
		if (!rc && db_commit(st->db) != DB_OK) /* a migration is no change with an audit entry */
			rc = db_fail(st, err, "schemaversie vastleggen mislukt");
		if (rc)
			rollback(st);
	}
	if (sqlite && version < MIGRATION_COUNT && exec(st, "PRAGMA foreign_keys = ON", err))
		rc = -1;
	/* The schema changed: the application's privileges follow it. */
	bool granted;
	if (!rc && version < MIGRATION_COUNT && grant(st, &granted, err))
		rc = -1;
	return rc;
}

int store_schema_update(store *st, int *version, bool *granted, strbuf *err)
{
	*granted = false;
	*version = 0;
	if (st->closed || db_schema_version(st->db, version) != DB_OK)
		return db_fail(st, err, "schemaversie lezen mislukt");
	/* store_open migrated unless the role may not: then this says so */
	if (roles_may_migrate(st->db, *version, MIGRATION_COUNT, err) || grant(st, granted, err))
		return -1;
	return 0;
}

int store_open(const char *path, store **out, strbuf *err)
{
	store *st = xcalloc(1, sizeof *st);
	if (db_open(path, 0, &st->db, err) != DB_OK) {
		store_close(st);
		return -1;
	}
	st->path = xstrdup(path);
	if (migrate(st, err)) {
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
	db_close(st->db);
	dataset_free(st->ref); /* the kept reference data (store_reference.c) */
	free(st->path);
	free(st);
}

const char *store_file(const store *st)
{
	return st->path;
}

bool store_is_file(const store *st)
{
	return db_kind_of(st->db) == DB_SQLITE;
}

bool store_names_file(const char *target)
{
	return !db_is_postgres(target);
}

int store_version_key(store *st, int64_t *batch, strbuf *key, strbuf *err)
{
	db_stmt *q;
	*batch = 0;
	int schema = 0;
	if (st->closed || db_schema_version(st->db, &schema) != DB_OK)
		return db_fail(st, err, "lezen van de stand van de registratie mislukt");
	if (prepare(st,
		    "SELECT b.id, b.recorded_at, b.actor, b.kind, b.source FROM (SELECT 1 AS one) x"
		    " LEFT JOIN batch b ON b.id = (SELECT max(id) FROM batch)",
		    &q, err))
		return -1;
	int rc = db_step(q);
	if (rc == DB_ROW) {
		*batch = col_int(q, 0);
		sb_printf(key, "schema %d, batch %lld", schema, (long long)*batch);
		for (int i = 1; i < 5; i++) {
			const char *v = col_text(q, i);
			sb_printf(key, ", %s", v ? v : "-");
		}
	}
	db_finalize(q);
	return rc == DB_ROW ? 0 : db_fail(st, err, "lezen van de stand van de registratie mislukt");
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

/* Whether a fact table's column is an INTEGER in the schema (migrations.h):
 * its value comes as text, which SQLite's column affinity turns into a
 * number and PostgreSQL refuses for a bigint without the cast. (A bulk
 * load's COPY reads it as the column's type.) */
static bool integer_column(const char *col)
{
	return strcmp(col, "in_onderzoek") == 0;
}

int prepare_insert(store *st, table_id t, db_stmt **q, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "INSERT INTO %s (", td->name);
	cols_list(td, &sql);
	sb_puts(&sql, ", v_from) VALUES (");
	for (int i = 0; i <= td->ncols; i++)
		sb_printf(&sql, i < td->ncols && integer_column(td->cols[i]) ? "%sCAST(?%d AS INTEGER)" : "%s?%d",
			  i ? ", " : "", i + 1);
	sb_puts(&sql, ") RETURNING rowid");
	int rc = prepare(st, sb_str(&sql), q, err);
	sb_free(&sql);
	return rc;
}

int prepare_current(store *st, table_id t, const char *pupil_id, db_stmt **q, strbuf *err)
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
		db_finalize(*q);
		*q = NULL;
	}
	return rc;
}

int last_recorded(store *st, char out[20], strbuf *err)
{
	db_stmt *q;
	out[0] = '\0';
	if (prepare(st, "SELECT max(recorded_at) FROM batch", &q, err))
		return -1;
	int rc = db_step(q);
	if (rc == DB_ROW && !db_col_null(q, 0))
		snprintf(out, 20, "%s", col_text(q, 0));
	db_finalize(q);
	return rc == DB_ROW ? 0 : db_fail(st, err, "lezen van de laatste registratie mislukt");
}


/* ---- what only SQLite says ------------------------------------------------- */

int sqlite_import_begin(store *st, bool empty_alone, bool *direct, strbuf *err)
{
	*direct = false;
	if (db_kind_of(st->db) != DB_SQLITE)
		return 0;
	/* A first import with the registry to itself skips the write-ahead log:
	 * every page would otherwise be written twice and looked up in the log
	 * index while the one transaction grows. A rollback journal keeps it
	 * atomic; the log comes back when it is done. Another process reading
	 * (a server) keeps the log: then this is refused, and the import simply
	 * goes through the log. */
	db_stmt *q;
	if (empty_alone && prepare(st, "PRAGMA journal_mode = DELETE", &q, err) == 0) {
		*direct = db_step(q) == DB_ROW && strcmp(col_text(q, 0), "delete") == 0;
		db_finalize(q);
	}
	/* A large import wants a large page cache (256 MiB); restored after. */
	if (exec(st, "PRAGMA cache_size = -262144", err)) {
		if (*direct)
			exec(st, "PRAGMA journal_mode = WAL", err); /* err gains why, if it fails too */
		*direct = false;
		return -1;
	}
	return 0;
}

int sqlite_import_end(store *st, bool direct, strbuf *err)
{
	if (db_kind_of(st->db) != DB_SQLITE)
		return 0;
	/* The page cache back to its size (db_open): only memory, so a failure
	 * is said but does not undo a committed import. */
	strbuf why = STRBUF_INIT;
	if (exec(st, "PRAGMA cache_size = -65536", &why) && !st->closed)
		fprintf(stderr, "inbeeld: %s\n", sb_str(&why));
	sb_free(&why);
	return direct && exec(st, "PRAGMA journal_mode = WAL", err) ? -1 : 0;
}

void store_autocheckpoint(store *st, bool on)
{
	/* SQLite's default: a checkpoint by the connection whose commit takes
	 * the log past 1000 pages. PostgreSQL has no log of its own to copy. A
	 * failure leaves the setting as it was, which only costs time. */
	if (db_kind_of(st->db) == DB_SQLITE && !st->closed)
		(void)db_exec(st->db, on ? "PRAGMA wal_autocheckpoint = 1000" : "PRAGMA wal_autocheckpoint = 0");
}

int store_checkpoint(store *st, int *log_pages, int *copied, strbuf *err)
{
	/* PASSIVE: copies what no reader still needs, without waiting for
	 * readers or taking the write lock from writers. */
	int rc = st->closed ? DB_CLOSED : db_checkpoint(st->db, log_pages, copied);
	if (rc == DB_OK || rc == DB_BUSY) /* BUSY: another checkpoint runs */
		return 0;
	return db_fail(st, err, "checkpoint van het logboek mislukt");
}
