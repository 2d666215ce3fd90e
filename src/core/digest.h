/*
 * digest.h - the daily reminder by e-mail (issue 14): what one account's
 * digest counts on the server's day. Counts only, never who: the deadlines
 * due this week and the dossiers over a term, of the open dossiers the
 * account or its organisation leads (SPEC 6: the terms in lesweken of
 * cases.c, whose TERM_DUE_SOON is "due this week"), and the early signals
 * (SPEC 7.1) of the pupils it sees that hold today and did not hold on the
 * day of its previous digest (a week before today for the first one), and
 * the follow-ups (nazorg, SPEC 6) due this week of the dossiers it closed
 * with the child back at school. Pure
 * functions: no I/O, no globals; the app gathers (src/app/digest_run.c).
 */
#ifndef INBEELD_DIGEST_H
#define INBEELD_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cases.h"
#include "signals.h"

enum {
	DIGEST_FIRST_DAYS = 7, /* the first digest's signals: new since a week ago */
	DIGEST_RETRY_MINUTES = 10, /* the server's next round of a day, for what did not go out yet */
};

typedef struct digest_counts {
	day_t today;	   /* the server's day */
	day_t since;	   /* the day the new signals are new against */
	size_t due_this_week; /* terms due this week (TERM_DUE_SOON) */
	size_t overdue;	      /* open dossiers over a term, stagnated included */
	size_t new_signals;   /* signals that hold today and did not on `since` */
	size_t dossiers;      /* open dossiers led by the account or its organisation */
	size_t followups;     /* closed dossiers whose follow-up is due this week or overdue */
} digest_counts;

/* The start of a digest for server day today, after the previous digest on
 * `last` (DAY_NONE: none): since is last, or DIGEST_FIRST_DAYS before today. */
void digest_begin(digest_counts *d, day_t today, day_t last);

/* Whether a dossier is the account's: open, and led (regie) by the account
 * itself or by its organisation org (0: none). */
bool digest_case_is_mine(const case_state *st, int64_t account, int64_t org);
/* Count one of the account's dossiers (digest_case_is_mine): its terms due
 * this week, and whether it is over a term (case_matches_signal "verlopen"). */
void digest_add_case(digest_counts *d, const case_state *st);

/* Count a closed dossier's follow-up when it is the account's to do now:
 * closed with the child back at school, a follow-up moment due this week or
 * overdue and not yet recorded (case_signal "nazorg"), and the account
 * itself or its organisation org (0: none) held regie when it closed. */
void digest_add_followup(digest_counts *d, const case_state *st, int64_t account, int64_t org);

/* Count the signals of `now` (the signals on d->today) that `before` (those
 * on d->since, of the same pupils' scope) does not hold: by pupil and
 * signal, so a pupil moving from KEARNEY_2 to KEARNEY_3 is new. Both lists
 * are sorted in place. */
void digest_add_signals(digest_counts *d, signal_entry *now, size_t n, signal_entry *before, size_t m);

/* Whether the server sends its digests now: the hour of the clock (0..23)
 * has reached the configured hour, and no attempt was made in the last
 * DIGEST_RETRY_MINUTES (minutes_since_try < 0: none yet this day). The day
 * itself is the server's day, which the caller gives the store. */
bool digest_send_now(int hour, int send_hour, long minutes_since_try);

/* Whether text is an e-mail address a digest may go to: 6 to 254 bytes of
 * printable ASCII without spaces, quotes, angle brackets, backslashes,
 * commas, semicolons or parentheses, one '@' with text before it and a
 * domain with a dot after it. */
bool digest_address_ok(const char *text);

#endif
