/*
 * melddiscipline_run.h - the melddiscipline query (issue 12, SPEC 7): per
 * school of a caller's selection for a period, and per SWV and gemeente of
 * those schools for comparison, what core/melddiscipline.c says of its
 * meldingen, its unreported duties and its registration.
 */
#ifndef INBEELD_APP_MELDDISCIPLINE_RUN_H
#define INBEELD_APP_MELDDISCIPLINE_RUN_H

#include "../core/melddiscipline.h"
#include "status.h"

/* The figures of one school, or of a group of schools (an SWV, a gemeente). */
typedef struct md_figures {
	int32_t meldingen;	   /* meldingen with datum_melding in the period */
	int32_t in_term;	   /* of which within 7 days of the first day of absence */
	int64_t median;		   /* days to the melding, hundredths; -1 without meldingen */
	int64_t share_in_term;	   /* in_term / meldingen, hundredths of a percent; -1 without */
	int32_t duties, duties_unreported; /* MELDPLICHT_16_UUR moments, and those never reported */
	int32_t lrv, lrv_unreported;	   /* LRV runs, and those never reported */
	int32_t enrolments, enrolments_late;	   /* enrolments whose van lies in the period, and */
	int32_t deregistrations, deregistrations_late; /* ends: those recorded more than 7 days late */
	int32_t silence;		   /* longest stretch of school days without any absence */
	bool onvolledig;		   /* registratie onvolledig (groups: any school of it) */
	int32_t schools;		   /* schools in the group (1 for a school) */
} md_figures;

typedef struct md_school_row {
	int32_t school;
	md_figures f;
} md_school_row;

typedef struct md_result {
	md_school_row *rows; /* the selection, in school order */
	size_t n;
	md_figures *by_swv;	 /* [n_swvs]: over every school of the SWV */
	md_figures *by_gemeente; /* [n_gemeenten]: over every school in the gemeente */
} md_result;

/* An enrolment (its van) or its end (its tot), with the day the registry
 * first recorded it (store_registrations). */
typedef struct md_registration {
	int32_t school;
	day_t named, recorded;
	bool ending;
} md_registration;

/* The schools a caller sees melddiscipline of, for the period: a school its
 * own vestigingen, leerplicht the schools its residents attended in the
 * period, an SWV its schools; set NULL: every school. */
void md_selection(const dataset *ds, const scope_set *set, md_period per, bool *shown);

/* The figures of the shown schools (a flag per school) for the period, up
 * to today, and of their SWVs and gemeenten, with the n_regs registrations
 * of the period. index: status.h (may be NULL). */
void melddiscipline_run(const dataset *ds, const pupil_index *index, const bool *shown, md_period per, day_t today,
			const md_registration *regs, size_t n_regs, int threads, md_result *out);
void md_result_free(md_result *r);

#endif
