/*
 * html.c - context-escaping output for the web interface (html.h).
 */
#include "html.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_raw_literal(strbuf *sb, const char *s, size_t len)
{
	sb_append(sb, s, len);
}

void html_text_n(strbuf *sb, const char *s, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		sb_append(sb, s + start, i - start);
		sb_puts(sb, rep);
		start = i + 1;
	}
	sb_append(sb, s + start, len - start);
}

void html_text(strbuf *sb, const char *s)
{
	if (s)
		html_text_n(sb, s, strlen(s));
}

void html_attr(strbuf *sb, const char *s)
{
	html_text(sb, s);
}

void html_url_path(strbuf *sb, const char *s)
{
	sb_url_encode(sb, s, true);
}

void html_url_arg(strbuf *sb, const char *s)
{
	sb_url_encode(sb, s, false);
}

__attribute__((format(printf, 2, 0))) static void escaped_vprintf(strbuf *sb, const char *fmt, va_list ap)
{
	strbuf tmp = STRBUF_INIT;
	sb_vprintf(&tmp, fmt, ap);
	html_text_n(sb, sb_str(&tmp), tmp.len);
	sb_free(&tmp);
}

void html_textf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	escaped_vprintf(sb, fmt, ap);
	va_end(ap);
}

void html_attrf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	escaped_vprintf(sb, fmt, ap);
	va_end(ap);
}

/* Whether a printf format formats a string or character. */
static bool formats_text(const char *fmt)
{
	for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		p += strspn(p, "-+ #0123456789.*hlzjtL");
		if (*p == 's' || *p == 'c' || *p == 'p' || *p == 'n')
			return true;
	}
	return false;
}

void html_markupf(strbuf *sb, const char *fmt, ...)
{
	if (formats_text(fmt)) {
		/* A programmer error: strings must go through an escaping helper. */
		fprintf(stderr, "inbeeld: html_markupf met tekst in het formaat: %s\n", fmt);
		abort();
	}
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

void csv_cell(strbuf *sb, const char *s)
{
	if (!s)
		s = "";
	bool formula = strchr("=+-@\t\r", s[0]) != NULL && s[0];
	bool quote = formula || strpbrk(s, ",\"\r\n;") != NULL;
	if (!quote) {
		sb_puts(sb, s);
		return;
	}
	sb_putc(sb, '"');
	if (formula)
		sb_putc(sb, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			sb_putc(sb, '"');
		sb_putc(sb, *p);
	}
	sb_putc(sb, '"');
}
