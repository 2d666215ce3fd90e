/*
 * store_write_path.c - keeping the registry's write lock short (issue 17).
 *
 * A correction is validated against the pupil's facts and the reference
 * data; at national scale that takes tens of milliseconds, and every other
 * writer (the audit writer with it, and so every read) waits while a write
 * transaction holds the lock. store_pupil_change therefore validates first
 * in a read transaction, remembering the registry's version (its last
 * batch), and inside the write transaction only asks whether anything that
 * validation read has changed since: an import (the only way reference data
 * changes) or a version of one of the pupil's facts begun or ended in a
 * later batch. Only then is the validation repeated under the lock, so the
 * rules hold for exactly the facts that are stored.
 */
#include <stdio.h>

#include "store_internal.h"

/* Whether statement sql, with ?1 = the batch and ?2 = the pupil (when
 * pupil_id is set), finds a row: 1, 0 or -1. */
static int any_row(store *st, const char *sql, const char *pupil_id, int64_t since, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, sql, &q, err))
		return -1;
	if (bind_int(q, 1, since) || (pupil_id && bind_text(q, 2, pupil_id))) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc = db_step(q);
	db_finalize(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : db_fail(st, err, "lezen mislukt");
}

int pupil_changed_since(store *st, const char *pupil_id, int64_t since, strbuf *err)
{
	int64_t now;
	if (batch_limit(st, NULL, &now, err))
		return -1;
	if (now == since)
		return 0; /* no batch at all since */
	/* A batch's id is its rowid: this reads only the batches since. */
	int rc = any_row(st, "SELECT 1 FROM batch WHERE id > ?1 AND kind = 'import' LIMIT 1", NULL, since, err);
	for (int t = 0; t < T_COUNT && !rc; t++) {
		if (!TABLES[t].per_pupil && t != T_LEERLINGEN)
			continue;
		char sql[200];
		/* The table's leerling_id index: the pupil's few rows. */
		snprintf(sql, sizeof sql,
			 "SELECT 1 FROM %s WHERE leerling_id = ?2 AND (v_from > ?1 OR v_until > ?1) LIMIT 1", TABLES[t].name);
		rc = any_row(st, sql, pupil_id, since, err);
	}
	return rc;
}
