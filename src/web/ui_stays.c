/*
 * ui_stays.c - children in an instelling met verblijf or a pleeggezin, and
 * who leads their schooling before, during and after the stay (SPEC 6).
 *
 *   /verblijven            the stays in scope, the ones without a
 *                          regiehouder, and the form to record one
 */
#include <stdlib.h>
#include <string.h>

#include "ui_cases.h"


static void stays_page(req *r, const ui_refusal *rf)
{
	ui_form f;
	json_t *list = ui_api_get(r, "/api/verblijven"); /* reads ?zonder_regie; one audit entry */
	if (!list)
		return;
	json_t *orgs = ui_api_get(r, "/api/regie/organisaties");
	if (!orgs) {
		json_decref(list);
		return;
	}
	ui_begin_page(r, "Verblijf in instelling of pleeggezin", NAV_VERBLIJVEN);
	strbuf *o = &r->out;
	html_lit(o, "<p class=\"utrecht-paragraph\">"
		    "Een kind dat in een instelling met verblijf of een pleeggezin woont, heeft voor, tijdens en na het "
		    "verblijf één regiehouder voor het onderwijs.</p>");
	ui_form_notice(r, rf ? rf->reason : NULL);
	const char *z = query(r, "zonder_regie");
	html_lit(o, "<p class=\"utrecht-paragraph\">");
	if (z)
		html_lit(o, "Alleen verblijven zonder regiehouder. <a class=\"utrecht-link\" href=\"/verblijven\">Toon alle</a>");
	else
		html_lit(o, "<a class=\"utrecht-link\" href=\"/verblijven?zonder_regie=1\">Alleen die zonder regiehouder</a>");
	html_lit(o, "</p>");
	if (!json_array_size(list)) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">Geen "
			    "verblijven binnen uw scope.</p></div>");
	} else {
		html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
			    "utrecht-table--html-table ib-list\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Verblijf</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Periode</th>"
			    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Regiehouder onderwijs</th></tr></thead>"
			    "<tbody class=\"utrecht-table__body\">");
		ui_page pg = ui_page_of(r, json_array_size(list));
		for (size_t i = pg.from; i < pg.to; i++) {
			json_t *v = json_array_get(list, i);
			html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\"><a class=\"utrecht-link\" "
				    "href=\"/leerlingen/");
			html_url_path(o, jtext(v, "leerling_id"));
			html_lit(o, "\">");
			html_text(o, jtext(v, "leerling_id"));
			html_lit(o, "</a></td><td class=\"utrecht-table__cell\">");
			html_text(o, strcmp(jtext(v, "soort"), "pleeggezin") == 0 ? "pleeggezin" : "instelling met verblijf");
			if (jtext(v, "instelling")) {
				html_lit(o, ": ");
				html_text(o, jtext(v, "instelling"));
			}
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			ui_jdate(o, v, "van");
			html_lit(o, " – ");
			if (jtext(v, "tot"))
				ui_jdate(o, v, "tot");
			html_lit(o, " <span class=\"ib-small ib-muted\">(");
			html_text(o, jtext(v, "fase"));
			html_lit(o, ")</span></td><td class=\"utrecht-table__cell\">");
			json_t *rg = json_object_get(v, "regie");
			if (jtext(rg, "gebruiker")) {
				html_text(o, jtext(rg, "gebruiker"));
				html_lit(o, " <span class=\"ib-small\">(");
				html_text(o, jtext(rg, "organisatie"));
				html_lit(o, ")</span>");
			} else {
				char action[160], id[32];
				html_lit(o, "<span class=\"ib-flag ib-flag--warn\">geen regiehouder</span>");
				strbuf path = STRBUF_INIT;
				html_lit(&path, "/verblijven/");
				html_url_path(&path, jtext(v, "leerling_id"));
				sb_printf(&path, "/%lld", (long long)json_integer_value(json_object_get(v, "id")));
				snprintf(action, sizeof action, "%s", sb_str(&path));
				sb_free(&path);
				ui_form_begin(&f, r, rf, "Regiehouder aanwijzen", action, false);
				html_lit(o, "<input type=\"hidden\" name=\"soort\" value=\"");
				html_attr(o, jtext(v, "soort"));
				html_lit(o, "\"><input type=\"hidden\" name=\"van\" value=\"");
				html_attr(o, jtext(v, "van"));
				html_lit(o, "\">");
				if (jtext(v, "tot")) {
					html_lit(o, "<input type=\"hidden\" name=\"tot\" value=\"");
					html_attr(o, jtext(v, "tot"));
					html_lit(o, "\">");
				}
				if (jtext(v, "instelling")) {
					html_lit(o, "<input type=\"hidden\" name=\"instelling\" value=\"");
					html_attr(o, jtext(v, "instelling"));
					html_lit(o, "\">");
				}
				snprintf(id, sizeof id, "verblijf-regie-%lld", (long long)json_integer_value(json_object_get(v, "id")));
				ui_f_regie(&f, id, "Regiehouder", orgs, "kies een persoon");
				ui_form_end(&f, "Aanwijzen");
			}
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table></div>");
		ui_page_nav(r, o, &pg, NULL);
	}
	ui_form_begin(&f, r, rf, "Een verblijf vastleggen", "/verblijven", false);
	ui_f_input(&f, "verblijf-leerling", "leerling_id", "Leerling-id", "text", true, NULL, NULL);
	static const char *const SOORT[] = {"instelling", "instelling met verblijf", "pleeggezin", "pleeggezin", NULL};
	ui_f_select(&f, "verblijf-soort", "soort", "Soort", SOORT, true, NULL);
	ui_f_input(&f, "verblijf-instelling", "instelling", "Instelling of zorgaanbieder", "text", false, NULL, NULL);
	ui_f_input(&f, "verblijf-van", "van", "Van", "date", true, NULL, NULL);
	ui_f_input(&f, "verblijf-tot", "tot", "Tot en met", "date", false, "leeg zolang het duurt", NULL);
	ui_f_regie(&f, "verblijf-regie", "Regiehouder voor het onderwijs", orgs, "nog niemand");
	ui_form_end(&f, "Verblijf vastleggen");
	ui_end(r, rf ? rf->status : 200);
	json_decref(list);
	json_decref(orgs);
}

void ui_stays(req *r)
{
	stays_page(r, NULL);
}

static const char *const STAY_NAMES[] = {"soort", "instelling", "van", "tot", NULL};
static const json_type STAY_TYPES[] = {JSON_STRING, JSON_STRING, JSON_STRING, JSON_STRING};

/* POST or PUT a stay of pupil `pupil_id` (replaces > 0: the stay corrected). */
static void save_stay(req *r, const char *pupil_id, int64_t replaces)
{
	ui_refusal rf = {.status = 400};
	snprintf(rf.action, sizeof rf.action, "%s", r->path);
	if (!pupil_id || strlen(pupil_id) > 64 || strpbrk(pupil_id, "/?#%")) {
		snprintf(rf.field, sizeof rf.field, "leerling_id");
		snprintf(rf.reason, sizeof rf.reason, "vul een bestaand leerling-id in");
	} else {
		json_t *body = json_object();
		ui_copy_fields(r, body, STAY_NAMES, STAY_TYPES);
		ui_regie_fields(r, body, "regie_organisatie_id", "regie_gebruiker_id");
		char path[160];
		if (replaces)
			snprintf(path, sizeof path, "/api/leerlingen/%s/verblijven/%lld", pupil_id, (long long)replaces);
		else
			snprintf(path, sizeof path, "/api/leerlingen/%s/verblijven", pupil_id);
		if (ui_submit_form(r, replaces ? "PUT" : "POST", path, body, "/verblijven", "verblijf", &rf))
			return;
	}
	stays_page(r, &rf);
}

void ui_stay_record(req *r)
{
	save_stay(r, ui_field(r, "leerling_id"), 0);
}

void ui_stay_regie(req *r)
{
	int64_t id = path_number(r->params[1]);
	if (!id) {
		reply_error(r, 404, "onbekend", "dit verblijf is onbekend");
		return;
	}
	save_stay(r, r->params[0], id);
}
