/*
 * dossiers.c - the registry's dossiers with their state. See dossiers.h.
 */
#include "dossiers.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

day_t json_day(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	day_t d;
	return s && date_parse(s, strlen(s), &d) == 0 ? d : DAY_NONE;
}

char *json_text(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);
	return s ? s : xstrdup("{}");
}

bool case_event_read(const stream_event *e, case_event *ce)
{
	json_t *g = json_loads(e->gegevens ? e->gegevens : "{}", 0, NULL);
	*ce = (case_event){.id = e->id, .kind = case_kind_from_name(e->soort), .plaats_per = DAY_NONE,
			   .startdatum = DAY_NONE, .datum = DAY_NONE, .type = -1};
	date_parse(e->datum, strlen(e->datum), &ce->datum);
	if (g) {
		bool answer = ce->kind == EV_AANVAARDING || ce->kind == EV_AFWIJZING;
		ce->startdatum = json_day(g, "startdatum");
		ce->by_hand = ce->kind == EV_HEROPENING && json_is_false(json_object_get(g, "automatisch"));
		ce->plaats_per = json_day(g, ce->kind == EV_PLAATSING ? "ingangsdatum" : "plaats_per");
		ce->dagen = (int32_t)json_integer_value(json_object_get(g, "dagen"));
		ce->ref = json_integer_value(json_object_get(g, answer ? "overdracht_id" : "escalatie_id"));
		const char *org_key = ce->kind == EV_OPENING ? "regie_organisatie_id" : "organisatie_id";
		const char *user_key = ce->kind == EV_OPENING ? "regie_gebruiker_id" : "gebruiker_id";
		ce->org = json_integer_value(json_object_get(g, org_key));
		ce->user = json_integer_value(json_object_get(g, user_key));
		const char *type = json_string_value(json_object_get(g, ce->kind == EV_SLUITING ? "uitkomst"
									 : ce->kind == EV_NAZORG ? "moment"
												  : "type"));
		if (type)
			ce->type = ce->kind == EV_SLUITING ? (int32_t)uitkomst_from_code(type)
				   : ce->kind == EV_NAZORG ? (int32_t)nazorg_from_code(type)
							   : (int32_t)stagnatie_from_code(type);
		json_decref(g);
	}
	return ce->kind != EV_COUNT && ce->datum != DAY_NONE;
}

int dossier_fold(const dataset *ds, const char *pupil_id, const case_event *ev, size_t n, day_t when, case_state *st,
		 strbuf *why)
{
	int32_t p = ds ? dataset_pupil(ds, pupil_id, strlen(pupil_id)) : NO_REF;
	const holiday_calendar *cal = NULL;
	if (p != NO_REF) { /* the pupil's holiday region, as SPEC 4 finds it on that day */
		classification c;
		classify(ds, (uint32_t)p, when, &c);
		cal = calendar_for(ds, &c);
	}
	if (case_fold(ev, n, cal, when, st, why) != 0)
		return -1;
	const aanbod *a = p != NO_REF ? PUPIL_FACTS(ds, F_AANBOD, aanbod, p) : NULL;
	for (uint32_t i = 0; p != NO_REF && i < PUPIL_NFACTS(ds, F_AANBOD, p); i++)
		case_with_registry(st, &a[i].plaats_per, 1, when);
	return 0;
}

int dossier_fold_stored(const dataset *ds, const char *pupil_id, const stream_event *ev, size_t n, day_t when,
			case_state *st, strbuf *why)
{
	case_event *evs = xmalloc((n ? n : 1) * sizeof *evs);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (case_event_read(&ev[i], &evs[k]))
			k++;
	int rc = dossier_fold(ds, pupil_id, evs, k, when, st, why);
	free(evs);
	return rc;
}

/* ---- every dossier ------------------------------------------------------------ */

typedef struct all_dossiers {
	int64_t *ids;
	char (*pupils)[72];
	size_t n, cap, cap_pupils;
} all_dossiers;

static void all_stream(void *ctx, const stream_info *s)
{
	all_dossiers *a = ctx;
	a->ids = xgrow(a->ids, &a->cap, a->n + 1, sizeof *a->ids);
	a->pupils = xgrow(a->pupils, &a->cap_pupils, a->n + 1, sizeof *a->pupils);
	a->ids[a->n] = s->id;
	snprintf(a->pupils[a->n], sizeof a->pupils[a->n], "%s", s->leerling_id);
	a->n++;
}

typedef struct ev_by_stream {
	int64_t stream;
	case_event ev;
} ev_by_stream;

typedef struct ev_collect {
	ev_by_stream *items;
	size_t n, cap;
} ev_collect;

static void collect_event(void *ctx, const stream_event *e)
{
	ev_collect *c = ctx;
	c->items = xgrow(c->items, &c->cap, c->n + 1, sizeof *c->items);
	if (case_event_read(e, &c->items[c->n].ev)) {
		c->items[c->n].stream = e->stream;
		c->n++;
	}
}

int dossiers_all(store *st, const dataset *ds, day_t when, dossier_state **out, size_t *n, strbuf *err)
{
	return dossiers_of_pupil(st, ds, NULL, when, out, n, err);
}

int dossiers_of_pupil(store *st, const dataset *ds, const char *pupil_id, day_t when, dossier_state **out, size_t *n,
		      strbuf *err)
{
	all_dossiers a = {0};
	ev_collect c = {0};
	int rc = store_streams(st, "dossier", pupil_id, all_stream, &a, err);
	/* Every stream's events at once, or one pupil's streams' one by one. */
	if (!rc && !pupil_id)
		rc = store_stream_events(st, "dossier", 0, collect_event, &c, err);
	for (size_t i = 0; !rc && pupil_id && i < a.n; i++)
		rc = store_stream_events(st, "dossier", a.ids[i], collect_event, &c, err);
	*out = xcalloc(a.n ? a.n : 1, sizeof **out);
	*n = 0;
	size_t k = 0;
	for (size_t i = 0; i < a.n && !rc; i++) {
		size_t from = k;
		while (k < c.n && c.items[k].stream == a.ids[i])
			k++;
		case_event *ev = xmalloc((k - from + 1) * sizeof *ev);
		for (size_t j = from; j < k; j++)
			ev[j - from] = c.items[j].ev;
		dossier_state *d = &(*out)[*n];
		strbuf why = STRBUF_INIT;
		if (dossier_fold(ds, a.pupils[i], ev, k - from, when, &d->st, &why) == 0) {
			d->id = a.ids[i];
			snprintf(d->pupil_id, sizeof d->pupil_id, "%s", a.pupils[i]);
			(*n)++;
		}
		sb_free(&why);
		free(ev);
	}
	free(a.ids);
	free(a.pupils);
	free(c.items);
	return rc;
}

size_t dossiers_led_by(const dossier_state *all, size_t n, int64_t account_id, const char *naam, strbuf *why)
{
	size_t count = 0;
	strbuf ids = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		if (case_held_by(&all[i].st, account_id)) {
			if (count < 10)
				sb_printf(&ids, "%s%lld", count ? ", " : "", (long long)all[i].id);
			count++;
		}
	if (count)
		sb_printf(why,
			  "gebruiker '%s' is nog regiehouder van %zu open %s (%s%s): draag de regie eerst over aan een "
			  "collega of een andere organisatie, op de pagina van elk dossier (/dossiers/NUMMER, \"Regie "
			  "nemen of overdragen\"), en zet het account daarna op inactief",
			  naam, count, count == 1 ? "dossier" : "dossiers", sb_str(&ids), count > 10 ? ", ..." : "");
	sb_free(&ids);
	return count;
}
