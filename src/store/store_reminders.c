/*
 * store_reminders.c - reminders by e-mail in the registry (migration 12):
 * who wants the daily digest and at which address, and which server day's
 * digest each account got (claimed before it is sent), so neither a restart
 * nor a second process sends it twice.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../util/alloc.h"
#include "store_internal.h"

static void copy_email(const char *v, char out[256])
{
	snprintf(out, 256, "%s", v ? v : "");
}

int store_reminder_get(store *st, int64_t gebruiker_id, reminder_setting *out, strbuf *err)
{
	*out = (reminder_setting){.gebruiker_id = gebruiker_id};
	db_stmt *q;
	if (prepare(st, "SELECT aan, email FROM herinnering_instelling WHERE gebruiker_id = ?1", &q, err))
		return -1;
	int rc = 0, step = bind_int(q, 1, gebruiker_id) ? UNBOUND : db_step(q);
	if (step == DB_ROW) {
		out->aan = col_int(q, 0) != 0;
		copy_email(col_text(q, 1), out->email);
		rc = 1;
	} else if (step != DB_DONE) {
		rc = db_fail(st, err, "herinneringsinstelling lezen mislukt");
	}
	db_finalize(q);
	return rc;
}

int store_reminder_set(store *st, const reminder_setting *s, strbuf *err)
{
	char now[20];
	store_now(now);
	/* A transaction of its own: the audit entry armed on st (audit.h) is
	 * written by its commit. */
	if (begin(st, true, err))
		return -1;
	db_stmt *q;
	if (prepare(st,
		    "INSERT INTO herinnering_instelling (gebruiker_id, aan, email, gewijzigd_op) VALUES (?1, ?2, ?3, ?4)"
		    " ON CONFLICT (gebruiker_id) DO UPDATE SET aan = excluded.aan, email = excluded.email,"
		    " gewijzigd_op = excluded.gewijzigd_op",
		    &q, err)) {
		rollback(st);
		return -1;
	}
	int rc = 0;
	if (bind_int(q, 1, s->gebruiker_id) || bind_int(q, 2, s->aan) || bind_text(q, 3, s->email) ||
	    bind_text(q, 4, now))
		rc = bind_fail(st, err);
	else if (db_step(q) != DB_DONE)
		rc = db_fail(st, err, "herinneringsinstelling opslaan mislukt");
	db_finalize(q);
	if (rc) {
		rollback(st);
		return -1;
	}
	return commit(st, err);
}

int store_reminders_due(store *st, const char *day, reminder_setting **out, size_t *n, strbuf *err)
{
	*out = NULL;
	*n = 0;
	db_stmt *q;
	if (prepare(st,
		    "SELECT h.gebruiker_id, h.email FROM herinnering_instelling h JOIN gebruiker g ON g.id = h.gebruiker_id"
		    " WHERE h.aan = 1 AND h.email <> '' AND g.actief = 1 AND NOT EXISTS (SELECT 1 FROM"
		    " herinnering_verzonden v WHERE v.gebruiker_id = h.gebruiker_id AND v.dag = ?1) ORDER BY h.gebruiker_id",
		    &q, err))
		return -1;
	if (bind_text(q, 1, day)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	size_t cap = 0;
	int step;
	while ((step = db_step(q)) == DB_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		reminder_setting *r = &(*out)[(*n)++];
		*r = (reminder_setting){.gebruiker_id = col_int(q, 0), .aan = true};
		copy_email(col_text(q, 1), r->email);
	}
	int rc = step == DB_DONE ? 0 : db_fail(st, err, "herinneringen lezen mislukt");
	db_finalize(q);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int store_reminder_claim(store *st, int64_t gebruiker_id, const char *day, strbuf *err)
{
	char now[20];
	store_now(now);
	db_stmt *q;
	if (prepare(st, "INSERT INTO herinnering_verzonden (gebruiker_id, dag, verzonden_op) VALUES (?1, ?2, ?3)"
		    " ON CONFLICT DO NOTHING",
		    &q, err))
		return -1;
	int rc;
	if (bind_int(q, 1, gebruiker_id) || bind_text(q, 2, day) || bind_text(q, 3, now))
		rc = bind_fail(st, err);
	else if (db_step(q) != DB_DONE)
		rc = db_fail(st, err, "herinnering vastleggen mislukt");
	else
		rc = db_changes(st->db) == 1; /* 0: the row was there, someone else sends it */
	db_finalize(q);
	return rc;
}

int store_reminder_release(store *st, int64_t gebruiker_id, const char *day, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "DELETE FROM herinnering_verzonden WHERE gebruiker_id = ?1 AND dag = ?2", &q, err))
		return -1;
	int rc = 0;
	if (bind_int(q, 1, gebruiker_id) || bind_text(q, 2, day))
		rc = bind_fail(st, err);
	else if (db_step(q) != DB_DONE)
		rc = db_fail(st, err, "herinnering vrijgeven mislukt");
	db_finalize(q);
	return rc;
}

int store_reminder_last(store *st, int64_t gebruiker_id, const char *day, char out[11], strbuf *err)
{
	out[0] = '\0';
	db_stmt *q;
	if (prepare(st, "SELECT max(dag) FROM herinnering_verzonden WHERE gebruiker_id = ?1 AND dag < ?2", &q, err))
		return -1;
	int rc = 0, step = bind_int(q, 1, gebruiker_id) || bind_text(q, 2, day) ? UNBOUND : db_step(q);
	if (step == DB_ROW && col_text(q, 0))
		snprintf(out, 11, "%s", col_text(q, 0));
	else if (step != DB_ROW)
		rc = db_fail(st, err, "laatste herinnering lezen mislukt");
	db_finalize(q);
	return rc;
}
