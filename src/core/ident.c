/*
 * ident.c - the checks of Dutch identifiers and codes: BSN (11-proef),
 * onderwijsnummer, BRIN, vestiging, gemeentecode, SWV code. See ident.h.
 */
#include "ident.h"

static bool all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int elfproef_sum(const char *s)
{
	int sum = 0;
	for (int i = 0; i < 8; i++)
		sum += (9 - i) * (s[i] - '0');
	return sum - (s[8] - '0');
}

bool bsn_valid(const char *s, size_t len)
{
	if (len != 9 || !all_digits(s, len))
		return false;
	bool zero = true;
	for (size_t i = 0; i < len; i++)
		if (s[i] != '0')
			zero = false;
	return !zero && bsn_sum_ok(elfproef_sum(s));
}

bool onderwijsnummer_valid(const char *s, size_t len)
{
	return len == 9 && all_digits(s, len) && onderwijsnummer_prefix_ok(s) &&
	       onderwijsnummer_sum_ok(elfproef_sum(s));
}

bool brin_valid(const char *s, size_t len)
{
	return len == 4 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= 'A' &&
	       s[2] <= 'Z' && s[3] >= 'A' && s[3] <= 'Z';
}

bool vestiging_valid(const char *s, size_t len)
{
	return len == 2 && all_digits(s, 2);
}

static int four_digits(const char *s)
{
	return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

bool gemeentecode_parse(const char *s, size_t len, int *num)
{
	if (len != 6 || s[0] != 'G' || s[1] != 'M' || !all_digits(s + 2, 4))
		return false;
	*num = four_digits(s + 2);
	return true;
}

bool swvcode_parse(const char *s, size_t len, int *sector, int *num)
{
	if (len != 6 || !all_digits(s + 2, 4) || s[1] != 'O' || (s[0] != 'P' && s[0] != 'V'))
		return false;
	*sector = s[0] == 'V';
	*num = four_digits(s + 2);
	return true;
}

uint64_t school_key(const char *brin, const char *vestiging)
{
	uint64_t k = 1;
	for (int i = 0; i < 4; i++)
		k = k << 8 | (unsigned char)brin[i];
	for (int i = 0; i < 2; i++)
		k = k << 8 | (unsigned char)vestiging[i];
	return k;
}
