/*
 * melddiscipline_run.c - the melddiscipline query (melddiscipline_run.h):
 * the pupils ever enrolled at the schools compared are scanned on threads,
 * each giving its meldingen, the days its absence covers and its duties
 * (core/melddiscipline.c); the figures are then gathered per school, SWV
 * and gemeente, with the enrolments recorded late (the store's, given).
 */
#include "melddiscipline_run.h"

#include <stdlib.h>
#include <string.h>

#include "../core/dataset_overlay.h"
#include "../util/alloc.h"
#include "../core/signals.h"
#include "parallel.h"

/* What one pupil contributes to a school. */
typedef enum rec_kind { REC_MELDING, REC_ABSENCE, REC_DUTY, REC_LRV } rec_kind;
typedef struct rec {
	uint8_t kind;
	bool reported;
	int32_t school;
	int32_t a, b; /* a melding's delay; the days of absence [a, b] in the period */
} rec;
typedef struct recs {
	rec *r;
	size_t n, cap;
} recs;

typedef struct md_scan {
	const dataset *ds;
	const bool *compared; /* the schools whose figures are computed */
	const uint32_t *pupils;
	md_period per;
	day_t today;
	recs parts[PARALLEL_MAX];
} md_scan;

static void push(recs *l, rec x)
{
	l->r = xgrow(l->r, &l->cap, l->n + 1, sizeof *l->r);
	l->r[l->n++] = x;
}

static void scan_pupil(md_scan *sc, uint32_t p, recs *out, md_events *ev)
{
	const dataset *ds = sc->ds;
	md_period per = sc->per;
	const melding *m = PUPIL_FACTS(ds, F_MELDING, meld, p);
	for (uint32_t i = 0, n = PUPIL_NFACTS(ds, F_MELDING, p); i < n; i++)
		if (sc->compared[m[i].school] && m[i].datum_melding >= per.from && m[i].datum_melding <= per.to &&
		    m[i].datum_melding <= sc->today)
			push(out, (rec){REC_MELDING, true, m[i].school, melding_delay(&m[i]), 0});
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	bool unauthorised = false;
	for (uint32_t i = 0, n = PUPIL_NFACTS(ds, F_ABSENCE, p); i < n; i++) {
		if (a[i].soort == VZ_ONGEOORLOOFD && a[i].van <= per.to && a[i].tot >= per.from - MELDPLICHT_DAYS)
			unauthorised = true;
		if (!sc->compared[a[i].school] || a[i].van > per.to || a[i].tot < per.from)
			continue;
		day_t from = a[i].van > per.from ? a[i].van : per.from, to = a[i].tot < per.to ? a[i].tot : per.to;
		push(out, (rec){REC_ABSENCE, true, a[i].school, from - per.from, to - per.from});
	}
	if (!unauthorised)
		return;
	ev->n = 0;
	md_pupil_events(ds, p, per, sc->today, ev);
	for (size_t i = 0; i < ev->n; i++)
		if (ev->ev[i].school >= 0 && sc->compared[ev->ev[i].school])
			push(out, (rec){ev->ev[i].kind == MD_LRV ? REC_LRV : REC_DUTY, ev->ev[i].reported,
					ev->ev[i].school, 0, 0});
}

static void scan_part(void *arg, int part, uint32_t from, uint32_t to)
{
	md_scan *sc = arg;
	md_events ev = {0};
	for (uint32_t i = from; i < to; i++)
		scan_pupil(sc, sc->pupils[i], &sc->parts[part], &ev);
	free(ev.ev);
}

void md_selection(const dataset *ds, const scope_set *set, md_period per, bool *shown)
{
	for (size_t s = 0; s < ds->n_schools; s++)
		shown[s] = !set || (set->rol == ROLE_SCHOOL && set->school[s]) ||
			   (set->rol == ROLE_SWV && ds->schools[s].swv != NO_REF && set->swv[ds->schools[s].swv]);
	if (!set || set->rol != ROLE_LEERPLICHT)
		return;
	for (uint32_t p = 0; p < ds->n_pupils; p++) {
		const residence *r = PUPIL_FACTS(ds, F_RESIDENCE, res, p);
		bool resident = false;
		for (uint32_t i = 0, n = PUPIL_NFACTS(ds, F_RESIDENCE, p); i < n && !resident; i++)
			resident = r[i].van <= per.to && r[i].tot >= per.from && set->gemeente[r[i].gemeente];
		if (!resident)
			continue;
		const enrolment *e = PUPIL_FACTS(ds, F_ENROLMENT, enr, p);
		for (uint32_t i = 0, n = PUPIL_NFACTS(ds, F_ENROLMENT, p); i < n; i++)
			if (e[i].van <= per.to && e[i].tot >= per.from)
				shown[e[i].school] = true;
	}
}

/* The figures of a list of delays and counts, once gathered. */
static void finish(md_figures *f, int32_t *delays, size_t n)
{
	f->median = median_hundredths(delays, n);
	f->share_in_term = share_hundredths(f->in_term, f->meldingen);
}

static void add_to(md_figures *g, const md_figures *s)
{
	g->meldingen += s->meldingen;
	g->in_term += s->in_term;
	g->duties += s->duties;
	g->duties_unreported += s->duties_unreported;
	g->lrv += s->lrv;
	g->lrv_unreported += s->lrv_unreported;
	g->enrolments += s->enrolments;
	g->enrolments_late += s->enrolments_late;
	g->deregistrations += s->deregistrations;
	g->deregistrations_late += s->deregistrations_late;
	g->onvolledig = g->onvolledig || s->onvolledig;
	if (s->silence > g->silence)
		g->silence = s->silence;
	g->schools++;
}

typedef struct delays {
	int32_t *v;
	size_t n, cap;
} delays;

static void delay_add(delays *d, int32_t v)
{
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	d->v[d->n++] = v;
}

void melddiscipline_run(const dataset *ds, const pupil_index *index, const bool *shown, md_period per, day_t today,
			const md_registration *regs, size_t n_regs, int threads, md_result *out)
{
	*out = (md_result){0};
	size_t ns = ds->n_schools;
	/* Compared: the schools of the SWVs and gemeenten of the shown ones. */
	bool *swv_on = xcalloc(ds->n_swvs + 1, 1), *gem_on = xcalloc(ds->n_gemeenten + 1, 1);
	bool *compared = xcalloc(ns + 1, 1);
	for (size_t s = 0; s < ns; s++)
		if (shown[s]) {
			if (ds->schools[s].swv != NO_REF)
				swv_on[ds->schools[s].swv] = true;
			gem_on[ds->schools[s].gemeente] = true;
		}
	for (size_t s = 0; s < ns; s++)
		compared[s] = shown[s] || (ds->schools[s].swv != NO_REF && swv_on[ds->schools[s].swv]) ||
			      gem_on[ds->schools[s].gemeente];
	/* The pupils ever enrolled at one of them. */
	uint8_t *seen = xcalloc(ds->n_pupils / 8 + 1, 1);
	uint32_t *pupils = NULL;
	size_t np = 0, cap = 0;
	for (size_t s = 0; s < ns; s++) {
		if (!compared[s])
			continue;
		for (uint32_t i = index ? index->school_off[s] : 0; index && i < index->school_off[s + 1]; i++) {
			uint32_t p = index->school_pupils[i];
			if (seen[p >> 3] & (1u << (p & 7)))
				continue;
			seen[p >> 3] |= (uint8_t)(1u << (p & 7));
			pupils = xgrow(pupils, &cap, np + 1, sizeof *pupils);
			pupils[np++] = p;
		}
	}
	/* The index is the base's: a pupil changed since may have been enrolled
	 * at one of them only now (scan_pupil keeps what concerns them). */
	for (size_t i = 0; index && i < dataset_view_changed(ds); i++) {
		uint32_t p = dataset_view_pupils(ds)[i];
		if (seen[p >> 3] & (1u << (p & 7)))
			continue;
		seen[p >> 3] |= (uint8_t)(1u << (p & 7));
		pupils = xgrow(pupils, &cap, np + 1, sizeof *pupils);
		pupils[np++] = p;
	}
	if (!index) /* without an index: everybody */
		for (uint32_t p = 0; p < ds->n_pupils; p++) {
			pupils = xgrow(pupils, &cap, np + 1, sizeof *pupils);
			pupils[np++] = p;
		}
	md_scan *sc = xcalloc(1, sizeof *sc);
	*sc = (md_scan){.ds = ds, .compared = compared, .pupils = pupils, .per = per, .today = today};
	int parts = parallel_ranges(np, threads, scan_part, sc);

	/* Gather per school. */
	md_figures *fig = xcalloc(ns + 1, sizeof *fig);
	delays *dl = xcalloc(ns + 1, sizeof *dl);
	size_t days = (size_t)(per.to - per.from + 1), bytes = days / 8 + 1;
	uint8_t *covered = xcalloc((ns + 1) * bytes, 1);
	for (int k = 0; k < parts; k++) {
		for (size_t i = 0; i < sc->parts[k].n; i++) {
			const rec *x = &sc->parts[k].r[i];
			md_figures *f = &fig[x->school];
			switch ((rec_kind)x->kind) {
			case REC_MELDING:
				f->meldingen++;
				f->in_term += delay_in_term(x->a);
				delay_add(&dl[x->school], x->a);
				break;
			case REC_ABSENCE:
				for (int32_t d = x->a; d <= x->b; d++)
					covered[(size_t)x->school * bytes + (size_t)(d >> 3)] |= (uint8_t)(1u << (d & 7));
				break;
			case REC_DUTY:
				f->duties++;
				f->duties_unreported += !x->reported;
				break;
			case REC_LRV:
				f->lrv++;
				f->lrv_unreported += !x->reported;
				break;
			}
		}
		free(sc->parts[k].r);
	}
	for (size_t i = 0; i < n_regs; i++) {
		const md_registration *g = &regs[i];
		if (g->school < 0 || !compared[g->school] || g->named < per.from || g->named > per.to)
			continue;
		md_figures *f = &fig[g->school];
		bool late = recorded_late(g->named, g->recorded);
		if (g->ending) {
			f->deregistrations++;
			f->deregistrations_late += late;
		} else {
			f->enrolments++;
			f->enrolments_late += late;
		}
	}
	out->by_swv = xcalloc(ds->n_swvs + 1, sizeof *out->by_swv);
	out->by_gemeente = xcalloc(ds->n_gemeenten + 1, sizeof *out->by_gemeente);
	size_t rows_cap = 0;
	delays *dswv = xcalloc(ds->n_swvs + 1, sizeof *dswv), *dgem = xcalloc(ds->n_gemeenten + 1, sizeof *dgem);
	for (size_t s = 0; s < ns; s++) {
		if (!compared[s])
			continue;
		const school *sch = &ds->schools[s];
		int32_t regio = ds->gemeenten[sch->gemeente].regio;
		const holiday_calendar *cal = regio != NO_REF ? &ds->calendars[regio] : NULL;
		md_figures *f = &fig[s];
		f->silence = longest_silence(cal, covered + s * bytes, per);
		f->onvolledig = registration_incomplete(f->silence);
		f->schools = 1;
		for (size_t i = 0; i < dl[s].n; i++) {
			if (sch->swv != NO_REF)
				delay_add(&dswv[sch->swv], dl[s].v[i]);
			delay_add(&dgem[sch->gemeente], dl[s].v[i]);
		}
		finish(f, dl[s].v, dl[s].n);
		if (sch->swv != NO_REF)
			add_to(&out->by_swv[sch->swv], f);
		add_to(&out->by_gemeente[sch->gemeente], f);
		if (shown[s]) {
			out->rows = xgrow(out->rows, &rows_cap, out->n + 1, sizeof *out->rows);
			out->rows[out->n++] = (md_school_row){(int32_t)s, *f};
		}
	}
	for (size_t g = 0; g < ds->n_swvs; g++) {
		finish(&out->by_swv[g], dswv[g].v, dswv[g].n);
		free(dswv[g].v);
	}
	for (size_t g = 0; g < ds->n_gemeenten; g++) {
		finish(&out->by_gemeente[g], dgem[g].v, dgem[g].n);
		free(dgem[g].v);
	}
	for (size_t s = 0; s < ns; s++)
		free(dl[s].v);
	free(dswv);
	free(dgem);
	free(dl);
	free(fig);
	free(covered);
	free(sc);
	free(pupils);
	free(seen);
	free(compared);
	free(swv_on);
	free(gem_on);
}

void md_result_free(md_result *r)
{
	free(r->rows);
	free(r->by_swv);
	free(r->by_gemeente);
	*r = (md_result){0};
}
