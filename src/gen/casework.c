/*
 * casework.c - the case work of a life, as rows for `inbeeld dossierwerk
 * laden` (see casework.h, docs/generator.md).
 *
 * The times a child is out of school come from its facts as the registry
 * holds them on the stand: a gap between enrolments during kwalificatieplicht
 * while living here without a vrijstelling (absoluut verzuim), and an
 * unauthorised or sick row of weeks while enrolled (LRV, long sick); one that
 * runs into a gap (absence, then de-registration) is one case. The registry
 * decides on replay whether the dossier opens (its categorie that day), and
 * its rules refuse what does not fit; this file only says what people did,
 * calibrated so that most cases are on schedule: a placement decision
 * within the six weeks for 80%, after the one extension for 7%, and none
 * for 13% (those stagnate; half of them are escalated, and some get a
 * decision then).
 */
#include "casework.h"

#include <stdlib.h>
#include <string.h>

#include "../core/leerplicht.h"
#include "../util/alloc.h"

const char CASEWORK_HEADER[] = "leerling_id,datum,soort,door,plaats_per,dagen,type,tekst\n";

enum { HISTORY_DAYS = 365, MIN_DAYS = 14, MAX_EPISODES = 16, MAX_ROWS = 32 };

static day_t max_day(day_t a, day_t b)
{
	return a > b ? a : b;
}

typedef struct episode {
	day_t start, end; /* end DAY_OPEN: still out of school on the stand */
	bool enrolled;	  /* began as absence while enrolled (LRV, long sick) */
	bool back;	  /* ended with an enrolment (or the end of the absence) */
	int32_t gemeente;
	const holiday_calendar *cal; /* the pupil's holiday region (SPEC 4) */
} episode;

typedef struct cw_row {
	day_t datum;
	const char *soort, *type, *tekst;
	day_t plaats_per;
	int dagen;
} cw_row;

typedef struct rows {
	cw_row r[MAX_ROWS];
	size_t n;
} rows;

static void add(rows *rs, day_t d, const char *soort, const char *type, const char *tekst)
{
	if (rs->n < MAX_ROWS)
		rs->r[rs->n++] = (cw_row){d, soort, type, tekst, DAY_NONE, 0};
}

static int32_t gem_on(const life *L, day_t d)
{
	for (size_t i = 0; i < L->n_res; i++)
		if (L->res[i].van <= d && d <= L->res[i].tot)
			return L->res[i].gemeente;
	return -1;
}

/* The last day of the unbroken residence in the Netherlands that covers d
 * (periods join when the next starts by the day after; DAY_OPEN: ongoing). */
static day_t living_here_until(const life *L, day_t d)
{
	day_t until = DAY_NONE;
	for (size_t i = 0; i < L->n_res; i++) { /* by van */
		const residence *r = &L->res[i];
		if (until == DAY_NONE ? r->van <= d && d <= r->tot : until != DAY_OPEN && r->van <= until + 1)
			until = r->tot == DAY_OPEN || until == DAY_NONE || r->tot > until ? r->tot : until;
	}
	return until;
}

static bool exempt_on(const life *L, day_t d)
{
	for (size_t i = 0; i < L->n_vrij; i++) {
		const vrijstelling *v = &L->vrij[i].fact;
		if (v->status == VS_VERLEEND && v->van != DAY_NONE && v->van <= d && d <= v->tot)
			return true;
	}
	return false;
}

/* The holiday calendar of a school site. */
static const holiday_calendar *cal_of(const ref *r, const holiday_list *hol, int32_t site)
{
	return &hol->cal[r->gem[r->school[site].gem].regio];
}

static void push(const life *L, day_t stand, episode *ep, size_t *n, day_t start, day_t end, bool enrolled,
		 const holiday_calendar *cal)
{
	day_t last = end == DAY_OPEN ? stand : end;
	if (*n == MAX_EPISODES || start > stand || (end != DAY_OPEN && last - start < MIN_DAYS) ||
	    last < stand - HISTORY_DAYS)
		return;
	int32_t g = gem_on(L, start);
	if (g < 0 || exempt_on(L, start))
		return;
	ep[(*n)++] = (episode){start, end, enrolled, enrolled && end != DAY_OPEN, g, cal};
}

/* The times out of school, by start; those that run into each other joined. */
static size_t episodes(const life *L, const ref *r, const holiday_list *hol, day_t stand, episode *ep)
{
	size_t n = 0;
	day_t lp = leerplicht_start(L->birth), kwal = kwalificatieplicht_end(L->birth, L->startkwal);
	/* Gaps between enrolments (L->enr is by van). */
	day_t covered = lp - 1;
	for (size_t i = 0; i <= L->n_enr && covered != DAY_OPEN && covered < kwal; i++) {
		day_t next = i < L->n_enr ? L->enr[i].van : DAY_OPEN;
		if (next > covered + 1) {
			day_t end = next == DAY_OPEN ? DAY_OPEN : next - 1;
			if (end != DAY_OPEN && end > kwal)
				end = kwal;
			if (end == DAY_OPEN && kwal <= stand)
				end = kwal;
			/* Out of school while living here: from the arrival, until the
			 * child leaves. */
			day_t start = max_day(covered + 1, lp);
			for (size_t k = 0; k < L->n_res && gem_on(L, start) < 0; k++)
				if (L->res[k].van > start && (end == DAY_OPEN || L->res[k].van <= end))
					start = L->res[k].van;
			day_t here = living_here_until(L, start);
			bool left = here != DAY_NONE && here != DAY_OPEN && (end == DAY_OPEN || here < end);
			if (left)
				end = here;
			int32_t g = gem_on(L, start);
			push(L, stand, ep, &n, start, end, false,
			     i ? cal_of(r, hol, L->enr[i - 1].school) : g >= 0 ? &hol->cal[r->gem[g].regio] : NULL);
			if (left)
				next = DAY_OPEN;
			if (n && ep[n - 1].start == start)
				ep[n - 1].back = next != DAY_OPEN && next - 1 < kwal;
		}
		if (i < L->n_enr && (L->enr[i].tot == DAY_OPEN || L->enr[i].tot > covered))
			covered = L->enr[i].tot;
	}
	/* Absence of weeks while enrolled: runs of a class (rows with at most a
	 * weekend between them are one). */
	day_t *runs = xmalloc((L->n_abs ? L->n_abs : 1) * 3 * sizeof *runs);
	for (int cls = VZ_ONGEOORLOOFD; cls <= VZ_ZIEK; cls++) {
		size_t m = 0;
		for (size_t i = 0; i < L->n_abs; i++) {
			const absence *a = &L->abs[i];
			if (a->soort != cls)
				continue;
			size_t k = m++;
			for (; k > 0 && runs[3 * (k - 1)] > a->van; k--)
				memcpy(&runs[3 * k], &runs[3 * (k - 1)], 3 * sizeof *runs);
			runs[3 * k] = a->van;
			runs[3 * k + 1] = a->tot;
			runs[3 * k + 2] = a->school;
		}
		for (size_t i = 0; i < m;) {
			day_t van = runs[3 * i], tot = runs[3 * i + 1];
			int32_t site = runs[3 * i + 2];
			const holiday_calendar *cal = cal_of(r, hol, site);
			for (i++; i < m && tot != DAY_OPEN && (runs[3 * i] <= tot + 1 || !has_school_day(cal, tot + 1, runs[3 * i] - 1));
			     i++)
				tot = runs[3 * i + 1] == DAY_OPEN || runs[3 * i + 1] > tot ? runs[3 * i + 1] : tot;
			if (van < lp || van > kwal || elapsed_days(cal, van, tot == DAY_OPEN ? stand : tot) < 28)
				continue;
			push(L, stand, ep, &n, van, tot, true, cal);
			if (n && ep[n - 1].start == van && ep[n - 1].end != DAY_OPEN && ep[n - 1].end >= kwal)
				ep[n - 1].back = false; /* it ended with kwalificatieplicht */
		}
	}
	free(runs);
	for (size_t i = 1; i < n; i++) /* by start (few) */
		for (size_t k = i; k > 0 && ep[k].start < ep[k - 1].start; k--) {
			episode t = ep[k];
			ep[k] = ep[k - 1];
			ep[k - 1] = t;
		}
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k && (ep[k - 1].end == DAY_OPEN || ep[i].start <= ep[k - 1].end + 3)) {
			episode *p = &ep[k - 1];
			if (p->end != DAY_OPEN && (ep[i].end == DAY_OPEN || ep[i].end > p->end)) {
				p->end = ep[i].end;
				p->back = ep[i].back;
			}
			continue;
		}
		ep[k++] = ep[i];
	}
	return k;
}

static const char *const WIJZE[3] = {"telefoon", "huisbezoek", "gesprek op school"};
static const char *const STAGNATIE_TYPES[5] = {"processtagnatie", "jeugdhulp", "zorgplicht", "ouders", "jongere"};

/* What leerplicht did in one case, from its opening on day o. */
static void one_case(rng *r, const life *L, const episode *e, day_t o, rows *rs)
{
	day_t s = e->start, kwal = kwalificatieplicht_end(L->birth, L->startkwal);
	add(rs, o, "opening", "", "");
	add(rs, o + rng_range(r, 0, 2), "regie", "", "regie genomen door leerplicht van de woongemeente");
	add(rs, o + rng_range(r, 1, 6), "contact", WIJZE[rng_below(r, 3)], "eerste gesprek met leerling en ouders");
	if (rng_chance(r, 0.6))
		add(rs, o + rng_range(r, 10, 25), "contact", WIJZE[rng_below(r, 3)], "vervolggesprek over de terugkeer");
	if (rng_chance(r, 0.85))
		add(rs, o + rng_range(r, 8, 24), "mdo", "", "afgesproken: onderzoek naar een passende plek");
	/* The decision on placement: due six weeks (lesweken: elapsed days
	 * without holidays) after the first day of absence. */
	day_t due = elapsed_reached(e->cal, s, 42);
	day_t decided = DAY_NONE;
	double u = rng_unit(r);
	if (u < 0.80) {
		decided = e->enrolled ? o + rng_range(r, 1, 4) : s + rng_range(r, 18, 38);
		decided = decided < due ? decided : due - rng_range(r, 0, 3);
	} else if (u < 0.87) {
		day_t ext = e->enrolled ? o + 1 : s + rng_range(r, 30, 38);
		int days = rng_range(r, 14, 28);
		add(rs, max_day(ext, o + 1), "verlenging", "", "besluit vraagt meer tijd: onderzoek loopt nog");
		rs->r[rs->n - 1].dagen = days;
		decided = due + rng_range(r, 2, days - 2);
	} else if (rng_chance(r, 0.5)) {
		day_t esc = due + rng_range(r, 5, 20);
		add(rs, esc, "escalatie", STAGNATIE_TYPES[rng_below(r, 5)], "geen besluit binnen de termijn");
		day_t besluit = esc + rng_range(r, 5, 20);
		if (rng_chance(r, 0.7)) {
			add(rs, besluit, "besluit", "directeur samenwerkingsverband", "plaatsing wordt geregeld");
			if (rng_chance(r, 0.6))
				decided = besluit + rng_range(r, 2, 10);
		}
	}
	if (decided != DAY_NONE) {
		decided = max_day(decided, o + 1);
		day_t place = e->back && e->end + 1 >= decided ? e->end + 1 : decided + rng_range(r, 7, 42);
		add(rs, decided, "plaatsing", "", "besluit over de plaatsing genomen");
		rs->r[rs->n - 1].plaats_per = place <= kwal ? place : DAY_NONE;
	}
}

/* The closing and the follow-up after the return. */
static void closing(rng *r, const life *L, const episode *e, day_t stand, rows *rs, day_t *closed)
{
	*closed = DAY_NONE;
	if (e->end == DAY_OPEN || e->end >= stand)
		return;
	day_t c = e->end + rng_range(r, 1, 6), kwal = kwalificatieplicht_end(L->birth, L->startkwal);
	if (c > stand)
		return;
	const char *uitkomst = e->back ? (rng_chance(r, 0.8) ? "terug_op_school" : "ander_onderwijs")
			       : e->end >= kwal ? "achttien_of_startkwalificatie"
			       : exempt_on(L, e->end + 1) ? "vrijstelling"
							: "verhuisd";
	add(rs, c, "sluiting", uitkomst, "dossier gesloten");
	*closed = c;
	if (strcmp(uitkomst, "terug_op_school"))
		return;
	static const char *const MOMENT[3] = {"6_weken", "3_maanden", "1_jaar"};
	day_t due[3] = {c + 42, add_months(c, 3), add_months(c, 12)};
	for (int k = 0; k < 3; k++) {
		day_t d = due[k] + rng_range(r, -3, 3);
		if (d <= stand && rng_chance(r, 0.97))
			add(rs, d, "nazorg", MOMENT[k], "gaat weer naar school");
	}
}

/* The periodic review of a vrijstelling (SPEC 6): every one granted on the
 * stand that began more than two months before it is reviewed within the
 * year before the stand, but 5% are forgotten (overdue). */
static void reviews(FILE *f, const ref *r, rng *g, day_t stand, const life *L, const char *id, uint64_t number)
{
	for (size_t i = 0; i < L->n_vrij; i++) {
		const vrijstelling *v = &L->vrij[i].fact;
		if (v->status != VS_VERLEEND || v->van == DAY_NONE || v->van > stand - 60 || v->tot < stand)
			continue;
		day_t d = max_day(v->van + 30, stand - rng_range(g, 7, 330));
		int32_t gem = gem_on(L, d);
		if (!rng_chance(g, 0.95) || gem < 0)
			continue;
		/* One that ends within eight weeks is due then (REVIEW_BEFORE_END):
		 * the review sets the next one a week before its end. */
		day_t next = v->tot != DAY_OPEN && v->tot - 56 <= stand + 30 && v->tot - 7 > d ? v->tot - 7 : DAY_NONE;
		char dt[DATE_TEXT], nt[DATE_TEXT];
		date_format(d, dt);
		date_format(next, nt);
		fprintf(f, "%s,%s,herbeoordeling,lp-%s-%d,%s,,,nog steeds van toepassing; onderwijs is nu niet mogelijk\n",
			id, dt, r->gem[gem].code, (int)(number % CASEWORK_PEOPLE) + 1, nt);
	}
}

void casework_write(FILE *f, const ref *r, const holiday_list *hol, day_t stand, uint64_t seed, const life *L,
		    const char *id, uint64_t number)
{
	episode ep[MAX_EPISODES];
	size_t n = episodes(L, r, hol, stand, ep);
	rng g;
	rng_seed(&g, seed, number, 0xD055u, 0xCA5Eu);
	day_t free_from = DAY_NONE; /* one dossier at a time */
	for (size_t i = 0; i < n; i++) {
		const episode *e = &ep[i];
		/* The registry opens it on the first day out of school, and once an
		 * absence while enrolled has lasted four weeks (LRV, long sick). */
		day_t o = (e->enrolled ? elapsed_reached(e->cal, e->start, 28) : e->start) + rng_range(&g, 0, 2);
		if (o > stand || (e->end != DAY_OPEN && e->end < o + 2) || (free_from != DAY_NONE && o <= free_from))
			continue;
		rows rs = {.n = 0};
		day_t closed;
		one_case(&g, L, e, o, &rs);
		closing(&g, L, e, stand, &rs, &closed);
		free_from = closed == DAY_NONE ? DAY_OPEN : closed;
		/* In the order they happened (stable: the opening first). */
		for (size_t a = 1; a < rs.n; a++)
			for (size_t b = a; b > 1 && rs.r[b].datum < rs.r[b - 1].datum; b--) {
				cw_row t = rs.r[b];
				rs.r[b] = rs.r[b - 1];
				rs.r[b - 1] = t;
			}
		char door[32];
		snprintf(door, sizeof door, "lp-%s-%d", r->gem[e->gemeente].code, (int)(number % CASEWORK_PEOPLE) + 1);
		for (size_t k = 0; k < rs.n; k++) {
			const cw_row *w = &rs.r[k];
			/* Nothing but the follow-up once it is closed. */
			bool after = closed != DAY_NONE && w->datum >= closed && strcmp(w->soort, "sluiting") &&
				     strcmp(w->soort, "nazorg");
			if (w->datum > stand || after)
				continue;
			char d[DATE_TEXT], p[DATE_TEXT];
			date_format(w->datum, d);
			date_format(w->plaats_per, p);
			bool opening = strcmp(w->soort, "opening") == 0;
			fprintf(f, "%s,%s,%s,%s,%s,", id, d, w->soort, opening ? "" : door, p);
			if (w->dagen)
				fprintf(f, "%d", w->dagen);
			fprintf(f, ",%s,%s\n", w->type, w->tekst);
		}
	}
	reviews(f, r, &g, stand, L, id, number);
}
