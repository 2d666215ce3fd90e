/*
 * strbuf.c - the growable byte buffer through which inbeeld builds every
 * string of unknown length. See strbuf.h.
 */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static void ensure(strbuf *sb, size_t extra)
{
	sb->data = xgrow(sb->data, &sb->cap, sb->len + extra + 1, 1);
}

void sb_append(strbuf *sb, const char *s, size_t len)
{
	ensure(sb, len);
	if (len == 0) {
		sb->data[sb->len] = '\0';
		return;
	}
	memcpy(sb->data + sb->len, s, len);
	sb->len += len;
	sb->data[sb->len] = '\0';
}

void sb_puts(strbuf *sb, const char *s)
{
	sb_append(sb, s, strlen(s));
}

void sb_putc(strbuf *sb, char c)
{
	sb_append(sb, &c, 1);
}

void sb_vprintf(strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	ensure(sb, 64);
	int n = vsnprintf(sb->data + sb->len, sb->cap - sb->len, fmt, ap);
	if (n < 0) {
		va_end(copy);
		return;
	}
	if ((size_t)n >= sb->cap - sb->len) {
		ensure(sb, (size_t)n);
		vsnprintf(sb->data + sb->len, sb->cap - sb->len, fmt, copy);
	}
	sb->len += (size_t)n;
	va_end(copy);
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

size_t utf8_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

void sb_pad(strbuf *sb, const char *s, size_t width, int right_align)
{
	size_t w = utf8_width(s);
	size_t pad = w < width ? width - w : 0;
	if (right_align)
		for (size_t i = 0; i < pad; i++)
			sb_putc(sb, ' ');
	sb_puts(sb, s);
	if (!right_align)
		for (size_t i = 0; i < pad; i++)
			sb_putc(sb, ' ');
}

void sb_reset(strbuf *sb)
{
	sb->len = 0;
	if (sb->data)
		sb->data[0] = '\0';
}

void sb_free(strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

const char *sb_str(const strbuf *sb)
{
	return sb->data ? sb->data : "";
}

bool list_has(const char *list, const char *item)
{
	size_t n = strlen(item);
	for (const char *p = list; p && *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && strncmp(p, item, n) == 0)
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

static bool unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       c == '.' || c == '~';
}

void sb_url_encode(strbuf *sb, const char *s, bool keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (unreserved(*p) || (keep_slash && *p == '/')) {
			sb_putc(sb, (char)*p);
		} else {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			sb_append(sb, esc, 3);
		}
	}
}
