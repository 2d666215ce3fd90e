/*
 * ui_vrijstellingen.c - Vrijstellingen: how many pupils have a vrijstelling
 * on the peildatum, by ground (5a tijdelijk, 5a permanent, 5b, 5c, other),
 * and for the temporary ones when they end, soonest first, so that each is
 * reviewed in time. School, leerplicht and SWV see their pupils (one audit
 * entry); analist and beheerder see the counts of their gebieden.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/procedure.h"
#include "../util/alloc.h"
#include "ui.h"

enum { MAX_DUE = 200 };

static const categorie GROUNDS[5] = {CAT_VRIJSTELLING_5A_TIJDELIJK, CAT_VRIJSTELLING_5A_PERMANENT, CAT_VRIJSTELLING_5B,
				     CAT_VRIJSTELLING_5C, CAT_VRIJSTELLING_OVERIG};
static const char *const GROUND_LABELS[5] = {"5 onder a, tijdelijk", "5 onder a, permanent", "5 onder b",
					     "5 onder c", "andere grond"};
/* The glossary entry of each ground (ui_terms.c). */
static const char *const GROUND_TERMS[5] = {"vrijstelling-5a", "vrijstelling-5a", "vrijstelling-5b", "vrijstelling-5c",
					    "vrijstelling"};
static const char *const GROUND_NOTES[5] = {
	"lichamelijk of psychisch niet in staat; met einddatum",
	"lichamelijk of psychisch niet in staat; zonder einddatum",
	"bedenkingen tegen de richting van alle scholen in de buurt",
	"ingeschreven bij een school in het buitenland",
	"bijvoorbeeld art. 11g of 15",
};

typedef struct due_item {
	const status_row *row;
	day_t tot;
} due_item;

static int by_end(const void *a, const void *b)
{
	const due_item *x = a, *y = b;
	if (x->tot != y->tot)
		return x->tot < y->tot ? -1 : 1;
	return (x->row->pupil > y->row->pupil) - (x->row->pupil < y->row->pupil);
}

static void counts_head(strbuf *o, const char *first)
{
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table utrecht-table--html-table\">"
		    "<caption class=\"utrecht-table__caption\">Vrijstellingen naar grond</caption><thead "
		    "class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\"><th scope=\"col\" "
		    "class=\"utrecht-table__header-cell\">Grond (Leerplichtwet art. 5)</th><th scope=\"col\" "
		    "class=\"utrecht-table__header-cell\">Betekent</th><th scope=\"col\" class=\"utrecht-table__header-cell "
		    "utrecht-table__header-cell--numeric-column\">");
	html_text(o, first);
	html_lit(o, "</th>");
}

static void pupils_view(req *r, snapshot *s, day_t d)
{
	const dataset *ds = s->ds;
	strbuf *o = &r->out;
	size_t n;
	shared_body *hold;
	const status_row *rows = ui_visible(r, s, d, &n, &hold);
	size_t per_ground[5] = {0}, n_due = 0, pending_5c = 0;
	due_item *due = xcalloc(n ? n : 1, sizeof *due);
	for (size_t i = 0; i < n; i++) {
		categorie c = (categorie)rows[i].cat;
		pending_5c += c == CAT_AV_5C_IN_BEHANDELING;
		for (int k = 0; k < 5; k++)
			per_ground[k] += c == GROUNDS[k];
		if (categorie_is_vrijstelling(c) && rows[i].vrijstelling >= 0 && FACT_AT(ds, F_VRIJSTELLING, vrij, rows[i].vrijstelling).tot != DAY_OPEN)
			due[n_due++] = (due_item){&rows[i], FACT_AT(ds, F_VRIJSTELLING, vrij, rows[i].vrijstelling).tot};
	}
	qsort(due, n_due, sizeof *due, by_end);
	json_t *ids = json_array();
	for (size_t i = 0; i < n_due && i < MAX_DUE; i++)
		japp(ids, json_string(PUPIL_AT(ds, due[i].row->pupil).id));
	char dt[DATE_TEXT];
	date_format(d, dt);
	if (!audit(r, "vrijstellingen", NULL,
		   json_pack("{s:s, s:I, s:o, s:I}", "peildatum", dt, "aantal", (json_int_t)n_due, "leerlingen", ids,
			     "registratie", (json_int_t)s->version))) {
		free(due);
		shared_body_release(hold);
		return;
	}
	ui_begin(r, ds, "Vrijstellingen", NAV_VRIJSTELLINGEN);
	html_lit(o, "<form class=\"ib-filters ib-filters--inline\" method=\"get\" action=\"/vrijstellingen\">"
		    "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Leerlingen in uw scope met een verleende "
		    "vrijstelling op ");
	ui_date_long(o, d);
	html_lit(o, ".</p>");
	ui_peildatum_field(o, d);
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Toon</button></form>");
	counts_head(o, "Leerlingen");
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
	size_t total = 0;
	for (int k = 0; k < 5; k++) {
		html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		ui_term(o, GROUND_TERMS[k], GROUND_LABELS[k]);
		html_lit(o, "</th><td class=\"utrecht-table__cell\">");
		html_text(o, GROUND_NOTES[k]);
		html_lit(o, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
		ui_int(o, (int64_t)per_ground[k]);
		html_lit(o, "</td></tr>");
		total += per_ground[k];
	}
	html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell ib-strong\">Totaal"
		    "</th><td class=\"utrecht-table__cell\"></td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data "
		    "ib-strong\">");
	ui_int(o, (int64_t)total);
	html_lit(o, "</td></tr></tbody></table></div>");
	if (pending_5c) {
		html_lit(o, "<p class=\"utrecht-paragraph\">");
		html_textf(o, "Daarnaast loopt voor %zu leerling%s een aanvraag voor vrijstelling 5 onder c; %s als "
			      "niet-geteld absoluut verzuim op de thuiszitterslijst.",
			   pending_5c, pending_5c == 1 ? "" : "en", pending_5c == 1 ? "die staat" : "zij staan");
		html_lit(o, "</p>");
	}

	html_lit(o, "<section class=\"ib-section\" aria-labelledby=\"afloop-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"afloop-kop\">Tijdelijke vrijstellingen: wanneer ze aflopen</h2>");
	if (!n_due) {
		html_lit(o, "<p class=\"utrecht-paragraph\">Geen tijdelijke vrijstellingen in uw scope op deze peildatum.</p>");
	} else {
		html_lit(o, "<p class=\"utrecht-paragraph\">De eerstvolgende einddatum eerst. Bekijk vóór het einde of er "
			    "toch onderwijs mogelijk is; binnen acht weken is gemarkeerd.</p><div class=\"utrecht-table-container "
			    "ib-scroll\"><table class=\"utrecht-table utrecht-table--html-table\"><caption "
			    "class=\"utrecht-table__caption ib-visually-hidden\">Tijdelijke vrijstellingen</caption><thead "
			    "class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\"><th scope=\"col\" "
			    "class=\"utrecht-table__header-cell\">Loopt af op</th><th scope=\"col\" class=\"utrecht-table__header-cell "
			    "utrecht-table__header-cell--numeric-column\">Nog dagen</th><th scope=\"col\" "
			    "class=\"utrecht-table__header-cell\">Leerling</th><th scope=\"col\" class=\"utrecht-table__header-cell\">"
			    "Grond</th><th scope=\"col\" class=\"utrecht-table__header-cell\">Sinds</th></tr></thead>"
			    "<tbody class=\"utrecht-table__body\">");
		for (size_t i = 0; i < n_due && i < MAX_DUE; i++) {
			const vrijstelling *v = &FACT_AT(ds, F_VRIJSTELLING, vrij, due[i].row->vrijstelling);
			int32_t left = due[i].tot - d;
			html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">");
			ui_date(o, v->tot);
			html_lit(o, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\"><span class=\"ib-days");
			if (vrijstelling_ends_soon(due[i].tot, d))
				html_lit(o, " ib-days--long");
			html_lit(o, "\">");
			ui_int(o, left);
			html_lit(o, "</span></td><td class=\"utrecht-table__cell\">");
			ui_pupil_link(o, ds, due[i].row->pupil, d);
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			html_text(o, v->grond);
			html_lit(o, "</td><td class=\"utrecht-table__cell\">");
			ui_date(o, v->van);
			html_lit(o, "</td></tr>");
		}
		html_lit(o, "</tbody></table></div>");
		if (n_due > MAX_DUE)
			html_markupf(o, "<p class=\"utrecht-paragraph\">De eerste %d van %zu.</p>", MAX_DUE, n_due);
	}
	html_lit(o, "</section>");
	ui_end(r, 200);
	free(due);
	shared_body_release(hold);
}

static void counts_view(req *r, snapshot *s, day_t d)
{
	const dataset *ds = s->ds;
	strbuf *o = &r->out;
	counts c;
	ui_home_counts(r, s, &d, 1, &c);
	size_t n = c.n_gebieden < 12 ? c.n_gebieden : 12;
	view v = c.v;
	const size_t *g = c.gebieden;
	bool protect = c.protect;
	ui_begin(r, ds, "Vrijstellingen", NAV_VRIJSTELLINGEN);
	html_lit(o, "<form class=\"ib-filters ib-filters--inline\" method=\"get\" action=\"/vrijstellingen\">"
		    "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Verleende vrijstellingen op ");
	ui_date_long(o, d);
	html_lit(o, ", per gebied. Aantallen, geen leerlingen.</p>");
	ui_peildatum_field(o, d);
	html_lit(o, "<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Toon</button></form>");
	ui_protected_day_hint(o, protect);
	if (!n) {
		html_lit(o, "<p class=\"utrecht-paragraph\">Uw scope hoort bij geen gebied in de registratie.</p>");
	} else {
		counts_head(o, gebied_naam(ds, v, g[0]));
		for (size_t i = 1; i < n; i++) {
			html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">");
			html_text(o, gebied_naam(ds, v, g[i]));
			html_lit(o, "</th>");
		}
		html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
		static const regel RG[4] = {R_VRIJSTELLING_5A_TIJDELIJK, R_VRIJSTELLING_5A_PERMANENT, R_VRIJSTELLING_5B,
					    R_VRIJSTELLING_5C};
		for (int k = 0; k < 4; k++) {
			html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			ui_term(o, GROUND_TERMS[k], GROUND_LABELS[k]);
			html_lit(o, "</th><td class=\"utrecht-table__cell\">");
			html_text(o, GROUND_NOTES[k]);
			html_lit(o, "</td>");
			for (size_t i = 0; i < n; i++) {
				char text[32];
				suppression buf;
				counts_cell_text(&c, 0, i, counts_protection(&c, 0, i, &buf), RG[k], COL_TOTAAL, text);
				ui_number_cell(o, text, false);
			}
			html_lit(o, "</tr>");
		}
		html_lit(o, "</tbody></table></div>");
		if (protect)
			html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Aantallen van 1 tot en met 4 "
				    "staan er als &lt;5; een getal waaruit zo'n klein aantal af te leiden is als x.</p>");
	}
	html_lit(o, "<p class=\"utrecht-paragraph\">Einddatums van tijdelijke vrijstellingen horen bij leerlingen; die "
		    "ziet alleen wie de leerlingen mag zien (leerplicht, school, samenwerkingsverband).</p>");
	ui_end(r, 200);
	counts_free(&c);
}

void ui_vrijstellingen(req *r)
{
	day_t d;
	if (!counts_peildatum(r, &d))
		return;
	snapshot *s = snapshot_acquire(&r->srv->snap);
	if (role_sees_pupils(r->who->rol))
		pupils_view(r, s, d);
	else
		counts_view(r, s, d);
	snapshot_release(s);
}
