/*
 * suppress_cells.c - which cells of one table the reader sees as "<5" or
 * "x" (SPEC 9), so that small numbers cannot be worked out while the totals
 * stay in view. See suppress_cells.h.
 *
 * The reader's knowledge. The reader sees every cell, "<5" (the value is 1
 * to 4) or "x" (hidden; since 1 to 4 is always "<5", an "x" is 0 or at
 * least 5), and knows the relations of the table. A never-shown cell (the
 * difference a "waarvan" regel leaves) may be anything from 0 the relations
 * allow.
 *
 * Safe. A cell is safe when the reader's knowledge allows at least two
 * values for it: some assignment of all unseen cells other than the true
 * one satisfies every relation and every range. The cells to make safe are
 * every "<5", every "x", and every never-shown cell of 1 to 4 (AV_VO kort 8
 * with 6 waiting for mbo would tell that 2 do not). audit() decides this
 * exactly with a small constraint search (bounds propagation over the
 * relations, with the gap of "x", and splitting of ranges), under a node
 * budget: an undecided search counts as unsafe, so the budget can only add
 * suppression, never leak. Safety is monotone: hiding one more cell only
 * widens what the reader must consider, and a witness assignment found
 * before stays one, so a cell once found safe is not audited again.
 *
 * Choosing. First every count of 1 to 4 becomes "<5". Then, as long as some
 * cell to make safe (in cell order) is not, protect() hides the cheapest
 * set of one to three shown cells connected to it through the relations
 * that makes it safe; a hidden cell must itself become safe in turn. The
 * cells come in tiers (supp_table.tier): a tier is drawn on only when
 * hiding every cell of the tiers below around the cell would not protect
 * it. Within a tier, cheapest is the lower tier first, then the sum of the
 * hidden values, then the number of cells, then the position; cells
 * holding 0 are tried only after those with pupils (a hidden 0 can only be
 * thought 5 or more, which seldom helps). When no set of three suffices,
 * the cheapest cell with pupils is hidden and the search goes on from
 * there. A cell that stays pinned even with every cell around it hidden
 * (four parts "<5" under a total "<5" are 1 each: the "<5" says so itself)
 * is left as it is, rather than blinding the table for nothing. Every step
 * depends on the table's counts only: the same cells whoever asks.
 */
#include "suppress_cells.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

enum { N_MAX = SUPP_MAX_CELLS, MAX_ROUNDS = 64, MAX_DEPTH = 96, BUDGET = 2000, TOP_TIER = 3 };

typedef struct range {
	int64_t lo, hi;
} range;

typedef struct work {
	const supp_table *tb;
	int n;
	int64_t value[N_MAX];
	cell_state state[N_MAX]; /* the never-shown cells count as CELL_HIDDEN without the gap */
	bool related[N_MAX];	 /* in some relation */
	int64_t bound;		 /* no cell is larger */
} work;

/* ---- the reader's knowledge and the audit ------------------------------------ */

/* "x" is 0 or at least 5 (1 to 4 would be "<5"); a never-shown cell has no gap. */
static bool gapped(const work *w, int c)
{
	return w->tb->kind[c] != SUPP_UNSEEN && w->state[c] == CELL_HIDDEN;
}

static void ranges(const work *w, range *d)
{
	for (int c = 0; c < N_MAX; c++) {
		if (c >= w->n)
			d[c] = (range){0, 0}; /* no cell */
		else if (w->state[c] == CELL_SHOWN)
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
		for (int i = 0; i < w->tb->n_relations; i++) {
			const supp_relation *rl = &w->tb->relations[i];
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

static bool holds(const work *w, const range *d)
{
	for (int i = 0; i < w->tb->n_relations; i++) {
		const supp_relation *rl = &w->tb->relations[i];
		int64_t sum = 0;
		for (int k = 0; k < rl->n; k++)
			sum += rl->t[k].coef * d[rl->t[k].cell].lo;
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
	for (int c = 0; c < w->n; c++)
		if (w->related[c] && d[c].lo < d[c].hi && (pick < 0 || d[c].hi - d[c].lo < d[pick].hi - d[pick].lo))
			pick = c;
	if (pick < 0)
		return holds(w, d) ? 1 : 0;
	range saved[N_MAX];
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
		range d[N_MAX];
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
	bool known[N_MAX];
	for (int x = 0; x < w->n; x++)
		known[x] = w->state[x] == CELL_SHOWN;
	for (bool grew = true; grew && !known[c];) {
		grew = false;
		for (int i = 0; i < w->tb->n_relations; i++) {
			const supp_relation *rl = &w->tb->relations[i];
			int open = 0, which = -1;
			for (int k = 0; k < rl->n; k++)
				if (!known[rl->t[k].cell])
					open++, which = rl->t[k].cell;
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
	static const uint64_t TIER[TOP_TIER + 1] = {0, UINT64_C(1) << 32, UINT64_C(1) << 40, UINT64_C(1) << 48};
	return TIER[w->tb->tier[c]] + (uint64_t)w->value[c];
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
	bool reach[N_MAX] = {false};
	reach[c] = true;
	for (bool grew = true; grew;) {
		grew = false;
		for (int i = 0; i < w->tb->n_relations; i++) {
			const supp_relation *rl = &w->tb->relations[i];
			bool any = false;
			for (int k = 0; k < rl->n; k++)
				any |= reach[rl->t[k].cell];
			for (int k = 0; any && k < rl->n; k++)
				if (!reach[rl->t[k].cell])
					reach[rl->t[k].cell] = grew = true;
		}
	}
	int n = 0;
	for (int x = 0; x < w->n; x++)
		if (reach[x] && w->tb->tier[x] >= 0 && w->tb->tier[x] <= top && w->state[x] == CELL_SHOWN)
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

/* Hide cells so that c becomes safe, or one cell to build on, from the
 * lowest tier that can do it. False when nothing can protect c: the "<5"
 * around it pin it by themselves, and hiding more would only blind. */
static bool protect(work *w, int c)
{
	for (int top = 1; top <= TOP_TIER; top++) {
		uint8_t cand[N_MAX], moving[N_MAX];
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

/* A cell the reader may not pin: every "<5" and "x", and a never-shown
 * difference of 1 to 4. */
static bool to_make_safe(const work *w, int c)
{
	if (!w->related[c] || w->state[c] == CELL_SHOWN)
		return false;
	return w->tb->kind[c] != SUPP_UNSEEN || (w->value[c] >= 1 && w->value[c] <= 4);
}

void suppress_cells(const supp_table *tb, const int64_t *value, cell_state *state)
{
	work *w = xcalloc(1, sizeof *w);
	w->tb = tb;
	w->n = tb->n_cells < N_MAX ? tb->n_cells : N_MAX;
	for (int i = 0; i < tb->n_relations; i++)
		for (int k = 0; k < tb->relations[i].n; k++)
			w->related[tb->relations[i].t[k].cell] = true;
	for (int c = 0; c < w->n; c++) {
		w->value[c] = value[c];
		w->bound += value[c];
		if (tb->kind[c] == SUPP_UNSEEN)
			w->state[c] = CELL_HIDDEN;
		else if (tb->kind[c] == SUPP_COUNT && value[c] >= 1 && value[c] <= 4)
			w->state[c] = CELL_SMALL;
	}
	bool safe[N_MAX] = {false}, lost[N_MAX] = {false};
	for (;;) {
		int exposed = -1;
		for (int c = 0; c < w->n && exposed < 0; c++) {
			if (!to_make_safe(w, c) || safe[c] || lost[c])
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
	memcpy(state, w->state, (size_t)w->n * sizeof *state);
	free(w);
}

const char *cell_mark(cell_state st, bool is_rate)
{
	if (st == CELL_SHOWN)
		return NULL;
	return is_rate || st == CELL_HIDDEN ? "x" : "<5";
}
