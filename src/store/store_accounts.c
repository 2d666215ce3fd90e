/*
 * store_accounts.c - organisations, accounts and sessions: each operation one
 * prepared statement (or two), every bound value checked before it runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/alloc.h"
#include "store_internal.h"

void store_time_after(long seconds, char out[20])
{
	time_t t = time(NULL) + seconds;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%dT%H:%M:%S", &tm);
}

static char *dup_col(db_stmt *q, int i)
{
	const char *v = col_text(q, i);
	return v ? xstrdup(v) : NULL;
}

static void copy_col(db_stmt *q, int i, char *out, size_t size)
{
	const char *v = col_text(q, i);
	snprintf(out, size, "%s", v ? v : "");
}

void account_free(account *a)
{
	free(a->naam);
	free(a->rol);
	free(a->scope);
	free(a->wachtwoord);
	free(a->organisatie);
	free(a->organisatie_soort);
	*a = (account){0};
}

int store_organisation_ensure(store *st, const char *naam, const char *soort, const char *scope, int64_t *id,
			      strbuf *err)
{
	db_stmt *q;
	if (prepare(st,
		    "INSERT INTO organisatie (naam, soort, scope) VALUES (?1, ?2, ?3) ON CONFLICT (naam)"
		    " DO UPDATE SET scope = coalesce(organisatie.scope, excluded.scope)",
		    &q, err))
		return -1;
	int rc;
	if (bind_text(q, 1, naam) || bind_text(q, 2, soort) || bind_text(q, 3, scope))
		rc = bind_fail(st, err);
	else
		rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "organisatie vastleggen mislukt");
	db_finalize(q);
	if (rc || prepare(st, "SELECT id FROM organisatie WHERE naam = ?1", &q, err))
		return -1;
	if (bind_text(q, 1, naam))
		rc = bind_fail(st, err);
	else if (db_step(q) == DB_ROW)
		*id = col_int(q, 0);
	else
		rc = db_fail(st, err, "organisatie niet gevonden");
	db_finalize(q);
	return rc;
}

int store_account_upsert(store *st, const char *naam, const char *rol, const char *scope, int64_t organisatie_id,
			 const char *wachtwoord, bool actief, int64_t *id, bool *created, strbuf *err)
{
	char now[20];
	store_now(now);
	account existing;
	int found = store_account_get(st, naam, 0, &existing, err);
	if (found < 0)
		return -1;
	db_stmt *q;
	int rc;
	int64_t known = found ? existing.id : 0;
	if (found) {
		account_free(&existing);
		if (prepare(st,
			    "UPDATE gebruiker SET rol = ?2, scope = ?3, organisatie_id = ?4,"
			    " wachtwoord = coalesce(?5, wachtwoord), actief = ?6, gewijzigd = ?7 WHERE naam = ?1",
			    &q, err))
			return -1;
	} else {
		if (!wachtwoord) {
			sb_printf(err, "een nieuwe gebruiker heeft een wachtwoord nodig");
			return -1;
		}
		if (prepare(st,
			    "INSERT INTO gebruiker (naam, rol, scope, organisatie_id, wachtwoord, actief, aangemaakt,"
			    " gewijzigd) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
			    &q, err))
			return -1;
	}
	if (bind_text(q, 1, naam) || bind_text(q, 2, rol) || bind_text(q, 3, scope) || bind_int(q, 4, organisatie_id) ||
	    bind_text(q, 5, wachtwoord) || bind_int(q, 6, actief ? 1 : 0) || bind_text(q, 7, now))
		rc = bind_fail(st, err);
	else
		rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "gebruiker vastleggen mislukt");
	db_finalize(q);
	if (!rc && found) /* the account's terms as the other processes keep them */
		rc = tell_sessions(st, known, NULL, err);
	if (rc)
		return -1;
	if (created)
		*created = !found;
	if (store_account_get(st, naam, 0, &existing, err) != 1)
		return -1;
	*id = existing.id;
	account_free(&existing);
	return 0;
}

static const char ACCOUNT_SELECT[] =
	"SELECT g.id, g.naam, g.rol, g.scope, g.wachtwoord, g.organisatie_id, o.naam, o.soort, g.actief,"
	" g.aangemaakt, g.gewijzigd FROM gebruiker g JOIN organisatie o ON o.id = g.organisatie_id";

static void account_from_row(db_stmt *q, account *a)
{
	*a = (account){0};
	a->id = col_int(q, 0);
	a->naam = dup_col(q, 1);
	a->rol = dup_col(q, 2);
	a->scope = dup_col(q, 3);
	a->wachtwoord = dup_col(q, 4);
	a->organisatie_id = col_int(q, 5);
	a->organisatie = dup_col(q, 6);
	a->organisatie_soort = dup_col(q, 7);
	a->actief = col_int(q, 8) != 0;
	copy_col(q, 9, a->aangemaakt, sizeof a->aangemaakt);
	copy_col(q, 10, a->gewijzigd, sizeof a->gewijzigd);
}

int store_account_get(store *st, const char *naam, int64_t id, account *out, strbuf *err)
{
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "%s WHERE %s", ACCOUNT_SELECT, naam ? "g.naam = ?1" : "g.id = ?1");
	db_stmt *q;
	int rc = prepare(st, sb_str(&sql), &q, err);
	sb_free(&sql);
	if (rc)
		return -1;
	if (naam ? bind_text(q, 1, naam) : bind_int(q, 1, id)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	rc = db_step(q);
	if (rc == DB_ROW)
		account_from_row(q, out);
	db_finalize(q);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : db_fail(st, err, "gebruiker lezen mislukt");
}

int store_accounts_list(store *st, account **out, size_t *n, strbuf *err)
{
	strbuf sql = STRBUF_INIT;
	sb_printf(&sql, "%s ORDER BY g.naam", ACCOUNT_SELECT);
	db_stmt *q;
	int rc = prepare(st, sb_str(&sql), &q, err);
	sb_free(&sql);
	if (rc)
		return -1;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	while ((rc = db_step(q)) == DB_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		account_from_row(q, &(*out)[(*n)++]);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "gebruikers lezen mislukt");
}

int store_organisations_list(store *st, organisation **out, size_t *n, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "SELECT id, naam, soort, scope FROM organisatie ORDER BY naam", &q, err))
		return -1;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	while ((rc = db_step(q)) == DB_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (organisation){col_int(q, 0), dup_col(q, 1), dup_col(q, 2), dup_col(q, 3)};
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "organisaties lezen mislukt");
}

int store_organisation_members(store *st, int64_t organisatie_id, void (*row)(void *, int64_t, const char *), void *ctx,
			       strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "SELECT id, naam FROM gebruiker WHERE organisatie_id = ?1 AND actief = 1 ORDER BY naam", &q, err))
		return -1;
	if (bind_int(q, 1, organisatie_id)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row(ctx, col_int(q, 0), col_text(q, 1));
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "gebruikers lezen mislukt");
}

void organisations_free(organisation *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(o[i].naam);
		free(o[i].soort);
		free(o[i].scope);
	}
	free(o);
}

int store_session_create(store *st, const char *token_hash, int64_t user, const char *csrf, const char *verloopt,
			 const char *adres, strbuf *err)
{
	char now[20];
	store_now(now);
	db_stmt *q;
	if (prepare(st,
		    "INSERT INTO sessie (token_hash, gebruiker_id, csrf, aangemaakt, verloopt, laatst_gebruikt, adres)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?6)",
		    &q, err))
		return -1;
	int rc;
	if (bind_text(q, 1, token_hash) || bind_int(q, 2, user) || bind_text(q, 3, csrf) || bind_text(q, 4, now) ||
	    bind_text(q, 5, verloopt) || bind_text(q, 6, adres))
		rc = bind_fail(st, err);
	else
		rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "sessie vastleggen mislukt");
	db_finalize(q);
	return rc;
}

int store_session_get(store *st, const char *token_hash, session_row *out, strbuf *err)
{
	db_stmt *q;
	if (prepare(st,
		    "SELECT gebruiker_id, csrf, aangemaakt, verloopt, laatst_gebruikt,"
		    " CASE WHEN ingetrokken IS NULL THEN 0 ELSE 1 END"
		    " FROM sessie WHERE token_hash = ?1",
		    &q, err))
		return -1;
	if (bind_text(q, 1, token_hash)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->gebruiker_id = col_int(q, 0);
		copy_col(q, 1, out->csrf, sizeof out->csrf);
		copy_col(q, 2, out->aangemaakt, sizeof out->aangemaakt);
		copy_col(q, 3, out->verloopt, sizeof out->verloopt);
		copy_col(q, 4, out->laatst_gebruikt, sizeof out->laatst_gebruikt);
		out->ingetrokken = col_int(q, 5) != 0;
	}
	db_finalize(q);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : db_fail(st, err, "sessie lezen mislukt");
}

static int session_update(store *st, const char *sql, const char *key, int64_t user, const char *except, size_t *n,
			  strbuf *err)
{
	char now[20];
	store_now(now);
	db_stmt *q;
	if (prepare(st, sql, &q, err))
		return -1;
	int rc;
	int bound = key ? bind_text(q, 2, key) : bind_int(q, 2, user) || bind_text(q, 3, except ? except : "");
	if (bind_text(q, 1, now) || bound)
		rc = bind_fail(st, err);
	else
		rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "sessie bijwerken mislukt");
	if (n)
		*n = rc ? 0 : (size_t)db_changes(st->db);
	db_finalize(q);
	return rc;
}

int store_session_touch(store *st, const char *token_hash, strbuf *err)
{
	return session_update(st, "UPDATE sessie SET laatst_gebruikt = ?1 WHERE token_hash = ?2", token_hash, 0, NULL,
			      NULL, err);
}

/* Ending sessions is told to the other processes on the registry, which
 * forget what they keep of them (after the change when it committed on its
 * own, inside the caller's transaction otherwise). */
int store_session_revoke(store *st, const char *token_hash, strbuf *err)
{
	int rc = session_update(st, "UPDATE sessie SET ingetrokken = ?1 WHERE token_hash = ?2 AND ingetrokken IS NULL",
				token_hash, 0, NULL, NULL, err);
	return rc ? rc : tell_sessions(st, 0, token_hash, err);
}

int store_sessions_revoke_user(store *st, int64_t user, const char *except, size_t *n, strbuf *err)
{
	int rc = session_update(st,
				"UPDATE sessie SET ingetrokken = ?1 WHERE gebruiker_id = ?2 AND token_hash <> ?3"
				" AND ingetrokken IS NULL",
				NULL, user, except, n, err);
	return rc ? rc : tell_sessions(st, user, NULL, err);
}
