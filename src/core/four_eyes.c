/*
 * four_eyes.c - the rules of accounts under four eyes. See four_eyes.h.
 */
#include "four_eyes.h"

#include <ctype.h>
#include <string.h>

static const char ALPHABET[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; /* no I, O, 0, 1 */

bool account_needs_four_eyes(role r)
{
	/* The beheerder reaches personal data through break-glass. */
	return role_sees_pupils(r) || r == ROLE_BEHEERDER;
}

static bool has_code(const scope *s, const char *code)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->codes[i], code))
			return true;
	return false;
}

bool account_change_widens(const account_terms *a, const account_terms *b)
{
	if (b->rol != a->rol || b->organisatie_id != a->organisatie_id || (b->actief && !a->actief))
		return true;
	if (b->sc->all && !a->sc->all)
		return true;
	if (a->sc->all)
		return false;
	for (size_t i = 0; i < b->sc->n; i++)
		if (!has_code(a->sc, b->sc->codes[i]))
			return true;
	return false;
}

bool account_may_confirm(int64_t requester, int64_t target, int64_t confirmer, strbuf *why)
{
	if (confirmer == requester) {
		sb_puts(why, "u vroeg dit zelf aan; een tweede beheerder moet het bevestigen");
		return false;
	}
	if (confirmer == target) {
		sb_puts(why, "dit verzoek gaat over uw eigen account; een andere beheerder moet het bevestigen");
		return false;
	}
	return true;
}

void code_half_format(const unsigned char random[CODE_HALF], char out[CODE_SHOWN])
{
	size_t o = 0;
	for (int i = 0; i < CODE_HALF; i++) {
		if (i == CODE_HALF / 2)
			out[o++] = '-';
		out[o++] = ALPHABET[random[i] % 32];
	}
	out[o] = '\0';
}

bool code_parse(const char *text, int halves, char out[2][CODE_HALF + 1])
{
	int n = 0;
	for (const char *p = text; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		char c = (char)toupper((unsigned char)*p);
		if (!strchr(ALPHABET, c) || n >= halves * CODE_HALF)
			return false;
		out[n / CODE_HALF][n % CODE_HALF] = c;
		n++;
	}
	if (n != halves * CODE_HALF)
		return false;
	for (int h = 0; h < halves; h++)
		out[h][CODE_HALF] = '\0';
	return true;
}
