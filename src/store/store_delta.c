/*
 * store_delta.c - the current facts of a few pupils with all reference data.
 * See store_delta.h.
 */
#include "store_delta.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "store_internal.h"

static int id_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Feed one per-pupil table (or leerlingen), as known at batch limit, for
 * the pupils ids (sorted, distinct). */
static int read_pupils_table(store *st, builder *b, table_id t, int64_t limit, const char *const *ids, size_t n,
			     strbuf *err)
{
	const table_desc *td = &TABLES[t];
	strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "SELECT rowid, ");
	cols_list(td, &sql);
	sb_printf(&sql, " FROM %s WHERE leerling_id = ?2 AND v_from <= ?1 AND (v_until IS NULL OR v_until > ?1)"
			" ORDER BY rowid",
		  td->name);
	db_stmt *q;
	int rc = prepare(st, sb_str(&sql), &q, err);
	sb_free(&sql);
	if (rc)
		return -1;
	field f[TABLE_MAX_COLS];
	builder_begin_table(b, t);
	for (size_t i = 0; i < n && !rc; i++) {
		db_reset(q);
		if (bind_int(q, 1, limit) || bind_text(q, 2, ids[i])) {
			rc = bind_fail(st, err);
			break;
		}
		int step;
		while ((step = db_step(q)) == DB_ROW) {
			col_fields(q, 1, td->ncols, f);
			builder_row(b, t, f, (uint32_t)col_int(q, 0));
		}
		if (step != DB_DONE)
			rc = db_fail(st, err, "registratie: lezen van een leerling mislukt");
	}
	builder_end_table(b, t);
	db_finalize(q);
	return rc;
}

/* Whether a reference table (not per pupil) has a row recorded or
 * superseded after batch `after`. */
static int reference_changed(store *st, int64_t after, bool *changed, strbuf *err)
{
	strbuf sql = STRBUF_INIT;
	sb_puts(&sql, "SELECT EXISTS (");
	bool first = true;
	for (int t = 0; t < T_COUNT; t++) {
		if (TABLES[t].per_pupil || t == T_LEERLINGEN)
			continue;
		sb_printf(&sql, "%sSELECT 1 FROM %s WHERE v_from > ?1 OR v_until > ?1", first ? "" : " UNION ALL ",
			  TABLES[t].name);
		first = false;
	}
	sb_putc(&sql, ')');
	db_stmt *q;
	int rc = prepare(st, sb_str(&sql), &q, err);
	sb_free(&sql);
	if (rc)
		return -1;
	if (bind_int(q, 1, after)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	rc = db_step(q);
	*changed = rc == DB_ROW && col_int(q, 0) != 0;
	db_finalize(q);
	return rc == DB_ROW ? 0 : db_fail(st, err, "lezen van de registratie mislukt");
}

dataset *store_load_pupils(store *st, const char *const *ids, size_t n, const dataset *ref, int64_t ref_version,
			   int64_t *version, strbuf *err)
{
	int64_t limit = 0;
	if (batch_limit(st, NULL, &limit, err))
		return NULL;
	*version = limit;
	/* In byte order and distinct, as a full read would meet them. */
	const char **sorted = xmalloc((n ? n : 1) * sizeof *sorted);
	memcpy(sorted, ids, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, id_cmp);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!m || strcmp(sorted[m - 1], sorted[i]) != 0)
			sorted[m++] = sorted[i];
	/* When no reference table changed since ref was read, the pupils are
	 * built on ref's reference data itself (builder_new_on: what the
	 * reference rows would build, without building it again each update);
	 * else the reference tables are read first, as a full read meets them
	 * (they come before the pupils' in table order). */
	bool changed = true;
	if (ref && reference_changed(st, ref_version, &changed, err)) {
		free(sorted);
		return NULL;
	}
	builder *b = ref && !changed ? builder_new_on(ref, BUILD_IDENTITY) : builder_new(BUILD_IDENTITY);
	int rc = 0;
	for (int t = 0; t < T_COUNT && !rc && (!ref || changed); t++)
		if (!TABLES[t].per_pupil && t != T_LEERLINGEN)
			rc = read_table(st->db, b, (table_id)t, limit, NULL, err);
	for (int t = T_LEERLINGEN; t < T_COUNT && !rc; t++)
		rc = read_pupils_table(st, b, (table_id)t, limit, sorted, m, err);
	free(sorted);
	dataset *ds = rc ? NULL : builder_finish(b);
	if (!rc && !ds) { /* the caller reads in full then, which reports every error */
		size_t kept, total;
		const fact_error *e = builder_errors(b, &kept, &total);
		sb_printf(err, "de gewijzigde leerlingen zijn niet in te lezen (%zu fouten)", total);
		if (kept) {
			sb_puts(err, ", de eerste: ");
			fact_error_format(&e[0], err);
		}
	}
	builder_free(b);
	return ds;
}

int store_batches_between(store *st, int64_t after, int64_t upto, int64_t *count, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "SELECT count(*) FROM batch WHERE id > ?1 AND id <= ?2", &q, err))
		return -1;
	if (bind_int(q, 1, after) || bind_int(q, 2, upto)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc = db_step(q);
	*count = rc == DB_ROW ? col_int(q, 0) : 0;
	db_finalize(q);
	return rc == DB_ROW ? 0 : db_fail(st, err, "lezen van de registratie mislukt");
}
