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
#include "../app/counts.h"
#include "../app/status.h"
#include "../core/explain.h"
#include "../io/dataset_dir.h"
#include "../store/store.h"
#include "../util/alloc.h"
#include "cli.h"

static const char USAGE_STATUS[] =
	"inbeeld status (--data MAP | --db PAD [--bekend-op JJJJ-MM-DD]) --peildatum JJJJ-MM-DD [--peildatum ...] "
	"[--ijkmomenten JJJJ-JJJJ] [--format csv|json|table]";
static const char USAGE_TELLING[] =
	"inbeeld telling (--data MAP | --db PAD [--bekend-op JJJJ-MM-DD]) --peildatum JJJJ-MM-DD [--peildatum ...] "
	"[--ijkmomenten JJJJ-JJJJ] --per gemeente|swv [--gebied CODE ...] [--format csv|json|table]";
static const char USAGE_UITLEG[] =
	"inbeeld uitleg (--data MAP | --db PAD [--bekend-op JJJJ-MM-DD]) --leerling ID --peildatum JJJJ-MM-DD "
	"[--format table|json]";
static const char USAGE_IMPORT[] =
	"inbeeld import --db PAD [--door NAAM] [--geregistreerd-op JJJJ-MM-DD[TUU:MM:SS]] MAP";

static int need_peildatum(const cli_opts *o, const char *usage)
{
	if (!o->n_peildata)
		return usage_error("--peildatum ontbreekt (of --ijkmomenten)\ngebruik: %s", usage);
	return 0;
}

int cmd_status(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_SOURCE | OPT_PEILDATUM | OPT_FORMAT, USAGE_STATUS, &o);
	if (!rc && o.n_args)
		rc = usage_error("onverwacht argument '%s'\ngebruik: %s", o.args[0], USAGE_STATUS);
	if (!rc)
		rc = need_peildatum(&o, USAGE_STATUS);
	if (rc) {
		cli_opts_free(&o);
		return rc;
	}
	dataset *ds = cli_load(&o, 0, NULL, NULL);
	if (!ds) {
		cli_opts_free(&o);
		return EXIT_DATA;
	}
	status_rows *lists = xcalloc(o.n_peildata, sizeof *lists);
	for (size_t k = 0; k < o.n_peildata; k++) {
		status_query q = status_query_of(o.peildata[k]);
		status_run(ds, &q, o.threads, &lists[k]);
	}
	strbuf out = STRBUF_INIT;
	report_status(&out, ds, lists, o.peildata, o.n_peildata, o.format);
	rc = cli_write(&out);
	sb_free(&out);
	for (size_t k = 0; k < o.n_peildata; k++)
		status_rows_free(&lists[k]);
	free(lists);
	dataset_free(ds);
	cli_opts_free(&o);
	return rc;
}

int cmd_telling(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_SOURCE | OPT_PEILDATUM | OPT_FORMAT | OPT_PER | OPT_GEBIED,
			       USAGE_TELLING, &o);
	if (!rc && o.n_args)
		rc = usage_error("onverwacht argument '%s'\ngebruik: %s", o.args[0], USAGE_TELLING);
	if (!rc)
		rc = need_peildatum(&o, USAGE_TELLING);
	if (!rc && !o.per)
		rc = usage_error("--per ontbreekt (gemeente of swv)\ngebruik: %s", USAGE_TELLING);
	if (rc) {
		cli_opts_free(&o);
		return rc;
	}
	view v = strcmp(o.per, "swv") == 0 ? VIEW_SWV : VIEW_GEMEENTE;
	dataset *ds = cli_load(&o, 0, NULL, NULL);
	if (!ds) {
		cli_opts_free(&o);
		return EXIT_DATA;
	}
	size_t n_gebieden = v == VIEW_GEMEENTE ? ds->n_gemeenten : ds->n_swvs;
	bool *keep = NULL;
	if (o.n_gebieden) {
		keep = xcalloc(n_gebieden ? n_gebieden : 1, sizeof *keep);
		for (size_t i = 0; i < o.n_gebieden && !rc; i++) {
			const char *code = o.gebieden[i];
			int32_t g = v == VIEW_GEMEENTE ? dataset_gemeente(ds, code, strlen(code))
						       : dataset_swv(ds, code, strlen(code));
			if (g == NO_REF)
				rc = data_error("gebied '%s' is onbekend als %s", code,
						v == VIEW_GEMEENTE ? "gemeente" : "samenwerkingsverband");
			else
				keep[g] = true;
		}
	}
	if (!rc) {
		counts_query q = {.v = v, .days = o.peildata, .n_days = o.n_peildata, .keep = keep};
		counts c;
		counts_run(ds, &q, telling_computed, &o.threads, &c);
		strbuf out = STRBUF_INIT;
		report_telling(&out, ds, c.t, c.days, c.n_days, c.gebieden, c.n_gebieden, o.format);
		rc = cli_write(&out);
		sb_free(&out);
		counts_free(&c);
	}
	free(keep);
	dataset_free(ds);
	cli_opts_free(&o);
	return rc;
}

int cmd_uitleg(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_SOURCE | OPT_PEILDATUM | OPT_FORMAT | OPT_LEERLING, USAGE_UITLEG, &o);
	if (!rc && o.n_args)
		rc = usage_error("onverwacht argument '%s'\ngebruik: %s", o.args[0], USAGE_UITLEG);
	if (!rc)
		rc = need_peildatum(&o, USAGE_UITLEG);
	if (!rc && !o.leerling)
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
		import_options opt = {actor_name(&o), dir, o.geregistreerd_op ? when : NULL,
				      tty ? import_progress : NULL, NULL, true};
		import_stats stats;
		if (store_import(st, ds, &opt, &stats, &err) != 0) {
			if (tty)
				fputc('\n', stderr);
			rc = data_error("%s\nniets geïmporteerd; de registratie is ongewijzigd.", sb_str(&err));
		} else {
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
		}
		store_close(st);
	}
	sb_free(&err);
	dataset_free(ds);
	cli_opts_free(&o);
	return rc;
}
