/*
 * dataset.c - what every dataset shares: the names of its enums as the files
 * spell them, the tables of SPEC 3.1, the canonical order of facts within a
 * pupil, lookups, and freeing.
 */
#include "dataset.h"

#include <stdlib.h>
#include <string.h>

#include "ident.h"

const char *const SOORT_NAMES[SOORT_COUNT] = {"BAO", "SBO", "SO", "VO", "VSO", "PRO", "MBO"};
const char *const VERZUIM_NAMES[VZ_COUNT] = {"ongeoorloofd", "ziek", "schorsing", "verwijdering",
					     "geoorloofd"};
const char *const STATUS_NAMES[VS_COUNT] = {"aangevraagd", "verleend", "afgewezen", "ingetrokken"};
const char *const AANBOD_NAMES[AANBOD_COUNT] = {"onderwijs", "zorg", "combinatie"};
const char *const SECTOR_NAMES[2] = {"PO", "VO"};

sector soort_sector(school_soort s)
{
	return s == SOORT_BAO || s == SOORT_SBO || s == SOORT_SO ? SECTOR_PO : SECTOR_VO;
}

/* The dataset folder of SPEC 3.1. The first eleven entries are CONTRACT; the
 * two holiday files are named by SPEC 4 without columns, so their headers are
 * matched by name with common aliases (see README, "Holiday calendar"). */
const table_desc TABLES[T_COUNT] = {
	[T_GEMEENTEN] = {"gemeenten", "gemeenten.csv", false, false, false, 2,
			 {"gemeentecode", "naam"}, {0}, {0}},
	[T_SWV] = {"swv", "swv.csv", false, false, false, 3, {"swvcode", "naam", "sector"}, {0}, {0}},
	[T_SWV_GEMEENTEN] = {"swv_gemeenten", "swv_gemeenten.csv", true, false, false, 2,
			     {"swvcode", "gemeentecode"}, {0}, {0}},
	[T_SCHOLEN] = {"scholen", "scholen.csv", false, false, false, 7,
		       {"brin", "vestiging", "naam", "soort", "gemeentecode", "swv_po", "swv_vo"}, {0}, {0}},
	[T_VAKANTIEREGIOS] = {"vakantieregios", "vakantieregios.csv", true, false, true, 2,
			      {"gemeentecode", "regio"},
			      {"gemeentecode|gm_code|gemeente", "regio|vakantieregio"},
			      {false, false}},
	[T_VAKANTIES] = {"vakanties", "vakanties.csv", true, false, true, 4,
			 {"regio", "naam", "van", "tot"},
			 {"regio|vakantieregio", "naam|vakantie|omschrijving", "van|startdatum|begindatum",
			  "tot|einddatum"},
			 {false, true, false, false}},
	[T_LEERLINGEN] = {"leerlingen", "leerlingen.csv", false, false, false, 7,
			  {"leerling_id", "bsn", "onderwijsnummer", "geboortedatum", "voornaam", "achternaam",
			   "startkwalificatie"},
			  {0}, {0}},
	[T_WOONADRESSEN] = {"woonadressen", "woonadressen.csv", false, true, false, 5,
			    {"leerling_id", "gemeentecode", "van", "tot", "in_onderzoek"}, {0}, {0}},
	[T_INSCHRIJVINGEN] = {"inschrijvingen", "inschrijvingen.csv", false, true, false, 5,
			      {"leerling_id", "brin", "vestiging", "van", "tot"}, {0}, {0}},
	[T_VERZUIM] = {"verzuim", "verzuim.csv", false, true, false, 7,
		       {"leerling_id", "brin", "vestiging", "soort", "van", "tot", "uren"}, {0}, {0}},
	[T_VRIJSTELLINGEN] = {"vrijstellingen", "vrijstellingen.csv", false, true, false, 6,
			      {"leerling_id", "grond", "status", "aanvraagdatum", "van", "tot"}, {0}, {0}},
	[T_MELDINGEN] = {"meldingen", "meldingen.csv", true, true, false, 6,
			 {"leerling_id", "brin", "vestiging", "datum_melding", "eerste_verzuimdag", "soort"},
			 {0}, {0}},
	[T_AANBOD] = {"aanbod", "aanbod.csv", true, true, false, 4,
		      {"leerling_id", "datum_aanbod", "plaats_per", "soort"}, {0}, {0}},
};

/* ---- the canonical order of facts within a pupil (dataset.h) ---- */

/* Order by x, then go on. */
#define CMP(x, y)               \
	if ((x) != (y))         \
		return (x) < (y) ? -1 : 1

int residence_cmp(const void *a, const void *b)
{
	return residence_order(a, b);
}

int enrolment_cmp(const void *a, const void *b)
{
	return enrolment_order(a, b);
}

int absence_cmp(const void *a, const void *b)
{
	return absence_order(a, b);
}

int vrijstelling_cmp(const void *a, const void *b)
{
	const vrijstelling *x = a, *y = b;
	CMP(x->van, y->van);
	CMP(x->tot, y->tot);
	CMP(x->aanvraag, y->aanvraag);
	int c = strncmp(x->grond, y->grond, sizeof x->grond);
	if (c)
		return c;
	CMP(x->status, y->status);
	return 0;
}

int melding_cmp(const void *a, const void *b)
{
	const melding *x = a, *y = b;
	CMP(x->eerste_verzuimdag, y->eerste_verzuimdag);
	CMP(x->datum_melding, y->datum_melding);
	CMP(x->school, y->school);
	return strcmp(x->soort ? x->soort : "", y->soort ? y->soort : "");
}

int aanbod_cmp(const void *a, const void *b)
{
	const aanbod *x = a, *y = b;
	CMP(x->datum, y->datum);
	CMP(x->plaats_per, y->plaats_per);
	CMP(x->soort, y->soort);
	return 0;
}

#undef CMP

int32_t dataset_gemeente(const dataset *ds, const char *code, size_t len)
{
	int num;
	if (!gemeentecode_parse(code, len, &num))
		return NO_REF;
	return ds->gemeente_by_num[num];
}

int32_t dataset_swv(const dataset *ds, const char *code, size_t len)
{
	int sec, num;
	if (!swvcode_parse(code, len, &sec, &num))
		return NO_REF;
	return ds->swv_by_num[sec * 10000 + num];
}

int32_t dataset_school(const dataset *ds, const char *brin, const char *vestiging)
{
	uint32_t v;
	if (!brin_valid(brin, strlen(brin)) || !vestiging_valid(vestiging, strlen(vestiging)))
		return NO_REF;
	return u64map_get(&ds->school_index, school_key(brin, vestiging), &v) ? (int32_t)v : NO_REF;
}

/* strcmp of a NUL-terminated string with a byte range. */
static int cmp_id(const char *stored, const char *id, size_t len)
{
	int c = strncmp(stored, id, len);
	if (c)
		return c;
	return stored[len] != '\0';
}

/* Here, beside the lookups, not in dataset_overlay.c: every reader of a
 * dataset needs it (the generator links this file, not the overlay). */
uint32_t overlay_slot(const dataset_overlay *ov, uint32_t p)
{
	size_t lo = 0, hi = ov->delta->n_pupils;
	while (lo + 1 < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ov->pupil[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo; /* p is moved, so it is there */
}

int32_t dataset_pupil(const dataset *ds, const char *id, size_t len)
{
	size_t lo = 0, hi = ds->n_pupils;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_id(ds->pupils[mid].id, id, len);
		if (c == 0)
			return (int32_t)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NO_REF;
}

void dataset_free(dataset *ds)
{
	if (!ds)
		return;
	if (!ds->borrowed_reference) {
		free(ds->gemeenten);
		free(ds->gemeente_by_num);
		free(ds->swvs);
		free(ds->swv_by_num);
		free(ds->swv_gemeenten);
		free(ds->region_swv[0]);
		free(ds->region_swv[1]);
		free(ds->schools);
		u64map_free(&ds->school_index);
		free(ds->regios);
		free(ds->vakanties);
		for (size_t i = 0; ds->calendars && i < ds->n_regios; i++)
			calendar_free(&ds->calendars[i]);
		free(ds->calendars);
	}
	free(ds->pupils);
	free(ds->ages);
	free(ds->res);
	free(ds->enr);
	free(ds->abs);
	free(ds->vrij);
	free(ds->meld);
	free(ds->aanbod);
	for (int k = 0; k < F_COUNT; k++)
		free(ds->off[k]);
	arena_free(&ds->strings);
	free(ds);
}
