/*
 * casework.c - every dossier's state, shared by the requests that list
 * dossiers or show their signals, and the work the reloader does after each
 * load: open the dossiers the registry calls for (SPEC 6), remove those
 * closed longer ago than the retention period (SPEC 9). See casework.h.
 */
#include "casework.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/sort.h"
#include "../util/alloc.h"
#include "case_record.h"
#include "compute.h"
#include "orgs.h"

void casework_init(casework *cw, store_pool *pool)
{
	*cw = (casework){.pool = pool};
	pthread_mutex_init(&cw->lock, NULL);
	atomic_init(&cw->gen, 0);
}

void casework_free(casework *cw)
{
	dossiers_release(cw->set);
	cw->set = NULL;
	pthread_mutex_destroy(&cw->lock);
}

/* Most urgent first (case_compare_urgency), then by dossier id. */
static int by_urgency(const void *a, const void *b)
{
	const dossier_state *x = a, *y = b;
	int c = case_compare_urgency(&x->st, &y->st);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int by_pupil_then_id(const void *a, const void *b)
{
	const dossier_state *x = a, *y = b;
	int c = strcmp(x->pupil_id, y->pupil_id);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

void cases_changed(casework *cw)
{
	atomic_fetch_add(&cw->gen, 1);
}

void dossiers_release(dossier_set *set)
{
	if (!set || atomic_fetch_sub(&set->refs, 1) != 1)
		return;
	free(set->items);
	free(set->by_pupil);
	free(set);
}

dossier_set *dossiers_acquire(casework *cw, const snapshot *s)
{
	day_t d = today();
	pthread_mutex_lock(&cw->lock);
	/* The generation is read before the store: a change committed meanwhile
	 * makes this set stale at once. */
	long long gen = atomic_load(&cw->gen);
	dossier_set *set = cw->set;
	if (!set || set->gen != gen || set->day != d || set->version != s->version) {
		store *st = pool_get(cw->pool);
		strbuf err = STRBUF_INIT;
		dossier_state *items = NULL;
		size_t n = 0;
		int rc = dossiers_all(st, s->ds, d, &items, &n, &err);
		pool_put(cw->pool, st);
		sb_free(&err);
		if (rc) {
			free(items);
			pthread_mutex_unlock(&cw->lock);
			return NULL;
		}
		sort_array(items, n, sizeof *items, by_urgency);
		set = xcalloc(1, sizeof *set);
		atomic_init(&set->refs, 1); /* the server's */
		set->gen = gen;
		set->day = d;
		set->version = s->version;
		set->n = n;
		set->items = items;
		set->by_pupil = xmalloc((n ? n : 1) * sizeof *set->by_pupil);
		for (size_t i = 0; i < n; i++)
			set->by_pupil[i] = (uint32_t)i;
		sort_indices(set->by_pupil, n, items, sizeof *items, by_pupil_then_id);
		dossiers_release(cw->set);
		cw->set = set;
	}
	atomic_fetch_add(&set->refs, 1);
	pthread_mutex_unlock(&cw->lock);
	return set;
}

const dossier_state *dossiers_of(const dossier_set *set, const char *pupil_id)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) { /* the first entry after the pupil's */
		size_t mid = (lo + hi) / 2;
		if (strcmp(set->items[set->by_pupil[mid]].pupil_id, pupil_id) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	const dossier_state *last = lo ? &set->items[set->by_pupil[lo - 1]] : NULL;
	return last && strcmp(last->pupil_id, pupil_id) == 0 ? last : NULL;
}

/* Inside the opening's transaction, given the pupil's latest dossier: at most
 * one open dossier per pupil. The automatic opening (ctx non-NULL) also leaves
 * alone an absence that a dossier already dealt with: one closed on or after
 * the new startdatum - a person closed it, the registry may lag behind. */
bool check_opening(void *ctx, const stream_event *so_far, size_t n, const new_event *ev, strbuf *why)
{
	if (!n)
		return true;
	/* Open or closed, and when, do not depend on the holiday calendar. */
	case_state st;
	strbuf ignored = STRBUF_INIT;
	bool folded = dossier_fold_stored(NULL, "", so_far, n, today(), &st, &ignored) == 0;
	sb_free(&ignored);
	if (!folded)
		return true;
	day_t start = DAY_NONE;
	if (ctx) {
		json_t *g = json_loads(ev->gegevens, 0, NULL);
		start = g ? json_day(g, "startdatum") : DAY_NONE;
		json_decref(g);
	}
	return case_may_open(&st, start, ctx != NULL, why);
}

/* Inside the reopening's transaction: the dossier still is the one a new
 * absence within the year after the return reopens (SPEC 6). */
static bool check_reopening(void *ctx, const stream_event *so_far, size_t n, const new_event *ev, strbuf *why)
{
	(void)ctx;
	case_state st;
	strbuf ignored = STRBUF_INIT;
	bool folded = dossier_fold_stored(NULL, "", so_far, n, today(), &st, &ignored) == 0;
	sb_free(&ignored);
	json_t *g = json_loads(ev->gegevens, 0, NULL);
	day_t start = g ? json_day(g, "startdatum") : DAY_NONE;
	json_decref(g);
	if (folded && case_reopens(&st, start))
		return true;
	sb_puts(why, "het dossier is niet meer te heropenen voor dit verzuim");
	return false;
}

/* Reopen dossier `id` for an absence since startdatum of a pupil classified
 * as c; whether it did. */
static bool reopen(store *st, int64_t id, const classification *c, const char *now)
{
	char start[DATE_TEXT];
	date_format(c->startdatum, start);
	strbuf reden = STRBUF_INIT;
	sb_printf(&reden, "automatisch heropend: %s binnen een jaar na de terugkeer naar school", CATEGORIE_LABELS[c->cat]);
	json_t *g = json_pack("{s:s, s:s, s:b, s:s}", "startdatum", start, "categorie", CATEGORIE_CODES[c->cat],
			      "automatisch", 1, "reden", sb_str(&reden));
	sb_free(&reden);
	char *text = json_text(g);
	json_decref(g);
	new_event ne = {"heropening", now, text, 0, "inbeeld", NULL};
	int64_t event = 0;
	strbuf err = STRBUF_INIT;
	int rc = store_stream_append(st, id, &ne, check_reopening, NULL, NULL, &event, &err);
	if (rc && rc != STORE_INVALID)
		fprintf(stderr, "inbeeld: dossier %lld heropenen: %s\n", (long long)id, sb_str(&err));
	sb_free(&err);
	free(text);
	return rc == 0;
}

/* What a sweep gathers: the openings to record, and the reopenings done;
 * the organisations once an opening needs them (have_orgs). */
typedef struct sweep {
	store *st;
	const dataset *ds;
	day_t d;
	char now[DATE_TEXT];
	org_list ol;
	bool have_orgs;
	new_event *firsts;
	const char **names;
	char **texts;
	size_t n_new, cap_new, cap_names, cap_texts, reopened;
} sweep;

/* Whether pupil p, classified today into *c, is in a categorie that opens
 * a dossier. */
static bool opens_today(const sweep *w, uint32_t p, classification *c)
{
	classify(w->ds, p, w->d, c);
	return c->in_scope && categorie_opens_dossier(c->cat);
}

/* Pupil p, in a categorie that opens a dossier today (c, opens_today), whose
 * latest dossier is last (NULL: none): a new dossier when none may be
 * reopened instead. 0, or -1 with err when the organisations (for the
 * opening's regie) are unreadable. */
static int sweep_pupil(sweep *w, uint32_t p, const classification *c, const dossier_state *last, strbuf *err)
{
	/* A dossier exists: only one closed before this absence began lets a new one open. */
	strbuf why = STRBUF_INIT;
	bool may = case_may_open(last ? &last->st : NULL, c->startdatum, true, &why);
	sb_free(&why);
	/* Within the year after a return: the same dossier, reopened. */
	if (!may && last && case_reopens(&last->st, c->startdatum))
		w->reopened += reopen(w->st, last->id, c, w->now);
	if (!may)
		return 0;
	/* Outside the transaction: who needs one (the transaction checks again). */
	if (!w->have_orgs) {
		organisation *orgs = NULL;
		size_t n_orgs = 0;
		if (store_organisations_list(w->st, &orgs, &n_orgs, err))
			return -1;
		w->ol = (org_list){orgs, n_orgs};
		w->have_orgs = true;
	}
	char *text = case_opening_text(w->ds, c, &w->ol);
	w->firsts = xgrow(w->firsts, &w->cap_new, w->n_new + 1, sizeof *w->firsts);
	w->names = xgrow(w->names, &w->cap_names, w->n_new + 1, sizeof *w->names);
	w->texts = xgrow(w->texts, &w->cap_texts, w->n_new + 1, sizeof *w->texts);
	w->firsts[w->n_new] = (new_event){"opening", w->now, text, 0, "inbeeld", NULL};
	w->texts[w->n_new] = text;
	w->names[w->n_new++] = PUPIL_AT(w->ds, p).id;
	return 0;
}

/* Every pupil, with every dossier read at once. */
static int sweep_all(sweep *w, strbuf *err)
{
	dossier_state *all = NULL;
	size_t n = 0;
	if (dossiers_all(w->st, w->ds, w->d, &all, &n, err) != 0) {
		free(all);
		return -1;
	}
	const dataset *ds = w->ds;
	int32_t *latest = xmalloc((ds->n_pupils ? ds->n_pupils : 1) * sizeof *latest); /* dossier per pupil */
	for (uint32_t p = 0; p < ds->n_pupils; p++)
		latest[p] = -1;
	for (size_t i = 0; i < n; i++) { /* in id order: the last one is the latest */
		int32_t p = dataset_pupil(ds, all[i].pupil_id, strlen(all[i].pupil_id));
		if (p != NO_REF)
			latest[p] = (int32_t)i;
	}
	int rc = 0;
	for (uint32_t p = 0; p < ds->n_pupils && !rc; p++) {
		classification c;
		if (opens_today(w, p, &c))
			rc = sweep_pupil(w, p, &c, latest[p] >= 0 ? &all[latest[p]] : NULL, err);
	}
	free(latest);
	free(all);
	return rc;
}

/* Only the pupils named (distinct or not), each with its own dossiers. */
static int sweep_some(sweep *w, const char *const *only, size_t n_only, strbuf *err)
{
	for (size_t i = 0; i < n_only; i++) {
		bool again = false;
		for (size_t j = 0; j < i && !again; j++)
			again = strcmp(only[i], only[j]) == 0;
		int32_t p = again ? NO_REF : dataset_pupil(w->ds, only[i], strlen(only[i]));
		classification c;
		/* A pupil in no categorie that opens one: its dossiers are not read
		 * (a verzuim fact of a pupil who goes to school, for instance). */
		if (p == NO_REF || !opens_today(w, (uint32_t)p, &c))
			continue;
		dossier_state *mine = NULL;
		size_t n = 0;
		int rc = dossiers_of_pupil(w->st, w->ds, only[i], w->d, &mine, &n, err);
		if (!rc)
			rc = sweep_pupil(w, (uint32_t)p, &c, n ? &mine[n - 1] : NULL, err);
		free(mine);
		if (rc)
			return -1;
	}
	return 0;
}

/* Open a dossier for every pupil whose categorie opens one today (SPEC 6:
 * the AV family, LRV, LANGDURIG_ZIEK; categorie_opens_dossier) and who has no
 * open one: run after every reload of the registry and periodically (the
 * calendar moves on even when the data does not). */
size_t cases_sweep(casework *cw, const snapshot *s, const char *const *only, size_t n_only)
{
	sweep w = {.st = pool_get(cw->pool), .ds = s->ds, .d = today()};
	strbuf err = STRBUF_INIT;
	size_t opened = 0;
	date_format(w.d, w.now);
	int rc = only ? sweep_some(&w, only, n_only, &err) : sweep_all(&w, &err);
	if (rc) {
		fprintf(stderr, "inbeeld: dossiers openen: %s\n", sb_str(&err));
		goto out;
	}
	bool automatic = true;
	/* The registry opens them: the entry says so, with the rule as purpose. */
	if (w.n_new && store_streams_open(w.st, "dossier", w.names, w.firsts, w.n_new, check_opening, &automatic,
					  &CASE_OPENING_BY, &opened, &err))
		fprintf(stderr, "inbeeld: dossiers openen: %s\n", sb_str(&err));
	if (opened || w.reopened)
		cases_changed(cw);
	opened += w.reopened;
out:
	pool_put(cw->pool, w.st);
	for (size_t i = 0; i < w.n_new; i++)
		free(w.texts[i]);
	free(w.texts);
	free(w.firsts);
	free(w.names);
	if (w.have_orgs)
		organisations_free(w.ol.o, w.ol.n);
	sb_free(&err);
	return opened;
}

size_t cases_purge(casework *cw)
{
	store *st = pool_get(cw->pool);
	strbuf err = STRBUF_INIT;
	size_t removed = 0;
	if (store_dossier_purge(st, today(), &removed, &err) != 0)
		fprintf(stderr, "inbeeld: gesloten dossiers opruimen: %s\n", sb_str(&err));
	if (removed)
		cases_changed(cw);
	pool_put(cw->pool, st);
	sb_free(&err);
	return removed;
}

/* Open the dossiers the registry of s calls for, remove those closed before
 * the retention period, and say so. */
void casework_after_load(void *ctx, snapshot *s, bool first, const char *const *only, size_t n_only)
{
	casework *cw = ctx;
	/* After an update only its pupils can have changed; the calendar moves
	 * everybody on, but the periodic wake and every full read see to that. */
	size_t opened = cases_sweep(cw, s, only, n_only), removed = only ? 0 : cases_purge(cw);
	if (opened)
		fprintf(stderr, "inbeeld: %zu dossier(s) automatisch geopend\n", opened);
	if (removed)
		fprintf(stderr, "inbeeld: %zu gesloten dossier(s) na de bewaartermijn verwijderd\n", removed);
	if (first) /* operators (and make bench) wait for this */
		fprintf(stderr, "inbeeld: dossiers bijgewerkt\n");
}
