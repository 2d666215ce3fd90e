/*
 * options.c - the command line's options: parsing, which command accepts
 * which, and loading the dataset they point at (--data or --db). See cli.h.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../app/compute.h"
#include "../app/counts.h"
#include "../app/registry_load.h"
#include "../core/leerplicht.h"
#include "../io/dataset_slices.h"
#include "../io/dataset_dir.h"
#include "../store/store.h"
#include "../util/alloc.h"
#include "cli.h"

int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("inbeeld: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n(inbeeld help geeft een overzicht van de opdrachten)\n", stderr);
	va_end(ap);
	return EXIT_USAGE;
}

int data_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("inbeeld: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return EXIT_DATA;
}

static int add_peildatum(cli_opts *o, day_t d)
{
	o->peildata = xgrow(o->peildata, &o->cap_peildata, o->n_peildata + 1, sizeof *o->peildata);
	o->peildata[o->n_peildata++] = d;
	return 0;
}

static int parse_span(const char *s, cli_opts *o)
{
	int a, b;
	char tail;
	if (sscanf(s, "%4d-%4d%c", &a, &b, &tail) != 2 || a < DATE_MIN_YEAR || b > DATE_MAX_YEAR || b <= a ||
	    b - a > 100)
		return usage_error("--ijkmomenten verwacht schooljaren als JJJJ-JJJJ (bv. 2021-2026), niet '%s'", s);
	day_t d[300];
	size_t n = ijkmomenten(a, b, d, 300);
	for (size_t i = 0; i < n; i++)
		add_peildatum(o, d[i]);
	return 0;
}

/* --schooljaar YYYY: the schooljaar from 1 August YYYY to 31 July YYYY+1
 * (also written YYYY/YYYY+1, as the output names it). */
static int parse_schooljaar(const char *s, cli_opts *o)
{
	int y, next = 0;
	char tail;
	size_t len = strlen(s);
	bool ok = (len == 4 && sscanf(s, "%4d%c", &y, &tail) == 1) ||
		  (len == 9 && s[4] == '/' && sscanf(s, "%4d/%4d%c", &y, &next, &tail) == 2 && next == y + 1);
	if (!ok || y < DATE_MIN_YEAR || y >= DATE_MAX_YEAR)
		return usage_error("--schooljaar verwacht het beginjaar van een schooljaar als JJJJ (bv. 2024 voor "
				   "2024/2025), niet '%s'", s);
	o->schooljaren = xgrow(o->schooljaren, &o->cap_schooljaren, o->n_schooljaren + 1, sizeof *o->schooljaren);
	o->schooljaren[o->n_schooljaren++] = y;
	return 0;
}

enum {
	O_DATA = 1000, O_DB, O_BEKEND_OP, O_PEILDATUM, O_IJK, O_PER, O_FORMAT, O_LEERLING, O_DOOR, O_GEREG,
	O_GEBIED, O_THREADS, O_QUIET, O_HELP, O_NAAM, O_ROL, O_SCOPE, O_ORGANISATIE, O_INACTIEF, O_LISTEN, O_TLS_CERT,
	O_TLS_KEY, O_PROXY, O_AUDIT_DAYS, O_STATIC, O_POOL, O_IDLE, O_MAX, O_VANDAAG, O_DOSSIER_DAYS, O_ZORG,
	O_SCHOOLJAAR, O_BREED, O_RUN_AS, O_TMP,
	O_SMTP_HOST, O_SMTP_PORT, O_SMTP_STARTTLS, O_SMTP_SENDER, O_SMTP_LOGIN, O_REMINDER_HOUR, O_REMINDER_LINK
};

static const struct option LONG[] = {
	{"data", required_argument, NULL, O_DATA},
	{"db", required_argument, NULL, O_DB},
	{"bekend-op", required_argument, NULL, O_BEKEND_OP},
	{"peildatum", required_argument, NULL, O_PEILDATUM},
	{"ijkmomenten", required_argument, NULL, O_IJK},
	{"per", required_argument, NULL, O_PER},
	{"format", required_argument, NULL, O_FORMAT},
	{"leerling", required_argument, NULL, O_LEERLING},
	{"door", required_argument, NULL, O_DOOR},
	{"geregistreerd-op", required_argument, NULL, O_GEREG},
	{"gebied", required_argument, NULL, O_GEBIED},
	{"threads", required_argument, NULL, O_THREADS},
	{"stil", no_argument, NULL, O_QUIET},
	{"help", no_argument, NULL, O_HELP},
	{"naam", required_argument, NULL, O_NAAM},
	{"rol", required_argument, NULL, O_ROL},
	{"scope", required_argument, NULL, O_SCOPE},
	{"organisatie", required_argument, NULL, O_ORGANISATIE},
	{"inactief", no_argument, NULL, O_INACTIEF},
	{"zorgorganisatie", no_argument, NULL, O_ZORG},
	{"listen", required_argument, NULL, O_LISTEN},
	{"tls-cert", required_argument, NULL, O_TLS_CERT},
	{"tls-key", required_argument, NULL, O_TLS_KEY},
	{"achter-proxy", no_argument, NULL, O_PROXY},
	{"audit-bewaardagen", required_argument, NULL, O_AUDIT_DAYS},
	{"static", required_argument, NULL, O_STATIC},
	{"gebruiker", required_argument, NULL, O_RUN_AS},
	{"tijdelijk", required_argument, NULL, O_TMP},
	{"pool", required_argument, NULL, O_POOL},
	{"sessie-inactief", required_argument, NULL, O_IDLE},
	{"sessie-max", required_argument, NULL, O_MAX},
	{"vandaag", required_argument, NULL, O_VANDAAG},
	{"dossier-bewaardagen", required_argument, NULL, O_DOSSIER_DAYS},
	{"schooljaar", required_argument, NULL, O_SCHOOLJAAR},
	{"breed", no_argument, NULL, O_BREED},
	{"smtp-host", required_argument, NULL, O_SMTP_HOST},
	{"smtp-poort", required_argument, NULL, O_SMTP_PORT},
	{"smtp-starttls", required_argument, NULL, O_SMTP_STARTTLS},
	{"smtp-afzender", required_argument, NULL, O_SMTP_SENDER},
	{"smtp-inlog", required_argument, NULL, O_SMTP_LOGIN},
	{"herinnering-uur", required_argument, NULL, O_REMINDER_HOUR},
	{"herinnering-link", required_argument, NULL, O_REMINDER_LINK},
	{NULL, 0, NULL, 0},
};

static unsigned option_group(int opt)
{
	switch (opt) {
	case O_DATA:
	case O_BEKEND_OP: return OPT_SOURCE;
	case O_DB: return OPT_SOURCE | OPT_DB;
	case O_PEILDATUM:
	case O_IJK: return OPT_PEILDATUM;
	case O_PER: return OPT_PER;
	case O_FORMAT: return OPT_FORMAT;
	case O_LEERLING: return OPT_LEERLING;
	case O_DOOR:
	case O_GEREG: return OPT_IMPORT;
	case O_GEBIED: return OPT_GEBIED;
	case O_NAAM:
	case O_ROL:
	case O_SCOPE:
	case O_ORGANISATIE:
	case O_ZORG:
	case O_INACTIEF: return OPT_ACCOUNT;
	case O_LISTEN:
	case O_TLS_CERT:
	case O_TLS_KEY:
	case O_PROXY:
	case O_AUDIT_DAYS:
	case O_STATIC:
	case O_RUN_AS:
	case O_TMP:
	case O_POOL:
	case O_IDLE:
	case O_MAX:
	case O_DOSSIER_DAYS: return OPT_SERVE;
	case O_VANDAAG: return OPT_SERVE | OPT_VANDAAG;
	case O_SCHOOLJAAR: return OPT_SCHOOLJAAR;
	case O_BREED: return OPT_BREED;
	case O_SMTP_HOST:
	case O_SMTP_PORT:
	case O_SMTP_STARTTLS:
	case O_SMTP_SENDER:
	case O_SMTP_LOGIN:
	case O_REMINDER_HOUR:
	case O_REMINDER_LINK: return OPT_MAIL;
	default: return ~0u;
	}
}

int parse_options(int argc, char **argv, unsigned accepted, const char *usage, cli_opts *o)
{
	memset(o, 0, sizeof *o);
	o->format = isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_CSV;
	o->threads = default_threads();
	o->reminder_hour = -1;
	o->smtp_starttls = -1;
	optind = 1;
	opterr = 0;
	int opt;
	while ((opt = getopt_long(argc, argv, ":", LONG, NULL)) != -1) {
		if (opt == '?')
			return usage_error("onbekende optie '%s'\ngebruik: %s", argv[optind - 1], usage);
		if (opt == ':')
			return usage_error("optie '%s' mist een waarde\ngebruik: %s", argv[optind - 1], usage);
		if (opt == O_HELP) {
			printf("gebruik: %s\n", usage);
			exit(EXIT_OK);
		}
		unsigned group = option_group(opt);
		if (group != ~0u && !(group & accepted))
			return usage_error("optie '%s' hoort niet bij deze opdracht\ngebruik: %s", argv[optind - 1],
					   usage);
		if (opt == O_DB && !(accepted & OPT_SOURCE) && !(accepted & OPT_DB))
			return usage_error("optie --db hoort niet bij deze opdracht");
		day_t d;
		switch (opt) {
		case O_DATA: o->data = optarg; break;
		case O_DB: o->db = optarg; break;
		case O_BEKEND_OP:
			if (date_parse(optarg, strlen(optarg), &d) != 0)
				return usage_error("--bekend-op verwacht een datum JJJJ-MM-DD, niet '%s'", optarg);
			o->bekend_op = optarg;
			break;
		case O_PEILDATUM:
			if (!strcmp(optarg, "vandaag")) {
				add_peildatum(o, today());
				break;
			}
			if (!strcmp(optarg, "ijkmoment")) {
				add_peildatum(o, latest_ijkmoment(today()));
				break;
			}
			if (date_parse(optarg, strlen(optarg), &d) != 0)
				return usage_error("--peildatum verwacht een bestaande datum JJJJ-MM-DD (of 'vandaag' of 'ijkmoment'), niet '%s'",
						   optarg);
			add_peildatum(o, d);
			break;
		case O_IJK:
			if (parse_span(optarg, o))
				return EXIT_USAGE;
			break;
		case O_PER:
			if (strcmp(optarg, "gemeente") && strcmp(optarg, "swv"))
				return usage_error("--per verwacht 'gemeente' of 'swv', niet '%s'", optarg);
			o->per = optarg;
			break;
		case O_FORMAT:
			if (!strcmp(optarg, "csv"))
				o->format = FMT_CSV;
			else if (!strcmp(optarg, "json"))
				o->format = FMT_JSON;
			else if (!strcmp(optarg, "table") || !strcmp(optarg, "tabel"))
				o->format = FMT_TABLE;
			else
				return usage_error("--format verwacht csv, json of table, niet '%s'", optarg);
			break;
		case O_LEERLING: o->leerling = optarg; break;
		case O_DOOR: o->door = optarg; break;
		case O_GEREG:
			if (strlen(optarg) == 10 && date_parse(optarg, 10, &d) == 0)
				o->geregistreerd_op = optarg;
			else if (strlen(optarg) == 19 && optarg[10] == 'T' && date_parse(optarg, 10, &d) == 0)
				o->geregistreerd_op = optarg;
			else
				return usage_error("--geregistreerd-op verwacht JJJJ-MM-DD of JJJJ-MM-DDTUU:MM:SS, niet '%s'",
						   optarg);
			break;
		case O_GEBIED:
			o->gebieden = xgrow(o->gebieden, &o->cap_gebieden, o->n_gebieden + 1, sizeof *o->gebieden);
			o->gebieden[o->n_gebieden++] = optarg;
			break;
		case O_THREADS:
			o->threads = atoi(optarg);
			if (o->threads < 1 || o->threads > 16)
				return usage_error("--threads verwacht een getal van 1 tot 16");
			break;
		case O_QUIET: o->quiet = true; break;
		case O_NAAM: o->naam = optarg; break;
		case O_ROL: o->rol = optarg; break;
		case O_SCOPE: o->scope = optarg; break;
		case O_ORGANISATIE: o->organisatie = optarg; break;
		case O_INACTIEF: o->inactief = true; break;
		case O_ZORG: o->zorg = true; break;
		case O_LISTEN: o->listen = optarg; break;
		case O_TLS_CERT: o->tls_cert = optarg; break;
		case O_TLS_KEY: o->tls_key = optarg; break;
		case O_PROXY: o->achter_proxy = true; break;
		case O_STATIC: o->static_dir = optarg; break;
		case O_RUN_AS: o->run_as = optarg; break;
		case O_TMP: o->tmp_dir = optarg; break;
		case O_AUDIT_DAYS:
			o->audit_days = atoi(optarg);
			if (o->audit_days < 1 || o->audit_days > 36500)
				return usage_error("--audit-bewaardagen verwacht een aantal dagen (1 tot 36500)");
			break;
		case O_DOSSIER_DAYS:
			o->dossier_days = atoi(optarg);
			if (o->dossier_days < 1 || o->dossier_days > 36500)
				return usage_error("--dossier-bewaardagen verwacht een aantal dagen (1 tot 36500)");
			break;
		case O_IDLE:
		case O_MAX: {
			long v = atol(optarg);
			if (v < 1 || v > 7 * 24 * 3600)
				return usage_error("%s verwacht een aantal seconden (1 tot 604800)", argv[optind - 1]);
			if (opt == O_IDLE)
				o->session_idle = v;
			else
				o->session_max = v;
			break;
		}
		case O_VANDAAG:
			if (date_parse(optarg, strlen(optarg), &o->vandaag) != 0)
				return usage_error("--vandaag verwacht een bestaande datum JJJJ-MM-DD, niet '%s'", optarg);
			o->vandaag_set = true;
			break;
		case O_SCHOOLJAAR:
			if (parse_schooljaar(optarg, o))
				return EXIT_USAGE;
			break;
		case O_BREED: o->breed = true; break;
		case O_SMTP_HOST: o->smtp_host = optarg; break;
		case O_SMTP_SENDER: o->smtp_sender = optarg; break;
		case O_SMTP_LOGIN: o->smtp_login = optarg; break;
		case O_REMINDER_LINK: o->reminder_link = optarg; break;
		case O_SMTP_PORT:
			o->smtp_port = atoi(optarg);
			if (o->smtp_port < 1 || o->smtp_port > 65535)
				return usage_error("--smtp-poort verwacht een poortnummer (1 tot 65535)");
			break;
		case O_SMTP_STARTTLS:
			if (strcmp(optarg, "verplicht") && strcmp(optarg, "uit"))
				return usage_error("--smtp-starttls verwacht 'verplicht' of 'uit', niet '%s'", optarg);
			o->smtp_starttls = !strcmp(optarg, "verplicht");
			break;
		case O_REMINDER_HOUR: {
			char *end;
			long h = strtol(optarg, &end, 10);
			if (end == optarg || *end || h < 0 || h > 23)
				return usage_error("--herinnering-uur verwacht een uur van 0 tot 23, niet '%s'", optarg);
			o->reminder_hour = (int)h;
			break;
		}
		case O_POOL:
			o->pool = atoi(optarg);
			if (o->pool < 1 || o->pool > 256)
				return usage_error("--pool verwacht een aantal threads (1 tot 256)");
			break;
		}
	}
	o->args = (const char *const *)argv + optind;
	o->n_args = argc - optind;
	if (o->data && o->db)
		return usage_error("--data en --db sluiten elkaar uit");
	if (o->data && o->bekend_op)
		return usage_error("--bekend-op kan alleen met de registratie (--db), niet met --data");
	return 0;
}

void cli_opts_free(cli_opts *o)
{
	free(o->peildata);
	free(o->gebieden);
	free(o->schooljaren);
}

/* The --gebied filter for a view: *keep stays NULL without --gebied, else
 * true for each gebied asked. EXIT_DATA, with a message, for an unknown code. */
static int keep_gebieden(const cli_opts *o, const dataset *ds, view v, bool **keep)
{
	*keep = NULL;
	if (!o->n_gebieden)
		return 0;
	size_t n = v == VIEW_GEMEENTE ? ds->n_gemeenten : ds->n_swvs;
	*keep = xcalloc(n ? n : 1, sizeof **keep);
	for (size_t i = 0; i < o->n_gebieden; i++) {
		const char *code = o->gebieden[i];
		int32_t g = v == VIEW_GEMEENTE ? dataset_gemeente(ds, code, strlen(code)) : dataset_swv(ds, code, strlen(code));
		if (g == NO_REF)
			return data_error("gebied '%s' is onbekend als %s", code,
					  v == VIEW_GEMEENTE ? "gemeente" : "samenwerkingsverband");
		(*keep)[g] = true;
	}
	return 0;
}

int cli_count_start(const cli_opts *o, const char *usage, view *v, dataset **ds, bool **keep)
{
	return cli_count_sliced(o, usage, v, ds, keep, NULL);
}

int cli_count_sliced(const cli_opts *o, const char *usage, view *v, dataset **ds, bool **keep, tellingen *ts)
{
	*ds = NULL;
	*keep = NULL;
	if (o->n_args)
		return usage_error("onverwacht argument '%s'\ngebruik: %s", o->args[0], usage);
	if (!o->per)
		return usage_error("--per ontbreekt (gemeente of swv)\ngebruik: %s", usage);
	*v = strcmp(o->per, "swv") == 0 ? VIEW_SWV : VIEW_GEMEENTE;
	if (ts && o->data) {
		/* A sum over pupils: the folder a part of its pupils at a time,
		 * when it is read cleanly so (else whole, below, which says why). */
		tellingen_init(ts, o->peildata, o->n_peildata, *v, o->threads);
		*ds = dataset_dir_slices(o->data, 0, o->threads, 0, tellingen_add, ts);
		if (*ds) {
			tellingen_merge(ts, *ds);
			return keep_gebieden(o, *ds, *v, keep);
		}
		tellingen_free(ts);
	}
	*ds = cli_load(o, 0, NULL, NULL);
	if (!*ds)
		return EXIT_DATA;
	return keep_gebieden(o, *ds, *v, keep);
}

const char *cli_db_path(const cli_opts *o)
{
	if (o->db)
		return o->db;
	const char *env = getenv("INBEELD_DB");
	return env && *env ? env : "inbeeld.db";
}

/* Progress on stderr, one line per file; safe from several threads. */
typedef struct progress_out {
	pthread_mutex_t lock;
} progress_out;

static void progress_line(void *ctx, const char *what, uint64_t rows, uint64_t bytes, uint64_t total, int done,
			  double seconds)
{
	progress_out *po = ctx;
	pthread_mutex_lock(&po->lock);
	if (done)
		fprintf(stderr, "\r\033[K  %-22s %12llu regels  %6.2f s\n", what, (unsigned long long)rows, seconds);
	else
		fprintf(stderr, "\r\033[K  %-22s %12llu regels (%3.0f%%)", what, (unsigned long long)rows,
			total ? 100.0 * (double)bytes / (double)total : 0.0);
	pthread_mutex_unlock(&po->lock);
}

dataset *cli_load(const cli_opts *o, unsigned flags, const char *only, size_t *warnings)
{
	strbuf err = STRBUF_INIT;
	dataset *ds = NULL;
	progress_out po = {PTHREAD_MUTEX_INITIALIZER};
	progress pr = {progress_line, &po};
	const progress *prp = !o->quiet && isatty(STDERR_FILENO) ? &pr : NULL;
	if (warnings)
		*warnings = 0;
	if (o->data) {
		dataset_warnings warn = {"inbeeld: waarschuwing: ", STRBUF_INIT, 0};
		ds = dataset_dir_load(o->data, flags, only, prp, o->threads, &err, &warn);
		if (!ds) {
			fprintf(stderr, "inbeeld: de dataset in %s is afgekeurd:\n%s", o->data, sb_str(&err));
		} else {
			/* Doubtful rows were read all the same (SPEC 3.1): say which on
			 * stderr, so that the output itself does not change. */
			if (!o->quiet)
				fputs(sb_str(&warn.text), stderr);
			if (warnings)
				*warnings = warn.total;
		}
		sb_free(&warn.text);
		sb_free(&err);
		return ds;
	}
	const char *path = cli_db_path(o);
	struct stat st;
	if (store_names_file(path) && stat(path, &st) != 0) {
		fprintf(stderr,
			"inbeeld: registratie %s bestaat niet. Laad eerst een dataset met 'inbeeld import --db %s MAP', "
			"of lees een map direct met --data MAP.\n",
			path, path);
		return NULL;
	}
	store *s;
	if (store_open(path, &s, &err) != 0) {
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
		sb_free(&err);
		return NULL;
	}
	char as_of[24];
	if (o->bekend_op)
		snprintf(as_of, sizeof as_of, "%sT23:59:59", o->bekend_op);
	/* The registry as it is now comes from its snapshot file when that is
	 * fresh; as known at a moment, or one pupil, from the registry itself. */
	ds = o->bekend_op || only ? store_load(s, flags, o->bekend_op ? as_of : NULL, only, o->threads, &err)
				  : registry_load(s, flags, o->threads, NULL, &err);
	if (!ds)
		fprintf(stderr, "inbeeld: %s\n", sb_str(&err));
	store_close(s);
	sb_free(&err);
	return ds;
}

int cli_write(const strbuf *sb)
{
	if (fwrite(sb_str(sb), 1, sb->len, stdout) != sb->len || fflush(stdout) != 0)
		return data_error("schrijven naar de uitvoer mislukt: %s", strerror(errno));
	return EXIT_OK;
}
