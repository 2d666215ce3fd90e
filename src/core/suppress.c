/*
 * suppress.c - which cells of one gebied's Resultaatschema the analist sees
 * as "<5" or "x" (SPEC 9), so that small numbers cannot be worked out while
 * the totals stay in view.
 *
 * The reader's knowledge. Per gebied and peildatum the reader sees every
 * cell, "<5" (the value is 1 to 4) or "x" (hidden; since 1 to 4 is always
 * "<5", an "x" is 0 or at least 5), and knows the relations of the
 * Resultaatschema (SPEC 5):
 *   kort + lang = totaal                 in every regel with the three columns
 *   AV_PO + AV_VO + LRV_PO + LRV_VO = THUISZITTERS_TOTAAL      in each column
 *   AV_VO_WAARVAN_OVERSTAP_MBO <= AV_VO                        in each column
 *   THUISZITTERS_LANG_ZONDER_AANBOD <= THUISZITTERS_TOTAAL lang
 *   THUISZITTERS_PER_1000 = THUISZITTERS_TOTAAL / LEERPLICHTIGEN x 1000
 * The two "waarvan" relations are written as equalities with a cell that is
 * never shown (the part not waiting for mbo, the part with an aanbod), so all
 * relations are sums "sum of +-cells = 0". The rate is not a cell of its own:
 * it is shown only where the total and the denominator are, and then tells
 * nothing new; hidden where either is not, since with the other it would
 * give the hidden one away.
 *
 * Safe. A suppressed cell is safe when the reader's knowledge allows at
 * least two values for it: some assignment of all unseen cells other than
 * the true one satisfies every relation and every range. audit() decides
 * this exactly with a small constraint search (bounds propagation over the
 * relations, with the gap of "x", and splitting of ranges), under a node
 * budget: an undecided search counts as unsafe, so the budget can only add
 * suppression, never leak. Safety is monotone: hiding one more cell only
 * widens what the reader must consider, and a witness assignment found
 * before stays one, so a cell once found safe is not audited again.
 *
 * Choosing. First every count of 1 to 4 becomes "<5". Then, as long as some
 * suppressed cell (in a fixed order) is not safe, protect() hides the
 * cheapest set of one to three shown cells connected to it through the
 * relations that makes it safe; a hidden cell must itself become safe in
 * turn. The cells come in tiers: the parts (kort, lang and totaal of AV_PO
 * to LRV_VO, of the waarvan regels, of LANGDURIG_ZIEK and
 * GESCHORST_VERWIJDERD); THUISZITTERS_TOTAAL kort and lang only when hiding
 * every part around the cell would not protect it; THUISZITTERS_TOTAAL
 * totaal only when not even those would (kort 1 and lang 5, say: with the
 * total 6 shown, "x" for lang cannot be anything but 5). Within a tier,
 * cheapest is inner cells (kort, lang) before a part's totaal, then the sum
 * of the hidden values, then the number of cells, then the position; cells
 * holding 0 are tried only after those with pupils (a hidden 0 can only be
 * thought 5 or more, which seldom helps). When no set of three suffices, the
 * cheapest cell with pupils is hidden and the search goes on from there. A
 * cell that stays pinned even with every cell around it hidden (four parts
 * "<5" under a total "<5" are 1 each: the "<5" of the CONTRACT says so
 * itself) is left as it is, rather than blinding the table for nothing.
 * Every step depends on this gebied's counts only: the same cells whoever
 * asks.
 *
 * Not yet protected as small numbers of their own: the never-shown
 * differences (AV_VO kort 8 with 6 waiting for mbo tells that 2 do not).
 * They are cells of the model already; making them count is a matter of
 * auditing those with a value of 1 to 4 too.
 */
#include "suppress.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

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

typedef struct term {
	int8_t coef;
	uint8_t cell;
} term;

/* sum of coef * cell = 0 */
typedef struct relation {
	uint8_t n;
	term t[5];
} relation;

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

static const relation RELATIONS[] = {
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
static int tier(int cell)
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

/* ---- the reader's knowledge and the audit ------------------------------------ */

typedef struct range {
	int64_t lo, hi;
} range;

typedef struct work {
	int64_t value[N_CELLS];
	cell_state state[N_CELLS]; /* the never-shown cells count as CELL_HIDDEN without the gap */
	bool related[N_CELLS];	   /* in some relation */
	int64_t bound;		   /* no cell is larger */
} work;

enum { MAX_ROUNDS = 64, MAX_DEPTH = 96, BUDGET = 2000 };

/* "x" is 0 or at least 5 (1 to 4 would be "<5"); a never-shown cell has no gap. */
static bool gapped(const work *w, int c)
{
	return c < N_TABLE && w->state[c] == CELL_HIDDEN;
}

static void ranges(const work *w, range *d)
{
	for (int c = 0; c < N_CELLS; c++) {
		if (w->state[c] == CELL_SHOWN)
			d[c] = (range){w->value[c], w->value[c]};
		else if (w->state[c] == CELL_SMALL)
			d[c] = (range){1, 4};
		else
			d[c] = (range){0, w->bound};
	}
}

static bool narrow(range *d, int64_t lo, int64_t hi, bool gap, bool *changed)
{
	if (lo > d->lo)
		d->lo = lo, *changed = true;
	if (hi < d->hi)
		d->hi = hi, *changed = true;
	if (gap && d->lo >= 1 && d->lo <= 4)
		d->lo = 5, *changed = true;
	if (gap && d->hi >= 1 && d->hi <= 4)
		d->hi = 0, *changed = true;
	return d->lo <= d->hi;
}

/* Bounds propagation: each term of a relation lies within minus the range of
 * the others. False when some range becomes empty. May stop before the
 * fixpoint (the search splits on). */
static bool propagate(const work *w, range *d)
{
	for (int round = 0; round < MAX_ROUNDS; round++) {
		bool changed = false;
		for (int i = 0; i < N_RELATIONS; i++) {
			const relation *rl = &RELATIONS[i];
			int64_t lo = 0, hi = 0; /* of the sum */
			for (int k = 0; k < rl->n; k++) {
				const range *x = &d[rl->t[k].cell];
				lo += rl->t[k].coef > 0 ? x->lo : -x->hi;
				hi += rl->t[k].coef > 0 ? x->hi : -x->lo;
			}
			for (int k = 0; k < rl->n; k++) {
				int c = rl->t[k].cell;
				int64_t own_lo = rl->t[k].coef > 0 ? d[c].lo : -d[c].hi;
				int64_t own_hi = rl->t[k].coef > 0 ? d[c].hi : -d[c].lo;
				int64_t a = own_hi - hi, b = own_lo - lo; /* coef * cell within [a, b] */
				bool ok = rl->t[k].coef > 0 ? narrow(&d[c], a, b, gapped(w, c), &changed)
							    : narrow(&d[c], -b, -a, gapped(w, c), &changed);
				if (!ok)
					return false;
			}
		}
		if (!changed)
			return true;
	}
	return true;
}

static bool holds(const range *d)
{
	for (int i = 0; i < N_RELATIONS; i++) {
		int64_t sum = 0;
		for (int k = 0; k < RELATIONS[i].n; k++)
			sum += RELATIONS[i].t[k].coef * d[RELATIONS[i].t[k].cell].lo;
		if (sum != 0)
			return false;
	}
	return true;
}

/* 1: an assignment within the ranges satisfies every relation; 0: none does;
 * -1: undecided within the budget. */
static int solve(const work *w, range *d, int depth, int *budget)
{
	if (--*budget < 0 || depth > MAX_DEPTH)
		return -1;
	if (!propagate(w, d))
		return 0;
	int pick = -1;
	for (int c = 0; c < N_CELLS; c++)
		if (w->related[c] && d[c].lo < d[c].hi && (pick < 0 || d[c].hi - d[c].lo < d[pick].hi - d[pick].lo))
			pick = c;
	if (pick < 0)
		return holds(d) ? 1 : 0;
	range saved[N_CELLS];
	memcpy(saved, d, sizeof saved);
	range lo = d[pick], hi = d[pick];
	if (gapped(w, pick) && lo.lo == 0 && lo.hi >= 5)
		lo.hi = 0, hi.lo = 5;
	else
		lo.hi = lo.lo + (lo.hi - lo.lo) / 2, hi.lo = lo.hi + 1;
	d[pick] = lo;
	int r = solve(w, d, depth + 1, budget);
	if (r != 0)
		return r;
	memcpy(d, saved, sizeof saved);
	d[pick] = hi;
	return solve(w, d, depth + 1, budget);
}

/* Whether the reader must allow a second value for cell c: 1 yes, 0 no (c
 * is pinned), -1 undecided within the budget. */
static int audit(const work *w, int c)
{
	int result = 0;
	for (int side = 0; side < 2; side++) {
		range d[N_CELLS];
		ranges(w, d);
		int64_t v = w->value[c];
		if (side == 0 ? v - 1 < d[c].lo : v + 1 > d[c].hi)
			continue;
		if (side == 0)
			d[c].hi = v - 1;
		else
			d[c].lo = v + 1;
		int budget = BUDGET;
		int r = solve(w, d, 0, &budget);
		if (r == 1)
			return 1;
		if (r < 0)
			result = -1;
	}
	return result;
}

/* ---- protecting a cell ------------------------------------------------------- */

/* Whether the relations alone, without any range, fix c: a relation with one
 * unknown fixes it, and so on. A quick way to pass over a set of cells that
 * cannot protect c before audit() weighs the ranges. */
static bool determined(const work *w, int c)
{
	bool known[N_CELLS];
	for (int x = 0; x < N_CELLS; x++)
		known[x] = w->state[x] == CELL_SHOWN;
	for (bool grew = true; grew && !known[c];) {
		grew = false;
		for (int i = 0; i < N_RELATIONS; i++) {
			int open = 0, which = -1;
			for (int k = 0; k < RELATIONS[i].n; k++)
				if (!known[RELATIONS[i].t[k].cell])
					open++, which = RELATIONS[i].t[k].cell;
			if (open == 1)
				known[which] = grew = true;
		}
	}
	return known[c];
}

typedef struct choice {
	uint64_t cost;
	uint8_t n, cell[3];
} choice;

static uint64_t price(const work *w, int c)
{
	static const uint64_t TIER[4] = {0, UINT64_C(1) << 32, UINT64_C(1) << 40, UINT64_C(1) << 48};
	return TIER[tier(c)] + (uint64_t)w->value[c];
}

static choice option(const work *w, int n, uint8_t a, uint8_t b, uint8_t e)
{
	choice x = {.n = (uint8_t)n, .cell = {a, b, e}};
	for (int k = 0; k < n; k++)
		x.cost += price(w, x.cell[k]);
	return x;
}

static int by_cost(const void *pa, const void *pb)
{
	const choice *a = pa, *b = pb;
	if (a->cost != b->cost)
		return a->cost < b->cost ? -1 : 1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return memcmp(a->cell, b->cell, sizeof a->cell);
}

/* The shown cells of tier up to `top` connected to c through the
 * relations, in cell order. */
static int candidates(const work *w, int c, int top, uint8_t *out)
{
	bool reach[N_CELLS] = {false};
	reach[c] = true;
	for (bool grew = true; grew;) {
		grew = false;
		for (int i = 0; i < N_RELATIONS; i++) {
			bool any = false;
			for (int k = 0; k < RELATIONS[i].n; k++)
				any |= reach[RELATIONS[i].t[k].cell];
			for (int k = 0; any && k < RELATIONS[i].n; k++)
				if (!reach[RELATIONS[i].t[k].cell])
					reach[RELATIONS[i].t[k].cell] = grew = true;
		}
	}
	int n = 0;
	for (int x = 0; x < N_CELLS; x++)
		if (reach[x] && tier(x) >= 0 && tier(x) <= top && w->state[x] == CELL_SHOWN)
			out[n++] = (uint8_t)x;
	return n;
}

/* Hide the cheapest set of one to three of cand[] that makes c safe. */
static bool cheapest_set(work *w, int c, const uint8_t *cand, int n)
{
	if (!n)
		return false;
	choice *ch = xcalloc((size_t)(n * n * n + 5 * n) / 6, sizeof *ch); /* n + C(n,2) + C(n,3) */
	size_t m = 0;
	for (int a = 0; a < n; a++) {
		ch[m++] = option(w, 1, cand[a], 0, 0);
		for (int b = a + 1; b < n; b++) {
			ch[m++] = option(w, 2, cand[a], cand[b], 0);
			for (int e = b + 1; e < n; e++)
				ch[m++] = option(w, 3, cand[a], cand[b], cand[e]);
		}
	}
	qsort(ch, m, sizeof *ch, by_cost);
	bool done = false;
	for (size_t i = 0; i < m && !done; i++) {
		for (int k = 0; k < ch[i].n; k++)
			w->state[ch[i].cell[k]] = CELL_HIDDEN;
		done = !determined(w, c) && audit(w, c) == 1;
		for (int k = 0; !done && k < ch[i].n; k++)
			w->state[ch[i].cell[k]] = CELL_SHOWN;
	}
	free(ch);
	return done;
}

/* Hide cells so that c becomes safe, or one cell to build on: from the parts
 * first, from THUISZITTERS_TOTAAL kort and lang only when hiding every part
 * around c would not do, and its totaal only when not even those would.
 * False when nothing can protect c: the "<5" around it pin it by themselves
 * (four parts "<5" with a total "<5" are 1 each), and hiding more would
 * only blind. */
static bool protect(work *w, int c)
{
	for (int top = 1; top <= 3; top++) {
		uint8_t cand[N_CELLS], moving[N_CELLS];
		int n = candidates(w, c, top, cand), n_moving = 0;
		for (int k = 0; k < n; k++)
			w->state[cand[k]] = CELL_HIDDEN;
		bool enough = n && audit(w, c) != 0;
		for (int k = 0; k < n; k++)
			w->state[cand[k]] = CELL_SHOWN;
		if (!enough)
			continue;
		/* A hidden 0 can only be thought 5 or more, so it seldom helps:
		 * first the cells with pupils, then all. */
		for (int k = 0; k < n; k++)
			if (w->value[cand[k]] > 0)
				moving[n_moving++] = cand[k];
		if (cheapest_set(w, c, moving, n_moving) || (n_moving < n && cheapest_set(w, c, cand, n)))
			return true;
		/* No three suffice: hide the cheapest cell with pupils and go on. */
		const uint8_t *from = n_moving ? moving : cand;
		int best = 0;
		for (int k = 1; k < (n_moving ? n_moving : n); k++)
			if (price(w, from[k]) < price(w, from[best]))
				best = k;
		w->state[from[best]] = CELL_HIDDEN;
		return true;
	}
	return false;
}

/* ---- the decision ------------------------------------------------------------ */

static void load(const telling *t, size_t gebied, work *w)
{
	memset(w, 0, sizeof *w);
	telling_value v[R_COUNT];
	for (int r = 0; r < R_COUNT; r++) {
		telling_value_of(t, gebied, (regel)r, &v[r]);
		w->value[CELL(r, COL_KORT)] = v[r].has_kort ? v[r].kort : 0;
		w->value[CELL(r, COL_LANG)] = v[r].has_lang ? v[r].lang : 0;
		w->value[CELL(r, COL_TOTAAL)] = v[r].has_totaal && !v[r].is_rate ? v[r].totaal : 0;
	}
	for (int col = 0; col < COL_COUNT; col++)
		w->value[HIDE_AV_VO_REST + col] =
			w->value[CELL(R_AV_VO, col)] - w->value[CELL(R_AV_VO_WAARVAN_OVERSTAP_MBO, col)];
	w->value[HIDE_LANG_MET_AANBOD] = w->value[CELL(R_THUISZITTERS_TOTAAL, COL_LANG)] -
					 w->value[CELL(R_THUISZITTERS_LANG_ZONDER_AANBOD, COL_LANG)];
	for (int i = 0; i < N_RELATIONS; i++)
		for (int k = 0; k < RELATIONS[i].n; k++)
			w->related[RELATIONS[i].t[k].cell] = true;
	for (int c = 0; c < N_CELLS; c++) {
		w->bound += w->value[c];
		if (c >= N_TABLE)
			w->state[c] = CELL_HIDDEN;
		else if (REGELS[c / COL_COUNT].shape != SHAPE_RATE && w->value[c] >= 1 && w->value[c] <= 4)
			w->state[c] = CELL_SMALL;
	}
	/* The waarvan regel with lang only: its totaal is the same number. */
	w->state[CELL(R_THUISZITTERS_LANG_ZONDER_AANBOD, COL_TOTAAL)] = CELL_SHOWN;
}

void suppress_small_numbers(const telling *t, size_t gebied, suppression *out)
{
	work *w = xcalloc(1, sizeof *w);
	load(t, gebied, w);
	bool safe[N_CELLS] = {false}, lost[N_CELLS] = {false};
	for (;;) {
		int exposed = -1;
		for (int c = 0; c < N_TABLE && exposed < 0; c++) {
			if (!w->related[c] || w->state[c] == CELL_SHOWN || safe[c] || lost[c])
				continue;
			if (audit(w, c) == 1)
				safe[c] = true;
			else
				exposed = c;
		}
		if (exposed < 0)
			break;
		if (!protect(w, exposed))
			lost[exposed] = true; /* everything around it is hidden already */
	}
	for (int r = 0; r < R_COUNT; r++)
		for (int col = 0; col < COL_COUNT; col++)
			out->cell[r][col] = w->state[CELL(r, col)];
	out->cell[R_THUISZITTERS_LANG_ZONDER_AANBOD][COL_TOTAAL] = out->cell[R_THUISZITTERS_LANG_ZONDER_AANBOD][COL_LANG];
	if (out->cell[R_THUISZITTERS_TOTAAL][COL_TOTAAL] != CELL_SHOWN || out->cell[R_LEERPLICHTIGEN][COL_TOTAAL] != CELL_SHOWN)
		out->cell[R_THUISZITTERS_PER_1000][COL_TOTAAL] = CELL_HIDDEN;
	free(w);
}

const char *cell_mark(cell_state st, bool is_rate)
{
	if (st == CELL_SHOWN)
		return NULL;
	return is_rate || st == CELL_HIDDEN ? "x" : "<5";
}

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
