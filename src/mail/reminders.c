/*
 * reminders.c - the digests of one server day (see mail.h), and what the
 * transport needs before the sandbox: the credentials, the host's address,
 * libcurl's start.
 *
 * The log says how many went out and why one did not, never to whom: no
 * address of an account and nothing of a child.
 */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "../app/digest_run.h"
#include "mail.h"

/* A line of a file without its end of line; false when there is none. */
static bool read_line(FILE *f, char *out, size_t size)
{
	if (!fgets(out, (int)size, f))
		return false;
	out[strcspn(out, "\r\n")] = '\0';
	return true;
}

static int read_login(mail_config *cfg, const char *login_file, strbuf *err)
{
	if (login_file) {
		FILE *f = fopen(login_file, "r");
		if (!f) {
			sb_printf(err, "--smtp-inlog: %s is niet te lezen", login_file);
			return -1;
		}
		bool ok = read_line(f, cfg->user, sizeof cfg->user) && read_line(f, cfg->password, sizeof cfg->password);
		fclose(f);
		if (!ok || !cfg->user[0]) {
			sb_printf(err, "--smtp-inlog: %s heeft niet twee regels (gebruikersnaam, wachtwoord)", login_file);
			return -1;
		}
		return 0;
	}
	const char *user = getenv("INBEELD_SMTP_GEBRUIKER"), *password = getenv("INBEELD_SMTP_WACHTWOORD");
	if (user && *user) {
		snprintf(cfg->user, sizeof cfg->user, "%s", user);
		snprintf(cfg->password, sizeof cfg->password, "%s", password ? password : "");
	}
	return 0;
}

static int resolve(mail_config *cfg, strbuf *err)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res = NULL;
	char port[8];
	snprintf(port, sizeof port, "%d", cfg->port);
	int rc = getaddrinfo(cfg->host, port, &hints, &res);
	if (rc != 0 || !res) {
		sb_printf(err, "--smtp-host: %s is niet te vinden (%s)", cfg->host, gai_strerror(rc));
		return -1;
	}
	char text[INET6_ADDRSTRLEN] = "";
	if (res->ai_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)res->ai_addr)->sin_addr, text, sizeof text);
	else
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)res->ai_addr)->sin6_addr, text, sizeof text);
	snprintf(cfg->address, sizeof cfg->address, res->ai_family == AF_INET6 ? "[%s]" : "%s", text);
	freeaddrinfo(res);
	return 0;
}

int mail_prepare(mail_config *cfg, const char *login_file, strbuf *err)
{
	if (read_login(cfg, login_file, err) != 0 || resolve(cfg, err) != 0)
		return -1;
	/* libcurl and its TLS library read their configuration now. */
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		sb_puts(err, "libcurl kon niet starten");
		return -1;
	}
	return 0;
}

void mail_finish(void)
{
	curl_global_cleanup();
}

/* The Date header: the wall clock (a recording moment, not a business date). */
static void mail_date(char out[64])
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(out, 64, "%a, %d %b %Y %H:%M:%S %z", &tm))
		snprintf(out, 64, "Thu, 01 Jan 1970 00:00:00 +0000");
}

/* A failed send gives its claim back; when even that fails, the digest of
 * the day is lost for that account, and the log says so. */
static void release(store *st, int64_t gebruiker_id, const char *day, FILE *log)
{
	strbuf err = STRBUF_INIT;
	if (store_reminder_release(st, gebruiker_id, day, &err) != 0)
		fprintf(log, "inbeeld: herinneringen van %s: niet opnieuw aan de beurt gezet: %s\n", day, sb_str(&err));
	sb_free(&err);
}

int reminders_send_day(const mail_config *cfg, store *st, const dataset *ds, const pupil_index *index, int threads,
		       const dossier_state *all, size_t n_all, day_t today, FILE *log, reminder_result *res)
{
	*res = (reminder_result){0};
	char day[DATE_TEXT];
	date_format(today, day);
	strbuf err = STRBUF_INIT;
	reminder_setting *due = NULL;
	size_t n = 0;
	if (store_reminders_due(st, day, &due, &n, &err) != 0) {
		fprintf(log, "inbeeld: herinneringen van %s: %s\n", day, sb_str(&err));
		sb_free(&err);
		return -1;
	}
	res->due = n;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		sb_reset(&err);
		int claimed = store_reminder_claim(st, due[i].gebruiker_id, day, &err);
		if (claimed < 0) {
			fprintf(log, "inbeeld: herinneringen van %s: %s\n", day, sb_str(&err));
			rc = -1;
			break;
		}
		if (!claimed) { /* another process sends this one */
			res->due--;
			continue;
		}
		digest_counts d;
		if (digest_gather(st, ds, index, threads, all, n_all, due[i].gebruiker_id, today, &d, &err) != 0) {
			fprintf(log, "inbeeld: herinneringen van %s: %s\n", day, sb_str(&err));
			release(st, due[i].gebruiker_id, day, log);
			rc = -1;
			break;
		}
		char date[64];
		mail_date(date);
		strbuf msg = STRBUF_INIT;
		mail_digest_message(&d, cfg->link, cfg->sender, due[i].email, date, &msg);
		sb_reset(&err);
		if (mail_send(cfg, due[i].email, &msg, &err) != 0) {
			res->failed++;
			fprintf(log, "inbeeld: een herinnering van %s is niet verstuurd (volgende ronde opnieuw): %s\n", day,
				sb_str(&err));
			release(st, due[i].gebruiker_id, day, log);
		} else {
			res->sent++;
		}
		sb_free(&msg);
	}
	if (res->due)
		fprintf(log, "inbeeld: herinneringen van %s: %zu verstuurd, %zu mislukt (van %zu)\n", day, res->sent,
			res->failed, res->due);
	free(due);
	sb_free(&err);
	return rc;
}
