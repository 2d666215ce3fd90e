/*
 * ui_cases.c - the dossier pages (SPEC 6) and what the case pages share:
 * running an API operation inside a page request, forms, notices, the
 * timeline. See ui_cases.h.
 *
 *   /dossiers              the dossiers in scope, with signals and filters
 *   /dossiers/{id}         one dossier: terms, regie, escalations, timeline,
 *                          and a form for each thing that can happen next
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "ui_cases.h"

/* ---- the API inside a page ---------------------------------------------------- */

static void clear_headers(req *r)
{
	for (size_t i = 0; i < r->n_headers; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	r->n_headers = 0;
}

int ui_api(req *r, const char *method, const char *path, json_t *body)
{
	char params[4][80];
	int n = 0, status = 0;
	const route *api = route_match(method, path, params, &n, &status);
	const route_table *tb = api ? route_table_of(api) : NULL;
	if (!tb || !tb->api) {
		json_decref(body);
		reply_error(r, 500, "interne_fout", "onbekende bewerking %.8s %.100s", method, path);
		return r->status;
	}
	if (!(api->roles & R(r->who->rol))) {
		json_decref(body);
		reply_error(r, 403, "geen_toegang", "de rol %s mag dit niet", ROLE_NAMES[r->who->rol]);
		return r->status;
	}
	const route *page = r->rt;
	json_t *form_fields = r->json;
	char saved[4][80];
	int saved_n = r->n_params;
	memcpy(saved, r->params, sizeof saved);
	r->rt = api;
	r->json = body;
	memcpy(r->params, params, sizeof r->params);
	r->n_params = n;
	r->status = 0;
	if (!body || check_fields(r))
		api->handler(r);
	r->rt = page;
	r->json = form_fields;
	memcpy(r->params, saved, sizeof saved);
	r->n_params = saved_n;
	json_decref(body);
	return r->status;
}

json_t *ui_api_json(req *r)
{
	json_t *j = json_loadb(sb_str(&r->out), r->out.len, 0, NULL);
	sb_reset(&r->out);
	clear_headers(r);
	return j;
}

void ui_api_error(req *r, char *out, size_t size)
{
	json_t *j = json_loadb(sb_str(&r->out), r->out.len, 0, NULL);
	const char *msg = j ? json_string_value(json_object_get(j, "fout")) : NULL;
	snprintf(out, size, "%s", msg ? msg : "er ging iets mis");
	json_decref(j);
	sb_reset(&r->out);
	clear_headers(r);
}

void ui_done(req *r, const char *path, const char *done)
{
	clear_headers(r);
	sb_reset(&r->out);
	strbuf loc = STRBUF_INIT;
	sb_printf(&loc, "%s%sgedaan=%s", path, strchr(path, '?') ? "&" : "?", done);
	add_header(r, "Location", sb_str(&loc));
	sb_free(&loc);
	reply_raw(r, 303, "text/plain; charset=utf-8", "", 0);
}

bool ui_submit(req *r, const char *method, const char *path, json_t *body, const char *back, const char *done,
	       char *error, size_t size, int *status)
{
	*status = ui_api(r, method, path, body);
	if (*status == 200 || *status == 201) {
		json_t *j = ui_api_json(r);
		strbuf to = STRBUF_INIT;
		const char *mark = strstr(back, "{id}");
		if (mark) /* the new thing's page */
			sb_printf(&to, "%.*s%lld%s", (int)(mark - back), back, (long long)json_integer_value(json_object_get(j, "id")),
				  mark + 4);
		else
			sb_puts(&to, back);
		json_decref(j);
		ui_done(r, sb_str(&to), done);
		sb_free(&to);
		return true;
	}
	if (*status == 403 || *status == 404) /* nothing to show the form on */
		return true;
	ui_api_error(r, error, size);
	return false;
}

/* ---- forms ------------------------------------------------------------------------ */

const char *ui_field(req *r, const char *name)
{
	const char *v = form(r, name);
	return v && *v ? v : NULL;
}

/* A list typed as text: one item per line or between commas. */
static json_t *split_list(const char *v)
{
	json_t *arr = json_array();
	while (*v) {
		size_t len = strcspn(v, ",;\r\n");
		const char *a = v, *b = v + len;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > a)
			json_array_append_new(arr, json_stringn(a, (size_t)(b - a)));
		v += len + (v[len] != '\0');
	}
	return arr;
}

void ui_copy_fields(req *r, json_t *body, const char *const *names, const json_type *types)
{
	for (size_t i = 0; names[i]; i++) {
		const char *v = ui_field(r, names[i]);
		if (!v)
			continue;
		json_t *val;
		char *end;
		if (types[i] == JSON_INTEGER && strtoll(v, &end, 10) >= 0 && *end == '\0' && strlen(v) < 12)
			val = json_integer(strtoll(v, NULL, 10));
		else if (types[i] == JSON_ARRAY)
			val = split_list(v);
		else
			val = json_string(v); /* a bad number stays text: the API says what is wrong */
		json_object_set_new(body, names[i], val);
	}
}

const char *jtext(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static day_t jday(json_t *o, const char *key)
{
	const char *s = jtext(o, key);
	day_t d;
	return s && date_parse(s, strlen(s), &d) == 0 ? d : DAY_NONE;
}

void ui_jdate(strbuf *sb, json_t *o, const char *key)
{
	ui_date(sb, jday(o, key));
}

/* What a form did, by the code it sends back (?gedaan=). */
static const struct {
	const char *code, *text;
} DONE[] = {
	{"geopend", "Het dossier is geopend."},
	{"contact", "Het contact is vastgelegd."},
	{"mdo", "Het MDO is vastgelegd."},
	{"mdo-aanbod", "Het MDO en het aanbod zijn vastgelegd; het aanbod telt mee in de registratie."},
	{"interventie", "De interventie is vastgelegd."},
	{"notitie", "De notitie is vastgelegd."},
	{"aanbod", "Het aanbod is vastgelegd; het telt mee in de registratie."},
	{"plaatsing", "Het plaatsingsbesluit is vastgelegd."},
	{"regie", "De regie is vastgelegd. Gaat ze naar een andere organisatie, dan blijft ze bij u tot die de "
		  "overdracht aanvaardt."},
	{"overdracht-aanvaard", "U hebt de overdracht aanvaard: uw organisatie heeft nu de regie."},
	{"overdracht-afgewezen", "U hebt de overdracht geweigerd: de regie blijft waar ze was."},
	{"verlenging", "De termijn is verlengd."},
	{"escalatie", "De escalatie is gestart."},
	{"besluit", "Het besluit is vastgelegd."},
	{"verantwoording", "De verantwoording is vastgelegd."},
	{"sluiting", "Het dossier is gesloten."},
	{"lijst", "De lijst is vastgesteld."},
	{"verblijf", "Het verblijf is vastgelegd."},
	{"aanvraag", "De aanvraag is vastgelegd; de procedure loopt."},
	{"advies-arts", "Het advies van de arts of gedragsdeskundige is vastgelegd."},
	{"advies-swv", "Het advies van het samenwerkingsverband is vastgelegd."},
	{"herbeoordeling", "De herbeoordeling is vastgelegd."},
};

void ui_form_notice(req *r, const char *error)
{
	strbuf *o = &r->out;
	if (error && *error) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--error ib-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">"
			    "Niet gelukt: ");
		html_text(o, error);
		html_lit(o, ".</p></div>");
		return;
	}
	const char *done = query(r, "gedaan");
	for (size_t i = 0; done && i < sizeof DONE / sizeof DONE[0]; i++)
		if (strcmp(DONE[i].code, done) == 0) {
			html_lit(o, "<div class=\"utrecht-alert utrecht-alert--ok ib-alert\" role=\"status\"><p class=\"utrecht-paragraph\">");
			html_text(o, DONE[i].text);
			html_lit(o, "</p></div>");
		}
}

void ui_term_badge(strbuf *sb, const char *status)
{
	static const struct {
		const char *code, *cls, *label;
	} BADGES[] = {
		{"open", "ib-cat ib-cat--vrijstelling", "loopt"},
		{"deze_week", "ib-cat ib-cat--let-op", "deze week"},
		{"verlopen", "ib-flag ib-flag--warn", "verlopen"},
		{"gestagneerd", "ib-flag ib-flag--warn", "gestagneerd"},
		{"gehaald", "ib-flag ib-flag--ok", "gehaald"},
		{"te_laat", "ib-cat ib-cat--let-op", "te laat gehaald"},
		{"gesloten", "ib-cat ib-cat--niet-geteld", "vervallen"},
		{"op_tijd", "ib-flag ib-flag--ok", "op tijd"},
	};
	for (size_t i = 0; status && i < sizeof BADGES / sizeof BADGES[0]; i++)
		if (strcmp(BADGES[i].code, status) == 0) {
			html_lit(sb, "<span class=\"");
			html_attr(sb, BADGES[i].cls);
			html_lit(sb, "\">");
			html_text(sb, BADGES[i].label);
			html_lit(sb, "</span>");
			return;
		}
	html_lit(sb, "<span class=\"ib-muted\">geen</span>");
}

/* The fields of an event that people read, in this order, with their labels. */
static const struct {
	const char *key, *label;
	bool date;
} DETAILS[] = {
	{"categorie", "Categorie", false},	  {"startdatum", "Eerste verzuimdag", true},
	{"reden", "Reden", false},		  {"met_wie", "Met", false},
	{"wijze", "Hoe", false},		  {"deelnemers", "Deelnemers", false},
	{"afspraken", "Afspraken", false},	  {"volgende_datum", "Volgend MDO", true},
	{"soort", "Soort", false},		  {"aanbieder", "Aanbieder", false},
	{"school", "School", false},		  {"plaats_per", "Plaats beschikbaar per", true},
	{"ingangsdatum", "Ingangsdatum", true}, {"organisatie", "Organisatie", false},
	{"dagen", "Dagen", false},		  {"type", "Type stagnatie", false},
	{"route", "Route", false},		  {"besluit", "Besluit", false},
	{"besloten_door", "Besloten door", false}, {"verantwoording", "Verantwoording", false},
	{"aan", "Aan", false},			  {"uitkomst", "Uitkomst", false},
	{"deskundige", "Deskundige", false},	  {"advies", "Advies", false},
	{"mogelijkheden", "Mogelijk onderwijs", false}, {"van", "Van", true},
	{"tot", "Tot en met", true},		  {"bevinding", "Bevinding", false},
	{"volgende", "Volgende herbeoordeling", true}, {"swv", "Samenwerkingsverband", false},
	{"omschrijving", "Omschrijving", false}, {"tekst", "Notitie", false},
	{"motivering", "Motivering", false},	  {"toelichting", "Toelichting", false},
};

void ui_event_details(strbuf *sb, json_t *g)
{
	bool any = false;
	for (size_t i = 0; i < sizeof DETAILS / sizeof DETAILS[0]; i++) {
		json_t *v = json_object_get(g, DETAILS[i].key);
		if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
			continue;
		if (!any)
			html_lit(sb, "<dl class=\"ib-details\">");
		any = true;
		html_lit(sb, "<dt>");
		html_text(sb, DETAILS[i].label);
		html_lit(sb, "</dt><dd>");
		if (DETAILS[i].date)
			ui_jdate(sb, g, DETAILS[i].key);
		else if (json_is_array(v)) {
			size_t k;
			json_t *item;
			json_array_foreach(v, k, item) {
				if (k)
					html_lit(sb, ", ");
				html_text(sb, json_string_value(item));
			}
		} else if (json_is_integer(v)) {
			ui_int(sb, json_integer_value(v));
		} else if (json_is_string(v)) {
			html_text(sb, json_string_value(v)); /* line breaks stay (white-space: pre-line) */
		}
		html_lit(sb, "</dd>");
	}
	if (any)
		html_lit(sb, "</dl>");
}

void ui_form_open(req *r, const char *summary, const char *action, bool open)
{
	strbuf *o = &r->out;
	html_lit(o, "<details class=\"ib-action\"");
	if (open)
		html_lit(o, " open");
	html_lit(o, "><summary class=\"ib-action__summary\">");
	html_text(o, summary);
	html_lit(o, "</summary><form class=\"ib-form ib-action__form\" method=\"post\" action=\"");
	html_attr(o, action);
	html_lit(o, "\">");
	ui_csrf_field(r);
}

void ui_form_close(req *r, const char *button)
{
	html_lit(&r->out, "<div class=\"ib-actions\"><button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">");
	html_text(&r->out, button);
	html_lit(&r->out, "</button></div></form></details>");
}

static void field_open(strbuf *sb, const char *id, const char *label, bool required)
{
	html_lit(sb, "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" for=\"");
	html_attr(sb, id);
	html_lit(sb, "\">");
	html_text(sb, label);
	if (!required)
		html_lit(sb, " <span class=\"ib-muted\">(niet verplicht)</span>");
	html_lit(sb, "</label>");
}

static void field_hint(strbuf *sb, const char *id, const char *hint)
{
	if (!hint)
		return;
	html_lit(sb, "<p class=\"utrecht-form-field-description ib-small ib-muted\" id=\"");
	html_attr(sb, id);
	html_lit(sb, "-uitleg\">");
	html_text(sb, hint);
	html_lit(sb, "</p>");
}

static void control_common(strbuf *sb, const char *id, const char *name, bool required, const char *hint)
{
	html_lit(sb, " id=\"");
	html_attr(sb, id);
	html_lit(sb, "\" name=\"");
	html_attr(sb, name);
	html_lit(sb, "\"");
	if (required)
		html_lit(sb, " required");
	if (hint) {
		html_lit(sb, " aria-describedby=\"");
		html_attr(sb, id);
		html_lit(sb, "-uitleg\"");
	}
}

void ui_input(strbuf *sb, const char *id, const char *name, const char *label, const char *type, bool required,
	      const char *hint)
{
	field_open(sb, id, label, required);
	field_hint(sb, id, hint);
	html_lit(sb, "<input class=\"utrecht-textbox utrecht-textbox--html-input\" type=\"");
	html_attr(sb, type);
	html_lit(sb, "\"");
	control_common(sb, id, name, required, hint);
	if (strcmp(type, "date") == 0 && strcmp(name, "datum") == 0) { /* the day it happened: today by default */
		char t[DATE_TEXT];
		date_format(today(), t);
		html_lit(sb, " value=\"");
		html_attr(sb, t);
		html_lit(sb, "\" max=\"");
		html_attr(sb, t);
		html_lit(sb, "\"");
	}
	html_lit(sb, "></div>");
}

void ui_textarea(strbuf *sb, const char *id, const char *name, const char *label, bool required, const char *hint)
{
	field_open(sb, id, label, required);
	field_hint(sb, id, hint);
	html_lit(sb, "<textarea class=\"utrecht-textarea utrecht-textarea--html-textarea\" rows=\"3\" maxlength=\"4000\"");
	control_common(sb, id, name, required, hint);
	html_lit(sb, "></textarea></div>");
}

void ui_select(strbuf *sb, const char *id, const char *name, const char *label, const char *const *pairs,
	       bool required)
{
	field_open(sb, id, label, required);
	html_lit(sb, "<select class=\"utrecht-select utrecht-select--html-select\"");
	control_common(sb, id, name, required, NULL);
	html_lit(sb, ">");
	if (!required)
		html_lit(sb, "<option value=\"\">—</option>");
	for (size_t i = 0; pairs[i]; i += 2) {
		html_lit(sb, "<option value=\"");
		html_attr(sb, pairs[i]);
		html_lit(sb, "\">");
		html_text(sb, pairs[i + 1]);
		html_lit(sb, "</option>");
	}
	html_lit(sb, "</select></div>");
}

/* ---- dossiers beside other lists ------------------------------------------------- */

void ui_dossier_cell(strbuf *o, const dossier_state *d)
{
	if (!d) {
		html_lit(o, "<span class=\"ib-muted\">geen</span>");
		return;
	}
	html_markupf(o, "<a class=\"utrecht-link\" href=\"/dossiers/%lld\">", (long long)d->id);
	if (!d->st.open)
		html_lit(o, "gesloten");
	else if (case_signal(&d->st))
		ui_term_badge(o, case_signal(&d->st));
	else
		html_lit(o, "loopt");
	html_lit(o, "</a>");
}

void ui_pupil_case(req *r, const snapshot *s, const char *leerling, bool absent)
{
	strbuf *o = &r->out;	dossier_set *set = dossiers_acquire(r->srv, s, NULL);
	const dossier_state *found = set ? dossiers_of(set, leerling) : NULL;
	dossier_state d = found ? *found : (dossier_state){0};
	bool has = found != NULL;
	dossiers_release(set);
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"dossier-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"dossier-kop\">Dossier</h2><p class=\"utrecht-paragraph\">");
	if (has) {
		if (d.st.open)
			html_lit(o, "Er is een open dossier: ");
		else
			html_lit(o, "Het laatste dossier is gesloten: ");
		ui_dossier_cell(o, &d);
		html_lit(o, "</p>");
	} else {
		html_lit(o, "Er is geen dossier.</p>");
	}
	if ((!has || !d.st.open) && absent) {
		html_lit(o, "<form method=\"post\" action=\"/dossiers\" class=\"ib-filters ib-filters--inline\">");
		ui_csrf_field(r);
		html_lit(o, "<input type=\"hidden\" name=\"leerling_id\" value=\"");
		html_attr(o, leerling);
		html_lit(o, "\"><button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Dossier "
			    "openen</button></form>");
	}
	html_lit(o, "</section>");
}

/* ---- the dossier list ------------------------------------------------------------ */

static const char *const SIGNALS[] = {"deze_week", "deze week een termijn", "verlopen", "over de termijn",
				      "gestagneerd", "gestagneerd", "zonder_regie", "zonder regiehouder", NULL};

void ui_signal_tiles(strbuf *o, json_t *sig)
{
	html_lit(o, "<ul class=\"ib-tiles\" aria-label=\"Signalen\"><li class=\"ib-tile\"><a class=\"ib-tile__link\" "
		    "href=\"/dossiers\"><span class=\"ib-tile__number\">");
	ui_int(o, json_integer_value(json_object_get(sig, "open")));
	html_lit(o, "</span><span class=\"ib-tile__label\">open dossiers</span></a></li>");
	for (size_t i = 0; SIGNALS[i]; i += 2) {
		json_int_t n = json_integer_value(json_object_get(sig, SIGNALS[i]));
		html_lit(o, "<li class=\"ib-tile");
		if (n)
			html_lit(o, " ib-tile--warn");
		html_lit(o, "\"><a class=\"ib-tile__link\" href=\"/dossiers?signaal=");
		html_url_arg(o, SIGNALS[i]);
		html_lit(o, "\"><span class=\"ib-tile__number\">");
		ui_int(o, n);
		html_lit(o, "</span><span class=\"ib-tile__label\">");
		html_text(o, SIGNALS[i + 1]);
		html_lit(o, "</span></a></li>");
	}
	html_lit(o, "</ul>");
}

/* The first term not yet met, by due date (term_next), from a dossier's
 * JSON; NULL when none. */
static json_t *next_term(json_t *d, const char **name)
{
	static const char *const TERMS[3][2] = {
		{"passende_plek", "plek"}, {"plaatsingsbesluit", "besluit"}, {"passend_aanbod", "aanbod"}};
	term terms[3];
	json_t *js[3];
	for (size_t i = 0; i < 3; i++) {
		js[i] = json_object_get(json_object_get(d, "termijnen"), TERMS[i][0]);
		const char *st = jtext(js[i], "status");
		terms[i] = (term){.due = jday(js[i], "datum"), .met_on = DAY_NONE, .state = TERM_CLOSED};
		for (int k = 0; st && k < 6; k++)
			if (strcmp(st, TERM_STATE_CODES[k]) == 0)
				terms[i].state = (term_state)k;
	}
	size_t next = term_next(terms, 3);
	if (next == 3)
		return NULL;
	*name = TERMS[next][1];
	return js[next];
}

void ui_json_name(strbuf *o, json_t *names, const char *id)
{
	const char *v = jtext(names, "voornaam"), *a = jtext(names, "achternaam");
	if (v || a) {
		html_text(o, v ? v : "");
		html_lit(o, " ");
		html_text(o, a ? a : "");
	} else {
		html_text(o, id);
	}
}

static void regie_cell(strbuf *o, json_t *d)
{
	json_t *rg = json_object_get(d, "regie");
	if (!jtext(rg, "organisatie")) {
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">geen regie</span>");
		return;
	}
	html_text(o, jtext(rg, "organisatie"));
	html_lit(o, "<br>");
	if (jtext(rg, "gebruiker"))
		html_text(o, jtext(rg, "gebruiker"));
	else
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">geen regiehouder</span>");
}

static void days_since(strbuf *o, json_t *d)
{
	day_t start = jday(d, "startdatum");
	if (start == DAY_NONE)
		return;
	html_lit(o, "<span class=\"ib-days");
	if (langer_dan_3_maanden(start, today()))
		html_lit(o, " ib-days--long");
	html_lit(o, "\">");
	ui_int(o, duur_dagen(start, today()));
	html_lit(o, "</span> <span class=\"ib-small ib-muted\">sinds ");
	ui_date(o, start);
	html_lit(o, "</span>");
}

enum { DOSSIER_PAGE = 50 };

static void dossier_table(strbuf *o, json_t *list, size_t from, size_t to)
{
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-list\"><caption class=\"utrecht-table__caption ib-visually-hidden\">Dossiers"
		    "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">Dagen thuis</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Nu</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Regie</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Eerstvolgende termijn</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Signaal</th></tr></thead>"
		    "<tbody class=\"utrecht-table__body\">");
	size_t i;
	json_t *d;
	json_array_foreach(list, i, d) {
		if (i < from || i >= to)
			continue;
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
		days_since(o, d);
		html_markupf(o, "</td><td class=\"utrecht-table__cell\"><a class=\"utrecht-link ib-pupil\" href=\"/dossiers/%lld\">",
			     (long long)json_integer_value(json_object_get(d, "id")));
		ui_json_name(o, json_object_get(d, "leerling"), jtext(d, "leerling_id"));
		html_lit(o, "</a> <span class=\"ib-id\">");
		html_text(o, jtext(d, "leerling_id"));
		html_lit(o, "</span></td><td class=\"utrecht-table__cell\">");
		const char *cat = jtext(json_object_get(d, "leerling"), "categorie_vandaag");
		categorie c = cat ? categorie_from_code(cat) : CAT_COUNT;
		if (strcmp(jtext(d, "status"), "open") != 0) {
			html_lit(o, "gesloten: ");
			html_text(o, jtext(d, "uitkomst"));
		} else if (c != CAT_COUNT) {
			ui_categorie(o, c);
		}
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		regie_cell(o, d);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		const char *name = NULL;
		json_t *t = next_term(d, &name);
		if (t) {
			html_text(o, name);
			html_lit(o, ": ");
			ui_jdate(o, t, "datum");
			html_lit(o, " ");
			ui_term_badge(o, jtext(t, "status"));
		} else {
			html_lit(o, "<span class=\"ib-muted\">geen open termijn</span>");
		}
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		if (jtext(d, "signaal"))
			ui_term_badge(o, jtext(d, "signaal"));
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
}

static void dossiers_page(req *r, const char *error, int fail_status)
{
	if (ui_api(r, "GET", "/api/signalen", NULL) != 200)
		return;
	json_t *sig = ui_api_json(r);
	if (ui_api(r, "GET", "/api/dossiers", NULL) != 200) { /* reads ?status and ?signaal; one audit entry */
		json_decref(sig);
		return;
	}
	json_t *list = ui_api_json(r);
	json_t *asked = ui_api(r, "GET", "/api/overdrachten", NULL) == 200 ? ui_api_json(r) : NULL;
	if (!asked) {
		json_decref(sig);
		json_decref(list);
		return;
	}
	snapshot *s = snapshot_acquire(r->srv);
	ui_begin(r, s->ds, "Dossiers", NAV_DOSSIERS);
	snapshot_release(s);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">Elk kind dat absoluut verzuimt (ook als dat nog niet meetelt), "
		    "langdurig relatief verzuimt of langdurig ziek is, krijgt vanaf de eerste dag vanzelf een dossier. De "
		    "termijnen tellen vanaf de eerste dag van feitelijke afwezigheid, in lesweken: vakantiedagen tellen niet "
		    "mee.</p>");
	ui_form_notice(r, error);
	ui_handovers(r, asked);
	ui_signal_tiles(o, sig);
	const char *status = query(r, "status") ? query(r, "status") : "open";
	const char *signaal = query(r, "signaal");
	html_lit(o, "<form class=\"ib-filters ib-filters--inline\" method=\"get\" action=\"/dossiers\">");
	static const char *const STATUS[] = {"open", "open", "gesloten", "gesloten", "alle", "alle", NULL};
	html_lit(o, "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" for=\"status\">Status"
		    "</label><select class=\"utrecht-select utrecht-select--html-select\" id=\"status\" name=\"status\">");
	for (size_t i = 0; STATUS[i]; i += 2) {
		html_lit(o, "<option value=\"");
		html_attr(o, STATUS[i]);
		html_lit(o, "\"");
		if (strcmp(STATUS[i], status) == 0)
			html_lit(o, " selected");
		html_lit(o, ">");
		html_text(o, STATUS[i + 1]);
		html_lit(o, "</option>");
	}
	html_lit(o, "</select></div><div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" "
		    "for=\"signaal\">Signaal</label><select class=\"utrecht-select utrecht-select--html-select\" id=\"signaal\" "
		    "name=\"signaal\"><option value=\"alle\">alle</option>");
	for (size_t i = 0; SIGNALS[i]; i += 2) {
		html_lit(o, "<option value=\"");
		html_attr(o, SIGNALS[i]);
		html_lit(o, "\"");
		if (signaal && strcmp(SIGNALS[i], signaal) == 0)
			html_lit(o, " selected");
		html_lit(o, ">");
		html_text(o, SIGNALS[i + 1]);
		html_lit(o, "</option>");
	}
	html_lit(o, "</select></div><button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Toon"
		    "</button></form>");
	html_lit(o, "<h2 class=\"utrecht-heading-2 ib-count\">");
	ui_int(o, (int64_t)json_array_size(list));
	html_text(o, json_array_size(list) == 1 ? " dossier" : " dossiers");
	html_lit(o, " <span class=\"ib-small ib-muted\">(de dringendste eerst)</span></h2>");
	size_t n = json_array_size(list), pages = (n + DOSSIER_PAGE - 1) / DOSSIER_PAGE;
	long page = query(r, "pagina") ? strtol(query(r, "pagina"), NULL, 10) : 1;
	if (page < 1 || (size_t)page > pages)
		page = 1;
	if (n)
		dossier_table(o, list, (size_t)(page - 1) * DOSSIER_PAGE, (size_t)page * DOSSIER_PAGE);
	if (pages > 1) {
		html_lit(o, "<nav class=\"utrecht-pagination ib-pages\" aria-label=\"Pagina's\"><ul class=\"ib-pages__list\">");
		for (size_t p = 1; p <= pages; p++) {
			if (p != 1 && p != pages && (p + 3 < (size_t)page || p > (size_t)page + 3))
				continue;
			html_lit(o, "<li>");
			if (p == (size_t)page) {
				html_markupf(o, "<span class=\"ib-pages__current\" aria-current=\"page\">%zu</span>", p);
			} else {
				html_lit(o, "<a href=\"/dossiers?status=");
				html_url_arg(o, status);
				if (signaal && strcmp(signaal, "alle") != 0) {
					html_lit(o, "&amp;signaal=");
					html_url_arg(o, signaal);
				}
				html_markupf(o, "&amp;pagina=%zu\"><span class=\"ib-visually-hidden\">pagina </span>%zu</a>", p, p);
			}
			html_lit(o, "</li>");
		}
		html_lit(o, "</ul></nav>");
	}
	if (!n)
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "dossiers die hieraan voldoen.</p></div>");
	ui_form_open(r, "Een dossier openen (bijvoorbeeld voor een dreigende thuiszitter)", "/dossiers", error && *error);
	ui_input(o, "open-leerling", "leerling_id", "Leerling-id", "text", true, "zoals op de pagina van de leerling");
	ui_textarea(o, "open-reden", "reden", "Reden", false, NULL);
	ui_form_close(r, "Dossier openen");
	ui_end(r, error && *error ? fail_status : 200);
	json_decref(sig);
	json_decref(list);
	json_decref(asked);
}

void ui_dossiers(req *r)
{
	dossiers_page(r, NULL, 200);
}

void ui_dossier_open(req *r)
{
	json_t *body = json_object();
	static const char *const NAMES[] = {"leerling_id", "reden", NULL};
	static const json_type TYPES[] = {JSON_STRING, JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	char error[400];
	int status;
	if (!ui_submit(r, "POST", "/api/dossiers", body, "/dossiers/{id}", "geopend", error, sizeof error, &status))
		dossiers_page(r, error, status);
}

/* ---- one dossier ------------------------------------------------------------------- */

static const char *const EVENT_LABELS[] = {
	"opening", "Dossier geopend", "contact", "Contact", "mdo", "MDO", "interventie", "Interventie",
	"aanbod", "Aanbod", "plaatsing", "Plaatsingsbesluit", "notitie", "Notitie", "regie", "Regie",
	"verlenging", "Termijn verlengd", "escalatie", "Escalatie", "besluit", "Besluit in de escalatie",
	"verantwoording", "Verantwoording", "sluiting", "Dossier gesloten", "overdracht", "Overdracht van de regie gevraagd",
	"overdracht_aanvaard", "Overdracht aanvaard", "overdracht_afgewezen", "Overdracht geweigerd", NULL,
};

static const char *event_label(const char *const *labels, const char *soort)
{
	for (size_t i = 0; labels[i]; i += 2)
		if (strcmp(labels[i], soort) == 0)
			return labels[i + 1];
	return soort;
}

void ui_timeline(strbuf *o, const char *heading, json_t *events, const char *const *labels)
{
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"tijdlijn-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"tijdlijn-kop\">");
	html_text(o, heading);
	html_lit(o, "</h2>");
	html_lit(o, "<ol class=\"ib-events\" reversed>");
	for (size_t i = json_array_size(events); i-- > 0;) {
		json_t *e = json_array_get(events, i);
		html_lit(o, "<li class=\"ib-event\"><p class=\"ib-event__head\"><strong>");
		html_text(o, event_label(labels, jtext(e, "soort")));
		html_lit(o, "</strong> · ");
		ui_jdate(o, e, "datum");
		html_lit(o, " <span class=\"ib-small ib-muted\">vastgelegd door ");
		html_text(o, jtext(e, "door"));
		if (jtext(e, "organisatie")) {
			html_lit(o, " (");
			html_text(o, jtext(e, "organisatie"));
			html_lit(o, ")");
		}
		html_lit(o, " op ");
		const char *at = jtext(e, "vastgelegd_op");
		html_text_n(o, at ? at : "", at && strlen(at) >= 10 ? 10 : 0);
		html_lit(o, "</span></p>");
		ui_event_details(o, json_object_get(e, "gegevens"));
		html_lit(o, "</li>");
	}
	html_lit(o, "</ol></section>");
}

static void term_row(strbuf *o, const char *label, json_t *t)
{
	html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
	html_text(o, label);
	html_lit(o, "</th><td class=\"utrecht-table__cell\">");
	ui_jdate(o, t, "datum");
	html_lit(o, "</td><td class=\"utrecht-table__cell\">");
	ui_term_badge(o, jtext(t, "status"));
	if (jtext(t, "gehaald_op")) {
		html_lit(o, " <span class=\"ib-small\">op ");
		ui_jdate(o, t, "gehaald_op");
		html_lit(o, "</span>");
	}
	html_lit(o, "</td></tr>");
}

static void terms(strbuf *o, json_t *d)
{
	json_t *t = json_object_get(d, "termijnen");
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"termijnen-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"termijnen-kop\">Termijnen</h2><p class=\"utrecht-paragraph ib-small ib-muted\">Geteld vanaf de eerste "
		    "dag van feitelijke afwezigheid, in lesweken (vakantiedagen van de regio tellen niet mee): zes weken tot "
		    "een passende plek en tot het plaatsingsbesluit (eenmaal te verlengen met hoogstens vier weken, daarna is "
		    "de casus gestagneerd); nooit langer dan drie kalendermaanden zonder passend aanbod. Alleen een plaats "
		    "sinds het begin van dit verzuim telt.</p><table class=\"utrecht-table utrecht-table--html-table\"><thead class=\"utrecht-table__header\">"
		    "<tr class=\"utrecht-table__row\"><th scope=\"col\" class=\"utrecht-table__header-cell\">Termijn</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Uiterlijk</th><th scope=\"col\" "
		    "class=\"utrecht-table__header-cell\">Stand</th></tr></thead><tbody class=\"utrecht-table__body\">");
	term_row(o, "Passende plek", json_object_get(t, "passende_plek"));
	term_row(o, "Plaatsingsbesluit", json_object_get(t, "plaatsingsbesluit"));
	term_row(o, "Passend aanbod", json_object_get(t, "passend_aanbod"));
	html_lit(o, "</tbody></table>");
	json_int_t ext = json_integer_value(json_object_get(d, "verlenging_dagen"));
	if (ext)
		html_markupf(o, "<p class=\"utrecht-paragraph\">De termijn voor het plaatsingsbesluit is verlengd met %lld dagen.</p>",
			     (long long)ext);
	if (json_is_true(json_object_get(d, "gestagneerd")))
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--warning ib-alert\"><p class=\"utrecht-paragraph\"><strong>"
			    "Gestagneerd:</strong> er is geen plaatsingsbesluit binnen de termijn. Escaleer naar wie doorzettingsmacht "
			    "heeft.</p></div>");
	html_lit(o, "</section>");
}

static bool may(req *r, unsigned roles)
{
	return (roles & R(r->who->rol)) != 0;
}

static void escalations(req *r, json_t *d, int64_t id, bool open)
{
	strbuf *o = &r->out;
	json_t *list = json_object_get(d, "escalaties");
	if (!json_array_size(list))
		return;
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"escalaties-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"escalaties-kop\">Escalaties</h2>");
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		long long eid = (long long)json_integer_value(json_object_get(x, "id"));
		html_lit(o, "<div class=\"ib-card ib-escalation\"><h3 class=\"utrecht-heading-3\">");
		html_text(o, jtext(x, "omschrijving"));
		html_lit(o, "</h3><dl class=\"ib-details\"><dt>Route</dt><dd>");
		html_text(o, jtext(x, "route"));
		html_lit(o, "</dd><dt>Gestart</dt><dd>");
		ui_jdate(o, x, "gestart");
		html_lit(o, "</dd><dt>Besluit</dt><dd>");
		if (jtext(x, "besloten"))
			ui_jdate(o, x, "besloten");
		else
			html_lit(o, "<span class=\"ib-flag ib-flag--warn\">nog geen besluit</span>");
		html_lit(o, "</dd><dt>Verantwoording</dt><dd>");
		if (jtext(x, "verantwoord"))
			ui_jdate(o, x, "verantwoord");
		else
			html_lit(o, "<span class=\"ib-muted\">nog niet afgelegd</span>");
		html_lit(o, "</dd></dl>");
		/* The next step of an escalation: its decision, then the account. */
		static const struct {
			const char *step, *summary, *text, *text_label, *who, *who_label, *who_hint, *button;
		} STEPS[] = {
			{"besluit", "Het besluit vastleggen", "besluit", "Wat is besloten", "besloten_door", "Besloten door",
			 "naam en functie", "Besluit vastleggen"},
			{"verantwoording", "De verantwoording vastleggen", "verantwoording", "Verantwoording", "aan",
			 "Afgelegd aan", "bijvoorbeeld het algemeen bestuur", "Verantwoording vastleggen"},
		};
		int k = !jtext(x, "besloten") ? 0 : !jtext(x, "verantwoord") ? 1 : -1;
		if (open && k >= 0 && may(r, R(ROLE_LEERPLICHT) | R(ROLE_SWV))) {
			char action[96], fid[3][48];
			snprintf(action, sizeof action, "/dossiers/%lld/escalaties/%lld/%s", (long long)id, eid, STEPS[k].step);
			for (int f = 0; f < 3; f++)
				snprintf(fid[f], sizeof fid[f], "%s-%d-%lld", STEPS[k].step, f, eid);
			ui_form_open(r, STEPS[k].summary, action, false);
			ui_input(o, fid[0], "datum", "Datum", "date", true, NULL);
			ui_textarea(o, fid[1], STEPS[k].text, STEPS[k].text_label, true, NULL);
			ui_input(o, fid[2], STEPS[k].who, STEPS[k].who_label, "text", true, STEPS[k].who_hint);
			ui_form_close(r, STEPS[k].button);
		}
		html_lit(o, "</div>");
	}
	html_lit(o, "</section>");
}

void ui_regie_select(strbuf *o, const char *id, const char *label, json_t *orgs, const char *none)
{
	field_open(o, id, label, true);
	html_lit(o, "<select class=\"utrecht-select utrecht-select--html-select\"");
	control_common(o, id, "regiehouder", false, NULL);
	html_lit(o, "><option value=\"\">");
	html_text(o, none);
	html_lit(o, "</option>");
	size_t i, k;
	json_t *org, *p;
	json_array_foreach(orgs, i, org) {
		html_lit(o, "<optgroup label=\"");
		html_attr(o, jtext(org, "naam"));
		html_lit(o, "\">");
		long long oid = (long long)json_integer_value(json_object_get(org, "id"));
		html_markupf(o, "<option value=\"%lld:0\">", oid);
		html_text(o, jtext(org, "naam"));
		html_lit(o, " (nog zonder persoon)</option>");
		json_array_foreach(json_object_get(org, "personen"), k, p) {
			html_markupf(o, "<option value=\"%lld:%lld\">", oid, (long long)json_integer_value(json_object_get(p, "id")));
			html_text(o, jtext(p, "naam"));
			html_lit(o, "</option>");
		}
		html_lit(o, "</optgroup>");
	}
	html_lit(o, "</select></div>");
}

static void action_forms(req *r, json_t *d, int64_t id, json_t *orgs, const char *error)
{
	strbuf *o = &r->out;
	char action[64];
#define ACTION(seg) (snprintf(action, sizeof action, "/dossiers/%lld/" seg, (long long)id), action)
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"vastleggen-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"vastleggen-kop\">Vastleggen</h2>");
	ui_form_open(r, "Contact met leerling of ouders", ACTION("contacten"), false);
	ui_input(o, "contact-datum", "datum", "Datum", "date", true, NULL);
	ui_input(o, "contact-met", "met_wie", "Met wie", "text", true, "leerling, ouders, ...");
	ui_input(o, "contact-wijze", "wijze", "Hoe", "text", false, "huisbezoek, telefoon, gesprek op school, ...");
	ui_textarea(o, "contact-tekst", "omschrijving", "Wat is besproken", true, NULL);
	ui_form_close(r, "Contact vastleggen");

	ui_form_open(r, "MDO (met zo nodig het aanbod dat eruit kwam)", ACTION("mdo"), false);
	ui_input(o, "mdo-datum", "datum", "Datum", "date", true, NULL);
	ui_textarea(o, "mdo-deelnemers", "deelnemers", "Deelnemers", true, "namen of rollen, één per regel of met komma's");
	ui_textarea(o, "mdo-afspraken", "afspraken", "Afspraken", true, NULL);
	ui_input(o, "mdo-volgende", "volgende_datum", "Volgend MDO", "date", false, NULL);
	html_lit(o, "<fieldset class=\"ib-fieldset\"><legend>Aanbod uit dit MDO</legend>");
	static const char *const SOORT[] = {"onderwijs", "onderwijs", "zorg", "zorg", "combinatie", "onderwijs en zorg", NULL};
	ui_select(o, "mdo-aanbod-soort", "aanbod_soort", "Soort aanbod", SOORT, false);
	ui_input(o, "mdo-aanbieder", "aanbieder", "Aanbieder", "text", false, NULL);
	ui_input(o, "mdo-plaats", "plaats_per", "Plaats beschikbaar per", "date", false, "leeg zolang er geen plaats is");
	html_lit(o, "</fieldset>");
	ui_form_close(r, "MDO vastleggen");

	ui_form_open(r, "Aanbod", ACTION("aanbod"), false);
	ui_input(o, "aanbod-datum", "datum", "Datum van het aanbod", "date", true, NULL);
	ui_select(o, "aanbod-soort", "soort", "Soort", SOORT, true);
	ui_input(o, "aanbod-aanbieder", "aanbieder", "Aanbieder", "text", true, NULL);
	ui_input(o, "aanbod-plaats", "plaats_per", "Plaats beschikbaar per", "date", false, "leeg zolang er geen plaats is");
	ui_textarea(o, "aanbod-tekst", "omschrijving", "Omschrijving", false, NULL);
	ui_form_close(r, "Aanbod vastleggen");

	ui_form_open(r, "Interventie", ACTION("interventies"), false);
	ui_input(o, "interventie-datum", "datum", "Datum", "date", true, NULL);
	ui_textarea(o, "interventie-tekst", "omschrijving", "Wat is er gedaan", true, NULL);
	ui_form_close(r, "Interventie vastleggen");

	ui_form_open(r, "Plaatsingsbesluit", ACTION("plaatsingen"), false);
	ui_input(o, "plaatsing-datum", "datum", "Datum van het besluit", "date", true, NULL);
	ui_input(o, "plaatsing-school", "school", "School", "text", false, "BRIN:VESTIGING, bijvoorbeeld 01KF:00");
	ui_input(o, "plaatsing-aanbieder", "aanbieder", "Of aanbieder", "text", false, NULL);
	ui_input(o, "plaatsing-ingang", "ingangsdatum", "Ingangsdatum", "date", false, NULL);
	ui_textarea(o, "plaatsing-tekst", "omschrijving", "Besluit", true, NULL);
	ui_form_close(r, "Plaatsingsbesluit vastleggen");

	ui_form_open(r, "Notitie", ACTION("notities"), false);
	ui_input(o, "notitie-datum", "datum", "Datum", "date", true, NULL);
	ui_textarea(o, "notitie-tekst", "tekst", "Notitie", true, NULL);
	ui_form_close(r, "Notitie vastleggen");

	ui_form_open(r, "Regie nemen of overdragen", ACTION("regie"), false);
	html_lit(o, "<p class=\"utrecht-paragraph ib-small\">Alleen organisaties die bij de leerling betrokken zijn. "
		    "Een andere organisatie krijgt een verzoek: tot zij het aanvaardt, blijft de regie waar ze is.</p>");
	ui_regie_select(o, "regie-naar", "Regie naar", orgs, "mijzelf (mijn organisatie)");
	ui_textarea(o, "regie-reden", "reden", "Reden", true, NULL);
	ui_form_close(r, "Regie vastleggen");

	if (may(r, R(ROLE_LEERPLICHT) | R(ROLE_SWV)) && !json_integer_value(json_object_get(d, "verlenging_dagen"))) {
		ui_form_open(r, "De termijn voor het plaatsingsbesluit verlengen (eenmalig)", ACTION("verlenging"), false);
		ui_input(o, "verlenging-datum", "datum", "Datum", "date", true, NULL);
		ui_input(o, "verlenging-dagen", "dagen", "Dagen", "number", true, "1 tot 28 (hoogstens vier weken)");
		ui_textarea(o, "verlenging-reden", "reden", "Reden", true, NULL);
		ui_form_close(r, "Termijn verlengen");
	}

	ui_form_open(r, "Escaleren (doorzettingsmacht)", ACTION("escalaties"),
		     json_is_true(json_object_get(d, "gestagneerd")) && !json_array_size(json_object_get(d, "escalaties")));
	const char *types[2 * ST_COUNT + 1];
	char labels[ST_COUNT][200];
	for (int i = 0; i < ST_COUNT; i++) {
		snprintf(labels[i], sizeof labels[i], "%s — route: %s", STAGNATIE[i].label, STAGNATIE[i].route);
		types[2 * i] = STAGNATIE[i].code;
		types[2 * i + 1] = labels[i];
	}
	types[2 * ST_COUNT] = NULL;
	ui_input(o, "escalatie-datum", "datum", "Datum", "date", true, NULL);
	ui_select(o, "escalatie-type", "type", "Type stagnatie", types, true);
	ui_textarea(o, "escalatie-tekst", "omschrijving", "Wat stagneert", true, NULL);
	ui_form_close(r, "Escaleren");

	const char *outcomes[2 * UIT_COUNT + 1];
	for (int i = 0; i < UIT_COUNT; i++) {
		outcomes[2 * i] = UITKOMST_CODES[i];
		outcomes[2 * i + 1] = UITKOMST_LABELS[i];
	}
	outcomes[2 * UIT_COUNT] = NULL;
	ui_form_open(r, "Het dossier sluiten", ACTION("sluiting"), false);
	ui_input(o, "sluiting-datum", "datum", "Datum", "date", true, NULL);
	ui_select(o, "sluiting-uitkomst", "uitkomst", "Uitkomst", outcomes, true);
	ui_textarea(o, "sluiting-tekst", "toelichting", "Toelichting", false, NULL);
	ui_form_close(r, "Dossier sluiten");
	html_lit(o, "</section>");
	(void)error;
#undef ACTION
}

static void dossier_page(req *r, int64_t id, const char *error, int fail_status)
{
	char path[64];
	snprintf(path, sizeof path, "/api/dossiers/%lld", (long long)id);
	if (ui_api(r, "GET", path, NULL) != 200) /* access and the audit entry, as the API */
		return;
	json_t *d = ui_api_json(r);
	bool open = d && strcmp(jtext(d, "status"), "open") == 0;
	bool works = open && json_is_true(json_object_get(d, "mag_vastleggen"));
	json_t *orgs = NULL;
	char orgs_path[80];
	snprintf(orgs_path, sizeof orgs_path, "/api/dossiers/%lld/regie/organisaties", (long long)id);
	if (works && ui_api(r, "GET", orgs_path, NULL) == 200)
		orgs = ui_api_json(r);
	if (!d || (works && !orgs)) {
		json_decref(d);
		json_decref(orgs);
		ui_fail(r, 500, "interne_fout", "het dossier kon niet worden getoond");
		return;
	}
	strbuf title = STRBUF_INIT;
	sb_puts(&title, "Dossier ");
	json_t *l = json_object_get(d, "leerling");
	sb_printf(&title, "%s %s", jtext(l, "voornaam") ? jtext(l, "voornaam") : "",
		  jtext(l, "achternaam") ? jtext(l, "achternaam") : jtext(d, "leerling_id"));
	snapshot *s = snapshot_acquire(r->srv);
	ui_begin(r, s->ds, sb_str(&title), NAV_DOSSIERS);
	snapshot_release(s);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link ib-small\" href=\"/dossiers\">← Alle dossiers</a> · "
		    "Stand: ");
	if (open)
		ui_term_badge(o, jtext(d, "signaal") ? jtext(d, "signaal") : "open");
	else
		html_lit(o, "<span class=\"ib-cat ib-cat--niet-geteld\">gesloten</span>");
	html_lit(o, "</p>");
	ui_form_notice(r, error);
	json_t *problems = json_object_get(d, "problemen");
	if (json_array_size(problems)) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--warning ib-alert\" role=\"status\"><ul class=\"utrecht-unordered-list\">");
		size_t i;
		json_t *p;
		json_array_foreach(problems, i, p) {
			html_lit(o, "<li class=\"utrecht-unordered-list__item\">");
			html_text(o, json_string_value(p));
			html_lit(o, "</li>");
		}
		html_lit(o, "</ul></div>");
	}
	html_lit(o, "<dl class=\"ib-data\"><div><dt>Leerling</dt><dd><a class=\"utrecht-link\" href=\"/leerlingen/");
	html_url_path(o, jtext(d, "leerling_id"));
	html_lit(o, "\">");
	html_text(o, jtext(d, "leerling_id"));
	html_lit(o, "</a></dd></div><div><dt>Nu</dt><dd>");
	const char *cat = jtext(l, "categorie_vandaag");
	if (cat && categorie_from_code(cat) != CAT_COUNT)
		ui_categorie(o, categorie_from_code(cat));
	html_lit(o, "</dd></div><div><dt>Eerste dag van feitelijke afwezigheid</dt><dd>");
	ui_jdate(o, d, "startdatum");
	html_lit(o, "</dd></div><div><dt>Dagen thuis</dt><dd>");
	days_since(o, d);
	html_lit(o, "</dd></div><div><dt>Dossier geopend</dt><dd>");
	ui_jdate(o, d, "geopend_op");
	html_lit(o, "</dd></div><div><dt>Regie</dt><dd>");
	regie_cell(o, d);
	html_lit(o, "</dd></div>");
	if (!open) {
		html_lit(o, "<div><dt>Gesloten</dt><dd>");
		ui_jdate(o, d, "gesloten_op");
		html_lit(o, ": ");
		uitkomst u = uitkomst_from_code(jtext(d, "uitkomst") ? jtext(d, "uitkomst") : "");
		html_text(o, u != UIT_COUNT ? UITKOMST_LABELS[u] : "");
		html_lit(o, "</dd></div>");
	}
	html_lit(o, "</dl>");
	ui_handover_box(r, d, id);
	terms(o, d);
	escalations(r, d, id, works);
	if (works)
		action_forms(r, d, id, orgs, error);
	ui_timeline(o, "Tijdlijn", json_object_get(d, "tijdlijn"), EVENT_LABELS);
	ui_end(r, error && *error ? fail_status : 200);
	sb_free(&title);
	json_decref(d);
	json_decref(orgs);
}

void ui_dossier(req *r)
{
	dossier_page(r, path_number(r->params[0]), NULL, 200);
}

/* The forms of a dossier: which API fields each one sends. */
typedef struct dossier_action {
	const char *segment, *done;
	const char *names[6];
	json_type types[6];
} dossier_action;

static const dossier_action ACTIONS[] = {
	{"contacten", "contact", {"datum", "met_wie", "wijze", "omschrijving"}, {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING}},
	{"mdo", "mdo", {"datum", "deelnemers", "afspraken", "volgende_datum"}, {JSON_STRING, JSON_ARRAY, JSON_STRING, JSON_STRING}},
	{"interventies", "interventie", {"datum", "omschrijving"}, {JSON_STRING, JSON_STRING}},
	{"notities", "notitie", {"datum", "tekst"}, {JSON_STRING, JSON_STRING}},
	{"aanbod", "aanbod", {"datum", "soort", "aanbieder", "plaats_per", "omschrijving"},
	 {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING}},
	{"plaatsingen", "plaatsing", {"datum", "school", "aanbieder", "ingangsdatum", "omschrijving"},
	 {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING}},
	{"verlenging", "verlenging", {"datum", "dagen", "reden"}, {JSON_STRING, JSON_INTEGER, JSON_STRING}},
	{"escalaties", "escalatie", {"datum", "type", "omschrijving"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"sluiting", "sluiting", {"datum", "uitkomst", "toelichting"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"besluit", "besluit", {"datum", "besluit", "besloten_door"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"verantwoording", "verantwoording", {"datum", "verantwoording", "aan"}, {JSON_STRING, JSON_STRING, JSON_STRING}},
	{"aanvaarden", "overdracht-aanvaard", {"toelichting"}, {JSON_STRING}},
	{"afwijzen", "overdracht-afgewezen", {"reden"}, {JSON_STRING}},
};

void ui_regie_fields(req *r, json_t *body, const char *org_key, const char *person_key)
{
	const char *to = ui_field(r, "regiehouder");
	if (!to)
		return;
	char *end;
	long long org = strtoll(to, &end, 10), person = *end == ':' ? strtoll(end + 1, &end, 10) : -1;
	if (org > 0 && person >= 0 && *end == '\0') {
		json_object_set_new(body, org_key, json_integer(org));
		json_object_set_new(body, person_key, json_integer(person));
	} else {
		json_object_set_new(body, org_key, json_string(to)); /* the API says what is wrong */
	}
}

/* The regie form: "organisation:person" (or nothing: oneself). */
static json_t *regie_body(req *r)
{
	json_t *body = json_object();
	ui_regie_fields(r, body, "organisatie_id", "gebruiker_id");
	static const char *const NAMES[] = {"reden", NULL};
	static const json_type TYPES[] = {JSON_STRING};
	ui_copy_fields(r, body, NAMES, TYPES);
	return body;
}

void ui_dossier_action(req *r)
{
	int64_t id = path_number(r->params[0]);
	const char *seg = strrchr(r->rt->path, '/') + 1;
	const dossier_action *a = NULL;
	for (size_t i = 0; i < sizeof ACTIONS / sizeof ACTIONS[0]; i++)
		if (strcmp(ACTIONS[i].segment, seg) == 0)
			a = &ACTIONS[i];
	char path[96];
	json_t *body;
	const char *done;
	if (strcmp(seg, "regie") == 0) {
		body = regie_body(r);
		done = "regie";
		snprintf(path, sizeof path, "/api/dossiers/%lld/regie", (long long)id);
	} else {
		body = json_object();
		ui_copy_fields(r, body, a->names, a->types);
		done = a->done;
		if (r->n_params > 1) /* an escalation's step */
			snprintf(path, sizeof path, "/api/dossiers/%lld/escalaties/%lld/%s", (long long)id,
				 (long long)path_number(r->params[1]), seg);
		else if (strstr(r->rt->path, "/overdracht/")) /* the answer to a hand-over */
			snprintf(path, sizeof path, "/api/dossiers/%lld/overdracht/%s", (long long)id, seg);
		else
			snprintf(path, sizeof path, "/api/dossiers/%lld/%s", (long long)id, seg);
	}
	char error[480] = "", back[48];
	snprintf(back, sizeof back, "/dossiers/%lld", (long long)id);
	if (strcmp(seg, "mdo") != 0 || !ui_field(r, "aanbod_soort")) {
		int status;
		if (!ui_submit(r, "POST", path, body, back, done, error, sizeof error, &status))
			dossier_page(r, id, error, status);
		return;
	}
	int status = ui_api(r, "POST", path, body);
	if (status == 201) {
		/* The offer the MDO agreed on, as its own event and registry fact. */
		json_t *offer = json_pack("{s:s?, s:s}", "datum", ui_field(r, "datum"), "soort", ui_field(r, "aanbod_soort"));
		static const char *const NAMES[] = {"aanbieder", "plaats_per", NULL};
		static const json_type TYPES[] = {JSON_STRING, JSON_STRING};
		ui_copy_fields(r, offer, NAMES, TYPES);
		sb_reset(&r->out);
		snprintf(path, sizeof path, "/api/dossiers/%lld/aanbod", (long long)id);
		status = ui_api(r, "POST", path, offer);
		if (status != 201) {
			char why[400];
			ui_api_error(r, why, sizeof why);
			snprintf(error, sizeof error, "het MDO is vastgelegd, het aanbod niet: %s", why);
			dossier_page(r, id, error, status);
			return;
		}
		done = "mdo-aanbod";
	}
	if (status == 201) {
		ui_done(r, back, done);
		return;
	}
	if (status == 404 || status == 403) /* no dossier to show the form on */
		return;
	ui_api_error(r, error, sizeof error);
	dossier_page(r, id, error, status);
}

/* ---- routes ------------------------------------------------------------------------- */

#define GEDAAN {"gedaan", P_CODE, false, NULL, "wat een formulier deed"}
#define DOSSIER_FORM(seg, ...)                                                                           \
	{"POST", "/dossiers/{id}/" seg, ui_dossier_action, CASE_ROLES, false, true, BODY_FORM, 16384,     \
	 "Formulier: " seg, "Pagina's", {{0}}, {__VA_ARGS__}, "303,400,403,404,409", true}
#define F(name) {name, JSON_STRING, false, NULL}

const route CASE_PAGES[] = {
	{"GET", "/dossiers", ui_dossiers, CASE_ROLES, false, false, BODY_NONE, 0, "Dossiers", "Pagina's",
	 {{"status", P_CHOICE, false, "open|gesloten|alle", NULL},
	  {"signaal", P_CHOICE, false, "alle|deze_week|verlopen|gestagneerd|zonder_regie", NULL},
	  {"pagina", P_INT, false, NULL, NULL}, GEDAAN},
	 {{0}}, "200,400", true},
	{"POST", "/dossiers", ui_dossier_open, CASE_ROLES, false, true, BODY_FORM, 8192, "Formulier: dossier openen",
	 "Pagina's", {{0}}, {F("leerling_id"), F("reden")}, "303,400,403,404,409", true},
	{"GET", "/dossiers/{id}", ui_dossier, CASE_ROLES, false, false, BODY_NONE, 0, "Een dossier", "Pagina's", {GEDAAN},
	 {{0}}, "200,403,404", true},
	DOSSIER_FORM("contacten", F("datum"), F("met_wie"), F("wijze"), F("omschrijving")),
	DOSSIER_FORM("mdo", F("datum"), F("deelnemers"), F("afspraken"), F("volgende_datum"), F("aanbod_soort"),
		     F("aanbieder"), F("plaats_per")),
	DOSSIER_FORM("interventies", F("datum"), F("omschrijving")),
	DOSSIER_FORM("notities", F("datum"), F("tekst")),
	DOSSIER_FORM("aanbod", F("datum"), F("soort"), F("aanbieder"), F("plaats_per"), F("omschrijving")),
	DOSSIER_FORM("plaatsingen", F("datum"), F("school"), F("aanbieder"), F("ingangsdatum"), F("omschrijving")),
	DOSSIER_FORM("regie", F("regiehouder"), F("reden")),
	DOSSIER_FORM("verlenging", F("datum"), F("dagen"), F("reden")),
	DOSSIER_FORM("escalaties", F("datum"), F("type"), F("omschrijving")),
	DOSSIER_FORM("sluiting", F("datum"), F("uitkomst"), F("toelichting")),
	DOSSIER_FORM("escalaties/{escalatie}/besluit", F("datum"), F("besluit"), F("besloten_door")),
	DOSSIER_FORM("escalaties/{escalatie}/verantwoording", F("datum"), F("verantwoording"), F("aan")),
	DOSSIER_FORM("overdracht/aanvaarden", F("toelichting")),
	DOSSIER_FORM("overdracht/afwijzen", F("reden")),
	{"GET", "/tafel", ui_tafel, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0, "Thuiszitterstafel",
	 "Pagina's", {GEDAAN}, {{0}}, "200", true},
	{"POST", "/tafel", ui_tafel_fix, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, true, BODY_FORM, 4096,
	 "Formulier: de lijst vaststellen", "Pagina's", {{0}}, {F("peildatum")}, "303,400,403", true},
	{"GET", "/tafel/afstemming", ui_tafel_reconcile, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "De lijsten van leerplicht en samenwerkingsverband naast elkaar", "Pagina's",
	 {{"leerplicht", P_INT, false, NULL, NULL}, {"swv", P_INT, false, NULL, NULL}}, {{0}}, "200,400,404", true},
	{"GET", "/tafel/{id}", ui_tafel_list, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "Een vastgestelde lijst", "Pagina's", {GEDAAN}, {{0}}, "200,404", true},
	{"GET", "/verblijven", ui_stays, CASE_ROLES, false, false, BODY_NONE, 0, "Verblijf in instelling of pleeggezin",
	 "Pagina's", {{"zonder_regie", P_CHOICE, false, "1", NULL}, GEDAAN}, {{0}}, "200,400", true},
	{"POST", "/verblijven", ui_stay_record, CASE_ROLES, false, true, BODY_FORM, 8192, "Formulier: verblijf vastleggen",
	 "Pagina's", {{0}}, {F("leerling_id"), F("soort"), F("instelling"), F("van"), F("tot"), F("regiehouder")},
	 "303,400,403,404", true},
	{"POST", "/verblijven/{leerling}/{verblijf}", ui_stay_regie, CASE_ROLES, false, true, BODY_FORM, 8192,
	 "Formulier: regiehouder van een verblijf", "Pagina's", {{0}},
	 {F("regiehouder"), F("soort"), F("instelling"), F("van"), F("tot")}, "303,400,403,404,409", true},
	{"GET", "/vrijstellingsprocedures", ui_procedures, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "Vrijstellingsprocedures 5a", "Pagina's", {{"fase", P_CHOICE, false, "lopend|besloten|alle", NULL}, GEDAAN},
	 {{0}}, "200,400", true},
	{"POST", "/vrijstellingsprocedures", ui_procedure_create, R(ROLE_LEERPLICHT), false, true, BODY_FORM, 8192,
	 "Formulier: aanvraag vrijstelling 5a", "Pagina's", {{0}},
	 {F("leerling_id"), F("datum"), F("swv"), F("toelichting")}, "303,400,403,404,409", true},
	{"GET", "/vrijstellingsprocedures/{id}", ui_procedure, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "Een vrijstellingsprocedure", "Pagina's", {GEDAAN}, {{0}}, "200,403,404", true},
	{"POST", "/vrijstellingsprocedures/{id}/{stap}", ui_procedure_step, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, true,
	 BODY_FORM, 16384, "Formulier: een stap in de procedure", "Pagina's", {{0}},
	 {F("datum"), F("deskundige"), F("advies"), F("mogelijkheden"), F("deelnemers"), F("afspraken"), F("besluit"),
	  F("van"), F("tot"), F("motivering"), F("bevinding"), F("volgende")},
	 "303,400,403,404,409", true},
	{"GET", "/herbeoordelingen", ui_reviews, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, false, BODY_NONE, 0,
	 "Herbeoordeling van vrijstellingen", "Pagina's", {GEDAAN}, {{0}}, "200", true},
	{"POST", "/herbeoordelingen", ui_review_record, R(ROLE_LEERPLICHT) | R(ROLE_SWV), false, true, BODY_FORM, 8192,
	 "Formulier: een herbeoordeling", "Pagina's", {{0}},
	 {F("leerling_id"), F("datum"), F("bevinding"), F("volgende")}, "303,400,403,404,409", true},
};

const size_t N_CASE_PAGES = sizeof CASE_PAGES / sizeof CASE_PAGES[0];
