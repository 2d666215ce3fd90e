/*
 * write.h - the files of a generated dataset folder (SPEC 3.1, with the
 * holiday calendar): the per-pupil files row by row as lives are simulated,
 * then the reference files of what the pupils refer to.
 */
#ifndef INBEELD_GEN_WRITE_H
#define INBEELD_GEN_WRITE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/dataset.h"
#include "holidays.h"
#include "life.h"
#include "out.h"
#include "ref.h"

/* The part of the country generated. */
typedef struct scale {
	bool *selected; /* per gemeente */
	bool subset;	/* not the whole country */
	double fraction;
} scale;

/* The per-pupil files: leerlingen and the tables after it (dataset.h). */
#define PUPIL_FILE(t) ((t) - T_LEERLINGEN)
enum { PUPIL_FILES = T_COUNT - T_LEERLINGEN };

typedef struct writer {
	outfile f[PUPIL_FILES];
	date_texts dates;
	hour_texts hours;
	const ref *r;
	bool *used_school, *used_gem;
	uint64_t pupils;
	FILE *tags;
	FILE *cases;	  /* --dossierwerk: the case work (casework.h), or NULL */
	day_t stand;	  /* for the case work */
	const holiday_list *hol;
	uint64_t seed;
} writer;

/* Create the per-pupil files in dir, with their headers; their dates lie
 * mostly in [first, last]. Returns 0 or -1 (with a message). */
int writer_open(writer *w, const ref *r, const char *dir, day_t first, day_t last);
/* Write one life: the child numbered `number` of all children considered
 * (its leerling_id and BSN), the onr-th with an onderwijsnummer. Numbers do
 * not depend on the stand, so a child is the same pupil in every extract of
 * a series. w->tags (when set) gets its tags. */
void write_life(writer *w, const life *L, uint64_t number, uint64_t onr);
/* Close the per-pupil files: 0, or 1 when one failed (with a message). */
int writer_close(writer *w);
void writer_free(writer *w);

/* The reference files: the whole country, or for a subset its gemeenten and
 * every gemeente, school and SWV its pupils refer to. */
int write_reference(const char *dir, const ref *r, const scale *sc, writer *w, const holiday_list *hol);

#endif
