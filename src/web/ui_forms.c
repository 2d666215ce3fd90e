/*
 * ui_forms.c - forms and what the case pages show of the API's JSON: form
 * fields into an API body, notices of what a form did, labelled controls,
 * term badges, an event's details, a timeline, and the choice of a
 * regiehouder. See ui_cases.h.
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"

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
			japp(arr, json_stringn(a, (size_t)(b - a)));
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
		jset(body, names[i], val);
	}
}

const char *jtext(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

day_t ui_jday(json_t *o, const char *key)
{
	const char *s = jtext(o, key);
	day_t d;
	return s && date_parse(s, strlen(s), &d) == 0 ? d : DAY_NONE;
}

void ui_jdate(strbuf *sb, json_t *o, const char *key)
{
	ui_date(sb, ui_jday(o, key));
}

/* What a form did, by the code it sends back (?gedaan=). */
static const struct {
	const char *code, *text;
} DONE[] = {
	{"geopend", "Het dossier is geopend."},
	{"gemeld", "De verzuimmelding is vastgelegd; de signalen tonen haar zodra de registratie opnieuw is ingelezen."},
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
	{"nazorg", "De nazorg is vastgelegd."},
	{"lijst", "De lijst is vastgesteld."},
	{"ingelezen", "De eigen lijst is ingelezen en gekoppeld aan de registratie."},
	{"koppeling", "De koppeling is vastgelegd."},
	{"besluit-tafel", "Het besluit van de tafel is vastgelegd."},
	{"verblijf", "Het verblijf is vastgelegd."},
	{"aanvraag", "De aanvraag is vastgelegd; de procedure loopt."},
	{"advies-arts", "Het advies van de arts of gedragsdeskundige is vastgelegd."},
	{"advies-swv", "Het advies van het samenwerkingsverband is vastgelegd."},
	{"herbeoordeling", "De herbeoordeling is vastgelegd."},
	{"doel", "Het doel is vastgesteld."},
	{"sjabloon", "De doelen van het sjabloon zijn vastgesteld."},
	{"doel-gewijzigd", "Het doel is gewijzigd; de vorige versie blijft bewaard."},
	{"doel-ingetrokken", "Het doel is ingetrokken; het blijft bewaard als geschiedenis."},
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
	ui_input_value(sb, id, name, label, type, required, hint, NULL);
}

void ui_input_value(strbuf *sb, const char *id, const char *name, const char *label, const char *type, bool required,
		    const char *hint, const char *value)
{
	field_open(sb, id, label, required);
	field_hint(sb, id, hint);
	html_lit(sb, "<input class=\"utrecht-textbox utrecht-textbox--html-input\" type=\"");
	html_attr(sb, type);
	html_lit(sb, "\"");
	control_common(sb, id, name, required, hint);
	if (value) {
		html_lit(sb, " value=\"");
		html_attr(sb, value);
		html_lit(sb, "\"");
	} else if (strcmp(type, "date") == 0 && strcmp(name, "datum") == 0) { /* the day it happened: today by default */
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
	ui_select_value(sb, id, name, label, pairs, required, NULL);
}

void ui_select_value(strbuf *sb, const char *id, const char *name, const char *label, const char *const *pairs,
		     bool required, const char *value)
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
		html_lit(sb, "\"");
		if (value && strcmp(value, pairs[i]) == 0)
			html_lit(sb, " selected");
		html_lit(sb, ">");
		html_text(sb, pairs[i + 1]);
		html_lit(sb, "</option>");
	}
	html_lit(sb, "</select></div>");
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

void ui_json_pupil(strbuf *o, const char *href, json_t *names, const char *id)
{
	html_lit(o, "<a class=\"utrecht-link ib-pupil\" href=\"");
	if (href) {
		html_attr(o, href);
	} else {
		html_lit(o, "/leerlingen/");
		html_url_path(o, id);
	}
	html_lit(o, "\">");
	ui_json_name(o, names, id);
	html_lit(o, "</a> <span class=\"ib-id\">");
	html_text(o, id);
	html_lit(o, "</span>");
}

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
		ui_timestamp(o, jtext(e, "vastgelegd_op"));
		html_lit(o, "</span></p>");
		ui_event_details(o, json_object_get(e, "gegevens"));
		html_lit(o, "</li>");
	}
	html_lit(o, "</ol></section>");
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

void ui_regie_fields(req *r, json_t *body, const char *org_key, const char *person_key)
{
	const char *to = ui_field(r, "regiehouder");
	if (!to)
		return;
	char *end;
	long long org = strtoll(to, &end, 10), person = *end == ':' ? strtoll(end + 1, &end, 10) : -1;
	if (org > 0 && person >= 0 && *end == '\0') {
		jset(body, org_key, json_integer(org));
		jset(body, person_key, json_integer(person));
	} else {
		jset(body, org_key, json_string(to)); /* the API says what is wrong */
	}
}
