/*
 * ui_begrippen.c - the glossary page /begrippen: every term of UI_TERMS
 * (ui_terms.c) with its anchor, its meaning and its source, for every role.
 * The pages link their terms here with ui_term.
 */
#include "ui.h"

void ui_begrippen(req *r)
{
	ui_begin_page(r, "Begrippen", NAV_BEGRIPPEN);
	strbuf *o = &r->out;
	/* A short index first, so that a term is one click away. */
	html_lit(o, "<nav aria-label=\"Begrippen van A tot Z\"><ul class=\"ib-term-index\">");
	for (size_t i = 0; i < N_UI_TERMS; i++) {
		html_lit(o, "<li><a class=\"utrecht-link\" href=\"#");
		html_attr(o, UI_TERMS[i].slug);
		html_lit(o, "\">");
		html_text(o, UI_TERMS[i].term);
		html_lit(o, "</a></li>");
	}
	html_lit(o, "</ul></nav><dl class=\"ib-glossary\">");
	for (size_t i = 0; i < N_UI_TERMS; i++) {
		const ui_term_entry *t = &UI_TERMS[i];
		html_lit(o, "<div class=\"ib-glossary__entry\"><dt id=\"");
		html_attr(o, t->slug);
		html_lit(o, "\" tabindex=\"-1\">");
		html_text(o, t->term);
		html_lit(o, "</dt><dd><p class=\"utrecht-paragraph\">");
		html_text(o, t->meaning);
		html_lit(o, "</p><p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Bron: ");
		html_text(o, t->source);
		html_lit(o, "</p></dd></div>");
	}
	html_lit(o, "</dl>");
	ui_end(r, 200);
}
