/*
 * inbeeld herinneringen verstuur - send the daily digests of the server's
 * day now (issue 14; for cron, and for the tests), as the server does once
 * a day at --herinnering-uur: to every account that wants one and did not
 * get today's yet. The options of the mail (--smtp-*) are serve's; this
 * file also turns them into the mail layer's configuration for serve.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app/dossiers.h"
#include "../mail/mail.h"
#include "../store/store.h"
#include "cli.h"

static const char USAGE[] =
	"inbeeld herinneringen verstuur --db PAD --smtp-host HOST --smtp-afzender ADRES [--smtp-poort POORT] "
	"[--smtp-starttls verplicht|uit] [--smtp-inlog BESTAND] [--herinnering-link URL] [--vandaag JJJJ-MM-DD]";

/* An address or link as it goes into a header or an HTML attribute: no
 * spaces, quotes, angle brackets or control characters. */
static bool plain_text(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7f || strchr("<>\"'\\", *s))
			return false;
	return true;
}

int cli_mail_config(const cli_opts *o, const char *default_link, mail_config *cfg, bool *wanted)
{
	*cfg = (mail_config){0};
	*wanted = o->smtp_host != NULL;
	if (!o->smtp_host) {
		if (o->smtp_sender || o->smtp_port || o->smtp_starttls >= 0 || o->smtp_login || o->reminder_hour >= 0 ||
		    o->reminder_link)
			return usage_error("de herinneringen per e-mail vragen --smtp-host");
		return 0;
	}
	if (!plain_text(o->smtp_host))
		return usage_error("--smtp-host verwacht een hostnaam of adres, niet '%s'", o->smtp_host);
	if (!o->smtp_sender || !digest_address_ok(o->smtp_sender))
		return usage_error("--smtp-afzender verwacht het e-mailadres van de afzender (naam@domein)");
	const char *link = o->reminder_link ? o->reminder_link : default_link;
	if (!plain_text(link) || (strncmp(link, "http://", 7) && strncmp(link, "https://", 8)))
		return usage_error("--herinnering-link verwacht het adres van de site (http:// of https://), niet '%s'", link);
	cfg->host = o->smtp_host;
	cfg->starttls = o->smtp_starttls != 0; /* verplicht unless said otherwise */
	cfg->port = o->smtp_port ? o->smtp_port : cfg->starttls ? 587 : 25;
	cfg->sender = o->smtp_sender;
	cfg->link = link;
	cfg->hour = o->reminder_hour >= 0 ? o->reminder_hour : 7;
	strbuf err = STRBUF_INIT;
	int rc = mail_prepare(cfg, o->smtp_login, &err) != 0 ? data_error("%s", sb_str(&err)) : 0;
	sb_free(&err);
	return rc;
}

static int send_now(const cli_opts *o, const mail_config *cfg)
{
	strbuf err = STRBUF_INIT;
	store *st = NULL;
	dossier_state *all = NULL;
	size_t n = 0;
	int rc = 0;
	dataset *ds = cli_load(o, 0, NULL, NULL);
	if (!ds)
		rc = EXIT_DATA;
	else if (store_open(cli_db_path(o), &st, &err) != 0 || dossiers_all(st, ds, today(), &all, &n, &err) != 0)
		rc = data_error("%s", sb_str(&err));
	reminder_result res = {0};
	if (!rc && reminders_send_day(cfg, st, ds, NULL, o->threads, all, n, today(), stderr, &res) != 0)
		rc = EXIT_DATA;
	if (!rc) {
		char day[DATE_TEXT];
		date_format(today(), day);
		printf("herinneringen van %s: %zu verstuurd, %zu mislukt\n", day, res.sent, res.failed);
		if (res.failed)
			rc = EXIT_DATA;
	}
	free(all);
	store_close(st);
	dataset_free(ds);
	sb_free(&err);
	return rc;
}

int cmd_herinneringen(int argc, char **argv)
{
	cli_opts o;
	int rc = parse_options(argc, argv, OPT_DB | OPT_SERVE | OPT_MAIL, USAGE, &o);
	if (!rc && (o.n_args != 1 || strcmp(o.args[0], "verstuur")))
		rc = usage_error("geef 'verstuur'\ngebruik: %s", USAGE);
	mail_config cfg;
	bool wanted = false;
	if (!rc)
		rc = cli_mail_config(&o, "http://127.0.0.1:8080", &cfg, &wanted);
	if (!rc && !wanted)
		rc = usage_error("geef --smtp-host en --smtp-afzender\ngebruik: %s", USAGE);
	if (!rc) {
		if (o.vandaag_set)
			today_fix(o.vandaag);
		rc = send_now(&o, &cfg);
		mail_finish();
	}
	cli_opts_free(&o);
	return rc;
}
