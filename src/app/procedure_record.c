/*
 * procedure_record.c - the vrijstelling procedure's stream as the API and
 * the command line record it. See procedure_record.h.
 */
#include "procedure_record.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "compute.h"
#include "dossiers.h"

const char PROCEDURE_KIND[] = "procedure"; /* the kind of stream (migration 3) */

/* The fields of a stored step that the state depends on. */
bool step_parse(const stream_event *e, vp_event *v, json_t **data)
{
	json_t *g = json_loads(e->gegevens ? e->gegevens : "{}", 0, NULL);
	*v = (vp_event){.id = e->id, .kind = vp_kind_from_name(e->soort), .besluit = -1, .van = DAY_NONE,
			.tot = DAY_NONE, .volgende = DAY_NONE};
	if (date_parse(e->datum, strlen(e->datum), &v->datum) != 0)
		v->datum = DAY_NONE;
	if (g) {
		const char *b = json_string_value(json_object_get(g, "besluit"));
		if (b)
			v->besluit = (int32_t)vp_besluit_from_name(b);
		const char *grond = json_string_value(json_object_get(g, "grond"));
		if (grond)
			snprintf(v->grond, sizeof v->grond, "%s", grond);
		v->van = json_day(g, "van");
		v->tot = json_day(g, "tot");
		v->volgende = json_day(g, "volgende");
	}
	if (data)
		*data = g;
	else
		json_decref(g);
	return v->kind != VP_COUNT && v->datum != DAY_NONE;
}

bool check_step(void *ctx, const stream_event *so_far, size_t n, const new_event *ev, strbuf *why)
{
	(void)ev;
	step_check *sc = ctx;
	vp_event *evs = xmalloc((n + 1) * sizeof *evs);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (step_parse(&so_far[i], &evs[k], NULL))
			k++;
	vp_state st;
	bool ok = vp_fold(evs, k, today(), &st, why) == 0;
	free(evs);
	if (ok && sc->opening && st.started && st.besluit == DAY_NONE) {
		sb_puts(why, sc->next.kind == VP_AANVRAAG ? "er loopt al een vrijstellingsprocedure voor deze leerling"
							  : "er loopt een vrijstellingsprocedure voor deze leerling: leg de "
							    "herbeoordeling vast na het besluit");
		ok = false;
	} else if (ok && sc->opening && sc->next.kind == VP_REGISTRATIE &&
		   vp_backs(&st, sc->next.grond[0] ? sc->next.grond : "5a", sc->next.van, sc->next.tot)) {
		sb_puts(why, "deze vrijstelling is intussen overgenomen");
		sc->backed = true;
		ok = false;
	} else if (ok && !sc->opening) {
		ok = vp_allows(&st, &sc->next, why);
	}
	sc->refused = !ok;
	return ok;
}

static void latest_stream(void *ctx, const stream_info *s)
{
	*(int64_t *)ctx = s->id; /* in id order: the last is the latest */
}

int vp_take_over(store *st, const char *pupil_id, const vrijstelling *x, const char *swv_code, const case_actor *who,
		 step_check *sc, int64_t *stream, int64_t *event, strbuf *why)
{
	vp_event reg = vp_from_registry(x);
	char dt[DATE_TEXT], van[DATE_TEXT], tot[DATE_TEXT];
	date_format(reg.datum, dt);
	date_format(reg.van, van);
	date_format(reg.tot, tot);
	json_t *g = json_pack("{s:s, s:s, s:s, s:s*}", "grond", x->grond, "swv", swv_code, "van", van, "tot",
			      tot[0] ? tot : NULL);
	char *text = json_text(g);
	json_decref(g);
	new_event ne = {VP_KIND_NAMES[VP_REGISTRATIE], dt, text, who->id, who->naam, who->organisatie};
	*sc = (step_check){.next = reg, .opening = true};
	int rc = store_stream_open(st, PROCEDURE_KIND, pupil_id, &ne, check_step, sc, NULL, stream, event, why);
	free(text);
	return rc;
}

int vp_latest(store *st, const char *pupil_id, int64_t *stream, strbuf *why)
{
	*stream = 0;
	return store_streams(st, PROCEDURE_KIND, pupil_id, latest_stream, stream, why);
}
