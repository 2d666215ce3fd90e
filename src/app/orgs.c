/*
 * orgs.c - the organisations using inbeeld. See orgs.h.
 */
#include "orgs.h"

#include <string.h>

int orgs_read(store *st, org_list *l, strbuf *err)
{
	*l = (org_list){0};
	return store_organisations_list(st, &l->o, &l->n, err);
}

void orgs_free(org_list *l)
{
	organisations_free(l->o, l->n);
	*l = (org_list){0};
}

const organisation *org_by_id(const org_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->o[i].id == id)
			return &l->o[i];
	return NULL;
}

int64_t org_named(const org_list *l, const char *naam)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->o[i].naam, naam) == 0)
			return l->o[i].id;
	return 0;
}

/* The first organisation of a kind whose scope holds code, 0 when none. */
static int64_t org_for(const org_list *l, org_kind kind, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (org_kind_from_name(l->o[i].soort) == kind && list_has(l->o[i].scope, code))
			return l->o[i].id;
	return 0;
}

int64_t default_regie(const dataset *ds, const classification *c, const org_list *l)
{
	regie_candidate cand[3];
	size_t n = regie_default(ds, c, cand);
	int64_t org = 0;
	for (size_t i = 0; i < n && !org; i++)
		org = org_for(l, cand[i].kind, cand[i].code);
	return org;
}

bool org_concerned(const dataset *ds, const organisation *o, uint32_t p, const classification *c)
{
	org_kind k = org_kind_from_name(o->soort);
	role rl = org_kind_role(k);
	scope sc;
	strbuf err = STRBUF_INIT;
	bool has_scope = rl != ROLE_COUNT && o->scope && scope_parse(rl, o->scope, &sc, &err) == 0;
	sb_free(&err);
	scope_set set = {0};
	if (has_scope)
		scope_resolve(&sc, ds, &set);
	bool yes = org_kind_leads_cases(k) && access_concerned(ds, k, has_scope ? &set : NULL, p, c);
	if (has_scope) {
		scope_set_free(&set);
		scope_free(&sc);
	}
	return yes;
}
