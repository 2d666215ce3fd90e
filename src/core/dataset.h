/*
 * dataset.h - the validated facts of a registry, as compact per-pupil timelines.
 *
 * A dataset is what every count is computed from, whether it was read from a
 * dataset folder (SPEC 3.1) or from the registry database. Reference data is
 * held in code order; pupils in leerling_id byte order; every kind of fact in
 * one array sorted by pupil, with an offset array (CSR layout) so that the
 * facts of pupil p are arr[off[p] .. off[p+1]). Classifying everybody is one
 * linear scan over these arrays.
 *
 * Indices into reference tables are int32_t; NO_REF means "none".
 */
#ifndef INBEELD_DATASET_H
#define INBEELD_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/arena.h"
#include "../util/hashmap.h"
#include "calendar.h"
#include "date.h"

#define NO_REF (-1)

typedef enum sector { SECTOR_PO = 0, SECTOR_VO = 1 } sector;

typedef enum school_soort {
	SOORT_BAO,
	SOORT_SBO,
	SOORT_SO,
	SOORT_VO,
	SOORT_VSO,
	SOORT_PRO,
	SOORT_MBO,
	SOORT_COUNT
} school_soort;

typedef enum absence_kind {
	VZ_ONGEOORLOOFD,
	VZ_ZIEK,
	VZ_SCHORSING,
	VZ_VERWIJDERING,
	VZ_GEOORLOOFD,
	VZ_COUNT
} absence_kind;

typedef enum vrij_status {
	VS_AANGEVRAAGD,
	VS_VERLEEND,
	VS_AFGEWEZEN,
	VS_INGETROKKEN,
	VS_COUNT
} vrij_status;

typedef enum grond_kind { GROND_5A, GROND_5B, GROND_5C, GROND_OVERIG } grond_kind;

typedef enum aanbod_soort {
	AANBOD_ONDERWIJS,
	AANBOD_ZORG,
	AANBOD_COMBINATIE,
	AANBOD_COUNT
} aanbod_soort;

/* Names as they appear in the dataset files, indexed by the enums above. */
extern const char *const SOORT_NAMES[SOORT_COUNT];
extern const char *const VERZUIM_NAMES[VZ_COUNT];
extern const char *const STATUS_NAMES[VS_COUNT];
extern const char *const AANBOD_NAMES[AANBOD_COUNT];
extern const char *const SECTOR_NAMES[2];

sector soort_sector(school_soort s);

typedef struct gemeente {
	char code[7];
	const char *naam;
	int32_t regio; /* vakantieregio, NO_REF when unknown */
} gemeente;

typedef struct swv {
	char code[7];
	const char *naam; /* may be NULL */
	uint8_t sector;
} swv;

typedef struct swv_gemeente {
	int32_t swv, gemeente;
} swv_gemeente;

typedef struct school {
	char brin[5];
	char vestiging[3];
	const char *naam;
	uint8_t soort;
	int32_t gemeente;
	int32_t swv_po, swv_vo; /* as given; NO_REF when empty */
	int32_t swv;		/* the SWV the site belongs to for its soort (SPEC 5) */
} school;

typedef struct vakantie {
	int32_t regio;
	day_t van, tot;
	const char *naam; /* may be NULL */
} vakantie;

typedef struct pupil {
	const char *id;
	/* Identity: only kept when the dataset was built with BUILD_IDENTITY. */
	const char *bsn, *onderwijsnummer, *voornaam, *achternaam;
	day_t geboortedatum, startkwalificatie;
	day_t lp_start, kwal_end; /* derived */
} pupil;

typedef struct residence {
	day_t van, tot; /* tot DAY_OPEN when ongoing */
	int32_t gemeente;
	uint8_t in_onderzoek;
} residence;

typedef struct enrolment {
	day_t van, tot;
	int32_t school;
} enrolment;

typedef struct absence {
	day_t van, tot;
	int32_t school;
	int32_t uren; /* hundredths of an hour, -1 when not given */
	uint8_t soort;
} absence;

typedef struct vrijstelling {
	day_t aanvraag, van, tot; /* DAY_NONE when empty; tot DAY_OPEN when empty */
	uint8_t kind;		  /* grond_kind */
	uint8_t status;		  /* vrij_status */
	char grond[8];
} vrijstelling;

typedef struct aanbod {
	day_t datum, plaats_per; /* plaats_per DAY_NONE when no place yet */
	uint8_t soort;
} aanbod;

typedef struct melding {
	day_t datum_melding, eerste_verzuimdag;
	int32_t school;
	const char *soort; /* may be NULL */
} melding;

/* The dataset tables, in the order they must be read (each refers only to
 * tables before it). */
typedef enum table_id {
	T_GEMEENTEN,
	T_SWV,
	T_SWV_GEMEENTEN,
	T_SCHOLEN,
	T_VAKANTIEREGIOS,
	T_VAKANTIES,
	T_LEERLINGEN,
	T_WOONADRESSEN,
	T_INSCHRIJVINGEN,
	T_VERZUIM,
	T_VRIJSTELLINGEN,
	T_MELDINGEN,
	T_AANBOD,
	T_COUNT
} table_id;

#define TABLE_MAX_COLS 8

typedef struct table_desc {
	const char *name;  /* "woonadressen" */
	const char *file;  /* "woonadressen.csv" */
	bool optional;	   /* the file may be absent */
	bool per_pupil;	   /* first column is leerling_id */
	bool flexible;	   /* not in the CONTRACT: header matched by name and aliases */
	int ncols;
	const char *cols[TABLE_MAX_COLS];
	/* For flexible tables: accepted header names per column, '|'-separated,
	 * and whether the column may be missing from the header. */
	const char *aliases[TABLE_MAX_COLS];
	bool col_optional[TABLE_MAX_COLS];
} table_desc;

extern const table_desc TABLES[T_COUNT];

/* The per-pupil fact tables, in timeline order. */
typedef enum fact_kind {
	F_RESIDENCE,
	F_ENROLMENT,
	F_ABSENCE,
	F_VRIJSTELLING,
	F_MELDING,
	F_AANBOD,
	F_COUNT
} fact_kind;

typedef struct dataset_overlay dataset_overlay;

typedef struct dataset {
	arena strings;

	gemeente *gemeenten; /* by code */
	size_t n_gemeenten;
	int32_t *gemeente_by_num; /* [10000]: GMnnnn -> index */

	swv *swvs; /* by code */
	size_t n_swvs;
	int32_t *swv_by_num; /* [20000]: PO nnnn -> nnnn, VO nnnn -> 10000 + nnnn */

	swv_gemeente *swv_gemeenten; /* by (swv, gemeente) */
	size_t n_swv_gemeenten;
	/* Per sector, per gemeente: the lowest SWV of that sector whose region
	 * contains the gemeente (SPEC 5), NO_REF when none. */
	int32_t *region_swv[2];

	school *schools; /* by (brin, vestiging) */
	size_t n_schools;
	u64map school_index;

	char **regios; /* vakantieregio names (lower case) */
	size_t n_regios;
	vakantie *vakanties;
	size_t n_vakanties;
	holiday_calendar *calendars; /* per regio */

	pupil *pupils; /* by id, byte order (dataset_pupil searches it) */
	size_t n_pupils;
	/* Per pupil, packed for the scans over everybody: the days it is of age
	 * for leerplicht or kwalificatieplicht (lp_start .. kwal_end). */
	struct age_span {
		day_t from, to;
	} *ages;

	residence *res;
	enrolment *enr;
	absence *abs;
	vrijstelling *vrij;
	melding *meld;
	aanbod *aanbod;
	size_t n_fact[F_COUNT];
	uint32_t *off[F_COUNT]; /* n_pupils + 1 entries each */

	/* NULL for a dataset as built. A view (dataset_overlay.h) shares every
	 * array above with its base and lays over it the pupils changed since:
	 * read pupils and facts through the accessors below, never the arrays. */
	const dataset_overlay *ov;
	/* True for a dataset built on another's reference data (builder_new_on):
	 * the reference arrays above (gemeenten to calendars) and their texts
	 * are that dataset's, which must outlive this one; dataset_free leaves
	 * them. */
	bool borrowed_reference;
} dataset;

void dataset_free(dataset *ds);

/* The canonical order of each kind of fact within a pupil (qsort-style, on
 * the structs above): the builder sorts every pupil's facts by it, and the
 * generator writes them in it, so a generated dataset loads without sorting.
 * Reference indices compare as numbers, which is code order. */
int residence_cmp(const void *a, const void *b);
int enrolment_cmp(const void *a, const void *b);
int absence_cmp(const void *a, const void *b);
int vrijstelling_cmp(const void *a, const void *b);
int melding_cmp(const void *a, const void *b);
int aanbod_cmp(const void *a, const void *b);
/* The orders of the three largest kinds, inline (the builder's fast path
 * asks one per row): below 0, 0 or above 0, as their _cmp. */
static inline int dataset_order(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}
static inline int residence_order(const residence *x, const residence *y)
{
	int c = x->van != y->van ? dataset_order(x->van, y->van) : dataset_order(x->tot, y->tot);
	c = c ? c : dataset_order(x->gemeente, y->gemeente);
	return c ? c : dataset_order(x->in_onderzoek, y->in_onderzoek);
}
static inline int enrolment_order(const enrolment *x, const enrolment *y)
{
	int c = x->van != y->van ? dataset_order(x->van, y->van) : dataset_order(x->tot, y->tot);
	return c ? c : dataset_order(x->school, y->school);
}
static inline int absence_order(const absence *x, const absence *y)
{
	int c = x->van != y->van ? dataset_order(x->van, y->van) : dataset_order(x->tot, y->tot);
	c = c ? c : dataset_order(x->school, y->school);
	c = c ? c : dataset_order(x->soort, y->soort);
	return c ? c : dataset_order(x->uren, y->uren);
}

/* Lookups; each returns NO_REF when unknown. */
int32_t dataset_gemeente(const dataset *ds, const char *code, size_t len);
int32_t dataset_swv(const dataset *ds, const char *code, size_t len);
int32_t dataset_school(const dataset *ds, const char *brin, const char *vestiging);
int32_t dataset_pupil(const dataset *ds, const char *id, size_t len);

/* The pupils changed since the base of a view: their pupil rows, age spans
 * and facts in `delta` (a dataset without reference data, delta entry d
 * being base pupil pupil[d], ascending), and a bit per base pupil saying
 * whether it is one of them. A delta fact's global index (what a
 * classification names, c->residence say) is the base's count of that kind
 * plus its index in the delta. */
struct dataset_overlay {
	const dataset *delta;
	const uint32_t *pupil;
	const uint8_t *moved;
};

/* The delta entry of changed pupil p (dataset.c). */
uint32_t overlay_slot(const dataset_overlay *ov, uint32_t p);

/* Whether pupil p of ds is read from its overlay: for a dataset as built
 * one predictable branch. */
static inline bool pupil_moved(const dataset *ds, uint32_t p)
{
	return __builtin_expect(ds->ov != NULL, 0) && (ds->ov->moved[p >> 3] >> (p & 7) & 1);
}

/* Facts of one pupil. A kind without rows (an optional file left out) has
 * no array: its NULL is handed on as is, never offset (NULL + 0 is
 * undefined behaviour, issue 11). The _RAW forms read a dataset's own arrays. */
#define PUPIL_FACTS_RAW(ds, kind, arr, p) ((ds)->arr ? (ds)->arr + (ds)->off[kind][p] : (ds)->arr)
#define PUPIL_NFACTS_RAW(ds, kind, p) ((ds)->off[kind][(p) + 1] - (ds)->off[kind][p])
#define PUPIL_FACTS(ds, kind, arr, p)                                                                  \
	(pupil_moved(ds, p) ? PUPIL_FACTS_RAW((ds)->ov->delta, kind, arr, overlay_slot((ds)->ov, p)) \
			    : PUPIL_FACTS_RAW(ds, kind, arr, p))
#define PUPIL_NFACTS(ds, kind, p)                                                                  \
	(pupil_moved(ds, p) ? PUPIL_NFACTS_RAW((ds)->ov->delta, kind, overlay_slot((ds)->ov, p)) \
			    : PUPIL_NFACTS_RAW(ds, kind, p))
/* The global index of pupil p's first fact of a kind. */
#define PUPIL_FIRST(ds, kind, p)                                                                           \
	(pupil_moved(ds, p) ? (uint32_t)(ds)->n_fact[kind] + (ds)->ov->delta->off[kind][overlay_slot((ds)->ov, p)] \
			    : (ds)->off[kind][p])
/* The fact with global index i of a kind (an lvalue, like arr[i]). */
#define FACT_AT(ds, kind, arr, i)                                                                     \
	(*(__builtin_expect((ds)->ov != NULL, 0) && (size_t)(i) >= (ds)->n_fact[kind]               \
		   ? &(ds)->ov->delta->arr[(size_t)(i) - (ds)->n_fact[kind]]                            \
		   : &(ds)->arr[i]))
/* Pupil p's row and age span (lvalues, like pupils[p]). */
#define PUPIL_AT(ds, p) \
	(*(pupil_moved(ds, p) ? &(ds)->ov->delta->pupils[overlay_slot((ds)->ov, p)] : &(ds)->pupils[p]))
#define AGES_AT(ds, p) (*(pupil_moved(ds, p) ? &(ds)->ov->delta->ages[overlay_slot((ds)->ov, p)] : &(ds)->ages[p]))

#endif
