/*
 * ui_melddiscipline.c - Melddiscipline (issue 12, SPEC 7): per school the
 * caller sees, for a chosen period, its meldingen and the days to each
 * (median, share within 7 days), the duties of 16 hours and LRV runs never
 * reported, the enrolments and de-registrations recorded more than 7 days
 * after their date - beside its SWV and gemeente, sortable, with a chart of the share
 * within 7 days. A school that recorded no absence for four lesweken is shown
 * as "registratie onvolledig": unknown, not zero. The figures are those of
 * GET /api/melddiscipline (the melddiscipline query); no personal data.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/signals.h"
#include "../core/sort.h"
#include "../util/alloc.h"
#include "ui.h"

static const char *name_of(const dataset *ds, int32_t sc)
{
	return ds->schools[sc].naam ? ds->schools[sc].naam : ds->schools[sc].brin;
}

/* The figure a row is sorted by (higher first; a school without the figure,
 * -1, last), then its name. */
typedef struct keyed_row {
	int64_t key;
	const char *name;
	md_school_row row;
} keyed_row;

static int64_t sort_key(const md_school_row *a, const char *by)
{
	if (strcmp(by, "nooit-gemeld") == 0)
		return (int64_t)a->f.duties_unreported + a->f.lrv_unreported;
	if (strcmp(by, "mediaan") == 0)
		return a->f.median;
	if (strcmp(by, "binnen-7") == 0)
		return a->f.share_in_term;
	if (strcmp(by, "meldingen") == 0)
		return a->f.meldingen;
	return 0; /* naam */
}

static int by_key(const void *pa, const void *pb)
{
	const keyed_row *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->row.school > b->row.school) - (a->row.school < b->row.school);
}

static void sort_rows(md_school_row *rows, size_t n, const char *by, const dataset *ds)
{
	keyed_row *k = xmalloc((n ? n : 1) * sizeof *k);
	for (size_t i = 0; i < n; i++)
		k[i] = (keyed_row){sort_key(&rows[i], by), name_of(ds, rows[i].school), rows[i]};
	sort_array(k, n, sizeof *k, by_key);
	for (size_t i = 0; i < n; i++)
		rows[i] = k[i].row;
	free(k);
}

void ui_hundredths_cell(strbuf *o, int64_t v, const char *unit)
{
	html_lit(o, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
	if (v < 0) {
		html_lit(o, "<span class=\"ib-small\">geen meldingen</span>");
	} else {
		char t[32];
		format_hundredths(v, ',', t);
		html_text(o, t);
		html_text(o, unit);
	}
	html_lit(o, "</td>");
}

static void int_cell(strbuf *o, int64_t v, bool unknown)
{
	html_lit(o, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
	if (unknown)
		html_lit(o, "<span class=\"ib-flag ib-flag--warn\">onbekend</span>");
	else
		ui_int(o, v);
	html_lit(o, "</td>");
}

static void sort_link(strbuf *o, const char *label, const char *by, const char *current, const char *van,
		      const char *tot)
{
	html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\"");
	if (strcmp(by, current) == 0)
		html_lit(o, " aria-sort=\"descending\"");
	html_lit(o, "><a class=\"utrecht-link\" href=\"/melddiscipline?van=");
	html_url_arg(o, van);
	html_lit(o, "&amp;tot=");
	html_url_arg(o, tot);
	html_lit(o, "&amp;sorteer=");
	html_url_arg(o, by);
	html_lit(o, "\">");
	html_text(o, label);
	html_lit(o, "</a></th>");
}

/* Recorded more than 7 days late: "2 van 10". */
static void late_cell(strbuf *o, int32_t late, int32_t all)
{
	html_lit(o, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">");
	ui_int(o, late);
	html_lit(o, " <span class=\"ib-small\">van ");
	ui_int(o, all);
	html_lit(o, "</span></td>");
}

static void figures_cells(strbuf *o, const md_figures *f)
{
	int_cell(o, f->meldingen, false);
	ui_hundredths_cell(o, f->median, " dagen");
	ui_hundredths_cell(o, f->share_in_term, "%");
	int_cell(o, f->duties_unreported, f->onvolledig);
	int_cell(o, f->lrv_unreported, f->onvolledig);
	late_cell(o, f->enrolments_late, f->enrolments);
	late_cell(o, f->deregistrations_late, f->deregistrations);
}

static void date_input(strbuf *o, const char *id, const char *label, const char *value)
{
	html_lit(o, "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"");
	html_attr(o, id);
	html_lit(o, "\">");
	html_text(o, label);
	html_lit(o, "</label><input class=\"utrecht-textbox utrecht-textbox--html-input\" type=\"date\" name=\"");
	html_attr(o, id);
	html_lit(o, "\" id=\"");
	html_attr(o, id);
	html_lit(o, "\" value=\"");
	html_attr(o, value);
	html_lit(o, "\"></div>");
}

/* The page under its chrome: the same for every user of a role and scope
 * (no form that changes anything), so it is kept per snapshot. */
static void render(strbuf *o, const dataset *ds, const md_view *mv, md_period per, const char *by)
{
	const md_view m = *mv;
	char van[DATE_TEXT], tot[DATE_TEXT];
	date_format(per.from, van);
	date_format(per.to, tot);
	html_lit(o, "<p class=\"utrecht-paragraph\">Per school: de "
		    "meldingen in de periode, de dagen van de eerste verzuimdag tot de melding, en de meldplicht van 16 "
		    "uur en de LRV-reeksen die nooit zijn gemeld - naast het samenwerkingsverband en de gemeente. Een "
		    "school die vier lesweken of langer geen enkel verzuim registreerde, heeft een onvolledige "
		    "registratie: wat zij niet meldde is dan onbekend, niet nul.</p>"
		    "<form method=\"get\" action=\"/melddiscipline\" class=\"ib-filters ib-filters--inline\">");
	date_input(o, "van", "Van", van);
	date_input(o, "tot", "Tot en met", tot);
	html_lit(o, "<input type=\"hidden\" name=\"sorteer\" value=\"");
	html_attr(o, by);
	html_lit(o, "\"><button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">Toon</button></form>");

	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table\" id=\"melddiscipline\"><caption class=\"utrecht-table__caption\">"
		    "Melddiscipline per school, ");
	ui_date(o, per.from);
	html_lit(o, " t/m ");
	ui_date(o, per.to);
	html_lit(o, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell\"><a class=\"utrecht-link\" href=\"/melddiscipline?van=");
	html_url_arg(o, van);
	html_lit(o, "&amp;tot=");
	html_url_arg(o, tot);
	html_lit(o, "&amp;sorteer=naam\">School</a></th><th scope=\"col\" class=\"utrecht-table__header-cell\">Registratie</th>");
	sort_link(o, "Meldingen", "meldingen", by, van, tot);
	sort_link(o, "Mediaan dagen tot melding", "mediaan", by, van, tot);
	sort_link(o, "Binnen 7 dagen", "binnen-7", by, van, tot);
	sort_link(o, "16 uur nooit gemeld", "nooit-gemeld", by, van, tot);
	html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">LRV "
		    "nooit gemeld</th><th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">"
		    "Inschrijvingen later dan 7 dagen vastgelegd</th><th scope=\"col\" class=\"utrecht-table__header-cell "
		    "utrecht-table__header-cell--numeric-column\">Uitschrijvingen later dan 7 dagen vastgelegd</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">"
		    "SWV: binnen 7 dagen</th><th scope=\"col\" class=\"utrecht-table__header-cell "
		    "utrecht-table__header-cell--numeric-column\">Gemeente: binnen 7 dagen</th></tr></thead>"
		    "<tbody class=\"utrecht-table__body\">");
	for (size_t i = 0; i < m.n; i++) {
		const school *sc = &ds->schools[m.rows[i].school];
		const md_figures *f = &m.rows[i].f;
		html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(o, name_of(ds, m.rows[i].school));
		html_lit(o, " <span class=\"ib-small\">");
		html_textf(o, "%s-%s, %s", sc->brin, sc->vestiging, ds->gemeenten[sc->gemeente].naam ? ds->gemeenten[sc->gemeente].naam : ds->gemeenten[sc->gemeente].code);
		html_lit(o, "</span></th><td class=\"utrecht-table__cell\">");
		if (f->onvolledig) {
			html_lit(o, "<span class=\"ib-flag ib-flag--warn\">registratie onvolledig</span> <span class=\"ib-small\">");
			html_textf(o, "%d schooldagen zonder verzuim", f->silence);
			html_lit(o, "</span>");
		} else {
			html_lit(o, "volledig");
		}
		html_lit(o, "</td>");
		figures_cells(o, f);
		ui_hundredths_cell(o, sc->swv != NO_REF ? m.by_swv[sc->swv].share_in_term : -1, "%");
		ui_hundredths_cell(o, m.by_gemeente[sc->gemeente].share_in_term, "%");
		html_lit(o, "</tr>");
	}
	if (!m.n)
		html_lit(o, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\" colspan=\"11\">Geen scholen in "
			    "uw gebied in deze periode.</td></tr>");
	html_lit(o, "</tbody></table></div>");

	/* The chart: the share within 7 days per school (the table is its source). */
	html_lit(o, "<figure class=\"ib-chart-figure\"><div class=\"ib-chart\" aria-hidden=\"true\"></div>"
		    "<figcaption class=\"utrecht-paragraph utrecht-paragraph--small\">Aandeel meldingen binnen 7 dagen per "
		    "school (scholen zonder meldingen ontbreken).</figcaption><div class=\"utrecht-table-container ib-scroll\" "
		    "tabindex=\"0\"><table class=\"utrecht-table utrecht-table--html-table ib-chart-data\" data-chart=\"bar\">"
		    "<caption class=\"utrecht-table__caption\">Binnen 7 dagen gemeld</caption><thead class=\"utrecht-table__header\">"
		    "<tr class=\"utrecht-table__row\"><th scope=\"col\" class=\"utrecht-table__header-cell\">School</th>"
		    "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">Binnen 7 "
		    "dagen (%)</th></tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t i = 0; i < m.n; i++) {
		if (m.rows[i].f.share_in_term < 0)
			continue;
		char t[32];
		format_hundredths(m.rows[i].f.share_in_term, '.', t);
		html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(o, name_of(ds, m.rows[i].school));
		html_lit(o, "</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\" data-v=\"");
		html_attr(o, t);
		html_lit(o, "\">");
		format_hundredths(m.rows[i].f.share_in_term, ',', t);
		html_text(o, t);
		html_lit(o, "</td></tr>");
	}
	html_lit(o, "</tbody></table></div></figure>");
}

void ui_melddiscipline(req *r)
{
	md_period per;
	if (!md_period_param(r, &per))
		return;
	const char *by = query(r, "sorteer") ? query(r, "sorteer") : "nooit-gemeld";
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	char van[DATE_TEXT], tot[DATE_TEXT];
	date_format(per.from, van);
	date_format(per.to, tot);
	strbuf key = STRBUF_INIT;
	caller_cache_key(r, "ui-melddiscipline", &key);
	sb_printf(&key, "|%s|%s|%s", van, tot, by);
	size_t count = 0;
	shared_body *page = snapshot_cache_get(s, sb_str(&key), &count);
	if (!page) {
		md_view m;
		shared_body *hold;
		if (!melddiscipline_view(r, s, per, &m, &hold)) {
			sb_free(&key);
			snapshot_release(s);
			return; /* the error page shows the reply */
		}
		sort_rows(m.rows, m.n, by, ds);
		strbuf html = STRBUF_INIT;
		render(&html, ds, &m, per, by);
		free(m.rows);
		shared_body_release(hold);
		page = shared_body_new(sb_str(&html), html.len);
		sb_free(&html);
		snapshot_cache_put(s, sb_str(&key), page, count);
	}
	sb_free(&key);
	ui_begin(r, ds, "Melddiscipline", NAV_MELDDISCIPLINE);
	sb_append(&r->out, page->data, page->len);
	shared_body_release(page);
	snapshot_release(s);
	ui_end(r, 200);
}
