/*
 * targets_run.h - a target's way so far (SPEC 8): its baseline as known now
 * and as known when the target was set (the registratie-effect, seed 004
 * §2.2), the straight line to the goal, and the actual figure with on track
 * or not at every ijkmoment (or complete schooljaar) since. The counts come
 * from the Resultaatschema's source (counts.h) or the jaartelling
 * (compute_year.h); the rules are the core's (targets.h, target_fields.h).
 */
#ifndef INBEELD_APP_TARGETS_RUN_H
#define INBEELD_APP_TARGETS_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/suppress.h"
#include "../core/targets.h"
#include "counts.h"

enum { PROGRESS_MAX_POINTS = 80 };

typedef struct target_point {
	day_t day;
	int64_t actual;
	cell_state actual_state; /* CELL_SHOWN unless protected */
	fraction line;
	bool has_line;		  /* the line shows (the baseline is not protected) */
	bool on_track;		  /* valid when has_on_track */
	bool has_on_track;
} target_point;

typedef struct target_progress {
	int64_t baseline_now, baseline_then;
	cell_state now_state, then_state;
	fraction goal; /* valid when now_state is CELL_SHOWN */
	size_t n;
	target_point points[PROGRESS_MAX_POINTS]; /* the first is the baseline day */
} target_progress;

/* Where the counts come from. then may be NULL (known then = known now). */
typedef struct target_sources {
	const dataset *now, *then;
	telling_source tellingen; /* of now */
	void *ctx;
	int threads;
	bool protect; /* small numbers protected (role_counts_protected) */
} target_sources;

/* The way of target t up to and including `until` (today). */
void target_progress_run(const target *t, const target_sources *src, day_t until, target_progress *out);

#endif
