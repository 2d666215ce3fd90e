/*
 * ui_format.c - how values show on a page: dates in words, numbers with
 * thousands separators and decimal commas, a cell of the Resultaatschema, a
 * categorie label, a link to a pupil, the peildatum field and the CSRF field
 * of a form. Everything goes through the escaping of html.h.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/nl_format.h"
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
	char t[DATE_TEXT];
	nl_date(d, t);
	html_text(sb, t);
}

void ui_int(strbuf *sb, int64_t v)
{
	char t[NL_NUMBER_TEXT];
	nl_int(v, t);
	html_text(sb, t);
}

void ui_rate(strbuf *sb, const char *rate)
{
	char t[NL_NUMBER_TEXT];
	nl_number(rate, t);
	html_text(sb, t);
}

void ui_timestamp(strbuf *sb, const char *iso)
{
	char t[NL_STAMP_TEXT];
	nl_timestamp(iso ? iso : "", t);
	html_text(sb, t);
}

void ui_days(strbuf *sb, int64_t n)
{
	char t[NL_NUMBER_TEXT];
	nl_days(n, t);
	html_text(sb, t);
}

void ui_cell_text(char out[32], const telling_value *v, int col, const suppression *sp, regel rg)
{
	cell_text(v, col, sp, rg, out);
}

void ui_number(strbuf *sb, const char *text)
{
	ui_rate(sb, text);
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

void ui_protected_day_hint(strbuf *sb, bool protect)
{
	if (protect)
		html_lit(sb, "<p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">U telt op de eerste dag van een "
			     "maand, zoals de ijkmomenten 1 november, 1 februari en 1 juni: tellingen van dagen vlak na elkaar "
			     "zouden afzonderlijke kinderen aanwijzen.</p>");
}

void ui_pupil_link(strbuf *sb, const dataset *ds, uint32_t p, day_t d)
{
	const pupil *pu = &PUPIL_AT(ds, p);
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
	html_text(sb, categorie_short(c));
	html_lit(sb, "</span>");
}

void ui_csrf_field(req *r)
{
	html_lit(&r->out, "<input type=\"hidden\" name=\"csrf_token\" value=\"");
	html_attr(&r->out, r->who ? r->who->csrf : "");
	html_lit(&r->out, "\">");
}

void ui_export_links(strbuf *o, const char *path, const char *args, const char *xlsx_label)
{
	ui_export_links_for(o, path, args, xlsx_label, false);
}

void ui_export_links_for(strbuf *o, const char *path, const char *args, const char *xlsx_label, bool dutch_csv)
{
	html_lit(o, "<p class=\"utrecht-paragraph ib-exports\">Downloaden: <a class=\"utrecht-link\" download href=\"");
	html_attr(o, path);
	html_lit(o, "/export.xlsx");
	html_attr(o, args);
	html_lit(o, "\">");
	html_text(o, xlsx_label);
	html_lit(o, "</a> · <a class=\"utrecht-link\" download href=\"");
	html_attr(o, path);
	html_lit(o, "/export.csv");
	html_attr(o, args);
	html_lit(o, "\">CSV</a>");
	if (dutch_csv) { /* ';' between the fields and a decimal comma */
		html_lit(o, " · <a class=\"utrecht-link\" download href=\"");
		html_attr(o, path);
		html_lit(o, "/export-nl.csv");
		html_attr(o, args);
		html_lit(o, "\">CSV voor Nederlandse Excel</a>");
	}
	html_lit(o, "</p>");
}
