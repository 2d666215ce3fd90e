/*
 * api_tafel_besluit.c - the meeting of the thuiszitterstafel (SPEC 6): the
 * tafel discusses leerplicht's fixed list; for each child discussed it
 * records what was decided, the next step, by whom and by when, and at a
 * later tafel (three weeks on) whether that step happened. The agenda of a
 * tafel is the children discussed there and the decisions of earlier tafels
 * of the same organisation not yet checked (src/core/tafel.c). Each viewer
 * sees the children in its own scope; the others are counted.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/tafel.h"
#include "../util/alloc.h"
#include "api.h"
#include "api_tafel_besluit.h"

static void head_of(void *ctx, const tafel_info *t)
{
	meeting_head *h = ctx;
	h->found = true;
	snprintf(h->soort, sizeof h->soort, "%s", t->soort);
	snprintf(h->organisatie, sizeof h->organisatie, "%s", t->organisatie);
	if (date_parse(t->peildatum, strlen(t->peildatum), &h->peildatum) != 0)
		h->peildatum = DAY_NONE;
}

static void no_rows(void *ctx, const tafel_row *x)
{
	(void)ctx;
	(void)x;
}

bool tafel_sees_on(viewer *v, const char *pupil_id, day_t d)
{
	int32_t p = dataset_pupil(v->s->ds, pupil_id, strlen(pupil_id));
	if (p == NO_REF)
		return false;
	classification c;
	classify(v->s->ds, (uint32_t)p, d, &c);
	return access_sees_pupil(v->s->ds, &v->set, (uint32_t)p, &c);
}

bool meeting_load(req *r, int64_t id, meeting_head *h)
{
	*h = (meeting_head){0};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int found = id > 0 ? store_tafel_get(st, id, head_of, no_rows, h, &err) : 0;
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (found < 0) {
		reply_error(r, 500, "interne_fout", "de lijst is niet leesbaar");
		return false;
	}
	if (!found || !h->found) {
		reply_error(r, 404, "onbekend", "lijst %lld is onbekend", (long long)id);
		return false;
	}
	if (strcmp(h->soort, "leerplicht") != 0) {
		reply_error(r, 400, "verkeerde_lijst", "de tafel bespreekt de lijst van leerplicht, niet die van het "
						       "samenwerkingsverband");
		return false;
	}
	return true;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void keep(void *ctx, const tafel_besluit *b)
{
	decisions *d = ctx;
	d->b = xgrow(d->b, &d->cap, d->n + 1, sizeof *d->b);
	d->texts = xgrow(d->texts, &d->cap_t, 9 * (d->n + 1), sizeof *d->texts);
	char **t = &d->texts[9 * d->n];
	const char *src[9] = {b->leerling_id, b->besluit, b->volgende_stap, b->door, b->uiterlijk, b->vastgelegd_op,
			      b->gebruikersnaam, b->organisatie, b->peildatum};
	for (int i = 0; i < 9; i++)
		t[i] = dup_or_null(src[i]);
	d->b[d->n] = *b;
	d->b[d->n].leerling_id = t[0];
	d->b[d->n].besluit = t[1];
	d->b[d->n].volgende_stap = t[2];
	d->b[d->n].door = t[3];
	d->b[d->n].uiterlijk = t[4];
	d->b[d->n].vastgelegd_op = t[5];
	d->b[d->n].gebruikersnaam = t[6];
	d->b[d->n].organisatie = t[7];
	d->b[d->n++].peildatum = t[8];
}

void decisions_free(decisions *d)
{
	for (size_t i = 0; i < 9 * d->n; i++)
		free(d->texts[i]);
	free(d->texts);
	free(d->b);
}

bool decisions_load(req *r, const char *organisatie, decisions *d)
{
	*d = (decisions){0};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_tafel_decisions(st, organisatie, keep, d, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (rc) {
		decisions_free(d);
		reply_error(r, 500, "interne_fout", "de besluiten van de tafel zijn niet leesbaar");
		return false;
	}
	return true;
}

day_t day_of(const char *s)
{
	day_t d;
	return s && date_parse(s, strlen(s), &d) == 0 ? d : DAY_NONE;
}

static const tafel_besluit *by_id(const decisions *d, int64_t id)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->b[i].id == id)
			return &d->b[i];
	return NULL;
}

json_t *decision_json(const tafel_besluit *b, const decisions *all, const dataset *ds, day_t on)
{
	int32_t p = dataset_pupil(ds, b->leerling_id, strlen(b->leerling_id));
	const tafel_besluit *earlier = b->vorige_id ? by_id(all, b->vorige_id) : NULL;
	const tafel_besluit *later = b->checked_by ? by_id(all, b->checked_by) : NULL;
	json_t *prev = earlier ? json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)earlier->id, "besluit",
					   earlier->besluit, "volgende_stap", earlier->volgende_stap, "door", earlier->door,
					   "uiterlijk", earlier->uiterlijk, "gedaan", b->gedaan == 1)
			       : json_null();
	return json_pack("{s:I, s:I, s:s, s:s, s:s*, s:s*, s:s, s:s, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)b->id,
			 "tafel", (json_int_t)b->tafel_id, "peildatum", b->peildatum, "leerling_id", b->leerling_id,
			 "voornaam", p != NO_REF ? PUPIL_AT(ds, p).voornaam : NULL, "achternaam",
			 p != NO_REF ? PUPIL_AT(ds, p).achternaam : NULL, "besluit", b->besluit, "volgende_stap",
			 b->volgende_stap, "door", b->door, "uiterlijk", b->uiterlijk, "stand",
			 tafel_step_state(day_of(b->uiterlijk), later ? later->gedaan : -1, on), "vorige", prev,
			 "vastgelegd_door", b->gebruikersnaam);
}

void h_tafel_meeting(req *r)
{
	int64_t id = path_number(r->params[0]);
	meeting_head h;
	if (!meeting_load(r, id, &h))
		return;
	decisions d;
	if (!decisions_load(r, h.organisatie, &d))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	viewer v;
	viewer_open(&v, r, s, 0);
	json_t *here = json_array(), *carried = json_array();
	size_t hidden = 0;
	for (size_t i = 0; i < d.n; i++) {
		const tafel_besluit *b = &d.b[i];
		bool at_this = b->tafel_id == id, back = tafel_carried(day_of(b->peildatum), h.peildatum, b->checked_by != 0);
		if (!at_this && !back)
			continue;
		classification c;
		if (!viewer_sees_pupil(&v, b->leerling_id, &c)) {
			hidden++;
			continue;
		}
		japp(at_this ? here : carried, decision_json(b, &d, s->ds, h.peildatum));
	}
	viewer_close(&v);
	snapshot_release(s);
	decisions_free(&d);
	char peil[DATE_TEXT], next[DATE_TEXT];
	date_format(h.peildatum, peil);
	date_format(tafel_next_due(h.peildatum, h.peildatum), next);
	json_int_t n = (json_int_t)(json_array_size(here) + json_array_size(carried));
	reply_audited(r, 200,
		      json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:I}", "tafel", (json_int_t)id, "organisatie", h.organisatie,
				"peildatum", peil, "volgende_tafel", next, "besproken", here, "uit_vorige_tafels", carried,
				"buiten_scope", (json_int_t)hidden),
		      "lijst", NULL,
		      json_pack("{s:s, s:I, s:I}", "lijst", "besluiten thuiszitterstafel", "tafel", (json_int_t)id, "aantal", n));
}

/* A required text of the body, or NULL after a 400 naming the field in words. */
static const char *needed(req *r, const char *key, const char *words)
{
	const char *v = form(r, key);
	if (!v || !*v)
		reply_error(r, 400, "ontbreekt", "vul %s in", words);
	return v && *v ? v : NULL;
}

void h_tafel_decide(req *r)
{
	int64_t id = path_number(r->params[0]);
	const char *child_id = needed(r, "leerling_id", "de leerling"), *besluit = child_id ? needed(r, "besluit", "het besluit") : NULL;
	const char *stap = besluit ? needed(r, "volgende_stap", "de volgende stap") : NULL;
	const char *door = stap ? needed(r, "door", "wie de volgende stap zet") : NULL;
	const char *uiterlijk = door ? needed(r, "uiterlijk", "wanneer de volgende stap uiterlijk gezet is") : NULL;
	if (!uiterlijk)
		return;
	day_t by;
	if (date_parse(uiterlijk, strlen(uiterlijk), &by) != 0) {
		reply_error(r, 400, "ongeldige_datum", "veld 'uiterlijk' verwacht een bestaande datum JJJJ-MM-DD");
		return;
	}
	json_t *prev = json_object_get(r->json, "vorige_id"), *done = json_object_get(r->json, "gedaan");
	if ((prev != NULL) != (done != NULL)) {
		reply_error(r, 400, "ontbreekt", "bij een besluit van een vorige tafel hoort of de stap gedaan is (veld 'gedaan')");
		return;
	}
	meeting_head h;
	if (!meeting_load(r, id, &h))
		return;
	if (by < h.peildatum) {
		reply_error(r, 400, "ongeldige_datum", "de volgende stap ligt niet voor de tafel zelf");
		return;
	}
	snapshot *s = snapshot_acquire(&r->srv->snap);
	viewer v;
	viewer_open(&v, r, s, 0);
	classification c;
	bool sees = viewer_sees_pupil(&v, child_id, &c);
	viewer_close(&v);
	snapshot_release(s);
	if (!sees) {
		reply_error(r, 403, "buiten_scope", "leerling %s valt buiten uw scope", child_id);
		return;
	}
	tafel_besluit b = {.tafel_id = id, .leerling_id = child_id, .besluit = besluit, .volgende_stap = stap, .door = door,
			   .uiterlijk = uiterlijk, .gedaan = -1, .gebruikersnaam = r->who->naam,
			   .organisatie = r->who->organisatie, .gebruiker_id = r->who->id};
	if (prev) {
		decisions d;
		if (!decisions_load(r, h.organisatie, &d))
			return;
		const tafel_besluit *e = by_id(&d, json_integer_value(prev));
		bool ok = e && strcmp(e->leerling_id, child_id) == 0 &&
			  tafel_carried(day_of(e->peildatum), h.peildatum, e->checked_by != 0);
		decisions_free(&d);
		if (!ok) {
			reply_error(r, 409, "niet_toegestaan", "besluit %lld is geen open besluit van een vorige tafel over deze "
							       "leerling", (long long)json_integer_value(prev));
			return;
		}
		b.vorige_id = json_integer_value(prev);
		b.gedaan = json_is_true(done);
	}
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int64_t bid = 0;
	int rc = store_tafel_decide(st, &b, &bid, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (rc == STORE_CONFLICT) {
		reply_error(r, 409, "al_vastgelegd", "of de stap van dat besluit gedaan is, is al vastgelegd");
		return;
	}
	if (rc) {
		reply_error(r, 500, "interne_fout", "het besluit kon niet worden vastgelegd");
		return;
	}
	reply_audited(r, 201, json_pack("{s:I, s:I, s:s}", "id", (json_int_t)bid, "tafel", (json_int_t)id, "leerling_id", child_id),
		      "wijzigen", child_id,
		      json_pack("{s:s, s:I, s:I}", "wat", "besluit thuiszitterstafel", "tafel", (json_int_t)id, "besluit",
				(json_int_t)bid));
}
