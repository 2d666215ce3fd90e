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

/* Whether statement sql, with ?1 = the pupil (when pupil_id is set) and
 * ?2 = the batch, finds a row: 1, 0 or -1. */
static int any_row(store *st, const char *sql, const char *pupil_id, int64_t since, strbuf *err)
{
	sqlite3_stmt *q;
	if (prepare(st, sql, &q, err))
		return -1;
	if ((pupil_id && bind_text(q, 1, pupil_id)) || bind_int(q, 2, since)) {
		sqlite3_finalize(q);
		return bind_fail(st, err);
	}
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : db_fail(st, err, "lezen mislukt");
}

int pupil_changed_since(store *st, const char *pupil_id, int64_t since, strbuf *err)
{
	int64_t now;
	if (batch_limit(st, NULL, &now, err))
		return -1;
	if (now == since)
		return 0; /* no batch at all since */
	/* A batch's id is its rowid: this reads only the batches since. */
	int rc = any_row(st, "SELECT 1 FROM batch WHERE id > ?2 AND kind = 'import' LIMIT 1", NULL, since, err);
	for (int t = 0; t < T_COUNT && !rc; t++) {
		if (!TABLES[t].per_pupil && t != T_LEERLINGEN)
			continue;
		char sql[200];
		/* The table's leerling_id index: the pupil's few rows. */
		snprintf(sql, sizeof sql,
			 "SELECT 1 FROM %s WHERE leerling_id = ?1 AND (v_from > ?2 OR v_until > ?2) LIMIT 1", TABLES[t].name);
		rc = any_row(st, sql, pupil_id, since, err);
	}
	return rc;
}

/* ---- the checkpoint ------------------------------------------------------ */

void store_autocheckpoint(store *st, bool on)
{
	/* SQLite's default: a checkpoint by the connection whose commit takes
	 * the log past 1000 pages. */
	sqlite3_wal_autocheckpoint(st->db, on ? 1000 : 0);
}

int store_checkpoint(store *st, int *log_pages, int *copied, strbuf *err)
{
	/* PASSIVE: copies what no reader still needs, without waiting for
	 * readers or taking the write lock from writers. */
	int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, log_pages, copied);
	if (rc == SQLITE_OK || rc == SQLITE_BUSY) /* BUSY: another checkpoint runs */
		return 0;
	return db_fail(st, err, "checkpoint van het logboek mislukt");
}
