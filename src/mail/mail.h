/*
 * mail.h - reminders by e-mail (issue 14): the daily digest of each account
 * that wants one, as counts and links only (no names, BSN, birth dates or
 * other personal data of a child), sent over SMTP with libcurl.
 *
 *   mail_text.c   the message: plain text and a simple HTML part, in Dutch
 *   smtp.c        the transport: one message to one address (libcurl)
 *   reminders.c   the digests of one server day: who is due, their figures
 *                 (src/app/digest_run.c), the message, the transport, and
 *                 the record that it went out (migration 12)
 *   scheduler.c   in the server: once per server day at the configured hour,
 *                 retried after a failure
 *
 * Its own layer, above app and beside http (README "Design"): the command
 * line wires it to the server (src/cli/cmd_serve.c) and runs it by itself
 * (inbeeld herinneringen verstuur).
 */
#ifndef INBEELD_MAIL_H
#define INBEELD_MAIL_H

#include <stdbool.h>
#include <stdio.h>

#include "../app/casework.h"
#include "../app/pool.h"
#include "../app/reloader.h"
#include "../core/digest.h"
#include "../util/strbuf.h"

typedef struct mail_config {
	const char *host;   /* --smtp-host; NULL: no mail */
	int port;	    /* --smtp-poort (default 25; 587 with STARTTLS) */
	bool starttls;	    /* --smtp-starttls verplicht|uit */
	const char *sender; /* --smtp-afzender */
	const char *link;   /* --herinnering-link: the address of the site in the links */
	int hour;	    /* --herinnering-uur: 0..23, default 7 */
	/* From the file --smtp-inlog (two lines: user, password) or the
	 * environment (INBEELD_SMTP_GEBRUIKER, INBEELD_SMTP_WACHTWOORD), never
	 * the command line. Empty: no login. */
	char user[256], password[256];
	/* The host's address, resolved once before the sandbox starts (after
	 * it, neither /etc/hosts nor DNS is there): libcurl gets it as is. */
	char address[64];
} mail_config;

/* Read the credentials (file or environment), resolve the host, and start
 * libcurl: before the sandbox. 0, or -1 with a Dutch reason. */
int mail_prepare(mail_config *cfg, const char *login_file, strbuf *err);
/* libcurl's end, after the last message. */
void mail_finish(void);

/* ---- the message (mail_text.c) -------------------------------------------- */

/* The whole message (headers and a multipart/alternative body, CRLF lines)
 * of digest d for address to: counts and links to `link` only. date: the
 * Date header's value (RFC 5322). */
void mail_digest_message(const digest_counts *d, const char *link, const char *from, const char *to,
			 const char *date, strbuf *out);

/* ---- the transport (smtp.c) ----------------------------------------------- */

/* Send message to address `to`. 0, or -1 with a reason for the server log
 * (libcurl's, never the address). */
int mail_send(const mail_config *cfg, const char *to, const strbuf *message, strbuf *err);

/* ---- one day's digests (reminders.c) -------------------------------------- */

typedef struct reminder_result {
	size_t due, sent, failed;
} reminder_result;

/* Send the digests of server day today to every account that wants one and
 * did not get it yet, over the dossiers `all` (their states on today) and
 * dataset ds (index may be NULL); each one sent is recorded. A line per run
 * on log, with counts only. 0, or -1 when the registry could not be read
 * (a message that could not go out counts as failed: tried again next run). */
int reminders_send_day(const mail_config *cfg, store *st, const dataset *ds, const pupil_index *index, int threads,
		       const dossier_state *all, size_t n_all, day_t today, FILE *log, reminder_result *res);

/* ---- in the server (scheduler.c) ------------------------------------------ */

typedef struct mail_scheduler mail_scheduler;

/* Start the thread that sends each server day's digests at cfg->hour (the
 * configuration must outlive it). NULL with err when it cannot start. */
mail_scheduler *mail_scheduler_start(const mail_config *cfg, snapshot_holder *snap, casework *cases,
				     store_pool *pool, int threads, strbuf *err);
/* The first load's work is done (the automatic opening of dossiers): only
 * then does the first round count the dossiers. */
void mail_scheduler_ready(mail_scheduler *s);
void mail_scheduler_stop(mail_scheduler *s);

#endif
