/*
 * xlsx_read.c - the first sheet of an XLSX workbook as rows of text. See
 * xlsx_read.h. The parts are read in the order they are needed: the
 * workbook (its first sheet, the date system), the workbook's
 * relationships (where that sheet is), the shared strings and the styles
 * (which cells hold a date), then the sheet itself. Each part is parsed with
 * expat, with namespaces, so that a prefix ("x:row") does not matter.
 */
#include "xlsx_read.h"

#include <expat.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/date.h"
#include "../util/alloc.h"
#include "../util/strbuf.h"
#include "xlsx_zip.h"

enum { MAX_STRINGS = 1 << 20, MAX_STYLES = 1 << 16 };

typedef struct row {
	uint32_t line;
	size_t n;
	field *cells; /* each cell's text owned (xstrndup) */
} row;

struct xlsx_sheet {
	row *rows;
	size_t n, cap;
};

/* What every part's parser shares: the parser, an error, the text of the
 * element being read. */
typedef struct parse {
	XML_Parser p;
	char *err;
	size_t errlen;
	bool failed;
	bool in_text; /* collecting character data */
	strbuf text;
} parse;

static void stop(parse *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void stop(parse *x, const char *fmt, ...)
{
	if (!x->failed) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(x->err, x->errlen, fmt, ap);
		va_end(ap);
	}
	x->failed = true;
	XML_StopParser(x->p, XML_FALSE);
}

/* The local part of a name "namespace|local". */
static const char *local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

/* An attribute by local name, and for "id" of the relationships namespace. */
static const char *attr(const char **atts, const char *want)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), want) == 0)
			return atts[i + 1];
	return NULL;
}

static void on_text(void *ctx, const XML_Char *s, int len)
{
	parse *x = ctx;
	if (!x->in_text)
		return;
	if (x->text.len + (size_t)len > XLSX_MAX_CELL)
		stop(x, "een cel van het XLSX-bestand is langer dan %s", "128 KiB");
	else
		sb_append(&x->text, s, (size_t)len);
}

static void on_doctype(void *ctx, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
	(void)name, (void)sys, (void)pub, (void)internal;
	stop(ctx, "het XLSX-bestand bevat een DTD (%s): dat hoort niet in een werkblad", "entiteiten");
}

/* Parse one part with these handlers; 0, or -1 with the message in x->err. */
static int run(parse *x, const char *part, const unsigned char *xml, size_t len, XML_StartElementHandler open,
	       XML_EndElementHandler close, void *ctx)
{
	x->p = XML_ParserCreateNS("UTF-8", '|');
	if (!x->p) {
		snprintf(x->err, x->errlen, "onvoldoende geheugen om het XLSX-bestand te lezen");
		return -1;
	}
	XML_SetUserData(x->p, ctx);
	XML_SetElementHandler(x->p, open, close);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	enum XML_Status st = XML_Parse(x->p, (const char *)xml, (int)len, XML_TRUE);
	if (st == XML_STATUS_ERROR && !x->failed) {
		snprintf(x->err, x->errlen, "het XLSX-bestand is beschadigd (%s, regel %lu: %s)", part,
			 (unsigned long)XML_GetCurrentLineNumber(x->p), XML_ErrorString(XML_GetErrorCode(x->p)));
		x->failed = true;
	}
	XML_ParserFree(x->p);
	x->p = NULL;
	return x->failed ? -1 : 0;
}

/* ---- the workbook and its relationships --------------------------------------- */

typedef struct book {
	parse x; /* first: the handlers get the book as the parse */
	char rid[128], target[256];
	bool date1904;
} book;

static void book_open(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	book *b = ctx;
	const char *n = local(name), *v;
	if (strcmp(n, "workbookPr") == 0 && (v = attr(atts, "date1904")))
		b->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	else if (strcmp(n, "sheet") == 0 && !b->rid[0] && (v = attr(atts, "id")))
		snprintf(b->rid, sizeof b->rid, "%s", v);
}

static void rels_open(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	book *b = ctx;
	const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
	if (strcmp(local(name), "Relationship") == 0 && id && t && !b->target[0] && strcmp(id, b->rid) == 0) {
		/* A target is relative to xl/, or absolute in the package. */
		if (*t == '/')
			snprintf(b->target, sizeof b->target, "%s", t + 1);
		else
			snprintf(b->target, sizeof b->target, "xl/%s", t);
	}
}

static void no_close(void *ctx, const XML_Char *name)
{
	(void)ctx, (void)name;
}

/* ---- shared strings ---------------------------------------------------------------- */

typedef struct strings {
	parse x;
	char **s;
	size_t n, cap;
	int phonetic; /* inside <rPh>: a reading aid, not the text */
} strings;

static void strings_open(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	strings *s = ctx;
	const char *n = local(name);
	if (strcmp(n, "si") == 0)
		sb_reset(&s->x.text);
	else if (strcmp(n, "rPh") == 0)
		s->phonetic++;
	else if (strcmp(n, "t") == 0)
		s->x.in_text = !s->phonetic;
}

static void strings_close(void *ctx, const XML_Char *name)
{
	strings *s = ctx;
	const char *n = local(name);
	if (strcmp(n, "t") == 0) {
		s->x.in_text = false;
	} else if (strcmp(n, "rPh") == 0) {
		s->phonetic--;
	} else if (strcmp(n, "si") == 0) {
		if (s->n == MAX_STRINGS)
			{
			stop(&s->x, "het XLSX-bestand heeft meer dan %s teksten", "een miljoen");
			return;
		}
		s->s = xgrow(s->s, &s->cap, s->n + 1, sizeof *s->s);
		s->s[s->n++] = xstrndup(s->x.text.len ? sb_str(&s->x.text) : "", s->x.text.len);
	}
}

/* ---- styles: which cell formats are dates ------------------------------------------ */

typedef struct styles {
	parse x;
	uint32_t custom_id[256];
	bool custom_date[256];
	size_t n_custom;
	bool *date; /* per cell format (cellXfs) */
	size_t n, cap;
	int in_xfs;
} styles;

/* Whether a number format shows a date: built in (14-22, 27-36, 45-47,
 * 50-58), or its code has a day or a year outside quotes and brackets. */
static bool builtin_date(uint32_t id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

static bool code_is_date(const char *c)
{
	for (; *c; c++) {
		if (*c == '"') {
			while (c[1] && c[1] != '"')
				c++;
			if (c[1])
				c++;
		} else if (*c == '[') {
			while (c[1] && c[1] != ']')
				c++;
		} else if (*c == '\\' && c[1]) {
			c++;
		} else if (*c == 'd' || *c == 'D' || *c == 'y' || *c == 'Y' || *c == 'j' || *c == 'J') {
			return true; /* j: the year in a Dutch LibreOffice's codes */
		}
	}
	return false;
}

static void styles_open(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	styles *s = ctx;
	const char *n = local(name), *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
	if (strcmp(n, "numFmt") == 0 && id && code && s->n_custom < 256) {
		s->custom_id[s->n_custom] = (uint32_t)strtoul(id, NULL, 10);
		s->custom_date[s->n_custom++] = code_is_date(code);
	} else if (strcmp(n, "cellXfs") == 0) {
		s->in_xfs++;
	} else if (strcmp(n, "xf") == 0 && s->in_xfs) {
		if (s->n == MAX_STYLES)
			{
			stop(&s->x, "het XLSX-bestand heeft meer dan %s opmaken", "65.536");
			return;
		}
		uint32_t f = id ? (uint32_t)strtoul(id, NULL, 10) : 0;
		bool date = builtin_date(f);
		for (size_t i = 0; i < s->n_custom; i++)
			if (s->custom_id[i] == f)
				date = s->custom_date[i];
		s->date = xgrow(s->date, &s->cap, s->n + 1, sizeof *s->date);
		s->date[s->n++] = date;
	}
}

static void styles_close(void *ctx, const XML_Char *name)
{
	styles *s = ctx;
	if (strcmp(local(name), "cellXfs") == 0)
		s->in_xfs--;
}

/* ---- the sheet ------------------------------------------------------------------------ */

typedef struct sheet_parse {
	parse x;
	xlsx_sheet *out;
	const strings *ss;
	const styles *st;
	bool date1904;
	size_t max_rows;
	uint32_t line, next_col;
	field *cells; /* the row being read */
	size_t n_cells, cap_cells;
	uint32_t col, style;
	char type[16];
	bool in_cell, have_value;
} sheet_parse;

/* The column of a reference such as "AB12" (0 for A); -1 without letters. */
static long ref_column(const char *r)
{
	long c = 0;
	const char *p = r;
	for (; *p >= 'A' && *p <= 'Z' && c <= XLSX_MAX_COLS; p++)
		c = c * 26 + (*p - 'A' + 1);
	return p == r ? -1 : c - 1;
}

static void sheet_open(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	sheet_parse *s = ctx;
	const char *n = local(name), *v;
	if (strcmp(n, "row") == 0) {
		s->line = (v = attr(atts, "r")) ? (uint32_t)strtoul(v, NULL, 10) : s->line + 1;
		for (size_t i = 0; i < s->n_cells; i++) /* a row inside a row: the outer one's cells go */
			if (s->cells[i].len)
				free((char *)(uintptr_t)s->cells[i].p);
		s->n_cells = 0;
		s->next_col = 0;
	} else if (strcmp(n, "c") == 0) {
		long c = (v = attr(atts, "r")) ? ref_column(v) : (long)s->next_col;
		if (c < 0)
			c = s->next_col;
		if (c >= XLSX_MAX_COLS)
			{
			stop(&s->x, "het werkblad heeft meer dan %s kolommen", "256");
			return;
		}
		s->col = (uint32_t)c;
		s->next_col = s->col + 1;
		s->style = (v = attr(atts, "s")) ? (uint32_t)strtoul(v, NULL, 10) : 0;
		snprintf(s->type, sizeof s->type, "%s", (v = attr(atts, "t")) ? v : "n");
		s->in_cell = true;
		s->have_value = false;
		sb_reset(&s->x.text);
	} else if (s->in_cell && (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)) {
		s->x.in_text = true; /* <v>, or <t> of an inline string */
		s->have_value = true;
	}
}

/* The text of the cell just read, as the sheet shows it. */
static void cell_text(sheet_parse *s, strbuf *out)
{
	const char *v = s->x.text.len ? sb_str(&s->x.text) : "";
	if (strcmp(s->type, "s") == 0) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		if (!*v || *end || i >= s->ss->n)
			{
			stop(&s->x, "het XLSX-bestand verwijst naar een tekst die er niet is (%s)", v);
			return;
		}
		sb_puts(out, s->ss->s[i]);
	} else if (strcmp(s->type, "d") == 0) {
		sb_append(out, v, strlen(v) < 10 ? strlen(v) : 10); /* an ISO 8601 date and time */
	} else if (strcmp(s->type, "n") == 0 && *v && s->style < s->st->n && s->st->date[s->style]) {
		char *end;
		double serial = strtod(v, &end);
		if (*end || serial < 1 || serial > 2958465) /* 9999-12-31 */
		{
			sb_puts(out, v);
			return;
		}
		/* Day 1 is 1900-01-01 and 1900 falsely leap (day 60); 1904: day 0 is 1904-01-01. */
		long d = (long)serial;
		day_t day = s->date1904 ? day_from_civil(1904, 1, 1) + d
					: d < 60 ? day_from_civil(1899, 12, 31) + d : day_from_civil(1899, 12, 30) + d;
		char iso[DATE_TEXT];
		date_format(day, iso);
		sb_puts(out, iso);
	} else {
		sb_puts(out, v);
	}
}

static void sheet_close(void *ctx, const XML_Char *name)
{
	sheet_parse *s = ctx;
	const char *n = local(name);
	if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0) {
		s->x.in_text = false;
	} else if (strcmp(n, "c") == 0 && s->in_cell) {
		s->in_cell = false;
		strbuf t = STRBUF_INIT;
		if (s->have_value)
			cell_text(s, &t);
		if (t.len && !s->x.failed) {
			if (s->col >= s->n_cells) {
				s->cells = xgrow(s->cells, &s->cap_cells, s->col + 1, sizeof *s->cells);
				for (size_t i = s->n_cells; i <= s->col; i++)
					s->cells[i] = (field){"", 0};
				s->n_cells = s->col + 1;
			}
			if (s->cells[s->col].len)
				free((char *)(uintptr_t)s->cells[s->col].p); /* a cell given twice: the last counts */
			s->cells[s->col] = (field){xstrndup(sb_str(&t), t.len), t.len};
		}
		sb_free(&t);
	} else if (strcmp(n, "row") == 0 && s->n_cells) {
		xlsx_sheet *o = s->out;
		if (o->n == s->max_rows) {
			char many[24];
			snprintf(many, sizeof many, "%zu", s->max_rows);
			{
			stop(&s->x, "het werkblad heeft meer dan %s gevulde regels", many);
			return;
		}
		}
		o->rows = xgrow(o->rows, &o->cap, o->n + 1, sizeof *o->rows);
		o->rows[o->n++] = (row){s->line, s->n_cells, xmalloc(s->n_cells * sizeof(field))};
		memcpy(o->rows[o->n - 1].cells, s->cells, s->n_cells * sizeof(field));
		s->n_cells = 0;
	}
}

/* ---- the whole ---------------------------------------------------------------------------- */

/* Read a part and parse it; 0, or -1 with the message in err. */
static int part(const zip_archive *z, const char *name, parse *x, XML_StartElementHandler open,
		XML_EndElementHandler close, void *ctx)
{
	size_t len;
	unsigned char *xml = zip_read(z, name, &len, x->err, x->errlen);
	if (!xml)
		return -1;
	int rc = run(x, name, xml, len, open, close, ctx);
	free(xml);
	return rc;
}

xlsx_sheet *xlsx_read(const void *data, size_t len, size_t max_rows, char *err, size_t errlen)
{
	zip_archive z;
	if (zip_open(&z, data, len, err, errlen) != 0)
		return NULL;
	book b = {.x = {.err = err, .errlen = errlen}};
	strings ss = {.x = {.err = err, .errlen = errlen}};
	styles st = {.x = {.err = err, .errlen = errlen}};
	sheet_parse sp = {.x = {.err = err, .errlen = errlen}, .ss = &ss, .st = &st, .max_rows = max_rows};
	xlsx_sheet *out = xcalloc(1, sizeof *out);
	sp.out = out;
	int rc = part(&z, "xl/workbook.xml", &b.x, book_open, no_close, &b);
	if (!rc && !b.rid[0]) {
		snprintf(err, errlen, "het XLSX-bestand heeft geen werkblad");
		rc = -1;
	}
	if (!rc)
		rc = part(&z, "xl/_rels/workbook.xml.rels", &b.x, rels_open, no_close, &b);
	if (!rc && !b.target[0]) {
		snprintf(err, errlen, "het XLSX-bestand is beschadigd (het eerste werkblad is niet te vinden)");
		rc = -1;
	}
	if (!rc && zip_has(&z, "xl/sharedStrings.xml"))
		rc = part(&z, "xl/sharedStrings.xml", &ss.x, strings_open, strings_close, &ss);
	if (!rc && zip_has(&z, "xl/styles.xml"))
		rc = part(&z, "xl/styles.xml", &st.x, styles_open, styles_close, &st);
	sp.date1904 = b.date1904;
	if (!rc)
		rc = part(&z, b.target, &sp.x, sheet_open, sheet_close, &sp);
	for (size_t i = 0; i < sp.n_cells; i++)
		if (sp.cells[i].len)
			free((char *)(uintptr_t)sp.cells[i].p);
	free(sp.cells);
	for (size_t i = 0; i < ss.n; i++)
		free(ss.s[i]);
	free(ss.s);
	free(st.date);
	sb_free(&b.x.text);
	sb_free(&ss.x.text);
	sb_free(&st.x.text);
	sb_free(&sp.x.text);
	if (rc) {
		xlsx_free(out);
		return NULL;
	}
	return out;
}

size_t xlsx_row_count(const xlsx_sheet *s)
{
	return s->n;
}

const field *xlsx_row(const xlsx_sheet *s, size_t i, size_t *n, uint32_t *line)
{
	*n = s->rows[i].n;
	*line = s->rows[i].line;
	return s->rows[i].cells;
}

void xlsx_free(xlsx_sheet *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		for (size_t c = 0; c < s->rows[i].n; c++)
			if (s->rows[i].cells[c].len)
				free((char *)(uintptr_t)s->rows[i].cells[c].p);
		free(s->rows[i].cells);
	}
	free(s->rows);
	free(s);
}
