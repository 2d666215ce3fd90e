/*
 * ui_record_forms.c - the forms that record and correct a pupil's facts, on
 * the pupil's page, and what was registered earlier (the versions a
 * correction replaced, kept by the registry); the registration form of a new
 * pupil. A school records absence (a day, hours of a day, a period), a
 * verzuimmelding, an enrolment and its end; leerplicht a residence (with
 * adres in onderzoek), a vrijstelling (a 5a through its procedure) and an
 * offer; the SWV an offer. The rules are the API's (ui_record.c runs it);
 * the hints only say them.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/signals.h"
#include "ui_record.h"

/* The kinds of fact the forms record, and who records each (as their API routes). */
const record_kind RECORD_KINDS[] = {
	{"verzuim", "Verzuim", R(ROLE_SCHOOL)},
	{"meldingen", "Verzuimmelding", R(ROLE_SCHOOL)},
	{"inschrijvingen", "Inschrijving", R(ROLE_SCHOOL)},
	{"woonadressen", "Woonadres", R(ROLE_LEERPLICHT)},
	{"vrijstellingen", "Vrijstelling", R(ROLE_LEERPLICHT)},
	{"aanbod", "Aanbod", R(ROLE_LEERPLICHT) | R(ROLE_SWV)},
};
const size_t N_RECORD_KINDS = sizeof RECORD_KINDS / sizeof RECORD_KINDS[0];

/* ---- choices --------------------------------------------------------------- */

/* The choices of a select built from the caller's scope: value|label pairs. */
typedef struct choices {
	const char **pairs;
	char (*values)[32];
	char (*labels)[200];
} choices;

static void choices_free(choices *c)
{
	free(c->pairs);
	free(c->values);
	free(c->labels);
}

/* The caller's vestigingen (school) or gemeenten (leerplicht), with names. */
static void scope_choices(req *r, const dataset *ds, choices *c)
{
	const scope *sc = &r->who->sc;
	size_t n = sc->all ? 0 : sc->n;
	c->pairs = calloc(2 * n + 1, sizeof *c->pairs);
	c->values = calloc(n + 1, sizeof *c->values);
	c->labels = calloc(n + 1, sizeof *c->labels);
	if (!c->pairs || !c->values || !c->labels) {
		choices_free(c);
		*c = (choices){0};
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *code = sc->codes[i], *colon = strchr(code, ':');
		const char *naam = NULL;
		if (colon) {
			char brin[16];
			snprintf(brin, sizeof brin, "%.*s", (int)(colon - code), code);
			int32_t s = ds ? dataset_school(ds, brin, colon + 1) : NO_REF;
			naam = s != NO_REF ? ds->schools[s].naam : NULL;
		} else {
			int32_t g = ds ? dataset_gemeente(ds, code, strlen(code)) : NO_REF;
			naam = g != NO_REF ? ds->gemeenten[g].naam : NULL;
		}
		snprintf(c->values[i], sizeof c->values[i], "%s", code);
		snprintf(c->labels[i], sizeof c->labels[i], "%s (%s)", naam ? naam : code, code);
		c->pairs[2 * i] = c->values[i];
		c->pairs[2 * i + 1] = c->labels[i];
	}
}

static const char *const VERZUIM_SOORT[] = {"ongeoorloofd", "ongeoorloofd", "ziek", "ziek", "schorsing", "schorsing",
					    "verwijdering", "verwijdering", "geoorloofd", "geoorloofd (anders dan ziek)",
					    NULL};
static const char *const AANBOD_SOORT[] = {"onderwijs", "onderwijs", "zorg", "zorg", "combinatie",
					   "onderwijs en zorg", NULL};
static const char *const VRIJ_STATUS[] = {"aangevraagd", "aangevraagd", "verleend", "verleend", "afgewezen",
					  "afgewezen", "ingetrokken", "ingetrokken", NULL};

/* ---- a fact in words ---------------------------------------------------------- */

static table_id table_named(const char *name)
{
	for (int t = 0; t < T_COUNT; t++)
		if (strcmp(TABLES[t].name, name) == 0)
			return (table_id)t;
	return T_COUNT;
}

static bool date_column(const char *col)
{
	static const char *const DATES[] = {"van", "tot", "aanvraagdatum", "datum_melding", "eerste_verzuimdag",
					    "datum_aanbod", "plaats_per", "geboortedatum", "startkwalificatie", NULL};
	for (size_t i = 0; DATES[i]; i++)
		if (strcmp(DATES[i], col) == 0)
			return true;
	return false;
}

/* "Soort: ziek · Van: 16 nov 2026 · Tot en met: lopend", as plain text. */
static void fact_words(strbuf *o, table_id t, json_t *fact)
{
	bool first = true;
	for (int i = 1; i < TABLES[t].ncols; i++) {
		const char *col = TABLES[t].cols[i];
		json_t *v = json_object_get(fact, col);
		if (strcmp(col, "vestiging") == 0 || ((!v || json_is_null(v)) && strcmp(col, "tot") != 0))
			continue;
		sb_printf(o, "%s%s: ", first ? "" : " · ", field_label(col) ? field_label(col) : col);
		first = false;
		if (strcmp(col, "brin") == 0) {
			sb_printf(o, "%s-%s", json_string_value(v), jtext(fact, "vestiging") ? jtext(fact, "vestiging") : "");
		} else if (!v || json_is_null(v)) {
			sb_puts(o, "lopend");
		} else if (json_is_boolean(v)) {
			sb_puts(o, json_is_true(v) ? "ja" : "nee");
		} else if (json_is_number(v)) {
			char h[32];
			format_hundredths((int64_t)(json_number_value(v) * 100 + 0.5), ',', h);
			sb_puts(o, h);
		} else if (date_column(col)) {
			ui_jdate(o, fact, col); /* digits and letters: text as it is */
		} else {
			sb_puts(o, json_string_value(v));
		}
	}
}

/* ---- earlier versions -------------------------------------------------------------- */

json_t *ui_record_history(req *r, const char *pupil_id)
{
	if (!role_sees_pupils(r->who->rol))
		return NULL;
	strbuf path = STRBUF_INIT;
	sb_puts(&path, "/api/leerlingen/");
	html_url_path(&path, pupil_id);
	sb_puts(&path, "/geschiedenis");
	int status = ui_api(r, "GET", sb_str(&path), NULL);
	sb_free(&path);
	if (status == 200)
		return ui_api_json(r);
	char ignored[8];
	ui_api_error(r, ignored, sizeof ignored); /* the page goes on without them */
	r->status = 0;
	r->error_code = NULL;
	return NULL;
}

/* When a version was recorded or ended ("2026-12-01T17:50:06"): the day and the minute. */
static void recorded(strbuf *o, const char *at)
{
	day_t d;
	if (at && strlen(at) >= 16 && date_parse(at, 10, &d) == 0) {
		ui_date(o, d);
		html_lit(o, " om ");
		html_text_n(o, at + 11, 5);
	} else {
		html_text(o, at ? at : "");
	}
}

static void earlier(strbuf *o, json_t *history)
{
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"eerder-kop\"><h3 class=\"utrecht-heading-3\" "
		    "id=\"eerder-kop\">Eerder geregistreerd</h3><p class=\"utrecht-paragraph ib-small ib-muted\">Een "
		    "correctie vernietigt niets: de eerdere versie blijft bewaard, met wie haar vastlegde en wie haar "
		    "verving of introk.</p>");
	json_t *feiten = json_object_get(history, "feiten");
	size_t n = 0;
	html_lit(o, "<ul class=\"utrecht-unordered-list ib-earlier\">");
	for (int t = 0; t < T_COUNT; t++) {
		size_t i;
		json_t *v;
		json_array_foreach(json_object_get(feiten, TABLES[t].name), i, v) {
			if (!jtext(v, "beeindigd_op"))
				continue;
			n++;
			html_lit(o, "<li class=\"utrecht-unordered-list__item\"><strong>");
			const char *title = t == T_LEERLINGEN ? "Persoonsgegevens" : TABLES[t].name;
			for (size_t k = 0; k < N_RECORD_KINDS; k++)
				if (strcmp(RECORD_KINDS[k].table, TABLES[t].name) == 0)
					title = RECORD_KINDS[k].title;
			html_text(o, title);
			html_lit(o, "</strong> ");
			strbuf words = STRBUF_INIT;
			fact_words(&words, (table_id)t, v);
			html_text(o, sb_str(&words));
			sb_free(&words);
			html_lit(o, "<br><span class=\"ib-small\">geregistreerd op ");
			recorded(o, jtext(v, "geregistreerd_op"));
			html_lit(o, " door ");
			html_text(o, jtext(v, "geregistreerd_door"));
			html_lit(o, "; vervangen of ingetrokken op ");
			recorded(o, jtext(v, "beeindigd_op"));
			html_lit(o, " door ");
			html_text(o, jtext(v, "beeindigd_door"));
			html_lit(o, "</span></li>");
		}
	}
	html_lit(o, "</ul>");
	if (!n)
		html_lit(o, "<p class=\"utrecht-paragraph ib-muted\">Er is nog niets gecorrigeerd of ingetrokken.</p>");
	html_lit(o, "</section>");
}

/* ---- the forms --------------------------------------------------------------------- */

/* What a form needs of the page: the pupil, the refusal, the scope's choices. */
typedef struct page_ctx {
	req *r;
	const char *id;
	const ui_refusal *rf;
	choices places; /* the school's vestigingen or leerplicht's gemeenten */
	char action[200], key[256];
} page_ctx;

static const char *action_for(page_ctx *pc, const char *seg, int64_t fact, const char *suffix)
{
	strbuf a = STRBUF_INIT;
	sb_puts(&a, "/leerlingen/");
	html_url_path(&a, pc->id);
	sb_printf(&a, "/%s", seg);
	if (fact)
		sb_printf(&a, "/%lld", (long long)fact);
	sb_puts(&a, suffix);
	snprintf(pc->action, sizeof pc->action, "%s", sb_str(&a));
	sb_free(&a);
	return pc->action;
}

static void id_of(char *out, size_t size, const char *seg, int64_t fact, const char *name)
{
	snprintf(out, size, "%s-%lld-%s", seg, (long long)fact, name);
}

static void place_select(ui_form *f, page_ctx *pc, const char *seg, int64_t fact, const char *value)
{
	char fid[96];
	bool by_school = pc->r->who->rol == ROLE_SCHOOL;
	id_of(fid, sizeof fid, seg, fact, by_school ? "school" : "gemeentecode");
	if (pc->places.pairs)
		ui_f_select(f, fid, by_school ? "school" : "gemeentecode", by_school ? "School (vestiging)" : "Gemeente",
			    pc->places.pairs, true, value ? value : pc->places.pairs[0]);
}

static void date_input(ui_form *f, const char *seg, int64_t fact, const char *name, const char *label, bool required,
		       const char *hint, const char *value)
{
	char fid[96];
	id_of(fid, sizeof fid, seg, fact, name);
	ui_f_input(f, fid, name, label, "date", required, hint, value);
}

static void text_input(ui_form *f, const char *seg, int64_t fact, const char *name, const char *label, bool required,
		       const char *hint, const char *value)
{
	char fid[96];
	id_of(fid, sizeof fid, seg, fact, name);
	ui_f_input(f, fid, name, label, "text", required, hint, value);
}

static void choice(ui_form *f, const char *seg, int64_t fact, const char *name, const char *label,
		   const char *const *pairs, const char *value)
{
	char fid[96];
	id_of(fid, sizeof fid, seg, fact, name);
	ui_f_select(f, fid, name, label, pairs, true, value);
}

/* A fact's values as the form's defaults. */
typedef struct fact_values {
	char school[32], uren[32];
	const char *v[TABLE_MAX_COLS];
	bool onderzoek;
} fact_values;

static const char *value_of(const fact_values *fv, table_id t, const char *col)
{
	for (int i = 1; i < TABLES[t].ncols; i++)
		if (strcmp(TABLES[t].cols[i], col) == 0)
			return fv->v[i];
	return NULL;
}

static void values_of(table_id t, json_t *fact, fact_values *fv)
{
	*fv = (fact_values){0};
	for (int i = 1; i < TABLES[t].ncols; i++)
		fv->v[i] = jtext(fact, TABLES[t].cols[i]);
	snprintf(fv->school, sizeof fv->school, "%s:%s", jtext(fact, "brin") ? jtext(fact, "brin") : "",
		 jtext(fact, "vestiging") ? jtext(fact, "vestiging") : "");
	json_t *u = json_object_get(fact, "uren");
	if (json_is_number(u))
		format_hundredths((int64_t)(json_number_value(u) * 100 + 0.5), ',', fv->uren);
	fv->onderzoek = json_is_true(json_object_get(fact, "in_onderzoek"));
}

/* The fields of one kind, with a fact's values (fv; NULL: a new one). */
static void kind_fields(ui_form *f, page_ctx *pc, table_id t, int64_t fact, const fact_values *fv)
{
	const char *seg = TABLES[t].name;
#define V(col) (fv ? value_of(fv, t, col) : NULL)
	switch (t) {
	case T_VERZUIM:
		place_select(f, pc, seg, fact, fv ? fv->school : NULL);
		choice(f, seg, fact, "soort", "Soort verzuim", VERZUIM_SOORT, V("soort"));
		date_input(f, seg, fact, "van", "Eerste dag", true, NULL, V("van"));
		date_input(f, seg, fact, "tot", "Laatste dag", false, "leeg zolang het verzuim duurt", V("tot"));
		text_input(f, seg, fact, "uren", "Uren", false, "alleen bij een deel van een dag, bijvoorbeeld 2,5",
			   fv && fv->uren[0] ? fv->uren : NULL);
		break;
	case T_MELDINGEN:
		place_select(f, pc, seg, fact, fv ? fv->school : NULL);
		date_input(f, seg, fact, "eerste_verzuimdag", "Eerste verzuimdag", true, NULL, V("eerste_verzuimdag"));
		date_input(f, seg, fact, "datum_melding", "Datum van de melding", true, NULL, V("datum_melding"));
		ui_f_hidden(f, "soort", V("soort") ? V("soort") : "verzuim");
		break;
	case T_INSCHRIJVINGEN:
		place_select(f, pc, seg, fact, fv ? fv->school : NULL);
		date_input(f, seg, fact, "van", "Ingeschreven vanaf", true,
			   fact ? NULL : "hoogstens 28 dagen geleden; een eerdere inschrijving komt uit de administratie",
			   V("van"));
		date_input(f, seg, fact, "tot", "Ingeschreven tot en met", false, "leeg zolang de inschrijving loopt",
			   V("tot"));
		if (!fact) {
			text_input(f, seg, fact, "bsn", "BSN", false,
				   "nodig als de leerling al in de registratie staat (of het onderwijsnummer)", NULL);
			text_input(f, seg, fact, "onderwijsnummer", "Onderwijsnummer", false, NULL, NULL);
		}
		break;
	case T_WOONADRESSEN:
		place_select(f, pc, seg, fact, V("gemeentecode"));
		date_input(f, seg, fact, "van", "Woont er vanaf", true, NULL, V("van"));
		date_input(f, seg, fact, "tot", "Woont er tot en met", false, "leeg zolang de leerling er woont", V("tot"));
		{
			char fid[96];
			id_of(fid, sizeof fid, seg, fact, "in_onderzoek");
			ui_f_check(f, fid, "in_onderzoek", "Adres in onderzoek",
				   "een woonadres komt uit de BRP: twijfelt u eraan, markeer het als in onderzoek en vraag "
				   "de BRP om correctie",
				   fv && fv->onderzoek);
		}
		break;
	case T_VRIJSTELLINGEN:
		text_input(f, seg, fact, "grond", "Grond", true,
			   "5b, 5c of een ander artikel (bijvoorbeeld 11g); een 5a wordt alleen verleend door het besluit "
			   "van de procedure",
			   V("grond"));
		choice(f, seg, fact, "status", "Status", VRIJ_STATUS, V("status"));
		date_input(f, seg, fact, "aanvraagdatum", "Datum van de aanvraag", false, NULL, V("aanvraagdatum"));
		date_input(f, seg, fact, "van", "Van", false, "nodig bij een verleende vrijstelling", V("van"));
		date_input(f, seg, fact, "tot", "Tot en met", false, NULL, V("tot"));
		break;
	case T_AANBOD:
		date_input(f, seg, fact, "datum_aanbod", "Datum van het aanbod", true, NULL, V("datum_aanbod"));
		choice(f, seg, fact, "soort", "Soort aanbod", AANBOD_SOORT, V("soort"));
		date_input(f, seg, fact, "plaats_per", "Plaats beschikbaar per", false, "leeg zolang er geen plaats is",
			   V("plaats_per"));
		break;
	default: break;
	}
#undef V
}

/* Each current fact of a kind: its correction, and for an enrolment its end. */
static void corrections(page_ctx *pc, table_id t, const char *title, json_t *facts)
{
	req *r = pc->r;
	size_t i;
	json_t *fact;
	json_array_foreach(facts, i, fact) {
		int64_t fid = (int64_t)json_integer_value(json_object_get(fact, "id"));
		if (fid <= 0 || json_is_true(json_object_get(fact, "ingekort")))
			continue; /* a fact cut to the reader's period is another's to correct */
		fact_values fv;
		values_of(t, fact, &fv);
		strbuf summary = STRBUF_INIT;
		ui_form f;
		if (t == T_INSCHRIJVINGEN && !value_of(&fv, t, "tot")) {
			sb_puts(&summary, "Uitschrijven: ");
			sb_puts(&summary, fv.school);
			action_for(pc, TABLES[t].name, fid, "");
			snprintf(pc->key, sizeof pc->key, "%s?vorm=uit", pc->action);
			ui_form_begin_as(&f, r, pc->rf, sb_str(&summary), pc->action, pc->key, false);
			ui_f_hidden(&f, "vorm", "uit");
			ui_f_hidden(&f, "school", fv.school);
			ui_f_hidden(&f, "van", value_of(&fv, t, "van"));
			date_input(&f, "uit", fid, "tot", "Laatste dag van de inschrijving", true, NULL, NULL);
			ui_form_end(&f, "Uitschrijven");
			sb_reset(&summary);
		}
		sb_puts(&summary, "Corrigeren: ");
		fact_words(&summary, t, fact);
		action_for(pc, TABLES[t].name, fid, "");
		ui_form_begin(&f, r, pc->rf, sb_str(&summary), pc->action, false);
		kind_fields(&f, pc, t, fid, &fv);
		ui_form_end(&f, "Correctie vastleggen");
		sb_free(&summary);
		html_lit(&r->out, "<form class=\"ib-form ib-withdraw\" method=\"post\" action=\"");
		html_attr(&r->out, action_for(pc, TABLES[t].name, fid, "/intrekken"));
		html_lit(&r->out, "\">");
		ui_csrf_field(r);
		html_lit(&r->out, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">");
		html_textf(&r->out, "%s intrekken", title);
		html_lit(&r->out, "</button></form>");
	}
}

/* A refused correction of a fact that is no longer current (someone changed
 * or withdrew it first: 409): its form again, as typed, with the reason, so
 * that nothing typed is lost. Nothing when rf is about another form. */
static void refused_elsewhere(page_ctx *pc, table_id t, json_t *facts)
{
	if (!pc->rf)
		return;
	char prefix[200];
	snprintf(prefix, sizeof prefix, "%s", action_for(pc, TABLES[t].name, 0, "/"));
	size_t n = strlen(prefix);
	const char *key = pc->rf->action;
	if (strncmp(key, prefix, n) != 0)
		return;
	char *end;
	int64_t fid = strtoll(key + n, &end, 10);
	if (fid <= 0 || (*end && *end != '?'))
		return; /* not a correction (a withdrawal: said at the top) */
	size_t i;
	json_t *fact;
	json_array_foreach(facts, i, fact) if (json_integer_value(json_object_get(fact, "id")) == fid) return;
	snprintf(pc->action, sizeof pc->action, "%.*s", (int)(end - key), key);
	ui_form f;
	ui_form_begin_as(&f, pc->r, pc->rf, "Uw correctie (niet vastgelegd)", pc->action, key, true);
	kind_fields(&f, pc, t, fid, NULL);
	ui_form_end(&f, "Correctie vastleggen");
}

/* A school's absence: a day, hours of one day, or a period. */
static void absence_forms(page_ctx *pc)
{
	static const struct {
		const char *vorm, *summary, *first, *button;
	} FORMS[] = {
		{"dag", "Verzuim: een hele dag", "Dag", "Verzuim vastleggen"},
		{"uren", "Verzuim: een deel van een dag (in uren)", "Dag", "Verzuim vastleggen"},
		{"periode", "Verzuim: een periode", "Eerste dag", "Verzuim vastleggen"},
	};
	for (size_t i = 0; i < sizeof FORMS / sizeof FORMS[0]; i++) {
		ui_form f;
		action_for(pc, "verzuim", 0, "");
		snprintf(pc->key, sizeof pc->key, "%s?vorm=%s", pc->action, FORMS[i].vorm);
		ui_form_begin_as(&f, pc->r, pc->rf, FORMS[i].summary, pc->action, pc->key, false);
		ui_f_hidden(&f, "vorm", FORMS[i].vorm);
		place_select(&f, pc, FORMS[i].vorm, 0, NULL);
		choice(&f, FORMS[i].vorm, 0, "soort", "Soort verzuim", VERZUIM_SOORT, NULL);
		date_input(&f, FORMS[i].vorm, 0, "van", FORMS[i].first, true,
			   "binnen de inschrijving van de leerling bij uw school", NULL);
		if (strcmp(FORMS[i].vorm, "uren") == 0)
			text_input(&f, FORMS[i].vorm, 0, "uren", "Uren", true, "bijvoorbeeld 2,5", NULL);
		if (strcmp(FORMS[i].vorm, "periode") == 0)
			date_input(&f, FORMS[i].vorm, 0, "tot", "Laatste dag", false, "leeg zolang het verzuim duurt", NULL);
		ui_form_end(&f, FORMS[i].button);
	}
}

static void add_form(page_ctx *pc, table_id t, const char *summary, const char *button)
{
	ui_form f;
	ui_form_begin(&f, pc->r, pc->rf, summary, action_for(pc, TABLES[t].name, 0, ""), false);
	kind_fields(&f, pc, t, 0, NULL);
	ui_form_end(&f, button);
}

/* Leerplicht's request of a vrijstelling 5a: it starts the procedure (SPEC 6). */
static void procedure_form(page_ctx *pc)
{
	ui_form f;
	ui_form_begin(&f, pc->r, pc->rf, "Vrijstelling 5a aanvragen (de procedure begint)",
		      action_for(pc, "vrijstellingsprocedure", 0, ""), false);
	html_lit(&pc->r->out, "<p class=\"utrecht-paragraph ib-small\">De aanvraag van de ouders. Een 5a wordt alleen "
			      "verleend door het besluit aan het eind van de procedure, na het advies van de arts of "
			      "gedragsdeskundige en van het samenwerkingsverband.</p>");
	ui_f_input(&f, "procedure-datum", "datum", "Datum van de aanvraag", "date", true, NULL, NULL);
	ui_f_input(&f, "procedure-swv", "swv", "Samenwerkingsverband", "text", false,
		   "de code van het SWV dat om advies wordt gevraagd; leeg: dat van de leerling", NULL);
	ui_f_textarea(&f, "procedure-toelichting", "toelichting", "Toelichting", false, NULL, NULL);
	ui_form_end(&f, "Aanvraag vastleggen");
}

/* The identity, corrected with the version it replaces (409 when it changed). */
static void identity_form(page_ctx *pc, json_t *leerling)
{
	ui_form f;
	char versie[24];
	snprintf(versie, sizeof versie, "%lld", (long long)json_integer_value(json_object_get(leerling, "versie")));
	ui_form_begin(&f, pc->r, pc->rf, "Persoonsgegevens corrigeren", action_for(pc, "persoonsgegevens", 0, ""), false);
	ui_f_hidden(&f, "versie", versie);
	ui_f_input(&f, "ident-voornaam", "voornaam", "Voornaam", "text", false, NULL, jtext(leerling, "voornaam"));
	ui_f_input(&f, "ident-achternaam", "achternaam", "Achternaam", "text", false, NULL, jtext(leerling, "achternaam"));
	ui_f_input(&f, "ident-geboortedatum", "geboortedatum", "Geboortedatum", "date", true, NULL,
		   jtext(leerling, "geboortedatum"));
	ui_f_input(&f, "ident-bsn", "bsn", "BSN", "text", false, "negen cijfers", jtext(leerling, "bsn"));
	ui_f_input(&f, "ident-onderwijsnummer", "onderwijsnummer", "Onderwijsnummer", "text", false, NULL,
		   jtext(leerling, "onderwijsnummer"));
	ui_f_input(&f, "ident-startkwalificatie", "startkwalificatie", "Startkwalificatie behaald op", "date", false, NULL,
		   jtext(leerling, "startkwalificatie"));
	ui_form_end(&f, "Correctie vastleggen");
}

void ui_record_section(req *r, const dataset *ds, json_t *answer, json_t *history, const ui_refusal *rf)
{
	if (history)
		earlier(&r->out, history);
	role rol = r->who->rol;
	bool any = false;
	for (size_t k = 0; k < N_RECORD_KINDS; k++)
		any = any || (RECORD_KINDS[k].roles & R(rol));
	if (!any)
		return;
	page_ctx pc = {r, jtext(answer, "leerling_id"), rf, {0}, "", ""};
	if (rol == ROLE_SCHOOL || rol == ROLE_LEERPLICHT)
		scope_choices(r, ds, &pc.places);
	strbuf *o = &r->out;
	json_t *feiten = json_object_get(answer, "feiten");
	html_lit(o, "<section class=\"ib-section ib-record\" aria-labelledby=\"vastleggen-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"vastleggen-kop\">Vastleggen en corrigeren</h2><p class=\"utrecht-paragraph ib-small ib-muted\">Elke "
		    "wijziging wordt gecontroleerd zoals bij het inlezen, vastgelegd in het auditlog en bewaart de eerdere "
		    "versie.</p>");
	if (rol == ROLE_SCHOOL) {
		absence_forms(&pc);
		add_form(&pc, T_MELDINGEN, "Verzuimmelding aan leerplicht", "Melding vastleggen");
		add_form(&pc, T_INSCHRIJVINGEN, "Inschrijven bij uw school", "Inschrijving vastleggen");
	} else if (rol == ROLE_LEERPLICHT) {
		add_form(&pc, T_WOONADRESSEN, "Woonadres vastleggen", "Woonadres vastleggen");
		procedure_form(&pc);
		add_form(&pc, T_VRIJSTELLINGEN, "Andere vrijstelling vastleggen (5b, 5c of een ander artikel)",
			 "Vrijstelling vastleggen");
	}
	if (rol == ROLE_LEERPLICHT || rol == ROLE_SWV)
		add_form(&pc, T_AANBOD, "Aanbod vastleggen", "Aanbod vastleggen");
	for (size_t k = 0; k < N_RECORD_KINDS; k++) {
		if (!(RECORD_KINDS[k].roles & R(rol)))
			continue;
		table_id t = table_named(RECORD_KINDS[k].table);
		json_t *facts = json_object_get(feiten, RECORD_KINDS[k].table);
		if (t != T_COUNT)
			refused_elsewhere(&pc, t, facts);
		if (t != T_COUNT && json_array_size(facts)) {
			html_lit(o, "<h3 class=\"utrecht-heading-3\">");
			html_text(o, RECORD_KINDS[k].title);
			html_lit(o, ": corrigeren of intrekken</h3>");
			corrections(&pc, t, RECORD_KINDS[k].title, facts);
		}
	}
	if (rol == ROLE_SCHOOL || rol == ROLE_LEERPLICHT)
		identity_form(&pc, json_object_get(answer, "leerling"));
	html_lit(o, "</section>");
	choices_free(&pc.places);
}

/* ---- a new pupil ------------------------------------------------------------------ */

void ui_register_page(req *r, const ui_refusal *rf)
{
	snapshot *s = snapshot_acquire(&r->srv->snap);
	bool by_school = r->who->rol == ROLE_SCHOOL;
	ui_begin(r, s->ds, "Een nieuwe leerling registreren", NAV_NONE);
	strbuf *o = &r->out;
	ui_form_notice(r, rf ? rf->reason : NULL);
	html_lit(o, "<p class=\"utrecht-paragraph\">");
	html_text(o, by_school ? "Een leerling die bij uw school komt en nog niet in de registratie staat. Staat de leerling "
			      "er al, schrijf haar of hem dan in vanaf de pagina van de leerling, met het BSN of het "
			      "onderwijsnummer."
			    : "Een leerling die in uw gemeente woont en nog niet in de registratie staat; een woonadres "
			      "komt uit de BRP.");
	html_lit(o, "</p>");
	page_ctx pc = {r, "", rf, {0}, "", ""};
	scope_choices(r, s->ds, &pc.places);
	/* Filled in from a row of the SWV's own list that the registry does not
	 * know (ui_tafel_eigen.c): the name as one text, first word the voornaam. */
	const char *naam = rf ? NULL : query(r, "naam");
	char voornaam[128] = "", achternaam[128] = "";
	if (naam) {
		size_t n = strcspn(naam, " ");
		snprintf(voornaam, sizeof voornaam, "%.*s", (int)(n < sizeof voornaam ? n : sizeof voornaam - 1), naam);
		snprintf(achternaam, sizeof achternaam, "%s", naam[n] ? naam + n + 1 : "");
	}
	ui_form f;
	ui_form_begin(&f, r, rf, "Leerling registreren", "/leerling-registreren", true);
	ui_f_input(&f, "nieuw-voornaam", "voornaam", "Voornaam", "text", false, NULL, *voornaam ? voornaam : NULL);
	ui_f_input(&f, "nieuw-achternaam", "achternaam", "Achternaam", "text", false, NULL, *achternaam ? achternaam : NULL);
	ui_f_input(&f, "nieuw-geboortedatum", "geboortedatum", "Geboortedatum", "date", true, NULL,
		   rf ? NULL : query(r, "geboortedatum"));
	ui_f_input(&f, "nieuw-bsn", "bsn", "BSN", "text", false, "negen cijfers", rf ? NULL : query(r, "bsn"));
	ui_f_input(&f, "nieuw-onderwijsnummer", "onderwijsnummer", "Onderwijsnummer", "text", false,
		   "als er geen BSN is", rf ? NULL : query(r, "onderwijsnummer"));
	place_select(&f, &pc, "nieuw", 0, NULL);
	ui_f_input(&f, "nieuw-van", "van", by_school ? "Ingeschreven vanaf" : "Woont er vanaf", "date", true,
		   by_school ? "hoogstens 28 dagen geleden" : NULL, NULL);
	ui_f_input(&f, "nieuw-tot", "tot", by_school ? "Ingeschreven tot en met" : "Woont er tot en met", "date", false,
		   "leeg: lopend", NULL);
	if (!by_school)
		ui_f_check(&f, "nieuw-in_onderzoek", "in_onderzoek", "Adres in onderzoek", NULL, false);
	ui_f_check(&f, "nieuw-bevestig_nieuw", "bevestig_nieuw", "Toch registreren: dit is een ander kind",
		   "alleen nodig als er al een leerling met deze naam en geboortedatum is", false);
	ui_form_end(&f, "Leerling registreren");
	choices_free(&pc.places);
	ui_end(r, rf ? rf->status : 200);
	snapshot_release(s);
}
