/*
 * store.h - the registry behind a narrow interface.
 *
 * The registry keeps every version of every fact. A fact row carries the batch
 * that recorded it (v_from) and the batch that superseded it (v_until, NULL
 * while current). A batch is one import or one correction, with when it was
 * recorded and by whom. Reading "as known at" a moment takes the rows whose
 * batches bracket that moment, so a count can be repeated as it was known
 * then (SPEC 3, registratie-effect).
 *
 * The implementation lives in store_open.c and the files beside it, and
 * speaks to its database only through db.h (db_sqlite.c for SQLite, db_pg.c
 * for PostgreSQL). Nothing outside src/store sees SQL.
 *
 * Failures are returned, never hidden: a value the database cannot take, a
 * failed read, COMMIT or ROLLBACK is an error (-1 with err set), and a failed
 * write leaves no transaction open. When a ROLLBACK fails with the
 * transaction still open, the store closes its connection (the database then
 * discards the transaction) and every later call on it fails with an error
 * saying so: close the store and open it again.
 */
#ifndef INBEELD_STORE_H
#define INBEELD_STORE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/dataset.h"
#include "../core/facts.h"
#include "../util/strbuf.h"

typedef struct store store;

/* Open (creating and migrating when needed). Returns 0, or -1 with err set. */
int store_open(const char *path, store **out, strbuf *err);
void store_close(store *st);
/* The write transactions of st wait their turn at gate, which the other
 * connections of one process to the same registry share (the server's
 * pool), before BEGIN: writers queue in the process instead of each polling
 * the file's lock. Only for a SQLite file (PostgreSQL queues its writers
 * itself); a write that waits longer than the file lock would (10 s) fails. */
void store_share_write_gate(store *st, pthread_mutex_t *gate);

/* The database's roles (store_roles.c, issue 16). PostgreSQL: the role that
 * owns the schema migrates it; the application connects as a login role in
 * the group role inbeeld_app, which reads everything and writes only what
 * the store writes (the audit log and the history: added, a version ended,
 * never changed). SQLite has no roles: the schema is brought up to date
 * as store_open does, nothing is granted, and everything is allowed.
 * store_schema_update: bring the schema of st up to date (store_open did)
 * and give inbeeld_app its privileges again (made when missing); *version
 * the schema version, *granted whether there is a group role to have them.
 * -1 with err set when the connection's role may not (not the owner).
 * store_audit_purge_allowed: whether the connection's role may remove
 * audit entries (store_audit_purge removes none without), and its name
 * ("" on SQLite). */
int store_schema_update(store *st, int *version, bool *granted, strbuf *err);
int store_audit_purge_allowed(store *st, bool *allowed, char role[64], strbuf *err);

typedef struct import_stats {
	int64_t batch;
	char recorded_at[20];
	size_t added[T_COUNT], ended[T_COUNT], kept[T_COUNT];
} import_stats;

/* Work for the second thread of a first import (see store_import), done
 * once that thread's tables are filled, while the registry's thread copies
 * them in: the snapshot file of the dataset (src/app/registry_load.c). run
 * gets the version key (store_version_key) the registry will have once the
 * import commits; it must not touch the store, and its result is the
 * caller's to keep or throw away after store_import returns. It is not run
 * at all on the serial path, nor once the import failed. cost: its
 * estimated CPU time in nanoseconds, for the split of the tables. */
typedef struct import_aside {
	void (*run)(void *ctx, const char *version_key);
	void *ctx;
	uint64_t cost;
} import_aside;

typedef struct import_options {
	const char *actor;	 /* who; required */
	const char *source;	 /* what was loaded (a folder name) */
	const char *recorded_at; /* "YYYY-MM-DDTHH:MM:SS" local time; NULL = now */
	void (*report)(void *ctx, const char *table, size_t done, size_t total);
	void *ctx;
	/* The caller has the registry to itself (the command line): a first import
	 * into an empty registry may then write straight into the database file
	 * with a rollback journal instead of through the write-ahead log. */
	bool alone;
	const import_aside *aside; /* NULL: none */
} import_options;

/* Make the registry equal to ds, in one transaction: facts that are new are
 * added, facts that are gone are ended (kept as history), identical facts stay.
 * ds must have been built with BUILD_IDENTITY. Returns 0, or -1 with err set
 * and the registry unchanged. */
int store_import(store *st, const dataset *ds, const import_options *opt, import_stats *stats, strbuf *err);

/* Feed the registry as known at `as_of` ("YYYY-MM-DDTHH:MM:SS", NULL = now)
 * into the builder, table by table; the per-pupil tables on up to `threads`
 * threads. With only_pupil, per-pupil tables are read for that pupil only.
 * Returns 0, or -1 with err set. *empty (when non-NULL) is set when no batch
 * had been recorded by then. */
int store_read(store *st, builder *b, const char *as_of, const char *only_pupil, int threads, int *empty,
	       strbuf *err);

/* Convenience: read into a dataset (NULL with err on failure). */
dataset *store_load(store *st, unsigned flags, const char *as_of, const char *only_pupil, int threads,
		    strbuf *err);

/* The reference data only (gemeenten, SWVs, schools, holidays), current. */
dataset *store_load_reference(store *st, strbuf *err);

/* Current local time as "YYYY-MM-DDTHH:MM:SS": the wall clock, for recording
 * timestamps only. No business rule may read what it gives (compute.h). */
void store_now(char out[20]);
/* The local time `seconds` from now, in the same form. */
void store_time_after(long seconds, char out[20]);

/* Return codes beyond 0 / -1 for operations that can be refused. */
enum {
	STORE_NOT_FOUND = -2,
	STORE_CONFLICT = -3, /* someone else changed it first, or a duplicate */
	STORE_INVALID = -4,  /* the facts would break a rule of SPEC 3.1 */
};

/* The write-ahead log's checkpoint (store_open.c). A server turns the
 * automatic one off on its request and audit connections, so no request
 * waits for one, and runs store_checkpoint from one background thread;
 * log_pages and copied (NULL: not wanted) say how far it got. */
void store_autocheckpoint(store *st, bool on);
int store_checkpoint(store *st, int *log_pages, int *copied, strbuf *err);

/* The newest batch (0 when none): the version of the registry. */
int store_version(store *st, int64_t *batch, strbuf *err);
/* The version of the registry as a text for a cache kept beside it (the
 * snapshot file, src/app/registry_load.c): the schema version and the
 * newest batch - its number, when, by whom, of what kind and from which
 * source it was recorded - so that another registry with as many batches
 * does not pass for this one. *batch receives the newest batch (0: none). */
int store_version_key(store *st, int64_t *batch, strbuf *key, strbuf *err);
/* The registry's file, as given to store_open (for PostgreSQL its URI). */
const char *store_file(const store *st);
/* Whether the registry is a file of its own (SQLite), beside which a cache
 * may be kept; false for a PostgreSQL database, which its servers share. */
bool store_is_file(const store *st);
/* Whether target (a --db) names a registry file rather than a PostgreSQL
 * database (a postgresql:// or postgres:// URI), which store_open creates
 * the schema of when it is empty. */
bool store_names_file(const char *target);
/* Which database a PostgreSQL registry is, for a cache kept outside it
 * (store_identity.c): "<system identifier of the cluster> <oid of the
 * database> <its name>"; nothing appended for a SQLite file. */
int store_database_identity(store *st, strbuf *out, strbuf *err);

/* ---- accounts (store_accounts.c) ------------------------------------------ */

typedef struct account {
	int64_t id;
	char *naam, *rol, *scope, *wachtwoord; /* wachtwoord: the Argon2id string */
	int64_t organisatie_id;
	char *organisatie, *organisatie_soort;
	bool actief;
	char aangemaakt[20], gewijzigd[20];
} account;

void account_free(account *a);
/* Find or create an organisation; its scope (the codes its users work for) is
 * set when it had none. */
int store_organisation_ensure(store *st, const char *naam, const char *soort, const char *scope, int64_t *id,
			      strbuf *err);
/* Create or update the account named naam; wachtwoord NULL keeps the current
 * one (an account that does not exist yet needs one). */
int store_account_upsert(store *st, const char *naam, const char *rol, const char *scope, int64_t organisatie_id,
			 const char *wachtwoord, bool actief, int64_t *id, bool *created, strbuf *err);
/* By name (id 0) or by id. Returns 1 found, 0 not found, -1 error. */
int store_account_get(store *st, const char *naam, int64_t id, account *out, strbuf *err);
int store_accounts_list(store *st, account **out, size_t *n, strbuf *err);

/* ---- accounts under four eyes (store_requests.c; rules: core/four_eyes.h) -- */

/* A request about an account: to create it (nieuw), widen it (wijziging)
 * or reset its password (herstel). */
typedef struct account_request {
	int64_t id, gebruiker_id;
	const char *soort;
	const char *rol, *scope; /* the proposal (nieuw, wijziging) */
	int64_t organisatie_id;
	int actief;		 /* the proposal: 0, 1; -1 none */
	bool vier_ogen;		 /* waits for a second beheerder */
	int64_t aangevraagd_door, beoordeeld_door;
	const char *aangevraagd_op, *verloopt, *beoordeeld_op, *code_gebruikt_op;
	const char *uitkomst;	 /* NULL while open: bevestigd, afgewezen, vervangen */
	const char *code1, *code2; /* SHA-256 (hex) of the code's halves */
	const char *gebruikersnaam, *aangevraagd_door_naam, *beoordeeld_door_naam; /* read only */
} account_request;

/* Record request rq, in one transaction, replacing any open request of the
 * same kind about the account. For nieuw the account is created (naam
 * new_name, without password, inactive): STORE_CONFLICT when the name is
 * taken. A request without four eyes is confirmed at once. *id and
 * *account_id receive the ids. */
int store_account_request(store *st, const account_request *rq, const char *new_name, int64_t *id,
			  int64_t *account_id, strbuf *err);
/* Requests (all, or only those still open for a second beheerder), newest
 * first; the strings are valid during the call. */
int store_account_requests(store *st, bool open_only, void (*row)(void *ctx, const account_request *rq), void *ctx,
			   strbuf *err);
/* Decide on an open request as beheerder by (confirm, or refuse), after
 * may() agrees inside the transaction; a confirmed widening is applied and
 * the account's sessions end. code2: the SHA-256 of the second half (for
 * nieuw and herstel). Returns 0, STORE_NOT_FOUND, STORE_CONFLICT (no longer
 * open), STORE_INVALID (may() said no, reason in err) or -1. */
int store_account_decide(store *st, int64_t id, int64_t by, bool confirm, const char *code2,
			 bool (*may)(void *ctx, const account_request *rq, strbuf *why), void *ctx, strbuf *err);
/* The user of account naam sets password_hash with a one-time code (the
 * SHA-256 of its halves; code2 NULL for a code of one half): the newest
 * open request of kind nieuw or herstel, confirmed, not expired, not used.
 * A nieuw account becomes active; the account's sessions end. Returns 0
 * (*account_id set), STORE_NOT_FOUND (no such code), STORE_INVALID (the code
 * is right but waits for a second beheerder) or -1. */
int store_account_redeem(store *st, const char *naam, const char *code1, const char *code2, const char *password_hash,
			 int64_t *account_id, strbuf *err);
/* Narrow (or keep) account id's terms at once, in one transaction, ending
 * its sessions; *revoked receives how many. */
int store_account_narrow(store *st, int64_t id, const char *rol, const char *scope, int64_t organisatie_id, bool actief,
			 size_t *revoked, strbuf *err);

typedef struct organisation {
	int64_t id;
	char *naam, *soort, *scope; /* scope may be NULL */
} organisation;
int store_organisations_list(store *st, organisation **out, size_t *n, strbuf *err);
/* The accounts of one organisation: ids and names (no hashes). */
int store_organisation_members(store *st, int64_t organisatie_id, void (*row)(void *ctx, int64_t id, const char *naam),
			       void *ctx, strbuf *err);
void organisations_free(organisation *o, size_t n);

typedef struct session_row {
	int64_t gebruiker_id;
	char csrf[72];
	char aangemaakt[20], verloopt[20], laatst_gebruikt[20];
	bool ingetrokken;
} session_row;

int store_session_create(store *st, const char *token_hash, int64_t user, const char *csrf, const char *verloopt,
			 const char *adres, strbuf *err);
/* Returns 1 found, 0 not found, -1 error. */
int store_session_get(store *st, const char *token_hash, session_row *out, strbuf *err);
int store_session_touch(store *st, const char *token_hash, strbuf *err);
int store_session_revoke(store *st, const char *token_hash, strbuf *err);
/* End every session of a user but `except` (a token hash, or NULL); *n
 * receives how many. */
int store_sessions_revoke_user(store *st, int64_t user, const char *except, size_t *n, strbuf *err);

/* ---- the audit log (store_audit.c) ----------------------------------------- */

typedef struct audit_entry {
	char tijdstip[20];
	int64_t gebruiker_id;
	const char *gebruikersnaam, *rol, *organisatie;
	const char *leerling_id; /* NULL for reads of lists */
	const char *actie, *endpoint, *doel;
	const char *details; /* JSON text, may be NULL */
} audit_entry;

/* Append entries in one transaction, each chained to the previous by hash. */
int store_audit_append(store *st, const audit_entry *e, size_t n, strbuf *err);

/* The audit entry of a change, written in the change's own transaction, so
 * that no change exists without its entry whatever crashes when. Armed on a
 * connection (store_audit_with) before the change, it is appended by the
 * change's COMMIT, stamped with the time of the commit, with the details that
 * details() writes (JSON text) from the change's results, which the change has
 * set by then (a batch, an event). When the entry cannot be written the
 * change is rolled back and fails. */
typedef struct change_audit {
	audit_entry e; /* tijdstip and details are filled at the commit */
	bool (*details)(void *ctx, strbuf *out); /* false: the change fails */
	void *ctx;
	bool written; /* set by the commit that wrote it */
} change_audit;

/* Arm st with a (NULL disarms): the next COMMIT of a change on st carries a's
 * entry; a rollback disarms. Disarm after the change either way. */
void store_audit_with(store *st, change_audit *a);

/* What `audit controleer` finds besides the chain: the changes recorded after
 * the registry began to write entries in the change's transaction (and after
 * the entries removed by retention) that have none. */
typedef struct audit_gap {
	const char *wat; /* "correctie" (a batch) or "gebeurtenis" (a case event) */
	int64_t id;
	const char *vastgelegd_op;
} audit_gap;
/* Calls gap() (when not NULL) for each change without an entry; *changes
 * receives how many changes were checked. */
int store_audit_gaps(store *st, void (*gap)(void *ctx, const audit_gap *g), void *ctx, size_t *changes,
		     strbuf *err);

typedef struct audit_row {
	int64_t id;
	audit_entry e;
	const char *hash;
} audit_row;

/* Newest first: entries of one pupil (or all when leerling is NULL) with id
 * below before_id (0 = no bound), at most limit. */
int store_audit_query(store *st, const char *pupil_id, int64_t before_id, int limit,
		      void (*row)(void *ctx, const audit_row *r), void *ctx, strbuf *err);
/* The same with more filters (NULL: any): the user's name, the action, and
 * the days (YYYY-MM-DD, both included) the entry was written. */
typedef struct audit_filter {
	const char *leerling_id, *gebruiker, *actie, *van, *tot;
} audit_filter;
int store_audit_search(store *st, const audit_filter *f, int64_t before_id, int limit,
		       void (*row)(void *ctx, const audit_row *r), void *ctx, strbuf *err);
/* Remove entries older than the retention period; *deleted receives how many. */
int store_audit_purge(store *st, size_t *deleted, strbuf *err);
int store_audit_set_retention(store *st, int days, strbuf *err);
/* Recompute the hash chain. *first_bad is 0 when intact, else the first entry
 * whose hash does not follow. */
int store_audit_verify(store *st, size_t *checked, int64_t *first_bad, strbuf *err);

/* ---- when enrolments were recorded (store_registrations.c) ------------------ */

/* An enrolment (ending false: its van) or its end (its tot) that lies in a
 * period, with the moment the registry first recorded it. */
typedef struct registration_row {
	const char *brin, *vestiging;
	const char *named;	 /* the van or tot, YYYY-MM-DD */
	const char *recorded_at; /* YYYY-MM-DDTHH:MM:SS, the first version that names it */
	bool ending;
} registration_row;

/* Every enrolment whose van, and every end whose tot, lies in [from, to]
 * ("YYYY-MM-DD"), in the registry as recorded up to batch upto_batch. Returns
 * 0, or -1 with err set. */
int store_registrations(store *st, const char *from, const char *to, int64_t upto_batch,
			void (*row)(void *ctx, const registration_row *r), void *ctx, strbuf *err);

/* ---- one pupil's facts and corrections (store_pupil.c) --------------------- */

typedef struct fact_version {
	table_id t;
	int64_t id; /* the row: what a correction refers to */
	int64_t batch_from, batch_until; /* until 0 while current */
	const char *recorded_at, *recorded_by, *ended_at, *ended_by;
	field f[TABLE_MAX_COLS];
} fact_version;

/* Every version of every fact of a pupil (history true), or the current ones,
 * table by table, oldest first. Returns 1 when the pupil exists (now or ever),
 * 0 when not, -1 on error. */
int store_pupil_facts(store *st, const char *pupil_id, bool history, void (*row)(void *ctx, const fact_version *v),
		      void *ctx, strbuf *err);

typedef struct fact_change {
	table_id t;
	int64_t replaces;     /* the row this changes; 0 adds a fact */
	const field *fields;  /* the new row (TABLES[t].ncols fields); NULL ends the row */
} fact_change;

/* Apply changes to one pupil's facts as one correction: validated together
 * with all the pupil's other facts by the fact builder, kept as history.
 * Returns 0 (and the batch, the ids of new rows, in order, and in warnings,
 * when not NULL, a line for each doubtful value of the new rows that was
 * accepted all the same, SPEC 3.1), STORE_NOT_FOUND
 * when a replaced row does not belong to the pupil, STORE_CONFLICT when it was
 * changed meanwhile or a BSN/onderwijsnummer is taken, STORE_INVALID with the
 * reasons in err (a change of a reference table among them: reference data
 * changes only by import), or -1. */
int store_pupil_change(store *st, const char *pupil_id, const fact_change *ch, size_t n, const char *actor,
		       const char *source, int64_t *batch, int64_t *new_ids, strbuf *warnings, strbuf *err);

/* ---- one child, one record (store_merge.c, issue 14) -------------------- */

/* Merge pupil gone into keep (both current and not merged already), in one
 * transaction with the armed audit entry (store_audit_with): gone's current
 * facts become new versions of keep's in one batch (*batch), keep's identity
 * gains what only gone had, gone's dossiers and procedures point to keep and
 * its stays are corrected to it, and gone stays resolvable (samenvoeging).
 * Returns 0, STORE_NOT_FOUND when either is unknown or merged already,
 * STORE_INVALID when keep's facts together break a rule (err says which),
 * or -1. */
int store_pupil_merge(store *st, const char *keep, const char *gone, const char *actor, const char *reden,
		      int64_t *batch, strbuf *err);
/* Where a merged id went, following later merges: 1 with the survivor in
 * out, 0 when id was never merged, -1 on error. */
int store_merged_into(store *st, const char *id, char *out, size_t cap, strbuf *err);

/* ---- case work (store_cases.c) ---------------------------------------------- */

/* A stream is a dossier or a vrijstelling procedure: an append-only list of
 * events. Their state is derived by the caller (src/core/cases.c). */
typedef struct stream_event {
	int64_t id, stream;
	const char *soort, *datum, *vastgelegd_op, *gebruikersnaam, *organisatie, *gegevens; /* gegevens: JSON */
	int64_t gebruiker_id;
} stream_event;

typedef struct stream_info {
	int64_t id;
	const char *soort, *leerling_id, *aangemaakt;
} stream_info;

/* The new event to append: what, when, by whom. */
typedef struct new_event {
	const char *soort, *datum, *gegevens;
	int64_t gebruiker_id;
	const char *gebruikersnaam, *organisatie;
} new_event;

/* Decides, inside the write transaction, whether ev may follow the stream's
 * events so far (all of them, in order): returns true, or false with a reason. */
typedef bool (*event_check)(void *ctx, const stream_event *so_far, size_t n, const new_event *ev, strbuf *why);

/* Facts of the stream's pupil changed in the same transaction as an event (an
 * offer is also an aanbod fact; a decision on a vrijstelling changes its row),
 * so the two never disagree. out receives the batch and new row ids. */
typedef struct fact_result {
	int64_t batch;
	int64_t ids[4];
} fact_result;

typedef struct fact_facts {
	const fact_change *ch;
	size_t n; /* at most 4 */
	const char *actor, *source;
	fact_result *out;
} fact_facts;

/* Start a stream with its first event. check (may be NULL) sees the events of
 * the pupil's latest stream of the kind (none for a first), inside the
 * transaction: so "one open dossier per pupil" holds under concurrency.
 * facts (may be NULL) are changed in the same transaction. *stream and *event
 * receive the new ids. Returns 0, STORE_INVALID (check said no, or the facts
 * break a rule), STORE_CONFLICT / STORE_NOT_FOUND (a replaced fact) or -1. */
int store_stream_open(store *st, const char *kind, const char *pupil_id, const new_event *first, event_check check,
		      void *ctx, const fact_facts *facts, int64_t *stream, int64_t *event, strbuf *err);
/* The same for n pupils in one transaction; those check refuses are skipped.
 * Each stream opened gets its audit entry in the transaction: who (by,
 * without leerling_id; the pupil is in the details) opened which stream, and
 * its event. *opened counts the streams started. Returns 0 or -1
 * (nothing opened). */
int store_streams_open(store *st, const char *kind, const char *const *pupil_ids, const new_event *firsts, size_t n,
		       event_check check, void *ctx, const audit_entry *by, size_t *opened, strbuf *err);
/* Append to a stream after check agrees, with facts (may be NULL) of its
 * pupil, in one transaction, so concurrent changes cannot both pass the check.
 * Returns 0, STORE_NOT_FOUND, STORE_INVALID, STORE_CONFLICT or -1. */
int store_stream_append(store *st, int64_t stream, const new_event *ev, event_check check, void *ctx,
			const fact_facts *facts, int64_t *event, strbuf *err);

/* Streams of a kind (all, or one pupil's when leerling is non-NULL), by id. */
int store_streams(store *st, const char *kind, const char *pupil_id, void (*row)(void *ctx, const stream_info *s),
		  void *ctx, strbuf *err);
/* Returns 1 found, 0 not; the strings are valid during the call only. */
int store_stream_get(store *st, int64_t id, void (*row)(void *ctx, const stream_info *s), void *ctx, strbuf *err);
/* Events of one stream (id > 0), or of every stream of a kind (id 0), in
 * stream and event order. */
int store_stream_events(store *st, const char *kind, int64_t id, void (*row)(void *ctx, const stream_event *e),
			void *ctx, strbuf *err);

/* The retention period of closed dossiers in days (default 1826, five years):
 * store_dossier_purge removes every dossier closed more than that many days
 * before `today` (the business day: the closing date is one), events and all
 * (SPEC 9); *removed receives how many dossiers went. */
int store_dossier_set_retention(store *st, int days, strbuf *err);
int store_dossier_purge(store *st, day_t today, size_t *removed, strbuf *err);

/* A fixed list for the thuiszitterstafel (SPEC 6). */
typedef struct tafel_info {
	int64_t id;
	const char *soort, *organisatie, *scope, *peildatum, *vastgesteld_op, *gebruikersnaam;
	int64_t registratie, rijen, gebruiker_id;
	const char *bron;	  /* "registratie" (computed) or "eigen" (the SWV's own list); NULL: registratie */
	const char *bestandsnaam; /* of an own list */
} tafel_info;

typedef struct tafel_row {
	const char *leerling_id, *categorie, *sector, *startdatum, *gemeentecode, *brin, *vestiging, *swv;
	int64_t duur_dagen; /* -1: none */
	int zonder_aanbod;
	/* Of an own list (NULL / 0 otherwise): its line in the file, how it
	 * matched (leerling_id "" when nobody), the row as given (JSON), what
	 * was wrong with it, and the latest decision on a suggestion
	 * ("bevestigd" / "afgewezen"; NULL: none yet). */
	int64_t regel;
	const char *koppeling, *gegeven, *melding, *bevestiging;
} tafel_row;

int store_tafel_create(store *st, const tafel_info *t, const tafel_row *rows, size_t n, int64_t *id, strbuf *err);
/* What the tafel decided on one child (SPEC 6). */
typedef struct tafel_besluit {
	int64_t id, tafel_id, vorige_id; /* vorige_id 0: no earlier decision checked */
	const char *leerling_id, *besluit, *volgende_stap, *door, *uiterlijk;
	int gedaan;			 /* of the earlier decision: 1, 0; -1 without one */
	const char *vastgelegd_op, *gebruikersnaam, *organisatie;
	const char *peildatum;		 /* of its tafel (read only) */
	int64_t checked_by;		 /* the later decision that checked this one, 0 none (read only) */
	int64_t gebruiker_id;
} tafel_besluit;

/* Record a decision; *id receives its id. STORE_CONFLICT when the earlier
 * decision was checked already. */
int store_tafel_decide(store *st, const tafel_besluit *b, int64_t *id, strbuf *err);
/* The decisions of the tafels of organisation `organisatie` (leerplicht's
 * lists), oldest tafel first. */
int store_tafel_decisions(store *st, const char *organisatie, void (*row)(void *ctx, const tafel_besluit *b), void *ctx,
			  strbuf *err);

/* The agenda of a tafel (issue 15): its children in order, set again as a
 * whole (a new version; the latest counts). store_tafel_agendas gives the
 * latest agenda of every tafel of organisation `organisatie`, by tafel and
 * order. (store_tafel_agenda.c) */
int store_tafel_agenda_set(store *st, int64_t tafel_id, const char *const *pupils, size_t n, int64_t gebruiker_id,
			   const char *gebruikersnaam, strbuf *err);
int store_tafel_agendas(store *st, const char *organisatie,
			void (*row)(void *ctx, int64_t tafel_id, const char *leerling_id), void *ctx, strbuf *err);

/* Confirm or reject the suggestion of row `regel` of own list `id`: appended,
 * never changed. Returns 0, or -1 with err. */
int store_tafel_confirm(store *st, int64_t id, int64_t regel, const char *besluit, int64_t gebruiker_id,
			const char *gebruikersnaam, strbuf *err);
/* All lists of a kind (NULL: both), latest peildatum first (then the last fixed). */
int store_tafels(store *st, const char *soort, void (*row)(void *ctx, const tafel_info *t), void *ctx, strbuf *err);
int store_tafel_get(store *st, int64_t id, void (*head)(void *ctx, const tafel_info *t),
		    void (*row)(void *ctx, const tafel_row *r), void *ctx, strbuf *err);

/* A stay in residential care or a foster family, with its regiehouder. */
typedef struct verblijf_row {
	int64_t id;
	const char *leerling_id, *soort, *instelling, *van, *tot, *vastgelegd_op, *gebruikersnaam;
	int64_t regie_organisatie_id, regie_gebruiker_id; /* 0: none */
	const char *regie_organisatie, *regie_gebruiker;
} verblijf_row;

/* Record a stay, or (replaces > 0) correct one: the old row stays as history.
 * Returns 0, STORE_NOT_FOUND, STORE_CONFLICT (already corrected) or -1. */
int store_verblijf_save(store *st, int64_t replaces, const verblijf_row *v, int64_t *id, strbuf *err);
/* Current stays (of one pupil, or all when leerling is NULL). */
int store_verblijven(store *st, const char *pupil_id, void (*row)(void *ctx, const verblijf_row *v), void *ctx,
		     strbuf *err);

/* ---- targets (store_targets.c) ------------------------------------------------ */

/* One version of a target (SPEC 8), its fields as text (target_fields.h). */
typedef struct doel_row {
	int64_t id;	  /* this version */
	int64_t doel_id;  /* the target: the id of its first version */
	const char *naam, *per, *gebieden, *telling, *regels, *kolom, *basis, *verandering, *aantal, *streefdatum;
	bool ingetrokken;
	int64_t registratie; /* the registry's version when this version was recorded */
	const char *vastgelegd_op, *gebruikersnaam;
	int64_t gebruiker_id;
	int64_t vervangen_door; /* 0 while current */
} doel_row;

/* Record a target (replaces 0: a new one) or a new version of the target
 * whose current version is `replaces` (its history stays); with v->ingetrokken
 * the new version withdraws it. The registry's version is recorded with it.
 * *id gets the new version's id, *doel_id the target's. Returns 0,
 * STORE_NOT_FOUND, STORE_CONFLICT (that version is no longer current) or -1. */
int store_doel_save(store *st, int64_t replaces, const doel_row *v, int64_t *id, int64_t *doel_id, strbuf *err);
/* The current versions of the targets not withdrawn (doel_id 0), or every
 * version of one target, oldest first (doel_id > 0). Returns 0 or -1. */
int store_doelen(store *st, int64_t doel_id, void (*row)(void *ctx, const doel_row *v), void *ctx, strbuf *err);

/* The id of the newest version of any target (0 when none): what a cached
 * list of targets depends on. */
int store_doelen_newest(store *st, int64_t *id, strbuf *err);

/* The registry as known at batch `batch` (store_version gives the newest):
 * a count repeated as it was known then. NULL with err on failure. */
dataset *store_load_version(store *st, unsigned flags, int64_t batch, int threads, strbuf *err);

/* Write the builder's errors as "kolom tot: reden" lines, for people. */
void fact_errors_plain(const builder *b, strbuf *out);

/* ---- reminders by e-mail (store_reminders.c, migration 12) ---------------- */

/* An account's choice about the daily digest; email "" when none was given. */
typedef struct reminder_setting {
	int64_t gebruiker_id;
	bool aan;
	char email[256];
} reminder_setting;

/* The account's setting: 1 found, 0 none (out: off, no address), -1 error. */
int store_reminder_get(store *st, int64_t gebruiker_id, reminder_setting *out, strbuf *err);
/* Set it (the address as given; the caller checked it). 0 or -1. */
int store_reminder_set(store *st, const reminder_setting *s, strbuf *err);
/* The active accounts that want the digest (aan, with an address) and did
 * not get the digest of server day `day` (YYYY-MM-DD) yet, in account order.
 * Returns how many in *n (0 or -1). Free *out with free(). */
int store_reminders_due(store *st, const char *day, reminder_setting **out, size_t *n, strbuf *err);
/* Claim the account's digest of server day `day` before sending it: 1 this
 * caller may send it, 0 another process (a second server on the registry, a
 * `herinneringen verstuur` at the same time) claimed it first, -1 error.
 * At most one digest a day: a crash after the claim sends none that day. */
int store_reminder_claim(store *st, int64_t gebruiker_id, const char *day, strbuf *err);
/* Give a claim back after a failed send, so the next round tries again. */
int store_reminder_release(store *st, int64_t gebruiker_id, const char *day, strbuf *err);
/* The latest server day before `day` whose digest went to the account, ""
 * when none. */
int store_reminder_last(store *st, int64_t gebruiker_id, const char *day, char out[11], strbuf *err);

/* ---- several servers, one registry (issue 16) ------------------------------ */

/* The login limiter's state of one key (src/http/ratelimit.c; migration
 * 14): the failures inside its window (seconds since 1970, oldest first),
 * the second a lock ends (0: none), and the tries let through whose check
 * is under way, the last of which began at pending_since. */
enum { LOGIN_LIMIT_FAILS = 20 };
typedef struct login_limit {
	int64_t fails[LOGIN_LIMIT_FAILS];
	int n;
	int64_t locked_until;
	int64_t pending, pending_since;
} login_limit;
/* Change the state of key (a SHA-256 in hex) in one write transaction, so
 * that every process on the registry counts alike: change() gets the state
 * as stored (zero for an unknown key) and changes it - every window and
 * count is worked out there, from the caller's clock (now: the second it
 * is stored as changed); a state left empty is removed. On PostgreSQL the
 * transaction locks the key alone, not the registry's write lock (an
 * import holds that for minutes). 0, or -1 with err (nothing changed). */
int store_login_limit(store *st, const char *key, void (*change)(void *ctx, login_limit *l), void *ctx,
		      int64_t now, strbuf *err);
/* Remove the state of every key last changed before second `before`, on
 * its own (a transaction holds no key but its own while it waits). */
int store_login_limit_prune(store *st, int64_t before, strbuf *err);

/* What another process changed in the registry (store_watch.c): on
 * PostgreSQL every write that adds a batch, records a dossier's event, or
 * ends sessions or changes an account tells the registry's other processes
 * (pg_notify in the write's own transaction, so only a committed change is
 * told); SQLite tells nobody. */
typedef enum store_change_kind {
	CHANGE_BATCH,	 /* batch `batch`, about the pupils ids (none: read everybody) */
	CHANGE_CASES,	 /* a dossier's events */
	CHANGE_SESSIONS, /* sessions ended, or an account changed: of account `user`, or the session token_hash */
	CHANGE_UNKNOWN,	 /* the watch was lost and is back: anything may have changed */
} store_change_kind;
enum { STORE_CHANGE_IDS = 2 };
typedef struct store_change {
	store_change_kind kind;
	int64_t batch;
	size_t n_ids;
	char ids[STORE_CHANGE_IDS][64];
	int64_t user;	     /* CHANGE_SESSIONS: the account, 0 when it is one session's (token_hash) */
	char token_hash[65]; /* or "" */
} store_change;
typedef struct store_watch store_watch;
/* A watch on the registry target names, with a connection of its own: 0
 * with *out set; 0 with *out NULL for an SQLite file (nothing is told); -1
 * with err. */
int store_watch_open(const char *target, store_watch **out, strbuf *err);
/* Wait up to timeout_ms for the next change another process made (this
 * process's own are not given): 1 with *ch set, 0 when none came. A lost
 * connection is opened again (at most once a second) and then given as
 * CHANGE_UNKNOWN; -1 with err while it cannot be. */
int store_watch_next(store_watch *w, int timeout_ms, store_change *ch, strbuf *err);
void store_watch_close(store_watch *w);
/* Tell the other processes that batch `batch` changed anybody (after an
 * import; every other write tells them itself): 0, or -1 with err. */
int store_tell_batch(store *st, int64_t batch, strbuf *err);
/* ---- moving house: a registry copied into another (store_copy.c, issue 16) - */

typedef struct copy_options {
	/* Progress, when non-NULL: now and then while table is copied (done of
	 * total rows, seconds since it began) and once when it is done (end). */
	void (*report)(void *ctx, const char *table, int64_t done, int64_t total, double seconds, bool end);
	void *ctx;
} copy_options;

typedef struct copy_stats {
	int schema;	/* the schema version of both */
	int tables;	/* tables copied */
	int64_t rows;	/* rows copied, all tables */
	double seconds; /* the copy's transaction, from its first row to its commit */
	bool keys_after; /* PostgreSQL: the foreign keys checked per table after the rows, not per row */
} copy_stats;

/* Copy the registry `from` (an SQLite file or a postgresql:// URI, which
 * must exist and hold a registry) with all its history, accounts, sessions,
 * case work and audit log into the empty registry `to` (either kind): every
 * row of every table with every column as it is - ids, rowids, hashes,
 * timestamps -, PostgreSQL's identities set past the copied ids, and the rows
 * of every table counted in both before it counts as done. The source is
 * migrated as any opening does and read in one read transaction; the target
 * is migrated to the same schema and written in one transaction, so a copy
 * that fails leaves it without data. Refused (with the table named) when
 * the target holds data, or when either schema has a table or column the
 * copy does not know. Returns 0, or -1 with err set. */
int store_copy(const char *from, const char *to, const copy_options *opt, copy_stats *stats, strbuf *err);
/* target (a registry file or a URI) as a message may show it: without its password. */
void store_target_name(const char *target, strbuf *out);
/* Whether the schema of st's database is exactly the one store_copy copies,
 * every table and column (0, or -1 with err naming what differs). */
int store_copy_check(store *st, strbuf *err);

#endif
