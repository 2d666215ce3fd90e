/*
 * strbuf.h - a growable, always NUL-terminated byte buffer.
 *
 * The only way inbeeld builds strings of unknown length. All appends are
 * bounded by the buffer's own bookkeeping; there is no sprintf/strcat anywhere.
 */
#ifndef INBEELD_STRBUF_H
#define INBEELD_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct strbuf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
} strbuf;

#define STRBUF_INIT {NULL, 0, 0}

void sb_append(strbuf *sb, const char *s, size_t len);
void sb_puts(strbuf *sb, const char *s);
void sb_putc(strbuf *sb, char c);
/* Percent-encode s (NULL: nothing) for a URL: every byte but the unreserved
 * ones (RFC 3986: letters, digits, - _ . ~), and '/' when keep_slash (a
 * path rather than a query argument). */
void sb_url_encode(strbuf *sb, const char *s, bool keep_slash);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Append `s` padded with spaces to `width` display columns (UTF-8 aware). */
void sb_pad(strbuf *sb, const char *s, size_t width, int right_align);
void sb_reset(strbuf *sb);
void sb_free(strbuf *sb);
/* The contents, or "" for an empty buffer; never NULL. */
const char *sb_str(const strbuf *sb);
/* Number of display columns of a UTF-8 string (code points, no wide chars). */
size_t utf8_width(const char *s);
/* Whether a comma-separated list ("GM0344,GM0363"; NULL: empty) holds item. */
bool list_has(const char *list, const char *item);

#endif
