/*
 * smtp.c - one message to one address over SMTP, with libcurl (see
 * mail.h). The host's address was resolved before the sandbox
 * (mail_prepare): libcurl gets it with CURLOPT_RESOLVE and needs neither
 * /etc/hosts nor DNS, so the sandbox allows one TCP connection, to the
 * configured port (docs/security.md). With STARTTLS the connection is
 * upgraded before anything is said, and the certificate and host name are
 * verified; without it, the message goes in plain text (a relay on the same
 * machine or network).
 */
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "mail.h"

typedef struct upload {
	const strbuf *msg;
	size_t at;
} upload;

static size_t read_part(char *buf, size_t size, size_t n, void *ctx)
{
	upload *u = ctx;
	size_t room = size * n, left = u->msg->len - u->at;
	size_t k = left < room ? left : room;
	memcpy(buf, u->msg->data + u->at, k);
	u->at += k;
	return k;
}

int mail_send(const mail_config *cfg, const char *to, const strbuf *message, strbuf *err)
{
	CURL *c = curl_easy_init();
	if (!c) {
		sb_puts(err, "libcurl kon niet starten");
		return -1;
	}
	char url[320], resolve[360], rcpt[300], from[300];
	/* An IPv6 literal goes between brackets, in the URL as in the entry. */
	const char *lb = strchr(cfg->host, ':') ? "[" : "", *rb = *lb ? "]" : "";
	snprintf(url, sizeof url, "smtp://%s%s%s:%d", lb, cfg->host, rb, cfg->port);
	snprintf(resolve, sizeof resolve, "%s%s%s:%d:%s", lb, cfg->host, rb, cfg->port, cfg->address);
	snprintf(rcpt, sizeof rcpt, "<%s>", to);
	snprintf(from, sizeof from, "<%s>", cfg->sender);
	struct curl_slist *rcpts = curl_slist_append(NULL, rcpt);
	struct curl_slist *hosts = curl_slist_append(NULL, resolve);
	upload u = {message, 0};
	CURLcode rc = !rcpts || !hosts ? CURLE_OUT_OF_MEMORY : CURLE_OK;
	/* Every option is checked: one that failed would send another way. */
#define SET(opt, val) (rc = rc ? rc : curl_easy_setopt(c, opt, val))
	SET(CURLOPT_URL, url);
	SET(CURLOPT_RESOLVE, hosts);
	SET(CURLOPT_PROTOCOLS_STR, "smtp");
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_CONNECTTIMEOUT, 20L);
	SET(CURLOPT_TIMEOUT, 60L);
	SET(CURLOPT_MAIL_FROM, from);
	SET(CURLOPT_MAIL_RCPT, rcpts);
	SET(CURLOPT_UPLOAD, 1L);
	SET(CURLOPT_READFUNCTION, read_part);
	SET(CURLOPT_READDATA, &u);
	SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)message->len);
	SET(CURLOPT_USE_SSL, cfg->starttls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_NONE);
	if (cfg->user[0]) {
		SET(CURLOPT_USERNAME, cfg->user);
		SET(CURLOPT_PASSWORD, cfg->password);
	}
#undef SET
	if (!rc)
		rc = curl_easy_perform(c);
	if (rc)
		sb_printf(err, "SMTP via %s:%d: %s", cfg->host, cfg->port, curl_easy_strerror(rc));
	curl_slist_free_all(rcpts);
	curl_slist_free_all(hosts);
	curl_easy_cleanup(c);
	return rc ? -1 : 0;
}
