/*
 * store_tafel_agenda.c - the agenda of the thuiszitterstafel (issue 15,
 * migration 10): which children of leerplicht's list are discussed, in which
 * order. Setting it writes a new version in one transaction; reading gives
 * the latest version of every tafel of an organisation. Never changed.
 */
#include "store_internal.h"

int store_tafel_agenda_set(store *st, int64_t tafel_id, const char *const *pupils, size_t n, int64_t gebruiker_id,
			   const char *gebruikersnaam, strbuf *err)
{
	char now[20];
	store_now(now);
	if (begin(st, true, err))
		return -1;
	db_stmt *q = NULL;
	int rc = prepare(st,
			 "INSERT INTO tafel_agenda (tafel_id, versie, volgorde, leerling_id, vastgelegd_op, gebruiker_id,"
			 " gebruikersnaam) VALUES (?1, (SELECT coalesce(max(versie), 0) + CASE WHEN ?2 = 1 THEN 1 ELSE 0 END"
			 " FROM tafel_agenda WHERE tafel_id = ?1), ?2, ?3, ?4, ?5, ?6)",
			 &q, err);
	for (size_t i = 0; i < n && !rc; i++) {
		/* The first row opens the new version; the others join it. */
		if (bind_int(q, 1, tafel_id) || bind_int(q, 2, (int64_t)i + 1) || bind_text(q, 3, pupils[i]) ||
		    bind_text(q, 4, now) || bind_int(q, 5, gebruiker_id) || bind_text(q, 6, gebruikersnaam))
			rc = bind_fail(st, err);
		else if (db_step(q) != DB_DONE)
			rc = db_fail(st, err, "agenda vastleggen mislukt");
		db_reset(q);
	}
	db_finalize(q);
	if (rc) {
		rollback(st);
		return rc;
	}
	return commit(st, err);
}

int store_tafel_agendas(store *st, const char *organisatie, void (*row)(void *, int64_t, const char *), void *ctx,
			strbuf *err)
{
	db_stmt *q;
	if (prepare(st,
		    "SELECT a.tafel_id, a.leerling_id FROM tafel_agenda a JOIN tafel t ON t.id = a.tafel_id"
		    " WHERE t.organisatie = ?1 AND a.versie = (SELECT max(b.versie) FROM tafel_agenda b"
		    " WHERE b.tafel_id = a.tafel_id) ORDER BY a.tafel_id, a.volgorde",
		    &q, err))
		return -1;
	if (bind_text(q, 1, organisatie)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row(ctx, col_int(q, 0), col_text(q, 1));
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "agenda lezen mislukt");
}
