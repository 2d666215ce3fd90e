/*
 * targets_run.c - a target's way so far: the figures it needs, counted from
 * the registry as known now and as known then (see targets_run.h).
 */
#include "targets_run.h"

#include <string.h>

#include "../core/target_fields.h"
#include "compute_year.h"

/* The target's figure on day d (SPEC 5) or over schooljaar y (SPEC 8.1). */
static void figure(const target *t, const dataset *ds, telling_source src, void *ctx, int threads, bool protect,
		   day_t d, int64_t *value, cell_state *state)
{
	*value = 0;
	*state = CELL_SHOWN;
	if (t->telling == TT_RESULTAATSCHEMA) {
		telling scratch = {0};
		const telling *count = src(ctx, ds, d, (view)t->view, &scratch);
		if (!target_actual_telling(t, ds, count, value))
			*state = CELL_HIDDEN;
		else if (protect)
			target_protected_telling(t, ds, count, state);
		telling_free(&scratch);
		return;
	}
	int y = civil_from_day(d).year - 1; /* d is the last day (31 July) of schooljaar y */
	jaartelling count;
	compute_jaartelling(ds, y, (view)t->view, threads, &count);
	if (!target_actual_jaartelling(t, ds, &count, value))
		*state = CELL_HIDDEN;
	else if (protect)
		target_protected_jaartelling(t, ds, &count, state);
	jaartelling_free(&count);
}

void target_progress_run(const target *t, const target_sources *src, day_t until, target_progress *out)
{
	memset(out, 0, sizeof *out);
	day_t days[PROGRESS_MAX_POINTS];
	size_t n = target_points(t, until, days, PROGRESS_MAX_POINTS);
	day_t base = target_baseline_day(t);
	int threads = src->threads;
	figure(t, src->now, src->tellingen, src->ctx, threads, src->protect, base, &out->baseline_now, &out->now_state);
	if (src->then) {
		int one = threads;
		figure(t, src->then, telling_computed, &one, threads, src->protect, base, &out->baseline_then,
		       &out->then_state);
	} else {
		out->baseline_then = out->baseline_now;
		out->then_state = out->now_state;
	}
	bool line = out->now_state == CELL_SHOWN;
	if (line)
		out->goal = target_goal(t, out->baseline_now);
	for (size_t i = 0; i < n; i++) {
		target_point *p = &out->points[out->n++];
		p->day = days[i];
		if (i == 0) {
			p->actual = out->baseline_now;
			p->actual_state = out->now_state;
		} else {
			figure(t, src->now, src->tellingen, src->ctx, threads, src->protect, days[i], &p->actual,
			       &p->actual_state);
		}
		p->has_line = line && target_line_at(t, out->baseline_now, days[i], &p->line);
		p->has_on_track = p->has_line && p->actual_state == CELL_SHOWN;
		if (p->has_on_track)
			p->on_track = target_on_track(t, out->baseline_now, days[i], p->actual);
	}
}
