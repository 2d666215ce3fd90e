/*
 * store_audit.c - the append-only audit log.
 *
 * Every entry carries a SHA-256 over the previous entry's hash and its own
 * fields, so a removed or altered entry breaks the chain. Triggers refuse
 * updates, and deletes of entries inside the retention period; entries that
 * age out are removed with the hash of the last one kept as the new anchor.
 * A value that cannot be bound, or an anchor that cannot be read, is an
 * error: an entry chained to a wrong anchor would break the chain.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/date.h"
#include "../util/alloc.h"
#include "store_internal.h"

static void entry_hash(const char *prev, int64_t id, const audit_entry *e, char out[65])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	char idtext[24], user[24];
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	snprintf(user, sizeof user, "%lld", (long long)e->gebruiker_id);
	const char *parts[] = {prev,	    idtext,	  e->tijdstip, user,	    e->gebruikersnaam, e->rol,
			       e->organisatie, e->leerling_id, e->actie,	e->endpoint, e->doel,	       e->details};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		const char *p = parts[i] ? parts[i] : "";
		crypto_hash_sha256_update(&h, (const unsigned char *)p, strlen(p));
		crypto_hash_sha256_update(&h, (const unsigned char *)"\x1f", 1);
	}
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

/* The hash the chain starts from (instelling audit_anker; "" when none). */
static int read_anchor(store *st, char out[65], strbuf *err)
{
	db_stmt *q;
	out[0] = '\0';
	if (prepare(st, "SELECT waarde FROM instelling WHERE naam = 'audit_anker'", &q, err))
		return -1;
	int rc = db_step(q);
	if (rc == DB_ROW)
		snprintf(out, 65, "%s", col_text(q, 0) ? col_text(q, 0) : "");
	db_finalize(q);
	return rc == DB_ROW || rc == DB_DONE ? 0 : db_fail(st, err, "auditanker lezen mislukt");
}

static int last_hash(store *st, char out[65], int64_t *last_id, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", &q, err))
		return -1;
	int rc = db_step(q);
	if (rc == DB_ROW) {
		*last_id = col_int(q, 0);
		snprintf(out, 65, "%s", col_text(q, 1));
	}
	db_finalize(q);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return db_fail(st, err, "auditlog lezen mislukt");
	*last_id = 0;
	/* Empty log: the chain starts at the anchor left by retention (or ""). */
	return read_anchor(st, out, err);
}

/* Append n entries inside the open transaction, chained to the last one. */
static int append_in_tx(store *st, const audit_entry *e, size_t n, strbuf *err)
{
	char prev[65];
	int64_t id;
	db_stmt *q = NULL;
	int rc = last_hash(st, prev, &id, err);
	if (!rc)
		rc = prepare(st,
			     "INSERT INTO audit (id, tijdstip, gebruiker_id, gebruikersnaam, rol, organisatie, leerling_id,"
			     " actie, endpoint, doel, details, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
			     &q, err);
	for (size_t i = 0; i < n && !rc; i++) {
		char hash[65];
		id++;
		entry_hash(prev, id, &e[i], hash);
		if (bind_int(q, 1, id) || bind_text(q, 2, e[i].tijdstip) || bind_int(q, 3, e[i].gebruiker_id) ||
		    bind_text(q, 4, e[i].gebruikersnaam) || bind_text(q, 5, e[i].rol) || bind_text(q, 6, e[i].organisatie) ||
		    bind_text(q, 7, e[i].leerling_id) || bind_text(q, 8, e[i].actie) || bind_text(q, 9, e[i].endpoint) ||
		    bind_text(q, 10, e[i].doel) || bind_text(q, 11, e[i].details) || bind_text(q, 12, hash))
			rc = bind_fail(st, err);
		else if (db_step(q) != DB_DONE)
			rc = db_fail(st, err, "auditregel vastleggen mislukt");
		db_reset(q);
		memcpy(prev, hash, sizeof prev);
	}
	db_finalize(q);
	return rc;
}

int store_audit_append(store *st, const audit_entry *e, size_t n, strbuf *err)
{
	if (begin(st, true, err))
		return -1;
	if (append_in_tx(st, e, n, err)) {
		rollback(st);
		return -1;
	}
	return commit(st, err);
}

/* Here rather than beside exec() and rollback(): every change's COMMIT
 * writes the audit entry armed for it first. */
int commit(store *st, strbuf *err)
{
	change_audit *a = st->audit_next;
	st->audit_next = NULL;
	if ((!a || audit_in_tx(st, a, err) == 0) && commit_tx(st, err) == 0) {
		if (a)
			a->written = true;
		return 0;
	}
	rollback(st);
	return -1;
}

void store_audit_with(store *st, change_audit *a)
{
	if (a)
		a->written = false;
	st->audit_next = a;
}

int audit_in_tx(store *st, change_audit *a, strbuf *err)
{
	/* Stamped at the commit: never before the change's own recording time,
	 * so retention (store_audit_purge) cannot keep a change whose entry went. */
	audit_entry e = a->e;
	store_now(e.tijdstip);
	strbuf details = STRBUF_INIT;
	int rc = 0;
	if (a->details && !a->details(a->ctx, &details)) {
		sb_puts(err, "de details van de auditregel konden niet worden gemaakt");
		rc = -1;
	}
	e.details = a->details ? sb_str(&details) : NULL;
	if (!rc)
		rc = append_in_tx(st, &e, 1, err);
	sb_free(&details);
	return rc;
}

static void row_from(db_stmt *q, audit_row *r)
{
	r->id = col_int(q, 0);
	snprintf(r->e.tijdstip, sizeof r->e.tijdstip, "%s", col_text(q, 1));
	r->e.gebruiker_id = col_int(q, 2);
	r->e.gebruikersnaam = col_text(q, 3);
	r->e.rol = col_text(q, 4);
	r->e.organisatie = col_text(q, 5);
	r->e.leerling_id = col_text(q, 6);
	r->e.actie = col_text(q, 7);
	r->e.endpoint = col_text(q, 8);
	r->e.doel = col_text(q, 9);
	r->e.details = col_text(q, 10);
	r->hash = col_text(q, 11);
}

#define AUDIT_COLUMNS \
	"id, tijdstip, gebruiker_id, gebruikersnaam, rol, organisatie, leerling_id, actie, endpoint, doel, details, hash"

int store_audit_query(store *st, const char *pupil_id, int64_t before_id, int limit,
		      void (*row)(void *, const audit_row *), void *ctx, strbuf *err)
{
	audit_filter f = {.leerling_id = pupil_id};
	return store_audit_search(st, &f, before_id, limit, row, ctx, err);
}

int store_audit_search(store *st, const audit_filter *f, int64_t before_id, int limit,
		       void (*row)(void *, const audit_row *), void *ctx, strbuf *err)
{
	db_stmt *q;
	/* The period compares the day of tijdstip (YYYY-MM-DD, the wall clock
	 * of the recording) with the days asked, both ends included. */
	if (prepare(st,
		    "SELECT " AUDIT_COLUMNS " FROM audit WHERE (?1 IS NULL OR leerling_id IN " MERGED_IDS ")"
		    " AND (?2 = 0 OR id < ?2) AND (?4 IS NULL OR gebruikersnaam = ?4) AND (?5 IS NULL OR actie = ?5)"
		    " AND (?6 IS NULL OR substr(tijdstip, 1, 10) >= ?6) AND (?7 IS NULL OR substr(tijdstip, 1, 10) <= ?7)"
		    " ORDER BY id DESC LIMIT ?3",
		    &q, err))
		return -1;
	/* A filter that failed to bind would be NULL: every entry. */
	if (bind_text(q, 1, f->leerling_id) || bind_int(q, 2, before_id) || bind_int(q, 3, limit) ||
	    bind_text(q, 4, f->gebruiker) || bind_text(q, 5, f->actie) || bind_text(q, 6, f->van) ||
	    bind_text(q, 7, f->tot)) {
		db_finalize(q);
		return bind_fail(st, err);
	}
	int rc;
	audit_row r;
	while ((rc = db_step(q)) == DB_ROW) {
		row_from(q, &r);
		row(ctx, &r);
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : db_fail(st, err, "auditlog lezen mislukt");
}

int store_audit_set_retention(store *st, int days, strbuf *err)
{
	db_stmt *q;
	if (prepare(st, "UPDATE instelling SET waarde = ?1 WHERE naam = 'audit_bewaardagen'", &q, err))
		return -1;
	int rc;
	if (bind_int(q, 1, days))
		rc = bind_fail(st, err);
	else
		rc = db_step(q) == DB_DONE ? 0 : db_fail(st, err, "bewaartermijn vastleggen mislukt");
	db_finalize(q);
	return rc;
}

/* The wall-clock moment the retention period (instelling naam, in days)
 * ends before now: the same local time of day, that many calendar days
 * earlier. */
static int retention_cutoff(store *st, const char *naam, char out[20], strbuf *err)
{
	long days;
	if (setting_days(st, naam, &days, err))
		return -1;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	civil c = civil_from_day(day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) - (day_t)days);
	char text[40];
	snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, tm.tm_hour, tm.tm_min,
		 tm.tm_sec);
	memcpy(out, text, 19); /* "YYYY-MM-DDTHH:MM:SS" */
	out[19] = '\0';
	return 0;
}

int store_audit_purge(store *st, size_t *deleted, strbuf *err)
{
	*deleted = 0;
	/* The application's role of a PostgreSQL registry may not remove
	 * entries: that is the owner's (inbeeld audit opschonen). */
	bool allowed;
	char role[64];
	if (store_audit_purge_allowed(st, &allowed, role, err))
		return -1;
	if (!allowed)
		return 0;
	if (begin(st, true, err))
		return -1;
	/* Recording time against the wall clock (the rule in app/compute.h): the
	 * period counts from when an entry was written, no business date. */
	char cutoff[20];
	int rc = retention_cutoff(st, "audit_bewaardagen", cutoff, err);
	/* Remove the prefix of the chain before the first entry still inside the
	 * period (exact even if two entries were written slightly out of time
	 * order). */
	db_stmt *q = NULL;
	int64_t first = 0;
	if (!rc)
		rc = prepare(st,
			     "SELECT coalesce((SELECT min(id) FROM audit WHERE tijdstip >= ?1),"
			     " (SELECT coalesce(max(id), 0) + 1 FROM audit))",
			     &q, err);
	if (!rc) {
		int step = bind_text(q, 1, cutoff) ? UNBOUND : db_step(q);
		if (step == DB_ROW)
			first = col_int(q, 0);
		rc = step == DB_ROW ? 0 : step == UNBOUND ? bind_fail(st, err) : db_fail(st, err, "auditlog lezen mislukt");
		db_finalize(q);
	}
	/* The hash of the last entry to go becomes the anchor of the chain.
	 * Changes recorded up to the last entry that goes keep no entry: the
	 * check for changes without one (store_audit_gaps) starts after it. */
	static const char *const steps[] = {
		"UPDATE instelling SET waarde = coalesce((SELECT hash FROM audit WHERE id < ?1 ORDER BY id DESC"
		" LIMIT 1), waarde) WHERE naam = 'audit_anker'",
		"UPDATE instelling SET waarde = (SELECT CASE WHEN m.t > instelling.waarde THEN m.t ELSE instelling.waarde END"
		" FROM (SELECT coalesce(max(tijdstip), '') AS t FROM audit WHERE id < ?1) m) WHERE naam = 'audit_volledig_na'",
		"DELETE FROM audit WHERE id < ?1",
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !rc; i++) {
		if (prepare(st, steps[i], &q, err)) {
			rc = -1;
			break;
		}
		int step = bind_int(q, 1, first) ? UNBOUND : db_step(q);
		rc = step == DB_DONE ? 0 : step == UNBOUND ? bind_fail(st, err) : db_fail(st, err, "auditlog opruimen mislukt");
		if (!rc)
			*deleted = (size_t)db_changes(st->db);
		db_finalize(q);
	}
	if (rc) {
		*deleted = 0;
		rollback(st);
		return -1;
	}
	return commit(st, err);
}

int store_audit_verify(store *st, size_t *checked, int64_t *first_bad, strbuf *err)
{
	*checked = 0;
	*first_bad = 0;
	db_stmt *q;
	char prev[65];
	if (read_anchor(st, prev, err) || prepare(st, "SELECT " AUDIT_COLUMNS " FROM audit ORDER BY id", &q, err))
		return -1;
	int rc;
	audit_row r;
	while ((rc = db_step(q)) == DB_ROW) {
		row_from(q, &r);
		char hash[65];
		entry_hash(prev, r.id, &r.e, hash);
		(*checked)++;
		if (strcmp(hash, r.hash) != 0) {
			*first_bad = r.id;
			break;
		}
		memcpy(prev, hash, sizeof prev);
	}
	db_finalize(q);
	return rc == DB_DONE || rc == DB_ROW ? 0 : db_fail(st, err, "auditlog lezen mislukt");
}

/* JSON, as much as the gaps need: a value is skipped (and checked), and of
 * the top-level object the integers named "registratie" and "gebeurtenis"
 * are kept. Each returns the text after what it read, or NULL when it is
 * no JSON (then the entry names nothing, as json_valid() had it). */
static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (; *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return NULL; /* the end of the text, or a control character */
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 4;
			} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
	}
	return p + 1;
}

static const char *json_number(const char *p, bool *integer)
{
	const char *s = p;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	*integer = true;
	if (*p == '.') {
		*integer = false;
		if (*++p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		*integer = false;
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p > s ? p : NULL;
}

static const char *json_value(const char *p, int depth)
{
	p = json_ws(p);
	if (depth > 64)
		return NULL;
	bool integer;
	switch (*p) {
	case '"': return json_string(p);
	case 't': return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f': return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n': return strncmp(p, "null", 4) ? NULL : p + 4;
	case '[':
	case '{': {
		char close = *p == '[' ? ']' : '}';
		p = json_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (close == '}') {
				p = json_string(json_ws(p));
				if (!p || *(p = json_ws(p)) != ':')
					return NULL;
				p++;
			}
			p = json_value(p, depth + 1);
			if (!p)
				return NULL;
			p = json_ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	}
	default: return json_number(p, &integer);
	}
}

/* The ids an entry's details name: *b its "registratie", *g its
 * "gebeurtenis" (0 when it names none, or when details is no JSON). */
static void named_ids(const char *details, int64_t *b, int64_t *g)
{
	*b = *g = 0;
	int64_t nb = 0, ng = 0;
	const char *p = json_ws(details);
	if (*p != '{' || !json_value(p, 0) || *json_ws(json_value(p, 0)) != '\0')
		return; /* no JSON object: it names nothing */
	p = json_ws(p + 1);
	while (*p == '"') {
		const char *key = p + 1, *end = json_string(p);
		p = json_ws(json_ws(end) + 1); /* past the ':' */
		bool integer = false;
		const char *num = (*p == '-' || (*p >= '0' && *p <= '9')) ? json_number(p, &integer) : NULL;
		size_t klen = (size_t)(end - 1 - key);
		/* The first of a name counts, as json_extract() gives it. */
		if (num && integer && klen == 11 && !strncmp(key, "registratie", 11) && !nb)
			nb = strtoll(p, NULL, 10);
		if (num && integer && klen == 11 && !strncmp(key, "gebeurtenis", 11) && !ng)
			ng = strtoll(p, NULL, 10);
		p = json_ws(json_value(p, 1));
		if (*p == ',')
			p = json_ws(p + 1);
	}
	*b = nb;
	*g = ng;
}

typedef struct id_set {
	int64_t *v;
	size_t n, cap;
} id_set;

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void id_add(id_set *s, int64_t id)
{
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	s->v[s->n++] = id;
}

static bool id_in(const id_set *s, int64_t id)
{
	return s->n && bsearch(&id, s->v, s->n, sizeof *s->v, id_cmp) != NULL;
}

/* The changes recorded after instelling audit_volledig_na (the moment the
 * registry began to write a change's entry in its transaction, or the last
 * entry removed by retention) without an entry that names them: a correctie
 * batch by its "registratie", a case event by its "gebeurtenis" in the
 * entry's details. NOT IN over the materialised list of named ids: one pass
 * over the log, not one per change. */
int store_audit_gaps(store *st, void (*gap)(void *, const audit_gap *), void *ctx, size_t *changes, strbuf *err)
{
	*changes = 0;
	/* What the entries name, read in C: the JSON of details is no SQL both
	 * databases speak alike. */
	id_set named_b = {0}, named_g = {0};
	db_stmt *q;
	if (prepare(st, "SELECT details FROM audit WHERE details IS NOT NULL", &q, err))
		return -1;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		int64_t b, g;
		named_ids(col_text(q, 0), &b, &g);
		if (b)
			id_add(&named_b, b);
		if (g)
			id_add(&named_g, g);
	}
	db_finalize(q);
	if (rc == DB_DONE) {
		if (named_b.n)
			qsort(named_b.v, named_b.n, sizeof *named_b.v, id_cmp);
		if (named_g.n)
			qsort(named_g.v, named_g.n, sizeof *named_g.v, id_cmp);
		rc = prepare(st,
			     "WITH na AS (SELECT coalesce((SELECT waarde FROM instelling WHERE naam = 'audit_volledig_na'), '')"
			     " AS t),"
			     " wijziging AS (SELECT 'correctie' AS wat, id, recorded_at AS op FROM batch"
			     "  WHERE kind = 'correctie' AND recorded_at > (SELECT t FROM na)"
			     "  UNION ALL SELECT 'gebeurtenis', id, vastgelegd_op FROM gebeurtenis WHERE vastgelegd_op > (SELECT t FROM na))"
			     " SELECT wat, id, op FROM wijziging ORDER BY op, wat, id",
			     &q, err)
			     ? -1
			     : DB_DONE;
		if (rc == DB_DONE) {
			while ((rc = db_step(q)) == DB_ROW) {
				(*changes)++;
				const char *wat = col_text(q, 0);
				int64_t id = col_int(q, 1);
				bool named = !strcmp(wat, "correctie") ? id_in(&named_b, id) : id_in(&named_g, id);
				if (!named && gap) {
					audit_gap g = {wat, id, col_text(q, 2)};
					gap(ctx, &g);
				}
			}
			db_finalize(q);
		}
	}
	free(named_b.v);
	free(named_g.v);
	if (rc == -1)
		return -1;
	return rc == DB_DONE ? 0 : db_fail(st, err, "auditlog en wijzigingen vergelijken mislukt");
}
