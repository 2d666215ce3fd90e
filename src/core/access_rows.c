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

int32_t access_row_school(const dataset *ds, field brin, field vest)
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

bool access_fact_visible(const dataset *ds, const access_reader *rd, table_id t, const field *f)
{
	if (!rd || t == T_LEERLINGEN)
		return true;
	day_t van = DAY_NONE, tot = DAY_OPEN;
	switch (t) {
	case T_INSCHRIJVINGEN:
	case T_VERZUIM:
	case T_MELDINGEN: {
		int32_t sc = access_row_school(ds, f[1], f[2]);
		if (sc == NO_REF || !access_names_school(ds, rd, sc))
			return false;
		if (t == T_INSCHRIJVINGEN)
			van = field_day(f[3], DAY_NONE), tot = field_day(f[4], DAY_OPEN);
		else if (t == T_VERZUIM)
			van = field_day(f[4], DAY_NONE), tot = field_day(f[5], DAY_OPEN);
		else
			van = field_day(f[4], DAY_NONE), tot = field_day(f[3], DAY_OPEN);
		break;
	}
	case T_WOONADRESSEN: van = field_day(f[2], DAY_NONE), tot = field_day(f[3], DAY_OPEN); break;
	case T_VRIJSTELLINGEN: van = field_day(f[4], field_day(f[3], DAY_NONE)), tot = field_day(f[5], DAY_OPEN); break;
	case T_AANBOD: van = field_day(f[1], DAY_NONE), tot = field_day(f[2], DAY_OPEN); break;
	default: return false;
	}
	if (!rd->reach)
		return true;
	if (van == DAY_NONE)
		van = tot == DAY_OPEN ? DAY_NONE + 1 : tot;
	if (tot < van)
		tot = van; /* a melding made before its first day: the builder says so */
	return reach_overlaps(rd->reach, van, tot);
}

bool access_row_in_scope(const dataset *ds, const scope_set *s, table_id t, const field *f)
{
	switch (t) {
	case T_INSCHRIJVINGEN:
	case T_VERZUIM:
	case T_MELDINGEN: {
		if (f[1].len != 4 || f[2].len != 2)
			return true; /* malformed: the builder will say so */
		int32_t sc = access_row_school(ds, f[1], f[2]);
		return sc == NO_REF || s->school[sc];
	}
	case T_WOONADRESSEN: {
		int32_t g = dataset_gemeente(ds, f[1].p, f[1].len);
		return g == NO_REF || s->gemeente[g];
	}
	default: return true;
	}
}
