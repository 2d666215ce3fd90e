/*
 * ui_breed.c - the broad count of SPEC 8 next to the official count: a
 * section for the overview and the Resultaatschema (per gebied the official
 * thuiszitters and the broad count, with its parts for roles that see every
 * number), the rows the exports write, and its composition in words. It is
 * labelled everywhere as what it is: not the official figure.
 */
#include <stdio.h>
#include <string.h>

#include "ui_steer.h"

void ui_breed_composition(strbuf *o)
{
	html_lit(o, "<p class=\"utrecht-paragraph ib-breed__uitleg\"><strong>De brede telling is geen officiële "
		    "telling.</strong> Zij telt elk kind in scope dat om welke reden ook vier weken of langer thuis is. "
		    "Bovenop de officiële thuiszitters (absoluut verzuim en langdurig relatief verzuim) telt zij ook: het "
		    "absoluut verzuim dat officieel niet telt omdat een aanvraag vrijstelling 5c loopt of het adres in "
		    "onderzoek is (vanaf vier weken), de langdurig zieken, wie vier weken of langer geschorst of verwijderd "
		    "is, en de kinderen met een vrijstelling 5a (tijdelijk of permanent). Niet meegeteld: absoluut verzuim "
		    "korter dan vier weken, vrijstellingen 5b en 5c en andere gronden. Ouderorganisaties tellen zo landelijk "
		    "ongeveer 15.000 kinderen thuis, waar de officiële telling er ongeveer 4.000 geeft.</p>");
}

/* The broad count's totaal in an export, its composition in the label. */
static const char BREED_TOTAL_LABEL[] = "Brede telling totaal (niet de officiële telling): absoluut verzuim, ook niet "
					"geteld (aanvraag 5c, adres in onderzoek) vanaf vier weken, langdurig relatief "
					"verzuim, langdurig ziek, geschorst of verwijderd vanaf vier weken, vrijstelling 5a";

/* The parts shown as columns, after the totaal. */
static const breed_regel PARTS[] = {BR_AV, BR_AV_5C, BR_AV_ADRES, BR_LRV, BR_LANGDURIG_ZIEK, BR_GESCHORST_VERWIJDERD,
				    BR_VRIJSTELLING_5A};
enum { N_PARTS = sizeof PARTS / sizeof PARTS[0] };

static void head_cell(strbuf *o, const char *label)
{
	html_lit(o, "<th scope=\"col\" class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\">");
	html_text(o, label);
	html_lit(o, "</th>");
}

void ui_breed_section(strbuf *o, const dataset *ds, const counts *c, const breed_counts *b, size_t k, size_t n)
{
	bool parts = !c->protect;
	html_lit(o, "<section class=\"ib-section ib-breed\" aria-labelledby=\"breed-kop\"><h2 class=\"utrecht-heading-2\" "
		    "id=\"breed-kop\">Brede telling: thuis vier weken of langer, om welke reden ook</h2>");
	html_lit(o, "<div class=\"utrecht-table-container ib-scroll\" tabindex=\"0\"><table class=\"utrecht-table "
		    "utrecht-table--html-table ib-breed__tabel\"><caption class=\"utrecht-table__caption\">Officieel en "
		    "breed geteld op ");
	ui_date_long(o, c->days[k]);
	html_lit(o, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\"><th scope=\"col\" "
		    "class=\"utrecht-table__header-cell\">Gebied</th>");
	head_cell(o, "Officieel: thuiszitters");
	head_cell(o, "Brede telling (niet de officiële telling)");
	for (size_t p = 0; parts && p < N_PARTS; p++) {
		const char *label = BREED_REGELS[PARTS[p]].label;
		head_cell(o, label + strspn(label, " "));
	}
	html_lit(o, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (size_t i = 0; i < n && i < c->n_gebieden; i++) {
		html_lit(o, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(o, gebied_naam(ds, c->v, c->gebieden[i]));
		html_lit(o, "</th>");
		char text[32];
		suppression sp;
		counts_cell_text(c, k, i, counts_protection(c, k, i, &sp), R_THUISZITTERS_TOTAAL, COL_TOTAAL, text);
		ui_number_cell(o, text, false);
		breed_counts_total_text(b, c, k, i, text);
		ui_number_cell(o, text, true);
		for (size_t p = 0; parts && p < N_PARTS; p++) {
			telling_value v;
			breed_counts_value(b, c, k, i, PARTS[p], &v);
			snprintf(text, sizeof text, "%lld", (long long)v.totaal);
			ui_number_cell(o, text, false);
		}
		html_lit(o, "</tr>");
	}
	html_lit(o, "</tbody></table></div>");
	ui_breed_composition(o);
	if (c->protect)
		html_lit(o, "<p class=\"utrecht-paragraph utrecht-paragraph--small ib-muted\">Voor analisten alleen het totaal "
			    "van de brede telling: x waar het een klein aantal in de officiële telling zou verraden.</p>");
	html_lit(o, "</section>");
}

size_t ui_breed_rows(const counts *c, const breed_counts *b, size_t k, size_t i, breed_row *out)
{
	size_t n = 0;
	for (int r = 0; r < BR_COUNT; r++) {
		if (c->protect && r != BR_TOTAAL)
			break; /* the parts only for roles that see every number */
		breed_row *row = &out[n++];
		const char *label = BREED_REGELS[r].label;
		row->code = BREED_REGELS[r].code;
		row->label = r == BR_TOTAAL ? BREED_TOTAL_LABEL : label + strspn(label, " ");
		telling_value v;
		breed_counts_value(b, c, k, i, (breed_regel)r, &v);
		for (int col = 0; col < COL_COUNT; col++)
			cell_text(&v, col, NULL, R_AV_PO, row->cell[col]); /* R_AV_PO: any count, no rate */
		if (r == BR_TOTAAL)
			breed_counts_total_text(b, c, k, i, row->cell[COL_TOTAAL]);
	}
	return n;
}
