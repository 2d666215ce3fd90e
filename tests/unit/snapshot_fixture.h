/*
 * snapshot_fixture.h - what the snapshot tests share: the example registry
 * in a file of their own, a snapshot read from it in full, a pupil's current
 * row of a table, a change to a pupil as the API makes it, and a pupil picked
 * at random for a change that moves it on or off the lists. Header-only (as
 * registry.h), included by test_snapshot_update.c and test_snapshot_patch.c.
 */
#ifndef INBEELD_TEST_SNAPSHOT_FIXTURE_H
#define INBEELD_TEST_SNAPSHOT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "helpers.h"
#include "registry.h"

#include "../../src/app/snapshot.h"
#include "../../src/core/classify.h"
#include "../../src/io/dataset_dir.h"
#include "../../src/io/report.h"

static char db_path[64];

/* The example registry in a file of its own (db_path) for test `name`. */
static inline store *example_registry(const char *name)
{
	snprintf(db_path, sizeof db_path, "/tmp/test_snapshot_%s_%d.db", name, (int)getpid());
	registry_remove(db_path);
	strbuf err = STRBUF_INIT;
	dataset *ds = dataset_dir_load("examples/voorbeeld", BUILD_IDENTITY, NULL, NULL, 1, &err, NULL);
	if (!ds)
		fail_msg("%s", sb_str(&err));
	store *st = registry_open(db_path);
	import_options opt = {.actor = "test"};
	import_stats stats;
	if (store_import(st, ds, &opt, &stats, &err) != 0)
		fail_msg("%s", sb_str(&err));
	dataset_free(ds);
	sb_free(&err);
	return st;
}

static inline snapshot *full(store *st)
{
	strbuf err = STRBUF_INIT;
	snapshot *s = snapshot_load(st, 1, &err);
	if (!s)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	return s;
}

/* The current row id and fields of table t of a pupil (the first one, or
 * the first with an open tot when open). */
typedef struct found {
	table_id t;
	bool open;
	int64_t id;
	char text[TABLE_MAX_COLS][64];
} found;

static inline void find_row(void *ctx, const fact_version *v)
{
	found *f = ctx;
	if (v->t != f->t || f->id)
		return;
	if (f->open && v->t == T_INSCHRIJVINGEN && v->f[4].len)
		return;
	f->id = v->id;
	for (int i = 0; i < TABLES[v->t].ncols; i++)
		snprintf(f->text[i], sizeof f->text[i], "%.*s", (int)v->f[i].len, v->f[i].len ? v->f[i].p : "");
}

static inline bool row_of(store *st, const char *id, table_id t, bool open, found *f)
{
	*f = (found){.t = t, .open = open};
	strbuf err = STRBUF_INIT;
	assert_int_equal(store_pupil_facts(st, id, false, find_row, f, &err), 1);
	sb_free(&err);
	return f->id != 0;
}

static inline field fld(const char *s)
{
	return (field){s, strlen(s)};
}

/* A change to one row of pupil id as the API makes it: 0, or the store's
 * refusal (STORE_INVALID...). */
static inline int change_rc(store *st, const char *id, table_id t, int64_t replaces, const field *f)
{
	fact_change ch = {t, replaces, f};
	int64_t batch, ids[1];
	strbuf err = STRBUF_INIT;
	int rc = store_pupil_change(st, id, &ch, 1, "test", "test", &batch, ids, NULL, &err);
	sb_free(&err);
	return rc;
}

static inline void change(store *st, const char *id, table_id t, int64_t replaces, const field *f)
{
	int rc = change_rc(st, id, t, replaces, f);
	if (rc)
		fail_msg("wijziging van %s: %d", id, rc);
}

/* A pupil picked at random who is on no list on day d but enrolled then
 * (a verzuim puts it on some), or (for_aanbod) one on the lists without a
 * passend aanbod (a case's aanbod changes its rows). */
static inline const char *pick(store *st, const snapshot *s, day_t d, bool for_aanbod, uint64_t *seed, found *row)
{
	for (int tries = 0; tries < 100000; tries++) {
		uint32_t p = (uint32_t)(random_next(seed) % s->ds->n_pupils);
		classification c;
		classify(s->ds, p, d, &c);
		const char *id = PUPIL_AT(s->ds, p).id;
		if (for_aanbod ? c.in_scope && c.cat != CAT_GEEN && c.zonder_aanbod
			   : c.in_scope && c.cat == CAT_GEEN && c.enrolment >= 0 && row_of(st, id, T_INSCHRIJVINGEN, true, row))
			return id;
	}
	return NULL;
}

/* Rows as /api/status answers them: the JSON array at once (free it). */
static inline char *rows_json(const dataset *ds, const status_rows *rows)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < rows->n; i++)
		json_array_append_new(arr, status_json(ds, &rows->rows[i]));
	char *body = json_dumps(arr, JSON_COMPACT);
	assert_non_null(body);
	json_decref(arr);
	return body;
}

#endif
