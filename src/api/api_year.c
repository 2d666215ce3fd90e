/*
 * api_year.c - the school-year count over the API (SPEC 8.1, 11):
 * GET /api/jaartelling, the gebieden in the caller's scope, small numbers
 * protected for the analist as /api/telling does. Aggregates only: no audit
 * entry. The answer is cached in the snapshot it was computed from.
 */
#include <stdlib.h>
#include <string.h>

#include "../app/steer.h"
#include "../io/report_jaar.h"
#include "api.h"

/* The schooljaar parameter: its first year, YYYY; false after a 400 reply. */
bool schooljaar_param(req *r, int *y)
{
	const char *sj = query(r, "schooljaar");
	*y = sj && strlen(sj) == 4 ? atoi(sj) : 0;
	if (*y < DATE_MIN_YEAR || *y >= DATE_MAX_YEAR) {
		reply_error(r, 400, "ongeldige_parameter",
			    "parameter 'schooljaar' verwacht het beginjaar van een schooljaar als JJJJ (bv. 2024 voor 2024/2025)");
		return false;
	}
	return true;
}

/* A cell as JSON: the number, "<5" or "x"; null where the regel has no such column. */
static json_t *year_cell(const jaar_value *v, int col, const jaar_suppression *sp, jaar_regel r)
{
	bool has = col == JCOL_TOTAAL || (col == JCOL_LANG ? v->has_lang : v->has_opgelost);
	if (!has)
		return json_null();
	const char *mark = cell_mark(sp ? sp->cell[r][col] : CELL_SHOWN, false);
	if (mark)
		return json_string(mark);
	return json_integer(col == JCOL_TOTAAL ? v->totaal : col == JCOL_LANG ? v->lang : v->opgelost);
}

/* The rows of the query as the CONTRACT JSON array (SPEC 8.1 columns as keys). */
static json_t *year_rows(const dataset *ds, const year_counts *c)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < c->n_gebieden; i++) {
		jaar_suppression buf;
		const jaar_suppression *sp = year_counts_protection(c, i, &buf);
		for (int r = 0; r < JR_COUNT; r++) {
			json_t *o = jaartelling_row_json(ds, c->t, c->gebieden[i], (jaar_regel)r);
			jaar_value v;
			year_counts_value(c, i, (jaar_regel)r, &v);
			jset(o, "totaal", year_cell(&v, JCOL_TOTAAL, sp, (jaar_regel)r));
			jset(o, "langer_dan_3_maanden", year_cell(&v, JCOL_LANG, sp, (jaar_regel)r));
			jset(o, "opgelost", year_cell(&v, JCOL_OPGELOST, sp, (jaar_regel)r));
			japp(arr, o);
		}
	}
	return arr;
}

void h_jaartelling(req *r)
{
	int y;
	if (!schooljaar_param(r, &y))
		return;
	view v = strcmp(query(r, "per"), "swv") == 0 ? VIEW_SWV : VIEW_GEMEENTE;
	const char *gebied = query(r, "gebied");
	snapshot *s = snapshot_acquire(&r->srv->snap);
	strbuf key = STRBUF_INIT;
	caller_cache_key(r, "jaartelling", &key);
	sb_printf(&key, "|%d|%d|%s", v, y,
		  gebied ? gebied : "");
	size_t count = 0;
	shared_body *body = snapshot_cache_get(s, sb_str(&key), &count);
	if (!body) {
		const dataset *ds = s->ds;
		scope_set set;
		scope_resolve(&r->who->sc, ds, &set);
		bool *keep = gebied_keep(ds, v, gebied);
		year_query q = {.v = v, .schooljaar = y, .scope = &set, .keep = keep,
				.protect = role_counts_protected(r->who->rol)};
		year_counts c;
		year_counts_run(s, &q, r->srv->cfg.threads, &c);
		json_t *arr = year_rows(ds, &c);
		year_counts_free(&c);
		free(keep);
		scope_set_free(&set);
		body = cache_counts(s, sb_str(&key), arr, NULL);
	}
	reply_counts(r, s, body);
	sb_free(&key);
	snapshot_release(s);
}
