/*
 * orgs.h - the organisations using inbeeld (SPEC 6): read once per request,
 * found by id or name, who leads a new dossier among them (regie_default),
 * and whether one is concerned with a pupil so that regie may go to it.
 */
#ifndef INBEELD_APP_ORGS_H
#define INBEELD_APP_ORGS_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/cases.h"
#include "../store/store.h"

typedef struct org_list {
	organisation *o;
	size_t n;
} org_list;

int orgs_read(store *st, org_list *l, strbuf *err);
void orgs_free(org_list *l);
const organisation *org_by_id(const org_list *l, int64_t id);
/* The id of the organisation named naam, 0 when none. */
int64_t org_named(const org_list *l, const char *naam);
/* Who leads a new dossier for a pupil classified as c: the first candidate
 * of regie_default that uses inbeeld. 0 when none does: the dossier is then
 * listed as one without regie. */
int64_t default_regie(const dataset *ds, const classification *c, const org_list *l);
/* Whether regie may go to organisation o for pupil p classified as c: an
 * organisation of a kind that leads cases, concerned with the pupil
 * (access_concerned). */
bool org_concerned(const dataset *ds, const organisation *o, uint32_t p, const classification *c);

#endif
