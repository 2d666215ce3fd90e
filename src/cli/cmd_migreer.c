/*
 * inbeeld migreer - moving house (issue 16): copy a registry with all its
 * history, accounts, sessions, case work and audit log into a new, empty
 * one, typically an SQLite file into a PostgreSQL database
 * (store_copy, src/store/store_copy.c). Progress on stderr, table by table
 * (rows, rows/s), and a summary at the end; --stil prints only errors.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../store/store.h"
#include "cli.h"

static const char USAGE[] = "inbeeld migreer --van REGISTRATIE --naar REGISTRATIE [--stil]   "
			    "(een registratie: een SQLite-bestand of postgresql://...; het doel moet leeg zijn)";

typedef struct progress {
	bool tty;
} progress;

static double per_second(int64_t rows, double seconds)
{
	return seconds > 0 ? (double)rows / seconds : 0;
}

static void say_progress(void *ctx, const char *table, int64_t done, int64_t total, double seconds, bool end)
{
	const progress *p = ctx;
	if (!end) {
		if (p->tty)
			fprintf(stderr, "\r\033[K  %-22s %12lld / %lld rijen, %.0f rijen/s", table, (long long)done,
				(long long)total, per_second(done, seconds));
		return;
	}
	if (p->tty)
		fputs("\r\033[K", stderr);
	if (done)
		fprintf(stderr, "  %-22s %12lld %-5s in %7.2f s (%.0f rijen/s)\n", table, (long long)done,
			done == 1 ? "rij" : "rijen", seconds, per_second(done, seconds));
}

enum { O_VAN = 1, O_NAAR, O_STIL, O_HELP };

static const struct option LONG[] = {
	{"van", required_argument, NULL, O_VAN},
	{"naar", required_argument, NULL, O_NAAR},
	{"stil", no_argument, NULL, O_STIL},
	{"help", no_argument, NULL, O_HELP},
	{NULL, 0, NULL, 0},
};

int cmd_migreer(int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	bool quiet = false;
	optind = 1;
	opterr = 0;
	int opt;
	while ((opt = getopt_long(argc, argv, ":", LONG, NULL)) != -1) {
		switch (opt) {
		case O_VAN: from = optarg; break;
		case O_NAAR: to = optarg; break;
		case O_STIL: quiet = true; break;
		case O_HELP: printf("gebruik: %s\n", USAGE); return EXIT_OK;
		case ':': return usage_error("optie '%s' mist een waarde\ngebruik: %s", argv[optind - 1], USAGE);
		default: return usage_error("onbekende optie '%s'\ngebruik: %s", argv[optind - 1], USAGE);
		}
	}
	if (optind < argc)
		return usage_error("onverwacht argument '%s'\ngebruik: %s", argv[optind], USAGE);
	if (!from || !*from)
		return usage_error("--van ontbreekt: welke registratie verhuist\ngebruik: %s", USAGE);
	if (!to || !*to)
		return usage_error("--naar ontbreekt: de nieuwe, lege registratie\ngebruik: %s", USAGE);
	progress p = {.tty = isatty(STDERR_FILENO)};
	copy_options o = {quiet ? NULL : say_progress, &p};
	copy_stats stats;
	strbuf err = STRBUF_INIT, name = STRBUF_INIT;
	int rc = EXIT_OK;
	if (!quiet)
		fprintf(stderr, "Migreren van %s:\n", from);
	if (store_copy(from, to, &o, &stats, &err) != 0) {
		if (p.tty && !quiet)
			fputs("\r\033[K", stderr);
		rc = data_error("%s\nniets gemigreerd: er zijn geen gegevens naar het doel gekopieerd.", sb_str(&err));
	} else if (!quiet) {
		store_target_name(to, &name);
		fprintf(stderr,
			"Gemigreerd naar %s: %d tabellen, %lld rijen in %.2f s (%.0f rijen/s), schemaversie %d; de rijen "
			"van elke tabel geteld, gelijk in bron en doel%s.\n",
			sb_str(&name), stats.tables, (long long)stats.rows, stats.seconds,
			per_second(stats.rows, stats.seconds), stats.schema,
			stats.keys_after ? "; de verwijzingen per tabel in één keer gecontroleerd" : "");
	}
	sb_free(&name);
	sb_free(&err);
	return rc;
}
