/*
 * html.h - the only way data goes into HTML (as cgit does it).
 *
 * Every function is named after the context it writes into: element text, a
 * double-quoted attribute value, a URL path, a URL query argument. Markup
 * itself comes from string literals (html_lit, which does not compile with
 * anything else) or from html_markupf, whose format is checked by the compiler
 * and may format numbers only: a %s or %c in it is a programmer error and
 * aborts. Strings always pass through an escaping function. Everything is
 * appended to a strbuf owned by the request; nothing is static.
 */
#ifndef INBEELD_HTML_H
#define INBEELD_HTML_H

#include <stddef.h>

#include "../util/strbuf.h"

/* Literal markup: `s` must be a string literal. */
#define html_lit(sb, s) html_raw_literal((sb), "" s "", sizeof(s) - 1)
void html_raw_literal(strbuf *sb, const char *s, size_t len);

/* Element content: & < > " ' escaped. NULL writes nothing. */
void html_text(strbuf *sb, const char *s);
void html_text_n(strbuf *sb, const char *s, size_t len);
/* A double-quoted attribute value (the same escapes; never unquoted). */
void html_attr(strbuf *sb, const char *s);
/* A URL path: every byte but unreserved characters and '/' percent-encoded. */
void html_url_path(strbuf *sb, const char *s);
/* A query argument name or value: every byte but unreserved ones encoded. */
void html_url_arg(strbuf *sb, const char *s);

/* printf-style, the result escaped for element text / an attribute value. */
void html_textf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_attrf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Markup with numbers (%d, %zu, %lld, %.2f ...); no %s or %c (aborts). */
void html_markupf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* CSV for spreadsheets: a field quoted when needed, and a leading '=', '+',
 * '-', '@', tab or carriage return neutralised with a quote (formula
 * injection, as OWASP advises). */
void csv_cell(strbuf *sb, const char *s);

#endif
