/*
 * db_pg_read.c - db_each_row over libpq (issue 16): a whole table read as
 * one COPY (SELECT ...) TO STDOUT in the text format, decoded here, instead
 * of one PGresult per row (single-row mode: a malloc'd result, its column
 * descriptions copied, per row). The server streams the rows while the
 * client decodes them, as with the statement it replaces, and the read sees
 * what that statement would have seen: COPY runs in the connection's
 * transaction when one is open, under its snapshot (a REPEATABLE READ read
 * transaction: one state of the database for every table read in it),
 * else in a transaction of its own.
 *
 * COPY takes no parameters, so only a statement whose parameters are all
 * bound integers is sent so (db_pg_copyable): each $N becomes the digits of
 * the int64_t bound to it, which db_pg_bind_int wrote itself with "%lld" -
 * no text from outside the program reaches the SQL. A statement with text
 * or NULL parameters is stepped (db.c).
 *
 * The text format (COPY TO's CopyAttributeOutText, read back as COPY FROM
 * reads it): fields separated by a tab, the row ended by a newline, a field
 * of exactly \N is NULL, and a backslash escapes: \b \f \n \r \t \v, \\,
 * \ and one to three octal digits, \x and one or two hex digits, any other
 * character after it standing for itself.
 */
#include "db_pg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

bool db_pg_copyable(db_stmt *q)
{
	for (int i = 0; i < q->nparams; i++)
		if (q->params[i].kind != P_INT)
			return false;
	return true;
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
	       (unsigned char)c >= 0x80;
}

/* "COPY (sql) TO STDOUT", each $N outside quotes and comments replaced by
 * the integer bound to it. */
static void copy_sql(const db_stmt *q, strbuf *out)
{
	sb_puts(out, "COPY (");
	const char *p = q->sql;
	while (*p) {
		char c = *p;
		if (c == '\'' || c == '"') {
			/* q->sql came through db_pg_rewrite, which checked that every quote is closed */
			bool esc = c == '\'' && p > q->sql && (p[-1] == 'E' || p[-1] == 'e');
			const char *e = p + 1;
			while (*e && !(*e == c && e[1] != c)) {
				if ((esc && *e == '\\' && e[1]) || (*e == c && e[1] == c))
					e++;
				e++;
			}
			if (*e)
				e++;
			sb_append(out, p, (size_t)(e - p));
			p = e;
		} else if (c == '-' && p[1] == '-') {
			size_t n = strcspn(p, "\n");
			sb_append(out, p, n);
			p += n;
		} else if (c == '$' && p[1] >= '0' && p[1] <= '9' && !(p > q->sql && ident_char(p[-1]))) {
			char *end;
			long n = strtol(p + 1, &end, 10);
			if (n >= 1 && n <= q->nparams)
				sb_printf(out, "(%s)::int8", q->params[n - 1].num);
			else
				sb_append(out, p, (size_t)(end - p));
			p = end;
		} else {
			sb_putc(out, c);
			p++;
		}
	}
	sb_puts(out, "\n) TO STDOUT"); /* on a line of its own: the SQL may end in a -- comment */
}

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A field's escapes undone in place; its new length. */
static size_t unescape(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c != '\\' || i + 1 == n) {
			s[o++] = c;
			continue;
		}
		c = s[++i];
		switch (c) {
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'v': c = '\v'; break;
		case 'x':
			if (i + 1 < n && hex(s[i + 1]) >= 0) {
				int v = hex(s[++i]);
				if (i + 1 < n && hex(s[i + 1]) >= 0)
					v = v * 16 + hex(s[++i]);
				c = (char)v;
			}
			break;
		default:
			if (c >= '0' && c <= '7') {
				int v = c - '0';
				for (int k = 0; k < 2 && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7'; k++)
					v = v * 8 + (s[++i] - '0');
				c = (char)v;
			}
		}
		s[o++] = c;
	}
	return o;
}

/* One row of n bytes (s[n] is writable: libpq ends the buffer with a NUL)
 * split into want fields, each decoded and NUL-terminated in place. */
static bool split_row(char *s, size_t n, field *f, int want)
{
	if (n && s[n - 1] == '\n')
		n--;
	char *p = s, *end = s + n;
	bool escaped = memchr(s, '\\', n) != NULL; /* most rows have no backslash at all */
	int k = 0;
	for (;;) {
		char *t = memchr(p, '\t', (size_t)(end - p));
		char *fe = t ? t : end;
		size_t len = (size_t)(fe - p);
		if (k == want)
			return false;
		if (len == 2 && p[0] == '\\' && p[1] == 'N') {
			f[k] = (field){NULL, 0};
		} else {
			if (escaped && memchr(p, '\\', len))
				len = unescape(p, len);
			p[len] = '\0';
			f[k] = (field){p, len};
		}
		k++;
		if (!t)
			break;
		p = t + 1;
	}
	return k == want;
}

/* The row id of the first field (0 for NULL), as db_col_int reads it:
 * COPY writes an integer as its digits, a minus first when negative. */
static int64_t id_of(const field *f)
{
	if (!f->p)
		return 0;
	const char *p = f->p;
	bool neg = *p == '-';
	uint64_t v = 0;
	for (p += neg; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (uint64_t)(*p - '0');
	return neg ? (int64_t)(0 - v) : (int64_t)v;
}

int db_pg_each_row(db_stmt *q, int ncols, db_rows_fn fn, void *ctx)
{
	db *d = q->d;
	db_pg_reset(q);
	if (!d->conn && d->in_tx)
		return pg_closed(d);
	if (!d->in_tx && pg_revive(d) != DB_OK)
		return DB_ERROR;
	pg_free_conn(d);
	strbuf sql = STRBUF_INIT;
	copy_sql(q, &sql);
	PGresult *res = PQexec(d->conn, sb_str(&sql));
	sb_free(&sql);
	if (!res || PQresultStatus(res) != PGRES_COPY_OUT) {
		int rc = res && pg_ok_status(res) ? DB_ERROR : pg_result_error(d, res);
		if (rc == DB_ERROR && res && pg_ok_status(res))
			pg_set_err(d, "de opdracht gaf geen rijen om te kopiëren");
		PQclear(res);
		pg_drain(d);
		q->state = ST_FAILED;
		return rc;
	}
	PQclear(res);
	field *f = xcalloc((size_t)ncols + 1, sizeof *f);
	bool stopped = false, bad = false;
	char *buf;
	int len;
	while ((len = PQgetCopyData(d->conn, &buf, 0)) > 0) {
		if (!stopped && !bad) {
			if (!split_row(buf, (size_t)len, f, ncols + 1))
				bad = true;
			else if (fn(ctx, id_of(f), f + 1, ncols))
				stopped = true;
		}
		PQfreemem(buf);
	}
	free(f);
	int rc = DB_DONE;
	res = PQgetResult(d->conn);
	if (len == -2 || !res || !pg_ok_status(res))
		rc = pg_result_error(d, res);
	PQclear(res);
	pg_drain(d);
	if (rc == DB_DONE && bad) {
		sb_reset(&d->err);
		sb_printf(&d->err, "een rij van de database had niet %d kolommen", ncols + 1);
		rc = DB_ERROR;
	}
	if (rc == DB_DONE && stopped) {
		q->state = ST_FRESH;
		return DB_ERROR;
	}
	q->state = rc == DB_DONE ? ST_DONE : ST_FAILED;
	return rc;
}
