/*
 * four_eyes.h - the rules of accounts under four eyes (issue 11): which
 * accounts and changes need a second beheerder, who may be that second one,
 * and the one-time codes with which users set their own password.
 *
 * A beheerder never knows or sets another user's password. An account is
 * activated, and a password reset, by the user entering a one-time code and
 * choosing the password. An account that reaches personal data (school,
 * leerplicht, swv; the beheerder through break-glass), or a change that
 * widens an account (another role or organisation, a code added to the scope,
 * reactivation), takes effect only when a second, different beheerder
 * confirms it. The code is then made of two halves: one shown to the
 * beheerder who asked, one to the beheerder who confirmed, so that neither
 * alone can use it (until the code goes to the user by e-mail).
 */
#ifndef INBEELD_FOUR_EYES_H
#define INBEELD_FOUR_EYES_H

#include <stdbool.h>
#include <stdint.h>

#include "../util/strbuf.h"
#include "access.h"

/* Whether an account of role r needs a second beheerder: it reaches
 * personal data. */
bool account_needs_four_eyes(role r);

/* What an account may do: its role, scope, organisation and whether it is
 * active. */
typedef struct account_terms {
	role rol;
	const scope *sc;
	int64_t organisatie_id;
	bool actief;
} account_terms;

/* Whether going from terms a to b widens the account: another role or
 * organisation, a code (or "*") b has that a has not, or reactivation. Only
 * a narrowing (or nothing) takes effect without a second beheerder. */
bool account_change_widens(const account_terms *a, const account_terms *b);

/* Whether beheerder confirmer may confirm (or refuse) a request asked by
 * requester about account target: not who asked, not the account itself.
 * False with the reason in why. */
bool account_may_confirm(int64_t requester, int64_t target, int64_t confirmer, strbuf *why);

/* A half of a one-time code: CODE_HALF characters of an alphabet without
 * look-alikes (32 symbols, 5 bits each: 50 bits), shown as two groups of
 * five ("KQ7MZ-4HT2P"). */
enum { CODE_HALF = 10, CODE_SHOWN = CODE_HALF + 2 };

/* The half made of CODE_HALF random bytes (each taken modulo 32, which is
 * uniform since 32 divides 256), shown with its dash. */
void code_half_format(const unsigned char random[CODE_HALF], char out[CODE_SHOWN]);
/* A code as the user typed it: spaces and dashes left out, lower case
 * taken as upper. halves is 1 or 2 (the second beheerder's half follows the
 * first's); each half goes to out[i] without its dash. False when the code
 * has the wrong length or a character outside the alphabet. */
bool code_parse(const char *text, int halves, char out[2][CODE_HALF + 1]);

#endif
