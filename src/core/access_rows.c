/*
 * access_rows.c - who sees and writes which rows (SPEC 2): the gebieden a
 * role's overview is about, which facts of a pupil a school sees, and which
 * rows a school or leerplicht writes as the place they belong to. See
 * access.h.
 */
#include "access.h"

#include <string.h>

view access_home_view(role r)
{
	return r == ROLE_SWV || r == ROLE_SCHOOL ? VIEW_SWV : VIEW_GEMEENTE;
}

bool access_home_gebied(const dataset *ds, const scope_set *s, size_t g)
{
	bool mine;
	switch (s->rol) {
	case ROLE_LEERPLICHT:
	case ROLE_ANALIST: mine = s->gemeente[g]; break;
	case ROLE_SWV: mine = s->swv[g]; break;
	case ROLE_SCHOOL:
		mine = false;
		for (size_t sc = 0; sc < ds->n_schools && !mine; sc++)
			mine = s->school[sc] && ds->schools[sc].swv == (int32_t)g;
		break;
	default: mine = true;
	}
	return mine && access_sees_gebied(ds, s, access_home_view(s->rol), g);
}

/* The school of a row's brin and vestiging fields, NO_REF when malformed or unknown. */
static int32_t row_school(const dataset *ds, field brin, field vest)
{
	if (brin.len != 4 || vest.len != 2)
		return NO_REF;
	char b[5], v[3];
	memcpy(b, brin.p, 4);
	b[4] = '\0';
	memcpy(v, vest.p, 2);
	v[2] = '\0';
	return dataset_school(ds, b, v);
}

static day_t field_day(field f, day_t empty)
{
	day_t d;
	return f.len && date_parse(f.p, f.len, &d) == 0 ? d : empty;
}

static bool overlaps_enrolment(const dataset *ds, const scope_set *s, uint32_t p, day_t from, day_t to)
{
	const enrolment *e = PUPIL_FACTS(ds, F_ENROLMENT, enr, p);
	for (uint32_t i = 0; i < PUPIL_NFACTS(ds, F_ENROLMENT, p); i++)
		if (s->school[e[i].school] && e[i].van <= to && from <= e[i].tot)
			return true;
	return false;
}

bool access_fact_visible(const dataset *ds, const scope_set *s, uint32_t p, table_id t, const field *f)
{
	if (s->rol != ROLE_SCHOOL)
		return true;
	switch (t) {
	case T_LEERLINGEN: return true;
	case T_INSCHRIJVINGEN:
	case T_VERZUIM:
	case T_MELDINGEN: {
		int32_t sc = row_school(ds, f[1], f[2]);
		return sc != NO_REF && s->school[sc];
	}
	case T_WOONADRESSEN: return overlaps_enrolment(ds, s, p, field_day(f[2], DAY_NONE), field_day(f[3], DAY_OPEN));
	case T_VRIJSTELLINGEN:
		return overlaps_enrolment(ds, s, p, field_day(f[4], field_day(f[3], DAY_NONE)), field_day(f[5], DAY_OPEN));
	case T_AANBOD: return overlaps_enrolment(ds, s, p, field_day(f[1], DAY_NONE), field_day(f[2], DAY_OPEN));
	default: return false;
	}
}

bool access_writes_by_place(role r, table_id t)
{
	return (r == ROLE_LEERPLICHT && t == T_WOONADRESSEN) ||
	       (r == ROLE_SCHOOL && (t == T_INSCHRIJVINGEN || t == T_VERZUIM || t == T_MELDINGEN));
}

bool access_row_in_scope(const dataset *ds, const scope_set *s, table_id t, const field *f)
{
	switch (t) {
	case T_INSCHRIJVINGEN:
	case T_VERZUIM:
	case T_MELDINGEN: {
		if (f[1].len != 4 || f[2].len != 2)
			return true; /* malformed: the builder will say so */
		int32_t sc = row_school(ds, f[1], f[2]);
		return sc == NO_REF || s->school[sc];
	}
	case T_WOONADRESSEN: {
		int32_t g = dataset_gemeente(ds, f[1].p, f[1].len);
		return g == NO_REF || s->gemeente[g];
	}
	default: return true;
	}
}
