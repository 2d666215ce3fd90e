/*
 * classify.c - the categorie of one pupil on a peildatum (SPEC 4, CONTRACT),
 * and the next day on which it may change (classify_next_change, for counts
 * over a span of days such as the school-year count of SPEC 8.1).
 */
#include "classify.h"

#include <string.h>

#include "leerplicht.h"

const char *const CATEGORIE_CODES[CAT_COUNT] = {
	[CAT_GEEN] = "GEEN",
	[CAT_VRIJSTELLING_5A_TIJDELIJK] = "VRIJSTELLING_5A_TIJDELIJK",
	[CAT_VRIJSTELLING_5A_PERMANENT] = "VRIJSTELLING_5A_PERMANENT",
	[CAT_VRIJSTELLING_5B] = "VRIJSTELLING_5B",
	[CAT_VRIJSTELLING_5C] = "VRIJSTELLING_5C",
	[CAT_VRIJSTELLING_OVERIG] = "VRIJSTELLING_OVERIG",
	[CAT_AV_5C_IN_BEHANDELING] = "AV_5C_IN_BEHANDELING",
	[CAT_AV_ADRES_IN_ONDERZOEK] = "AV_ADRES_IN_ONDERZOEK",
	[CAT_AV_KORT] = "AV_KORT",
	[CAT_AV] = "AV",
	[CAT_LRV] = "LRV",
	[CAT_LANGDURIG_ZIEK] = "LANGDURIG_ZIEK",
	[CAT_GESCHORST_VERWIJDERD] = "GESCHORST_VERWIJDERD",
	[CAT_DREIGEND] = "DREIGEND",
};

const char *const CATEGORIE_LABELS[CAT_COUNT] = {
	[CAT_GEEN] = "gaat naar school",
	[CAT_VRIJSTELLING_5A_TIJDELIJK] = "tijdelijke vrijstelling art. 5 onder a",
	[CAT_VRIJSTELLING_5A_PERMANENT] = "permanente vrijstelling art. 5 onder a",
	[CAT_VRIJSTELLING_5B] = "vrijstelling art. 5 onder b",
	[CAT_VRIJSTELLING_5C] = "vrijstelling art. 5 onder c",
	[CAT_VRIJSTELLING_OVERIG] = "vrijstelling op een andere grond",
	[CAT_AV_5C_IN_BEHANDELING] = "absoluut verzuim, aanvraag vrijstelling 5 onder c in behandeling (niet geteld)",
	[CAT_AV_ADRES_IN_ONDERZOEK] = "absoluut verzuim, adres in onderzoek (niet geteld)",
	[CAT_AV_KORT] = "absoluut verzuim korter dan vier weken (niet geteld)",
	[CAT_AV] = "absoluut verzuim",
	[CAT_LRV] = "langdurig relatief verzuim",
	[CAT_LANGDURIG_ZIEK] = "langdurig ziek",
	[CAT_GESCHORST_VERWIJDERD] = "geschorst of verwijderd",
	[CAT_DREIGEND] = "dreigend thuiszitter (ongeoorloofd verzuim, nog geen vier weken)",
};

/* The labels of the not-counted AV groups are long for a table. */
const char *categorie_short(categorie c)
{
	switch (c) {
	case CAT_AV_5C_IN_BEHANDELING: return "AV, aanvraag 5c loopt (niet geteld)";
	case CAT_AV_ADRES_IN_ONDERZOEK: return "AV, adres in onderzoek (niet geteld)";
	case CAT_AV_KORT: return "AV korter dan 4 weken (niet geteld)";
	default: return CATEGORIE_LABELS[c];
	}
}

bool categorie_is_vrijstelling(categorie c)
{
	return c >= CAT_VRIJSTELLING_5A_TIJDELIJK && c <= CAT_VRIJSTELLING_OVERIG;
}

bool categorie_is_av_family(categorie c)
{
	return c >= CAT_AV_5C_IN_BEHANDELING && c <= CAT_AV;
}

bool categorie_is_thuiszitter(categorie c)
{
	return c == CAT_AV || c == CAT_LRV;
}

categorie categorie_from_code(const char *code)
{
	for (int i = 0; i < CAT_COUNT; i++)
		if (strcmp(CATEGORIE_CODES[i], code) == 0)
			return (categorie)i;
	return CAT_COUNT;
}

bool next_run(const absence *a, uint32_t n, unsigned classes, const holiday_calendar *cal, uint32_t *i,
	      absence_run *run)
{
	while (*i < n && !(classes & 1u << a[*i].soort))
		(*i)++;
	if (*i >= n)
		return false;
	day_t s = a[*i].van, e = a[*i].tot;
	/* Periods are sorted by start. Grow the run while the next period
	 * overlaps, touches, or is separated from it by non-school days only. */
	for ((*i)++; *i < n; (*i)++) {
		if (!(classes & 1u << a[*i].soort))
			continue;
		if (e != DAY_OPEN && a[*i].van > e + 1 && has_school_day(cal, e + 1, a[*i].van - 1))
			break;
		if (a[*i].tot > e)
			e = a[*i].tot;
	}
	*run = (absence_run){s, e};
	return true;
}

int32_t duur_dagen(day_t startdatum, day_t d)
{
	return d - startdatum + 1;
}

day_t drie_maanden_na(day_t startdatum)
{
	return add_months(startdatum, 3);
}

bool langer_dan_3_maanden(day_t startdatum, day_t d)
{
	return d >= drie_maanden_na(startdatum);
}

absence_run find_run(const absence *a, uint32_t n, unsigned classes, day_t d, const holiday_calendar *cal)
{
	uint32_t i = 0;
	absence_run r;
	while (next_run(a, n, classes, cal, &i, &r) && r.start <= d)
		if (r.end >= d)
			return r;
	return (absence_run){DAY_NONE, DAY_NONE};
}

bool aanbod_counts(day_t startdatum, day_t plaats_per, day_t d)
{
	return plaats_per != DAY_NONE && startdatum != DAY_NONE && startdatum <= plaats_per && plaats_per <= d;
}

const holiday_calendar *calendar_for(const dataset *ds, const classification *c)
{
	return c->regio == NO_REF ? NULL : &ds->calendars[c->regio];
}

/* SPEC 4 rule 2: "the one that started last (on a tie, the highest
 * brin,vestiging)"; school indices are in (brin, vestiging) order. */
static void find_enrolments(const dataset *ds, uint32_t p, day_t d, classification *c)
{
	const enrolment *e = PUPIL_FACTS(ds, F_ENROLMENT, enr, p);
	uint32_t n = PUPIL_NFACTS(ds, F_ENROLMENT, p), base = PUPIL_FIRST(ds, F_ENROLMENT, p);
	int32_t on = -1, last = -1;
	for (uint32_t i = 0; i < n; i++) {
		if (e[i].van <= d && d <= e[i].tot) {
			if (on < 0 || e[i].van > e[on].van || (e[i].van == e[on].van && e[i].school > e[on].school))
				on = (int32_t)i;
		} else if (e[i].tot < d) {
			if (last < 0 || e[i].tot > e[last].tot ||
			    (e[i].tot == e[last].tot &&
			     (e[i].van > e[last].van || (e[i].van == e[last].van && e[i].school > e[last].school))))
				last = (int32_t)i;
		} else if (e[i].van > d && ds->schools[e[i].school].soort == SOORT_MBO && c->mbo_enrolment < 0) {
			c->mbo_enrolment = (int32_t)(base + i);
		}
	}
	c->enrolment = on < 0 ? -1 : (int32_t)(base + (uint32_t)on);
	c->last_enrolment = last < 0 ? -1 : (int32_t)(base + (uint32_t)last);
}

/* Start of the unbroken residence in the Netherlands that contains index i:
 * periods join when the next starts on or before the day after the previous ends. */
static day_t residence_chain_start(const dataset *ds, uint32_t p, int32_t abs_index)
{
	const residence *r = PUPIL_FACTS(ds, F_RESIDENCE, res, p);
	int32_t i = abs_index - (int32_t)PUPIL_FIRST(ds, F_RESIDENCE, p);
	while (i > 0 && r[i - 1].tot != DAY_OPEN && r[i].van <= r[i - 1].tot + 1)
		i--;
	return r[i].van;
}

static void av_startdatum(const dataset *ds, uint32_t p, day_t d, const holiday_calendar *cal,
			  classification *c)
{
	const pupil *pu = &PUPIL_AT(ds, p);
	day_t start = c->av_leerplicht = pu->lp_start;
	c->av_residence = residence_chain_start(ds, p, c->residence);
	if (c->av_residence > start)
		start = c->av_residence;
	if (c->last_enrolment >= 0) {
		day_t last_day = FACT_AT(ds, F_ENROLMENT, enr, c->last_enrolment).tot;
		absence_run r = find_run(PUPIL_FACTS(ds, F_ABSENCE, abs, p), PUPIL_NFACTS(ds, F_ABSENCE, p),
					 CLASS_UNAUTHORISED, last_day, cal);
		c->av_enrolment_run = r.start != DAY_NONE;
		c->av_enrolment = c->av_enrolment_run ? r.start : last_day + 1;
		if (c->av_enrolment_run)
			c->run = r;
		if (c->av_enrolment > start)
			start = c->av_enrolment;
	}
	const vrijstelling *v = PUPIL_FACTS(ds, F_VRIJSTELLING, vrij, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_VRIJSTELLING, p); i < n_facts; i++)
		if (v[i].status == VS_VERLEEND && v[i].tot != DAY_OPEN && v[i].tot < d &&
		    (c->av_vrijstelling == DAY_NONE || v[i].tot + 1 > c->av_vrijstelling))
			c->av_vrijstelling = v[i].tot + 1;
	if (c->av_vrijstelling != DAY_NONE && c->av_vrijstelling > start)
		start = c->av_vrijstelling;
	c->startdatum = start;
}

static categorie av_categorie(const dataset *ds, uint32_t p, day_t d, classification *c)
{
	const vrijstelling *v = PUPIL_FACTS(ds, F_VRIJSTELLING, vrij, p);
	uint32_t base = PUPIL_FIRST(ds, F_VRIJSTELLING, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_VRIJSTELLING, p); i < n_facts; i++)
		if (v[i].kind == GROND_5C && v[i].status == VS_AANGEVRAAGD && v[i].aanvraag != DAY_NONE &&
		    v[i].aanvraag <= d) {
			c->request_5c = (int32_t)(base + i);
			return CAT_AV_5C_IN_BEHANDELING;
		}
	if (FACT_AT(ds, F_RESIDENCE, res, c->residence).in_onderzoek)
		return CAT_AV_ADRES_IN_ONDERZOEK;
	if (c->elapsed < 28)
		return CAT_AV_KORT;
	return CAT_AV;
}

static categorie enrolled_categorie(const dataset *ds, uint32_t p, day_t d, const holiday_calendar *cal,
				    classification *c)
{
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	uint32_t n = PUPIL_NFACTS(ds, F_ABSENCE, p);
	/* A run covers d only if one of its periods has not ended before d and
	 * starts on or before the first school day from d (a run joins periods
	 * across days without school only): one pass over the periods, sorted
	 * by start, finds the classes worth a search (most pupils have none). */
	day_t next = first_school_day(cal, d, d + 400);
	unsigned live = 0;
	for (uint32_t i = 0; i < n && (next == DAY_NONE || a[i].van <= next); i++)
		if (a[i].tot >= d)
			live |= 1u << a[i].soort;
	if (!live)
		return CAT_GEEN;
	const absence_run none = {DAY_NONE, DAY_NONE};
	absence_run unauth = live & CLASS_UNAUTHORISED ? find_run(a, n, CLASS_UNAUTHORISED, d, cal) : none;
	if (unauth.start != DAY_NONE && elapsed_days(cal, unauth.start, d) >= 28) {
		c->run = unauth;
		return CAT_LRV;
	}
	absence_run sick = live & CLASS_SICK ? find_run(a, n, CLASS_SICK, d, cal) : none;
	if (sick.start != DAY_NONE && elapsed_days(cal, sick.start, d) >= 28) {
		c->run = sick;
		return CAT_LANGDURIG_ZIEK;
	}
	absence_run excl = live & CLASS_EXCLUSION ? find_run(a, n, CLASS_EXCLUSION, d, cal) : none;
	if (excl.start != DAY_NONE) {
		c->run = excl;
		return CAT_GESCHORST_VERWIJDERD;
	}
	if (unauth.start != DAY_NONE) {
		c->run = unauth;
		return CAT_DREIGEND;
	}
	return CAT_GEEN;
}

const vrijstelling *vrijstelling_granted_on(const dataset *ds, uint32_t p, day_t d)
{
	const vrijstelling *v = PUPIL_FACTS(ds, F_VRIJSTELLING, vrij, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_VRIJSTELLING, p); i < n_facts; i++)
		if (v[i].status == VS_VERLEEND && v[i].van <= d && d <= v[i].tot)
			return &v[i];
	return NULL;
}

categorie vrijstelling_categorie_of(const vrijstelling *v)
{
	switch (v->kind) {
	case GROND_5A: return v->tot == DAY_OPEN ? CAT_VRIJSTELLING_5A_PERMANENT : CAT_VRIJSTELLING_5A_TIJDELIJK;
	case GROND_5B: return CAT_VRIJSTELLING_5B;
	case GROND_5C: return CAT_VRIJSTELLING_5C;
	default: return CAT_VRIJSTELLING_OVERIG;
	}
}

static categorie vrijstelling_categorie(const dataset *ds, uint32_t p, day_t d, classification *c)
{
	const vrijstelling *v = vrijstelling_granted_on(ds, p, d);
	if (!v)
		return CAT_GEEN;
	c->vrijstelling = (int32_t)(PUPIL_FIRST(ds, F_VRIJSTELLING, p) + (uint32_t)(v - PUPIL_FACTS(ds, F_VRIJSTELLING, vrij, p)));
	return vrijstelling_categorie_of(v);
}

static void attribute_swv(const dataset *ds, classification *c)
{
	if (c->enrolment >= 0)
		c->swv = c->swv_enrolled = ds->schools[FACT_AT(ds, F_ENROLMENT, enr, c->enrolment).school].swv;
	else if (c->last_enrolment >= 0)
		c->swv = ds->schools[FACT_AT(ds, F_ENROLMENT, enr, c->last_enrolment).school].swv;
	else if (categorie_is_av_family(c->cat) && c->gemeente != NO_REF)
		c->swv = ds->region_swv[c->sector][c->gemeente];
}

void classify(const dataset *ds, uint32_t p, day_t d, classification *c)
{
	const pupil *pu = &PUPIL_AT(ds, p);
	*c = (classification){
		.peildatum = d, .cat = CAT_GEEN, .startdatum = DAY_NONE, .three_months = DAY_NONE,
		.residence = -1, .enrolment = -1, .last_enrolment = -1, .vrijstelling = -1,
		.request_5c = -1, .aanbod = -1, .mbo_enrolment = -1,
		.gemeente = NO_REF, .school = NO_REF, .swv = NO_REF, .swv_enrolled = NO_REF, .regio = NO_REF,
		.av_leerplicht = DAY_NONE, .av_residence = DAY_NONE, .av_enrolment = DAY_NONE,
		.av_vrijstelling = DAY_NONE, .run = {DAY_NONE, DAY_NONE},
	};

	const residence *r = PUPIL_FACTS(ds, F_RESIDENCE, res, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_RESIDENCE, p); i < n_facts; i++)
		if (r[i].van <= d && d <= r[i].tot) {
			c->residence = (int32_t)(PUPIL_FIRST(ds, F_RESIDENCE, p) + i);
			c->gemeente = r[i].gemeente;
			break;
		}
	find_enrolments(ds, p, d, c);
	int32_t shown = c->enrolment >= 0 ? c->enrolment : c->last_enrolment;
	if (shown >= 0)
		c->school = FACT_AT(ds, F_ENROLMENT, enr, shown).school;

	c->in_scope = pu->lp_start <= d && d <= pu->kwal_end && (c->residence >= 0 || c->enrolment >= 0);
	if (!c->in_scope)
		return;

	/* Sector: the enrolment, else the last one, else age. */
	if (shown >= 0) {
		c->sector = (uint8_t)soort_sector((school_soort)ds->schools[c->school].soort);
		c->sector_basis = c->enrolment >= 0 ? SECTOR_BY_ENROLMENT : SECTOR_BY_LAST_ENROLMENT;
	} else {
		c->sector = age_on(pu->geboortedatum, d) < 12 ? SECTOR_PO : SECTOR_VO;
		c->sector_basis = SECTOR_BY_AGE;
	}

	/* Holiday region: the school's gemeente, else the residence gemeente. */
	if (c->school != NO_REF)
		c->regio = ds->gemeenten[ds->schools[c->school].gemeente].regio;
	if (c->regio == NO_REF && c->gemeente != NO_REF)
		c->regio = ds->gemeenten[c->gemeente].regio;
	const holiday_calendar *cal = calendar_for(ds, c);

	c->cat = vrijstelling_categorie(ds, p, d, c);
	if (c->cat == CAT_GEEN) {
		if (c->enrolment < 0) {
			av_startdatum(ds, p, d, cal, c);
			c->elapsed = elapsed_days(cal, c->startdatum, d);
			c->holidays = (int32_t)(d - c->startdatum) - c->elapsed;
			c->cat = av_categorie(ds, p, d, c);
			c->overstap_mbo = c->cat == CAT_AV && c->mbo_enrolment >= 0;
		} else {
			c->cat = enrolled_categorie(ds, p, d, cal, c);
			if (c->cat != CAT_GEEN) {
				c->startdatum = c->run.start;
				c->elapsed = elapsed_days(cal, c->startdatum, d);
				c->holidays = (int32_t)(d - c->startdatum) - c->elapsed;
			}
		}
	}
	if (c->startdatum != DAY_NONE) {
		c->duur_dagen = duur_dagen(c->startdatum, d);
		c->three_months = drie_maanden_na(c->startdatum);
		c->lang = langer_dan_3_maanden(c->startdatum, d);
	}
	if (categorie_is_thuiszitter(c->cat)) {
		const aanbod *a = PUPIL_FACTS(ds, F_AANBOD, aanbod, p);
		for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_AANBOD, p); i < n_facts; i++)
			if (aanbod_counts(c->startdatum, a[i].plaats_per, d)) {
				c->aanbod = (int32_t)(PUPIL_FIRST(ds, F_AANBOD, p) + i);
				break;
			}
		c->zonder_aanbod = c->aanbod < 0;
	}
	attribute_swv(ds, c);
}

/* Lower *next to b when b is a day after d. DAY_NONE lies before every day
 * and DAY_OPEN is never below *next, so neither ever lowers it. */
static inline void change_at(day_t *next, day_t d, day_t b)
{
	*next = b > d && b < *next ? b : *next;
}

/* The day after the end t of a period: DAY_OPEN for an open end; for
 * DAY_NONE a value before every day. */
static inline day_t day_after(day_t t)
{
	return t == DAY_OPEN ? DAY_OPEN : t + 1;
}

/* A term counted from start s, of something that lasts until `end` at most
 * (DAY_OPEN: no end known), changes the classification on the day it has 28
 * elapsed days (four weeks, SPEC 4) and on the day it is three calendar
 * months old (rule 5). Later than `end` they change nothing: the day after
 * the end is a change of its own. */
static void term_changes(const holiday_calendar *cal, day_t s, day_t end, day_t d, day_t *next)
{
	int64_t days = (int64_t)(end == DAY_OPEN ? d : end) - s;
	/* 28 elapsed days take 28 calendar days at least, three calendar months
	 * 89 at least and 92 at most. */
	if ((end == DAY_OPEN || days >= 28) && elapsed_days(cal, s, d) < 28)
		change_at(next, d, elapsed_reached(cal, s, 28));
	if ((end == DAY_OPEN || days >= 89) && (int64_t)d - s < 92)
		change_at(next, d, add_months(s, 3));
}

day_t classify_next_change(const dataset *ds, uint32_t p, const classification *c)
{
	const pupil *pu = &PUPIL_AT(ds, p);
	day_t d = c->peildatum, next = DAY_OPEN;
	change_at(&next, d, pu->lp_start);
	change_at(&next, d, day_after(pu->kwal_end));
	const residence *r = PUPIL_FACTS(ds, F_RESIDENCE, res, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_RESIDENCE, p); i < n_facts; i++) {
		change_at(&next, d, r[i].van);
		change_at(&next, d, day_after(r[i].tot));
	}
	const enrolment *e = PUPIL_FACTS(ds, F_ENROLMENT, enr, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_ENROLMENT, p); i < n_facts; i++) {
		change_at(&next, d, e[i].van);
		change_at(&next, d, day_after(e[i].tot));
	}
	const vrijstelling *v = PUPIL_FACTS(ds, F_VRIJSTELLING, vrij, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_VRIJSTELLING, p); i < n_facts; i++) {
		change_at(&next, d, v[i].aanvraag);
		change_at(&next, d, v[i].van);
		change_at(&next, d, day_after(v[i].tot));
	}
	const aanbod *o = PUPIL_FACTS(ds, F_AANBOD, aanbod, p);
	for (uint32_t i = 0, n_facts = PUPIL_NFACTS(ds, F_AANBOD, p); i < n_facts; i++)
		change_at(&next, d, o[i].plaats_per);
	const absence *a = PUPIL_FACTS(ds, F_ABSENCE, abs, p);
	uint32_t n = PUPIL_NFACTS(ds, F_ABSENCE, p);
	unsigned live = 0; /* the classes with a period not ended before d */
	for (uint32_t i = 0; i < n; i++) {
		if (a[i].tot >= d)
			live |= 1u << a[i].soort;
		/* Geoorloofd verzuim is in no class and changes nothing; a sick run
		 * matters only from its 28th elapsed day (below). */
		if (a[i].soort == VZ_GEOORLOOFD || a[i].soort == VZ_ZIEK)
			continue;
		change_at(&next, d, a[i].van);
		change_at(&next, d, day_after(a[i].tot));
	}
	if (!c->in_scope)
		return next; /* only the facts above can bring it into scope */
	/* Without an enrolment, now or before, the sector goes by age: it
	 * changes on the 12th birthday. An enrolment starting or ending is a
	 * change of its own. */
	if (c->sector_basis == SECTOR_BY_AGE)
		change_at(&next, d, birthday_in_year(pu->geboortedatum, civil_from_day(pu->geboortedatum).year + 12));
	/* Terms: from the startdatum of the AV family (not a run start), and
	 * from every run covering d, whichever class decides today (a run covers
	 * d only if one of its periods has not ended before d). */
	const holiday_calendar *cal = calendar_for(ds, c);
	if (categorie_is_av_family(c->cat))
		term_changes(cal, c->startdatum, DAY_OPEN, d, &next);
	static const unsigned CLASSES[] = {CLASS_UNAUTHORISED, CLASS_EXCLUSION};
	for (size_t k = 0; k < sizeof CLASSES / sizeof CLASSES[0]; k++) {
		if (!(live & CLASSES[k]))
			continue;
		uint32_t pos = 0;
		absence_run run;
		while (next_run(a, n, CLASSES[k], cal, &pos, &run) && run.start <= d)
			if (run.end >= d)
				term_changes(cal, run.start, run.end, d, &next);
	}
	/* A sick run shows only as LANGDURIG_ZIEK of an enrolled pupil, from its
	 * 28th elapsed day to its end (enrolling is a change of its own): a run
	 * that never gets that far changes nothing, one that does changes on
	 * that day, three months after its start, and the day after its end. */
	if (live & CLASS_SICK && c->enrolment >= 0) {
		uint32_t pos = 0;
		absence_run run;
		while (next_run(a, n, CLASS_SICK, cal, &pos, &run))
			if (run.end >= d && (run.end == DAY_OPEN || elapsed_days(cal, run.start, run.end) >= 28)) {
				term_changes(cal, run.start, run.end, d, &next);
				change_at(&next, d, day_after(run.end));
			}
	}
	return next;
}
