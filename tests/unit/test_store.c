/* The registry: imports with history, reading as known at a moment. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../src/core/encode.h"
#include "../../src/store/store.h"
#include "reference_scenario.h"
#include "registry.h"

static char db_path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(db_path, sizeof db_path, "/tmp/inbeeld-test-%d.db", (int)getpid());
	unlink(db_path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	registry_remove(db_path);
	return 0;
}

static const fixture V1 = {
	.vakantieregios = "gemeentecode,regio\nGM0002,zuid\n",
	.vakanties = "regio,naam,van,tot\nzuid,herfst,2025-10-18,2025-10-26\n",
	.leerlingen = "P,111222333,,2012-03-10,Anna,Jansen,\nQ,,101222331,2013-05-01,Bram,\"de Vries, jr\",\n",
	.woonadressen = "P,GM0001,2012-03-10,,0\nQ,GM0002,2013-05-01,,0\n",
	.inschrijvingen = "P,20BB,00,2024-08-01,\nQ,70GG,00,2025-08-01,\n",
	.verzuim = "P,20BB,00,ongeoorloofd,2025-09-15,,\nQ,70GG,00,ziek,2025-09-01,2025-09-03,7.5\n",
	.vrijstellingen = "",
	.meldingen = "P,20BB,00,2025-10-01,2025-09-15,verzuim\n",
	.aanbod = "P,2025-10-01,,zorg\n",
};

/* Every table of a dataset as canonical text, for comparing datasets. */
typedef struct dump_ctx {
	strbuf *sb;
	int ncols;
} dump_ctx;

static void dump_row(void *ctx, const field *f)
{
	dump_ctx *d = ctx;
	for (int i = 0; i < d->ncols; i++) {
		sb_putc(d->sb, i ? '|' : ' ');
		sb_append(d->sb, f[i].p, f[i].len);
	}
	sb_putc(d->sb, '\n');
}

static char *dump(const dataset *ds)
{
	strbuf sb = STRBUF_INIT;
	for (int t = 0; t < T_COUNT; t++) {
		sb_printf(&sb, "%s:\n", TABLES[t].name);
		dump_ctx ctx = {&sb, TABLES[t].ncols};
		encode_table(ds, (table_id)t, dump_row, &ctx);
	}
	return sb.data;
}

static store *open_store(void)
{
	return registry_open(db_path);
}

static void import_at(store *st, const dataset *ds, const char *when, import_stats *stats)
{
	strbuf err = STRBUF_INIT;
	import_options opt = {"test", "fixture", when, NULL, NULL, true, NULL}; /* the first goes straight in */
	if (store_import(st, ds, &opt, stats, &err) != 0)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
}

static dataset *load_at(store *st, const char *as_of)
{
	strbuf err = STRBUF_INIT;
	dataset *ds = store_load(st, BUILD_IDENTITY, as_of, NULL, 2, &err);
	if (!ds)
		fail_msg("%s", sb_str(&err));
	sb_free(&err);
	return ds;
}

static void what_goes_in_comes_out(void **state)
{
	(void)state;
	dataset *ds = fixture_build(&V1, NULL);
	store *st = open_store();
	import_stats stats;
	import_at(st, ds, "2025-10-01T09:00:00", &stats);
	assert_int_equal(stats.added[T_LEERLINGEN], 2);
	assert_int_equal(stats.added[T_VERZUIM], 2);
	dataset *back = load_at(st, NULL);
	char *a = dump(ds), *b = dump(back);
	assert_string_equal(a, b);
	assert_string_equal(back->pupils[1].achternaam, "de Vries, jr");
	assert_int_equal(back->abs[1].uren, 750);
	assert_int_equal(back->n_regios, 1);
	free(a);
	free(b);
	/* The same dataset again changes nothing. */
	import_at(st, ds, "2025-10-02T09:00:00", &stats);
	for (int t = 0; t < T_COUNT; t++) {
		assert_int_equal(stats.added[t], 0);
		assert_int_equal(stats.ended[t], 0);
	}
	assert_int_equal(stats.kept[T_WOONADRESSEN], 2);
	dataset_free(back);
	dataset_free(ds);
	store_close(st);
	/* The first import went straight into the file; the log is back after it. */
	sqlite3 *db;
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 0), "wal");
	sqlite3_finalize(q);
	sqlite3_close(db);
}

static void a_correction_keeps_the_earlier_version(void **state)
{
	(void)state;
	dataset *v1 = fixture_build(&V1, NULL);
	fixture f2 = V1;
	/* P's absence turns out to have started a month later; Q moved. */
	f2.verzuim = "P,20BB,00,ongeoorloofd,2025-10-15,,\nQ,70GG,00,ziek,2025-09-01,2025-09-03,7.5\n";
	f2.woonadressen = "P,GM0001,2012-03-10,,0\nQ,GM0002,2013-05-01,2025-09-30,0\nQ,GM0001,2025-10-01,,0\n";
	dataset *v2 = fixture_build(&f2, NULL);
	store *st = open_store();
	import_stats stats;
	import_at(st, v1, "2025-11-02T10:00:00", &stats);
	import_at(st, v2, "2025-11-20T10:00:00", &stats);
	assert_int_equal(stats.ended[T_VERZUIM], 1);
	assert_int_equal(stats.added[T_VERZUIM], 1);
	assert_int_equal(stats.kept[T_VERZUIM], 1);
	assert_int_equal(stats.ended[T_WOONADRESSEN], 1);
	assert_int_equal(stats.added[T_WOONADRESSEN], 2);

	classification c;
	dataset *then = load_at(st, "2025-11-10T23:59:59");
	classify_id(then, "P", "2025-11-01", &c);
	assert_int_equal(c.cat, CAT_LRV); /* as known on 10 November */
	dataset *now = load_at(st, NULL);
	classify_id(now, "P", "2025-11-01", &c);
	assert_int_equal(c.cat, CAT_DREIGEND); /* after the correction */
	char *a = dump(v1), *b = dump(then), *c2 = dump(v2), *d = dump(now);
	assert_string_equal(a, b);
	assert_string_equal(c2, d);
	free(a);
	free(b);
	free(c2);
	free(d);
	/* Before the first import the registry was empty. */
	dataset *before = load_at(st, "2025-11-01T00:00:00");
	assert_int_equal(before->n_pupils, 0);
	dataset_free(before);
	dataset_free(then);
	dataset_free(now);
	dataset_free(v1);
	dataset_free(v2);
	store_close(st);
}

/* A correction that is only doubtful is accepted and says why it is doubtful
 * (SPEC 3.1); one that breaks a rule is refused and changes nothing. */
static void a_correction_that_only_warns_is_accepted(void **state)
{
	(void)state;
	dataset *v1 = fixture_build(&V1, NULL);
	store *st = open_store();
	import_stats stats;
	import_at(st, v1, "2025-11-02T10:00:00", &stats);
	static const field place[4] = {{"P", 1}, {"2025-10-01", 10}, {"2025-09-20", 10}, {"onderwijs", 9}};
	fact_change ch = {T_AANBOD, 0, place};
	int64_t batch = 0, id = 0;
	strbuf warn = STRBUF_INIT, err = STRBUF_INIT;
	assert_int_equal(store_pupil_change(st, "P", &ch, 1, "test", "unit", &batch, &id, &warn, &err), 0);
	assert_string_equal(sb_str(&warn), "aanbod, plaats_per: plaats_per ligt voor de datum van het aanbod");
	assert_true(id > 0);
	/* The place counts for P's absence from 2025-09-15. */
	dataset *now = load_at(st, NULL);
	classification c;
	classify_id(now, "P", "2025-11-01", &c);
	assert_int_equal(c.cat, CAT_LRV);
	assert_false(c.zonder_aanbod);
	dataset_free(now);
	/* A verleend vrijstelling without van is refused. */
	static const field granted[6] = {{"P", 1}, {"5b", 2}, {"verleend", 8}, {"2025-10-01", 10}, {NULL, 0}, {"2026-07-31", 10}};
	ch = (fact_change){T_VRIJSTELLINGEN, 0, granted};
	sb_reset(&warn);
	assert_int_equal(store_pupil_change(st, "P", &ch, 1, "test", "unit", &batch, &id, &warn, &err), STORE_INVALID);
	assert_non_null(strstr(sb_str(&err), "een verleende vrijstelling moet een begindatum (van) hebben"));
	/* Not granted, a tot without a van is valid, and says nothing. */
	static const field asked[6] = {{"P", 1}, {"5b", 2}, {"aangevraagd", 11}, {"2025-10-01", 10}, {NULL, 0}, {"2026-07-31", 10}};
	ch = (fact_change){T_VRIJSTELLINGEN, 0, asked};
	sb_reset(&err);
	assert_int_equal(store_pupil_change(st, "P", &ch, 1, "test", "unit", &batch, &id, &warn, &err), 0);
	assert_string_equal(sb_str(&warn), "");
	sb_free(&warn);
	sb_free(&err);
	dataset_free(v1);
	store_close(st);
}

static void history_can_only_be_appended(void **state)
{
	(void)state;
	dataset *v1 = fixture_build(&V1, NULL);
	fixture f2 = V1;
	f2.aanbod = "P,2025-10-01,2025-11-03,zorg\n";
	dataset *v2 = fixture_build(&f2, NULL);
	store *st = open_store();
	import_stats stats;
	import_at(st, v1, "2025-11-02T10:00:00", &stats);
	strbuf err = STRBUF_INIT;
	import_options opt = {"test", "fixture", "2025-11-01T10:00:00", NULL, NULL, false, NULL};
	assert_int_equal(store_import(st, v2, &opt, &stats, &err), -1);
	assert_non_null(strstr(sb_str(&err), "ligt voor de laatste registratie"));
	sb_free(&err);
	/* Nothing of v2 arrived. */
	dataset *now = load_at(st, NULL);
	char *a = dump(v1), *b = dump(now);
	assert_string_equal(a, b);
	free(a);
	free(b);
	dataset_free(now);
	dataset_free(v1);
	dataset_free(v2);
	store_close(st);
}

/* A dossier opened and, when closing is given, closed on those days. */
static int64_t dossier(store *st, const char *pupil_id, const char *opened, const char *closing)
{
	strbuf err = STRBUF_INIT;
	new_event open = {"opening", opened, "{}", 0, "test", NULL};
	int64_t id = 0, ev = 0;
	assert_int_equal(store_stream_open(st, "dossier", pupil_id, &open, NULL, NULL, NULL, &id, &ev, &err), 0);
	if (closing) {
		new_event close = {"sluiting", closing, "{\"uitkomst\":\"verhuisd\"}", 0, "test", NULL};
		assert_int_equal(store_stream_append(st, id, &close, NULL, NULL, NULL, &ev, &err), 0);
	}
	sb_free(&err);
	return id;
}

static void count_stream(void *ctx, const stream_info *s)
{
	(void)s;
	(*(int *)ctx)++;
}

/* The streams and events read back: stream ids summed with the event
 * counts, so that a mix-up shows. */
typedef struct stream_tally {
	int64_t ids;
	int n;
} stream_tally;

static void tally_stream(void *ctx, const stream_info *s)
{
	stream_tally *t = ctx;
	t->ids += s->id;
	t->n++;
}

static void tally_event(void *ctx, const stream_event *e)
{
	stream_tally *t = ctx;
	t->ids += e->stream;
	t->n++;
}

/* One pupil's streams and one stream's events (the index's way) are those
 * and only those; no pupil or stream 0 reads every one of the kind. */
static void one_pupils_streams_and_one_streams_events(void **state)
{
	(void)state;
	store *st = open_store();
	strbuf err = STRBUF_INIT;
	int64_t a1 = dossier(st, "A", "2026-01-05", "2026-02-02"), a2 = dossier(st, "A", "2026-03-02", NULL);
	int64_t b = dossier(st, "B", "2026-01-05", NULL);
	stream_tally t = {0};
	assert_int_equal(store_streams(st, "dossier", "A", tally_stream, &t, &err), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.ids, a1 + a2);
	t = (stream_tally){0};
	assert_int_equal(store_streams(st, "dossier", "B", tally_stream, &t, &err), 0);
	assert_true(t.n == 1 && t.ids == b);
	t = (stream_tally){0};
	assert_int_equal(store_streams(st, "procedure", "A", tally_stream, &t, &err), 0);
	assert_int_equal(t.n, 0);
	t = (stream_tally){0};
	assert_int_equal(store_streams(st, "dossier", NULL, tally_stream, &t, &err), 0);
	assert_true(t.n == 3 && t.ids == a1 + a2 + b);
	t = (stream_tally){0}; /* opened and closed: two events */
	assert_int_equal(store_stream_events(st, "dossier", a1, tally_event, &t, &err), 0);
	assert_true(t.n == 2 && t.ids == 2 * a1);
	t = (stream_tally){0};
	assert_int_equal(store_stream_events(st, "dossier", b, tally_event, &t, &err), 0);
	assert_true(t.n == 1 && t.ids == b);
	t = (stream_tally){0};
	assert_int_equal(store_stream_events(st, "procedure", b, tally_event, &t, &err), 0);
	assert_int_equal(t.n, 0);
	t = (stream_tally){0};
	assert_int_equal(store_stream_events(st, "dossier", 0, tally_event, &t, &err), 0);
	assert_true(t.n == 4 && t.ids == 2 * a1 + a2 + b);
	sb_free(&err);
	store_close(st);
}

static void closed_dossiers_go_after_the_retention_period(void **state)
{
	(void)state;
	store *st = open_store();
	strbuf err = STRBUF_INIT;
	/* Closed in 2020, closed in 2030, still open. The period runs from the
	 * closing date to the business day given, whatever the wall clock says. */
	dossier(st, "A", "2020-01-06", "2020-02-03");
	int64_t later = dossier(st, "B", "2030-01-06", "2030-02-03");
	dossier(st, "C", "2020-01-06", NULL);
	const day_t in_2026 = day_from_civil(2026, 11, 23), in_2031 = day_from_civil(2031, 6, 1);
	/* With a period of a century, nothing goes; with a year, the one of 2020. */
	size_t removed = 99;
	assert_int_equal(store_dossier_set_retention(st, 36500, &err), 0);
	assert_int_equal(store_dossier_purge(st, in_2031, &removed, &err), 0);
	assert_int_equal(removed, 0);
	assert_int_equal(store_dossier_set_retention(st, 365, &err), 0);
	assert_int_equal(store_dossier_purge(st, in_2026, &removed, &err), 0);
	assert_int_equal(removed, 1);
	int n = 0;
	assert_int_equal(store_streams(st, "dossier", NULL, count_stream, &n, &err), 0);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(store_streams(st, "dossier", "A", count_stream, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_stream_get(st, later, count_stream, &n, &err), 1);
	/* On a business day in 2031 the one closed in 2030 goes too. */
	assert_int_equal(store_dossier_purge(st, in_2031, &removed, &err), 0);
	assert_int_equal(removed, 1);
	n = 0;
	assert_int_equal(store_streams(st, "dossier", NULL, count_stream, &n, &err), 0);
	assert_int_equal(n, 1);
	/* Outside a purge no event of a dossier can be deleted, not even of one
	 * closed long ago: the trigger refuses a direct DELETE. */
	int64_t old = dossier(st, "D", "2020-01-06", "2020-02-03");
	sb_free(&err);
	store_close(st);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	char sql[64], *msg = NULL;
	snprintf(sql, sizeof sql, "DELETE FROM gebeurtenis WHERE stroom_id = %lld", (long long)old);
	assert_int_not_equal(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK);
	assert_non_null(strstr(msg, "kunnen niet worden verwijderd"));
	sqlite3_free(msg);
	sqlite3_close(db);
}

/* The audit entry armed on the connection commits with the change; when it
 * cannot be written (its details fail) the change is rolled back. */
typedef struct armed {
	const int64_t *batch;
	bool fail;
} armed;

static void gap_count(void *ctx, const audit_gap *g)
{
	assert_string_equal(g->wat, "correctie");
	(*(int *)ctx)++;
}

static bool armed_details(void *ctx, strbuf *out)
{
	const armed *a = ctx;
	sb_printf(out, "{\"registratie\":%lld}", (long long)*a->batch);
	return !a->fail;
}

static void count_rows(void *ctx, const audit_row *r)
{
	(void)r;
	(*(int *)ctx)++;
}

static void a_changes_entry_is_in_its_transaction(void **state)
{
	(void)state;
	dataset *v1 = fixture_build(&V1, NULL);
	store *st = open_store();
	import_stats stats;
	import_at(st, v1, "2025-11-02T10:00:00", &stats);
	static const field place[4] = {{"P", 1}, {"2025-10-20", 10}, {"2025-10-27", 10}, {"onderwijs", 9}};
	fact_change ch = {T_AANBOD, 0, place};
	int64_t batch = 0, id = 0, before = 0, after = 0;
	strbuf err = STRBUF_INIT;
	armed a = {&batch, true};
	change_audit ca = {{.gebruikersnaam = "test", .rol = "school", .actie = "wijzigen", .endpoint = "unit", .doel = "unit"},
			   armed_details, &a, false};
	assert_int_equal(store_version(st, &before, &err), 0);
	store_audit_with(st, &ca);
	assert_int_equal(store_pupil_change(st, "P", &ch, 1, "test", "unit", &batch, &id, NULL, &err), -1);
	assert_false(ca.written);
	store_audit_with(st, NULL);
	assert_int_equal(store_version(st, &after, &err), 0);
	assert_int_equal(after, before); /* no batch without its entry */
	int entries = 0;
	assert_int_equal(store_audit_query(st, NULL, 0, 100, count_rows, &entries, &err), 0);
	assert_int_equal(entries, 0);
	a.fail = false;
	sb_reset(&err);
	store_audit_with(st, &ca);
	assert_int_equal(store_pupil_change(st, "P", &ch, 1, "test", "unit", &batch, &id, NULL, &err), 0);
	assert_true(ca.written);
	store_audit_with(st, NULL);
	assert_int_equal(store_audit_query(st, NULL, 0, 100, count_rows, &entries, &err), 0);
	assert_int_equal(entries, 1);
	size_t changes = 0;
	assert_int_equal(store_audit_gaps(st, NULL, NULL, &changes, &err), 0);
	assert_int_equal(changes, 1); /* the correction; the import is no change of this kind */
	/* A change without an armed entry is a gap. */
	static const field later[4] = {{"P", 1}, {"2025-10-28", 10}, {NULL, 0}, {"zorg", 4}};
	ch = (fact_change){T_AANBOD, 0, later};
	assert_int_equal(store_pupil_change(st, "P", &ch, 1, "test", "unit", &batch, &id, NULL, &err), 0);
	int gaps = 0;
	assert_int_equal(store_audit_gaps(st, gap_count, &gaps, &changes, &err), 0);
	assert_int_equal(changes, 2);
	assert_int_equal(gaps, 1);
	/* What an entry names is read from its details as JSON, at the top of
	 * the object only: broken JSON or a nested name closes no gap. */
	char text[3][96];
	snprintf(text[0], sizeof text[0], "{\"registratie\":%lld", (long long)batch);
	snprintf(text[1], sizeof text[1], "{\"x\":{\"registratie\":%lld}}", (long long)batch);
	snprintf(text[2], sizeof text[2], " { \"soort\" : \"a\\\"b\", \"lijst\": [1, {\"y\": null}], \"registratie\" : %lld } ",
		 (long long)batch);
	audit_entry e = {.tijdstip = "2025-11-03T10:00:00", .gebruikersnaam = "test", .rol = "beheerder", .actie = "wijzigen",
			 .endpoint = "unit", .doel = "unit"};
	for (int i = 0; i < 2; i++) {
		e.details = text[i];
		assert_int_equal(store_audit_append(st, &e, 1, &err), 0);
		gaps = 0;
		assert_int_equal(store_audit_gaps(st, gap_count, &gaps, &changes, &err), 0);
		assert_int_equal(gaps, 1);
	}
	e.details = text[2];
	assert_int_equal(store_audit_append(st, &e, 1, &err), 0);
	gaps = 0;
	assert_int_equal(store_audit_gaps(st, gap_count, &gaps, &changes, &err), 0);
	assert_int_equal(gaps, 0);
	sb_free(&err);
	dataset_free(v1);
	store_close(st);
}

static void an_unreachable_postgresql_registry_is_refused_with_a_reason(void **state)
{
	(void)state;
	/* A PostgreSQL address no server answers at is refused with a reason
	 * that names it without its password, and is no file to create. */
	store *st = NULL;
	strbuf err = STRBUF_INIT;
	assert_int_equal(store_open("postgresql://inbeeld:geheim@localhost/inbeeld", &st, &err), -1);
	assert_null(st);
	assert_non_null(strstr(sb_str(&err), "PostgreSQL"));
	assert_null(strstr(sb_str(&err), "geheim"));
	assert_int_equal(access("postgresql:", F_OK), -1);
	sb_free(&err);
}

static void a_kept_reference_data_follows_every_import(void **state)
{
	(void)state;
	ref_kept_reference_data_follows_every_import(db_path);
}

static void a_correction_of_reference_data_is_refused(void **state)
{
	(void)state;
	ref_a_correction_of_reference_data_is_refused(db_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(what_goes_in_comes_out, setup, teardown),
		cmocka_unit_test_setup_teardown(a_correction_keeps_the_earlier_version, setup, teardown),
		cmocka_unit_test_setup_teardown(a_correction_that_only_warns_is_accepted, setup, teardown),
		cmocka_unit_test_setup_teardown(history_can_only_be_appended, setup, teardown),
		cmocka_unit_test_setup_teardown(a_kept_reference_data_follows_every_import, setup, teardown),
		cmocka_unit_test_setup_teardown(a_correction_of_reference_data_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(one_pupils_streams_and_one_streams_events, setup, teardown),
		cmocka_unit_test_setup_teardown(closed_dossiers_go_after_the_retention_period, setup, teardown),
		cmocka_unit_test_setup_teardown(a_changes_entry_is_in_its_transaction, setup, teardown),
		cmocka_unit_test(an_unreachable_postgresql_registry_is_refused_with_a_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
