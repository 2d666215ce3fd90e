/*
 * ui_chrome.c - what every page shares: head, header (organisation, role,
 * scope), navigation, footer, error pages, formatting, and the list of pupils
 * a user may see (computed once per snapshot).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../util/alloc.h"
#include "ui.h"

static const char *const MONTHS[12] = {"januari", "februari", "maart",	   "april",   "mei",	  "juni",
				       "juli",	  "augustus", "september", "oktober", "november", "december"};

void ui_date_long(strbuf *sb, day_t d)
{
	if (d == DAY_NONE || d == DAY_OPEN)
		return;
	civil c = civil_from_day(d);
	html_markupf(sb, "%d ", c.day);
	html_text(sb, MONTHS[c.month - 1]);
	html_markupf(sb, " %d", c.year);
}

void ui_date(strbuf *sb, day_t d)
{
	if (d == DAY_NONE || d == DAY_OPEN)
		return;
	civil c = civil_from_day(d);
	html_markupf(sb, "%02d-%02d-%04d", c.day, c.month, c.year);
}

void ui_int(strbuf *sb, int64_t v)
{
	char digits[24];
	snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? -v : v));
	if (v < 0)
		sb_putc(sb, '-');
	size_t n = strlen(digits);
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			sb_putc(sb, '.');
		sb_putc(sb, digits[i]);
	}
}

void ui_rate(strbuf *sb, const char *rate)
{
	const char *dot = strchr(rate, '.');
	size_t whole = dot ? (size_t)(dot - rate) : strlen(rate);
	char w[24];
	snprintf(w, sizeof w, "%.*s", (int)(whole < 20 ? whole : 20), rate);
	ui_int(sb, strtoll(w, NULL, 10));
	if (dot) {
		sb_putc(sb, ',');
		html_text(sb, dot + 1);
	}
}

void ui_cell_text(char out[32], const telling_value *v, int col, const suppression *sp, regel rg)
{
	cell_text(v, col, sp, rg, out);
}

void ui_number(strbuf *sb, const char *text)
{
	if (strchr(text, '.'))
		ui_rate(sb, text);
	else if (*text >= '0' && *text <= '9')
		ui_int(sb, strtoll(text, NULL, 10));
	else
		html_text(sb, text);
}

void ui_number_cell(strbuf *sb, const char *text, bool strong)
{
	html_lit(sb, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data");
	if (strong)
		html_lit(sb, " ib-strong");
	html_lit(sb, "\">");
	ui_number(sb, text);
	html_lit(sb, "</td>");
}

const char *ui_role_label(role rl)
{
	switch (rl) {
	case ROLE_SCHOOL: return "school";
	case ROLE_LEERPLICHT: return "leerplicht";
	case ROLE_SWV: return "samenwerkingsverband";
	case ROLE_ANALIST: return "beleid en analyse";
	case ROLE_BEHEERDER: return "beheer";
	default: return "";
	}
}

bool ui_peildatum(req *r, day_t *d)
{
	return peildatum_param(r, d);
}

void ui_peildatum_field(strbuf *sb, day_t d)
{
	char t[DATE_TEXT];
	date_format(d, t);
	html_lit(sb, "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" for=\"peildatum\">"
		     "Peildatum</label><input class=\"utrecht-textbox utrecht-textbox--html-input\" type=\"date\" "
		     "id=\"peildatum\" name=\"peildatum\" required value=\"");
	html_attr(sb, t);
	html_lit(sb, "\"></div>");
}

void ui_pupil_link(strbuf *sb, const dataset *ds, uint32_t p, day_t d)
{
	const pupil *pu = &ds->pupils[p];
	char dt[DATE_TEXT];
	date_format(d, dt);
	html_lit(sb, "<a class=\"utrecht-link ib-pupil\" href=\"/leerlingen/");
	html_url_path(sb, pu->id);
	html_lit(sb, "?peildatum=");
	html_url_arg(sb, dt);
	html_lit(sb, "\">");
	if (pu->voornaam || pu->achternaam) {
		html_text(sb, pu->voornaam);
		if (pu->voornaam && pu->achternaam)
			html_lit(sb, " ");
		html_text(sb, pu->achternaam);
	} else {
		html_lit(sb, "(naam onbekend)");
	}
	html_lit(sb, "</a> <span class=\"ib-id\">");
	html_text(sb, pu->id);
	html_lit(sb, "</span>");
}

void ui_categorie(strbuf *sb, categorie c)
{
	const char *kind = categorie_is_thuiszitter(c)		       ? "thuiszitter"
			   : categorie_is_vrijstelling(c)	       ? "vrijstelling"
			   : categorie_is_av_niet_geteld(c)	       ? "niet-geteld"
			   : c == CAT_LANGDURIG_ZIEK || c == CAT_DREIGEND ? "let-op"
									 : "overig";
	html_lit(sb, "<span class=\"ib-cat ib-cat--");
	html_attr(sb, kind);
	html_lit(sb, "\">");
	/* The labels of the not-counted AV groups are long for a table. */
	html_text(sb, c == CAT_AV_KORT		       ? "AV korter dan 4 weken (niet geteld)"
		      : c == CAT_AV_5C_IN_BEHANDELING  ? "AV, aanvraag 5c loopt (niet geteld)"
		      : c == CAT_AV_ADRES_IN_ONDERZOEK ? "AV, adres in onderzoek (niet geteld)"
						       : CATEGORIE_LABELS[c]);
	html_lit(sb, "</span>");
}

void ui_csrf_field(req *r)
{
	html_lit(&r->out, "<input type=\"hidden\" name=\"csrf_token\" value=\"");
	html_attr(&r->out, r->who ? r->who->csrf : "");
	html_lit(&r->out, "\">");
}

/* ---- the page frame --------------------------------------------------------- */

static void head(req *r, const char *title)
{
	strbuf *o = &r->out;
	html_lit(o, "<!DOCTYPE html>\n<html lang=\"nl\" class=\"utrecht-theme\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
	html_text(o, title);
	html_lit(o, " · inbeeld</title>"
		    /* htmx: no inline indicator styles (CSP), no page copies in
		     * localStorage (personal data), no eval, only our own server. */
		    "<meta name=\"htmx-config\" content=\"{&quot;includeIndicatorStyles&quot;:false,"
		    "&quot;historyCacheSize&quot;:0,&quot;refreshOnHistoryMiss&quot;:true,&quot;allowEval&quot;:false,"
		    "&quot;allowScriptTags&quot;:false,&quot;selfRequestsOnly&quot;:true}\">"
		    "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
		    "<link rel=\"stylesheet\" href=\"/static/utrecht/theme.css\">"
		    "<link rel=\"stylesheet\" href=\"/static/utrecht/components.css\">"
		    "<link rel=\"stylesheet\" href=\"/static/uplot/uPlot.min.css\">"
		    "<link rel=\"stylesheet\" href=\"/static/inbeeld.css\">"
		    "<script src=\"/static/htmx/htmx.min.js\" defer></script>"
		    "<script src=\"/static/uplot/uPlot.iife.min.js\" defer></script>"
		    "<script src=\"/static/inbeeld.js\" defer></script>"
		    "</head><body class=\"utrecht-document utrecht-document--surface\">"
		    "<a class=\"ib-skip utrecht-link\" href=\"#inhoud\">Naar de inhoud</a>");
}

/* The scope in words: "Amsterdam (GM0363)", "VO2701 Samenwerkingsverband ...". */
static void scope_words(strbuf *o, const user *u, const dataset *ds)
{
	if (u->sc.all) {
		html_lit(o, "alle gebieden");
		return;
	}
	for (size_t i = 0; i < u->sc.n; i++) {
		const char *code = u->sc.codes[i];
		if (i)
			html_lit(o, ", ");
		const char *naam = NULL;
		if (ds && u->rol == ROLE_SWV) {
			int32_t w = dataset_swv(ds, code, strlen(code));
			naam = w != NO_REF ? ds->swvs[w].naam : NULL;
		} else if (ds && u->rol == ROLE_SCHOOL && strlen(code) == 7 && code[4] == ':') {
			char b[5], v[3];
			memcpy(b, code, 4), b[4] = '\0';
			memcpy(v, code + 5, 2), v[2] = '\0';
			int32_t s = dataset_school(ds, b, v);
			naam = s != NO_REF ? ds->schools[s].naam : NULL;
		} else if (ds) {
			int32_t g = dataset_gemeente(ds, code, strlen(code));
			naam = g != NO_REF ? ds->gemeenten[g].naam : NULL;
		}
		if (naam) {
			html_text(o, naam);
			html_lit(o, " (");
			html_text(o, code);
			html_lit(o, ")");
		} else {
			html_text(o, code);
		}
		if (i == 5 && u->sc.n > 7) {
			html_textf(o, " en %zu andere", u->sc.n - 6);
			break;
		}
	}
}

static void nav_item(strbuf *o, const char *href, const char *label, bool current)
{
	html_lit(o, "<li class=\"ib-nav__item\"><a class=\"ib-nav__link\" href=\"");
	html_attr(o, href);
	html_lit(o, "\"");
	if (current)
		html_lit(o, " aria-current=\"page\"");
	html_lit(o, ">");
	html_text(o, label);
	html_lit(o, "</a></li>");
}

void ui_begin(req *r, const dataset *ds, const char *title, ui_nav active)
{
	sb_reset(&r->out);
	head(r, title);
	strbuf *o = &r->out;
	html_lit(o, "<header class=\"ib-header\"><div class=\"ib-header__bar\">"
		    "<a class=\"ib-brand\" href=\"/\"><span class=\"ib-brand__name\">inbeeld</span>"
		    "<span class=\"ib-brand__tag\">ieder kind in beeld</span></a>");
	if (r->who) {
		const user *u = r->who;
		html_lit(o, "<div class=\"ib-who\"><p class=\"ib-who__line\"><span class=\"ib-who__name\">");
		html_text(o, u->naam);
		html_lit(o, "</span>");
		if (u->organisatie[0]) {
			html_lit(o, " · <span class=\"ib-who__org\">");
			html_text(o, u->organisatie);
			html_lit(o, "</span>");
		}
		html_lit(o, "</p><p class=\"ib-who__line\">Rol: <strong class=\"ib-who__role\">");
		html_text(o, ui_role_label(u->rol));
		html_lit(o, "</strong> · Scope: <span class=\"ib-who__scope\">");
		scope_words(o, u, ds);
		html_lit(o, "</span></p></div><form class=\"ib-logout\" method=\"post\" action=\"/uitloggen\">");
		ui_csrf_field(r);
		html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">"
			    "Uitloggen</button></form>");
	}
	html_lit(o, "</div>");
	if (r->who) {
		html_lit(o, "<nav class=\"ib-nav\" aria-label=\"Hoofdmenu\"><ul class=\"ib-nav__list\">");
		nav_item(o, "/", "Overzicht", active == NAV_OVERZICHT);
		if (role_sees_pupils(r->who->rol))
			nav_item(o, "/thuiszitters", "Thuiszitterslijst", active == NAV_LIJST);
		if (role_sees_pupils(r->who->rol))
			nav_item(o, "/dossiers", "Dossiers", active == NAV_DOSSIERS);
		if (r->who->rol == ROLE_LEERPLICHT || r->who->rol == ROLE_SWV)
			nav_item(o, "/tafel", "Thuiszitterstafel", active == NAV_TAFEL);
		nav_item(o, "/resultaatschema", "Resultaatschema", active == NAV_SCHEMA);
		nav_item(o, "/vrijstellingen", "Vrijstellingen", active == NAV_VRIJSTELLINGEN);
		html_lit(o, "</ul>");
		if (role_sees_pupils(r->who->rol))
			html_lit(o, "<form class=\"ib-search\" method=\"get\" action=\"/zoeken\" role=\"search\">"
				    "<label class=\"utrecht-form-label\" for=\"zoek-kop\">Leerling zoeken</label>"
				    "<input class=\"utrecht-textbox utrecht-textbox--html-input\" type=\"search\" id=\"zoek-kop\" "
				    "name=\"zoek\" minlength=\"2\" maxlength=\"100\" required placeholder=\"naam of leerling-id\">"
				    "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Zoeken"
				    "</button></form>");
		html_lit(o, "</nav>");
	}
	html_lit(o, "</header><main id=\"inhoud\" class=\"ib-main\" tabindex=\"-1\"><h1 class=\"utrecht-heading-1\">");
	html_text(o, title);
	html_lit(o, "</h1>");
}

static void reply_html(req *r, int status)
{
	shared_body_release(r->shared);
	r->shared = NULL;
	r->status = status;
	r->content_type = "text/html; charset=utf-8";
	add_header(r, "Vary", "HX-Request");
}

void ui_end(req *r, int status)
{
	html_lit(&r->out, "</main><footer class=\"ib-footer\"><p class=\"utrecht-paragraph utrecht-paragraph--small\">"
			  "inbeeld · één registratie en één set definities voor ieder kind dat niet naar school gaat. "
			  "Elke inzage in persoonsgegevens wordt vastgelegd in het auditlog.</p></footer></body></html>\n");
	reply_html(r, status);
}

void ui_fragment(req *r)
{
	reply_html(r, 200);
}

/* ---- errors ------------------------------------------------------------------ */

static const char *error_title(int status)
{
	switch (status) {
	case 400: return "Dit verzoek klopt niet";
	case 403: return "Geen toegang";
	case 404: return "Niet gevonden";
	case 405: return "Niet toegestaan";
	case 413: return "Te groot";
	case 429: return "Even geduld";
	default: return "Er ging iets mis";
	}
}

static void error_body(req *r, int status, const char *code, const char *message)
{
	snapshot *s = r->who ? snapshot_acquire(&r->srv->snap) : NULL;
	ui_begin(r, s ? s->ds : NULL, error_title(status), NAV_NONE);
	if (s)
		snapshot_release(s);
	strbuf *o = &r->out;
	html_lit(o, "<div class=\"utrecht-alert utrecht-alert--error ib-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">");
	if (message && *message) {
		/* The API's messages start in lower case; a page starts a sentence. */
		char first[8] = {0};
		size_t n = (unsigned char)message[0] < 0x80 ? 1 : 0;
		if (n) {
			first[0] = (char)(message[0] >= 'a' && message[0] <= 'z' ? message[0] - 32 : message[0]);
			html_text(o, first);
		}
		html_text(o, message + n);
		html_lit(o, ".");
	} else {
		html_lit(o, "Er ging iets mis.");
	}
	html_lit(o, "</p></div><p class=\"utrecht-paragraph\">");
	if (status == 403)
		html_lit(o, "U ziet alleen wat uw rol en scope toestaan. Denkt u dat dit niet klopt, neem dan contact op "
			    "met de beheerder van inbeeld.");
	else if (status == 404)
		html_lit(o, "Controleer het adres, of ga terug naar het overzicht.");
	else if (status >= 500)
		html_lit(o, "Probeer het over een ogenblik opnieuw. Blijft het misgaan, meld het dan aan de beheerder.");
	else
		html_lit(o, "Pas de invoer aan en probeer het opnieuw.");
	html_lit(o, "</p><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/\">Naar het overzicht</a></p>");
	if (code) {
		html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Foutcode: <code>");
		html_text(o, code);
		html_lit(o, "</code></p>");
	}
	ui_end(r, status);
}

void ui_fail(req *r, int status, const char *code, const char *message)
{
	r->error_code = code;
	error_body(r, status, code, message);
}

void ui_error_page(req *r)
{
	if (r->content_type && strncmp(r->content_type, "text/html", 9) == 0)
		return; /* the page made its own */
	json_t *j = json_loadb(sb_str(&r->out), r->out.len, 0, NULL);
	char message[400] = "";
	if (j && json_is_string(json_object_get(j, "fout")))
		snprintf(message, sizeof message, "%s", json_string_value(json_object_get(j, "fout")));
	json_decref(j);
	int status = r->status;
	const char *code = r->error_code;
	if (htmx_request(r)) {
		/* htmx swaps only 2xx answers by default: say it in a fragment. */
		sb_reset(&r->out);
		html_lit(&r->out, "<div class=\"utrecht-alert utrecht-alert--error ib-alert\" role=\"alert\">"
				  "<p class=\"utrecht-paragraph\">");
		html_text(&r->out, message);
		html_lit(&r->out, "</p></div>");
		reply_html(r, status);
		return;
	}
	error_body(r, status, code, message);
}

/* ---- the pupils a user may see --------------------------------------------------- */

const status_row *ui_visible(req *r, snapshot *s, day_t d, size_t *n, shared_body **hold)
{
	char dt[DATE_TEXT];
	date_format(d, dt);
	strbuf key = STRBUF_INIT;
	sb_printf(&key, "ui-zichtbaar|%s|%s|%s", ROLE_NAMES[r->who->rol], r->who->scope_text, dt);
	size_t count = 0;
	shared_body *body = snapshot_cache_get(s, sb_str(&key), &count);
	if (!body) {
		status_rows list = {0};
		if (role_sees_pupils(r->who->rol)) { /* the others see no pupils on a page */
			scope_set set;
			scope_resolve(&r->who->sc, s->ds, &set);
			status_query q = status_query_of(d);
			q.scope = &set;
			q.index = &s->index;
			status_run(s->ds, &q, r->srv->cfg.threads, &list);
			scope_set_free(&set);
		}
		count = list.n;
		status_row none = {0};
		body = shared_body_new(list.n ? (const char *)list.rows : (const char *)&none,
				       (list.n ? list.n : 1) * sizeof *list.rows);
		status_rows_free(&list);
		snapshot_cache_put(s, sb_str(&key), body, count);
	}
	sb_free(&key);
	*hold = body;
	*n = count;
	return (const status_row *)(const void *)body->data;
}

void ui_home_counts(req *r, snapshot *s, const day_t *days, size_t n_days, counts *out)
{
	scope_set set;
	scope_resolve(&r->who->sc, s->ds, &set);
	counts_query q = {.v = access_home_view(r->who->rol), .days = days, .n_days = n_days, .scope = &set, .home = true,
			  .protect = role_counts_protected(r->who->rol)};
	snapshot_source src = {s, r->srv->cfg.threads};
	counts_run(s->ds, &q, snapshot_tellingen, &src, out);
	scope_set_free(&set);
}

size_t ui_home_gebieden(req *r, const dataset *ds, view *v, size_t *out, size_t max)
{
	*v = access_home_view(r->who->rol);
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	size_t n = 0, total = *v == VIEW_SWV ? ds->n_swvs : ds->n_gemeenten;
	for (size_t g = 0; g < total && n < max; g++)
		if (access_home_gebied(ds, &set, g))
			out[n++] = g;
	scope_set_free(&set);
	return n;
}
