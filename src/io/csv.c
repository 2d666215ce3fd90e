/*
 * csv.c - a streaming RFC 4180 reader (UTF-8, an optional byte order mark,
 * LF or CRLF). See csv.h.
 */
#include "csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

enum { CHUNK = 1 << 20 };

struct csv_reader {
	FILE *fp;	  /* NULL when reading from memory */
	char *buf;	  /* owned buffer (file mode) or the caller's data (memory mode) */
	size_t cap;	  /* buffer capacity (file mode) */
	size_t start;	  /* first unconsumed byte */
	size_t end;	  /* end of valid data */
	int eof;	  /* no more data beyond end */
	uint32_t line;	  /* line number of the next record */
	uint64_t consumed;
	field *fields;
	size_t cap_fields;
	char err[160];
	int failed;
};

static csv_reader *new_reader(void)
{
	csv_reader *r = xcalloc(1, sizeof *r);
	r->line = 1;
	return r;
}

csv_reader *csv_open(const char *path, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		snprintf(err, errlen, "kan %s niet openen: %s", path, strerror(errno));
		return NULL;
	}
	csv_reader *r = new_reader();
	r->fp = fp;
	r->cap = CHUNK;
	r->buf = xmalloc(r->cap);
	return r;
}

csv_reader *csv_from_memory(const char *data, size_t len)
{
	/* Quoted fields are unescaped in place, so work on a copy. */
	csv_reader *r = new_reader();
	r->buf = xmalloc(len ? len : 1);
	memcpy(r->buf, data, len);
	r->cap = len;
	r->end = len;
	r->eof = 1;
	return r;
}

/* Make room and read more; returns 0 when nothing more could be read. */
static int fill(csv_reader *r)
{
	if (!r->fp || r->eof)
		return 0;
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		if (r->cap >= CSV_MAX_RECORD + CHUNK)
			return 0;
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap);
	}
	size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->fp);
	r->end += got;
	if (got == 0)
		r->eof = 1;
	return got > 0;
}

static csv_status fail(csv_reader *r, uint32_t line, const char *msg)
{
	snprintf(r->err, sizeof r->err, "regel %u: %s", line, msg);
	r->failed = 1;
	return CSV_ERROR;
}

static uint32_t count_newlines(const char *p, size_t len)
{
	uint32_t n = 0;
	const char *end = p + len;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Find the end of the record starting at r->start: the first LF outside
 * quotes. Returns its offset, or r->end when the data ends first (at EOF), or
 * (size_t)-1 when the record grows beyond CSV_MAX_RECORD. Newlines inside
 * quoted fields are counted into *newlines. */
static size_t find_record_end(csv_reader *r, uint32_t *newlines, int *unterminated)
{
	size_t scan = r->start;
	int quoted = 0;
	*newlines = 0;
	for (;;) {
		const char *b = r->buf;
		while (scan < r->end) {
			if (!quoted) {
				const char *nl = memchr(b + scan, '\n', r->end - scan);
				size_t lim = nl ? (size_t)(nl - b) : r->end;
				const char *q = memchr(b + scan, '"', lim - scan);
				if (!q) {
					if (nl)
						return lim;
					scan = r->end;
					break;
				}
				quoted = 1;
				scan = (size_t)(q - b) + 1;
			} else {
				const char *q = memchr(b + scan, '"', r->end - scan);
				size_t lim = q ? (size_t)(q - b) : r->end;
				*newlines += count_newlines(b + scan, lim - scan);
				if (!q) {
					scan = r->end;
					break;
				}
				quoted = 0;
				scan = lim + 1;
			}
		}
		if (scan - r->start > CSV_MAX_RECORD)
			return (size_t)-1;
		size_t off = scan - r->start;
		if (!fill(r)) {
			*unterminated = quoted;
			return r->end;
		}
		scan = r->start + off;
	}
}

/* Whether the first quote on the first line of a record stands inside an
 * unquoted field: the likelier mistake when a quote is never closed. */
static int stray_quote(const char *p, size_t len)
{
	const char *nl = memchr(p, '\n', len);
	size_t end = nl ? (size_t)(nl - p) : len;
	const char *q = memchr(p, '"', end);
	return q && q != p && q[-1] != ',';
}

static void add_field(csv_reader *r, size_t *n, const char *p, size_t len)
{
	r->fields = xgrow(r->fields, &r->cap_fields, *n + 1, sizeof *r->fields);
	r->fields[(*n)++] = (field){p, len};
}

csv_status csv_next(csv_reader *r, const field **fields, size_t *n, uint32_t *line)
{
	if (r->failed)
		return CSV_ERROR;
	for (;;) {
		if (r->start >= r->end && !fill(r))
			return CSV_EOF;
		if (r->consumed == 0 && r->start == 0) {
			while (r->end - r->start < 3 && fill(r))
				;
			if (r->end - r->start >= 3 && memcmp(r->buf + r->start, "\xEF\xBB\xBF", 3) == 0) {
				r->start += 3;
				r->consumed += 3;
			}
		}
		uint32_t newlines;
		int unterminated = 0;
		size_t rec_start = r->start;
		*line = r->line;
		size_t e = find_record_end(r, &newlines, &unterminated);
		if (e == (size_t)-1)
			return fail(r, *line, "regel langer dan 1 MiB (of een aanhalingsteken dat niet wordt afgesloten)");
		rec_start = r->start; /* fill() may have moved the data */
		if (unterminated)
			return fail(r, *line, stray_quote(r->buf + r->start, e - r->start)
						      ? "aanhalingsteken midden in een veld (zet het hele veld tussen aanhalingstekens en verdubbel het teken)"
						      : "aanhalingsteken wordt niet afgesloten voor het einde van het bestand");
		size_t next = e < r->end ? e + 1 : e;
		r->consumed += next - rec_start;
		r->line += newlines + (e < r->end);
		r->start = next;
		if (e > rec_start && r->buf[e - 1] == '\r')
			e--;
		if (e == rec_start)
			continue; /* empty line */
		/* Split [rec_start, e) into fields, unescaping quoted ones in place. */
		size_t count = 0, i = rec_start;
		char *b = r->buf;
		for (;;) {
			if (i < e && b[i] == '"') {
				/* Unescape in place over the opening quote. */
				size_t fstart = i, out = i;
				i++;
				for (;;) {
					if (i >= e)
						return fail(r, *line, "aanhalingsteken wordt niet afgesloten");
					if (b[i] == '"') {
						if (i + 1 < e && b[i + 1] == '"') {
							b[out++] = '"';
							i += 2;
							continue;
						}
						i++;
						break;
					}
					b[out++] = b[i++];
				}
				add_field(r, &count, b + fstart, out - fstart);
				if (i < e && b[i] != ',')
					return fail(r, *line, "tekens na een afsluitend aanhalingsteken");
			} else {
				size_t s = i;
				while (i < e && b[i] != ',') {
					if (b[i] == '"')
						return fail(r, *line,
							    "aanhalingsteken midden in een veld (zet het hele veld tussen aanhalingstekens en verdubbel het teken)");
					if (b[i] == '\r')
						return fail(r, *line, "los CR-teken in een veld");
					i++;
				}
				add_field(r, &count, b + s, i - s);
			}
			if (count > CSV_MAX_FIELDS)
				return fail(r, *line, "te veel velden");
			if (i < e && b[i] == ',') {
				i++;
				if (i == e) {
					add_field(r, &count, b + i, 0);
					break;
				}
				continue;
			}
			break;
		}
		*fields = r->fields;
		*n = count;
		return CSV_RECORD;
	}
}

const char *csv_error(const csv_reader *r)
{
	return r->err;
}

uint64_t csv_offset(const csv_reader *r)
{
	return r->consumed;
}

void csv_close(csv_reader *r)
{
	if (!r)
		return;
	if (r->fp)
		fclose(r->fp);
	free(r->buf);
	free(r->fields);
	free(r);
}
