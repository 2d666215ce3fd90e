/*
 * out.c - the buffered CSV writer of out.h: a megabyte buffer per file,
 * numbers and dates formatted without stdio, errors kept until the close.
 */
#include "out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/encode.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"

enum { OUT_BUF = 1 << 20, OUT_SLACK = 4096 };

static void flush(outfile *o)
{
	if (o->len && !o->failed && fwrite(o->buf, 1, o->len, o->fp) != o->len)
		o->failed = errno ? errno : EIO;
	o->len = 0;
}

int of_open(outfile *o, const char *dir, const char *name, const char *header)
{
	memset(o, 0, sizeof *o);
	strbuf p = STRBUF_INIT;
	sb_printf(&p, "%s/%s", dir, name);
	o->path = p.data;
	o->fp = fopen(o->path, "wb");
	if (!o->fp) {
		fprintf(stderr, "inbeeld-gen: kan %s niet schrijven: %s\n", o->path, strerror(errno));
		free(o->path);
		o->path = NULL;
		return -1;
	}
	o->buf = xmalloc(OUT_BUF);
	of_str(o, header);
	of_char(o, '\n');
	return 0;
}

static void room(outfile *o, size_t n)
{
	if (o->len + n > OUT_BUF)
		flush(o);
	if (n > OUT_BUF) { /* longer than the whole buffer: cannot happen with our fields */
		o->failed = EOVERFLOW;
	}
}

void of_raw(outfile *o, const char *s, size_t len)
{
	while (len) {
		size_t chunk = len < OUT_BUF / 2 ? len : OUT_BUF / 2;
		room(o, chunk);
		memcpy(o->buf + o->len, s, chunk);
		o->len += chunk;
		s += chunk;
		len -= chunk;
	}
}

void of_str(outfile *o, const char *s)
{
	of_raw(o, s, strlen(s));
}

/* The quoting of io/report.c's csv_field, which writes to a strbuf (and
 * comes with the JSON reports); here it goes straight to the file buffer. */
void of_text(outfile *o, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		of_str(o, s);
		return;
	}
	of_char(o, '"');
	for (const char *q = s; *q; q++) {
		if (*q == '"')
			of_char(o, '"');
		of_char(o, *q);
	}
	of_char(o, '"');
}

void of_char(outfile *o, char c)
{
	room(o, 1);
	o->buf[o->len++] = c;
}

void date_texts_build(date_texts *t, day_t from, day_t to)
{
	t->base = from;
	t->n = (size_t)(to - from + 1);
	t->text = xmalloc(t->n * sizeof *t->text);
	char one[DATE_TEXT];
	for (size_t i = 0; i < t->n; i++) {
		date_format(from + (day_t)i, one);
		memcpy(t->text[i], one, sizeof t->text[i]);
	}
}

void date_texts_free(date_texts *t)
{
	free(t->text);
	t->text = NULL;
	t->n = 0;
}

void hour_texts_build(hour_texts *t)
{
	t->text = xmalloc(HOUR_TEXTS * sizeof *t->text);
	for (int32_t h = 0; h < HOUR_TEXTS; h++) {
		format_uren(h, t->text[h]);
	}
}

void hour_texts_free(hour_texts *t)
{
	free(t->text);
	t->text = NULL;
}

void of_date(outfile *o, day_t d)
{
	if (o->dates && d >= o->dates->base && (size_t)(d - o->dates->base) < o->dates->n) {
		of_raw(o, o->dates->text[d - o->dates->base], sizeof o->dates->text[0]);
		return;
	}
	char t[DATE_TEXT];
	date_format(d, t);
	of_raw(o, t, strlen(t));
}

void of_uint(outfile *o, uint64_t v)
{
	char t[24];
	size_t n = 0;
	do {
		t[sizeof t - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	of_raw(o, t + sizeof t - n, n);
}

void of_hours(outfile *o, int32_t h)
{
	if (h < 0)
		return;
	if (o->hours && h < HOUR_TEXTS) {
		of_str(o, o->hours->text[h]);
		return;
	}
	char t[16];
	format_uren(h, t); /* the registry's canonical text (core/encode.c) */
	of_str(o, t);
}

void of_row_end(outfile *o)
{
	of_char(o, '\n');
	o->rows++;
	if (o->len > OUT_BUF - OUT_SLACK)
		flush(o);
}

int of_close(outfile *o)
{
	if (!o->fp)
		return -1;
	flush(o);
	if (fclose(o->fp) != 0 && !o->failed)
		o->failed = errno ? errno : EIO;
	int rc = 0;
	if (o->failed) {
		fprintf(stderr, "inbeeld-gen: schrijven naar %s mislukt: %s\n", o->path, strerror(o->failed));
		rc = -1;
	}
	free(o->buf);
	free(o->path);
	memset(o, 0, sizeof *o);
	return rc;
}
