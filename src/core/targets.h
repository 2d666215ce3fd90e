/*
 * targets.h - targets (doelen) of SPEC 8: a goal for a gebied or a group of
 * gebieden, a straight line from the baseline to it, and whether the actual
 * figure is on track.
 *
 * A target names
 *   - the gebieden (gemeenten or SWV's of one view), summed;
 *   - the regels, of the Resultaatschema (SPEC 5, counted on a peildatum) or
 *     of the jaartelling (SPEC 8.1, counted over a schooljaar), summed, and the
 *     column: totaal, or 3 maanden of langer / langer_dan_3_maanden;
 *   - the baseline: a peildatum (SPEC 5) or a schooljaar (SPEC 8.1);
 *   - the goal: a relative change of the baseline figure (hundredths of a
 *     percent: -7500 is -75 %) or a number;
 *   - the date by which the goal should be met.
 * The way there is a straight line from (baseline day, baseline figure) to
 * (target date, goal); after the target date the line stays at the goal. A
 * schooljaar's figure stands on its last day (31 July), when it is complete.
 * The region is on track when the actual figure is at or below the line.
 *
 * The struct is flat (fixed arrays, no pointers) so that a store can keep it
 * as it is; everything here is a pure function. The templates are the targets
 * the seeds set: G4 (seed 000 §2.2) and Zuid-Limburg (seed 002 §1, §2.3).
 */
#ifndef INBEELD_TARGETS_H
#define INBEELD_TARGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/strbuf.h"
#include "dataset.h"
#include "jaartelling.h"
#include "telling.h"

enum { TARGET_MAX_GEBIEDEN = 400, TARGET_NAAM = 160, TEMPLATE_MAX_TARGETS = 4 };

typedef enum target_telling {
	TT_RESULTAATSCHEMA, /* regels of SPEC 5 (regel), baseline a peildatum */
	TT_JAARTELLING,	    /* regels of SPEC 8.1 (jaar_regel), baseline a schooljaar */
} target_telling;

typedef enum target_column {
	TC_TOTAAL,
	TC_LANG, /* 3_maanden_of_langer (SPEC 5) or langer_dan_3_maanden (SPEC 8.1) */
} target_column;

typedef enum goal_kind {
	GOAL_RELATIVE, /* goal_relative: change of the baseline in hundredths of a percent */
	GOAL_NUMBER,   /* goal_number: the figure itself */
} goal_kind;

typedef struct target {
	char naam[TARGET_NAAM]; /* for people; may be empty */
	uint8_t view;		/* view: gemeenten or SWV's */
	uint16_t n_gebieden;
	char gebieden[TARGET_MAX_GEBIEDEN][7]; /* codes, summed */
	uint8_t telling;		       /* target_telling */
	uint32_t regels;		       /* bit r: regel r (SPEC 5) or jaar_regel r (SPEC 8.1) */
	uint8_t column;			       /* target_column */
	day_t baseline_peildatum;	       /* TT_RESULTAATSCHEMA; DAY_NONE otherwise */
	int32_t baseline_schooljaar;	       /* TT_JAARTELLING: the Y of Y/Y+1; 0 otherwise */
	uint8_t goal_kind;		       /* goal_kind */
	int32_t goal_relative;		       /* GOAL_RELATIVE: -10000 (to zero) .. +100000 */
	int64_t goal_number;		       /* GOAL_NUMBER: >= 0 */
	day_t target_date;		       /* the goal is to be met by this day */
} target;

/* Whether the target is complete and consistent. Otherwise false, with a
 * Dutch message naming the field in words in err. With ds, the gebieden
 * must exist in it. */
bool target_validate(const target *t, const dataset *ds, strbuf *err);

/* The day the baseline figure stands on: the peildatum, or 31 July of the
 * baseline schooljaar. */
day_t target_baseline_day(const target *t);

/* The days whose figures show the way since the baseline, in order, up to
 * and including `until`: the baseline day, then every ijkmoment (1 November,
 * 1 February, 1 June) after it (SPEC 5 targets) or the last day of every
 * complete schooljaar after it (SPEC 8.1 targets). Returns how many (at most
 * max are written). */
size_t target_points(const target *t, day_t until, day_t *out, size_t max);

/* An exact value num / den (den > 0). */
typedef struct fraction {
	int64_t num, den;
} fraction;

/* The goal for a baseline figure. */
fraction target_goal(const target *t, int64_t baseline);
/* The line on day d; false before the baseline day. */
bool target_line_at(const target *t, int64_t baseline, day_t d, fraction *out);
/* On track on day d: actual at or below the line (false before the baseline day). */
bool target_on_track(const target *t, int64_t baseline, day_t d, int64_t actual);
/* Two decimals, rounded half up on the exact fraction ("62.50"). */
void fraction_text(fraction f, char out[32]);

/* The target's figure from a count: the sum over its gebieden and regels of
 * the column. The count must be of the target's view (and kind); false when
 * it is not, or a gebied is unknown to ds. */
bool target_actual_telling(const target *t, const dataset *ds, const telling *count, int64_t *out);
bool target_actual_jaartelling(const target *t, const dataset *ds, const jaartelling *count, int64_t *out);

typedef enum target_template { TEMPLATE_G4, TEMPLATE_ZUID_LIMBURG, TEMPLATE_COUNT } target_template;

typedef struct template_desc {
	const char *code;    /* "g4", "zuid-limburg" */
	const char *naam;    /* Dutch */
	uint8_t telling;     /* target_telling: the kind of baseline the seed uses */
	const char *bron;    /* where the seed says so */
} template_desc;

extern const template_desc TEMPLATES[TEMPLATE_COUNT];

/* The targets of a template for gebieden (codes of view v) and a baseline:
 * a peildatum for G4, a schooljaar for Zuid-Limburg (TEMPLATES[].telling).
 * Writes at most TEMPLATE_MAX_TARGETS; returns how many (0 when a code is
 * empty or longer than 6 characters, or the baseline is missing). */
size_t target_template_apply(target_template tpl, view v, const char *const *gebieden, size_t n_gebieden,
			     day_t baseline_peildatum, int baseline_schooljaar, target *out);

#endif
