/*
 * digest.c - what one account's daily digest counts (see digest.h).
 */
#include "digest.h"

#include <stdlib.h>
#include <string.h>

void digest_begin(digest_counts *d, day_t today, day_t last)
{
	*d = (digest_counts){.today = today, .since = last != DAY_NONE ? last : today - DIGEST_FIRST_DAYS};
}

bool digest_case_is_mine(const case_state *st, int64_t account, int64_t org)
{
	return case_held_by(st, account) || case_led_by(st, org);
}

void digest_add_case(digest_counts *d, const case_state *st)
{
	const term *terms[] = {&st->place, &st->decision, &st->aanbod};
	for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++)
		if (terms[i]->state == TERM_DUE_SOON)
			d->due_this_week++;
	if (case_matches_signal(st, "verlopen"))
		d->overdue++;
	d->dossiers++;
}

void digest_add_followup(digest_counts *d, const case_state *st, int64_t account, int64_t org)
{
	const char *sig = case_signal(st);
	if (sig && strcmp(sig, "nazorg") == 0 &&
	    ((account > 0 && st->regie_user == account) || (org > 0 && st->regie_org == org)))
		d->followups++;
}

static int by_pupil_kind(const void *a, const void *b)
{
	const signal_entry *x = a, *y = b;
	if (x->pupil != y->pupil)
		return x->pupil < y->pupil ? -1 : 1;
	return (int)x->s.kind - (int)y->s.kind;
}

void digest_add_signals(digest_counts *d, signal_entry *now, size_t n, signal_entry *before, size_t m)
{
	if (n)
		qsort(now, n, sizeof *now, by_pupil_kind);
	if (m)
		qsort(before, m, sizeof *before, by_pupil_kind);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		while (j < m && by_pupil_kind(&before[j], &now[i]) < 0)
			j++;
		if (j == m || by_pupil_kind(&before[j], &now[i]) != 0)
			d->new_signals++;
	}
}

bool digest_send_now(int hour, int send_hour, long minutes_since_try)
{
	return hour >= send_hour && (minutes_since_try < 0 || minutes_since_try >= DIGEST_RETRY_MINUTES);
}

bool digest_address_ok(const char *text)
{
	size_t n = strlen(text);
	if (n < 6 || n > 254)
		return false;
	for (const char *c = text; *c; c++)
		if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f || strchr("<>\"'\\,;()", *c))
			return false;
	const char *at = strchr(text, '@');
	if (!at || at == text || strchr(at + 1, '@'))
		return false;
	const char *dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}
