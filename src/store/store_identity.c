/*
 * store_identity.c - which database a PostgreSQL registry is
 * (store_database_identity of store.h): the cluster's system identifier and
 * the database's oid and name, so that a cache kept outside the database
 * (the snapshot file, src/app/registry_load.c) is never taken for that of
 * another cluster or database with as many batches.
 */
#include "store_internal.h"

int store_database_identity(store *st, strbuf *out, strbuf *err)
{
	if (store_is_file(st))
		return 0;
	db_stmt *q;
	if (prepare(st,
		    "SELECT c.system_identifier::text, d.oid::text, d.datname::text FROM pg_control_system() c,"
		    " pg_database d WHERE d.datname = current_database()",
		    &q, err))
		return -1;
	int rc = db_step(q);
	if (rc == DB_ROW)
		sb_printf(out, "%s %s %s", col_text(q, 0), col_text(q, 1), col_text(q, 2));
	db_finalize(q);
	return rc == DB_ROW ? 0 : db_fail(st, err, "lezen van de identiteit van de database mislukt");
}
