/*
 * ref_internal.h - what ref.c (loading the sources) and ref_derive.c (what
 * they lack) share. Not for use outside them.
 */
#ifndef INBEELD_GEN_REF_INTERNAL_H
#define INBEELD_GEN_REF_INTERNAL_H

#include "ref.h"

/* A row of swv_gemeenten.csv: how much of a gemeente lies in an SWV. */
typedef struct share_row {
	int32_t swv, gem;
	double inwoners, aandeel;
} share_row;

/* The sum of the coordinates of a gemeente's school sites, and their number. */
typedef struct geo {
	double lat, lon, n;
} geo;

/* Schools in (brin, vestiging) order. */
int school_cmp(const void *a, const void *b);

/* ref_derive.c */
void name_swvs(ref *r, const share_row *rows, size_t n);
void generate_mbo(ref *r);
void index_schools(ref *r);
void geography(ref *r, const geo *centre);
void character(ref *r);

#endif
