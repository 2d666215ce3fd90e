/*
 * encode.h - a dataset back into canonical rows of text, table by table.
 *
 * The canonical text of a fact is what the registry stores: ISO dates, codes,
 * "0"/"1", hours without trailing zeros, and NULL (len 0) for empty fields.
 * Encoding what the builder produced and building again gives the same
 * dataset; comparing canonical rows is how an import finds what changed.
 */
#ifndef INBEELD_ENCODE_H
#define INBEELD_ENCODE_H

#include "dataset.h"
#include "facts.h"

/* Calls emit(ctx, fields) for every row of table t, in dataset order. The
 * fields are valid during the call only. Returns the number of rows. */
size_t encode_table(const dataset *ds, table_id t, void (*emit)(void *ctx, const field *fields), void *ctx);

/* Rows of table t for one pupil only (per-pupil tables). */
size_t encode_pupil_table(const dataset *ds, table_id t, uint32_t pupil,
			  void (*emit)(void *ctx, const field *fields), void *ctx);

/* Hundredths of an hour as canonical text ("12", "12.5", "12.25"). */
void format_uren(int32_t hundredths, char out[16]);

#endif
