/*
 * store_requests.c - accounts under four eyes: requests to create, widen or
 * reset an account, their decision by a second beheerder and the one-time
 * code that the user redeems. Each operation one transaction, so that a
 * change's audit entry (store_audit_with) commits with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

enum { CODE_DAYS = 7 }; /* a code not used within a week expires */

#define REQUEST_SELECT                                                                                          \
	"SELECT v.id, v.gebruiker_id, v.soort, v.rol, v.scope, coalesce(v.organisatie_id, 0), coalesce(v.actief, -1)," \
	" v.vier_ogen, v.aangevraagd_door, coalesce(v.beoordeeld_door, 0), v.aangevraagd_op, v.verloopt,"            \
	" v.beoordeeld_op, v.code_gebruikt_op, v.uitkomst, v.code1, v.code2, g.naam, a.naam, b.naam"                \
	" FROM gebruiker_verzoek v JOIN gebruiker g ON g.id = v.gebruiker_id"                                       \
	" LEFT JOIN gebruiker a ON a.id = v.aangevraagd_door LEFT JOIN gebruiker b ON b.id = v.beoordeeld_door"

static void request_from(db_stmt *q, account_request *r)
{
	*r = (account_request){
		.id = col_int(q, 0),
		.gebruiker_id = col_int(q, 1),
		.soort = col_text(q, 2),
		.rol = col_text(q, 3),
		.scope = col_text(q, 4),
		.organisatie_id = col_int(q, 5),
		.actief = col_int(q, 6),
		.vier_ogen = col_int(q, 7) != 0,
		.aangevraagd_door = col_int(q, 8),
		.beoordeeld_door = col_int(q, 9),
		.aangevraagd_op = col_text(q, 10),
		.verloopt = col_text(q, 11),
		.beoordeeld_op = col_text(q, 12),
		.code_gebruikt_op = col_text(q, 13),
		.uitkomst = col_text(q, 14),
		.code1 = col_text(q, 15),
		.code2 = col_text(q, 16),
		.gebruikersnaam = col_text(q, 17),
		.aangevraagd_door_naam = col_text(q, 18),
		.beoordeeld_door_naam = col_text(q, 19),
	};
}

/* Run one statement with up to 8 bound values (NULL text binds NULL):
 * texts t[i] at ?1.., then integers n[i] at ?(nt+1)...; with id, an
 * INSERT ... RETURNING id whose new id it gets. */
static int run_id(store *st, const char *sql, const char *const *t, int nt, const int64_t *n, int nn, const char *what,
		  int64_t *id, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, sql, &q, err))
		return -1;
	int rc = 0;
	for (int i = 0; i < nt && !rc; i++)
		rc = bind_text(q, i + 1, t[i]);
	for (int i = 0; i < nn && !rc; i++)
		rc = bind_int(q, nt + i + 1, n[i]);
	if (rc) {
		rc = bind_fail(st, err);
	} else {
		int64_t made;
		rc = (id ? step_returning(q, &made) : db_step(q)) == DB_DONE ? 0 : db_fail(st, err, what);
		if (id)
			*id = rc ? 0 : made;
	}
	db_finalize(q);
	return rc;
}

static int run(store *st, const char *sql, const char *const *t, int nt, const int64_t *n, int nn, const char *what,
	       strbuf *err)
{
	return run_id(st, sql, t, nt, n, nn, what, NULL, err);
}

static int end_sessions(store *st, int64_t user, const char *now, strbuf *err)
{
	const char *t[] = {now};
	int64_t n[] = {user};
	/* Every change to an account ends its sessions here: the other
	 * processes forget what they keep of them. */
	int rc = run(st, "UPDATE sessie SET ingetrokken = ?1 WHERE gebruiker_id = ?2 AND ingetrokken IS NULL", t, 1, n,
		     1, "sessies beëindigen mislukt", err);
	return rc ? rc : tell_sessions(st, user, NULL, err);
}

int store_account_request(store *st, const account_request *rq, const char *new_name, int64_t *id,
			  int64_t *account_id, strbuf *err)
{
	char now[20], until[20];
	store_now(now);
	store_time_after((long)CODE_DAYS * 24 * 3600, until);
	if (begin(st, true, err))
		return -1;
	int rc = 0;
	*id = 0;
	*account_id = rq->gebruiker_id;
	if (!strcmp(rq->soort, "nieuw")) {
		account existing;
		int found = store_account_get(st, new_name, 0, &existing, err);
		if (found == 1)
			account_free(&existing);
		rc = found < 0 ? -1 : found ? STORE_CONFLICT : 0;
		const char *t[] = {new_name, rq->rol, rq->scope, now};
		int64_t n[] = {rq->organisatie_id};
		if (!rc)
			rc = run_id(st,
				    "INSERT INTO gebruiker (naam, rol, scope, wachtwoord, actief, aangemaakt, gewijzigd, organisatie_id)"
				    " VALUES (?1, ?2, ?3, '', 0, ?4, ?4, ?5) RETURNING id",
				    t, 4, n, 1, "gebruiker vastleggen mislukt", account_id, err);
	}
	if (!rc) {
		const char *t[] = {rq->soort};
		int64_t n[] = {*account_id};
		rc = run(st,
			 "UPDATE gebruiker_verzoek SET uitkomst = 'vervangen' WHERE soort = ?1 AND gebruiker_id = ?2"
			 " AND code_gebruikt_op IS NULL AND (uitkomst IS NULL OR uitkomst = 'bevestigd')",
			 t, 1, n, 1, "verzoek vervangen mislukt", err);
	}
	if (!rc) {
		const char *t[] = {rq->soort, rq->rol, rq->scope, now, until, rq->code1, rq->vier_ogen ? NULL : "bevestigd"};
		int64_t n[] = {*account_id, rq->organisatie_id, rq->actief, rq->vier_ogen, rq->aangevraagd_door};
		rc = run_id(st,
			    "INSERT INTO gebruiker_verzoek (soort, rol, scope, aangevraagd_op, verloopt, code1, uitkomst,"
			    " gebruiker_id, organisatie_id, actief, vier_ogen, aangevraagd_door)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, 0), nullif(?10, -1), ?11, ?12) RETURNING id",
			    t, 7, n, 5, "verzoek vastleggen mislukt", id, err);
	}
	if (rc == STORE_CONFLICT)
		sb_printf(err, "gebruiker '%s' bestaat al", new_name);
	if (rc) {
		rollback(st);
		return rc;
	}
	return commit(st, err);
}

int store_account_requests(store *st, bool open_only, void (*row)(void *, const account_request *), void *ctx,
			   strbuf *err)
{
	db_stmt *q;
	if (prepare(st, REQUEST_SELECT " WHERE ?1 = 0 OR (v.vier_ogen = 1 AND v.uitkomst IS NULL) ORDER BY v.id DESC", &q,
		    err))
		return -1;
	if (bind_int(q, 1, open_only)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	account_request r;
	while ((rc = db_step(q)) == DB_ROW) {
		request_from(q, &r);
		row(ctx, &r);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "verzoeken lezen mislukt");
}

/* Inside the transaction: check the request, then record the decision. */
static int decide_in_tx(store *st, int64_t id, int64_t by, bool confirm, const char *code2,
			bool (*may)(void *, const account_request *, strbuf *), void *ctx, const char *now, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, REQUEST_SELECT " WHERE v.id = ?1", &q, err))
		return -1;
	if (bind_int(q, 1, id)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int step = db_step(q), rc = 0;
	account_request r;
	int64_t user = 0;
	bool widen = false;
	char rol[16] = "", scope[4096] = "";
	int64_t org = 0;
	int actief = -1;
	if (step == DB_ROW) {
		request_from(q, &r);
		if (!r.vier_ogen || r.uitkomst) {
			sb_puts(err, "over dit verzoek is al beslist");
			rc = STORE_CONFLICT;
		} else if (!may(ctx, &r, err)) {
			rc = STORE_INVALID;
		}
		user = r.gebruiker_id;
		widen = !strcmp(r.soort, "wijziging");
		snprintf(rol, sizeof rol, "%s", r.rol ? r.rol : "");
		snprintf(scope, sizeof scope, "%s", r.scope ? r.scope : "");
		org = r.organisatie_id;
		actief = r.actief;
	} else {
		rc = step == DB_DONE ? STORE_NOT_FOUND : db_fail(st, err, "verzoek lezen mislukt");
	}
	db_finalize(q);
	if (rc)
		return rc;
	const char *t[] = {confirm ? "bevestigd" : "afgewezen", now, confirm && !widen ? code2 : NULL};
	int64_t n[] = {by, id};
	rc = run(st, "UPDATE gebruiker_verzoek SET uitkomst = ?1, beoordeeld_op = ?2, code2 = ?3, beoordeeld_door = ?4"
		     " WHERE id = ?5",
		 t, 3, n, 2, "beslissing vastleggen mislukt", err);
	if (!rc && confirm && widen) {
		const char *tw[] = {rol[0] ? rol : NULL, scope[0] ? scope : NULL, now};
		int64_t nw[] = {org, actief, user};
		rc = run(st,
			 "UPDATE gebruiker SET rol = coalesce(?1, rol), scope = coalesce(?2, scope), gewijzigd = ?3,"
			 " organisatie_id = coalesce(nullif(?4, 0), organisatie_id),"
			 " actief = CASE WHEN ?5 < 0 THEN actief ELSE ?5 END WHERE id = ?6",
			 tw, 3, nw, 3, "gebruiker bijwerken mislukt", err);
		if (!rc)
			rc = end_sessions(st, user, now, err);
	}
	return rc;
}

int store_account_decide(store *st, int64_t id, int64_t by, bool confirm, const char *code2,
			 bool (*may)(void *, const account_request *, strbuf *), void *ctx, strbuf *err)
{
	char now[20];
	store_now(now);
	if (begin(st, true, err))
		return -1;
	int rc = decide_in_tx(st, id, by, confirm, code2, may, ctx, now, err);
	if (rc) {
		rollback(st);
		return rc;
	}
	return commit(st, err);
}

static int redeem_in_tx(store *st, const char *naam, const char *code1, const char *code2, const char *password_hash,
			const char *now, int64_t *account_id, strbuf *err)
{
	db_stmt *q;
	if (prepare(st,
		    REQUEST_SELECT " WHERE g.naam = ?1 AND v.soort IN ('nieuw', 'herstel') AND v.code_gebruikt_op IS NULL"
				   " AND (v.uitkomst IS NULL OR v.uitkomst = 'bevestigd') AND v.verloopt > ?2 ORDER BY v.id DESC LIMIT 1",
		    &q, err))
		return -1;
	if (bind_text(q, 1, naam) || bind_text(q, 2, now)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int step = db_step(q), rc = 0;
	int64_t request = 0;
	bool activate = false;
	if (step == DB_ROW) {
		account_request r;
		request_from(q, &r);
		request = r.id;
		*account_id = r.gebruiker_id;
		activate = !strcmp(r.soort, "nieuw");
		/* The second half must be there exactly when the request has four eyes. */
		bool first = r.code1 && !strcmp(r.code1, code1);
		bool second = r.vier_ogen ? code2 && r.code2 && !strcmp(r.code2, code2) : !code2;
		if (first && r.vier_ogen && !r.uitkomst) {
			sb_puts(err, "uw code is juist, maar een tweede beheerder moet uw account nog bevestigen");
			rc = STORE_INVALID;
		} else if (!first || !second) {
			rc = STORE_NOT_FOUND;
		}
	} else {
		rc = step == DB_DONE ? STORE_NOT_FOUND : db_fail(st, err, "verzoek lezen mislukt");
	}
	db_finalize(q);
	if (rc)
		return rc;
	const char *t[] = {password_hash, now};
	int64_t n[] = {activate, *account_id};
	rc = run(st,
		 "UPDATE gebruiker SET wachtwoord = ?1, gewijzigd = ?2, actief = CASE WHEN ?3 <> 0 THEN 1 ELSE actief END"
		 " WHERE id = ?4",
		 t, 2, n, 2, "wachtwoord vastleggen mislukt", err);
	const char *tu[] = {now};
	int64_t nu[] = {request};
	if (!rc)
		rc = run(st, "UPDATE gebruiker_verzoek SET code_gebruikt_op = ?1 WHERE id = ?2", tu, 1, nu, 1,
			 "code afboeken mislukt", err);
	return rc ? rc : end_sessions(st, *account_id, now, err);
}

int store_account_redeem(store *st, const char *naam, const char *code1, const char *code2, const char *password_hash,
			 int64_t *account_id, strbuf *err)
{
	char now[20];
	store_now(now);
	*account_id = 0;
	if (begin(st, true, err))
		return -1;
	int rc = redeem_in_tx(st, naam, code1, code2, password_hash, now, account_id, err);
	if (rc) {
		rollback(st);
		return rc;
	}
	return commit(st, err);
}

int store_account_narrow(store *st, int64_t id, const char *rol, const char *scope, int64_t organisatie_id, bool actief,
			 size_t *revoked, strbuf *err)
{
	char now[20];
	store_now(now);
	*revoked = 0;
	if (begin(st, true, err))
		return -1;
	const char *t[] = {rol, scope, now};
	int64_t n[] = {organisatie_id, actief, id};
	int rc = run(st, "UPDATE gebruiker SET rol = ?1, scope = ?2, gewijzigd = ?3, organisatie_id = ?4, actief = ?5"
			 " WHERE id = ?6",
		     t, 3, n, 3, "gebruiker bijwerken mislukt", err);
	if (!rc && db_changes(st->db) == 0)
		rc = STORE_NOT_FOUND;
	/* A widening still waiting was asked against the old terms: it goes. */
	if (!rc)
		rc = run(st, "UPDATE gebruiker_verzoek SET uitkomst = 'vervangen' WHERE gebruiker_id = ?1"
			     " AND soort = 'wijziging' AND uitkomst IS NULL",
			 NULL, 0, &id, 1, "verzoek vervangen mislukt", err);
	if (!rc) {
		rc = end_sessions(st, id, now, err);
		*revoked = rc ? 0 : (size_t)db_changes(st->db);
	}
	if (rc) {
		rollback(st);
		return rc;
	}
	return commit(st, err);
}
