/*
 * store_pupil.c - one pupil's facts with their history, and corrections.
 *
 * A correction is a batch like an import: the facts it ends keep their rows
 * (v_until set), the facts it adds get new rows. Before anything is written,
 * the pupil's resulting facts pass the same fact builder as an import, with
 * the registry's reference data, so the API cannot store what an import would
 * refuse. Changes name the row they replace; a row that someone else ended
 * meanwhile makes the correction fail with STORE_CONFLICT (no lost updates).
 * Reads of one pupil run in one read transaction, so they see one version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "store_internal.h"

/* In a read transaction of its own: its BEGIN makes a connection the
 * database dropped anew (db_pg_begin), so the first question after a
 * failover or a restart of the database is answered, not failed. It ends
 * with commit_tx, not commit(): a change's audit entry armed on st must
 * wait for that change's own write. */
int store_version(store *st, int64_t *batch, strbuf *err)
{
	if (begin(st, false, err))
		return -1;
	if (batch_limit(st, NULL, batch, err) || commit_tx(st, err)) {
		rollback(st);
		return -1;
	}
	return 0;
}

static bool pupil_table(table_id t)
{
	return TABLES[t].per_pupil || t == T_LEERLINGEN;
}

int store_pupil_facts(store *st, const char *pupil_id, bool history, void (*row)(void *, const fact_version *),
		      void *ctx, strbuf *err)
{
	int exists = 0;
	if (begin(st, false, err))
		return -1;
	for (int t = 0; t < T_COUNT; t++) {
		if (!pupil_table((table_id)t))
			continue;
		const table_desc *td = &TABLES[t];
		strbuf sql = STRBUF_INIT;
		sb_puts(&sql, "SELECT r.rowid, r.v_from, coalesce(r.v_until, 0), bf.recorded_at, bf.actor,"
			      " bu.recorded_at, bu.actor");
		for (int i = 0; i < td->ncols; i++)
			sb_printf(&sql, ", r.%s", td->cols[i]);
		sb_printf(&sql,
			  " FROM %s r JOIN batch bf ON bf.id = r.v_from LEFT JOIN batch bu ON bu.id = r.v_until"
			  " WHERE r.leerling_id IN " MERGED_IDS "%s ORDER BY r.rowid", /* with what was merged into it */
			  td->name, history ? "" : " AND r.v_until IS NULL");
		db_stmt *q;
		int rc = prepare(st, sb_str(&sql), &q, err);
		sb_free(&sql);
		if (rc) {
			rollback(st);
			return -1;
		}
		if (bind_text(q, 1, pupil_id)) {
			bind_fail(st, err);
			db_finalize(q);
			rollback(st);
			return -1;
		}
		while ((rc = db_step(q)) == DB_ROW) {
			fact_version v = {.t = (table_id)t};
			v.id = col_int(q, 0);
			v.batch_from = col_int(q, 1);
			v.batch_until = col_int(q, 2);
			v.recorded_at = col_text(q, 3);
			v.recorded_by = col_text(q, 4);
			v.ended_at = col_text(q, 5);
			v.ended_by = col_text(q, 6);
			col_fields(q, 7, td->ncols, v.f);
			if (t == T_LEERLINGEN && !v.batch_until)
				exists = 1;
			if (row)
				row(ctx, &v);
		}
		db_finalize(q);
		if (rc != DB_DONE) {
			db_fail(st, err, "lezen mislukt");
			rollback(st);
			return -1;
		}
	}
	/* Ending the read: left open, it would pin this version for every later
	 * read on the connection. */
	return commit(st, err) ? -1 : exists;
}

/* "tabel, kolom: reden" lines; with new_only, only those about the new rows
 * of a correction (line 0). */
static void plain_lines(const fact_error *e, size_t kept, bool new_only, strbuf *out)
{
	bool first = true;
	for (size_t i = 0; i < kept; i++) {
		if (new_only && e[i].line)
			continue;
		const table_desc *td = &TABLES[e[i].table];
		sb_printf(out, "%s%s", first ? "" : "\n", td->name);
		if (e[i].col >= 0 && e[i].col < td->ncols)
			sb_printf(out, ", %s", td->cols[e[i].col]);
		sb_printf(out, ": %s", e[i].msg);
		first = false;
	}
}

void fact_errors_plain(const builder *b, strbuf *out)
{
	size_t kept, total;
	const fact_error *e = builder_errors(b, &kept, &total);
	plain_lines(e, kept, false, out);
}

static bool replaced(const fact_change *ch, size_t n, table_id t, int64_t rowid)
{
	for (size_t i = 0; i < n; i++)
		if (ch[i].t == t && ch[i].replaces == rowid)
			return true;
	return false;
}

/* Feed the pupil's current rows of table t, minus the replaced ones, plus the
 * new ones (line 0), into the builder. */
static int feed_pupil_table(store *st, builder *b, table_id t, const char *pupil_id, const fact_change *ch, size_t n,
			    strbuf *err)
{
	const table_desc *td = &TABLES[t];
	db_stmt *q;
	if (prepare_current(st, t, pupil_id, &q, err))
		return -1;
	int rc;
	field f[TABLE_MAX_COLS];
	builder_begin_table(b, t);
	while ((rc = db_step(q)) == DB_ROW) {
		int64_t rowid = col_int(q, 0);
		if (replaced(ch, n, t, rowid))
			continue;
		col_fields(q, 1, td->ncols, f);
		builder_row(b, t, f, (uint32_t)rowid);
	}
	db_finalize(q);
	if (rc != DB_DONE)
		return db_fail(st, err, "lezen mislukt");
	for (size_t i = 0; i < n; i++)
		if (ch[i].t == t && ch[i].fields)
			builder_row(b, t, ch[i].fields, 0);
	builder_end_table(b, t);
	return 0;
}

/* Whether another current pupil has this BSN or onderwijsnummer. */
static int identifier_taken(store *st, const char *column, field value, const char *pupil_id, strbuf *err)
{
	if (!value.len)
		return 0;
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SELECT 1 FROM leerlingen WHERE %s = ?1 AND v_until IS NULL AND leerling_id <> ?2 LIMIT 1", column);
	db_stmt *q;
	if (prepare(st, sql, &q, err))
		return -1;
	if (bind_field(q, 1, value) || bind_text(q, 2, pupil_id)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc = db_step(q);
	db_finalize(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : db_fail(st, err, "lezen mislukt");
}

/* The checks before validation: the changes are of the pupil's facts (not
 * of reference data), replaced rows are this pupil's and current, the pupil
 * exists (or is being added), identifiers are free. */
static int precheck(store *st, const char *pupil_id, const fact_change *ch, size_t n, strbuf *err)
{
	/* A correction changes a pupil's facts; reference data changes only by
	 * import (SPEC 3: gemeenten, SWV and scholen are reference data), which
	 * is what lets a connection keep it (store_reference.c). */
	for (size_t i = 0; i < n; i++) {
		if (ch[i].t >= T_COUNT) {
			sb_puts(err, "onbekende tabel in een correctie");
			return STORE_INVALID;
		}
		if (!pupil_table(ch[i].t)) {
			sb_printf(err, "%s is geen gegeven van een leerling; referentiegegevens veranderen alleen door een import",
				  TABLES[ch[i].t].name);
			return STORE_INVALID;
		}
	}
	bool adds_pupil = false;
	for (size_t i = 0; i < n; i++) {
		if (ch[i].t == T_LEERLINGEN && !ch[i].replaces && ch[i].fields)
			adds_pupil = true;
		if (!ch[i].replaces)
			continue;
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT leerling_id, CASE WHEN v_until IS NULL THEN 1 ELSE 0 END FROM %s WHERE rowid = ?1",
			 TABLES[ch[i].t].name);
		db_stmt *q;
		if (prepare(st, sql, &q, err))
			return -1;
		int rc = bind_int(q, 1, ch[i].replaces) ? UNBOUND : db_step(q), current = 0;
		bool mine = false;
		if (rc == DB_ROW) {
			mine = strcmp(col_text(q, 0), pupil_id) == 0;
			current = col_int(q, 1);
		}
		db_finalize(q);
		if (rc == UNBOUND)
			return bind_fail(st, err);
		if (rc != DB_ROW && rc != DB_DONE)
			return db_fail(st, err, "lezen mislukt");
		if (!mine) {
			sb_printf(err, "%s %lld hoort niet bij deze leerling", TABLES[ch[i].t].name, (long long)ch[i].replaces);
			return STORE_NOT_FOUND;
		}
		if (!current) {
			sb_printf(err, "%s %lld is intussen door iemand anders gewijzigd; laad de leerling opnieuw",
				  TABLES[ch[i].t].name, (long long)ch[i].replaces);
			return STORE_CONFLICT;
		}
	}
	int exists = 0;
	db_stmt *q;
	if (prepare(st, "SELECT 1 FROM leerlingen WHERE leerling_id = ?1 AND v_until IS NULL", &q, err))
		return -1;
	int step = bind_text(q, 1, pupil_id) ? UNBOUND : db_step(q);
	exists = step == DB_ROW;
	db_finalize(q);
	/* A failed read is an error, not an unknown pupil. */
	if (step != DB_ROW && step != DB_DONE)
		return step == UNBOUND ? bind_fail(st, err) : db_fail(st, err, "lezen mislukt");
	if (!exists && !adds_pupil) {
		sb_printf(err, "leerling '%s' is onbekend", pupil_id);
		return STORE_NOT_FOUND;
	}
	if (exists && adds_pupil) {
		sb_printf(err, "leerling '%s' bestaat al", pupil_id);
		return STORE_CONFLICT;
	}
	for (size_t i = 0; i < n; i++) {
		if (ch[i].t != T_LEERLINGEN || !ch[i].fields)
			continue;
		int taken = identifier_taken(st, "bsn", ch[i].fields[1], pupil_id, err);
		if (taken == 1)
			sb_printf(err, "dit BSN is al geregistreerd bij een andere leerling");
		if (!taken) {
			taken = identifier_taken(st, "onderwijsnummer", ch[i].fields[2], pupil_id, err);
			if (taken == 1)
				sb_printf(err, "dit onderwijsnummer is al geregistreerd bij een andere leerling");
		}
		if (taken)
			return taken < 0 ? -1 : STORE_CONFLICT;
	}
	return 0;
}

/* Validate the pupil's facts as they would be after the change. The warnings
 * about the new rows (SPEC 3.1: doubtful, accepted all the same) go to
 * warnings when it is not NULL; the other rows were warned about when they
 * were recorded. */
static int validate(store *st, const char *pupil_id, const fact_change *ch, size_t n, strbuf *warnings,
		    strbuf *err)
{
	int64_t limit;
	const dataset *ref;
	if (batch_limit(st, NULL, &limit, err) || reference_at(st, limit, &ref, err))
		return -1;
	/* On the connection's reference data when it builds (store_reference.c);
	 * else read with the pupil's, as an import would, to say what is wrong. */
	builder *b = ref ? builder_new_on(ref, BUILD_IDENTITY) : builder_new(BUILD_IDENTITY);
	builder_only_pupil(b, pupil_id);
	int rc = 0;
	for (int t = 0; t < T_COUNT && !rc; t++)
		if (pupil_table((table_id)t))
			rc = feed_pupil_table(st, b, (table_id)t, pupil_id, ch, n, err);
		else if (!ref)
			rc = read_table(st->db, b, (table_id)t, limit, NULL, err);
	if (!rc) {
		dataset *ds = builder_finish(b);
		if (ds) {
			dataset_free(ds);
			size_t kept, total;
			const fact_error *w = builder_warnings(b, &kept, &total);
			if (warnings)
				plain_lines(w, kept, true, warnings);
		} else {
			fact_errors_plain(b, err);
			rc = STORE_INVALID;
		}
	}
	builder_free(b);
	return rc;
}

int pupil_validate_in_tx(store *st, const char *pupil_id, strbuf *err)
{
	return validate(st, pupil_id, NULL, 0, NULL, err);
}

static int insert_row(store *st, table_id t, const field *f, int64_t batch, int64_t *id, strbuf *err)
{
	const table_desc *td = &TABLES[t];
	db_stmt *q;
	if (prepare_insert(st, t, &q, err))
		return -1;
	int rc = 0;
	for (int i = 0; i < td->ncols && !rc; i++)
		if (bind_field(q, i + 1, f[i]))
			rc = bind_fail(st, err);
	if (!rc && bind_int(q, td->ncols + 1, batch))
		rc = bind_fail(st, err);
	if (!rc)
		rc = step_returning(q, id) == DB_DONE ? 0 : db_fail(st, err, "toevoegen mislukt");
	if (rc)
		*id = 0;
	db_finalize(q);
	return rc;
}

static int end_row(store *st, table_id t, int64_t rowid, int64_t batch, strbuf *err)
{
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE %s SET v_until = ?1 WHERE rowid = ?2 AND v_until IS NULL", TABLES[t].name);
	db_stmt *q;
	if (prepare(st, sql, &q, err))
		return -1;
	int rc;
	if (bind_int(q, 1, batch) || bind_int(q, 2, rowid))
		rc = bind_fail(st, err);
	else
		rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "beëindigen mislukt");
	if (!rc && db_changes(st->db) != 1) {
		sb_printf(err, "%s %lld is intussen door iemand anders gewijzigd", TABLES[t].name, (long long)rowid);
		rc = STORE_CONFLICT;
	}
	db_finalize(q);
	return rc;
}

/* The change inside the open write transaction; validated_at: the batch up to
 * which it was validated beforehand (store_write_path.c), 0 for none. */
static int change_in_tx(store *st, const char *pupil_id, const fact_change *ch, size_t n, const char *actor,
			const char *source, int64_t validated_at, int64_t *batch, int64_t *new_ids, strbuf *warnings,
			strbuf *err)
{
	int rc = precheck(st, pupil_id, ch, n, err);
	int changed = validated_at && !rc ? pupil_changed_since(st, pupil_id, validated_at, err) : 1;
	if (changed < 0)
		rc = -1;
	if (!rc && changed) {
		if (warnings)
			sb_reset(warnings); /* said again by this validation */
		rc = validate(st, pupil_id, ch, n, warnings, err);
	}
	char when[20], last[20];
	store_now(when);
	if (!rc)
		rc = last_recorded(st, last, err);
	if (!rc && strcmp(when, last) < 0)
		memcpy(when, last, sizeof when); /* the clock went back: keep history in order */
	db_stmt *q = NULL;
	if (!rc)
		rc = prepare(st, "INSERT INTO batch (recorded_at, actor, kind, source) VALUES (?1, ?2, 'correctie', ?3) RETURNING id",
			     &q, err);
	if (!rc) {
		if (bind_text(q, 1, when) || bind_text(q, 2, actor) || bind_text(q, 3, source ? source : ""))
			rc = bind_fail(st, err);
		else
			rc = step_returning(q, batch) == DB_DONE ? 0 : db_fail(st, err, "vastleggen van de correctie mislukt");
		if (rc)
			*batch = 0;
	}
	db_finalize(q);
	if (!rc)
		rc = tell_batch(st, *batch, &pupil_id, 1, err);
	for (size_t i = 0; i < n && !rc; i++) {
		new_ids[i] = 0;
		if (ch[i].replaces)
			rc = end_row(st, ch[i].t, ch[i].replaces, *batch, err);
		if (!rc && ch[i].fields)
			rc = insert_row(st, ch[i].t, ch[i].fields, *batch, &new_ids[i], err);
	}
	return rc;
}

int pupil_change_in_tx(store *st, const char *pupil_id, const fact_change *ch, size_t n, const char *actor,
		       const char *source, int64_t *batch, int64_t *new_ids, strbuf *err)
{
	return change_in_tx(st, pupil_id, ch, n, actor, source, 0, batch, new_ids, NULL, err);
}

/* The checks and the validation of a change in a read transaction, before
 * the write lock is taken; *at: the batch they saw. The refusals are those
 * change_in_tx would give at that version. */
static int validate_before(store *st, const char *pupil_id, const fact_change *ch, size_t n, strbuf *warnings,
			   int64_t *at, strbuf *err)
{
	*at = 0;
	if (begin(st, false, err))
		return -1;
	int rc = batch_limit(st, NULL, at, err);
	if (!rc)
		rc = precheck(st, pupil_id, ch, n, err);
	if (!rc)
		rc = validate(st, pupil_id, ch, n, warnings, err);
	/* A read transaction ends with ROLLBACK, not COMMIT: it wrote nothing, so
	 * nothing can fail to be kept, and commit() would write the change's
	 * armed audit entry, which must wait for the write. Should even that
	 * fail, rollback() closes the connection rather than leave it in a
	 * transaction (the change then fails). */
	if (st->closed || db_rollback(st->db) != DB_OK) {
		if (!rc)
			rc = db_fail(st, err, "terugdraaien mislukt");
		rollback(st);
	}
	return rc;
}

int store_pupil_change(store *st, const char *pupil_id, const fact_change *ch, size_t n, const char *actor,
		       const char *source, int64_t *batch, int64_t *new_ids, strbuf *warnings, strbuf *err)
{
	int64_t at;
	int rc = validate_before(st, pupil_id, ch, n, warnings, &at, err);
	if (rc)
		return rc;
	if (begin(st, true, err))
		return -1;
	rc = change_in_tx(st, pupil_id, ch, n, actor, source, at, batch, new_ids, warnings, err);
	if (rc) {
		rollback(st);
		return rc;
	}
	return commit(st, err);
}
