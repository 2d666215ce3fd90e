/*
 * store_reference.c - the registry's reference data (gemeenten, SWVs and
 * their regions, scholen, holiday regions and holidays) as a dataset, and
 * kept on a connection for the validation of corrections (issue 17).
 *
 * Every correction is validated with the registry's reference data; built
 * anew each time, reading and checking some ten thousand rows was most of a
 * write's work at national scale. A connection therefore keeps the dataset
 * built at one batch and validates on it (builder_new_on) until an import
 * has been committed after that batch: imports are the only change of
 * reference data (store_pupil.c refuses a correction of a reference table),
 * and the batch table says of each batch what it was, whichever process
 * wrote it - several servers may share one PostgreSQL registry, so nothing
 * held in this process could tell. The question is one range of the batch
 * table's key per validation.
 */
#include "store.h"

#include "store_internal.h"

static bool reference_table(table_id t)
{
	return !TABLES[t].per_pupil && t != T_LEERLINGEN;
}

/* The reference tables as known at batch limit; NULL with err when reading
 * fails (*invalid false) or the rows do not build (*invalid true). */
static dataset *load_reference_at(store *st, int64_t limit, bool *invalid, strbuf *err)
{
	*invalid = false;
	builder *b = builder_new(0);
	int rc = 0;
	for (int t = 0; t < T_COUNT && !rc; t++)
		if (reference_table((table_id)t))
			rc = read_table(st->db, b, (table_id)t, limit, NULL, err);
	dataset *ds = rc ? NULL : builder_finish(b);
	if (!rc && !ds) {
		*invalid = true;
		sb_puts(err, "registratie bevat ongeldige referentiegegevens");
	}
	builder_free(b);
	return ds;
}

dataset *store_load_reference(store *st, strbuf *err)
{
	int64_t limit = 0;
	bool invalid;
	return batch_limit(st, NULL, &limit, err) ? NULL : load_reference_at(st, limit, &invalid, err);
}

/* Whether an import batch lies in (lo, hi]: 1, 0 or -1. */
static int import_between(store *st, int64_t lo, int64_t hi, strbuf *err)
{
	if (lo == hi)
		return 0;
	db_stmt *q;
	/* A batch's id is its key: this reads only the batches between. */
	if (prepare(st, "SELECT 1 FROM batch WHERE id > ?1 AND id <= ?2 AND kind = 'import' LIMIT 1", &q, err))
		return -1;
	if (bind_int(q, 1, lo) || bind_int(q, 2, hi)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc = db_step(q);
	db_finalize(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : db_fail(st, err, "lezen van de registratie mislukt");
}

static void reference_drop(store *st)
{
	dataset_free(st->ref);
	st->ref = NULL;
	st->ref_at = 0;
}

int reference_at(store *st, int64_t limit, const dataset **ref, strbuf *err)
{
	*ref = NULL;
	if (st->ref) {
		/* Either way round: a read as of an older batch than the kept one
		 * is served by it too when no import lies between. */
		int changed = limit >= st->ref_at ? import_between(st, st->ref_at, limit, err)
						  : import_between(st, limit, st->ref_at, err);
		if (changed < 0)
			return -1;
		if (!changed) {
			*ref = st->ref;
			return 0;
		}
		reference_drop(st);
	}
	bool invalid;
	strbuf why = STRBUF_INIT;
	dataset *ds = load_reference_at(st, limit, &invalid, &why);
	if (!ds && !invalid)
		sb_puts(err, sb_str(&why));
	sb_free(&why);
	if (!ds)
		return invalid ? 0 : -1;
	st->ref = ds;
	st->ref_at = limit;
	*ref = ds;
	return 0;
}
