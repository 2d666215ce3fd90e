/*
 * ui_regie.c - regie on the case pages (SPEC 6): the hand-overs of regie
 * waiting for the own organisation on the dossier list, and on a dossier the
 * hand-over asked, with the buttons to accept or decline it (declining asks
 * for the reason). The rules are the API's (api_regie.c); these only render
 * and post to the dossier forms of ui_cases.c.
 */
#include <string.h>

#include "ui_cases.h"

/* Accept and decline buttons for the hand-over of dossier id to the own
 * organisation; declining asks for the reason. */
static void answer_forms(req *r, int64_t id)
{
	strbuf *o = &r->out;
	char action[80], fid[48];
	html_lit(o, "<div class=\"ib-answer\">");
	snprintf(action, sizeof action, "/dossiers/%lld/overdracht/aanvaarden", (long long)id);
	html_lit(o, "<form method=\"post\" class=\"ib-filters ib-filters--inline\" action=\"");
	html_attr(o, action);
	html_lit(o, "\">");
	ui_csrf_field(r);
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--primary-action\">Aanvaarden</button></form>");
	snprintf(action, sizeof action, "/dossiers/%lld/overdracht/afwijzen", (long long)id);
	snprintf(fid, sizeof fid, "weiger-reden-%lld", (long long)id);
	ui_form_open(r, "Weigeren (met de reden)", action, false);
	ui_textarea(o, fid, "reden", "Waarom weigert u", true, "de regie blijft bij wie haar nu heeft");
	ui_form_close(r, "Overdracht weigeren");
	html_lit(o, "</div>");
}

/* The hand-overs of regie waiting for the own organisation's answer. */
void ui_handovers(req *r, json_t *list)
{
	strbuf *o = &r->out;
	if (!json_array_size(list))
		return;
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"overdrachten-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"overdrachten-kop\">Overdrachten aan uw organisatie</h2><p class=\"utrecht-paragraph\">Tot u "
		    "aanvaardt, houdt de andere organisatie de regie.</p><ul class=\"ib-events\">");
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		int64_t id = json_integer_value(json_object_get(x, "dossier"));
		html_markupf(o, "<li class=\"ib-event ib-handover\"><p class=\"ib-event__head\"><a class=\"utrecht-link\" "
				"href=\"/dossiers/%lld\">", (long long)id);
		ui_json_name(o, json_object_get(x, "leerling"), jtext(x, "leerling_id"));
		html_lit(o, "</a> <span class=\"ib-id\">");
		html_text(o, jtext(x, "leerling_id"));
		html_lit(o, "</span> · gevraagd op ");
		ui_jdate(o, x, "gevraagd_op");
		if (jtext(x, "gevraagd_door")) {
			html_lit(o, " door ");
			html_text(o, jtext(x, "gevraagd_door"));
		}
		if (jtext(x, "regie_organisatie")) {
			html_lit(o, " (regie nu bij ");
			html_text(o, jtext(x, "regie_organisatie"));
			html_lit(o, ")");
		}
		html_lit(o, "</p>");
		if (jtext(x, "reden")) {
			html_lit(o, "<p class=\"utrecht-paragraph\">Reden: ");
			html_text(o, jtext(x, "reden"));
			html_lit(o, "</p>");
		}
		answer_forms(r, id);
		html_lit(o, "</li>");
	}
	html_lit(o, "</ul></section>");
}

/* A hand-over asked and not yet answered: to whom, since when; the
 * receiving organisation gets the buttons to answer it. */
void ui_handover_box(req *r, json_t *d, int64_t id)
{
	json_t *h = json_object_get(d, "overdracht");
	if (!json_is_object(h))
		return;
	strbuf *o = &r->out;
	const char *to = jtext(h, "organisatie");
	bool mine = to && strcmp(to, r->who->organisatie) == 0;
	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"overdracht-kop\"><div class=\"utrecht-alert "
		    "utrecht-alert--info ib-alert\"><h2 class=\"utrecht-heading-3\" id=\"overdracht-kop\">Overdracht van de "
		    "regie gevraagd</h2><p class=\"utrecht-paragraph\">");
	if (mine)
		html_lit(o, "Uw organisatie");
	else
		html_text(o, to ? to : "een andere organisatie");
	html_lit(o, " is op ");
	ui_jdate(o, h, "gevraagd_op");
	html_lit(o, " gevraagd de regie over te nemen");
	if (jtext(h, "gebruiker")) {
		html_lit(o, " (regiehouder: ");
		html_text(o, jtext(h, "gebruiker"));
		html_lit(o, ")");
	}
	html_lit(o, ". Tot dat verzoek is aanvaard, blijft de regie waar ze is.</p>");
	if (mine)
		answer_forms(r, id);
	html_lit(o, "</div></section>");
}

