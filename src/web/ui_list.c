/*
 * ui_list.c - Thuiszitterslijst: every pupil in AV, LRV, langdurig ziek,
 * geschorst/verwijderd and the AV groups that are not counted, that the user
 * may see on the peildatum. Filters (categorie, sector, duur, zonder aanbod,
 * school, gemeente/SWV), sorting by duration, paging; htmx swaps only the
 * results, and without JavaScript the form and links work as plain GETs.
 * The number of days since the first day of absence comes first.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/alloc.h"
#include "ui.h"
#include "ui_cases.h"
#include "ui_export.h"

typedef struct list_query {
	day_t d;
	char dt[DATE_TEXT];
	const char *categorie, *sector, *duur, *aanbod, *school, *gebied, *sorteer;
	categorie_set cats; /* the categorie filter as a set (categorie_group) */
	int32_t school_ix, gemeente_ix, swv_ix;
} list_query;

static const char *param_or(req *r, const char *name, const char *dflt)
{
	const char *v = query(r, name);
	return v ? v : dflt;
}

static bool parse_query(req *r, const dataset *ds, list_query *q)
{
	*q = (list_query){.school_ix = NO_REF, .gemeente_ix = NO_REF, .swv_ix = NO_REF};
	if (!ui_peildatum(r, &q->d))
		return false;
	date_format(q->d, q->dt);
	q->categorie = param_or(r, "categorie", "alle");
	categorie_group(q->categorie, &q->cats); /* the route allows only known groups */
	q->sector = param_or(r, "sector", "alle");
	q->duur = param_or(r, "duur", "alle");
	q->aanbod = param_or(r, "aanbod", "alle");
	q->school = param_or(r, "school", "alle");
	q->gebied = param_or(r, "gebied", "alle");
	q->sorteer = param_or(r, "sorteer", "duur-af");
	if (strcmp(q->school, "alle") != 0) {
		const char *colon = strchr(q->school, ':');
		char b[8] = "", v[4] = "";
		if (colon && colon - q->school == 4 && strlen(colon + 1) == 2) {
			memcpy(b, q->school, 4);
			memcpy(v, colon + 1, 2);
			q->school_ix = dataset_school(ds, b, v);
		}
		if (q->school_ix == NO_REF) {
			reply_error(r, 400, "ongeldige_parameter", "onbekende school '%.20s' (BRIN:VESTIGING)", q->school);
			return false;
		}
	}
	if (strcmp(q->gebied, "alle") != 0) {
		q->gemeente_ix = dataset_gemeente(ds, q->gebied, strlen(q->gebied));
		q->swv_ix = dataset_swv(ds, q->gebied, strlen(q->gebied));
		if (q->gemeente_ix == NO_REF && q->swv_ix == NO_REF) {
			reply_error(r, 400, "ongeldige_parameter", "onbekend gebied '%.20s' (een gemeente- of SWV-code)", q->gebied);
			return false;
		}
	}
	return true;
}

static bool keeps(const list_query *q, const status_row *row)
{
	categorie c = (categorie)row->cat;
	if (!categorie_on_list(LIST_THUISZITTERSLIJST, c) || !categorie_set_has(q->cats, c))
		return false;
	if (strcmp(q->sector, "alle") != 0 && strcmp(q->sector, SECTOR_NAMES[row->sector]) != 0)
		return false;
	if ((strcmp(q->duur, "kort") == 0 && row->lang) || (strcmp(q->duur, "lang") == 0 && !row->lang))
		return false;
	if (strcmp(q->aanbod, "zonder") == 0 && !(categorie_is_thuiszitter(c) && row->zonder_aanbod))
		return false;
	if (q->school_ix != NO_REF && row->school != q->school_ix)
		return false;
	if (strcmp(q->gebied, "alle") != 0 &&
	    !((q->gemeente_ix != NO_REF && row->gemeente == q->gemeente_ix) || (q->swv_ix != NO_REF && row->swv == q->swv_ix)))
		return false;
	return true;
}

typedef struct sort_item {
	const status_row *row;
	const char *achternaam, *voornaam, *id;
} sort_item;

static int by_days_desc(const void *a, const void *b)
{
	const sort_item *x = a, *y = b;
	if (x->row->duur != y->row->duur)
		return x->row->duur < y->row->duur ? 1 : -1;
	return strcmp(x->id, y->id);
}

static int by_days_asc(const void *a, const void *b)
{
	const sort_item *x = a, *y = b;
	if (x->row->duur != y->row->duur)
		return x->row->duur < y->row->duur ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int by_name(const void *a, const void *b)
{
	const sort_item *x = a, *y = b;
	int c = strcasecmp(x->achternaam ? x->achternaam : "", y->achternaam ? y->achternaam : "");
	if (!c)
		c = strcasecmp(x->voornaam ? x->voornaam : "", y->voornaam ? y->voornaam : "");
	return c ? c : strcmp(x->id, y->id);
}

/* The list's URL with the current filters and another order (page 1). */
static void list_url(strbuf *sb, const list_query *q, const char *sorteer)
{
	struct {
		const char *name, *value, *dflt;
	} args[] = {
		{"peildatum", q->dt, ""},	    {"categorie", q->categorie, "alle"}, {"sector", q->sector, "alle"},
		{"duur", q->duur, "alle"},	    {"aanbod", q->aanbod, "alle"},	 {"school", q->school, "alle"},
		{"gebied", q->gebied, "alle"},	    {"sorteer", sorteer, "duur-af"},
	};
	sb_puts(sb, "/thuiszitters");
	char sep = '?';
	for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
		if (strcmp(args[i].value, args[i].dflt) == 0)
			continue;
		sb_putc(sb, sep);
		sep = '&';
		html_url_arg(sb, args[i].name);
		sb_putc(sb, '=');
		html_url_arg(sb, args[i].value);
	}
}

/* A link that htmx follows by swapping the results, and a browser as usual. */
static void results_link(strbuf *o, const list_query *q, const char *sorteer)
{
	strbuf url = STRBUF_INIT;
	list_url(&url, q, sorteer);
	html_lit(o, "<a class=\"utrecht-link\" href=\"");
	html_attr(o, sb_str(&url));
	html_lit(o, "\" hx-get=\"");
	html_attr(o, sb_str(&url));
	html_lit(o, "\" hx-target=\"#lijst\" hx-swap=\"outerHTML\" hx-push-url=\"true\">");
	sb_free(&url);
}

static void option(strbuf *o, const char *value, const char *label, const char *current)
{
	html_lit(o, "<option value=\"");
	html_attr(o, value);
	html_lit(o, "\"");
	if (strcmp(value, current) == 0)
		html_lit(o, " selected");
	html_lit(o, ">");
	html_text(o, label);
	html_lit(o, "</option>");
}

static void select_open(strbuf *o, const char *id, const char *label)
{
	html_lit(o, "<div class=\"utrecht-form-field ib-field\"><label class=\"utrecht-form-label\" for=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	html_text(o, label);
	html_lit(o, "</label><select class=\"utrecht-select utrecht-select--html-select\" id=\"");
	html_attr(o, id);
	html_lit(o, "\" name=\"");
	html_attr(o, id);
	html_lit(o, "\">");
}

static int by_school_name(const void *a, const void *b, const dataset *ds)
{
	const school *x = &ds->schools[*(const int32_t *)a], *y = &ds->schools[*(const int32_t *)b];
	int c = strcasecmp(x->naam ? x->naam : "", y->naam ? y->naam : "");
	return c ? c : (*(const int32_t *)a > *(const int32_t *)b) - (*(const int32_t *)a < *(const int32_t *)b);
}

/* Insertion sort: a few hundred schools at most, and no global for qsort. */
static void sort_schools(int32_t *ix, size_t n, const dataset *ds)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && by_school_name(&ix[j - 1], &ix[j], ds) > 0; j--) {
			int32_t t = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = t;
		}
}

static void filter_form(req *r, const dataset *ds, const list_query *q, const status_row *rows, size_t n)
{
	strbuf *o = &r->out;
	html_lit(o, "<form id=\"filters\" class=\"ib-filters\" method=\"get\" action=\"/thuiszitters\" "
		    "hx-get=\"/thuiszitters\" hx-target=\"#lijst\" hx-swap=\"outerHTML\" hx-push-url=\"true\" "
		    "hx-trigger=\"change, submit\" hx-indicator=\"#lijst-bezig\"><fieldset class=\"utrecht-form-fieldset "
		    "ib-fieldset\"><legend class=\"utrecht-form-fieldset__legend\">Filters</legend><div class=\"ib-filter-grid\">");
	ui_peildatum_field(o, q->d);
	select_open(o, "categorie", "Categorie");
	option(o, "alle", "Alle op de lijst", q->categorie);
	option(o, "thuiszitters", "Thuiszitters (AV en LRV)", q->categorie);
	option(o, "AV", "Absoluut verzuim", q->categorie);
	option(o, "LRV", "Langdurig relatief verzuim", q->categorie);
	option(o, "LANGDURIG_ZIEK", "Langdurig ziek", q->categorie);
	option(o, "GESCHORST_VERWIJDERD", "Geschorst of verwijderd", q->categorie);
	option(o, "niet-geteld", "Absoluut verzuim, niet geteld", q->categorie);
	html_lit(o, "</select></div>");
	select_open(o, "sector", "Sector");
	option(o, "alle", "PO en VO", q->sector);
	option(o, "PO", "Primair onderwijs (PO)", q->sector);
	option(o, "VO", "Voortgezet onderwijs (VO)", q->sector);
	html_lit(o, "</select></div>");
	select_open(o, "duur", "Duur");
	option(o, "alle", "Elke duur", q->duur);
	option(o, "kort", "Korter dan 3 maanden", q->duur);
	option(o, "lang", "3 maanden of langer", q->duur);
	html_lit(o, "</select></div>");

	/* Schools and gebieden that occur in the user's list. */
	bool *seen_school = xcalloc(ds->n_schools + 1, 1), *seen_gem = xcalloc(ds->n_gemeenten + 1, 1),
	     *seen_swv = xcalloc(ds->n_swvs + 1, 1);
	int32_t *schools = xcalloc(ds->n_schools + 1, sizeof *schools);
	size_t n_schools = 0;
	for (size_t i = 0; i < n; i++) {
		if (!categorie_on_list(LIST_THUISZITTERSLIJST, (categorie)rows[i].cat))
			continue;
		if (rows[i].school != NO_REF && !seen_school[rows[i].school]) {
			seen_school[rows[i].school] = true;
			schools[n_schools++] = rows[i].school;
		}
		if (rows[i].gemeente != NO_REF)
			seen_gem[rows[i].gemeente] = true;
		if (rows[i].swv != NO_REF)
			seen_swv[rows[i].swv] = true;
	}
	sort_schools(schools, n_schools, ds);
	select_open(o, "school", "School");
	option(o, "alle", "Alle scholen", q->school);
	strbuf code = STRBUF_INIT, label = STRBUF_INIT;
	for (size_t i = 0; i < n_schools; i++) {
		const school *sc = &ds->schools[schools[i]];
		sb_reset(&code);
		sb_reset(&label);
		sb_printf(&code, "%s:%s", sc->brin, sc->vestiging);
		sb_printf(&label, "%s (%s-%s)", sc->naam ? sc->naam : "school", sc->brin, sc->vestiging);
		option(o, sb_str(&code), sb_str(&label), q->school);
	}
	html_lit(o, "</select></div>");
	select_open(o, "gebied", "Gemeente of SWV");
	option(o, "alle", "Alle gebieden", q->gebied);
	html_lit(o, "<optgroup label=\"Woongemeente\">");
	for (size_t g = 0; g < ds->n_gemeenten; g++)
		if (seen_gem[g]) {
			sb_reset(&label);
			sb_printf(&label, "%s (%s)", ds->gemeenten[g].naam ? ds->gemeenten[g].naam : "", ds->gemeenten[g].code);
			option(o, ds->gemeenten[g].code, sb_str(&label), q->gebied);
		}
	html_lit(o, "</optgroup><optgroup label=\"Samenwerkingsverband\">");
	for (size_t w = 0; w < ds->n_swvs; w++)
		if (seen_swv[w]) {
			sb_reset(&label);
			sb_printf(&label, "%s %s", ds->swvs[w].code, ds->swvs[w].naam ? ds->swvs[w].naam : "");
			option(o, ds->swvs[w].code, sb_str(&label), q->gebied);
		}
	html_lit(o, "</optgroup></select></div>");
	sb_free(&code);
	sb_free(&label);
	free(seen_school);
	free(seen_gem);
	free(seen_swv);
	free(schools);
	select_open(o, "sorteer", "Sorteren");
	option(o, "duur-af", "Langst thuis eerst", q->sorteer);
	option(o, "duur-op", "Kortst thuis eerst", q->sorteer);
	option(o, "naam", "Op achternaam", q->sorteer);
	html_lit(o, "</select></div><div class=\"utrecht-form-field utrecht-form-field--checkbox ib-field ib-field--check\">"
		    "<input class=\"utrecht-checkbox utrecht-checkbox--html-input\" type=\"checkbox\" id=\"aanbod\" "
		    "name=\"aanbod\" value=\"zonder\"");
	if (strcmp(q->aanbod, "zonder") == 0)
		html_lit(o, " checked");
	html_lit(o, "><label class=\"utrecht-form-label utrecht-form-label--checkbox\" for=\"aanbod\">Alleen zonder "
		    "passend aanbod</label></div></div><div class=\"ib-actions\"><button type=\"submit\" "
		    "class=\"utrecht-button utrecht-button--primary-action\">Toon</button> <a class=\"utrecht-link\" "
		    "href=\"/thuiszitters\">Filters wissen</a> <span id=\"lijst-bezig\" class=\"htmx-indicator ib-loading\" "
		    "role=\"status\">Bezig met laden…</span></div></fieldset></form>");
}

/* On paper, where the form is left out (issue 14): the peildatum and the
 * filters chosen, in words. */
static void printed_filters(strbuf *o, const dataset *ds, const list_query *q)
{
	static const char *const CATS[] = {"thuiszitters", "thuiszitters (AV en LRV)", "AV", "absoluut verzuim",
					   "LRV", "langdurig relatief verzuim", "LANGDURIG_ZIEK", "langdurig ziek",
					   "GESCHORST_VERWIJDERD", "geschorst of verwijderd", "niet-geteld",
					   "absoluut verzuim, niet geteld"};
	html_lit(o, "<p class=\"ib-printed\">Peildatum ");
	ui_date_long(o, q->d);
	for (size_t i = 0; i < sizeof CATS / sizeof CATS[0]; i += 2)
		if (strcmp(q->categorie, CATS[i]) == 0) {
			html_lit(o, " · alleen ");
			html_text(o, CATS[i + 1]);
		}
	if (strcmp(q->sector, "alle") != 0) {
		html_lit(o, " · sector ");
		html_text(o, q->sector);
	}
	if (strcmp(q->duur, "alle") != 0)
		html_text(o, strcmp(q->duur, "kort") == 0 ? " · korter dan 3 maanden" : " · 3 maanden of langer");
	if (strcmp(q->aanbod, "zonder") == 0)
		html_lit(o, " · alleen zonder passend aanbod");
	if (q->school_ix != NO_REF) {
		html_lit(o, " · school ");
		html_text(o, ds->schools[q->school_ix].naam);
	}
	if (q->gemeente_ix != NO_REF || q->swv_ix != NO_REF) {
		html_lit(o, " · ");
		html_text(o, q->gemeente_ix != NO_REF ? ds->gemeenten[q->gemeente_ix].naam : ds->swvs[q->swv_ix].naam);
	}
	html_lit(o, "</p>");
}

static void results(req *r, const dataset *ds, const list_query *q, const sort_item *items, const ui_page *pg,
		    size_t n_list, const dossier_set *dossiers)
{
	strbuf *o = &r->out;
	size_t n_match = pg->total;
	html_lit(o, "<section id=\"lijst\" class=\"ib-section\" aria-labelledby=\"lijst-aantal\">"
		    "<h2 class=\"utrecht-heading-2 ib-count\" id=\"lijst-aantal\" aria-live=\"polite\">");
	ui_int(o, (int64_t)n_match);
	html_text(o, n_match == 1 ? " leerling" : " leerlingen");
	if (pg->pages > 1) {
		html_lit(o, " · ");
		ui_page_range(o, pg);
	}
	html_lit(o, "</h2>");
	printed_filters(o, ds, q);
	if (n_match)
		ui_list_exports(r, o, "/thuiszitters");
	if (!n_match) {
		html_lit(o, "<div class=\"utrecht-alert utrecht-alert--info ib-alert\"><p class=\"utrecht-paragraph\">");
		if (!n_list)
			html_lit(o, "Op deze peildatum staat er niemand uit uw scope op de thuiszitterslijst.");
		else
			html_lit(o, "Geen leerlingen die aan deze filters voldoen. <a class=\"utrecht-link\" href=\"/thuiszitters\">"
				    "Wis de filters</a> om de hele lijst te zien.");
		html_lit(o, "</p></div></section>");
		return;
	}
	bool asc = strcmp(q->sorteer, "duur-op") == 0, desc = strcmp(q->sorteer, "duur-af") == 0;
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table utrecht-table--html-table "
		    "ib-list\"><caption class=\"utrecht-table__caption ib-visually-hidden\">Thuiszitterslijst op ");
	ui_date_long(o, q->d);
	html_lit(o, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\"");
	if (asc)
		html_lit(o, " aria-sort=\"ascending\"");
	else if (desc)
		html_lit(o, " aria-sort=\"descending\"");
	html_lit(o, ">");
	results_link(o, q, desc ? "duur-op" : "duur-af");
	html_lit(o, "Dagen thuis");
	if (desc)
		html_lit(o, " <span aria-hidden=\"true\">▼</span>");
	else if (asc)
		html_lit(o, " <span aria-hidden=\"true\">▲</span>");
	html_lit(o, "<span class=\"ib-visually-hidden\">, sorteren</span></a></th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Leerling</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Categorie</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Sector</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Eerste verzuimdag</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">School</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Woongemeente</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	ui_term(o, "passend-aanbod", "Passend aanbod");
	html_lit(o, "</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\">Dossier</th></tr></thead>"
		    "<tbody class=\"utrecht-table__body\">");
	for (size_t i = pg->from; i < pg->to; i++) {
		const status_row *row = items[i].row;
		categorie c = (categorie)row->cat;
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">"
			    "<span class=\"ib-days");
		if (row->lang)
			html_lit(o, " ib-days--long");
		if (thuiszitter_lang_zonder_aanbod(c, row->lang, row->zonder_aanbod))
			html_lit(o, " ib-days--alarm");
		html_lit(o, "\">");
		ui_int(o, row->duur);
		html_lit(o, "</span></td><td class=\"utrecht-table__cell\">");
		ui_pupil_link(o, ds, row->pupil, q->d);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		ui_categorie(o, c);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		html_text(o, SECTOR_NAMES[row->sector]);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		ui_date(o, row->startdatum);
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		if (row->school != NO_REF) {
			html_text(o, ds->schools[row->school].naam);
			if (categorie_is_av_family(c))
				html_lit(o, " <span class=\"ib-muted\">(laatste)</span>");
		} else {
			html_lit(o, "<span class=\"ib-muted\">nooit ingeschreven</span>");
		}
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		if (row->gemeente != NO_REF)
			html_text(o, ds->gemeenten[row->gemeente].naam);
		else
			html_lit(o, "<span class=\"ib-muted\">geen woonadres</span>");
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		if (!categorie_is_thuiszitter(c))
			html_lit(o, "<span class=\"ib-muted\">n.v.t.</span>");
		else if (row->zonder_aanbod)
			html_lit(o, "<span class=\"ib-flag ib-flag--warn\">geen</span>");
		else
			html_lit(o, "<span class=\"ib-flag ib-flag--ok\">ja</span>");
		html_lit(o, "</td><td class=\"utrecht-table__cell\">");
		ui_dossier_cell(o, dossiers ? dossiers_of(dossiers, PUPIL_AT(ds, row->pupil).id) : NULL);
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div>");
	ui_page_nav(r, o, pg, "#lijst");
	html_lit(o, "</section>");
}

/* The pupils of the list asked for, filtered and sorted: in *items, the
 * matches first (returned), *n_list on the list at all. */
typedef struct list_pick {
	snapshot *s;
	list_query q;
	const status_row *rows;
	size_t n, n_list, n_match;
	shared_body *hold;
	sort_item *items;
} list_pick;

static bool pick(req *r, list_pick *k)
{
	*k = (list_pick){.s = snapshot_acquire(&r->srv->snap)};
	const dataset *ds = k->s->ds;
	if (!parse_query(r, ds, &k->q)) {
		snapshot_release(k->s);
		return false;
	}
	k->rows = ui_visible(r, k->s, k->q.d, &k->n, &k->hold);
	k->items = xcalloc(k->n ? k->n : 1, sizeof *k->items);
	for (size_t i = 0; i < k->n; i++) {
		k->n_list += categorie_on_list(LIST_THUISZITTERSLIJST, (categorie)k->rows[i].cat);
		if (keeps(&k->q, &k->rows[i])) {
			const pupil *pu = &PUPIL_AT(ds, k->rows[i].pupil);
			k->items[k->n_match++] = (sort_item){&k->rows[i], pu->achternaam, pu->voornaam, pu->id};
		}
	}
	const char *order = k->q.sorteer;
	qsort(k->items, k->n_match, sizeof *k->items,
	      strcmp(order, "naam") == 0 ? by_name : strcmp(order, "duur-op") == 0 ? by_days_asc : by_days_desc);
	return true;
}

static void pick_free(list_pick *k)
{
	free(k->items);
	shared_body_release(k->hold);
	snapshot_release(k->s);
}

/* The audit entry of the list: the query (which reproduces the list from
 * the registry's history), the count, and the pupils shown [from, to). */
static json_t *list_details(const list_pick *k, size_t from, size_t to)
{
	const list_query *q = &k->q;
	json_t *ids = json_array();
	for (size_t i = from; i < to; i++)
		japp(ids, json_string(k->items[i].id));
	return json_pack("{s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s}, s:I, s:o, s:I}", "peildatum", q->dt, "filters",
			 "categorie", q->categorie, "sector", q->sector, "duur", q->duur, "aanbod", q->aanbod, "school",
			 q->school, "gebied", q->gebied, "sorteer", q->sorteer, "aantal", (json_int_t)k->n_match,
			 "leerlingen", ids, "registratie", (json_int_t)k->s->version);
}

void ui_list(req *r)
{
	list_pick k;
	if (!pick(r, &k))
		return;
	const dataset *ds = k.s->ds;
	list_query q = k.q;
	ui_page pg = ui_page_of(r, k.n_match);
	json_t *details = list_details(&k, pg.from, pg.to);
	if (details)
		jset(details, "pagina", json_integer((json_int_t)pg.page));
	dossier_set *dossiers = dossiers_acquire(&r->srv->cases, k.s); /* the signal beside each pupil */
	if (audit(r, "lijst", NULL, details)) {
		if (htmx_request(r)) {
			sb_reset(&r->out);
			results(r, ds, &q, k.items, &pg, k.n_list, dossiers);
			ui_fragment(r);
		} else {
			ui_begin(r, ds, "Thuiszitterslijst", NAV_LIJST);
			html_lit(&r->out, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Iedere leerling in uw scope "
					  "in absoluut of langdurig relatief verzuim, langdurig ziek, geschorst of verwijderd, of "
					  "absoluut verzuim dat (nog) niet geteld wordt, op ");
			ui_date_long(&r->out, q.d);
			html_lit(&r->out, ". Het aantal dagen telt vanaf de eerste dag van feitelijk verzuim.</p>");
			filter_form(r, ds, &q, k.rows, k.n);
			results(r, ds, &q, k.items, &pg, k.n_list, dossiers);
			ui_end(r, 200);
		}
	}
	dossiers_release(dossiers);
	pick_free(&k);
}

/* ---- the list to take along (issue 14) ---------------------------------------- */

static const export_column LIST_COLUMNS[] = {
	{"dagen thuis", true, 11},    {"leerling_id", false, 14}, {"achternaam", false, 20},
	{"voornaam", false, 16},      {"geboortedatum", false, 13}, {"categorie", false, 28},
	{"sector", false, 8},	      {"eerste verzuimdag", false, 14}, {"3 maanden of langer", false, 12},
	{"school", false, 32},	      {"woongemeente", false, 20}, {"passend aanbod", false, 12},
};

void ui_list_export(req *r)
{
	list_pick k;
	if (!pick(r, &k))
		return;
	const dataset *ds = k.s->ds;
	const list_query *q = &k.q;
	export_table t = {.title = "Thuiszitterslijst", .sheet = "Thuiszitterslijst", .cols = LIST_COLUMNS,
			  .n_cols = sizeof LIST_COLUMNS / sizeof LIST_COLUMNS[0]};
	snprintf(t.about, sizeof t.about,
		 "Peildatum %s; categorie %s, sector %s, duur %s, aanbod %s, school %s, gebied %s; %zu leerlingen; "
		 "voor %s (%s)",
		 q->dt, q->categorie, q->sector, q->duur, q->aanbod, q->school, q->gebied, k.n_match, r->who->naam,
		 r->who->organisatie);
	for (size_t i = 0; i < k.n_match; i++) {
		const status_row *row = k.items[i].row;
		const pupil *pu = &PUPIL_AT(ds, row->pupil);
		categorie c = (categorie)row->cat;
		char d[DATE_TEXT] = "", born[DATE_TEXT] = "";
		export_int(&t, row->duur);
		export_cell(&t, pu->id);
		export_cell(&t, pu->achternaam);
		export_cell(&t, pu->voornaam);
		if (pu->geboortedatum != DAY_NONE)
			date_format(pu->geboortedatum, born);
		export_cell(&t, born);
		export_cell(&t, CATEGORIE_LABELS[c]);
		export_cell(&t, SECTOR_NAMES[row->sector]);
		if (row->startdatum != DAY_NONE)
			date_format(row->startdatum, d);
		export_cell(&t, d);
		export_cell(&t, row->lang ? "ja" : "nee");
		export_cell(&t, row->school != NO_REF ? ds->schools[row->school].naam : "nooit ingeschreven");
		export_cell(&t, row->gemeente != NO_REF ? ds->gemeenten[row->gemeente].naam : "geen woonadres");
		export_cell(&t, !categorie_is_thuiszitter(c) ? "n.v.t." : row->zonder_aanbod ? "geen" : "ja");
	}
	/* Every pupil in the file is read: all of them in the audit entry. */
	json_t *details = list_details(&k, 0, k.n_match);
	if (details)
		jset(details, "formaat", json_string(export_kind_of(r) == EXPORT_XLSX ? "xlsx" : export_kind_of(r) == EXPORT_CSV ? "csv" : "csv-nl"));
	if (audit(r, "export", NULL, details)) {
		char name[64];
		snprintf(name, sizeof name, "thuiszitterslijst-%s", q->dt);
		ui_table_reply(r, k.s, &t, name);
	}
	export_table_free(&t);
	pick_free(&k);
}
