/*
 * store_cases.c - streams of case events, fixed tafel lists, stays in care:
 * each write one transaction (with the facts it changes), every bound value
 * checked before a statement runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "store_internal.h"

/* ---- streams ---------------------------------------------------------------- */

static void event_from(db_stmt *q, stream_event *e)
{
	e->id = col_int(q, 0);
	e->stream = col_int(q, 1);
	e->soort = col_text(q, 2);
	e->datum = col_text(q, 3);
	e->vastgelegd_op = col_text(q, 4);
	e->gebruiker_id = col_int(q, 5);
	e->gebruikersnaam = col_text(q, 6);
	e->organisatie = col_text(q, 7);
	e->gegevens = col_text(q, 8);
}

#define EVENT_COLUMNS "g.id, g.stroom_id, g.soort, g.datum, g.vastgelegd_op, g.gebruiker_id, g.gebruikersnaam, g.organisatie, g.gegevens"

/* The events so far as an owned array (strings copied), for a check. */
typedef struct event_list {
	stream_event *ev;
	char **owned;
	size_t n, cap, cap_owned, n_owned;
} event_list;

static const char *keep(event_list *l, const char *s)
{
	if (!s)
		return NULL;
	l->owned = xgrow(l->owned, &l->cap_owned, l->n_owned + 1, sizeof *l->owned);
	return l->owned[l->n_owned++] = xstrdup(s);
}

static void collect(void *ctx, const stream_event *e)
{
	event_list *l = ctx;
	l->ev = xgrow(l->ev, &l->cap, l->n + 1, sizeof *l->ev);
	stream_event c = *e;
	c.soort = keep(l, e->soort);
	c.datum = keep(l, e->datum);
	c.vastgelegd_op = keep(l, e->vastgelegd_op);
	c.gebruikersnaam = keep(l, e->gebruikersnaam);
	c.organisatie = keep(l, e->organisatie);
	c.gegevens = keep(l, e->gegevens);
	l->ev[l->n++] = c;
}

static void event_list_free(event_list *l)
{
	for (size_t i = 0; i < l->n_owned; i++)
		free(l->owned[i]);
	free(l->owned);
	free(l->ev);
}

static int insert_event(store *st, int64_t stream, const new_event *ev, int64_t *id, strbuf *err)
{
	char now[20];
	store_now(now);
	db_stmt *q;
	if (prepare(st,
		    "INSERT INTO gebeurtenis (stroom_id, soort, datum, vastgelegd_op, gebruiker_id, gebruikersnaam, organisatie,"
		    " gegevens) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
		    &q, err))
		return -1;
	int rc;
	if (bind_int(q, 1, stream) || bind_text(q, 2, ev->soort) || bind_text(q, 3, ev->datum) || bind_text(q, 4, now) ||
	    bind_id(q, 5, ev->gebruiker_id) || bind_text(q, 6, ev->gebruikersnaam) || bind_text(q, 7, ev->organisatie) ||
	    bind_text(q, 8, ev->gegevens ? ev->gegevens : "{}"))
		rc = bind_fail(st, err);
	else
		rc = step_returning(q, id) == DB_DONE ? 0 : db_fail(st, err, "gebeurtenis vastleggen mislukt");
	if (rc)
		*id = 0;
	db_finalize(q);
	return rc ? rc : tell_cases(st, err); /* the other processes' dossier states */
}

static int events_of(store *st, int64_t stream, event_list *l, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "SELECT " EVENT_COLUMNS " FROM gebeurtenis g WHERE g.stroom_id = ?1 ORDER BY g.id", &q, err))
		return -1;
	if (bind_int(q, 1, stream)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	stream_event e;
	while ((rc = db_step(q)) == DB_ROW) {
		event_from(q, &e);
		collect(l, &e);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "gebeurtenissen lezen mislukt");
}

/* The events of the pupil's latest stream of a kind (none: l stays empty). */
static int latest_events(store *st, const char *kind, const char *pupil_id, event_list *l, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "SELECT id FROM stroom WHERE leerling_id = ?1 AND soort = ?2 ORDER BY id DESC LIMIT 1", &q, err))
		return -1;
	if (bind_text(q, 1, pupil_id) || bind_text(q, 2, kind)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int step = db_step(q);
	int64_t id = step == DB_ROW ? col_int(q, 0) : 0;
	db_finalize(q);
	if (step != DB_ROW && step != DB_DONE)
		return db_fail(st, err, "dossiers lezen mislukt");
	return id ? events_of(st, id, l, err) : 0;
}

/* One new stream inside the caller's transaction. */
static int open_one(store *st, const char *kind, const char *pupil_id, const new_event *first, event_check check,
		    void *ctx, int64_t *stream, int64_t *event, strbuf *err)
{
	int rc = 0;
	if (check) {
		event_list l = {0};
		rc = latest_events(st, kind, pupil_id, &l, err);
		if (!rc && !check(ctx, l.ev, l.n, first, err))
			rc = STORE_INVALID;
		event_list_free(&l);
		if (rc)
			return rc;
	}
	char now[20];
	store_now(now);
	db_stmt *q = NULL;
	if (prepare(st, "INSERT INTO stroom (soort, leerling_id, aangemaakt) VALUES (?1, ?2, ?3) RETURNING id", &q, err))
		return -1;
	if (bind_text(q, 1, kind) || bind_text(q, 2, pupil_id) || bind_text(q, 3, now))
		rc = bind_fail(st, err);
	else
		rc = step_returning(q, stream) == DB_DONE ? 0 : db_fail(st, err, "dossier aanmaken mislukt");
	if (rc)
		*stream = 0;
	db_finalize(q);
	return rc ? rc : insert_event(st, *stream, first, event, err);
}

int store_stream_open(store *st, const char *kind, const char *pupil_id, const new_event *first, event_check check,
		      void *ctx, const fact_facts *facts, int64_t *stream, int64_t *event, strbuf *err)
{
	if (begin(st, true, err))
		return -1;
	int rc = open_one(st, kind, pupil_id, first, check, ctx, stream, event, err);
	if (!rc && facts && facts->n)
		rc = pupil_change_in_tx(st, pupil_id, facts->ch, facts->n, facts->actor, facts->source, &facts->out->batch,
					facts->out->ids, err);
	if (rc) {
		rollback(st);
		return rc;
	}
	return commit(st, err);
}
/* The audit entry of a stream opened by store_streams_open, as details. */
typedef struct opened_stream {
	const char *kind, *pupil_id;
	int64_t stream, event;
} opened_stream;

/* The pupil is named in the details, not as the entry's leerling: the
 * entries of a pupil (GET /api/audit?leerling=) are what people did; this
 * one the registry did. The id is a code (letters, digits), no escaping. */
static bool opened_details(void *ctx, strbuf *out)
{
	const opened_stream *o = ctx;
	if (strcspn(o->pupil_id, "\"\\") != strlen(o->pupil_id))
		return false;
	sb_printf(out, "{\"%s\":%lld,\"soort\":\"opening\",\"gebeurtenis\":%lld,\"automatisch\":true,\"leerling\":\"%s\"}",
		  !strcmp(o->kind, "dossier") ? "dossier" : "vrijstellingsprocedure", (long long)o->stream,
		  (long long)o->event, o->pupil_id);
	return true;
}

int store_streams_open(store *st, const char *kind, const char *const *pupil_ids, const new_event *firsts, size_t n,
		       event_check check, void *ctx, const audit_entry *by, size_t *opened, strbuf *err)
{
	*opened = 0;
	if (begin(st, true, err))
		return -1;
	for (size_t i = 0; i < n; i++) {
		opened_stream o = {kind, pupil_ids[i], 0, 0};
		strbuf why = STRBUF_INIT;
		int rc = open_one(st, kind, pupil_ids[i], &firsts[i], check, ctx, &o.stream, &o.event, &why);
		if (!rc) {
			change_audit a = {*by, opened_details, &o, false};
			rc = audit_in_tx(st, &a, &why);
		}
		if (rc && rc != STORE_INVALID) {
			sb_puts(err, sb_str(&why));
			sb_free(&why);
			rollback(st);
			*opened = 0;
			return rc;
		}
		*opened += rc == 0;
		sb_free(&why);
	}
	if (commit(st, err)) {
		*opened = 0;
		return -1;
	}
	return 0;
}

int store_stream_append(store *st, int64_t stream, const new_event *ev, event_check check, void *ctx,
			const fact_facts *facts, int64_t *event, strbuf *err)
{
	if (begin(st, true, err))
		return -1;
	db_stmt *q;
	char pupil_id[72] = "";
	int rc = prepare(st, "SELECT leerling_id FROM stroom WHERE id = ?1", &q, err);
	if (!rc) {
		int step = bind_int(q, 1, stream) ? UNBOUND : db_step(q);
		if (step == DB_ROW)
			snprintf(pupil_id, sizeof pupil_id, "%s", col_text(q, 0));
		else if (step == DB_DONE)
			rc = STORE_NOT_FOUND;
		else
			rc = db_fail(st, err, "dossier lezen mislukt");
		db_finalize(q);
	}
	event_list l = {0};
	if (!rc)
		rc = events_of(st, stream, &l, err);
	if (!rc && check && !check(ctx, l.ev, l.n, ev, err))
		rc = STORE_INVALID;
	if (!rc && facts && facts->n)
		rc = pupil_change_in_tx(st, pupil_id, facts->ch, facts->n, facts->actor, facts->source, &facts->out->batch,
					facts->out->ids, err);
	if (!rc)
		rc = insert_event(st, stream, ev, event, err);
	event_list_free(&l);
	if (rc) {
		rollback(st);
		return rc;
	}
	return commit(st, err);
}

int store_streams(store *st, const char *kind, const char *pupil_id, void (*row)(void *, const stream_info *), void *ctx,
		  strbuf *err)
{
	db_stmt *q;
	/* One pupil's through its index (stroom_leerling); "?2 IS NULL OR" in
	 * one statement would read every stream for it. */
	if (prepare(st,
		    pupil_id ? "SELECT id, soort, leerling_id, aangemaakt FROM stroom WHERE soort = ?1 AND leerling_id = ?2"
			       " ORDER BY id"
			     : "SELECT id, soort, leerling_id, aangemaakt FROM stroom WHERE soort = ?1 ORDER BY id",
		    &q, err))
		return -1;
	if (bind_text(q, 1, kind) || (pupil_id && bind_text(q, 2, pupil_id))) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		stream_info s = {col_int(q, 0), col_text(q, 1), col_text(q, 2), col_text(q, 3)};
		row(ctx, &s);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "dossiers lezen mislukt");
}

int store_stream_get(store *st, int64_t id, void (*row)(void *, const stream_info *), void *ctx, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "SELECT id, soort, leerling_id, aangemaakt FROM stroom WHERE id = ?1", &q, err))
		return -1;
	if (bind_int(q, 1, id)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc = db_step(q), found = 0;
	if (rc == DB_ROW) {
		stream_info s = {col_int(q, 0), col_text(q, 1), col_text(q, 2), col_text(q, 3)};
		row(ctx, &s);
		found = 1;
	}
	db_finalize(q);
	return rc == DB_ROW || rc == DB_DONE ? found : db_fail(st, err, "dossier lezen mislukt");
}

int store_stream_events(store *st, const char *kind, int64_t id, void (*row)(void *, const stream_event *), void *ctx,
			strbuf *err)
{
	db_stmt *q;
	/* One stream's through its index (gebeurtenis_stroom); "?2 = 0 OR" in
	 * one statement would read every stream's events for it. */
	if (prepare(st,
		    id ? "SELECT " EVENT_COLUMNS " FROM gebeurtenis g JOIN stroom s ON s.id = g.stroom_id"
			 " WHERE s.soort = ?1 AND s.id = ?2 ORDER BY g.stroom_id, g.id"
		       : "SELECT " EVENT_COLUMNS " FROM gebeurtenis g JOIN stroom s ON s.id = g.stroom_id"
			 " WHERE s.soort = ?1 ORDER BY g.stroom_id, g.id",
		    &q, err))
		return -1;
	if (bind_text(q, 1, kind) || (id && bind_int(q, 2, id))) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	stream_event e;
	while ((rc = db_step(q)) == DB_ROW) {
		event_from(q, &e);
		row(ctx, &e);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "gebeurtenissen lezen mislukt");
}

/* ---- tafel lists --------------------------------------------------------------- */

int store_tafel_create(store *st, const tafel_info *t, const tafel_row *rows, size_t n, int64_t *id, strbuf *err)
{
	char now[20];
	store_now(now);
	if (begin(st, true, err))
		return -1;
	db_stmt *q = NULL, *r = NULL;
	int rc = prepare(st,
			 "INSERT INTO tafel (soort, organisatie, scope, peildatum, vastgesteld_op, gebruiker_id, gebruikersnaam,"
			 " registratie, bron, bestandsnaam) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, coalesce(?9, 'registratie'), ?10)"
			 " RETURNING id",
			 &q, err);
	if (!rc) {
		if (bind_text(q, 1, t->soort) || bind_text(q, 2, t->organisatie) || bind_text(q, 3, t->scope) ||
		    bind_text(q, 4, t->peildatum) || bind_text(q, 5, now) || bind_int(q, 6, t->gebruiker_id) ||
		    bind_text(q, 7, t->gebruikersnaam) || bind_int(q, 8, t->registratie) || bind_text(q, 9, t->bron) ||
		    bind_text(q, 10, t->bestandsnaam))
			rc = bind_fail(st, err);
		else
			rc = step_returning(q, id) == DB_DONE ? 0 : db_fail(st, err, "lijst vastleggen mislukt");
		if (rc)
			*id = 0;
	}
	if (!rc)
		rc = prepare(st,
			     "INSERT INTO tafel_rij (tafel_id, leerling_id, categorie, sector, startdatum, duur_dagen, zonder_aanbod,"
			     " gemeentecode, brin, vestiging, swv, regel, koppeling, gegeven, melding)"
			     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, nullif(?12, 0), ?13, ?14, ?15)",
			     &r, err);
	for (size_t i = 0; i < n && !rc; i++) {
		const tafel_row *x = &rows[i];
		int duur = x->duur_dagen >= 0 ? bind_int(r, 6, x->duur_dagen) : db_bind_null(r, 6);
		if (duur || bind_int(r, 1, *id) || bind_text(r, 2, x->leerling_id) || bind_text(r, 3, x->categorie) ||
		    bind_text(r, 4, x->sector) || bind_text(r, 5, x->startdatum) || bind_int(r, 7, x->zonder_aanbod) ||
		    bind_text(r, 8, x->gemeentecode) || bind_text(r, 9, x->brin) || bind_text(r, 10, x->vestiging) ||
		    bind_text(r, 11, x->swv) || bind_int(r, 12, x->regel) || bind_text(r, 13, x->koppeling) ||
		    bind_text(r, 14, x->gegeven) || bind_text(r, 15, x->melding))
			rc = bind_fail(st, err);
		else if (db_step(r) != DB_DONE)
			rc = db_fail(st, err, "lijst vastleggen mislukt");
		db_reset(r);
	}
	db_finalize(q);
	db_finalize(r);
	if (rc) {
		rollback(st);
		return rc;
	}
	return commit(st, err);
}

#define TAFEL_COLUMNS \
	"t.id, t.soort, t.organisatie, t.scope, t.peildatum, t.vastgesteld_op, t.gebruikersnaam, t.registratie," \
	" (SELECT count(*) FROM tafel_rij r WHERE r.tafel_id = t.id), coalesce(t.gebruiker_id, 0), t.bron, t.bestandsnaam"

static void tafel_from(db_stmt *q, tafel_info *t)
{
	*t = (tafel_info){col_int(q, 0), col_text(q, 1), col_text(q, 2), col_text(q, 3), col_text(q, 4),
			  col_text(q, 5), col_text(q, 6), col_int(q, 7), col_int(q, 8),
			  col_int(q, 9), col_text(q, 10), col_text(q, 11)};
}

int store_tafels(store *st, const char *soort, void (*row)(void *, const tafel_info *), void *ctx, strbuf *err)
{
	db_stmt *q;
	/* Newest business day first (the peildatum), not newest recording: a list
	 * fixed late for an earlier day is not the latest list. */
	if (prepare(st,
		    "SELECT " TAFEL_COLUMNS " FROM tafel t WHERE ?1 IS NULL OR t.soort = ?1 ORDER BY t.peildatum DESC, t.id DESC",
		    &q, err))
		return -1;
	if (bind_text(q, 1, soort)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	tafel_info t;
	while ((rc = db_step(q)) == DB_ROW) {
		tafel_from(q, &t);
		row(ctx, &t);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "lijsten lezen mislukt");
}

int store_tafel_get(store *st, int64_t id, void (*head)(void *, const tafel_info *), void (*row)(void *, const tafel_row *),
		    void *ctx, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "SELECT " TAFEL_COLUMNS " FROM tafel t WHERE t.id = ?1", &q, err))
		return -1;
	if (bind_int(q, 1, id)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc = db_step(q);
	if (rc == DB_ROW) {
		tafel_info t;
		tafel_from(q, &t);
		head(ctx, &t);
	}
	db_finalize(q);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : db_fail(st, err, "lijst lezen mislukt");
	if (prepare(st,
		    "SELECT leerling_id, categorie, sector, startdatum, duur_dagen, zonder_aanbod, gemeentecode, brin, vestiging,"
		    " swv, coalesce(regel, 0), koppeling, gegeven, melding, (SELECT b.besluit FROM tafel_bevestiging b"
		    " WHERE b.tafel_id = r.tafel_id AND b.regel = r.regel ORDER BY b.id DESC LIMIT 1)"
		    " FROM tafel_rij r WHERE tafel_id = ?1 ORDER BY coalesce(regel, 0), leerling_id",
		    &q, err))
		return -1;
	if (bind_int(q, 1, id)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	while ((rc = db_step(q)) == DB_ROW) {
		tafel_row r = {col_text(q, 0), col_text(q, 1), col_text(q, 2), col_text(q, 3), col_text(q, 6), col_text(q, 7),
			       col_text(q, 8), col_text(q, 9),
			       db_col_null(q, 4) ? -1 : col_int(q, 4),
			       col_int(q, 5), col_int(q, 10), col_text(q, 11), col_text(q, 12),
			       col_text(q, 13), col_text(q, 14)};
		row(ctx, &r);
	}
	db_finalize(q);
	return rc == DB_DONE ? 1 : db_fail(st, err, "lijst lezen mislukt");
}

int store_tafel_confirm(store *st, int64_t id, int64_t regel, const char *besluit, int64_t gebruiker_id,
			const char *gebruikersnaam, strbuf *err)
{
	char now[20];
	store_now(now);
	db_stmt *q;
	if (prepare(st,
		    "INSERT INTO tafel_bevestiging (tafel_id, regel, besluit, vastgelegd_op, gebruiker_id, gebruikersnaam)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		    &q, err))
		return -1;
	int rc;
	if (bind_int(q, 1, id) || bind_int(q, 2, regel) || bind_text(q, 3, besluit) || bind_text(q, 4, now) ||
	    bind_int(q, 5, gebruiker_id) || bind_text(q, 6, gebruikersnaam))
		rc = bind_fail(st, err);
	else
		rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "bevestiging vastleggen mislukt");
	db_finalize(q);
	return rc;
}

int store_tafel_decide(store *st, const tafel_besluit *b, int64_t *id, strbuf *err)
{
	char now[20];
	store_now(now);
	db_stmt *q;
	if (prepare(st,
		    "INSERT INTO tafel_bespreking (tafel_id, leerling_id, besluit, volgende_stap, door, uiterlijk, vorige_id,"
		    " gedaan, vastgelegd_op, gebruiker_id, gebruikersnaam, organisatie)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, 0), CASE WHEN ?8 < 0 THEN NULL ELSE ?8 END, ?9, ?10, ?11, ?12)"
		    " RETURNING id",
		    &q, err))
		return -1;
	int rc;
	if (bind_int(q, 1, b->tafel_id) || bind_text(q, 2, b->leerling_id) || bind_text(q, 3, b->besluit) ||
	    bind_text(q, 4, b->volgende_stap) || bind_text(q, 5, b->door) || bind_text(q, 6, b->uiterlijk) ||
	    bind_int(q, 7, b->vorige_id) || bind_int(q, 8, b->gedaan) || bind_text(q, 9, now) ||
	    bind_int(q, 10, b->gebruiker_id) || bind_text(q, 11, b->gebruikersnaam) || bind_text(q, 12, b->organisatie))
		rc = bind_fail(st, err);
	else {
		int step = step_returning(q, id);
		rc = step == DB_DONE ? 0 : step == DB_UNIQUE ? STORE_CONFLICT : db_fail(st, err, "besluit vastleggen mislukt");
	}
	if (rc)
		*id = 0;
	db_finalize(q);
	return rc;
}

int store_tafel_decisions(store *st, const char *organisatie, void (*row)(void *, const tafel_besluit *), void *ctx,
			  strbuf *err)
{
	db_stmt *q;
	if (prepare(st,
		    "SELECT b.id, b.tafel_id, coalesce(b.vorige_id, 0), b.leerling_id, b.besluit, b.volgende_stap, b.door,"
		    " b.uiterlijk, coalesce(b.gedaan, -1), b.vastgelegd_op, b.gebruikersnaam, b.organisatie, t.peildatum,"
		    " coalesce((SELECT c.id FROM tafel_bespreking c WHERE c.vorige_id = b.id), 0)"
		    " FROM tafel_bespreking b JOIN tafel t ON t.id = b.tafel_id WHERE t.organisatie = ?1"
		    " ORDER BY t.peildatum, b.tafel_id, b.id",
		    &q, err))
		return -1;
	if (bind_text(q, 1, organisatie)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		tafel_besluit b = {col_int(q, 0), col_int(q, 1), col_int(q, 2),
				   col_text(q, 3), col_text(q, 4), col_text(q, 5), col_text(q, 6), col_text(q, 7),
				   col_int(q, 8), col_text(q, 9), col_text(q, 10), col_text(q, 11),
				   col_text(q, 12), col_int(q, 13), 0};
		row(ctx, &b);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "besluiten lezen mislukt");
}

/* ---- stays in care -------------------------------------------------------------- */

int store_verblijf_save(store *st, int64_t replaces, const verblijf_row *v, int64_t *id, strbuf *err)
{
	char now[20];
	store_now(now);
	if (begin(st, true, err))
		return -1;
	int rc = 0;
	db_stmt *q = NULL;
	if (replaces) {
		rc = prepare(st, "SELECT leerling_id, CASE WHEN vervangen_door IS NULL THEN 1 ELSE 0 END FROM verblijf"
				 " WHERE id = ?1", &q, err);
		if (!rc) {
			int step = bind_int(q, 1, replaces) ? UNBOUND : db_step(q);
			if (step != DB_ROW && step != DB_DONE)
				rc = db_fail(st, err, "verblijf lezen mislukt");
			else if (step == DB_DONE || strcmp(col_text(q, 0), v->leerling_id) != 0)
				rc = STORE_NOT_FOUND;
			else if (!col_int(q, 1))
				rc = STORE_CONFLICT;
		}
		db_finalize(q);
		q = NULL;
		if (rc == STORE_CONFLICT)
			sb_puts(err, "dit verblijf is intussen gewijzigd; laad de leerling opnieuw");
	}
	if (!rc)
		rc = prepare(st,
			     "INSERT INTO verblijf (leerling_id, soort, instelling, van, tot, regie_organisatie_id,"
			     " regie_gebruiker_id, vastgelegd_op, gebruikersnaam) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
			     " RETURNING id",
			     &q, err);
	if (!rc) {
		if (bind_text(q, 1, v->leerling_id) || bind_text(q, 2, v->soort) || bind_text(q, 3, v->instelling) ||
		    bind_text(q, 4, v->van) || bind_text(q, 5, v->tot) || bind_id(q, 6, v->regie_organisatie_id) ||
		    bind_id(q, 7, v->regie_gebruiker_id) || bind_text(q, 8, now) || bind_text(q, 9, v->gebruikersnaam))
			rc = bind_fail(st, err);
		else
			rc = step_returning(q, id) == DB_DONE ? 0 : db_fail(st, err, "verblijf vastleggen mislukt");
		if (rc)
			*id = 0;
	}
	db_finalize(q);
	if (!rc && replaces) {
		char sql[] = "UPDATE verblijf SET vervangen_door = ?1 WHERE id = ?2";
		rc = prepare(st, sql, &q, err);
		if (!rc) {
			if (bind_int(q, 1, *id) || bind_int(q, 2, replaces))
				rc = bind_fail(st, err);
			else
				rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "verblijf bijwerken mislukt");
			db_finalize(q);
		}
	}
	if (rc) {
		rollback(st);
		return rc;
	}
	return commit(st, err);
}

int store_verblijven(store *st, const char *pupil_id, void (*row)(void *, const verblijf_row *), void *ctx, strbuf *err)
{
	db_stmt *q;
	if (prepare(st,
		    "SELECT v.id, v.leerling_id, v.soort, v.instelling, v.van, v.tot, v.vastgelegd_op, v.gebruikersnaam,"
		    " coalesce(v.regie_organisatie_id, 0), coalesce(v.regie_gebruiker_id, 0), o.naam, g.naam"
		    " FROM verblijf v LEFT JOIN organisatie o ON o.id = v.regie_organisatie_id"
		    " LEFT JOIN gebruiker g ON g.id = v.regie_gebruiker_id"
		    " WHERE v.vervangen_door IS NULL AND (?1 IS NULL OR v.leerling_id = ?1) ORDER BY v.leerling_id, v.van",
		    &q, err))
		return -1;
	if (bind_text(q, 1, pupil_id)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		verblijf_row v = {col_int(q, 0), col_text(q, 1), col_text(q, 2), col_text(q, 3), col_text(q, 4),
				  col_text(q, 5), col_text(q, 6), col_text(q, 7), col_int(q, 8),
				  col_int(q, 9), col_text(q, 10), col_text(q, 11)};
		row(ctx, &v);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "verblijven lezen mislukt");
}

/* ---- retention ---------------------------------------------------------------- */

int store_dossier_set_retention(store *st, int days, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "UPDATE instelling SET waarde = ?1 WHERE naam = 'dossier_bewaardagen'", &q, err))
		return -1;
	int rc;
	if (bind_int(q, 1, days))
		rc = bind_fail(st, err);
	else
		rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "bewaartermijn instellen mislukt");
	db_finalize(q);
	return rc;
}

/* The dossiers closed before the day ?1 (the day counted from, less the
 * retention period) and not reopened after. */
#define CLOSED_BEFORE                                                                                       \
	"SELECT s.id FROM stroom s JOIN gebeurtenis g ON g.stroom_id = s.id WHERE s.soort = 'dossier'"      \
	" AND g.soort = 'sluiting' AND g.datum < ?1"                                                        \
	" AND NOT EXISTS (SELECT 1 FROM gebeurtenis h WHERE h.stroom_id = s.id AND h.soort = 'heropening'" \
	" AND h.id > g.id)"

/* Run sql with ?1 = id; 0 or -1. */
static int run_with_id(store *st, const char *sql, int64_t id, int64_t *changed, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, sql, &q, err))
		return -1;
	int step = bind_int(q, 1, id) ? UNBOUND : db_step(q);
	int rc = step == DB_DONE ? 0 : step == UNBOUND ? bind_fail(st, err) : db_fail(st, err, "bewaartermijn toepassen mislukt");
	if (!rc && changed)
		*changed = db_changes(st->db);
	db_finalize(q);
	return rc;
}

/* The ids of the dossiers CLOSED_BEFORE cutoff finds (owned by *ids). */
static int closed_before(store *st, const char *cutoff, int64_t **ids, size_t *n, strbuf *err)
{
	*ids = NULL;
	*n = 0;
	db_stmt *q;
	if (prepare(st, CLOSED_BEFORE " ORDER BY s.id", &q, err))
		return -1;
	size_t cap = 0;
	int step = bind_text(q, 1, cutoff) ? UNBOUND : DB_ROW;
	while (step == DB_ROW && (step = db_step(q)) == DB_ROW) {
		int64_t id = col_int(q, 0);
		if (*n && (*ids)[*n - 1] == id)
			continue; /* closed more than once */
		*ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = id;
	}
	db_finalize(q);
	if (step == DB_DONE)
		return 0;
	free(*ids);
	*ids = NULL;
	*n = 0;
	return step == UNBOUND ? bind_fail(st, err) : db_fail(st, err, "bewaartermijn toepassen mislukt");
}

int store_dossier_purge(store *st, day_t today, size_t *removed, strbuf *err)
{
	*removed = 0;
	char day[DATE_TEXT], cutoff[DATE_TEXT];
	date_format(today, day);
	long days;
	if (setting_days(st, "dossier_bewaardagen", &days, err))
		return -1;
	date_format(today - (day_t)days, cutoff);
	/* Most sweeps find nothing: then a read, and no write lock taken. */
	int64_t *ids;
	size_t n;
	if (closed_before(st, cutoff, &ids, &n, err))
		return -1;
	free(ids);
	ids = NULL;
	if (!n)
		return 0;
	if (begin(st, true, err))
		return -1;
	/* The day counted from, for the trigger (migration 5) as for the query. */
	db_stmt *q = NULL;
	int rc = prepare(st, "UPDATE instelling SET waarde = ?1 WHERE naam = 'dossier_opruimdag'", &q, err);
	if (!rc) {
		if (bind_text(q, 1, day))
			rc = bind_fail(st, err);
		else
			rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "bewaartermijn toepassen mislukt");
	}
	db_finalize(q);
	/* Again inside the write transaction: what the read found may have
	 * changed since. */
	if (!rc)
		rc = closed_before(st, cutoff, &ids, &n, err);
	/* The closing goes last: the trigger looks for it. */
	for (size_t i = 0; i < n && !rc; i++) {
		int64_t gone = 0;
		rc = run_with_id(st, "DELETE FROM gebeurtenis WHERE stroom_id = ?1 AND soort <> 'sluiting'", ids[i], NULL, err);
		if (!rc)
			rc = run_with_id(st, "DELETE FROM gebeurtenis WHERE stroom_id = ?1", ids[i], NULL, err);
		if (!rc)
			rc = run_with_id(st, "DELETE FROM stroom WHERE id = ?1", ids[i], &gone, err);
		*removed += rc ? 0 : (size_t)gone;
	}
	free(ids);
	if (!rc)
		rc = exec(st, "UPDATE instelling SET waarde = '' WHERE naam = 'dossier_opruimdag'", err);
	if (!rc && n)
		rc = tell_cases(st, err);
	if (rc || commit(st, err)) {
		*removed = 0;
		if (rc)
			rollback(st);
		return -1;
	}
	return 0;
}
