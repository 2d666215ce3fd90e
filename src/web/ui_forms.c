/*
 * ui_forms.c - forms and what the case pages show of the API's JSON: form
 * fields into an API body, notices of what a form did, term badges, an
 * event's details, a timeline, and the chosen regiehouder into a body. The
 * controls themselves are in ui_fields.c. See ui_cases.h.
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
	{"heropening", "Het dossier is heropend."},
	{"lijst", "De lijst is vastgesteld."},
	{"ingelezen", "De eigen lijst is ingelezen en gekoppeld aan de registratie."},
	{"koppeling", "De koppeling is vastgelegd."},
	{"agenda", "De agenda is vastgesteld."},
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
	/* recording a pupil's facts (ui_record.c) */
	{"vastgelegd", "Het is vastgelegd in de registratie."},
	{"gecorrigeerd", "De correctie is vastgelegd; de eerdere versie blijft bewaard (eerder geregistreerd)."},
	{"ingetrokken", "Het is ingetrokken; het blijft bewaard als geschiedenis (eerder geregistreerd)."},
	{"geregistreerd", "De leerling is geregistreerd."},
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
