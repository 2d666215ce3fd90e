/*
 * report_signals.c - the early signals of SPEC 7.1 as CSV (the CONTRACT), JSON
 * (the same names; numbers, booleans and null as status does) or a table.
 */
#include "report_signals.h"

#include <string.h>

#include "../core/nl_format.h"

const char *const SIGNAL_COLUMNS[7] = {"leerling_id", "signaal", "sinds", "waarde", "gemeld", "brin", "vestiging"};
static const char *const SIGNAL_LABELS[7] = {"leerling", "signaal", "sinds", "waarde", "gemeld", "brin", "vestiging"};

/* The seven values of SPEC 7.1 as text ("" for empty); for people (the
 * table) the signal in words, a Dutch date and number, ja/nee. */
typedef struct signal_text {
	char v[7][72];
} signal_text;

static void signal_values(const dataset *ds, const signal_entry *e, bool people, signal_text *t)
{
	memset(t, 0, sizeof *t);
	const school *sc = &ds->schools[e->school];
	snprintf(t->v[0], sizeof t->v[0], "%s", PUPIL_AT(ds, e->pupil).id);
	snprintf(t->v[1], sizeof t->v[1], "%s", people ? SIGNAAL_LABELS[e->s.kind] : SIGNAAL_CODES[e->s.kind]);
	(people ? nl_date : date_format)(e->s.sinds, t->v[2]);
	if (e->s.hundredths)
		format_hundredths(e->s.waarde, people ? ',' : '.', t->v[3]);
	else if (people)
		nl_int(e->s.waarde, t->v[3]);
	else
		snprintf(t->v[3], sizeof t->v[3], "%lld", (long long)e->s.waarde);
	if (e->s.gemeld >= 0 && people)
		snprintf(t->v[4], sizeof t->v[4], "%s", e->s.gemeld ? "ja" : "nee");
	else if (e->s.gemeld >= 0)
		snprintf(t->v[4], sizeof t->v[4], "%d", e->s.gemeld);
	snprintf(t->v[5], sizeof t->v[5], "%s", sc->brin);
	snprintf(t->v[6], sizeof t->v[6], "%s", sc->vestiging);
}

json_t *signal_json(const dataset *ds, const signal_entry *e)
{
	signal_text t;
	signal_values(ds, e, false, &t);
	json_t *o = json_object();
	json_object_set_new(o, "leerling_id", json_string(t.v[0]));
	json_object_set_new(o, "signaal", json_string(t.v[1]));
	json_object_set_new(o, "sinds", json_string(t.v[2]));
	json_object_set_new(o, "waarde", e->s.hundredths ? json_real((double)e->s.waarde / 100.0)
							 : json_integer(e->s.waarde));
	json_object_set_new(o, "gemeld", e->s.gemeld >= 0 ? json_boolean(e->s.gemeld) : json_null());
	json_object_set_new(o, "brin", json_string(t.v[5]));
	json_object_set_new(o, "vestiging", json_string(t.v[6]));
	return o;
}

static size_t pupils_in(const signal_list *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += !i || l->rows[i].pupil != l->rows[i - 1].pupil;
	return n;
}

/* The lists with their dataset, as report_list asks them. */
typedef struct signals_ctx {
	const dataset *ds;
	const signal_list *lists;
} signals_ctx;

static size_t signals_count(const void *ctx, size_t k)
{
	return ((const signals_ctx *)ctx)->lists[k].n;
}

static void signals_text(const void *ctx, size_t k, size_t i, bool people, char v[][72])
{
	const signals_ctx *sc = ctx;
	signal_text t;
	signal_values(sc->ds, &sc->lists[k].rows[i], people, &t);
	memcpy(v, t.v, sizeof t.v);
}

static json_t *signals_json(const void *ctx, size_t k, size_t i)
{
	const signals_ctx *sc = ctx;
	return signal_json(sc->ds, &sc->lists[k].rows[i]);
}

void report_signals(strbuf *out, const dataset *ds, const signal_list *lists, const day_t *peildata, size_t n,
		    out_format fmt)
{
	signals_ctx sc = {ds, lists};
	list_source src = {7, SIGNAL_COLUMNS, SIGNAL_LABELS, 3, signals_count, signals_text, signals_json, &sc};
	report_list(out, &src, peildata, n, fmt);
	if (fmt != FMT_TABLE)
		return;
	for (size_t k = 0; k < n; k++) {
		char d[DATE_TEXT];
		size_t p = pupils_in(&lists[k]);
		nl_date(peildata[k], d);
		sb_printf(out, "%zu signa%s bij %zu leerling%s op %s\n", lists[k].n, lists[k].n == 1 ? "al" : "len", p,
			  p == 1 ? "" : "en", d);
	}
}
