/*
 * api_reference.c - the registry's reference data (gemeenten, SWV, scholen),
 * whether the server runs and reaches its registry, and the API description.
 */
#include <stdio.h>
#include <string.h>

#include "api.h"

/* Whether the server runs and reaches its registry: a load balancer sends no
 * requests to a process whose database connection is gone (503). The check
 * asks the registry for its newest batch through a connection of the pool,
 * so it also waits when every connection is in use. */
void h_health(req *r)
{
	store *st = pool_get(&r->srv->pool);
	strbuf err = STRBUF_INIT;
	int64_t newest = 0;
	int rc = store_version(st, &newest, &err);
	pool_put(&r->srv->pool, st);
	if (rc) {
		fprintf(stderr, "inbeeld: gezondheid: de registratie is niet bereikbaar: %s\n", sb_str(&err));
		sb_free(&err);
		reply_error(r, 503, "niet_bereikbaar", "de registratie is niet bereikbaar");
		return;
	}
	sb_free(&err);
	snapshot *s = snapshot_acquire(&r->srv->snap);
	json_t *j = json_pack("{s:s, s:I, s:I}", "status", "ok", "registratie", (json_int_t)s->version, "leerlingen",
			      (json_int_t)s->ds->n_pupils);
	snapshot_release(s);
	reply_json(r, 200, j);
}

void h_openapi(req *r)
{
	if (r->srv->openapi)
		reply_shared(r, 200, shared_body_ref(r->srv->openapi));
	else
		reply_error(r, 404, "niet_gevonden", "er is geen beschrijving van de API");
}

void h_referentie(req *r)
{
	const char *what = r->params[0];
	snapshot *s = snapshot_acquire(&r->srv->snap);
	const dataset *ds = s->ds;
	const char *gem = query(r, "gemeente"), *swv_code = query(r, "swv");
	int32_t g = gem ? dataset_gemeente(ds, gem, strlen(gem)) : NO_REF;
	int32_t w = swv_code ? dataset_swv(ds, swv_code, strlen(swv_code)) : NO_REF;
	json_t *arr = json_array();
	if (strcmp(what, "gemeenten") == 0) {
		for (size_t i = 0; i < ds->n_gemeenten; i++) {
			const gemeente *gm = &ds->gemeenten[i];
			japp(arr, json_pack("{s:s, s:s, s:s*}", "gemeentecode", gm->code, "naam", gm->naam,
							     "vakantieregio", gm->regio == NO_REF ? NULL : ds->regios[gm->regio]));
		}
	} else if (strcmp(what, "swv") == 0) {
		for (size_t i = 0; i < ds->n_swvs; i++) {
			json_t *gems = json_array();
			for (size_t k = 0; k < ds->n_swv_gemeenten; k++)
				if (ds->swv_gemeenten[k].swv == (int32_t)i)
					japp(gems, json_string(ds->gemeenten[ds->swv_gemeenten[k].gemeente].code));
			japp(arr, json_pack("{s:s, s:s*, s:s, s:o}", "swvcode", ds->swvs[i].code, "naam",
							     ds->swvs[i].naam, "sector", SECTOR_NAMES[ds->swvs[i].sector],
							     "gemeenten", gems));
		}
	} else if (strcmp(what, "scholen") == 0) {
		for (size_t i = 0; i < ds->n_schools; i++) {
			const school *sc = &ds->schools[i];
			if ((gem && sc->gemeente != g) || (swv_code && sc->swv != w))
				continue;
			japp(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s*}", "brin", sc->brin, "vestiging",
							     sc->vestiging, "naam", sc->naam, "soort", SOORT_NAMES[sc->soort],
							     "gemeentecode", ds->gemeenten[sc->gemeente].code, "swv",
							     sc->swv == NO_REF ? NULL : ds->swvs[sc->swv].code));
		}
	} else {
		json_decref(arr);
		snapshot_release(s);
		reply_error(r, 404, "niet_gevonden", "onbekende referentiegegevens '%.20s' (gemeenten, swv of scholen)", what);
		return;
	}
	version_header(r, s);
	snapshot_release(s);
	reply_json(r, 200, arr);
}
