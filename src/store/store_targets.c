/*
 * store_targets.c - targets (SPEC 8) in the registry, with their history: a
 * change or withdrawal is a new version, the old one stays (migration 7).
 */
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

#define DOEL_COLUMNS                                                                                 \
	"id, doel_id, naam, per, gebieden, telling, regels, kolom, basis, verandering, aantal, streefdatum," \
	" ingetrokken, registratie, vastgelegd_op, gebruikersnaam, coalesce(gebruiker_id, 0),"              \
	" coalesce(vervangen_door, 0)"

/* Whether version `replaces` exists (STORE_NOT_FOUND) and is current
 * (STORE_CONFLICT); *doel_id gets its target. */
static int check_current(store *st, int64_t replaces, int64_t *doel_id, strbuf *err)
{
	sqlite3_stmt *q;
	if (prepare(st, "SELECT doel_id, vervangen_door IS NULL FROM doel WHERE id = ?1", &q, err))
		return -1;
	int rc = 0, step = bind_int(q, 1, replaces) ? SQLITE_MISUSE : sqlite3_step(q);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = db_fail(st, err, "doel lezen mislukt");
	else if (step == SQLITE_DONE)
		rc = STORE_NOT_FOUND;
	else if (!sqlite3_column_int(q, 1))
		rc = STORE_CONFLICT;
	else
		*doel_id = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	if (rc == STORE_CONFLICT)
		sb_puts(err, "dit doel is intussen gewijzigd; laad de doelen opnieuw");
	return rc;
}

static int insert_version(store *st, int64_t doel_id, const doel_row *v, int64_t *id, strbuf *err)
{
	int64_t version = 0;
	if (batch_limit(st, NULL, &version, err))
		return -1;
	char now[20];
	store_now(now);
	sqlite3_stmt *q;
	/* A new target is its own first version: the id SQLite would choose
	 * (inside this write transaction no one else inserts). */
	if (prepare(st,
		    "INSERT INTO doel (id, doel_id, naam, per, gebieden, telling, regels, kolom, basis, verandering, aantal,"
		    " streefdatum, ingetrokken, registratie, vastgelegd_op, gebruiker_id, gebruikersnaam)"
		    " SELECT n, coalesce(?1, n), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16"
		    " FROM (SELECT coalesce(max(id), 0) + 1 AS n FROM doel)",
		    &q, err))
		return -1;
	int rc;
	int64_t aantal = v->aantal ? strtoll(v->aantal, NULL, 10) : 0;
	if (bind_id(q, 1, doel_id) || bind_text(q, 2, v->naam ? v->naam : "") || bind_text(q, 3, v->per) ||
	    bind_text(q, 4, v->gebieden) || bind_text(q, 5, v->telling) || bind_text(q, 6, v->regels) ||
	    bind_text(q, 7, v->kolom) || bind_text(q, 8, v->basis) ||
	    bind_text(q, 9, v->verandering && *v->verandering ? v->verandering : NULL) ||
	    (v->aantal && *v->aantal ? bind_int(q, 10, aantal) : bind_text(q, 10, NULL)) ||
	    bind_text(q, 11, v->streefdatum) || bind_int(q, 12, v->ingetrokken) || bind_int(q, 13, version) ||
	    bind_text(q, 14, now) || bind_id(q, 15, v->gebruiker_id) || bind_text(q, 16, v->gebruikersnaam))
		rc = bind_fail(st, err);
	else
		rc = sqlite3_step(q) == SQLITE_DONE ? 0 : db_fail(st, err, "doel vastleggen mislukt");
	sqlite3_finalize(q);
	if (!rc)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int store_doel_save(store *st, int64_t replaces, const doel_row *v, int64_t *id, int64_t *doel_id, strbuf *err)
{
	*id = *doel_id = 0;
	if (exec(st, "BEGIN IMMEDIATE", err))
		return -1;
	int64_t of = 0;
	int rc = replaces ? check_current(st, replaces, &of, err) : 0;
	if (!rc)
		rc = insert_version(st, of, v, id, err);
	if (!rc && replaces) {
		sqlite3_stmt *q;
		rc = prepare(st, "UPDATE doel SET vervangen_door = ?1 WHERE id = ?2", &q, err);
		if (!rc) {
			if (bind_int(q, 1, *id) || bind_int(q, 2, replaces))
				rc = bind_fail(st, err);
			else
				rc = sqlite3_step(q) == SQLITE_DONE ? 0 : db_fail(st, err, "doel bijwerken mislukt");
			sqlite3_finalize(q);
		}
	}
	if (rc) {
		*id = 0;
		rollback(st);
		return rc;
	}
	*doel_id = replaces ? of : *id;
	return commit(st, err);
}

int store_doelen(store *st, int64_t doel_id, void (*row)(void *, const doel_row *), void *ctx, strbuf *err)
{
	sqlite3_stmt *q;
	if (prepare(st,
		    doel_id ? "SELECT " DOEL_COLUMNS " FROM doel WHERE doel_id = ?1 ORDER BY id"
			    : "SELECT " DOEL_COLUMNS " FROM doel WHERE vervangen_door IS NULL AND ingetrokken = 0"
			      " AND ?1 IS NULL ORDER BY doel_id",
		    &q, err))
		return -1;
	if (bind_id(q, 1, doel_id)) {
		sqlite3_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		doel_row v = {sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1), col_text(q, 2), col_text(q, 3),
			      col_text(q, 4), col_text(q, 5), col_text(q, 6), col_text(q, 7), col_text(q, 8), col_text(q, 9),
			      col_text(q, 10), col_text(q, 11), sqlite3_column_int(q, 12) != 0,
			      sqlite3_column_int64(q, 13), col_text(q, 14), col_text(q, 15), sqlite3_column_int64(q, 16),
			      sqlite3_column_int64(q, 17)};
		row(ctx, &v);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "doelen lezen mislukt");
}

int store_doelen_newest(store *st, int64_t *id, strbuf *err)
{
	sqlite3_stmt *q;
	*id = 0;
	if (prepare(st, "SELECT coalesce(max(id), 0) FROM doel", &q, err))
		return -1;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 0 : db_fail(st, err, "doelen lezen mislukt");
}
