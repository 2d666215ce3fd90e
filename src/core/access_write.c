/*
 * access_write.c - writes that can never widen the writer's reach (issue 11):
 * the place of a row, absence and meldingen within the school's enrolment,
 * the enrolment flow (recent, identified), and residences that only the BRP
 * adds. See access.h (access_write_check).
 */
#include "access.h"

#include <string.h>

/* The days of a row of table t as a period (its van and tot, or what stands
 * for them); false for rows without days. */
static bool row_days(table_id t, const field *f, day_t *van, day_t *tot)
{
	day_t a, b;
	const field *fa = NULL, *fb = NULL;
	switch (t) {
	case T_WOONADRESSEN: fa = &f[2], fb = &f[3]; break;
	case T_INSCHRIJVINGEN: fa = &f[3], fb = &f[4]; break;
	case T_VERZUIM: fa = &f[4], fb = &f[5]; break;
	case T_MELDINGEN: fa = &f[4], fb = &f[4]; break; /* the first day of absence it reports */
	default: return false;
	}
	if (!fa->len || date_parse(fa->p, fa->len, &a) != 0)
		return false;
	if (!fb->len)
		b = DAY_OPEN;
	else if (date_parse(fb->p, fb->len, &b) != 0)
		return false;
	*van = a;
	*tot = b;
	return true;
}

/* The reach a school has through its enrolments at one vestiging (verzuim and
 * meldingen belong to the enrolment at their own vestiging). */
static void enrolments_at(const dataset *ds, uint32_t p, int32_t sc, reach *out)
{
	*out = (reach){0};
	const enrolment *e = PUPIL_FACTS(ds, F_ENROLMENT, enr, p);
	period tmp[64];
	size_t n = 0;
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_ENROLMENT, p); i < n_facts && n < 64; i++)
		if (e[i].school == sc)
			tmp[n++] = (period){e[i].van, e[i].tot};
	/* sort by start and join, so that reach_first_gap walks them in order */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && tmp[j].van < tmp[j - 1].van; j--) {
			period x = tmp[j];
			tmp[j] = tmp[j - 1];
			tmp[j - 1] = x;
		}
	for (size_t i = 0; i < n; i++)
		reach_add(out, tmp[i].van, tmp[i].tot);
}

/* Whether the identification given with an enrolment names this pupil. */
static bool identifies(const pupil *pu, const char *bsn, const char *onderwijsnummer)
{
	return (bsn && *bsn && pu->bsn && strcmp(bsn, pu->bsn) == 0) ||
	       (onderwijsnummer && *onderwijsnummer && pu->onderwijsnummer &&
		strcmp(onderwijsnummer, pu->onderwijsnummer) == 0);
}

write_verdict access_write_check(const dataset *ds, const scope_set *s, int32_t p, const write_request *w,
				 day_t *when)
{
	*when = DAY_NONE;
	if (access_writes_by_place(s->rol, w->t)) {
		if ((w->new_row && !access_row_in_scope(ds, s, w->t, w->new_row)) ||
		    (w->old_row && !access_row_in_scope(ds, s, w->t, w->old_row)))
			return WRITE_PLACE_OUT_OF_SCOPE;
	} else {
		/* Facts about the pupil as a whole: the pupil in scope today. */
		classification c;
		if (p == NO_REF)
			return WRITE_PLACE_OUT_OF_SCOPE;
		classify(ds, (uint32_t)p, w->today, &c);
		return access_sees_pupil(ds, s, (uint32_t)p, &c) ? WRITE_OK : WRITE_PLACE_OUT_OF_SCOPE;
	}
	day_t van, tot;
	bool school_row = w->t == T_INSCHRIJVINGEN || w->t == T_VERZUIM || w->t == T_MELDINGEN;
	if (s->rol == ROLE_SCHOOL && school_row) {
		if (!w->new_row || !row_days(w->t, w->new_row, &van, &tot))
			return WRITE_OK; /* an end, or a row the builder refuses */
		if (w->t == T_INSCHRIJVINGEN) {
			reach before = {0};
			if (p != NO_REF)
				access_reach(ds, s, (uint32_t)p, &before);
			day_t gap = reach_first_gap(&before, van, tot);
			reach_free(&before);
			if (gap == DAY_NONE)
				return WRITE_OK; /* within what the school already had */
			*when = gap;
			if (gap < w->today - ENROL_BACK_DAYS)
				return WRITE_TOO_EARLY;
			if (van > w->today + ENROL_AHEAD_DAYS) {
				*when = van;
				return WRITE_TOO_LATE;
			}
			if (p != NO_REF && !identifies(&PUPIL_AT(ds, p), w->bsn, w->onderwijsnummer))
				return WRITE_NEEDS_IDENT;
			return WRITE_OK;
		}
		if (p == NO_REF)
			return WRITE_OUTSIDE_ENROLMENT;
		int32_t sc = access_row_school(ds, w->new_row[1], w->new_row[2]);
		if (sc == NO_REF)
			return WRITE_OK; /* the builder says what is wrong */
		reach at;
		enrolments_at(ds, (uint32_t)p, sc, &at);
		day_t gap = reach_first_gap(&at, van, tot);
		bool none = at.n == 0;
		reach_free(&at);
		if (none)
			return WRITE_OUT_OF_SCOPE;
		*when = gap;
		return gap == DAY_NONE ? WRITE_OK : WRITE_OUTSIDE_ENROLMENT;
	}
	if (s->rol == ROLE_LEERPLICHT && w->t == T_WOONADRESSEN) {
		if (p == NO_REF)
			return WRITE_OK; /* a new pupil: nothing to widen */
		reach before;
		access_reach(ds, s, (uint32_t)p, &before);
		write_verdict v = WRITE_OK;
		if (!before.n)
			v = WRITE_OUT_OF_SCOPE;
		else if (w->new_row && row_days(w->t, w->new_row, &van, &tot) &&
			 (*when = reach_first_gap(&before, van, tot)) != DAY_NONE)
			v = WRITE_RESIDENCE_FROM_BRP;
		reach_free(&before);
		return v;
	}
	return WRITE_OK;
}
