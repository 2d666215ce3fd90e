/*
 * cli.h - shared pieces of the inbeeld commands.
 */
#ifndef INBEELD_CLI_H
#define INBEELD_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "../app/compute.h"
#include "../core/dataset.h"
#include "../core/leerplicht.h"
#include "../io/report.h"

#include "../app/exit_codes.h"

typedef struct cli_opts {
	const char *data, *db, *bekend_op, *leerling, *door, *geregistreerd_op, *per;
	const char *naam, *rol, *scope, *organisatie, *listen, *tls_cert, *tls_key, *static_dir;
	const char *run_as, *tmp_dir; /* serve --gebruiker, --tijdelijk */
	bool inactief, achter_proxy;
	bool zorg; /* gebruiker --zorgorganisatie */
	bool vandaag_set; /* serve --vandaag */
	day_t vandaag;
	int audit_days, dossier_days, pool;
	long session_idle, session_max; /* seconds; 0 = default */
	day_t *peildata;
	size_t n_peildata, cap_peildata;
	const char **gebieden;
	size_t n_gebieden, cap_gebieden;
	int *schooljaren; /* --schooljaar YYYY (repeatable): the Y of Y/Y+1 */
	size_t n_schooljaren, cap_schooljaren;
	bool breed; /* telling --breed: the broad count of SPEC 8 as well */
	out_format format;
	int threads;
	bool quiet;
	/* serve and herinneringen: the reminders by e-mail (src/mail) */
	const char *smtp_host, *smtp_sender, *smtp_login, *reminder_link;
	int smtp_port, reminder_hour; /* 0 / -1: not given */
	int smtp_starttls;	      /* -1 not given, 0 uit, 1 verplicht */
	const char *const *args; /* positional arguments */
	int n_args;
} cli_opts;

/* Which options a command accepts. */
enum {
	OPT_SOURCE = 1 << 0,   /* --data / --db / --bekend-op */
	OPT_PEILDATUM = 1 << 1, /* --peildatum / --ijkmomenten */
	OPT_PER = 1 << 2,
	OPT_FORMAT = 1 << 3,
	OPT_LEERLING = 1 << 4,
	OPT_IMPORT = 1 << 5, /* --door / --geregistreerd-op */
	OPT_GEBIED = 1 << 6,
	OPT_DB = 1 << 7, /* --db only */
	OPT_ACCOUNT = 1 << 8, /* --naam --rol --scope --organisatie --zorgorganisatie --inactief */
	OPT_SERVE = 1 << 9,   /* --listen --tls-cert --tls-key --achter-proxy --audit-bewaardagen */
	OPT_SCHOOLJAAR = 1 << 10, /* --schooljaar */
	OPT_BREED = 1 << 11,	  /* --breed */
	OPT_VANDAAG = 1 << 12,	  /* --vandaag (also in OPT_SERVE) */
	OPT_MAIL = 1 << 13, /* --smtp-host --smtp-poort --smtp-starttls --smtp-afzender --smtp-inlog
			     * --herinnering-uur --herinnering-link */
};

int parse_options(int argc, char **argv, unsigned accepted, const char *usage, cli_opts *o);
/* parse_options() for a command over one or more peildata without positional
 * arguments: refuses those, and asks for a peildatum. Frees o on an error. */
int parse_dated(int argc, char **argv, unsigned accepted, const char *usage, cli_opts *o);
void cli_opts_free(cli_opts *o);
__attribute__((format(printf, 1, 2))) int usage_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) int data_error(const char *fmt, ...);

/* The dataset the options point at (--data DIR, else the registry). The
 * warnings of a folder are printed on stderr (unless --stil) and counted in
 * *warnings (may be NULL); the registry's were printed when it was loaded. */
dataset *cli_load(const cli_opts *o, unsigned flags, const char *only_pupil, size_t *warnings);
const char *cli_db_path(const cli_opts *o);
/* A command that computes one list per peildatum and reports them together. */
typedef struct list_command {
	size_t size; /* of one list */
	void (*compute)(const dataset *ds, day_t d, int threads, void *list);
	void (*report)(strbuf *out, const dataset *ds, const void *lists, const day_t *peildata, size_t n,
		       out_format fmt);
	void (*free)(void *list);
} list_command;
/* Load the dataset of o, compute and report its lists, free everything (o
 * too); returns the exit code. */
int run_lists(cli_opts *o, const list_command *lc);
/* Write a buffer to stdout; returns EXIT_OK or EXIT_DATA on a write error. */
int cli_write(const strbuf *sb);
/* The common start of a count per gebied (telling, jaartelling), once the
 * command's own options are checked: no positional arguments, --per given,
 * the dataset loaded (*ds) and the --gebied filter made (*keep: NULL without
 * --gebied, else true for each gebied asked). Returns 0, or the exit code
 * after a message; the caller frees *ds (when set) and *keep either way. */
int cli_count_start(const cli_opts *o, const char *usage, view *v, dataset **ds, bool **keep);
typedef struct tellingen tellingen; /* app/counts.h */
/* cli_count_start, and with ts (NULL: as cli_count_start) for --data: the
 * folder read a part of its pupils at a time with the tellingen of the
 * peildata summed into *ts while it is read (then *ds holds the reference
 * data only, and ts->ready is set); when the folder cannot be read so, it
 * is loaded whole and ts is left empty (ts->ready NULL). */
int cli_count_sliced(const cli_opts *o, const char *usage, view *v, dataset **ds, bool **keep, tellingen *ts);


int cmd_status(int argc, char **argv);
int cmd_telling(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_uitleg(int argc, char **argv);
int cmd_gebruiker(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_dossierwerk(int argc, char **argv);
int cmd_vroegsignalen(int argc, char **argv);
int cmd_jaartelling(int argc, char **argv);
int cmd_herinneringen(int argc, char **argv);
int cmd_schema(int argc, char **argv); /* issue 16: the schema's owner */
int cmd_migreer(int argc, char **argv); /* cmd_migreer.c: moving house (issue 16) */

/* The mail layer's configuration from the --smtp-* and --herinnering-*
 * options (cmd_herinneringen.c), prepared (credentials, address, libcurl):
 * *wanted false without --smtp-host. 0 or an exit code after a message. */
struct mail_config;
int cli_mail_config(const cli_opts *o, const char *default_link, struct mail_config *cfg, bool *wanted);

#endif
