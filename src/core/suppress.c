#include "suppress.h"

#include <stdbool.h>

static bool has(const telling_value *v, int col)
{
	return col == COL_KORT ? v->has_kort : col == COL_LANG ? v->has_lang : v->has_totaal;
}

static int64_t value(const telling_value *v, int col)
{
	return col == COL_KORT ? v->kort : col == COL_LANG ? v->lang : v->totaal;
}

/* One additive relation: cells[0..n-1] sum to cells[n]. If exactly one of
 * them is not shown, the others give it away: hide the total when a part is
 * the one, else the smallest non-zero shown part. Returns whether it changed
 * anything. */
typedef struct ref {
	regel r;
	int col;
} ref;

static bool protect(const telling_value *v, suppression *s, const ref *cells, int n)
{
	int hidden = 0, which = -1;
	for (int i = 0; i <= n; i++)
		if (s->cell[cells[i].r][cells[i].col] != CELL_SHOWN)
			hidden++, which = i;
	if (hidden != 1)
		return false;
	if (which < n) {
		s->cell[cells[n].r][cells[n].col] = CELL_HIDDEN;
		return true;
	}
	int best = -1;
	for (int i = 0; i < n; i++) {
		int64_t x = value(&v[cells[i].r], cells[i].col);
		if (x > 0 && (best < 0 || x < value(&v[cells[best].r], cells[best].col)))
			best = i;
	}
	if (best < 0)
		return false; /* all parts are zero: the total is zero too */
	s->cell[cells[best].r][cells[best].col] = CELL_HIDDEN;
	return true;
}

void suppress_small_numbers(const telling *t, size_t gebied, suppression *s)
{
	telling_value v[R_COUNT];
	for (int r = 0; r < R_COUNT; r++) {
		telling_value_of(t, gebied, (regel)r, &v[r]);
		for (int col = 0; col < COL_COUNT; col++) {
			int64_t x = value(&v[r], col);
			s->cell[r][col] = !v[r].is_rate && has(&v[r], col) && x >= 1 && x <= 4 ? CELL_SMALL : CELL_SHOWN;
		}
	}
	bool changed = true;
	while (changed) {
		changed = false;
		for (int r = 0; r < R_COUNT; r++) {
			if (REGELS[r].shape == SHAPE_KORT_LANG) {
				ref row[3] = {{(regel)r, COL_KORT}, {(regel)r, COL_LANG}, {(regel)r, COL_TOTAAL}};
				changed |= protect(v, s, row, 2);
			} else if (REGELS[r].shape == SHAPE_LANG) {
				/* lang and totaal are the same number. */
				cell_state a = s->cell[r][COL_LANG], b = s->cell[r][COL_TOTAAL];
				if (a != b) {
					s->cell[r][COL_LANG] = s->cell[r][COL_TOTAAL] = a > b ? a : b;
					changed = true;
				}
			}
		}
		for (int col = 0; col < COL_COUNT; col++) {
			ref sum[5] = {{R_AV_PO, col}, {R_AV_VO, col}, {R_LRV_PO, col}, {R_LRV_VO, col},
				      {R_THUISZITTERS_TOTAAL, col}};
			changed |= protect(v, s, sum, 4);
		}
	}
	if (s->cell[R_THUISZITTERS_TOTAAL][COL_TOTAAL] != CELL_SHOWN || s->cell[R_LEERPLICHTIGEN][COL_TOTAAL] != CELL_SHOWN)
		s->cell[R_THUISZITTERS_PER_1000][COL_TOTAAL] = CELL_HIDDEN;
}
