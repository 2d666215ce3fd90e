/*
 * db_pg_text.c - the text the PostgreSQL backend (db_pg.c) rewrites: SQL's
 * ?N parameters as $N, and a connection target without its password for
 * messages. No libpq here; see db_pg.h.
 */
#include "db_pg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void db_pg_redact(const char *target, strbuf *out)
{
	const char *s = strstr(target, "://");
	if (!s) {
		sb_puts(out, target);
		return;
	}
	s += 3;
	size_t auth = strcspn(s, "/?#");
	const char *at = NULL; /* the last @ of the authority ends the userinfo */
	for (const char *p = s; p < s + auth; p++)
		if (*p == '@')
			at = p;
	sb_append(out, target, (size_t)(s - target));
	if (at) {
		const char *colon = memchr(s, ':', (size_t)(at - s));
		sb_append(out, s, (size_t)((colon ? colon : at) - s));
		sb_append(out, at, (size_t)(s + auth - at));
	} else {
		sb_append(out, s, auth);
	}
	const char *p = s + auth;
	size_t path = strcspn(p, "?#");
	sb_append(out, p, path);
	p += path;
	if (*p != '?') {
		sb_puts(out, p);
		return;
	}
	char sep = '?';
	p++;
	while (*p && *p != '#') {
		size_t n = strcspn(p, "&#");
		if (!(n >= 9 && !strncmp(p, "password=", 9))) {
			sb_putc(out, sep);
			sb_append(out, p, n);
			sep = '&';
		}
		p += n;
		if (*p == '&')
			p++;
	}
	sb_puts(out, p);
}

/* Copy a quoted run from *p (at the opening quote q) to out, through its
 * closing quote; doubled quotes stay inside. backslash: E'...' escapes. */
static bool copy_quoted(const char **p, char q, bool backslash, strbuf *out)
{
	const char *s = *p;
	const char *e = s + 1;
	for (;;) {
		if (!*e)
			return false;
		if (backslash && *e == '\\' && e[1]) {
			e += 2;
			continue;
		}
		if (*e == q) {
			if (e[1] == q) {
				e += 2;
				continue;
			}
			break;
		}
		e++;
	}
	sb_append(out, s, (size_t)(e + 1 - s));
	*p = e + 1;
	return true;
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

int db_pg_rewrite(const char *sql, strbuf *out, int *max_param, strbuf *err)
{
	*max_param = 0;
	const char *p = sql;
	while (*p) {
		char c = *p;
		if (c == '\'' || c == '"') {
			bool esc = c == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
				   (p - 1 == sql || !ident_char(p[-2]));
			if (!copy_quoted(&p, c, esc, out)) {
				sb_puts(err, c == '"' ? "een naam tussen aanhalingstekens is niet gesloten"
						      : "een tekst tussen aanhalingstekens is niet gesloten");
				return DB_ERROR;
			}
		} else if (c == '-' && p[1] == '-') {
			size_t n = strcspn(p, "\n");
			sb_append(out, p, n);
			p += n;
		} else if (c == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			size_t n = e ? (size_t)(e + 2 - p) : strlen(p);
			sb_append(out, p, n);
			p += n;
		} else if (c == '$' && (p == sql || !ident_char(p[-1]))) {
			/* a dollar quote $tag$ ... $tag$ (a $N would be a parameter already written so) */
			const char *t = p + 1;
			while (ident_char(*t) && !(*t >= '0' && *t <= '9' && t == p + 1))
				t++;
			if (*t != '$') {
				sb_putc(out, c);
				p++;
				continue;
			}
			size_t tag = (size_t)(t + 1 - p);
			const char *e = p + tag;
			while ((e = strchr(e, '$')) && strncmp(e, p, tag))
				e++;
			size_t n = e ? (size_t)(e + tag - p) : strlen(p);
			sb_append(out, p, n);
			p += n;
		} else if (c == '?') {
			char *end;
			errno = 0;
			long n = (p[1] >= '0' && p[1] <= '9') ? strtol(p + 1, &end, 10) : 0;
			if (n < 1 || n > 65535 || errno) {
				sb_puts(err, "een parameter zonder nummer (?) of buiten 1..65535; schrijf ?1, ?2, ...");
				return DB_ERROR;
			}
			sb_printf(out, "$%ld", n);
			if (n > *max_param)
				*max_param = (int)n;
			p = end;
		} else {
			sb_putc(out, c);
			p++;
		}
	}
	return DB_OK;
}
