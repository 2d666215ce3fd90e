/*
 * cmd_serve.c - inbeeld serve: the registry over HTTP (SPEC 11), the site
 * of src/web and src/api on the server of src/http.
 */
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>

#include "../app/compute.h"
#include "../http/server.h"
#include "../mail/mail.h"
#include "../web/route_tables.h"
#include "cli.h"

static const char USAGE[] =
	"inbeeld serve --db PAD [--listen 127.0.0.1:8080] [--threads N] [--tls-cert PEM --tls-key PEM] "
	"[--achter-proxy] [--audit-bewaardagen DAGEN] [--dossier-bewaardagen DAGEN] [--sessie-inactief SEC] "
	"[--sessie-max SEC] [--vandaag JJJJ-MM-DD] [--gebruiker NAAM] [--tijdelijk MAP] [--stil] "
	"[--smtp-host HOST --smtp-afzender ADRES [--smtp-poort POORT] [--smtp-starttls verplicht|uit] "
	"[--smtp-inlog BESTAND] [--herinnering-uur UUR] [--herinnering-link URL]]";

/* The reminders by e-mail as the server's task (server.h, src/mail). */
typedef struct reminder_task {
	mail_config cfg;
	int threads;
	/* The reloader's thread says ready (after the first load) while the
	 * main thread may be stopping: lock guards sched between the two. */
	pthread_mutex_t lock;
	mail_scheduler *sched;
} reminder_task;

static int task_start(void *ctx, snapshot_holder *snap, casework *cases, store_pool *pool, strbuf *err)
{
	reminder_task *t = ctx;
	t->sched = mail_scheduler_start(&t->cfg, snap, cases, pool, t->threads, err);
	return t->sched ? 0 : -1;
}

static void task_ready(void *ctx)
{
	reminder_task *t = ctx;
	pthread_mutex_lock(&t->lock);
	if (t->sched) /* none once stopped: a first load that ends during the stop */
		mail_scheduler_ready(t->sched);
	pthread_mutex_unlock(&t->lock);
}

static void task_stop(void *ctx)
{
	reminder_task *t = ctx;
	pthread_mutex_lock(&t->lock);
	mail_scheduler *s = t->sched;
	t->sched = NULL;
	pthread_mutex_unlock(&t->lock);
	mail_scheduler_stop(s);
}

int cmd_serve(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_DB | OPT_SERVE | OPT_MAIL, USAGE, &o);
	if (!rc && o.n_args)
		rc = usage_error("onverwacht argument '%s'\ngebruik: %s", o.args[0], USAGE);
	if (!rc && (!o.tls_cert) != (!o.tls_key))
		rc = usage_error("--tls-cert en --tls-key horen bij elkaar");
	struct stat st;
	if (!rc && store_names_file(cli_db_path(&o)) && stat(cli_db_path(&o), &st) != 0)
		rc = data_error("registratie %s bestaat niet. Laad eerst een dataset met 'inbeeld import --db %s MAP'.",
				cli_db_path(&o), cli_db_path(&o));
	reminder_task task = {.threads = o.threads, .lock = PTHREAD_MUTEX_INITIALIZER};
	bool mail = false;
	char link[128];
	snprintf(link, sizeof link, "http%s://%s", o.tls_cert ? "s" : "", o.listen ? o.listen : "127.0.0.1:8080");
	if (!rc)
		rc = cli_mail_config(&o, link, &task.cfg, &mail);
	if (rc) {
		cli_opts_free(&o);
		return rc;
	}
	if (o.vandaag_set) {
		char d[DATE_TEXT];
		date_format(o.vandaag, d);
		today_fix(o.vandaag);
		if (!o.quiet)
			fprintf(stderr, "inbeeld: vandaag is vastgezet op %s (--vandaag)\n", d);
	}
	server_config cfg = {
		.db_path = cli_db_path(&o),
		.listen = o.listen ? o.listen : "127.0.0.1:8080",
		.tls_cert = o.tls_cert,
		.tls_key = o.tls_key,
		.behind_proxy = o.achter_proxy,
		.static_dir = o.static_dir,
		.run_as = o.run_as,
		.tmp_dir = o.tmp_dir,
		.threads = o.pool ? o.pool : default_threads() * 2,
		.audit_days = o.audit_days,
		.dossier_days = o.dossier_days,
		.session_idle = o.session_idle ? o.session_idle : 30 * 60,
		.session_max = o.session_max ? o.session_max : 12 * 60 * 60,
		.quiet = o.quiet,
	};
	if (mail)
		cfg.task = (server_task){&task, task_start, task_ready, task_stop, task.cfg.port, task.cfg.starttls};
	site_routes(&cfg);
	rc = server_run(&cfg);
	if (mail)
		mail_finish();
	cli_opts_free(&o);
	return rc;
}
