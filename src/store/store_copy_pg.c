/*
 * store_copy_pg.c - what a copy into PostgreSQL does besides the rows
 * (store_copy.c): the identities set past the copied ids, the foreign keys
 * checked once per key instead of once per row, and a large table's own
 * indexes built after its rows instead of row by row. Each is what the
 * target's catalog says, so it follows the schema without a list of its own.
 */
#include <stdlib.h>
#include <string.h>

#include "store_copy.h"
#include "store_internal.h"

/* PostgreSQL: the identity of t's id (or rowid) past the highest copied, so
 * the next insert that leaves it to the database does not collide. */
int copy_pg_identity_past(store *dst, const copy_table_def *t, strbuf *err)
{
	if (db_kind_of(dst->db) != DB_POSTGRES || t->key == COPY_NONE)
		return 0;
	const char *col = t->key == COPY_ID ? "id" : "rowid";
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "SELECT setval(pg_get_serial_sequence('%s', '%s'), max(%s)) FROM %s HAVING max(%s) IS NOT NULL",
		  t->name, col, col, t->name, col);
	db_stmt *q;
	if (copy_prepare(dst, &sql, &q, err))
		return -1;
	int step = db_step(q);
	while (step == DB_ROW)
		step = db_step(q);
	db_finalize(q);
	if (step != DB_DONE) {
		sb_printf(err, "het doel: de volgende id van %s instellen mislukt: %s", t->name, db_errmsg(dst->db));
		return -1;
	}
	return 0;
}

/* PostgreSQL checks a foreign key row by row (a query per row and key, at
 * the end of each COPY: most of a copy's time). A role that may (a
 * superuser) turns the triggers off for the copy's session instead, and the
 * keys are checked afterwards, each in one query over the whole table,
 * before the commit: a copy with a row that refers to nothing is refused
 * either way. Returns whether the triggers are off. */
bool copy_pg_keys_later(store *dst)
{
	return db_kind_of(dst->db) == DB_POSTGRES && !dst->closed &&
	       db_exec(dst->db, "SET session_replication_role = replica") == DB_OK;
}

/* Every foreign key of the target's schema (single columns: the schema has
 * no other), checked over the rows copied. */
static const char FOREIGN_KEYS[] =
	"SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, f.attname,"
	" array_length(c.conkey, 1) FROM pg_constraint c"
	" JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
	" JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]"
	" WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace ORDER BY 1, 2";

int copy_pg_check_keys(store *dst, strbuf *err)
{
	db_stmt *q;
	if (prepare(dst, FOREIGN_KEYS, &q, err))
		return -1;
	strbuf checks = STRBUF_INIT; /* table, column, parent, column: NUL-separated */
	int step, rc = 0, nkeys = 0;
	while ((step = db_step(q)) == DB_ROW && !rc) {
		if (col_int(q, 4) != 1) {
			sb_printf(err, "het doel: de verwijzing van %s naar %s heeft meer kolommen; migreer controleert er een",
				  col_text(q, 0), col_text(q, 2));
			rc = -1;
		}
		for (int i = 0; i < 4; i++)
			sb_append(&checks, col_text(q, i), db_col_bytes(q, i) + 1);
		nkeys++;
	}
	db_finalize(q);
	if (!rc && step != DB_DONE)
		rc = db_fail(dst, err, "het doel: de verwijzingen lezen mislukt");
	const char *p = checks.data;
	for (int k = 0; !rc && k < nkeys; k++) {
		const char *v[4];
		for (int i = 0; i < 4; i++) {
			v[i] = p;
			p += strlen(p) + 1;
		}
		strbuf sql = STRBUF_INIT;
		sb_printf(&sql,
			  "SELECT count(*) FROM %s x WHERE x.%s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s y"
			  " WHERE y.%s = x.%s)",
			  v[0], v[1], v[2], v[3], v[1]);
		if (copy_prepare(dst, &sql, &q, err))
			rc = -1;
		else if ((step = db_step(q)) != DB_ROW)
			rc = db_fail(dst, err, "het doel: verwijzingen controleren mislukt");
		else if (col_int(q, 0)) {
			int64_t bad = col_int(q, 0);
			sb_printf(err, "%lld %s van %s %s met %s naar een rij van %s die er niet is", (long long)bad,
				  bad == 1 ? "rij" : "rijen", v[0], bad == 1 ? "verwijst" : "verwijzen", v[1], v[2]);
			rc = -1;
		}
		db_finalize(q);
	}
	sb_free(&checks);
	return rc;
}


/* A table's indexes that no constraint (primary key, UNIQUE) owns: those
 * go while its rows come, so a large table's are built once, sorted, instead
 * of row by row (a UNIQUE INDEX made again checks its rows as it is built).
 * The constraints' own indexes stay and check every row as it comes. */
static const char OWN_INDEXES[] =
	"SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = ?1"
	" AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.indexname)))"
	" ORDER BY 1";

int copy_pg_indexes_drop(store *dst, const char *table, strbuf *defs, int *n, strbuf *err)
{
	*n = 0;
	if (db_kind_of(dst->db) != DB_POSTGRES)
		return 0;
	db_stmt *q;
	if (prepare(dst, OWN_INDEXES, &q, err))
		return -1;
	strbuf names = STRBUF_INIT;
	int step = bind_text(q, 1, table) ? UNBOUND : db_step(q);
	for (; step == DB_ROW; step = db_step(q)) {
		sb_append(&names, col_text(q, 0), db_col_bytes(q, 0) + 1);
		sb_append(defs, col_text(q, 1), db_col_bytes(q, 1) + 1);
		++*n;
	}
	db_finalize(q);
	int rc = step == DB_DONE ? 0 : step == UNBOUND ? bind_fail(dst, err) : db_fail(dst, err, "het doel: indexen lezen mislukt");
	const char *p = names.data;
	for (int i = 0; !rc && i < *n; i++, p += strlen(p) + 1) {
		strbuf sql = STRBUF_INIT;
		sb_printf(&sql, "DROP INDEX %s", p);
		rc = exec(dst, sb_str(&sql), err);
		sb_free(&sql);
	}
	sb_free(&names);
	return rc;
}

int copy_pg_indexes_make(store *dst, const strbuf *defs, int n, strbuf *err)
{
	const char *p = defs->data;
	for (int i = 0; i < n; i++, p += strlen(p) + 1)
		if (exec(dst, p, err))
			return -1;
	return 0;
}
