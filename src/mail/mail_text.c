/*
 * mail_text.c - the daily digest as an e-mail (see mail.h): plain text and
 * a simple HTML part, in Dutch, with counts and links only. Lines end in
 * CRLF (SMTP); the text is ASCII, the link is the configured site address
 * (checked at start-up: no spaces, quotes or angle brackets).
 */
#include <stdio.h>
#include <string.h>

#include "../core/nl_format.h"
#include "mail.h"

static const char BOUNDARY[] = "inbeeld-overzicht-7f3a";

/* One line of the digest: its count with the noun in the right number. */
typedef struct digest_line {
	size_t n;
	const char *one, *many, *path;
	bool since; /* followed by "sinds <the previous digest's day>" */
} digest_line;

enum { DIGEST_LINES = 4 };

/* What both parts say: the days in prose and the lines. */
typedef struct digest_view {
	const digest_counts *d;
	char today[DATE_TEXT], since[DATE_TEXT];
	digest_line l[DIGEST_LINES];
} digest_view;

static void lines_of(const digest_counts *d, digest_line out[DIGEST_LINES])
{
	out[0] = (digest_line){d->due_this_week, "termijn loopt deze week af", "termijnen lopen deze week af",
			       "/dossiers?signaal=deze_week", false};
	out[1] = (digest_line){d->overdue, "dossier is over een termijn (of gestagneerd)",
			       "dossiers zijn over een termijn (of gestagneerd)", "/dossiers?signaal=verlopen", false};
	out[2] = (digest_line){d->followups, "nazorgmoment na terugkeer op school is aan de beurt",
			       "nazorgmomenten na terugkeer op school zijn aan de beurt", "/dossiers?signaal=nazorg", false};
	out[3] = (digest_line){d->new_signals, "nieuw vroegsignaal", "nieuwe vroegsignalen", "/signalen", true};
}

static void text_part(const digest_view *v, const char *link, strbuf *o)
{
	const digest_counts *d = v->d;
	const digest_line *l = v->l;
	const char *today = v->today, *since = v->since;
	sb_printf(o, "Goedemorgen,\r\n\r\nUw overzicht uit inbeeld van %s, over de %zu open %s waarvan\r\n"
		     "u of uw organisatie de regie heeft:\r\n\r\n",
		  today, d->dossiers, d->dossiers == 1 ? "dossier" : "dossiers");
	for (int i = 0; i < DIGEST_LINES; i++) {
		sb_printf(o, "- %zu %s", l[i].n, l[i].n == 1 ? l[i].one : l[i].many);
		if (l[i].since)
			sb_printf(o, " sinds %s", since);
		sb_printf(o, ":\r\n  %s%s\r\n", link, l[i].path);
	}
	sb_printf(o, "\r\nDit bericht noemt bewust geen namen of andere gegevens van leerlingen; die ziet u na het\r\n"
		     "inloggen. Geen overzicht meer ontvangen? Zet het uit bij Mijn instellingen:\r\n  %s/instellingen\r\n",
		  link);
}

static void html_part(const digest_view *v, const char *link, strbuf *o)
{
	const digest_counts *d = v->d;
	const digest_line *l = v->l;
	const char *today = v->today, *since = v->since;
	sb_printf(o, "<!DOCTYPE html>\r\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Overzicht inbeeld %s"
		     "</title></head>\r\n<body>\r\n<p>Goedemorgen,</p>\r\n<p>Uw overzicht uit inbeeld van %s, over de %zu "
		     "open %s waarvan u of uw organisatie de regie heeft:</p>\r\n<ul>\r\n",
		  today, today, d->dossiers, d->dossiers == 1 ? "dossier" : "dossiers");
	for (int i = 0; i < DIGEST_LINES; i++) {
		sb_printf(o, "<li><a href=\"%s%s\"><strong>%zu</strong> %s", link, l[i].path, l[i].n,
			  l[i].n == 1 ? l[i].one : l[i].many);
		if (l[i].since)
			sb_printf(o, " sinds %s", since);
		sb_puts(o, "</a></li>\r\n");
	}
	sb_printf(o, "</ul>\r\n<p>Dit bericht noemt bewust geen namen of andere gegevens van leerlingen; die ziet u na "
		     "het inloggen.<br>\r\nGeen overzicht meer ontvangen? Zet het uit bij <a href=\"%s/instellingen\">Mijn "
		     "instellingen</a>.</p>\r\n</body></html>\r\n",
		  link);
}

void mail_digest_message(const digest_counts *d, const char *link, const char *from, const char *to,
			 const char *date, strbuf *out)
{
	digest_view v = {.d = d};
	nl_date(d->today, v.today);
	nl_date(d->since, v.since);
	lines_of(d, v.l);
	sb_printf(out,
		  "From: inbeeld <%s>\r\nTo: <%s>\r\nSubject: inbeeld: uw overzicht van %s\r\nDate: %s\r\n"
		  "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
		  "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n",
		  from, to, v.today, date, BOUNDARY);
	sb_printf(out, "--%s\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n",
		  BOUNDARY);
	text_part(&v, link, out);
	sb_printf(out, "\r\n--%s\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n",
		  BOUNDARY);
	html_part(&v, link, out);
	sb_printf(out, "\r\n--%s--\r\n", BOUNDARY);
}
