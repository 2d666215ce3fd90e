/*
 * access.c - who may see what: roles and scopes, pupils and gebieden, and
 * which organisations are concerned with a pupil. See access.h.
 */
#include "access.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "ident.h"

const char *const ROLE_NAMES[ROLE_COUNT] = {"school", "leerplicht", "swv", "analist", "beheerder"};

role role_from_name(const char *name)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (strcmp(ROLE_NAMES[r], name) == 0)
			return (role)r;
	return ROLE_COUNT;
}

bool role_sees_pupils(role r)
{
	return r == ROLE_SCHOOL || r == ROLE_LEERPLICHT || r == ROLE_SWV;
}

bool role_counts_protected(role r)
{
	return r == ROLE_ANALIST;
}

const char *role_purpose(role r, bool break_glass)
{
	switch (r) {
	case ROLE_SCHOOL: return "zorgplicht en verzuimmelding (Leerplichtwet art. 21, WPO/WVO)";
	case ROLE_LEERPLICHT: return "toezicht op de naleving van de Leerplichtwet";
	case ROLE_SWV: return "passend onderwijs: toewijzing en dekkend aanbod (WPO/WVO)";
	case ROLE_ANALIST: return "beleidsinformatie (geaggregeerd)";
	default: return break_glass ? "noodtoegang (break-glass)" : "beheer";
	}
}

static bool code_valid(role r, const char *c, size_t len)
{
	int a, b;
	switch (r) {
	case ROLE_SCHOOL: return len == 7 && c[4] == ':' && brin_valid(c, 4) && vestiging_valid(c + 5, 2);
	case ROLE_LEERPLICHT:
	case ROLE_ANALIST: return gemeentecode_parse(c, len, &a);
	case ROLE_SWV: return swvcode_parse(c, len, &a, &b);
	default: return false;
	}
}

static const char *code_example(role r)
{
	switch (r) {
	case ROLE_SCHOOL: return "BRIN:VESTIGING, bv. 11AA:00";
	case ROLE_SWV: return "SWV-codes, bv. PO2701";
	default: return "gemeentecodes, bv. GM0363";
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int scope_parse(role r, const char *text, scope *out, strbuf *err)
{
	*out = (scope){.rol = r};
	if (r == ROLE_BEHEERDER) {
		if (strcmp(text, "*") != 0) {
			sb_printf(err, "de scope van een beheerder is '*'");
			return -1;
		}
		out->all = true;
		return 0;
	}
	size_t cap = 0;
	const char *p = text;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (!code_valid(r, p, len)) {
			sb_printf(err, "'%.*s' past niet in de scope van rol %s (verwacht %s, gescheiden door komma's)",
				  (int)(len > 32 ? 32 : len), p, ROLE_NAMES[r], code_example(r));
			scope_free(out);
			return -1;
		}
		out->codes = xgrow(out->codes, &cap, out->n + 1, sizeof *out->codes);
		out->codes[out->n++] = xstrndup(p, len);
		p += len + (comma ? 1 : 0);
		if (comma && !*p)
			break;
	}
	if (!out->n) {
		sb_printf(err, "de scope is leeg (verwacht %s)", code_example(r));
		return -1;
	}
	qsort(out->codes, out->n, sizeof *out->codes, cmp_str);
	size_t k = 1;
	for (size_t i = 1; i < out->n; i++) {
		if (strcmp(out->codes[i], out->codes[k - 1]) == 0)
			free(out->codes[i]);
		else
			out->codes[k++] = out->codes[i];
	}
	out->n = k;
	return 0;
}

void scope_free(scope *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->codes[i]);
	free(s->codes);
	*s = (scope){0};
}

void scope_format(const scope *s, strbuf *out)
{
	if (s->all) {
		sb_putc(out, '*');
		return;
	}
	for (size_t i = 0; i < s->n; i++)
		sb_printf(out, "%s%s", i ? "," : "", s->codes[i]);
}

void scope_resolve(const scope *s, const dataset *ds, scope_set *out)
{
	*out = (scope_set){.rol = s->rol, .all = s->all};
	out->gemeente = xcalloc(ds->n_gemeenten ? ds->n_gemeenten : 1, sizeof(bool));
	out->swv = xcalloc(ds->n_swvs ? ds->n_swvs : 1, sizeof(bool));
	out->school = xcalloc(ds->n_schools ? ds->n_schools : 1, sizeof(bool));
	for (size_t i = 0; i < s->n; i++) {
		const char *c = s->codes[i];
		int32_t idx = NO_REF;
		switch (s->rol) {
		case ROLE_SCHOOL: {
			char brin[5], vest[3];
			memcpy(brin, c, 4);
			brin[4] = '\0';
			memcpy(vest, c + 5, 2);
			vest[2] = '\0';
			idx = dataset_school(ds, brin, vest);
			if (idx != NO_REF)
				out->school[idx] = true;
			break;
		}
		case ROLE_SWV:
			idx = dataset_swv(ds, c, strlen(c));
			if (idx != NO_REF)
				out->swv[idx] = true;
			break;
		default:
			idx = dataset_gemeente(ds, c, strlen(c));
			if (idx != NO_REF)
				out->gemeente[idx] = true;
			break;
		}
		if (idx == NO_REF)
			out->unknown++;
	}
}

void scope_set_free(scope_set *s)
{
	free(s->gemeente);
	free(s->swv);
	free(s->school);
	*s = (scope_set){0};
}

static bool enrolled_in_scope(const dataset *ds, const scope_set *s, uint32_t p, day_t d, bool by_swv)
{
	const enrolment *e = PUPIL_FACTS(ds, F_ENROLMENT, enr, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_ENROLMENT, p); i < n_facts; i++) {
		if (e[i].van > d || d > e[i].tot)
			continue;
		const school *sc = &ds->schools[e[i].school];
		if (by_swv ? sc->swv != NO_REF && s->swv[sc->swv] : s->school[e[i].school])
			return true;
	}
	return false;
}

bool access_sees_pupil(const dataset *ds, const scope_set *s, uint32_t p, const classification *c)
{
	switch (s->rol) {
	case ROLE_SCHOOL: return enrolled_in_scope(ds, s, p, c->peildatum, false);
	case ROLE_LEERPLICHT: return c->gemeente != NO_REF && s->gemeente[c->gemeente];
	case ROLE_SWV:
		return (c->swv != NO_REF && s->swv[c->swv]) || enrolled_in_scope(ds, s, p, c->peildatum, true);
	default: return false;
	}
}

bool access_sees_pupil_or_case(const dataset *ds, const scope_set *s, uint32_t p, const classification *c,
			       bool leads_case)
{
	return leads_case || access_sees_pupil(ds, s, p, c);
}

const char *const ORG_KIND_NAMES[ORG_KIND_COUNT] = {"school", "leerplicht", "swv", "gemeente", "beheer", "zorg"};

org_kind org_kind_from_name(const char *name)
{
	for (int k = 0; k < ORG_KIND_COUNT; k++)
		if (name && strcmp(ORG_KIND_NAMES[k], name) == 0)
			return (org_kind)k;
	return ORG_KIND_COUNT;
}

role org_kind_role(org_kind k)
{
	switch (k) {
	case ORG_SCHOOL: return ROLE_SCHOOL;
	case ORG_LEERPLICHT: return ROLE_LEERPLICHT;
	case ORG_SWV: return ROLE_SWV;
	default: return ROLE_COUNT;
	}
}

bool org_kind_leads_cases(org_kind k)
{
	return k == ORG_SCHOOL || k == ORG_LEERPLICHT || k == ORG_SWV || k == ORG_ZORG;
}

/* The schools concerned with pupil p on day d: the enrolments on d (else the
 * last one before d), and those that start after d. */
static bool school_concerned(const dataset *ds, uint32_t p, const classification *c, const bool *in_scope, bool by_swv)
{
	const enrolment *e = PUPIL_FACTS(ds, F_ENROLMENT, enr, p);
	day_t d = c->peildatum;
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_ENROLMENT, p); i < n_facts; i++) {
		int32_t k = (int32_t)(PUPIL_FIRST(ds, F_ENROLMENT, p) + i);
		bool on = e[i].van <= d && d <= e[i].tot, later = e[i].van > d;
		if (!on && !later && (k != c->last_enrolment || c->enrolment >= 0))
			continue;
		int32_t idx = by_swv ? ds->schools[e[i].school].swv : e[i].school;
		if (idx != NO_REF && in_scope[idx])
			return true;
	}
	return false;
}

/* The gemeenten concerned: the residence on d, else the last one before d,
 * and those that start after d. */
static bool residence_concerned(const dataset *ds, uint32_t p, const classification *c, const bool *in_scope)
{
	const residence *r = PUPIL_FACTS(ds, F_RESIDENCE, res, p);
	day_t d = c->peildatum;
	int32_t last = NO_REF;
	day_t last_end = DAY_NONE;
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_RESIDENCE, p); i < n_facts; i++) {
		if ((r[i].van <= d && d <= r[i].tot) || r[i].van > d) {
			if (in_scope[r[i].gemeente])
				return true;
		} else if (last_end == DAY_NONE || r[i].tot > last_end) {
			last = r[i].gemeente;
			last_end = r[i].tot;
		}
	}
	return c->gemeente == NO_REF && last != NO_REF && in_scope[last];
}

bool access_concerned(const dataset *ds, org_kind k, const scope_set *s, uint32_t p, const classification *c)
{
	switch (k) {
	case ORG_ZORG: return true;
	case ORG_SCHOOL: return s && school_concerned(ds, p, c, s->school, false);
	case ORG_SWV: return s && ((c->swv != NO_REF && s->swv[c->swv]) || school_concerned(ds, p, c, s->swv, true));
	case ORG_LEERPLICHT: return s && residence_concerned(ds, p, c, s->gemeente);
	default: return false;
	}
}

/* Whether gemeente g lies in the region of an SWV of the scope, or SWV w has
 * a scope gemeente in its region. */
static bool region_links(const dataset *ds, const bool *in_gemeente, const bool *in_swv, int32_t g, int32_t w)
{
	for (size_t i = 0; i < ds->n_swv_gemeenten; i++) {
		const swv_gemeente *sg = &ds->swv_gemeenten[i];
		if (g != NO_REF && sg->gemeente == g && in_swv[sg->swv])
			return true;
		if (w != NO_REF && sg->swv == w && in_gemeente[sg->gemeente])
			return true;
	}
	return false;
}

bool access_sees_gebied(const dataset *ds, const scope_set *s, view v, size_t gebied)
{
	if (s->all)
		return true;
	int32_t g = v == VIEW_GEMEENTE ? (int32_t)gebied : NO_REF, w = v == VIEW_SWV ? (int32_t)gebied : NO_REF;
	switch (s->rol) {
	case ROLE_LEERPLICHT:
	case ROLE_ANALIST:
		return v == VIEW_GEMEENTE ? s->gemeente[gebied] : region_links(ds, s->gemeente, s->swv, NO_REF, w);
	case ROLE_SWV: return v == VIEW_SWV ? s->swv[gebied] : region_links(ds, s->gemeente, s->swv, g, NO_REF);
	case ROLE_SCHOOL:
		for (size_t i = 0; i < ds->n_schools; i++)
			if (s->school[i] &&
			    (v == VIEW_GEMEENTE ? ds->schools[i].gemeente == g : ds->schools[i].swv == w))
				return true;
		return false;
	default: return false;
	}
}

bool access_writes_by_place(role r, table_id t)
{
	return (r == ROLE_LEERPLICHT && t == T_WOONADRESSEN) ||
	       (r == ROLE_SCHOOL && (t == T_INSCHRIJVINGEN || t == T_VERZUIM || t == T_MELDINGEN));
}
