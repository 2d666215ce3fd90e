/*
 * api_tafel_agenda.c - the agenda of the thuiszitterstafel (SPEC 6, issue
 * 15): before the meeting, leerplicht chooses which children of its fixed
 * list the tafel discusses, in order. Until it does, the agenda proposed is
 * what the previous tafel (three weeks earlier) leaves: the children on its
 * agenda it did not discuss, and the children with a decision whose step
 * nobody has checked yet (src/core/tafel.c). The previous tafel's agenda
 * comes along with, per child, whether it was discussed there, and the
 * decisions to check with their stand. Each viewer sees the children in its
 * own scope; the others are counted.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/tafel.h"
#include "../util/alloc.h"
#include "api.h"
#include "api_tafel_agenda.h"
#include "api_tafel_besluit.h"

/* Everything an agenda is made of. */
typedef struct agenda {
	int64_t id;
	meeting_head h;
	decisions d;
	int64_t *at;	/* the latest agendas of the organisation: tafel per row ... */
	char **pupil;	/* ... and child, in order */
	size_t n, cap_at, cap_pupil;
	char **listed;	/* the children on this tafel's list */
	size_t n_listed, cap_listed;
	int64_t prev;	/* the previous tafel, 0 when none */
	day_t prev_day;
} agenda;

static void agenda_row(void *ctx, int64_t tafel_id, const char *leerling_id)
{
	agenda *a = ctx;
	a->at = xgrow(a->at, &a->cap_at, a->n + 1, sizeof *a->at);
	a->pupil = xgrow(a->pupil, &a->cap_pupil, a->n + 1, sizeof *a->pupil);
	a->at[a->n] = tafel_id;
	a->pupil[a->n++] = xstrdup(leerling_id);
}

static void previous_row(void *ctx, const tafel_info *t)
{
	agenda *a = ctx;
	day_t d = day_of(t->peildatum);
	if (strcmp(t->organisatie, a->h.organisatie) == 0 && d != DAY_NONE &&
	    tafel_previous_better(d, t->id, a->prev_day, a->prev, a->h.peildatum)) {
		a->prev = t->id;
		a->prev_day = d;
	}
}

static void no_head(void *ctx, const tafel_info *t)
{
	(void)ctx;
	(void)t;
}

static void listed_row(void *ctx, const tafel_row *x)
{
	agenda *a = ctx;
	if (!x->leerling_id[0])
		return;
	a->listed = xgrow(a->listed, &a->cap_listed, a->n_listed + 1, sizeof *a->listed);
	a->listed[a->n_listed++] = xstrdup(x->leerling_id);
}

static void agenda_free(agenda *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->pupil[i]);
	for (size_t i = 0; i < a->n_listed; i++)
		free(a->listed[i]);
	free(a->at);
	free(a->pupil);
	free(a->listed);
	decisions_free(&a->d);
}

/* Load the tafel of list id with its agendas, decisions and previous tafel;
 * false after a reply. */
static bool agenda_load(req *r, int64_t id, agenda *a)
{
	*a = (agenda){.id = id, .prev_day = DAY_NONE};
	if (!meeting_load(r, id, &a->h) || !decisions_load(r, a->h.organisatie, &a->d))
		return false;
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_tafel_agendas(st, a->h.organisatie, agenda_row, a, &err);
	if (!rc)
		rc = store_tafels(st, "leerplicht", previous_row, a, &err);
	if (!rc)
		rc = store_tafel_get(st, id, no_head, listed_row, a, &err) < 0 ? -1 : 0;
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (rc) {
		agenda_free(a);
		reply_error(r, 500, "interne_fout", "de agenda van de tafel is niet leesbaar");
		return false;
	}
	return true;
}

static bool on_agenda(const agenda *a, int64_t tafel, const char *child)
{
	for (size_t i = 0; tafel && i < a->n; i++)
		if (a->at[i] == tafel && strcmp(a->pupil[i], child) == 0)
			return true;
	return false;
}

/* Whether the tafel decided on the child. */
static bool discussed(const agenda *a, int64_t tafel, const char *child)
{
	for (size_t i = 0; i < a->d.n; i++)
		if (a->d.b[i].tafel_id == tafel && strcmp(a->d.b[i].leerling_id, child) == 0)
			return true;
	return false;
}

static bool carried(const agenda *a, const tafel_besluit *b)
{
	return tafel_carried(day_of(b->peildatum), a->h.peildatum, b->checked_by != 0);
}

static bool open_decision(const agenda *a, const char *child)
{
	for (size_t i = 0; i < a->d.n; i++)
		if (carried(a, &a->d.b[i]) && strcmp(a->d.b[i].leerling_id, child) == 0)
			return true;
	return false;
}

static bool listed(const agenda *a, const char *child)
{
	for (size_t i = 0; i < a->n_listed; i++)
		if (strcmp(a->listed[i], child) == 0)
			return true;
	return false;
}

/* The children of the agenda: as set, or (none set) as proposed. */
static size_t agenda_children(const agenda *a, const char **out, size_t cap, bool *set)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n && n < cap; i++)
		if (a->at[i] == a->id)
			out[n++] = a->pupil[i];
	*set = n > 0;
	if (*set)
		return n;
	for (size_t i = 0; i < a->n && n < cap; i++)
		if (a->prev && a->at[i] == a->prev &&
		    tafel_agenda_comes_back(true, discussed(a, a->prev, a->pupil[i]), open_decision(a, a->pupil[i])))
			out[n++] = a->pupil[i];
	for (size_t i = 0; i < a->d.n && n < cap; i++) {
		const char *p = a->d.b[i].leerling_id;
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(out[k], p) == 0;
		if (!seen && tafel_agenda_comes_back(false, false, carried(a, &a->d.b[i])))
			out[n++] = p;
	}
	return n;
}

static json_t *child_json(const dataset *ds, const char *id)
{
	int32_t p = dataset_pupil(ds, id, strlen(id));
	return json_pack("{s:s, s:s*, s:s*}", "leerling_id", id, "voornaam", p != NO_REF ? PUPIL_AT(ds, p).voornaam : NULL,
			 "achternaam", p != NO_REF ? PUPIL_AT(ds, p).achternaam : NULL);
}

void h_tafel_agenda(req *r)
{
	agenda a;
	if (!agenda_load(r, path_number(r->params[0]), &a))
		return;
	const char **kids = xcalloc(a.n + a.d.n + 1, sizeof *kids);
	bool set;
	size_t n = agenda_children(&a, kids, a.n + a.d.n + 1, &set);
	snapshot *s = snapshot_acquire(&r->srv->snap);
	viewer v;
	viewer_open(&v, r, s, 0);
	classification c;
	json_t *items = json_array(), *before = json_array(), *checks = json_array();
	size_t hidden = 0;
	for (size_t i = 0; i < n; i++) {
		if (!tafel_sees_on(&v, kids[i], a.h.peildatum)) {
			hidden++;
			continue;
		}
		json_t *x = child_json(s->ds, kids[i]);
		jset(x, "volgorde", json_integer((json_int_t)i + 1));
		jset(x, "op_lijst", json_boolean(listed(&a, kids[i])));
		jset(x, "besproken", json_boolean(discussed(&a, a.id, kids[i])));
		jset(x, "open_besluit", json_boolean(open_decision(&a, kids[i])));
		japp(items, x);
	}
	for (size_t i = 0; i < a.n; i++)
		if (a.prev && a.at[i] == a.prev && tafel_sees_on(&v, a.pupil[i], a.prev_day)) {
			json_t *x = child_json(s->ds, a.pupil[i]);
			jset(x, "besproken", json_boolean(discussed(&a, a.prev, a.pupil[i])));
			japp(before, x);
		}
	for (size_t i = 0; i < a.d.n; i++)
		if (carried(&a, &a.d.b[i]) && viewer_sees_pupil(&v, a.d.b[i].leerling_id, &c))
			japp(checks, decision_json(&a.d.b[i], &a.d, s->ds, a.h.peildatum));
	viewer_close(&v);
	snapshot_release(s);
	char peil[DATE_TEXT], next[DATE_TEXT], prev[DATE_TEXT];
	date_format(a.h.peildatum, peil);
	date_format(tafel_next_due(a.h.peildatum, a.h.peildatum), next);
	date_format(a.prev_day, prev);
	json_t *previous = a.prev ? json_pack("{s:I, s:s, s:o}", "tafel", (json_int_t)a.prev, "peildatum", prev, "agenda", before)
				  : (json_decref(before), json_null());
	json_int_t count = (json_int_t)json_array_size(items);
	reply_audited(r, 200,
		      json_pack("{s:I, s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:I}", "tafel", (json_int_t)a.id, "organisatie",
				a.h.organisatie, "peildatum", peil, "volgende_tafel", next, "vastgesteld", set, "agenda",
				items, "vorige_tafel", previous, "uit_vorige_tafels", checks, "buiten_scope",
				(json_int_t)hidden),
		      "lijst", NULL,
		      json_pack("{s:s, s:I, s:I}", "lijst", "agenda thuiszitterstafel", "tafel", (json_int_t)a.id, "aantal",
				count));
	free(kids);
	agenda_free(&a);
}

void h_tafel_agenda_set(req *r)
{
	json_t *list = json_object_get(r->json, "leerlingen");
	size_t n = json_array_size(list);
	const char **kids = xcalloc(n + 1, sizeof *kids);
	for (size_t i = 0; i < n; i++)
		kids[i] = json_string_value(json_array_get(list, i));
	strbuf why = STRBUF_INIT;
	agenda a;
	if (!tafel_agenda_ok(kids, n, &why)) {
		reply_error(r, 400, "ongeldig_veld", "veld 'leerlingen': %s", sb_str(&why));
		goto out;
	}
	if (!agenda_load(r, path_number(r->params[0]), &a))
		goto out;
	if (strcmp(a.h.organisatie, r->who->organisatie) != 0) {
		reply_error(r, 403, "niet_toegestaan", "de agenda stelt leerplicht vast die de lijst vaststelde (%s)",
			    a.h.organisatie);
		goto out_a;
	}
	snapshot *s = snapshot_acquire(&r->srv->snap);
	viewer v;
	viewer_open(&v, r, s, 0);
	const char *outside = NULL, *unlisted = NULL;
	for (size_t i = 0; i < n && !outside && !unlisted; i++)
		if (!tafel_sees_on(&v, kids[i], a.h.peildatum))
			outside = kids[i];
		else if (!listed(&a, kids[i]) && !open_decision(&a, kids[i]) && !on_agenda(&a, a.prev, kids[i]))
			unlisted = kids[i];
	viewer_close(&v);
	snapshot_release(s);
	if (outside) {
		reply_error(r, 403, "buiten_scope", "leerling %s valt buiten uw scope", outside);
		goto out_a;
	}
	if (unlisted) {
		reply_error(r, 409, "niet_op_lijst", "leerling %s staat niet op deze lijst en niet op de agenda of in een open "
						     "besluit van de vorige tafel", unlisted);
		goto out_a;
	}
	store *st = pool_get(&r->srv->pool);
	int rc = store_tafel_agenda_set(st, a.id, kids, n, r->who->id, r->who->naam, &why);
	pool_put(&r->srv->pool, st);
	if (rc)
		reply_error(r, 500, "interne_fout", "de agenda kon niet worden vastgelegd");
	else
		reply_audited(r, 201, json_pack("{s:I, s:I}", "tafel", (json_int_t)a.id, "aantal", (json_int_t)n), "lijst",
			      NULL,
			      json_pack("{s:s, s:I, s:I}", "lijst", "agenda thuiszitterstafel vastgesteld", "tafel",
					(json_int_t)a.id, "aantal", (json_int_t)n));
out_a:
	agenda_free(&a);
out:
	sb_free(&why);
	free(kids);
}
