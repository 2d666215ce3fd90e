/*
 * store_audit.c - the append-only audit log.
 *
 * Every entry carries a SHA-256 over the previous entry's hash and its own
 * fields, so a removed or altered entry breaks the chain. Triggers refuse
 * updates, and deletes of entries inside the retention period; entries that
 * age out are removed with the hash of the last one kept as the new anchor.
 * A value that cannot be bound, or an anchor that cannot be read, is an
 * error: an entry chained to a wrong anchor would break the chain.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "store_internal.h"

static void entry_hash(const char *prev, int64_t id, const audit_entry *e, char out[65])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	char idtext[24], user[24];
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	snprintf(user, sizeof user, "%lld", (long long)e->gebruiker_id);
	const char *parts[] = {prev,	    idtext,	  e->tijdstip, user,	    e->gebruikersnaam, e->rol,
			       e->organisatie, e->leerling_id, e->actie,	e->endpoint, e->doel,	       e->details};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		const char *p = parts[i] ? parts[i] : "";
		crypto_hash_sha256_update(&h, (const unsigned char *)p, strlen(p));
		crypto_hash_sha256_update(&h, (const unsigned char *)"\x1f", 1);
	}
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

/* The hash the chain starts from (instelling audit_anker; "" when none). */
static int read_anchor(store *st, char out[65], strbuf *err)
{
	sqlite3_stmt *q;
	out[0] = '\0';
	if (prepare(st, "SELECT waarde FROM instelling WHERE naam = 'audit_anker'", &q, err))
		return -1;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		snprintf(out, 65, "%s", col_text(q, 0) ? col_text(q, 0) : "");
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(st, err, "auditanker lezen mislukt");
}

static int last_hash(store *st, char out[65], int64_t *last_id, strbuf *err)
{
	sqlite3_stmt *q;
	if (prepare(st, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", &q, err))
		return -1;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*last_id = sqlite3_column_int64(q, 0);
		snprintf(out, 65, "%s", col_text(q, 1));
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return db_fail(st, err, "auditlog lezen mislukt");
	*last_id = 0;
	/* Empty log: the chain starts at the anchor left by retention (or ""). */
	return read_anchor(st, out, err);
}

/* Append n entries inside the open transaction, chained to the last one. */
static int append_in_tx(store *st, const audit_entry *e, size_t n, strbuf *err)
{
	char prev[65];
	int64_t id;
	sqlite3_stmt *q = NULL;
	int rc = last_hash(st, prev, &id, err);
	if (!rc)
		rc = prepare(st,
			     "INSERT INTO audit (id, tijdstip, gebruiker_id, gebruikersnaam, rol, organisatie, leerling_id,"
			     " actie, endpoint, doel, details, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
			     &q, err);
	for (size_t i = 0; i < n && !rc; i++) {
		char hash[65];
		id++;
		entry_hash(prev, id, &e[i], hash);
		if (bind_int(q, 1, id) || bind_text(q, 2, e[i].tijdstip) || bind_int(q, 3, e[i].gebruiker_id) ||
		    bind_text(q, 4, e[i].gebruikersnaam) || bind_text(q, 5, e[i].rol) || bind_text(q, 6, e[i].organisatie) ||
		    bind_text(q, 7, e[i].leerling_id) || bind_text(q, 8, e[i].actie) || bind_text(q, 9, e[i].endpoint) ||
		    bind_text(q, 10, e[i].doel) || bind_text(q, 11, e[i].details) || bind_text(q, 12, hash))
			rc = bind_fail(st, err);
		else if (sqlite3_step(q) != SQLITE_DONE)
			rc = db_fail(st, err, "auditregel vastleggen mislukt");
		sqlite3_reset(q);
		memcpy(prev, hash, sizeof prev);
	}
	sqlite3_finalize(q);
	return rc;
}

int store_audit_append(store *st, const audit_entry *e, size_t n, strbuf *err)
{
	if (exec(st, "BEGIN IMMEDIATE", err))
		return -1;
	if (append_in_tx(st, e, n, err)) {
		rollback(st);
		return -1;
	}
	return commit(st, err);
}

/* Here rather than beside exec() and rollback(): every change's COMMIT
 * writes the audit entry armed for it first. */
int commit(store *st, strbuf *err)
{
	change_audit *a = st->audit_next;
	st->audit_next = NULL;
	if ((!a || audit_in_tx(st, a, err) == 0) && exec(st, "COMMIT", err) == 0) {
		if (a)
			a->written = true;
		return 0;
	}
	rollback(st);
	return -1;
}

void store_audit_with(store *st, change_audit *a)
{
	if (a)
		a->written = false;
	st->audit_next = a;
}

int audit_in_tx(store *st, change_audit *a, strbuf *err)
{
	/* Stamped at the commit: never before the change's own recording time,
	 * so retention (store_audit_purge) cannot keep a change whose entry went. */
	audit_entry e = a->e;
	store_now(e.tijdstip);
	strbuf details = STRBUF_INIT;
	int rc = 0;
	if (a->details && !a->details(a->ctx, &details)) {
		sb_puts(err, "de details van de auditregel konden niet worden gemaakt");
		rc = -1;
	}
	e.details = a->details ? sb_str(&details) : NULL;
	if (!rc)
		rc = append_in_tx(st, &e, 1, err);
	sb_free(&details);
	return rc;
}

static void row_from(sqlite3_stmt *q, audit_row *r)
{
	r->id = sqlite3_column_int64(q, 0);
	snprintf(r->e.tijdstip, sizeof r->e.tijdstip, "%s", col_text(q, 1));
	r->e.gebruiker_id = sqlite3_column_int64(q, 2);
	r->e.gebruikersnaam = col_text(q, 3);
	r->e.rol = col_text(q, 4);
	r->e.organisatie = col_text(q, 5);
	r->e.leerling_id = col_text(q, 6);
	r->e.actie = col_text(q, 7);
	r->e.endpoint = col_text(q, 8);
	r->e.doel = col_text(q, 9);
	r->e.details = col_text(q, 10);
	r->hash = col_text(q, 11);
}

#define AUDIT_COLUMNS \
	"id, tijdstip, gebruiker_id, gebruikersnaam, rol, organisatie, leerling_id, actie, endpoint, doel, details, hash"

int store_audit_query(store *st, const char *pupil_id, int64_t before_id, int limit,
		      void (*row)(void *, const audit_row *), void *ctx, strbuf *err)
{
	audit_filter f = {.leerling_id = pupil_id};
	return store_audit_search(st, &f, before_id, limit, row, ctx, err);
}

int store_audit_search(store *st, const audit_filter *f, int64_t before_id, int limit,
		       void (*row)(void *, const audit_row *), void *ctx, strbuf *err)
{
	sqlite3_stmt *q;
	/* The period compares the day of tijdstip (YYYY-MM-DD, the wall clock
	 * of the recording) with the days asked, both ends included. */
	if (prepare(st,
		    "SELECT " AUDIT_COLUMNS " FROM audit WHERE (?1 IS NULL OR leerling_id IN " MERGED_IDS ")"
		    " AND (?2 = 0 OR id < ?2) AND (?4 IS NULL OR gebruikersnaam = ?4) AND (?5 IS NULL OR actie = ?5)"
		    " AND (?6 IS NULL OR substr(tijdstip, 1, 10) >= ?6) AND (?7 IS NULL OR substr(tijdstip, 1, 10) <= ?7)"
		    " ORDER BY id DESC LIMIT ?3",
		    &q, err))
		return -1;
	/* A filter that failed to bind would be NULL: every entry. */
	if (bind_text(q, 1, f->leerling_id) || bind_int(q, 2, before_id) || bind_int(q, 3, limit) ||
	    bind_text(q, 4, f->gebruiker) || bind_text(q, 5, f->actie) || bind_text(q, 6, f->van) ||
	    bind_text(q, 7, f->tot)) {
		sqlite3_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	audit_row r;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		row_from(q, &r);
		row(ctx, &r);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "auditlog lezen mislukt");
}

int store_audit_set_retention(store *st, int days, strbuf *err)
{
	sqlite3_stmt *q;
	if (prepare(st, "UPDATE instelling SET waarde = ?1 WHERE naam = 'audit_bewaardagen'", &q, err))
		return -1;
	int rc;
	if (bind_int(q, 1, days))
		rc = bind_fail(st, err);
	else
		rc = sqlite3_step(q) == SQLITE_DONE ? 0 : db_fail(st, err, "bewaartermijn vastleggen mislukt");
	sqlite3_finalize(q);
	return rc;
}

int store_audit_purge(store *st, size_t *deleted, strbuf *err)
{
	/* Recording time against the wall clock (the rule in app/compute.h): the
	 * period counts from when an entry was written, no business date. */
	static const char cutoff[] = "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime', '-' ||"
				     " (SELECT waarde FROM instelling WHERE naam = 'audit_bewaardagen') || ' days')";
	*deleted = 0;
	if (exec(st, "BEGIN IMMEDIATE", err))
		return -1;
	/* The hash of the last entry to go becomes the anchor of the chain. */
	int rc = 0;
	strbuf sql = STRBUF_INIT;
	/* Remove the prefix of the chain before the first entry still inside the
	 * period (exact even if two entries were written slightly out of time
	 * order). */
	char first[512];
	snprintf(first, sizeof first,
		 "coalesce((SELECT min(id) FROM audit WHERE tijdstip >= %s), (SELECT coalesce(max(id), 0) + 1 FROM audit))",
		 cutoff);
	/* Changes recorded up to the last entry that goes keep no entry: the
	 * check for changes without one (store_audit_gaps) starts after it. */
	sb_printf(&sql,
		  "UPDATE instelling SET waarde = coalesce((SELECT hash FROM audit WHERE id < %s ORDER BY id DESC"
		  " LIMIT 1), waarde) WHERE naam = 'audit_anker';"
		  " UPDATE instelling SET waarde = max(waarde, coalesce((SELECT max(tijdstip) FROM audit WHERE id < %s), ''))"
		  " WHERE naam = 'audit_volledig_na'; DELETE FROM audit WHERE id < %s;",
		  first, first, first);
	if (!rc)
		rc = exec(st, sb_str(&sql), err);
	sb_free(&sql);
	*deleted = rc ? 0 : (size_t)sqlite3_changes(st->db);
	if (rc) {
		rollback(st);
		return -1;
	}
	return commit(st, err);
}

int store_audit_verify(store *st, size_t *checked, int64_t *first_bad, strbuf *err)
{
	*checked = 0;
	*first_bad = 0;
	sqlite3_stmt *q;
	char prev[65];
	if (read_anchor(st, prev, err) || prepare(st, "SELECT " AUDIT_COLUMNS " FROM audit ORDER BY id", &q, err))
		return -1;
	int rc;
	audit_row r;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		row_from(q, &r);
		char hash[65];
		entry_hash(prev, r.id, &r.e, hash);
		(*checked)++;
		if (strcmp(hash, r.hash) != 0) {
			*first_bad = r.id;
			break;
		}
		memcpy(prev, hash, sizeof prev);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_fail(st, err, "auditlog lezen mislukt");
}

/* The changes recorded after instelling audit_volledig_na (the moment the
 * registry began to write a change's entry in its transaction, or the last
 * entry removed by retention) without an entry that names them: a correctie
 * batch by its "registratie", a case event by its "gebeurtenis" in the
 * entry's details. NOT IN over the materialised list of named ids: one pass
 * over the log, not one per change. */
int store_audit_gaps(store *st, void (*gap)(void *, const audit_gap *), void *ctx, size_t *changes, strbuf *err)
{
	static const char sql[] =
		"WITH na AS (SELECT coalesce((SELECT waarde FROM instelling WHERE naam = 'audit_volledig_na'), '') AS t),"
		" genoemd AS (SELECT json_extract(details, '$.registratie') AS b, json_extract(details, '$.gebeurtenis') AS g"
		"  FROM audit WHERE details IS NOT NULL AND json_valid(details)),"
		" wijziging AS (SELECT 'correctie' AS wat, id, recorded_at AS op FROM batch"
		"  WHERE kind = 'correctie' AND recorded_at > (SELECT t FROM na)"
		"  UNION ALL SELECT 'gebeurtenis', id, vastgelegd_op FROM gebeurtenis WHERE vastgelegd_op > (SELECT t FROM na))"
		" SELECT wat, id, op, (wat = 'correctie' AND id NOT IN (SELECT b FROM genoemd WHERE b IS NOT NULL))"
		"  OR (wat = 'gebeurtenis' AND id NOT IN (SELECT g FROM genoemd WHERE g IS NOT NULL))"
		" FROM wijziging ORDER BY op, wat, id";
	*changes = 0;
	sqlite3_stmt *q;
	if (prepare(st, sql, &q, err))
		return -1;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		(*changes)++;
		if (sqlite3_column_int(q, 3) && gap) {
			audit_gap g = {col_text(q, 0), sqlite3_column_int64(q, 1), col_text(q, 2)};
			gap(ctx, &g);
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : db_fail(st, err, "auditlog en wijzigingen vergelijken mislukt");
}
