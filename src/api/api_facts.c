/*
 * api_facts.c - corrections of a pupil's facts (SPEC 3): every change is
 * validated by the same rules as an import (the fact builder), kept as
 * history, and refused with 409 when someone changed the same fact first. A
 * school writes the facts of its own vestigingen, leerplicht the residences
 * in its gemeenten, and no write widens the writer's reach (access_write.c:
 * absence within the enrolment, the enrolment flow, residences from the
 * BRP); a correction that would grant or extend a vrijstelling 5a is
 * refused: only its procedure does that (SPEC 6).
 */
#include <stdlib.h>
#include <string.h>

#include "../app/accounts.h"
#include "../core/encode.h"
#include "../core/procedure.h"
#include "api.h"

/* The kind of fact a route is about, from its path ("/api/leerlingen/{id}/verzuim..."). */
static table_id fact_table_of(const route *rt)
{
	const char *p = strstr(rt->path, "{id}/");
	if (!p)
		return T_LEERLINGEN;
	p += 5;
	size_t len = strcspn(p, "/");
	for (int t = 0; t < T_COUNT; t++)
		if (strlen(TABLES[t].name) == len && strncmp(TABLES[t].name, p, len) == 0)
			return (table_id)t;
	return T_COUNT;
}

/* Text row (all columns of t) from a JSON object; leerling_id from the path. */
typedef struct row_text {
	char buf[TABLE_MAX_COLS][208];
	field f[TABLE_MAX_COLS];
} row_text;

static void row_from_json(table_id t, const char *id, json_t *obj, row_text *rt)
{
	const table_desc *td = &TABLES[t];
	for (int i = 0; i < td->ncols; i++) {
		rt->buf[i][0] = '\0';
		if (i == 0) {
			snprintf(rt->buf[0], sizeof rt->buf[0], "%s", id);
		} else {
			json_t *v = json_object_get(obj, td->cols[i]);
			if (json_is_string(v))
				snprintf(rt->buf[i], sizeof rt->buf[i], "%s", json_string_value(v));
			else if (json_is_boolean(v))
				snprintf(rt->buf[i], sizeof rt->buf[i], "%s", json_is_true(v) ? "1" : "0");
			else if (json_is_number(v)) {
				double x = json_number_value(v);
				if (x >= 0 && x < 100000)
					format_uren((int32_t)(x * 100 + 0.5), rt->buf[i]);
				else
					snprintf(rt->buf[i], sizeof rt->buf[i], "%g", x); /* the builder refuses it */
			}
		}
		if (t == T_WOONADRESSEN && strcmp(td->cols[i], "in_onderzoek") == 0 && !rt->buf[i][0])
			snprintf(rt->buf[i], sizeof rt->buf[i], "0");
		rt->f[i] = (field){rt->buf[i], strlen(rt->buf[i])};
	}
}

typedef struct find_ctx {
	table_id t;
	int64_t id;
	bool found, ended;
	row_text row;
} find_ctx;

static void find_fact(void *ctx, const fact_version *v)
{
	find_ctx *fc = ctx;
	if (v->t != fc->t || v->id != fc->id)
		return;
	fc->found = true;
	fc->ended = v->batch_until != 0;
	for (int i = 0; i < TABLES[v->t].ncols; i++) {
		snprintf(fc->row.buf[i], sizeof fc->row.buf[i], "%.*s", (int)v->f[i].len, v->f[i].p ? v->f[i].p : "");
		fc->row.f[i] = (field){fc->row.buf[i], strlen(fc->row.buf[i])};
	}
}

static int64_t parse_id(const char *s)
{
	if (!*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
		return 0;
	return strtoll(s, NULL, 10);
}

/* The fact builder's "tabel, kolom: reden" lines with the column in words
 * ("Van: ..."); *first gets the first line's column (NULL: none). */
static void reasons_in_words(const char *err, strbuf *out, const char **first)
{
	*first = NULL;
	for (const char *line = err; *line;) {
		size_t len = strcspn(line, "\n");
		const char *comma = memchr(line, ',', len), *colon = memchr(line, ':', len);
		const char *words = NULL;
		char col[48] = "";
		if (comma && colon && comma < colon && (size_t)(colon - comma - 2) < sizeof col) {
			snprintf(col, sizeof col, "%.*s", (int)(colon - comma - 2), comma + 2);
			words = field_label(col);
		}
		if (words) {
			for (int t = 0; t < T_COUNT && !*first; t++)
				for (int i = 1; i < TABLES[t].ncols && !*first; i++)
					if (strcmp(TABLES[t].cols[i], col) == 0)
						*first = TABLES[t].cols[i];
			sb_printf(out, "%s%s:%.*s", out->len ? "\n" : "", words, (int)(len - (size_t)(colon + 1 - line)), colon + 1);
		} else {
			sb_printf(out, "%s%.*s", out->len ? "\n" : "", (int)len, line);
		}
		line += len + (line[len] == '\n');
	}
}

static void reply_change_error(req *r, int rc, const strbuf *err)
{
	switch (rc) {
	case STORE_NOT_FOUND: reply_error(r, 404, "onbekend", "%s", sb_str(err)); break;
	case STORE_CONFLICT: reply_error(r, 409, "conflict", "%s", sb_str(err)); break;
	case STORE_INVALID: {
		strbuf said = STRBUF_INIT;
		const char *col;
		reasons_in_words(sb_str(err), &said, &col);
		reply_field_error(r, 422, "ongeldig", col, "%s", sb_str(&said));
		sb_free(&said);
		break;
	}
	default: reply_error(r, 500, "interne_fout", "de wijziging kon niet worden opgeslagen");
	}
}

/* A correction and its results, for its audit entry and its answer. */
typedef struct correction {
	const fact_change *ch;
	size_t n;
	int64_t batch, ids[4];
} correction;

/* The changed facts: kind, the row replaced and the new row. */
static json_t *changed_json(const correction *c)
{
	json_t *changed = json_array();
	for (size_t i = 0; i < c->n; i++)
		japp(changed, json_pack("{s:s, s:I, s:I}", "soort", TABLES[c->ch[i].t].name, "vervangt",
					(json_int_t)c->ch[i].replaces, "id", (json_int_t)c->ids[i]));
	return changed;
}

/* The audit entry's details, at the commit: the batch names the change. */
static json_t *correction_details(void *ctx)
{
	correction *c = ctx;
	return json_pack("{s:I, s:o}", "registratie", (json_int_t)c->batch, "wijzigingen", changed_json(c));
}

/* Carry out a correction after the access checks, with its audit entry in
 * its transaction; replies. */
static void apply(req *r, const char *id, const fact_change *ch, size_t n, int created_status)
{
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT, warn = STRBUF_INIT;
	correction c = {ch, n, 0, {0}};
	char source[160];
	snprintf(source, sizeof source, "%s %s", r->method, r->rt->path);
	audited_change ac;
	audit_change_arm(r, st, &ac, "wijzigen", id, correction_details, &c);
	int rc = store_pupil_change(st, id, ch, n, r->who->naam, source, &c.batch, c.ids, &warn, &err);
	bool done = audit_change_done(r, st, &ac, rc);
	pool_put(&r->srv->pool, st);
	if (!done) {
		if (rc)
			reply_change_error(r, rc, &err);
		sb_free(&err);
		sb_free(&warn);
		return;
	}
	sb_free(&err);
	snapshot_request_update(&r->srv->snap, &id, 1, c.batch);
	json_t *changed = changed_json(&c);
	int64_t batch = c.batch;
	json_t *body = json_pack("{s:s, s:I, s:O}", "leerling_id", id, "registratie", (json_int_t)batch, "wijzigingen", changed);
	/* Doubtful values are accepted and said (SPEC 3.1), one line each. */
	json_t *warnings = json_array();
	for (const char *w = sb_str(&warn); *w;) {
		size_t len = strcspn(w, "\n");
		japp(warnings, json_stringn(w, len));
		w += len + (w[len] == '\n');
	}
	jset(body, "waarschuwingen", warnings);
	sb_free(&warn);
	json_decref(changed);
	reply_json(r, created_status, body);
}

/* A refusal of access_write_check in words: the field, the day, the rule. */
static void reply_verdict(req *r, table_id t, write_verdict v, day_t when)
{
	char d[DATE_TEXT];
	date_format(when, d);
	switch (v) {
	case WRITE_PLACE_OUT_OF_SCOPE: reply_error(r, 403, "buiten_scope", "deze wijziging valt buiten uw scope"); break;
	case WRITE_OUT_OF_SCOPE:
		reply_error(r, 403, "buiten_scope", "%s",
			    t == T_WOONADRESSEN ? "u corrigeert alleen woonadressen van leerlingen die in uw gemeente wonen of woonden"
						: "de leerling is niet ingeschreven bij deze vestiging van uw school");
		break;
	case WRITE_OUTSIDE_ENROLMENT:
		reply_field_error(r, 403, "buiten_inschrijving", t == T_MELDINGEN ? "eerste_verzuimdag" : "van",
				  "%s valt buiten de inschrijving van de leerling bij deze vestiging (de dag %s): een school "
				  "legt %s alleen vast voor de periode dat de leerling bij haar is ingeschreven",
				  t == T_MELDINGEN ? "de eerste verzuimdag" : "de verzuimperiode (van en tot en met)", d,
				  t == T_MELDINGEN ? "meldingen" : "verzuim");
		break;
	case WRITE_TOO_EARLY:
		reply_field_error(r, 409, "inschrijving_te_vroeg", "van",
				  "de begindatum van de inschrijving geeft toegang vanaf %s, meer dan %d dagen voor vandaag; "
				  "een inschrijving wordt binnen 7 dagen gemeld en hier tot %d dagen terug aanvaard. Een "
				  "eerdere inschrijving komt uit de administratie (import door de beheerder)",
				  d, ENROL_BACK_DAYS, ENROL_BACK_DAYS);
		break;
	case WRITE_TOO_LATE:
		reply_field_error(r, 409, "inschrijving_te_laat", "van",
				  "de begindatum van de inschrijving ligt meer dan een jaar na vandaag (%s)", d);
		break;
	case WRITE_NEEDS_IDENT:
		reply_field_error(r, 403, "identificatie_nodig", "bsn",
				  "deze leerling staat al in de registratie: schrijf haar of hem in met het BSN of het "
				  "onderwijsnummer dat bij de leerling hoort");
		break;
	case WRITE_RESIDENCE_FROM_BRP:
		reply_field_error(r, 409, "woonadres_uit_brp", "van",
				  "het woonadres geeft uw gemeente een woonperiode (vanaf %s) die de registratie niet had; "
				  "een woonadres komt uit de BRP. Markeer het adres als in onderzoek (adres in onderzoek) en "
				  "vraag de BRP om correctie", d);
		break;
	default: break;
	}
}

/* The period rules of a write (access_write_check): true when it does not
 * widen the writer's reach, else a reply. */
static bool write_allowed(req *r, const dataset *ds, const scope_set *set, int32_t p, table_id t, const field *new_row,
		   const field *old_row)
{
	write_request w = {t, old_row, new_row, NULL, NULL, today()};
	if (t == T_INSCHRIJVINGEN && r->json) {
		w.bsn = json_string_value(json_object_get(r->json, "bsn"));
		w.onderwijsnummer = json_string_value(json_object_get(r->json, "onderwijsnummer"));
	}
	day_t when;
	write_verdict v = access_write_check(ds, set, p, &w, &when);
	if (v != WRITE_OK)
		reply_verdict(r, t, v, when);
	return v == WRITE_OK;
}

/* The access checks shared by every change to an existing pupil
 * (access_write_check): the place of the row or the pupil today inside the
 * scope, and no widening of the writer's reach. */
static bool may_change(req *r, pupil_view *pv, table_id t, const field *new_row, const field *old_row)
{
	scope_set set;
	scope_resolve(&r->who->sc, pv->ds, &set);
	bool ok = write_allowed(r, pv->ds, &set, pv->p, t, new_row, old_row);
	scope_set_free(&set);
	return ok;
}

/* SPEC 6: a vrijstelling 5a is granted or extended only by the decision of
 * its procedure (api_procedures.c); a correction that would is refused with
 * 409 alleen_via_procedure. old, new_row: NULL for none (a new row, an end). */
static bool procedure_allows(req *r, table_id t, const field *old, const field *new_row)
{
	if (t != T_VRIJSTELLINGEN)
		return true;
	strbuf why = STRBUF_INIT;
	bool ok = vp_change_allowed(old, new_row, &why);
	if (!ok)
		reply_field_error(r, 409, "alleen_via_procedure", "grond", "%s", sb_str(&why));
	sb_free(&why);
	return ok;
}

void h_fact_add(req *r)
{
	table_id t = fact_table_of(r->rt);
	pupil_view pv;
	if (!view_open(r, r->params[0], &pv))
		return;
	row_text row;
	row_from_json(t, PUPIL_AT(pv.ds, pv.p).id, r->json, &row);
	if (may_change(r, &pv, t, row.f, NULL) && procedure_allows(r, t, NULL, row.f)) {
		fact_change ch = {t, 0, row.f};
		char id[72];
		snprintf(id, sizeof id, "%s", PUPIL_AT(pv.ds, pv.p).id);
		view_close(&pv);
		apply(r, id, &ch, 1, 201);
		return;
	}
	view_close(&pv);
}

static bool load_existing(req *r, const char *id, table_id t, int64_t fact, find_ctx *fc)
{
	*fc = (find_ctx){.t = t, .id = fact};
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int rc = store_pupil_facts(st, id, true, find_fact, fc, &err);
	pool_put(&r->srv->pool, st);
	sb_free(&err);
	if (rc < 0) {
		reply_error(r, 500, "interne_fout", "de registratie is niet leesbaar");
		return false;
	}
	if (!fc->found) {
		reply_error(r, 404, "onbekend", "%s %lld is onbekend bij deze leerling", TABLES[t].name, (long long)fact);
		return false;
	}
	if (fc->ended) {
		reply_error(r, 409, "conflict", "%s %lld is intussen gewijzigd of ingetrokken; laad de leerling opnieuw",
			    TABLES[t].name, (long long)fact);
		return false;
	}
	return true;
}

static void change_fact(req *r, bool end)
{
	table_id t = fact_table_of(r->rt);
	int64_t fact = parse_id(r->params[1]);
	pupil_view pv;
	if (!fact) {
		reply_error(r, 400, "ongeldige_id", "ongeldige id van het feit");
		return;
	}
	if (!view_open(r, r->params[0], &pv))
		return;
	char id[72];
	snprintf(id, sizeof id, "%s", PUPIL_AT(pv.ds, pv.p).id);
	find_ctx old;
	row_text row;
	if (!load_existing(r, id, t, fact, &old)) {
		view_close(&pv);
		return;
	}
	if (!end)
		row_from_json(t, id, r->json, &row);
	bool ok = may_change(r, &pv, t, end ? NULL : row.f, old.row.f) &&
		  procedure_allows(r, t, old.row.f, end ? NULL : row.f);
	view_close(&pv);
	if (ok) {
		fact_change ch = {t, fact, end ? NULL : row.f};
		apply(r, id, &ch, 1, 200);
	}
}

void h_fact_replace(req *r)
{
	change_fact(r, false);
}

void h_fact_end(req *r)
{
	change_fact(r, true);
}

void h_pupil_identity(req *r)
{
	pupil_view pv;
	if (!view_open(r, r->params[0], &pv))
		return;
	char id[72];
	snprintf(id, sizeof id, "%s", PUPIL_AT(pv.ds, pv.p).id);
	row_text row;
	row_from_json(T_LEERLINGEN, id, r->json, &row);
	bool ok = may_change(r, &pv, T_LEERLINGEN, row.f, NULL);
	view_close(&pv);
	if (ok) {
		fact_change ch = {T_LEERLINGEN, (int64_t)json_integer_value(json_object_get(r->json, "versie")), row.f};
		apply(r, id, &ch, 1, 200);
	}
}

/* Check a nested fact object: only the table's columns, as strings or booleans. */
static bool nested_ok(req *r, const char *what, json_t *obj, table_id t)
{
	const char *key;
	json_t *val;
	json_object_foreach(obj, key, val) {
		int col = -1;
		for (int i = 1; i < TABLES[t].ncols; i++)
			if (strcmp(TABLES[t].cols[i], key) == 0)
				col = i;
		if (col < 0) {
			reply_error(r, 400, "onbekend_veld", "onbekend veld '%s.%.40s'", what, key);
			return false;
		}
		if (!json_is_string(val) && !json_is_boolean(val) && !json_is_null(val)) {
			reply_error(r, 400, "verkeerd_type", "%s, %s verwacht tekst", field_label(what), field_label(key) ? field_label(key) : key);
			return false;
		}
	}
	return true;
}

void h_pupil_create(req *r)
{
	bool by_school = r->who->rol == ROLE_SCHOOL;
	const char *anchor_name = by_school ? "inschrijving" : "woonadres";
	table_id anchor_t = by_school ? T_INSCHRIJVINGEN : T_WOONADRESSEN;
	json_t *anchor = json_object_get(r->json, anchor_name);
	json_t *other = json_object_get(r->json, by_school ? "woonadres" : "inschrijving");
	if (!json_is_object(anchor)) {
		reply_error(r, 400, "veld_ontbreekt", "een %s registreert een leerling met een %s binnen de eigen scope",
			    ROLE_NAMES[r->who->rol], anchor_name);
		return;
	}
	if (other && !json_is_null(other)) {
		reply_error(r, 400, "onbekend_veld", "een %s hoort niet bij de rol %s", by_school ? "woonadres" : "inschrijving",
			    ROLE_NAMES[r->who->rol]);
		return;
	}
	if (!nested_ok(r, anchor_name, anchor, anchor_t))
		return;
	char id[72];
	const char *given = json_string_value(json_object_get(r->json, "leerling_id"));
	if (given) {
		if (!pupil_id_ok(given)) {
			reply_error(r, 400, "ongeldige_id", "ongeldige leerling_id");
			return;
		}
		snprintf(id, sizeof id, "%s", given);
	} else {
		char token[32];
		random_token(token, sizeof token, 9);
		snprintf(id, sizeof id, "ib-%s", token);
	}
	row_text ident, place;
	row_from_json(T_LEERLINGEN, id, r->json, &ident);
	row_from_json(anchor_t, id, anchor, &place);
	snapshot *s = snapshot_acquire(&r->srv->snap);
	scope_set set;
	scope_resolve(&r->who->sc, s->ds, &set);
	bool ok = write_allowed(r, s->ds, &set, NO_REF, anchor_t, place.f, NULL);
	scope_set_free(&set);
	snapshot_release(s);
	if (!ok || !pupil_create_unique(r, id))
		return;
	fact_change ch[2] = {{T_LEERLINGEN, 0, ident.f}, {anchor_t, 0, place.f}};
	apply(r, id, ch, 2, 201);
}
