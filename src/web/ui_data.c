/*
 * ui_data.c - what the pages show, from the app's queries: the pupils a user
 * may see on a day (the status query, computed once per snapshot, role,
 * scope and day), and the counts of the gebieden a role looks at first (the
 * counts query).
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "ui.h"

const status_row *ui_visible(req *r, snapshot *s, day_t d, size_t *n, shared_body **hold)
{
	char dt[DATE_TEXT];
	date_format(d, dt);
	strbuf key = STRBUF_INIT;
	caller_cache_key(r, "ui-zichtbaar", &key);
	sb_printf(&key, "|%s", dt);
	size_t count = 0;
	shared_body *body = snapshot_cache_get(s, sb_str(&key), &count);
	if (!body) {
		status_rows list = {0};
		if (role_sees_pupils(r->who->rol)) { /* the others see no pupils on a page */
			scope_set set;
			scope_resolve(&r->who->sc, s->ds, &set);
			status_query q = status_query_of(d);
			q.scope = &set;
			q.index = &s->index;
			status_run(s->ds, &q, r->srv->cfg.threads, &list);
			scope_set_free(&set);
		}
		count = list.n;
		status_row none = {0};
		body = shared_body_new(list.n ? (const char *)list.rows : (const char *)&none,
				       (list.n ? list.n : 1) * sizeof *list.rows);
		status_rows_free(&list);
		snapshot_cache_put(s, sb_str(&key), body, count);
	}
	sb_free(&key);
	*hold = body;
	*n = count;
	return (const status_row *)(const void *)body->data;
}

void ui_home_counts(req *r, snapshot *s, const day_t *days, size_t n_days, counts *out)
{
	scope_set set;
	scope_resolve(&r->who->sc, s->ds, &set);
	counts_query q = {.v = access_home_view(r->who->rol), .days = days, .n_days = n_days, .scope = &set, .home = true,
			  .protect = role_counts_protected(r->who->rol)};
	snapshot_source src = {s, r->srv->cfg.threads};
	counts_run(s->ds, &q, snapshot_tellingen, &src, out);
	scope_set_free(&set);
}

size_t ui_home_gebieden(req *r, const dataset *ds, view *v, size_t *out, size_t max)
{
	*v = access_home_view(r->who->rol);
	scope_set set;
	scope_resolve(&r->who->sc, ds, &set);
	size_t n = 0, total = *v == VIEW_SWV ? ds->n_swvs : ds->n_gemeenten;
	for (size_t g = 0; g < total && n < max; g++)
		if (access_home_gebied(ds, &set, g))
			out[n++] = g;
	scope_set_free(&set);
	return n;
}
