/*
 * store_roles.c - who may do what to a PostgreSQL registry (issue 16): the
 * role that owns the schema runs the migrations; the application connects as
 * a login role in the group role inbeeld_app, which may read every table but
 * write only what the store writes: INSERT into the audit log and the
 * history, of a version of a fact only its closing column (v_until,
 * vervangen_door), nothing of the schema. The privileges, not the triggers,
 * are the guard: a trigger can be dropped by the table's owner, a privilege
 * of a role that owns nothing cannot be widened by that role.
 *
 * The privileges are a function of the schema as it is now, not a migration:
 * after every migration run (and on `inbeeld schema`) the owner takes every
 * privilege of inbeeld_app away and grants those of GRANTS_PG again, so a
 * new table gets its own at once. A table GRANTS_PG does not name gets
 * nothing. SQLite has no roles: every function here does nothing there.
 */
#include <stdio.h>

#include "store_internal.h" /* db.h, and the types; none of its helpers (store_open.c's) */

#define APP_ROLE "inbeeld_app"

/* Per table (in the schema of the registry) the application role's
 * privileges besides SELECT. A table that does not exist (yet) is left out. */
static const char GRANTS_PG[] =
	"DO $g$\n"
	"DECLARE s text := current_schema(); r record;\n"
	"BEGIN\n"
	"  EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM " APP_ROLE "', s);\n"
	"  EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM " APP_ROLE "', s);\n"
	"  FOR r IN SELECT v.t, v.p FROM (VALUES\n"
	/* the history of the facts: a version is added, and ended once */
	"    ('gemeenten', 'INSERT, UPDATE (v_until)'), ('swv', 'INSERT, UPDATE (v_until)'),\n"
	"    ('swv_gemeenten', 'INSERT, UPDATE (v_until)'), ('scholen', 'INSERT, UPDATE (v_until)'),\n"
	"    ('vakantieregios', 'INSERT, UPDATE (v_until)'), ('vakanties', 'INSERT, UPDATE (v_until)'),\n"
	"    ('leerlingen', 'INSERT, UPDATE (v_until)'), ('woonadressen', 'INSERT, UPDATE (v_until)'),\n"
	"    ('inschrijvingen', 'INSERT, UPDATE (v_until)'), ('verzuim', 'INSERT, UPDATE (v_until)'),\n"
	"    ('vrijstellingen', 'INSERT, UPDATE (v_until)'), ('meldingen', 'INSERT, UPDATE (v_until)'),\n"
	"    ('aanbod', 'INSERT, UPDATE (v_until)'),\n"
	"    ('verblijf', 'INSERT, UPDATE (vervangen_door)'), ('doel', 'INSERT, UPDATE (vervangen_door)'),\n"
	/* added and never changed */
	"    ('batch', 'INSERT'), ('audit', 'INSERT'), ('samenvoeging', 'INSERT'), ('tafel', 'INSERT'),\n"
	"    ('tafel_rij', 'INSERT'), ('tafel_bevestiging', 'INSERT'), ('tafel_bespreking', 'INSERT'),\n"
	"    ('tafel_agenda', 'INSERT'),\n"
	/* dossiers: the server removes those closed past the retention period
	 * (the trigger gebeurtenis_blijft refuses any other); a merge moves them */
	"    ('gebeurtenis', 'INSERT, DELETE'), ('stroom', 'INSERT, UPDATE (leerling_id), DELETE'),\n"
	/* requests about accounts are kept: only their outcome is written */
	"    ('gebruiker_verzoek', 'INSERT, UPDATE (uitkomst, beoordeeld_door, beoordeeld_op, code2,"
	" code_gebruikt_op)'),\n"
	/* the application's own state */
	"    ('organisatie', 'INSERT, UPDATE'), ('gebruiker', 'INSERT, UPDATE'), ('sessie', 'INSERT, UPDATE'),\n"
	"    ('herinnering_instelling', 'INSERT, UPDATE'), ('inlogpoging', 'INSERT, UPDATE, DELETE'),\n"
	/* a digest claimed before it is sent, the claim given back when the send fails */
	"    ('herinnering_verzonden', 'INSERT, DELETE'),\n"
	/* settings: the row level policies of version 15 keep the audit
	 * chain's anchor to the owner */
	"    ('instelling', 'UPDATE (waarde)'),\n"
	/* the schema's version is the owner's */
	"    ('inbeeld_schema', '')\n"
	"  ) v(t, p) WHERE to_regclass(format('%I.%I', s, v.t)) IS NOT NULL LOOP\n"
	"    EXECUTE format('GRANT SELECT%s ON %I.%I TO " APP_ROLE "', CASE WHEN r.p = '' THEN '' ELSE ', ' || r.p END,"
	" s, r.t);\n"
	"  END LOOP;\n"
	"  EXECUTE format('GRANT USAGE ON SCHEMA %I TO " APP_ROLE "', s);\n"
	"  EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO " APP_ROLE "', s);\n"
	"END $g$";

static const char CREATE_ROLE_PG[] = "DO $r$ BEGIN\n"
				     "  IF to_regrole('" APP_ROLE "') IS NULL THEN CREATE ROLE " APP_ROLE " NOLOGIN; END IF;\n"
				     "EXCEPTION WHEN duplicate_object THEN NULL; /* made meanwhile */\n"
				     "END $r$";

/* One integer and the current role's name from a PostgreSQL-only query on
 * d: 0, or -1 with err set. (Only db.h here: store_open.c calls this file.) */
static int ask(db *d, const char *sql, int64_t *a, char role[64], strbuf *err)
{
	db_stmt *q = NULL;
	int rc = db_prepare(d, sql, &q);
	if (rc == DB_OK && (rc = db_step(q)) == DB_ROW) {
		*a = col_int(q, 0);
		snprintf(role, 64, "%s", col_text(q, 1) ? col_text(q, 1) : "?");
	}
	db_finalize(q);
	if (rc == DB_ROW)
		return 0;
	sb_printf(err, "registratie: rechten in de database lezen mislukt: %s", db_errmsg(d));
	return -1;
}

int roles_may_migrate(db *d, int version, int expected, strbuf *err)
{
	if (db_kind_of(d) != DB_POSTGRES)
		return 0;
	/* The owner of the schema (a member of the role owning inbeeld_schema;
	 * of a new database, who may create in its schema), never a member of
	 * the application's group role unless a superuser. */
	int64_t may = 0;
	char role[64];
	if (ask(d,
		"SELECT CASE WHEN coalesce(CASE WHEN to_regclass('inbeeld_schema') IS NULL"
		" THEN has_schema_privilege(current_schema(), 'CREATE')"
		" ELSE pg_has_role((SELECT relowner FROM pg_class WHERE oid = to_regclass('inbeeld_schema')), 'USAGE') END,"
		" false) AND (to_regrole('" APP_ROLE "') IS NULL OR NOT pg_has_role('" APP_ROLE "', 'MEMBER')"
		" OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)) THEN 1 ELSE 0 END, current_user::text",
		&may, role, err))
		return -1;
	if (may)
		return 0;
	if (version >= expected)
		sb_puts(err, "registratie: het schema is bij; ");
	else if (version)
		sb_printf(err, "registratie: de database heeft schemaversie %d en deze inbeeld verwacht %d; ", version,
			  expected);
	else
		sb_puts(err, "registratie: de database heeft nog geen schema; ");
	sb_printf(err,
		  "de databaserol %s is niet de eigenaar van het schema en mag het niet bijwerken of er rechten op "
		  "geven. De eigenaar van de database doet dat met: inbeeld schema --db <URI van de eigenaar>",
		  role);
	return -1;
}

int roles_grant(db *d, bool *granted, strbuf *err)
{
	*granted = false;
	if (db_kind_of(d) != DB_POSTGRES)
		return 0;
	/* Without the group role and the right to make it, the application
	 * connects as the owner (one role, as before): nothing to grant. */
	int64_t can = 0;
	char role[64];
	if (ask(d,
		"SELECT CASE WHEN to_regrole('" APP_ROLE "') IS NOT NULL OR rolsuper OR rolcreaterole THEN 1 ELSE 0 END,"
		" current_user::text FROM pg_roles WHERE rolname = current_user",
		&can, role, err))
		return -1;
	if (can && (db_exec(d, CREATE_ROLE_PG) != DB_OK || db_exec(d, GRANTS_PG) != DB_OK)) {
		sb_printf(err, "registratie: rechten geven aan " APP_ROLE " mislukt: %s", db_errmsg(d));
		return -1;
	}
	*granted = can != 0;
	return 0;
}

int store_audit_purge_allowed(store *st, bool *allowed, char role[64], strbuf *err)
{
	*allowed = true;
	role[0] = '\0';
	if (db_kind_of(st->db) != DB_POSTGRES)
		return 0;
	int64_t may = 0;
	if (ask(st->db, "SELECT CASE WHEN has_table_privilege('audit', 'DELETE') THEN 1 ELSE 0 END, current_user::text",
		&may, role, err))
		return -1;
	*allowed = may != 0;
	return 0;
}
