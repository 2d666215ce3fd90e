/*
 * facts_errors.c - what the fact builder says: the errors and warnings of
 * each table, with file, line, column and reason (SPEC 3.1), and which kind
 * of fact each per-pupil table holds. Called by the builder (facts.c) and
 * by the row checks (facts_ref.c, facts_pupil.c, facts_fields.c).
 */
#include "facts_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

const size_t FACT_SIZE[F_COUNT] = {
	[F_RESIDENCE] = sizeof(residence), [F_ENROLMENT] = sizeof(enrolment), [F_ABSENCE] = sizeof(absence),
	[F_VRIJSTELLING] = sizeof(vrijstelling), [F_MELDING] = sizeof(melding), [F_AANBOD] = sizeof(aanbod),
};

const table_id FACT_TABLE[F_COUNT] = {
	[F_RESIDENCE] = T_WOONADRESSEN, [F_ENROLMENT] = T_INSCHRIJVINGEN, [F_ABSENCE] = T_VERZUIM,
	[F_VRIJSTELLING] = T_VRIJSTELLINGEN, [F_MELDING] = T_MELDINGEN, [F_AANBOD] = T_AANBOD,
};

fact_kind fb_fact_of(table_id t)
{
	for (int k = 0; k < F_COUNT; k++)
		if (FACT_TABLE[k] == t)
			return (fact_kind)k;
	return F_COUNT;
}

/* The list a message about table t goes to: a per-pupil table's own (those
 * may be read on different threads), else the builder's. */
static error_list *list_for(builder *b, table_id t, bool warning)
{
	fact_kind k = fb_fact_of(t);
	if (k == F_COUNT)
		return warning ? &b->warnings : &b->errors;
	return warning ? &b->facts[k].warnings : &b->facts[k].errors;
}

__attribute__((format(printf, 5, 0))) static void add_to(error_list *el, table_id t, uint32_t line, int col,
						     const char *fmt, va_list ap)
{
	el->total++;
	if (el->n >= BUILDER_MAX_ERRORS)
		return;
	strbuf sb = STRBUF_INIT;
	sb_vprintf(&sb, fmt, ap);
	el->items = xgrow(el->items, &el->cap, el->n + 1, sizeof *el->items);
	el->items[el->n++] = (fact_error){t, line, col, sb.data ? sb.data : xstrdup("")};
}

void builder_error(builder *b, table_id t, uint32_t line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_to(list_for(b, t, false), t, line, col, fmt, ap);
	va_end(ap);
}

bool fb_reject(builder *b, table_id t, uint32_t line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_to(list_for(b, t, false), t, line, col, fmt, ap);
	va_end(ap);
	return false;
}

void fb_warn(builder *b, table_id t, uint32_t line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_to(list_for(b, t, true), t, line, col, fmt, ap);
	va_end(ap);
}

shown fb_show(field f)
{
	shown out;
	size_t o = 0, cps = 0;
	for (size_t i = 0; i < f.len && o + 8 < sizeof out.s; i++) {
		unsigned char c = (unsigned char)f.p[i];
		if ((c & 0xC0) != 0x80 && ++cps > 40) {
			memcpy(out.s + o, "...", 3);
			o += 3;
			break;
		}
		out.s[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	out.s[o] = '\0';
	return out;
}

void fact_error_format(const fact_error *e, strbuf *out)
{
	const table_desc *td = &TABLES[e->table];
	sb_puts(out, td->file);
	if (e->line)
		sb_printf(out, ", regel %u", e->line);
	if (e->col >= 0 && e->col < td->ncols)
		sb_printf(out, ", kolom %s", td->cols[e->col]);
	sb_printf(out, ": %s", e->msg);
}
