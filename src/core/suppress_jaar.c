/*
 * suppress_jaar.c - the school-year count as a table for the suppression
 * engine (suppress_cells.c): per regel totaal, langer_dan_3_maanden and
 * opgelost, and for a regel with a duration the two numbers the reader can
 * work out without seeing them, totaal minus langer_dan_3_maanden and
 * totaal minus opgelost. Hiding a part costs less than hiding a totaal. See
 * suppress_jaar.h.
 */
#include "suppress_jaar.h"

#include <stdio.h>

#define CELL(r, col) ((r) * JCOL_COUNT + (col))
enum {
	N_TABLE = JR_COUNT * JCOL_COUNT,
	NOT_LANG = N_TABLE,		 /* per regel: totaal - langer_dan_3_maanden */
	NOT_OPGELOST = NOT_LANG + JR_COUNT, /* per regel: totaal - opgelost */
	N_CELLS = NOT_OPGELOST + JR_COUNT
};
_Static_assert((int)N_CELLS <= (int)SUPP_MAX_CELLS, "the school-year count fits the engine");

void jaar_suppress(const jaartelling *t, size_t gebied, jaar_suppression *out)
{
	supp_relation rel[2 * JR_COUNT];
	supp_table tb = {.n_cells = N_CELLS, .relations = rel};
	int64_t value[N_CELLS] = {0};
	for (int r = 0; r < JR_COUNT; r++) {
		jaar_value v;
		jaartelling_value_of(t, gebied, (jaar_regel)r, &v);
		value[CELL(r, JCOL_TOTAAL)] = v.totaal;
		value[CELL(r, JCOL_LANG)] = v.has_lang ? v.lang : 0;
		value[CELL(r, JCOL_OPGELOST)] = v.has_opgelost ? v.opgelost : 0;
		value[NOT_LANG + r] = v.totaal - value[CELL(r, JCOL_LANG)];
		value[NOT_OPGELOST + r] = v.totaal - value[CELL(r, JCOL_OPGELOST)];
		for (int col = 0; col < JCOL_COUNT; col++) {
			tb.kind[CELL(r, col)] = SUPP_COUNT;
			tb.tier[CELL(r, col)] = -1;
		}
		tb.kind[NOT_LANG + r] = tb.kind[NOT_OPGELOST + r] = SUPP_UNSEEN;
		tb.tier[NOT_LANG + r] = tb.tier[NOT_OPGELOST + r] = -1;
		if (!JAAR_REGELS[r].duur)
			continue; /* totaal only: no relation */
		tb.tier[CELL(r, JCOL_LANG)] = tb.tier[CELL(r, JCOL_OPGELOST)] = 0;
		tb.tier[CELL(r, JCOL_TOTAAL)] = 1;
		rel[tb.n_relations++] = (supp_relation){
			3, {{1, (uint8_t)CELL(r, JCOL_LANG)}, {1, (uint8_t)(NOT_LANG + r)}, {-1, (uint8_t)CELL(r, JCOL_TOTAAL)}}};
		rel[tb.n_relations++] = (supp_relation){
			3, {{1, (uint8_t)CELL(r, JCOL_OPGELOST)}, {1, (uint8_t)(NOT_OPGELOST + r)}, {-1, (uint8_t)CELL(r, JCOL_TOTAAL)}}};
	}
	cell_state st[N_CELLS];
	suppress_cells(&tb, value, st);
	for (int r = 0; r < JR_COUNT; r++)
		for (int col = 0; col < JCOL_COUNT; col++)
			out->cell[r][col] = st[CELL(r, col)];
}

void jaar_cell_text(const jaar_value *v, int col, const jaar_suppression *sp, jaar_regel r, char out[32])
{
	bool has = col == JCOL_TOTAAL || (col == JCOL_LANG ? v->has_lang : v->has_opgelost);
	int64_t x = col == JCOL_TOTAAL ? v->totaal : col == JCOL_LANG ? v->lang : v->opgelost;
	out[0] = '\0';
	if (!has)
		return;
	const char *mark = cell_mark(sp ? sp->cell[r][col] : CELL_SHOWN, false);
	if (mark)
		snprintf(out, 32, "%s", mark);
	else
		snprintf(out, 32, "%lld", (long long)x);
}
