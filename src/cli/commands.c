/*
 * commands.c - the commands over the dataset: status, telling, uitleg and
 * import (SPEC 4.1, 5, 11). status and telling run the app's queries
 * (status.h, counts.h) for everybody, as the server does for a caller.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../app/compute.h"
#include "../app/compute_year.h"
#include "../app/counts.h"
#include "../app/registry_load.h"
#include "../app/status.h"
#include "../core/explain.h"
#include "../core/explain_signals.h"
#include "../io/dataset_dir.h"
#include "../io/dataset_slices.h"
#include "../store/store.h"
#include "../util/alloc.h"
#include "cli.h"

static const char USAGE_STATUS[] =
	"inbeeld status (--data MAP | --db PAD [--bekend-op JJJJ-MM-DD]) --peildatum JJJJ-MM-DD [--peildatum ...] "
	"[--ijkmomenten JJJJ-JJJJ] [--format csv|json|table]";
static const char USAGE_TELLING[] =
	"inbeeld telling (--data MAP | --db PAD [--bekend-op JJJJ-MM-DD]) --peildatum JJJJ-MM-DD [--peildatum ...] "
	"[--ijkmomenten JJJJ-JJJJ] --per gemeente|swv [--gebied CODE ...] [--breed] [--format csv|json|table]";
static const char USAGE_UITLEG[] =
	"inbeeld uitleg (--data MAP | --db PAD [--bekend-op JJJJ-MM-DD]) --leerling ID --peildatum JJJJ-MM-DD "
	"[--format table|json]";
static const char USAGE_IMPORT[] =
	"inbeeld import --db PAD [--door NAAM] [--geregistreerd-op JJJJ-MM-DD[TUU:MM:SS]] MAP";

int parse_dated(int argc, char **argv, unsigned accepted, const char *usage, cli_opts *o)
{
	int rc = parse_options(argc, argv, accepted, usage, o);
	if (!rc && o->n_args)
		rc = usage_error("onverwacht argument '%s'\ngebruik: %s", o->args[0], usage);
	if (!rc && !o->n_peildata)
		rc = usage_error("--peildatum ontbreekt (of --ijkmomenten)\ngebruik: %s", usage);
	if (rc)
		cli_opts_free(o);
	return rc;
}

int run_lists(cli_opts *o, const list_command *lc)
{
	dataset *ds = cli_load(o, 0, NULL, NULL);
	int rc = EXIT_DATA;
	if (ds) {
		char *lists = xcalloc(o->n_peildata, lc->size);
		for (size_t k = 0; k < o->n_peildata; k++)
			lc->compute(ds, o->peildata[k], o->threads, lists + k * lc->size);
		strbuf out = STRBUF_INIT;
		lc->report(&out, ds, lists, o->peildata, o->n_peildata, o->format);
		rc = cli_write(&out);
		sb_free(&out);
		for (size_t k = 0; k < o->n_peildata; k++)
			lc->free(lists + k * lc->size);
		free(lists);
		dataset_free(ds);
	}
	cli_opts_free(o);
	return rc;
}

static void status_compute(const dataset *ds, day_t d, int threads, void *list)
{
	status_query q = status_query_of(d);
	status_run(ds, &q, threads, list);
}

static void status_report(strbuf *out, const dataset *ds, const void *lists, const day_t *peildata, size_t n,
			  out_format fmt)
{
	report_status(out, ds, lists, peildata, n, fmt);
}

static void status_free(void *list)
{
	status_rows_free(list);
}

int cmd_status(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_dated(argc, argv, OPT_SOURCE | OPT_PEILDATUM | OPT_FORMAT, USAGE_STATUS, &o);
	if (rc)
		return rc;
	if (o.data && !o.n_args) {
		/* A list per pupil, in the pupils' order: the folder a part of its
		 * pupils at a time when it is read cleanly so (else whole, by
		 * run_lists, which says why). */
		status_slices ss;
		status_slices_init(&ss, o.peildata, o.n_peildata);
		dataset *ref = dataset_dir_slices(o.data, 0, o.threads, 0, status_slices_add, &ss);
		if (ref) {
			status_slices_join(&ss, ref);
			strbuf out = STRBUF_INIT;
			report_status(&out, &ss.shown, ss.lists, o.peildata, o.n_peildata, o.format);
			rc = cli_write(&out);
			sb_free(&out);
			status_slices_free(&ss);
			dataset_free(ref);
			cli_opts_free(&o);
			return rc;
		}
		status_slices_free(&ss);
	}
	const list_command lc = {sizeof(status_rows), status_compute, status_report, status_free};
	return run_lists(&o, &lc);
}

int cmd_telling(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_dated(argc, argv, OPT_SOURCE | OPT_PEILDATUM | OPT_FORMAT | OPT_PER | OPT_GEBIED | OPT_BREED,
			     USAGE_TELLING, &o);
	if (rc)
		return rc;
	view v = VIEW_GEMEENTE;
	dataset *ds = NULL;
	bool *keep = NULL;
	tellingen ts = {0};
	/* The broad count needs every pupil at once: only without it are the
	 * tellingen summed while the folder is read. */
	if (!rc)
		rc = cli_count_sliced(&o, USAGE_TELLING, &v, &ds, &keep, o.breed ? NULL : &ts);
	if (!rc) {
		counts_query q = {.v = v, .days = o.peildata, .n_days = o.n_peildata, .keep = keep};
		counts c;
		if (ts.ready)
			counts_run(ds, &q, tellingen_summed, &ts, &c);
		else
			counts_run(ds, &q, telling_computed, &o.threads, &c);
		breedtelling *breed = o.breed ? xcalloc(o.n_peildata, sizeof *breed) : NULL;
		for (size_t k = 0; breed && k < o.n_peildata; k++)
			compute_breed(ds, o.peildata[k], v, o.threads, &breed[k]);
		strbuf out = STRBUF_INIT;
		report_telling(&out, ds, c.t, breed, c.days, c.n_days, c.gebieden, c.n_gebieden, o.format);
		rc = cli_write(&out);
		sb_free(&out);
		for (size_t k = 0; breed && k < o.n_peildata; k++)
			breed_free(&breed[k]);
		free(breed);
		counts_free(&c);
	}
	free(keep);
	if (ts.ready)
		tellingen_free(&ts);
	if (ds)
		dataset_free(ds);
	cli_opts_free(&o);
	return rc;
}

int cmd_uitleg(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_dated(argc, argv, OPT_SOURCE | OPT_PEILDATUM | OPT_FORMAT | OPT_LEERLING, USAGE_UITLEG, &o);
	if (rc)
		return rc;
	if (!o.leerling)
		rc = usage_error("--leerling ontbreekt\ngebruik: %s", USAGE_UITLEG);
	if (rc) {
		cli_opts_free(&o);
		return rc;
	}
	dataset *ds = cli_load(&o, BUILD_IDENTITY, o.leerling, NULL);
	if (!ds) {
		cli_opts_free(&o);
		return EXIT_DATA;
	}
	int32_t p = dataset_pupil(ds, o.leerling, strlen(o.leerling));
	if (p == NO_REF) {
		rc = data_error("leerling '%s' is onbekend", o.leerling);
	} else {
		strbuf out = STRBUF_INIT;
		for (size_t k = 0; k < o.n_peildata; k++) {
			classification c;
			explanation ex;
			classify(ds, (uint32_t)p, o.peildata[k], &c);
			explain(ds, (uint32_t)p, &c, &ex);
			signal_facts sf;
			signals_of(ds, (uint32_t)p, &c, &sf);
			explain_signals(ds, (uint32_t)p, &c, &sf, NULL, &ex);
			if (k)
				sb_putc(&out, '\n');
			report_uitleg(&out, ds, (uint32_t)p, &c, &ex, o.format == FMT_CSV ? FMT_TABLE : o.format);
			explanation_free(&ex);
		}
		rc = cli_write(&out);
		sb_free(&out);
	}
	dataset_free(ds);
	cli_opts_free(&o);
	return rc;
}

static void import_progress(void *ctx, const char *table, size_t done, size_t total)
{
	(void)ctx;
	fprintf(stderr, "\r\033[K  opslaan %-18s %12zu / %zu", table, done, total);
}

static const char *actor_name(const cli_opts *o)
{
	if (o->door)
		return o->door;
	const char *u = getenv("USER");
	return u && *u ? u : "cli";
}

int cmd_import(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_DB | OPT_IMPORT, USAGE_IMPORT, &o);
	if (!rc && o.n_args != 1)
		rc = usage_error("geef precies een map met de dataset op\ngebruik: %s", USAGE_IMPORT);
	if (rc) {
		cli_opts_free(&o);
		return rc;
	}
	const char *dir = o.args[0];
	struct timespec t0, t1, t2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cli_opts src = o;
	src.data = dir;
	bool tty = !o.quiet && isatty(STDERR_FILENO);
	if (tty)
		fprintf(stderr, "Inlezen en controleren van %s:\n", dir);
	size_t warnings = 0;
	dataset *ds = cli_load(&src, BUILD_IDENTITY, NULL, &warnings);
	if (!ds) {
		fprintf(stderr, "inbeeld: niets geïmporteerd; de registratie is ongewijzigd.\n");
		cli_opts_free(&o);
		return EXIT_DATA;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	strbuf err = STRBUF_INIT;
	store *st;
	const char *path = cli_db_path(&o);
	if (store_open(path, &st, &err) != 0) {
		rc = data_error("%s", sb_str(&err));
	} else {
		char when[24];
		if (o.geregistreerd_op && strlen(o.geregistreerd_op) == 10)
			snprintf(when, sizeof when, "%sT00:00:00", o.geregistreerd_op);
		else if (o.geregistreerd_op)
			snprintf(when, sizeof when, "%s", o.geregistreerd_op);
		/* The snapshot file is written while the import runs (on its
		 * second thread, when it has one), kept back until it commits. */
		registry_snapshot_job snap;
		registry_snapshot_begin(st, ds, &snap);
		import_options opt = {actor_name(&o), dir, o.geregistreerd_op ? when : NULL,
				      tty ? import_progress : NULL, NULL, true, &snap.aside};
		import_stats stats;
		bool imported = store_import(st, ds, &opt, &stats, &err) == 0;
		if (!imported) {
			registry_snapshot_end(st, &snap, false, 0);
			if (tty)
				fputc('\n', stderr);
			rc = data_error("%s\nniets geïmporteerd; de registratie is ongewijzigd.", sb_str(&err));
		} else {
			/* The servers on the registry read it (PostgreSQL; a failure
			 * is said, the import stands). */
			if (store_tell_batch(st, stats.batch, &err) != 0)
				fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
			clock_gettime(CLOCK_MONOTONIC, &t2);
			if (tty)
				fputs("\r\033[K", stderr);
			size_t rows = 0, added = 0, ended = 0;
			for (int t = 0; t < T_COUNT; t++) {
				rows += stats.added[t] + stats.kept[t];
				added += stats.added[t];
				ended += stats.ended[t];
			}
			double read_s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
			double store_s = (double)(t2.tv_sec - t1.tv_sec) + (double)(t2.tv_nsec - t1.tv_nsec) / 1e9;
			if (!o.quiet)
				fprintf(stderr,
					"Geïmporteerd in %s als registratie %lld (%s, door %s): %zu leerlingen, %zu feiten; "
					"%zu toegevoegd, %zu beëindigd (bewaard als geschiedenis); %zu %s. Inlezen %.2f s, "
					"opslaan %.2f s.\n",
					path, (long long)stats.batch, stats.recorded_at, opt.actor, ds->n_pupils, rows, added,
					ended, warnings, warnings == 1 ? "waarschuwing" : "waarschuwingen", read_s, store_s);
			/* The registry now equals ds: its snapshot file, for a fast start. */
			registry_snapshot_end(st, &snap, true, stats.batch);
		}
		store_close(st);
	}
	sb_free(&err);
	dataset_free(ds);
	cli_opts_free(&o);
	return rc;
}
