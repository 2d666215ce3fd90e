/*
 * status.c - the status query: candidates of the caller (by scope through the
 * pupil index, by grant, or everybody), then one scan over them on threads,
 * classifying each on the day and keeping what the filters and access keep.
 * See status.h.
 */
#include "status.h"

#include <stdlib.h>
#include <string.h>

#include "../core/dataset_overlay.h"
#include "../util/alloc.h"
#include "compute.h"

/* CSR index: for each key, the distinct pupils whose facts name it. Built
 * from a dataset as built (its own arrays), shared by the views on it. */
static void build_index(const dataset *ds, size_t n_keys, fact_kind k, uint32_t **off_out, uint32_t **list_out)
{
	uint32_t *off = xcalloc(n_keys + 1, sizeof *off);
	int32_t *last = xmalloc((n_keys ? n_keys : 1) * sizeof *last);
	for (size_t i = 0; i < n_keys; i++)
		last[i] = -1;
	for (int pass = 0; pass < 2; pass++) {
		uint32_t *list = pass ? *list_out : NULL;
		uint32_t *pos = NULL;
		if (pass) {
			pos = xmalloc((n_keys ? n_keys : 1) * sizeof *pos);
			memcpy(pos, off, n_keys * sizeof *pos);
			for (size_t i = 0; i < n_keys; i++)
				last[i] = -1;
		}
		for (uint32_t p = 0; p < ds->n_pupils; p++)
			for (uint32_t i = ds->off[k][p]; i < ds->off[k][p + 1]; i++) {
				int32_t key = k == F_RESIDENCE ? FACT_AT(ds, F_RESIDENCE, res, i).gemeente : FACT_AT(ds, F_ENROLMENT, enr, i).school;
				if (last[key] == (int32_t)p)
					continue;
				last[key] = (int32_t)p;
				if (pass)
					list[pos[key]++] = p;
				else
					off[key + 1]++;
			}
		if (!pass) {
			for (size_t i = 0; i < n_keys; i++)
				off[i + 1] += off[i];
			*list_out = xmalloc((off[n_keys] ? off[n_keys] : 1) * sizeof **list_out);
		}
		free(pos);
	}
	free(last);
	*off_out = off;
}

void pupil_index_build(const dataset *ds, pupil_index *out)
{
	build_index(ds, ds->n_gemeenten, F_RESIDENCE, &out->gem_off, &out->gem_pupils);
	build_index(ds, ds->n_schools, F_ENROLMENT, &out->school_off, &out->school_pupils);
}

void pupil_index_free(pupil_index *ix)
{
	free(ix->gem_off);
	free(ix->gem_pupils);
	free(ix->school_off);
	free(ix->school_pupils);
	*ix = (pupil_index){0};
}

static void mark(uint8_t *cand, uint32_t p)
{
	cand[p >> 3] |= (uint8_t)(1u << (p & 7));
}

/* The gemeenten and schools whose pupils a scope could possibly see: every
 * pupil that ever lived in one of its gemeenten (for an SWV: of its regions,
 * where the never-enrolled AV pupils are attributed - by the SWV's gemeenten
 * and by the region's SWV classify names) or was enrolled at one of its
 * schools. */
static void scope_marks(const dataset *ds, const scope_set *set, pupil_marks *m)
{
	for (size_t g = 0; g < ds->n_gemeenten; g++) {
		bool want = set->rol == ROLE_LEERPLICHT && set->gemeente[g];
		if (set->rol == ROLE_SWV) {
			for (size_t i = 0; i < ds->n_swv_gemeenten && !want; i++)
				want = ds->swv_gemeenten[i].gemeente == (int32_t)g && set->swv[ds->swv_gemeenten[i].swv];
			for (int k = 0; k < 2 && !want; k++)
				want = ds->region_swv[k] && ds->region_swv[k][g] != NO_REF && set->swv[ds->region_swv[k][g]];
		}
		m->gemeente[g] = want;
	}
	for (size_t sc = 0; sc < ds->n_schools; sc++)
		m->school[sc] = (set->rol == ROLE_SCHOOL && set->school[sc]) ||
				(set->rol == ROLE_SWV && ds->schools[sc].swv != NO_REF && set->swv[ds->schools[sc].swv]);
}

/* The gemeenten and schools whose pupils the gebied filter of a status query
 * can keep: classify takes a pupil's gemeente from a residence, its SWV from
 * an enrolment's school or, for an AV pupil, from the region of its
 * residence's gemeente. */
static void filter_marks(const dataset *ds, int32_t gm, int32_t sw, pupil_marks *m)
{
	for (size_t g = 0; g < ds->n_gemeenten; g++) {
		bool want = gm == (int32_t)g;
		for (int k = 0; k < 2 && !want && sw != NO_REF; k++)
			want = ds->region_swv[k] && ds->region_swv[k][g] == sw;
		m->gemeente[g] = want;
	}
	for (size_t sc = 0; sc < ds->n_schools; sc++)
		m->school[sc] = sw != NO_REF && ds->schools[sc].swv == sw;
}

static void marks_alloc(const dataset *ds, pupil_marks *m)
{
	m->gemeente = xcalloc(ds->n_gemeenten ? ds->n_gemeenten : 1, sizeof *m->gemeente);
	m->school = xcalloc(ds->n_schools ? ds->n_schools : 1, sizeof *m->school);
}

static void marks_free(pupil_marks *m)
{
	free(m->gemeente);
	free(m->school);
	*m = (pupil_marks){0};
}

/* The marks of the query (see list_reach); false when it is not bounded by
 * them. */
static bool reach_of(const dataset *ds, const status_query *q, list_reach *out)
{
	*out = (list_reach){.filtered = q->gemeente != NO_REF || q->swv != NO_REF};
	if (q->by_grant || !q->scope)
		return false;
	marks_alloc(ds, &out->scope);
	scope_marks(ds, q->scope, &out->scope);
	if (out->filtered) {
		marks_alloc(ds, &out->filter);
		filter_marks(ds, q->gemeente, q->swv, &out->filter);
	}
	return true;
}

static void list_marks_free(list_reach *r)
{
	marks_free(&r->scope);
	marks_free(&r->filter);
}

list_reach *status_reach(const dataset *ds, const status_query *q)
{
	list_reach *r = xmalloc(sizeof *r);
	if (!reach_of(ds, q, r)) {
		free(r);
		return NULL;
	}
	atomic_init(&r->refs, 1);
	return r;
}

static bool marks_hold(const dataset *ds, const pupil_marks *m, uint32_t p)
{
	const residence *r = PUPIL_FACTS(ds, F_RESIDENCE, res, p);
	for (uint32_t i = 0, n = PUPIL_NFACTS(ds, F_RESIDENCE, p); i < n; i++)
		if (m->gemeente[r[i].gemeente])
			return true;
	const enrolment *e = PUPIL_FACTS(ds, F_ENROLMENT, enr, p);
	for (uint32_t i = 0, n = PUPIL_NFACTS(ds, F_ENROLMENT, p); i < n; i++)
		if (m->school[e[i].school])
			return true;
	return false;
}

bool list_reach_holds(const dataset *ds, const list_reach *r, uint32_t p)
{
	return marks_hold(ds, &r->scope, p) && (!r->filtered || marks_hold(ds, &r->filter, p));
}

list_reach *list_reach_ref(list_reach *r)
{
	atomic_fetch_add(&r->refs, 1);
	return r;
}

void list_reach_release(list_reach *r)
{
	if (r && atomic_fetch_sub(&r->refs, 1) == 1) {
		list_marks_free(r);
		free(r);
	}
}

/* The pupils of the index whose facts name a gemeente or school marked: the
 * same pupils marks_hold holds. */
static void index_marks(const dataset *ds, const pupil_index *ix, const pupil_marks *m, uint8_t *cand)
{
	for (size_t g = 0; g < ds->n_gemeenten; g++)
		if (m->gemeente[g])
			for (uint32_t i = ix->gem_off[g]; i < ix->gem_off[g + 1]; i++)
				mark(cand, ix->gem_pupils[i]);
	for (size_t sc = 0; sc < ds->n_schools; sc++)
		if (m->school[sc])
			for (uint32_t i = ix->school_off[sc]; i < ix->school_off[sc + 1]; i++)
				mark(cand, ix->school_pupils[i]);
}

/* The pupils of the index under the marks of `from` whose facts the marks
 * of `also` hold too: the same pupils as index_marks of both, but walking
 * only from's (a gebied filter's gemeente against a scope of the whole
 * country, for instance). */
static void index_marks_both(const dataset *ds, const pupil_index *ix, const pupil_marks *from,
			     const pupil_marks *also, uint8_t *cand)
{
	for (size_t g = 0; g < ds->n_gemeenten; g++)
		if (from->gemeente[g])
			for (uint32_t i = ix->gem_off[g]; i < ix->gem_off[g + 1]; i++)
				if (marks_hold(ds, also, ix->gem_pupils[i]))
					mark(cand, ix->gem_pupils[i]);
	for (size_t sc = 0; sc < ds->n_schools; sc++)
		if (from->school[sc])
			for (uint32_t i = ix->school_off[sc]; i < ix->school_off[sc + 1]; i++)
				if (marks_hold(ds, also, ix->school_pupils[i]))
					mark(cand, ix->school_pupils[i]);
}

/* The candidates of a bounded query: the pupils its reach holds. With a
 * gebied filter those of the filter that the scope holds: the index is the
 * base's, and an unchanged pupil's facts are the base's, so marks_hold
 * answers for it as the index does. */
static void reach_candidates(const dataset *ds, const pupil_index *ix, const list_reach *r, uint8_t *cand)
{
	if (r->filtered)
		index_marks_both(ds, ix, &r->filter, &r->scope, cand);
	else
		index_marks(ds, ix, &r->scope, cand);
	/* The index is the base's (a view shares it): a pupil changed since
	 * may only now live or be enrolled in the reach, so every changed pupil
	 * is a candidate and the final check (status_sees) decides. */
	for (size_t i = 0; i < dataset_view_changed(ds); i++)
		mark(cand, dataset_view_pupils(ds)[i]);
}

status_query status_query_of(day_t d)
{
	return (status_query){.day = d, .gemeente = NO_REF, .swv = NO_REF};
}

static bool keeps(const status_query *q, const classification *c)
{
	if (q->cats && !categorie_set_has(q->cats, c->cat))
		return false;
	if ((q->gemeente != NO_REF || q->swv != NO_REF) &&
	    !((q->gemeente != NO_REF && c->gemeente == q->gemeente) || (q->swv != NO_REF && c->swv == q->swv)))
		return false;
	return true;
}

typedef struct job {
	const dataset *ds;
	const status_query *q;
	const uint8_t *cand; /* NULL: every pupil */
	pupil_range range;
	status_rows rows;
} job;

bool status_pupil(const dataset *ds, const status_query *q, uint32_t p, status_row *row)
{
	if (out_of_age(ds, p, q->day))
		return false;
	classification c;
	classify(ds, p, q->day, &c);
	if (!c.in_scope || c.cat == CAT_GEEN || !keeps(q, &c) || !status_sees(ds, q, p, &c))
		return false;
	status_row_of(p, &c, row);
	return true;
}

/* Whether none of the 64 pupils from p (a multiple of 64) is a candidate. */
static bool none_of_64(const uint8_t *cand, uint32_t p)
{
	uint64_t w;
	memcpy(&w, cand + (p >> 3), sizeof w);
	return w == 0;
}

static void *status_worker(void *arg)
{
	job *j = arg;
	status_row row;
	for (uint32_t p = j->range.from; p < j->range.to; p++) {
		/* A scope's candidates are few of the country's pupils: the words
		 * without any are stepped over whole. */
		while (j->cand && !(p & 63) && p + 64 <= j->range.to && none_of_64(j->cand, p))
			p += 64;
		if (p >= j->range.to)
			break;
		if (j->cand && !(j->cand[p >> 3] & (1u << (p & 7))))
			continue;
		if (!status_pupil(j->ds, j->q, p, &row))
			continue;
		j->rows.rows = xgrow(j->rows.rows, &j->rows.cap, j->rows.n + 1, sizeof *j->rows.rows);
		j->rows.rows[j->rows.n++] = row;
	}
	return NULL;
}

uint8_t *status_candidates(const dataset *ds, const status_query *q)
{
	uint8_t *cand = NULL;
	if (q->by_grant) {
		cand = xcalloc(ds->n_pupils / 8 + 1, 1);
		for (size_t i = 0; i < q->n_granted; i++)
			if (q->granted[i] != NO_REF)
				mark(cand, (uint32_t)q->granted[i]);
	} else if (q->index) {
		list_reach r;
		if (reach_of(ds, q, &r)) {
			cand = xcalloc(ds->n_pupils / 8 + 1, 1);
			reach_candidates(ds, q->index, &r, cand);
		}
		list_marks_free(&r);
	}
	return cand;
}

bool status_sees(const dataset *ds, const status_query *q, uint32_t p, const classification *c)
{
	return !q->scope || q->by_grant || access_sees_pupil(ds, q->scope, p, c);
}

/* Below this many candidates a list is classified on the calling thread:
 * about a gemeente's pupils, a few milliseconds, less than starting and
 * waiting for another thread costs on a busy server. */
enum { FEW_CANDIDATES = 16384 };

/* Whether the bits of cand (for n pupils: n / 8 + 1 bytes) mark fewer than
 * FEW_CANDIDATES. */
static bool few_candidates(const uint8_t *cand, size_t n)
{
	size_t count = 0, bytes = n / 8 + 1, i = 0;
	for (; i + 8 <= bytes && count < FEW_CANDIDATES; i += 8) {
		uint64_t w;
		memcpy(&w, cand + i, sizeof w);
		count += (size_t)__builtin_popcountll(w);
	}
	for (; i < bytes; i++)
		count += (size_t)__builtin_popcount(cand[i]);
	return count < FEW_CANDIDATES;
}

void status_run(const dataset *ds, const status_query *q, int threads, status_rows *out)
{
	*out = (status_rows){0};
	uint8_t *cand = status_candidates(ds, q);
	/* Few candidates are classified sooner than a thread is started for
	 * them (a list filtered on one gebied). */
	if (cand && few_candidates(cand, ds->n_pupils))
		threads = 1;
	job jobs[MAX_THREADS] = {0};
	pupil_range ranges[MAX_THREADS];
	int n = pupil_ranges(ds->n_pupils, threads, ranges);
	for (int i = 0; i < n; i++)
		jobs[i] = (job){ds, q, cand, ranges[i], {0}};
	run_parallel(jobs, sizeof jobs[0], n, status_worker);
	*out = jobs[0].rows;
	for (int i = 1; i < n; i++) {
		if (jobs[i].rows.n) {
			out->rows = xgrow(out->rows, &out->cap, out->n + jobs[i].rows.n, sizeof *out->rows);
			memcpy(out->rows + out->n, jobs[i].rows.rows, jobs[i].rows.n * sizeof *out->rows);
			out->n += jobs[i].rows.n;
		}
		free(jobs[i].rows.rows);
	}
	free(cand);
}

void status_slices_init(status_slices *ss, const day_t *days, size_t n_days)
{
	*ss = (status_slices){.days = days, .n_days = n_days};
	pthread_mutex_init(&ss->lock, NULL);
}

void status_slices_add(void *ctx, int worker, size_t slice, const dataset *ds)
{
	(void)worker;
	status_slices *ss = ctx;
	status_slice sl = {xcalloc(ss->n_days ? ss->n_days : 1, sizeof *sl.rows), NULL, 0};
	uint32_t *at = xmalloc((ds->n_pupils ? ds->n_pupils : 1) * sizeof *at); /* slice pupil -> ids */
	for (size_t p = 0; p < ds->n_pupils; p++)
		at[p] = UINT32_MAX;
	size_t cap = 0;
	for (size_t k = 0; k < ss->n_days; k++) {
		status_query q = status_query_of(ss->days[k]);
		status_run(ds, &q, 1, &sl.rows[k]);
		for (size_t i = 0; i < sl.rows[k].n; i++) {
			status_row *r = &sl.rows[k].rows[i];
			if (at[r->pupil] == UINT32_MAX) {
				sl.ids = xgrow(sl.ids, &cap, sl.n_ids + 1, sizeof *sl.ids);
				sl.ids[sl.n_ids] = xstrdup(PUPIL_AT(ds, r->pupil).id);
				at[r->pupil] = (uint32_t)sl.n_ids++;
			}
			r->pupil = at[r->pupil];
			r->vrijstelling = -1; /* an index into this slice's facts */
		}
	}
	free(at);
	pthread_mutex_lock(&ss->lock);
	if (slice >= ss->n_slice) {
		ss->slice = xgrow(ss->slice, &ss->cap_slice, slice + 1, sizeof *ss->slice);
		memset(ss->slice + ss->n_slice, 0, (slice + 1 - ss->n_slice) * sizeof *ss->slice);
		ss->n_slice = slice + 1;
	}
	ss->slice[slice] = sl;
	pthread_mutex_unlock(&ss->lock);
}

void status_slices_join(status_slices *ss, const dataset *ref)
{
	size_t total = 0;
	for (size_t s = 0; s < ss->n_slice; s++)
		total += ss->slice[s].n_ids;
	ss->pupils = xcalloc(total ? total : 1, sizeof *ss->pupils);
	ss->lists = xcalloc(ss->n_days ? ss->n_days : 1, sizeof *ss->lists);
	size_t base = 0;
	for (size_t s = 0; s < ss->n_slice; s++) {
		const status_slice *sl = &ss->slice[s];
		for (size_t i = 0; i < sl->n_ids; i++)
			ss->pupils[base + i].id = sl->ids[i];
		for (size_t k = 0; sl->rows && k < ss->n_days; k++) {
			status_rows *l = &ss->lists[k];
			const status_rows *from = &sl->rows[k];
			if (!from->n)
				continue;
			l->rows = xgrow(l->rows, &l->cap, l->n + from->n, sizeof *l->rows);
			for (size_t i = 0; i < from->n; i++) {
				l->rows[l->n + i] = from->rows[i];
				l->rows[l->n + i].pupil += (uint32_t)base;
			}
			l->n += from->n;
		}
		base += sl->n_ids;
	}
	/* The reference data's arrays, read only; pupils: those on the lists. */
	ss->shown = *ref;
	ss->shown.pupils = ss->pupils;
	ss->shown.n_pupils = total;
}

void status_slices_free(status_slices *ss)
{
	for (size_t s = 0; s < ss->n_slice; s++) {
		status_slice *sl = &ss->slice[s];
		for (size_t k = 0; sl->rows && k < ss->n_days; k++)
			status_rows_free(&sl->rows[k]);
		free(sl->rows);
		for (size_t i = 0; i < sl->n_ids; i++)
			free(sl->ids[i]);
		free(sl->ids);
	}
	free(ss->slice);
	for (size_t k = 0; ss->lists && k < ss->n_days; k++)
		status_rows_free(&ss->lists[k]);
	free(ss->lists);
	free(ss->pupils);
	pthread_mutex_destroy(&ss->lock);
	*ss = (status_slices){0};
}
