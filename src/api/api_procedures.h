/*
 * procedures_api.h - what the vrijstelling procedure (api_procedures.c) and
 * the review of every vrijstelling (api_reviews.c) share: a procedure's
 * stream read with its derived state, who may see it, and recording a step.
 */
#ifndef INBEELD_SERVER_PROCEDURES_API_H
#define INBEELD_SERVER_PROCEDURES_API_H

#include "../app/procedure_record.h"
#include "../core/procedure.h"
#include "dossier.h"

/* One stream: a procedure, or a vrijstelling taken over from the registry. */
typedef struct proc {
	int64_t id;
	char pupil_id[72];
	char swv[8]; /* the SWV asked for advice */
	json_t *events;
	vp_event *ev;
	size_t n, cap;
	vp_state st;
} proc;

typedef struct proc_all {
	proc *items;
	size_t n, cap;
} proc_all;

/* Every stream (pupil_id NULL) or one pupil's, in id order, with its state;
 * false (and a reply) on error. */
bool procs_load(req *r, const char *pupil_id, proc_all *a);
void proc_all_free(proc_all *a);

/* Whether the caller is the SWV asked for advice (it sees the procedure, even
 * when it cannot see the pupil). */
bool swv_asked(viewer *v, const char *swv_code);

/* Record step `kind` of procedure r->params[0] from the body, after the
 * access check and the state machine; replies. */
void procedure_step(req *r, vp_kind kind);

#endif
