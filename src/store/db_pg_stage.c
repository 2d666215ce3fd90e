/*
 * db_pg_stage.c - staged first loads (db_stage_* of db.h; issue 16): while
 * a write transaction fills some tables from empty on its own connection, a
 * second connection fills the others at the same time, each into a copy of
 * its table in a scratch schema of its own ("inbeeld_import_<pid>"), made
 * in the second connection's transaction (so COPY may write its rows
 * frozen, db_pg_bulk.c) and given its keys and indexes there, each built in
 * one sort. Then that transaction commits, and the first one adopts the
 * copies: each original (empty) is dropped, its copy moved into its schema
 * under its name, and what the copy does not have yet is made again from
 * the original's own definitions - its foreign keys (checked by one join:
 * the rows' batch is the first transaction's), triggers, owner and
 * privileges (the table's, its columns', its identity's sequence's). All of
 * that in the first transaction: its commit shows the registry filled, its
 * rollback leaves the originals and the copies in the scratch schema, which
 * db_stage_drop then removes (as it removes one a crash left: the import
 * holds the registry's write lock, so no other import uses one).
 *
 * Only for tables the connected role owns (with their schema's CREATE and
 * the database's, for the scratch schema), that nothing else depends on (a
 * view, another table's foreign key, row level security, inheritance, a
 * publication, a sequence of their own besides their identity's, disabled
 * triggers, a comment) and whose identity's sequence has the name a copy's
 * gets: everything is then the same after the adoption as before it.
 */
#include "db_pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/alloc.h"

typedef struct stage_table {
	char *name; /* as the caller names it */
	char *orig; /* the original, schema-qualified and quoted */
	char *nsp;  /* its schema, quoted */
	char *copy; /* the copy in the scratch schema, qualified and quoted */
	bool made;  /* db_stage_table made the copy */
} stage_table;

struct db_stage {
	db *d;		 /* the connection whose transaction adopts */
	db *aux;	 /* the second connection */
	char schema[40]; /* the scratch schema (letters, digits and _: no quoting) */
	stage_table *t;
	int n;
};

/* A table the stage may copy: its quoted names, or no row. */
static const char STAGEABLE[] =
	"SELECT format('%I.%I', n.nspname, c.relname), quote_ident(n.nspname), quote_ident(c.relname)"
	" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE c.oid = to_regclass($1) AND c.relkind = 'r' AND c.relpersistence = 'p'"
	" AND pg_has_role(c.relowner, 'USAGE') AND has_schema_privilege(n.oid, 'CREATE')"
	" AND has_database_privilege(current_database(), 'CREATE')"
	" AND NOT c.relrowsecurity AND NOT c.relhasrules AND NOT c.relispartition AND NOT c.relhassubclass"
	" AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = c.oid)"
	" AND NOT EXISTS (SELECT 1 FROM pg_policy y WHERE y.polrelid = c.oid)"
	" AND NOT EXISTS (SELECT 1 FROM pg_publication_rel r WHERE r.prrelid = c.oid)"
	" AND NOT EXISTS (SELECT 1 FROM pg_description x WHERE x.classoid = 'pg_class'::regclass"
	" AND x.objoid = c.oid AND x.objsubid = 0)"
	" AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND NOT g.tgisinternal"
	" AND g.tgenabled <> 'O')"
	/* what depends on it (a view, a foreign key to it; not its own triggers
	 * and checks, on its columns) or it owns besides its identity */
	" AND NOT EXISTS (SELECT 1 FROM pg_depend p WHERE p.refclassid = 'pg_class'::regclass AND p.refobjid = c.oid"
	" AND ((p.deptype = 'n' AND NOT (p.classid = 'pg_trigger'::regclass"
	" AND EXISTS (SELECT 1 FROM pg_trigger g WHERE g.oid = p.objid AND g.tgrelid = c.oid))"
	" AND NOT (p.classid = 'pg_constraint'::regclass AND EXISTS (SELECT 1 FROM pg_constraint k"
	" WHERE k.oid = p.objid AND k.conrelid = c.oid AND k.contype <> 'f')))"
	" OR (p.deptype = 'a' AND p.classid = 'pg_class'::regclass"
	" AND (SELECT s.relkind FROM pg_class s WHERE s.oid = p.objid) = 'S')))"
	" AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attidentity <> ''"
	" AND NOT a.attisdropped AND pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)"
	" IS DISTINCT FROM format('%I.%I', n.nspname, c.relname || '_' || a.attname || '_seq'))";

/* Every parameter here is text. */
static const Oid TEXT_TYPES[2] = {25, 25};

/* The values of column col of sql's rows (with the nvalues values, at most
 * two) as a list; DB_OK or the error, in d. */
static int ask_list(db *d, const char *sql, int nvalues, const char *const *values, int col, char ***list, int *n)
{
	*list = NULL;
	*n = 0;
	PGresult *res = PQexecParams(d->conn, sql, nvalues, TEXT_TYPES, values, NULL, NULL, 0);
	int rc = res && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : pg_result_error(d, res);
	if (rc == DB_OK)
		*list = pg_column_copy(res, col, n);
	PQclear(res);
	return rc;
}

static void stage_free(db_stage *s)
{
	for (int i = 0; i < s->n; i++) {
		free(s->t[i].name);
		free(s->t[i].orig);
		free(s->t[i].nsp);
		free(s->t[i].copy);
	}
	free(s->t);
	db_pg_close(s->aux);
	free(s);
}

int db_pg_stage_open(db *d, const char *const *tables, int ntables, db_stage **out)
{
	*out = NULL;
	if (!d->conn)
		return pg_closed(d);
	if (ntables < 1 || !d->in_tx || PQtransactionStatus(d->conn) != PQTRANS_INTRANS) {
		pg_set_err(d, "een gefaseerde lading hoort bij tabellen in een schrijftransactie");
		return DB_ERROR;
	}
	pg_free_conn(d);
	db_stage *s = xcalloc(1, sizeof *s);
	s->d = d;
	snprintf(s->schema, sizeof s->schema, "inbeeld_import_%ld", (long)getpid());
	s->t = xcalloc((size_t)ntables, sizeof *s->t);
	int rc = DB_OK;
	bool all = true;
	for (int i = 0; i < ntables && rc == DB_OK && all; i++) {
		const char *values[1] = {tables[i]};
		PGresult *res = PQexecParams(d->conn, STAGEABLE, 1, TEXT_TYPES, values, NULL, NULL, 0);
		rc = res && PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : pg_result_error(d, res);
		all = rc == DB_OK && PQntuples(res) == 1;
		if (all) {
			stage_table *t = &s->t[s->n++];
			t->name = xstrdup(tables[i]);
			t->orig = xstrdup(PQgetvalue(res, 0, 0));
			t->nsp = xstrdup(PQgetvalue(res, 0, 1));
			strbuf copy = STRBUF_INIT;
			sb_printf(&copy, "%s.%s", s->schema, PQgetvalue(res, 0, 2));
			t->copy = xstrdup(sb_str(&copy));
			sb_free(&copy);
		}
		PQclear(res);
	}
	if (rc != DB_OK || !all) { /* not this role's, or not only its: the caller fills them itself */
		stage_free(s);
		return rc;
	}
	strbuf err = STRBUF_INIT;
	rc = db_pg_open(d->target, 0, &s->aux, &err);
	if (rc != DB_OK) {
		pg_set_err(d, sb_str(&err));
		sb_free(&err);
		stage_free(s);
		return rc;
	}
	sb_free(&err);
	/* A scratch schema a crash left behind is no import's now: this one
	 * holds the write lock every import takes. */
	char **left = NULL;
	int nleft = 0;
	rc = ask_list(s->aux,
		      "SELECT format('DROP SCHEMA %I CASCADE', nspname) FROM pg_namespace"
		      " WHERE nspname LIKE 'inbeeld\\_import\\_%' AND pg_has_role(nspowner, 'USAGE')",
		      0, NULL, 0, &left, &nleft);
	if (rc == DB_OK)
		rc = pg_run_list(s->aux, left, nleft);
	pg_free_list(left, nleft);
	strbuf sql = STRBUF_INIT;
	/* The copies first on the search path: to the loads (db_pg_bulk.c) a
	 * table's name is its copy's. Index builds sort in memory, as the
	 * first connection's do (db_pg_bulk.c). */
	sb_printf(&sql,
		  "BEGIN; CREATE SCHEMA %s; SELECT set_config('search_path', '%s, ' || current_setting('search_path'),"
		  " true); SET LOCAL maintenance_work_mem = '1GB'",
		  s->schema, s->schema);
	if (rc == DB_OK)
		rc = pg_run(s->aux, sb_str(&sql));
	sb_free(&sql);
	s->aux->in_tx = rc == DB_OK;
	if (rc != DB_OK) {
		pg_set_err(d, db_pg_errmsg(s->aux));
		db_pg_stage_drop(s);
		return rc;
	}
	*out = s;
	return DB_OK;
}

static stage_table *find(db_stage *s, const char *table)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->t[i].name, table))
			return &s->t[i];
	return NULL;
}

int db_pg_stage_table(db_stage *s, const char *table, db **conn)
{
	*conn = s->aux;
	stage_table *t = find(s, table);
	if (!t || t->made || !s->aux->in_tx) {
		pg_set_err(s->aux, "deze tabel is niet (meer) gefaseerd te laden");
		return DB_ERROR;
	}
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "CREATE TABLE %s (LIKE %s INCLUDING ALL EXCLUDING INDEXES)", t->copy, t->orig);
	int rc = pg_run(s->aux, sb_str(&sql));
	sb_free(&sql);
	t->made = rc == DB_OK;
	/* Its identity stands where the original's stands: the rows get the numbers they would have got. */
	const char *values[2] = {t->orig, t->copy};
	char **set = NULL;
	int nset = 0;
	if (rc == DB_OK)
		rc = ask_list(s->aux,
			      "SELECT setval(pg_get_serial_sequence($2, a.attname), q.last_value, true)::text"
			      " FROM pg_attribute a JOIN pg_sequences q"
			      " ON format('%I.%I', q.schemaname, q.sequencename) = pg_get_serial_sequence($1, a.attname)"
			      " WHERE a.attrelid = $1::regclass AND a.attidentity <> '' AND NOT a.attisdropped"
			      " AND q.last_value IS NOT NULL",
			      2, values, 0, &set, &nset);
	pg_free_list(set, nset);
	return rc;
}

int db_pg_stage_table_done(db_stage *s, const char *table)
{
	stage_table *t = find(s, table);
	if (!t || !t->made || !s->aux->in_tx) {
		pg_set_err(s->aux, "deze tabel is niet gefaseerd geladen");
		return DB_ERROR;
	}
	/* The original's keys and indexes, by their names, on the copy. */
	const char *values[2] = {t->orig, t->copy};
	char **make = NULL;
	int nmake = 0;
	int rc = ask_list(s->aux,
			  "SELECT 0, format('ALTER TABLE %s ADD CONSTRAINT %I %s', $2::text, conname,"
			  " pg_get_constraintdef(oid)) FROM pg_constraint WHERE conrelid = $1::regclass"
			  " AND contype IN ('p', 'u', 'x')"
			  " UNION ALL SELECT 1, replace(pg_get_indexdef(i.indexrelid), ' ON ' || $1 || ' USING ',"
			  " ' ON ' || $2 || ' USING ') FROM pg_index i WHERE i.indrelid = $1::regclass AND NOT EXISTS"
			  " (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)"
			  " ORDER BY 1, 2",
			  2, values, 1, &make, &nmake);
	strbuf on = STRBUF_INIT;
	sb_printf(&on, " ON %s USING ", t->copy);
	for (int i = 0; i < nmake && rc == DB_OK; i++)
		if (strncmp(make[i], "ALTER TABLE ", 12) && !strstr(make[i], sb_str(&on))) {
			pg_set_err(s->aux, "een index van de tabel is niet over te nemen");
			rc = DB_ERROR;
		}
	sb_free(&on);
	if (rc == DB_OK)
		rc = pg_run_list(s->aux, make, nmake);
	pg_free_list(make, nmake);
	return rc;
}

/* What an original has that its copy gets at its adoption, in order: its
 * owner, foreign keys, triggers, then the privileges on it, its columns and
 * its identity's sequence (whose name the copy's has: STAGEABLE). */
static const char ADOPT[] =
	"SELECT 0, format('ALTER TABLE %s OWNER TO %I', $1::text, pg_get_userbyid(c.relowner))"
	" FROM pg_class c WHERE c.oid = $1::regclass"
	" UNION ALL SELECT 1, format('ALTER TABLE %s ADD CONSTRAINT %I %s', $1::text, conname,"
	" pg_get_constraintdef(oid)) FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'"
	" UNION ALL SELECT 2, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal"
	" UNION ALL SELECT 3, format('GRANT %s ON TABLE %s TO %s%s', a.privilege_type, $1::text,"
	" CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,"
	" CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)"
	" FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = $1::regclass AND a.grantee <> c.relowner"
	" UNION ALL SELECT 4, format('GRANT %s (%I) ON TABLE %s TO %s%s', a.privilege_type, t.attname, $1::text,"
	" CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,"
	" CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)"
	" FROM pg_attribute t, aclexplode(t.attacl) a WHERE t.attrelid = $1::regclass AND NOT t.attisdropped"
	" UNION ALL SELECT 5, format('GRANT %s ON SEQUENCE %s TO %s%s', a.privilege_type,"
	" pg_get_serial_sequence($1, t.attname),"
	" CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,"
	" CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)"
	" FROM pg_attribute t JOIN pg_class q ON q.oid = pg_get_serial_sequence($1, t.attname)::regclass,"
	" aclexplode(q.relacl) a WHERE t.attrelid = $1::regclass AND t.attidentity <> '' AND NOT t.attisdropped"
	" AND a.grantee <> q.relowner"
	" ORDER BY 1, 2";

static int adopt_one(db_stage *s, stage_table *t)
{
	db *d = s->d;
	const char *values[1] = {t->orig};
	char **again = NULL;
	int nagain = 0;
	int rc = ask_list(d, ADOPT, 1, values, 1, &again, &nagain);
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "DROP TABLE %s; ALTER TABLE %s SET SCHEMA %s", t->orig, t->copy, t->nsp);
	if (rc == DB_OK)
		rc = pg_run(d, sb_str(&sql));
	sb_free(&sql);
	if (rc == DB_OK)
		rc = pg_run_list(d, again, nagain);
	pg_free_list(again, nagain);
	return rc;
}

int db_pg_stage_adopt(db_stage *s)
{
	db *d = s->d;
	if (!d->conn)
		return pg_closed(d);
	if (!d->in_tx || !s->aux->in_tx) {
		pg_set_err(d, "de gefaseerde lading is niet meer over te nemen");
		return DB_ERROR;
	}
	int rc = db_pg_commit(s->aux);
	if (rc != DB_OK) {
		pg_set_err(d, db_pg_errmsg(s->aux));
		return rc;
	}
	pg_free_conn(d);
	for (int i = 0; i < s->n && rc == DB_OK; i++)
		if (s->t[i].made)
			rc = adopt_one(s, &s->t[i]);
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "DROP SCHEMA %s", s->schema); /* empty now: no CASCADE */
	if (rc == DB_OK)
		rc = pg_run(d, sb_str(&sql));
	sb_free(&sql);
	return rc;
}

void db_pg_stage_drop(db_stage *s)
{
	if (!s)
		return;
	if (s->aux && s->aux->conn) {
		if (s->aux->in_tx)
			(void)db_pg_rollback(s->aux); /* the copies and the scratch schema with them */
		strbuf sql = STRBUF_INIT;
		sb_printf(&sql, "DROP SCHEMA IF EXISTS %s CASCADE", s->schema); /* committed, not adopted */
		(void)pg_run(s->aux, sb_str(&sql)); /* a crash's leftover goes at the next staged load */
		sb_free(&sql);
	}
	stage_free(s);
}
