/* nl_format.c - values written the Dutch way for people (nl_format.h). */
#include "nl_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nl_date(day_t d, char out[DATE_TEXT])
{
	if (d == DAY_NONE || d == DAY_OPEN) {
		out[0] = '\0';
		return;
	}
	civil c = civil_from_day(d);
	snprintf(out, DATE_TEXT, "%02d-%02d-%04d", c.day, c.month, c.year);
}

void nl_int(int64_t v, char out[NL_NUMBER_TEXT])
{
	char digits[24];
	/* The magnitude as unsigned: -INT64_MIN does not fit an int64_t. */
	uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)m);
	size_t n = strlen(digits), k = 0;
	if (v < 0)
		out[k++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			out[k++] = '.';
		out[k++] = digits[i];
	}
	out[k] = '\0'; /* at most 1 + 20 + 6 bytes */
}

/* Whether text is digits with at most one decimal point (and a sign). */
static bool numeric(const char *text)
{
	const char *s = text + (*text == '-');
	bool digit = false, point = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (*s == '.' && !point)
			point = true;
		else
			return false;
	}
	return digit;
}

void nl_number(const char *text, char out[NL_NUMBER_TEXT])
{
	size_t len = strlen(text);
	if (!numeric(text) || len >= 24) {
		snprintf(out, NL_NUMBER_TEXT, "%s", text);
		return;
	}
	const char *dot = strchr(text, '.');
	size_t whole = dot ? (size_t)(dot - text) : len;
	char w[24];
	memcpy(w, text, whole);
	w[whole] = '\0';
	bool neg = w[0] == '-';
	nl_int(strtoll(w, NULL, 10), out);
	if (neg && !strcmp(out, "0")) /* "-0.5" */
		snprintf(out, NL_NUMBER_TEXT, "-0");
	if (dot) {
		size_t k = strlen(out);
		snprintf(out + k, NL_NUMBER_TEXT - k, ",%s", dot + 1);
	}
}

void nl_timestamp(const char *iso, char out[NL_STAMP_TEXT])
{
	day_t d;
	size_t n = strlen(iso);
	bool clock = n >= 16 && iso[10] == 'T' && iso[13] == ':';
	for (size_t i = 11; clock && i < 16; i++)
		clock = i == 13 || (iso[i] >= '0' && iso[i] <= '9');
	if (!clock || date_parse(iso, 10, &d) != 0) {
		snprintf(out, NL_STAMP_TEXT, "%s", iso);
		return;
	}
	char day[DATE_TEXT];
	nl_date(d, day);
	snprintf(out, NL_STAMP_TEXT, "%s %.5s", day, iso + 11);
}

const char *nl_days_word(int64_t n)
{
	return n == 1 || n == -1 ? "dag" : "dagen";
}

void nl_days(int64_t n, char out[NL_NUMBER_TEXT])
{
	nl_int(n, out); /* at most 27 bytes: room for the unit */
	size_t k = strlen(out);
	snprintf(out + k, NL_NUMBER_TEXT - k, " %s", nl_days_word(n));
}
