/*
 * store_merge.c - one child, one record (issue 14): merging a pupil that was
 * registered twice into the surviving record, in one transaction with its
 * audit entry, and finding where a merged id went.
 *
 * The merged pupil's current facts are carried over to the survivor as new
 * versions in one batch (the old versions end in it, so the history shows
 * both; a fact both hold is carried once), the survivor's identity gains what only the merged record knew
 * (BSN, onderwijsnummer, names), its dossiers and procedures point to the
 * survivor and its stays are corrected to it; the survivor's facts must then
 * pass the rules of an import. Audit entries and fixed tafel lists keep the
 * old id: they are read with the survivor's (samenvoeging).
 */
#include <stdio.h>
#include <string.h>

#include "store_internal.h"

/* Run sql with ?1 = keep, ?2 = gone, ?3 = batch (those it names). */
static int run3(store *st, const char *sql, const char *keep, const char *gone, int64_t batch, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, sql, &q, err))
		return -1;
	int n = db_param_count(q);
	bool bad = (n >= 1 && bind_text(q, 1, keep)) || (n >= 2 && bind_text(q, 2, gone)) || (n >= 3 && bind_int(q, 3, batch));
	int rc = bad ? bind_fail(st, err) : db_step(q) == DB_DONE ? 0 : db_fail(st, err, "samenvoegen mislukt");
	db_finalize(q);
	return rc;
}

/* Whether id has a current identity row and is not merged already. */
static int current_pupil(store *st, const char *id, strbuf *err)
{
	db_stmt *q;
	if (prepare(st,
		    "SELECT 1 FROM leerlingen WHERE leerling_id = ?1 AND v_until IS NULL AND NOT EXISTS"
		    " (SELECT 1 FROM samenvoeging WHERE leerling_id = ?1)",
		    &q, err))
		return -1;
	int rc = bind_text(q, 1, id) ? UNBOUND : db_step(q);
	db_finalize(q);
	if (rc == UNBOUND)
		return bind_fail(st, err);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : db_fail(st, err, "lezen mislukt");
}

/* Stays are corrected, not changed: a new row for the survivor, the old
 * one pointing to it. */
static int carry_stays(store *st, const char *keep, const char *gone, const char *actor, const char *when,
		       strbuf *err)
{
	db_stmt *ids;
	if (prepare(st, "SELECT id FROM verblijf WHERE leerling_id = ?1 AND vervangen_door IS NULL", &ids, err))
		return -1;
	int rc = bind_text(ids, 1, gone) ? bind_fail(st, err) : 0, step;
	while (!rc && (step = db_step(ids)) == DB_ROW) {
		int64_t old = col_int(ids, 0);
		db_stmt *q;
		if (prepare(st,
			    "INSERT INTO verblijf (leerling_id, soort, instelling, van, tot, regie_organisatie_id,"
			    " regie_gebruiker_id, vastgelegd_op, gebruikersnaam) SELECT CAST(?1 AS TEXT), soort, instelling, van,"
			    " tot, regie_organisatie_id, regie_gebruiker_id, CAST(?2 AS TEXT), CAST(?3 AS TEXT) FROM verblijf"
			    " WHERE id = ?4 RETURNING id",
			    &q, err)) {
			rc = -1;
			break;
		}
		int64_t made = 0;
		if (bind_text(q, 1, keep) || bind_text(q, 2, when) || bind_text(q, 3, actor) || bind_int(q, 4, old))
			rc = bind_fail(st, err);
		else
			rc = step_returning(q, &made) == DB_DONE ? 0 : db_fail(st, err, "samenvoegen mislukt");
		db_finalize(q);
		if (!rc && prepare(st, "UPDATE verblijf SET vervangen_door = ?1 WHERE id = ?2", &q, err) == 0) {
			if (bind_int(q, 1, made) || bind_int(q, 2, old))
				rc = bind_fail(st, err);
			else
				rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "samenvoegen mislukt");
			db_finalize(q);
		} else if (!rc) {
			rc = -1;
		}
	}
	if (!rc && step != DB_DONE)
		rc = db_fail(st, err, "lezen mislukt");
	db_finalize(ids);
	return rc;
}

static int merge_in_tx(store *st, const char *keep, const char *gone, const char *actor, const char *reden,
		       int64_t *batch, strbuf *err)
{
	int k = current_pupil(st, keep, err), g = k < 0 ? -1 : current_pupil(st, gone, err);
	if (k < 0 || g < 0)
		return -1;
	if (!k || !g) {
		sb_printf(err, "leerling '%s' is onbekend of al samengevoegd", !k ? keep : gone);
		return STORE_NOT_FOUND;
	}
	char when[20], last[20];
	store_now(when);
	if (last_recorded(st, last, err))
		return -1;
	if (strcmp(when, last) < 0)
		memcpy(when, last, sizeof when); /* the clock went back: keep history in order */
	db_stmt *q;
	if (prepare(st, "INSERT INTO batch (recorded_at, actor, kind, source) VALUES (?1, ?2, 'correctie', 'samenvoeging')"
		    " RETURNING id",
		    &q, err))
		return -1;
	int rc = bind_text(q, 1, when) || bind_text(q, 2, actor)
			 ? bind_fail(st, err)
			 : step_returning(q, batch) == DB_DONE ? 0 : db_fail(st, err, "vastleggen van de samenvoeging mislukt");
	db_finalize(q);
	if (!rc)
		rc = tell_batch(st, *batch, (const char *const[]){keep, gone}, 2, err);
	if (rc)
		return rc;
	/* The survivor's identity, completed with what only the other knew. */
	rc = run3(st,
		  "INSERT INTO leerlingen (leerling_id, bsn, onderwijsnummer, geboortedatum, voornaam, achternaam,"
		  " startkwalificatie, v_from) SELECT k.leerling_id, coalesce(k.bsn, g.bsn),"
		  " coalesce(k.onderwijsnummer, g.onderwijsnummer), k.geboortedatum, coalesce(k.voornaam, g.voornaam),"
		  " coalesce(k.achternaam, g.achternaam), coalesce(k.startkwalificatie, g.startkwalificatie), CAST(?3 AS BIGINT)"
		  " FROM leerlingen k, leerlingen g WHERE k.leerling_id = ?1 AND k.v_until IS NULL"
		  " AND g.leerling_id = ?2 AND g.v_until IS NULL",
		  keep, gone, *batch, err);
	if (!rc)
		rc = run3(st,
			  "UPDATE leerlingen SET v_until = ?3 WHERE leerling_id IN (?1, ?2) AND v_until IS NULL AND v_from < ?3",
			  keep, gone, *batch, err);
	/* The facts, as new versions of the survivor's. */
	for (int t = 0; t < T_COUNT && !rc; t++) {
		if (!TABLES[t].per_pupil) /* leerlingen: above */
			continue;
		const table_desc *td = &TABLES[t];
		strbuf sql = STRBUF_INIT;
		sb_printf(&sql, "INSERT INTO %s (", td->name);
		cols_list(td, &sql);
		sb_puts(&sql, ", v_from) SELECT CAST(?1 AS TEXT)");
		for (int i = 1; i < td->ncols; i++)
			sb_printf(&sql, ", %s", td->cols[i]);
		/* A fact both records hold (the same residence, the same
		 * enrolment) is the survivor's once. */
		sb_printf(&sql, ", CAST(?3 AS BIGINT) FROM %s g WHERE g.leerling_id = ?2 AND g.v_until IS NULL AND NOT EXISTS (SELECT 1 FROM %s k"
			  " WHERE k.leerling_id = ?1 AND k.v_until IS NULL", td->name, td->name);
		for (int i = 1; i < td->ncols; i++)
			sb_printf(&sql, " AND (k.%s = g.%s OR (k.%s IS NULL AND g.%s IS NULL))", td->cols[i], td->cols[i],
				  td->cols[i], td->cols[i]);
		sb_puts(&sql, ")");
		rc = run3(st, sb_str(&sql), keep, gone, *batch, err);
		sb_reset(&sql);
		/* ?1 (the survivor) too, so that every parameter is named. */
		sb_printf(&sql, "UPDATE %s SET v_until = ?3 WHERE leerling_id = ?2 AND leerling_id <> ?1 AND v_until IS NULL",
			  td->name);
		if (!rc)
			rc = run3(st, sb_str(&sql), keep, gone, *batch, err);
		sb_free(&sql);
	}
	/* Dossiers and procedures follow the child; stays are corrected. */
	if (!rc)
		rc = run3(st, "UPDATE stroom SET leerling_id = ?1 WHERE leerling_id = ?2", keep, gone, 0, err);
	if (!rc)
		rc = carry_stays(st, keep, gone, actor, when, err);
	if (!rc && prepare(st,
			   "INSERT INTO samenvoeging (leerling_id, naar, batch, door, reden, tijdstip)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			   &q, err) == 0) {
		rc = bind_text(q, 1, gone) || bind_text(q, 2, keep) || bind_int(q, 3, *batch) || bind_text(q, 4, actor) ||
				     bind_text(q, 5, reden) || bind_text(q, 6, when)
			     ? bind_fail(st, err)
			     : db_step(q) == DB_DONE ? 0 : db_fail(st, err, "vastleggen van de samenvoeging mislukt");
		db_finalize(q);
	} else if (!rc) {
		rc = -1;
	}
	/* The survivor's facts together must pass the rules of an import. */
	if (!rc)
		rc = pupil_validate_in_tx(st, keep, err);
	return rc;
}

int store_pupil_merge(store *st, const char *keep, const char *gone, const char *actor, const char *reden,
		      int64_t *batch, strbuf *err)
{
	*batch = 0;
	if (begin(st, true, err))
		return -1;
	int rc = merge_in_tx(st, keep, gone, actor, reden, batch, err);
	if (rc) {
		rollback(st);
		*batch = 0;
		return rc;
	}
	return commit(st, err);
}

int store_merged_into(store *st, const char *id, char *out, size_t cap, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "SELECT naar FROM samenvoeging WHERE leerling_id = ?1", &q, err))
		return -1;
	int found = 0;
	char at[80];
	snprintf(at, sizeof at, "%s", id);
	/* A survivor may be merged in turn: follow the chain (a cycle cannot
	 * form: only a current pupil is merged, into a current pupil). */
	for (int hop = 0; hop < 64; hop++) {
		db_reset(q);
		if (bind_text(q, 1, at)) {
			db_finalize(q);
			return bind_fail(st, err);
		}
		int rc = db_step(q);
		if (rc == DB_DONE)
			break;
		if (rc != DB_ROW) {
			db_finalize(q);
			return db_fail(st, err, "lezen mislukt");
		}
		snprintf(at, sizeof at, "%s", col_text(q, 0));
		found = 1;
	}
	db_finalize(q);
	if (found)
		snprintf(out, cap, "%s", at);
	return found;
}
