/*
 * case_record.c - recording one event in a dossier, and the automatic
 * opening's event (SPEC 6). See case_record.h.
 */
#include "case_record.h"

#include <string.h>

#include "../core/leerplicht.h"
#include "dossiers.h"

typedef struct check_ctx {
	case_event next;
	const dataset *ds; /* for the pupil's holiday calendar and registry places */
	const char *pupil_id;
	int64_t by_org;	   /* the organisation of who records it */
	day_t today;
	bool refused;	   /* the state machine said no (not the facts) */
} check_ctx;

/* Inside the write transaction: may this event follow the stored ones? */
static bool check_case(void *ctx, const stream_event *so_far, size_t n, const new_event *ev, strbuf *why)
{
	(void)ev;
	check_ctx *cc = ctx;
	case_state st;
	bool ok = dossier_fold_stored(cc->ds, cc->pupil_id, so_far, n, cc->today, &st, why) == 0 &&
		  case_may_record(&st, &cc->next, cc->today, cc->by_org, why);
	cc->refused = !ok;
	return ok;
}

int case_record(store *st, const dataset *ds, int64_t id, const char *pupil_id, const case_event *ev,
		const char *gegevens, const dossier_offer *of, const case_actor *who, day_t today, fact_result *result,
		int64_t *event, bool *refused, strbuf *why)
{
	char datum[DATE_TEXT], aanbod_dag[DATE_TEXT], plaats[DATE_TEXT];
	date_format(ev->datum, datum);
	new_event ne = {CASE_KIND_NAMES[ev->kind], datum, gegevens, who->id, who->naam, who->organisatie};
	fact_change change;
	field f[4];
	fact_facts facts = {&change, 0, who->naam, "dossier: aanbod", result};
	if (of) {
		date_format(of->datum, aanbod_dag);
		date_format(of->plaats_per, plaats);
		f[0] = (field){pupil_id, strlen(pupil_id)};
		f[1] = (field){aanbod_dag, strlen(aanbod_dag)};
		f[2] = (field){plaats, strlen(plaats)};
		f[3] = (field){of->soort, strlen(of->soort)};
		change = (fact_change){T_AANBOD, 0, f};
		facts.n = 1;
	}
	check_ctx cc = {*ev, ds, pupil_id, who->org, today, false};
	int rc = store_stream_append(st, id, &ne, check_case, &cc, &facts, event, why);
	*refused = rc == STORE_INVALID && cc.refused;
	return rc;
}

const audit_entry CASE_OPENING_BY = {.gebruikersnaam = "inbeeld", .rol = "systeem", .actie = "wijzigen",
				     .endpoint = "automatische opening", .doel = "dossier openen bij thuiszitten (SPEC 6)"};

char *case_opening_text(const dataset *ds, const classification *c, const org_list *ol)
{
	char start[DATE_TEXT];
	date_format(c->startdatum, start);
	strbuf reden = STRBUF_INIT;
	sb_printf(&reden, "automatisch geopend: %s", CATEGORIE_LABELS[c->cat]);
	json_t *g = json_pack("{s:s, s:s, s:b, s:s, s:I, s:I}", "startdatum", start, "categorie", CATEGORIE_CODES[c->cat],
			      "automatisch", 1, "reden", sb_str(&reden), "regie_organisatie_id",
			      (json_int_t)default_regie(ds, c, ol), "regie_gebruiker_id", (json_int_t)0);
	sb_free(&reden);
	char *text = json_text(g);
	json_decref(g);
	return text;
}
