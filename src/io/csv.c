/*
 * csv.c - the streaming RFC 4180 reader of csv.h.
 *
 * A record is found first (the first LF outside quotes), then split into
 * fields and unescaped in place. Every limit of csv.h is checked on the
 * record as a whole, so the answer does not depend on where a record falls
 * in the read buffer, and a file gives the same records as the same bytes in
 * memory. A read error is an error, never an early end of the file.
 */
#include "csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

enum { CHUNK = 1 << 20 };

static const char TOO_LONG[] = "regel langer dan 1 MiB (of een aanhalingsteken dat niet wordt afgesloten)";
static const char TOO_MANY[] = "te veel velden";

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
	int read_errno;	  /* why reading the file failed; 0 when it did not */
	char sep;	  /* the field separator: ',' unless csv_set_separator() said ';' */
};

static csv_reader *new_reader(void)
{
	csv_reader *r = xcalloc(1, sizeof *r);
	r->line = 1;
	r->sep = ',';
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
		/* Never reached: find_record_end() asks for more only while the
		 * record has at most CSV_MAX_RECORD + 1 bytes, which fit once
		 * the buffer has grown to CSV_MAX_RECORD + CHUNK. */
		if (r->cap >= CSV_MAX_RECORD + CHUNK)
			return 0;
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap);
	}
	size_t want = r->cap - r->end;
	size_t got = fread(r->buf + r->end, 1, want, r->fp);
	r->end += got;
	if (got < want) {
		/* fread() stops short only at the end of the file or on an error. */
		r->eof = 1;
		if (ferror(r->fp))
			r->read_errno = errno ? errno : EIO;
	}
	return got > 0;
}

static csv_status fail(csv_reader *r, uint32_t line, const char *msg)
{
	snprintf(r->err, sizeof r->err, "regel %u: %s", line, msg);
	r->failed = 1;
	return CSV_ERROR;
}

static csv_status read_failed(csv_reader *r, uint32_t line)
{
	snprintf(r->err, sizeof r->err, "regel %u: kan niet verder lezen: %s", line, strerror(r->read_errno));
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
 * (size_t)-1 when the record grows beyond CSV_MAX_RECORD (and the CR of a
 * CRLF; the caller checks the exact length). Newlines inside quoted fields
 * are counted into *newlines. */
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
		if (scan - r->start > CSV_MAX_RECORD + 1)
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
static int stray_quote(const char *p, size_t len, char sep)
{
	const char *nl = memchr(p, '\n', len);
	size_t end = nl ? (size_t)(nl - p) : len;
	const char *q = memchr(p, '"', end);
	return q && q != p && q[-1] != sep;
}

/* Add a field; false when the record would have more than CSV_MAX_FIELDS. */
static bool add_field(csv_reader *r, size_t *n, const char *p, size_t len)
{
	if (*n == CSV_MAX_FIELDS)
		return false;
	r->fields = xgrow(r->fields, &r->cap_fields, *n + 1, sizeof *r->fields);
	r->fields[(*n)++] = (field){p, len};
	return true;
}

csv_status csv_next(csv_reader *r, const field **fields, size_t *n, uint32_t *line)
{
	if (r->failed)
		return CSV_ERROR;
	for (;;) {
		if (r->start >= r->end && !fill(r))
			return r->read_errno ? read_failed(r, r->line) : CSV_EOF;
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
		if (r->read_errno)
			return read_failed(r, *line);
		if (e == (size_t)-1)
			return fail(r, *line, TOO_LONG);
		rec_start = r->start; /* fill() may have moved the data */
		if (unterminated)
			return fail(r, *line, stray_quote(r->buf + r->start, e - r->start, r->sep)
						      ? "aanhalingsteken midden in een veld (zet het hele veld tussen aanhalingstekens en verdubbel het teken)"
						      : "aanhalingsteken wordt niet afgesloten voor het einde van het bestand");
		size_t next = e < r->end ? e + 1 : e;
		r->consumed += next - rec_start;
		r->line += newlines + (e < r->end);
		r->start = next;
		if (e > rec_start && r->buf[e - 1] == '\r')
			e--;
		if (e - rec_start > CSV_MAX_RECORD)
			return fail(r, *line, TOO_LONG);
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
				if (!add_field(r, &count, b + fstart, out - fstart))
					return fail(r, *line, TOO_MANY);
				if (i < e && b[i] != r->sep)
					return fail(r, *line, "tekens na een afsluitend aanhalingsteken");
			} else {
				size_t s = i;
				while (i < e && b[i] != r->sep) {
					if (b[i] == '"')
						return fail(r, *line,
							    "aanhalingsteken midden in een veld (zet het hele veld tussen aanhalingstekens en verdubbel het teken)");
					if (b[i] == '\r')
						return fail(r, *line, "los CR-teken in een veld");
					i++;
				}
				if (!add_field(r, &count, b + s, i - s))
					return fail(r, *line, TOO_MANY);
			}
			if (i < e && b[i] == r->sep) {
				i++;
				if (i == e) {
					/* A trailing comma separates an empty last field. */
					if (!add_field(r, &count, b + i, 0))
						return fail(r, *line, TOO_MANY);
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

void csv_set_separator(csv_reader *r, char sep)
{
	r->sep = sep;
}

char csv_guess_separator(const char *data, size_t len)
{
	size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	size_t commas = 0, semis = 0;
	int quoted = 0;
	for (; i < len && (quoted || (data[i] != '\n' && data[i] != '\r')); i++) {
		if (data[i] == '"')
			quoted = !quoted;
		else if (!quoted && data[i] == ',')
			commas++;
		else if (!quoted && data[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
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
