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
	db_stmt *q;
	if (prepare(st, "SELECT doel_id, CASE WHEN vervangen_door IS NULL THEN 1 ELSE 0 END FROM doel WHERE id = ?1", &q, err))
		return -1;
	int rc = 0, step = bind_int(q, 1, replaces) ? UNBOUND : db_step(q);
	if (step != DB_ROW && step != DB_DONE)
		rc = db_fail(st, err, "doel lezen mislukt");
	else if (step == DB_DONE)
		rc = STORE_NOT_FOUND;
	else if (!col_int(q, 1))
		rc = STORE_CONFLICT;
	else
		*doel_id = col_int(q, 0);
	db_finalize(q);
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
	db_stmt *q;
	/* A new target is its own first version: the next id (inside this write
	 * transaction no one else inserts). */
	if (prepare(st,
		    "INSERT INTO doel (id, doel_id, naam, per, gebieden, telling, regels, kolom, basis, verandering, aantal,"
		    " streefdatum, ingetrokken, registratie, vastgelegd_op, gebruiker_id, gebruikersnaam)"
		    " VALUES ((SELECT coalesce(max(id), 0) + 1 FROM doel), coalesce(?1, (SELECT coalesce(max(id), 0) + 1"
		    " FROM doel)), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id",
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
		rc = step_returning(q, id) == DB_DONE ? 0 : db_fail(st, err, "doel vastleggen mislukt");
	db_finalize(q);
	return rc;
}

int store_doel_save(store *st, int64_t replaces, const doel_row *v, int64_t *id, int64_t *doel_id, strbuf *err)
{
	*id = *doel_id = 0;
	if (begin(st, true, err))
		return -1;
	int64_t of = 0;
	int rc = replaces ? check_current(st, replaces, &of, err) : 0;
	if (!rc)
		rc = insert_version(st, of, v, id, err);
	if (!rc && replaces) {
		db_stmt *q;
		rc = prepare(st, "UPDATE doel SET vervangen_door = ?1 WHERE id = ?2", &q, err);
		if (!rc) {
			if (bind_int(q, 1, *id) || bind_int(q, 2, replaces))
				rc = bind_fail(st, err);
			else
				rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "doel bijwerken mislukt");
			db_finalize(q);
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
	db_stmt *q;
	if (prepare(st,
		    doel_id ? "SELECT " DOEL_COLUMNS " FROM doel WHERE doel_id = ?1 ORDER BY id"
			    : "SELECT " DOEL_COLUMNS " FROM doel WHERE vervangen_door IS NULL AND ingetrokken = 0"
			      " ORDER BY doel_id",
		    &q, err))
		return -1;
	if (doel_id && bind_int(q, 1, doel_id)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		doel_row v = {col_int(q, 0), col_int(q, 1), col_text(q, 2), col_text(q, 3),
			      col_text(q, 4), col_text(q, 5), col_text(q, 6), col_text(q, 7), col_text(q, 8), col_text(q, 9),
			      col_text(q, 10), col_text(q, 11), col_int(q, 12) != 0,
			      col_int(q, 13), col_text(q, 14), col_text(q, 15), col_int(q, 16),
			      col_int(q, 17)};
		row(ctx, &v);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "doelen lezen mislukt");
}

int store_doelen_newest(store *st, int64_t *id, strbuf *err)
{
	db_stmt *q;
	*id = 0;
	if (prepare(st, "SELECT coalesce(max(id), 0) FROM doel", &q, err))
		return -1;
	int rc = db_step(q);
	if (rc == DB_ROW)
		*id = col_int(q, 0);
	db_finalize(q);
	return rc == DB_ROW ? 0 : db_fail(st, err, "doelen lezen mislukt");
}
