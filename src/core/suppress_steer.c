/*
 * suppress_steer.c - how the broad count's totaal shows to the analist:
 * a number, "<5" or "x" (SPEC 9; see suppress_steer.h). The school-year
 * count's cells are decided in suppress_jaar.c.
 *
 * The reader's knowledge is as in suppress.c: a shown cell is its number,
 * "<5" is 1 to 4, "x" is 0 or at least 5. A suppressed value is safe when
 * the reader must still allow at least two values for it.
 *
 * The broad count. Its totaal is AV + LRV (THUISZITTERS_TOTAAL) +
 * LANGDURIG_ZIEK + VRIJSTELLING_5A_TIJDELIJK + _PERMANENT, which the
 * Resultaatschema shows whole, plus X: the AV_NIET_GETELD_5C, the
 * AV_NIET_GETELD_ADRES and the GESCHORST_VERWIJDERD of four weeks or longer,
 * parts of cells it shows. Where every one of those official cells is shown
 * the reader works out X exactly, and with it bounds on its parts: each
 * part lies between 0 (or, for geschorst/verwijderd, the cell 3 maanden of
 * langer) and its official cell. Every value the reader can then pin is a
 * sum of the parts' primitives - the part beyond its lower bound and the
 * rest of its cell - so the totaal is safe to show when none of them is 1
 * to 4 (a sum of values that are 0 or at least 5 is 0 or at least 5), and
 * when X is 0 (it tells only that the parts are empty). Where an official
 * cell it is built from is "<5" or "x", the totaal would give away their
 * sum, so it is hidden. A totaal of 1 to 4 is "<5": every cell it is built
 * from is then at most 4, so an "x" among them is 0 and nothing is pinned
 * that was not 0 already.
 */
#include "suppress_steer.h"

#include <stdio.h>

static bool small(int64_t v)
{
	return v >= 1 && v <= 4;
}

/* The official cells the broad count's totaal is built from. */
static const struct {
	regel r;
	int col;
} BUILT_FROM[] = {
	{R_THUISZITTERS_TOTAAL, COL_TOTAAL},	   {R_LANGDURIG_ZIEK, COL_TOTAAL},
	{R_VRIJSTELLING_5A_TIJDELIJK, COL_TOTAAL}, {R_VRIJSTELLING_5A_PERMANENT, COL_TOTAAL},
	{R_AV_NIET_GETELD_5C, COL_TOTAAL},	   {R_AV_NIET_GETELD_ADRES, COL_TOTAAL},
	{R_GESCHORST_VERWIJDERD, COL_KORT},	   {R_GESCHORST_VERWIJDERD, COL_LANG},
	{R_GESCHORST_VERWIJDERD, COL_TOTAAL},
};

static int64_t official(const telling *t, size_t gebied, regel r, int col)
{
	telling_value v;
	telling_value_of(t, gebied, r, &v);
	return col == COL_KORT ? v.kort : col == COL_LANG ? v.lang : v.totaal;
}

static int64_t broad(const breedtelling *b, size_t gebied, breed_regel r)
{
	telling_value v;
	breed_value_of(b, gebied, r, &v);
	return v.totaal;
}

cell_state breed_suppress(const breedtelling *b, const telling *t, size_t gebied, const suppression *sp)
{
	int64_t total = broad(b, gebied, BR_TOTAAL);
	if (!sp || total == 0)
		return CELL_SHOWN;
	if (small(total))
		return CELL_SMALL;
	for (size_t i = 0; i < sizeof BUILT_FROM / sizeof BUILT_FROM[0]; i++)
		if (sp->cell[BUILT_FROM[i].r][BUILT_FROM[i].col] != CELL_SHOWN)
			return CELL_HIDDEN;
	int64_t c5 = broad(b, gebied, BR_AV_5C), adres = broad(b, gebied, BR_AV_ADRES);
	int64_t gv = broad(b, gebied, BR_GESCHORST_VERWIJDERD);
	if (c5 + adres + gv == 0)
		return CELL_SHOWN;
	int64_t gv_lang = official(t, gebied, R_GESCHORST_VERWIJDERD, COL_LANG);
	const int64_t primitive[6] = {
		c5,
		official(t, gebied, R_AV_NIET_GETELD_5C, COL_TOTAAL) - c5,
		adres,
		official(t, gebied, R_AV_NIET_GETELD_ADRES, COL_TOTAAL) - adres,
		gv - gv_lang,
		official(t, gebied, R_GESCHORST_VERWIJDERD, COL_TOTAAL) - gv,
	};
	for (int k = 0; k < 6; k++)
		if (small(primitive[k]))
			return CELL_HIDDEN;
	return CELL_SHOWN;
}
