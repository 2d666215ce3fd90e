/*
 * test_import_snapshot.c - the snapshot file the first import writes on its
 * second thread (registry_snapshot_begin/_end, store_import's aside): the
 * same bytes as the file registry_save writes after the import; published
 * only when the registry's version is still the import's (a batch recorded
 * in between: no file at all, never the stale one); thrown away with its
 * temporary file when the import did not happen.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "registry.h"

#include "../../src/io/whole_file.h"
#include "../../src/app/registry_load.h"
#include "../../src/io/dataset_dir.h"

static char db_path[128];

/* The aside wrapped, to know it ran. */
typedef struct counted {
	const import_aside *inner;
	int runs;
} counted;

static void counted_run(void *ctx, const char *version_key)
{
	counted *c = ctx;
	c->runs++;
	c->inner->run(c->inner->ctx, version_key);
}

/* Temporary files of the snapshot ("<registry>.snapshot.XXXXXX") and of
 * the import's scratch ("<registry>.import-XXXXXX") left behind. */
static size_t leftovers(void)
{
	char pattern[160];
	size_t n = 0;
	glob_t g;
	snprintf(pattern, sizeof pattern, "%s.snapshot.*", db_path);
	if (glob(pattern, 0, NULL, &g) == 0)
		n += g.gl_pathc;
	globfree(&g);
	snprintf(pattern, sizeof pattern, "%s.import-*", db_path);
	if (glob(pattern, 0, NULL, &g) == 0)
		n += g.gl_pathc;
	globfree(&g);
	return n;
}

static char *snapshot_name(void)
{
	strbuf sb = STRBUF_INIT;
	registry_snapshot_path(db_path, &sb);
	return sb.data;
}

/* A first import of the example with the job as its aside; the job not
 * ended yet. */
static store *first_import(dataset **ds, registry_snapshot_job *job, counted *c, int64_t *batch)
{
	snprintf(db_path, sizeof db_path, "/tmp/inbeeld-import-snapshot-%ld.db", (long)getpid());
	registry_remove(db_path);
	store *st = registry_open(db_path);
	strbuf err = STRBUF_INIT;
	*ds = dataset_dir_load("examples/voorbeeld", BUILD_IDENTITY, NULL, NULL, 1, &err, NULL);
	assert_non_null(*ds);
	registry_snapshot_begin(st, *ds, job);
	*c = (counted){&job->aside, 0};
	import_aside aside = {counted_run, c, job->aside.cost};
	import_options opt = {"test", "fixture", "2026-01-05T00:00:00", NULL, NULL, true, &aside};
	import_stats stats;
	if (store_import(st, *ds, &opt, &stats, &err) != 0)
		fail_msg("%s", sb_str(&err));
	*batch = stats.batch;
	sb_free(&err);
	/* One core: the serial path, no second thread and no aside. */
	assert_int_equal(c->runs, sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 1 : 0);
	return st;
}

/* The file the import staged, once published, is registry_save's byte for
 * byte; none was left beside it. */
static void staged_is_what_save_writes(void **state)
{
	(void)state;
	dataset *ds;
	registry_snapshot_job job;
	counted c;
	int64_t batch;
	store *st = first_import(&ds, &job, &c, &batch);
	char *name = snapshot_name();
	assert_int_equal(access(name, F_OK), -1); /* not before the end */
	registry_snapshot_end(st, &job, true, batch);
	size_t staged_len, saved_len;
	char *staged = whole_file_read(name, &staged_len);
	assert_non_null(staged);
	assert_int_equal(leftovers(), 0);
	unlink(name);
	registry_save(st, ds, batch);
	char *saved = whole_file_read(name, &saved_len);
	assert_non_null(saved);
	assert_int_equal(staged_len, saved_len);
	assert_memory_equal(staged, saved, saved_len);
	free(staged);
	free(saved);
	free(name);
	dataset_free(ds);
	store_close(st);
	registry_remove(db_path);
}

/* A batch recorded between the import's commit and the end of the job: the
 * staged file (of the version before) is not published, and no other is
 * written in its place (registry_save's rule: only the newest). */
static void staged_of_an_older_version_is_dropped(void **state)
{
	(void)state;
	dataset *ds;
	registry_snapshot_job job;
	counted c;
	int64_t batch;
	store *st = first_import(&ds, &job, &c, &batch);
	strbuf err = STRBUF_INIT;
	import_options opt = {"test", "fixture", "2026-02-05T00:00:00", NULL, NULL, false, NULL};
	import_stats stats;
	if (store_import(st, ds, &opt, &stats, &err) != 0)
		fail_msg("%s", sb_str(&err));
	assert_true(stats.batch > batch);
	registry_snapshot_end(st, &job, true, batch);
	char *name = snapshot_name();
	assert_int_equal(access(name, F_OK), -1);
	assert_int_equal(leftovers(), 0);
	free(name);
	sb_free(&err);
	dataset_free(ds);
	store_close(st);
	registry_remove(db_path);
}

/* Not imported: the staged file goes, nothing is published. */
static void not_imported_leaves_nothing(void **state)
{
	(void)state;
	dataset *ds;
	registry_snapshot_job job;
	counted c;
	int64_t batch;
	store *st = first_import(&ds, &job, &c, &batch);
	if (c.runs)
		assert_non_null(job.staged);
	registry_snapshot_end(st, &job, false, 0);
	char *name = snapshot_name();
	assert_int_equal(access(name, F_OK), -1);
	assert_int_equal(leftovers(), 0);
	free(name);
	dataset_free(ds);
	store_close(st);
	registry_remove(db_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(staged_is_what_save_writes),
		cmocka_unit_test(staged_of_an_older_version_is_dropped),
		cmocka_unit_test(not_imported_leaves_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
