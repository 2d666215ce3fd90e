/*
 * suppress.c - which cells of one gebied's Resultaatschema the analist sees
 * as "<5" or "x" (SPEC 9), and on which days the analist may count.
 *
 * The table for the engine (suppress_cells.c): the cells of the regels, and
 * the relations of the Resultaatschema (SPEC 5) the reader knows:
 *   kort + lang = totaal                 in every regel with the three columns
 *   AV_PO + AV_VO + LRV_PO + LRV_VO = THUISZITTERS_TOTAAL      in each column
 *   AV_VO_WAARVAN_OVERSTAP_MBO + (never shown) = AV_VO         in each column
 *   THUISZITTERS_LANG_ZONDER_AANBOD + (never shown) = THUISZITTERS_TOTAAL lang
 *   THUISZITTERS_PER_1000 = THUISZITTERS_TOTAAL / LEERPLICHTIGEN x 1000
 * The never-shown cells of the "waarvan" regels (the part not waiting for
 * mbo, the part with an aanbod) are small numbers of their own: AV_VO kort 8
 * beside 6 waiting for mbo would tell that 2 do not, so the engine keeps
 * each of 1 to 4 from being worked out like any "<5". The rate is not a cell
 * of its own: it is shown only where the total and the denominator are, and
 * then tells nothing new; hidden where either is not, since with the other
 * it would give the hidden one away.
 *
 * The tiers: first the parts (kort, lang and totaal of AV_PO to LRV_VO, of
 * the waarvan regels, of LANGDURIG_ZIEK and GESCHORST_VERWIJDERD; inner
 * cells before a part's totaal); THUISZITTERS_TOTAAL kort and lang only when
 * hiding every part around the cell would not protect it; THUISZITTERS_TOTAAL
 * totaal only when not even those would (kort 1 and lang 5, say: with the
 * total 6 shown, "x" for lang cannot be anything but 5).
 *
 * The days. Counts of days next to each other differ by the children whose
 * state changed in between: one count a day would date single children. The
 * analist counts on the first day of a month (which the ijkmomenten, 1
 * November, 1 February and 1 June, all are) and on no other day.
 */
#include "suppress.h"

#include <stdio.h>

#include "date.h"

/* ---- cells and relations ----------------------------------------------------- */

#define CELL(r, col) ((r) * COL_COUNT + (col))
enum {
	N_TABLE = R_COUNT * COL_COUNT,
	/* never shown: AV_VO minus its waarvan row, per column */
	HIDE_AV_VO_REST = N_TABLE,
	/* never shown: THUISZITTERS_TOTAAL lang minus those zonder passend aanbod */
	HIDE_LANG_MET_AANBOD = HIDE_AV_VO_REST + COL_COUNT,
	N_CELLS
};
_Static_assert((int)N_CELLS <= (int)SUPP_MAX_CELLS, "the Resultaatschema fits the engine");

#define ROW(r) {3, {{1, CELL(r, COL_KORT)}, {1, CELL(r, COL_LANG)}, {-1, CELL(r, COL_TOTAAL)}}}
#define PARTS(col)                                                                                                    \
	{5,                                                                                                           \
	 {{1, CELL(R_AV_PO, col)},                                                                                     \
	  {1, CELL(R_AV_VO, col)},                                                                                     \
	  {1, CELL(R_LRV_PO, col)},                                                                                    \
	  {1, CELL(R_LRV_VO, col)},                                                                                    \
	  {-1, CELL(R_THUISZITTERS_TOTAAL, col)}}}
#define WAARVAN(col)                                                                                                  \
	{3, {{1, CELL(R_AV_VO_WAARVAN_OVERSTAP_MBO, col)}, {1, HIDE_AV_VO_REST + (col)}, {-1, CELL(R_AV_VO, col)}}}

static const supp_relation RELATIONS[] = {
	ROW(R_AV_PO),
	ROW(R_AV_VO),
	ROW(R_AV_VO_WAARVAN_OVERSTAP_MBO),
	ROW(R_LRV_PO),
	ROW(R_LRV_VO),
	ROW(R_THUISZITTERS_TOTAAL),
	ROW(R_LANGDURIG_ZIEK),
	ROW(R_GESCHORST_VERWIJDERD),
	{3, {{1, HIDE_AV_VO_REST + COL_KORT}, {1, HIDE_AV_VO_REST + COL_LANG}, {-1, HIDE_AV_VO_REST + COL_TOTAAL}}},
	PARTS(COL_KORT),
	PARTS(COL_LANG),
	PARTS(COL_TOTAAL),
	WAARVAN(COL_KORT),
	WAARVAN(COL_LANG),
	WAARVAN(COL_TOTAAL),
	/* THUISZITTERS_LANG_ZONDER_AANBOD is one number, in lang and totaal */
	{3, {{1, CELL(R_THUISZITTERS_LANG_ZONDER_AANBOD, COL_LANG)}, {1, HIDE_LANG_MET_AANBOD},
	     {-1, CELL(R_THUISZITTERS_TOTAAL, COL_LANG)}}},
};
enum { N_RELATIONS = sizeof RELATIONS / sizeof RELATIONS[0] };

/* Which cells may be hidden to protect another, and at what price: 0 inner
 * cells, 1 the parts' totaal, 2 THUISZITTERS_TOTAAL kort and lang, 3 its
 * totaal; -1 never (no relation, or the cell is never shown). */
static int8_t tier(int cell)
{
	if (cell >= N_TABLE)
		return -1;
	int col = cell % COL_COUNT;
	switch ((regel)(cell / COL_COUNT)) {
	case R_AV_PO:
	case R_AV_VO:
	case R_AV_VO_WAARVAN_OVERSTAP_MBO:
	case R_LRV_PO:
	case R_LRV_VO:
	case R_LANGDURIG_ZIEK:
	case R_GESCHORST_VERWIJDERD: return col == COL_TOTAAL ? 1 : 0;
	case R_THUISZITTERS_LANG_ZONDER_AANBOD: return col == COL_LANG ? 0 : -1; /* totaal follows lang */
	case R_THUISZITTERS_TOTAAL: return col == COL_TOTAAL ? 3 : 2;
	default: return -1;
	}
}

/* ---- the decision ------------------------------------------------------------ */

void suppress_small_numbers(const telling *t, size_t gebied, suppression *out)
{
	supp_table tb = {.n_cells = N_CELLS, .relations = RELATIONS, .n_relations = N_RELATIONS};
	int64_t value[N_CELLS];
	for (int r = 0; r < R_COUNT; r++) {
		telling_value v;
		telling_value_of(t, gebied, (regel)r, &v);
		value[CELL(r, COL_KORT)] = v.has_kort ? v.kort : 0;
		value[CELL(r, COL_LANG)] = v.has_lang ? v.lang : 0;
		value[CELL(r, COL_TOTAAL)] = v.has_totaal && !v.is_rate ? v.totaal : 0;
		for (int col = 0; col < COL_COUNT; col++)
			tb.kind[CELL(r, col)] = REGELS[r].shape == SHAPE_RATE ? SUPP_FIXED : SUPP_COUNT;
	}
	/* The waarvan regel with lang only: its totaal is the same number. */
	tb.kind[CELL(R_THUISZITTERS_LANG_ZONDER_AANBOD, COL_TOTAAL)] = SUPP_FIXED;
	for (int col = 0; col < COL_COUNT; col++) {
		value[HIDE_AV_VO_REST + col] = value[CELL(R_AV_VO, col)] - value[CELL(R_AV_VO_WAARVAN_OVERSTAP_MBO, col)];
		tb.kind[HIDE_AV_VO_REST + col] = SUPP_UNSEEN;
	}
	value[HIDE_LANG_MET_AANBOD] =
		value[CELL(R_THUISZITTERS_TOTAAL, COL_LANG)] - value[CELL(R_THUISZITTERS_LANG_ZONDER_AANBOD, COL_LANG)];
	tb.kind[HIDE_LANG_MET_AANBOD] = SUPP_UNSEEN;
	for (int c = 0; c < N_CELLS; c++)
		tb.tier[c] = tier(c);
	cell_state st[N_CELLS];
	suppress_cells(&tb, value, st);
	for (int r = 0; r < R_COUNT; r++)
		for (int col = 0; col < COL_COUNT; col++)
			out->cell[r][col] = st[CELL(r, col)];
	out->cell[R_THUISZITTERS_LANG_ZONDER_AANBOD][COL_TOTAAL] = out->cell[R_THUISZITTERS_LANG_ZONDER_AANBOD][COL_LANG];
	if (out->cell[R_THUISZITTERS_TOTAAL][COL_TOTAAL] != CELL_SHOWN || out->cell[R_LEERPLICHTIGEN][COL_TOTAAL] != CELL_SHOWN)
		out->cell[R_THUISZITTERS_PER_1000][COL_TOTAAL] = CELL_HIDDEN;
}

/* ---- showing a cell ---------------------------------------------------------- */

void cell_text(const telling_value *v, int col, const suppression *sp, regel rg, char out[32])
{
	bool has = col == COL_KORT ? v->has_kort : col == COL_LANG ? v->has_lang : v->has_totaal;
	int64_t x = col == COL_KORT ? v->kort : col == COL_LANG ? v->lang : v->totaal;
	out[0] = '\0';
	if (!has)
		return;
	const char *mark = cell_mark(sp ? sp->cell[rg][col] : CELL_SHOWN, v->is_rate);
	if (mark)
		snprintf(out, 32, "%s", mark);
	else if (v->is_rate)
		snprintf(out, 32, "%s", v->rate);
	else
		snprintf(out, 32, "%lld", (long long)x);
}

/* ---- the days ---------------------------------------------------------------- */

bool protected_day_allowed(day_t d)
{
	return civil_from_day(d).day == 1;
}

day_t protected_day_before(day_t d)
{
	civil c = civil_from_day(d);
	return day_from_civil(c.year, c.month, 1);
}
