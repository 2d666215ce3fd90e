/*
 * store_watch.c - several servers on one registry (issue 16): telling the
 * registry's other processes of a change, and the watch that hears what
 * they tell.
 *
 * On PostgreSQL a write that other processes hold in memory - a batch of
 * facts (their snapshot), a dossier's event (their dossier states), ended
 * sessions or a changed account (their session cache) - sends a
 * notification on channel "inbeeld" inside its own transaction
 * (pg_notify), which PostgreSQL delivers when that transaction commits and
 * drops when it rolls back. The payload:
 *
 *   ORIGIN b BATCH [PUPIL [PUPIL]]   a batch, about these pupils (none: everybody)
 *   ORIGIN d                         a dossier's events
 *   ORIGIN s u ACCOUNT               an account's sessions, or the account
 *   ORIGIN s t TOKEN_HASH            one session
 *
 * ORIGIN names the sending process, so that its own watch passes over what
 * it already knows. A watch is a connection of its own that LISTENs. SQLite
 * sends nothing: a second process on the same file learns of a change
 * when it reads the registry again (see docs/deploy.md).
 */
#include "store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "../util/alloc.h"
#include "store_internal.h"

static const char CHANNEL[] = "inbeeld";

enum { RECONNECT_SECONDS = 1 };

/* This process's name on the channel: random, made once. */
static char origin[24];
static pthread_once_t origin_once = PTHREAD_ONCE_INIT;

static void make_origin(void)
{
	unsigned char r[8] = {0};
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) { /* no entropy: the pid and the clock */
		uint64_t v = (uint64_t)getpid() ^ ((uint64_t)time(NULL) << 20);
		memcpy(r, &v, sizeof r);
	}
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(origin + 2 * i, 3, "%02x", r[i]);
}

static const char *own_origin(void)
{
	pthread_once(&origin_once, make_origin);
	return origin;
}

/* A pupil id that fits a payload as one word. */
static bool plain_id(const char *id)
{
	size_t n = strlen(id);
	return n && n < sizeof ((store_change *)0)->ids[0] && !strpbrk(id, " \t\r\n");
}

int tell(store *st, const store_change *ch, strbuf *err)
{
	if (db_kind_of(st->db) != DB_POSTGRES)
		return 0;
	strbuf payload = STRBUF_INIT;
	sb_puts(&payload, own_origin());
	if (ch->kind == CHANGE_BATCH) {
		sb_printf(&payload, " b %lld", (long long)ch->batch);
		bool all = ch->n_ids <= STORE_CHANGE_IDS;
		for (size_t i = 0; all && i < ch->n_ids; i++)
			all = plain_id(ch->ids[i]);
		for (size_t i = 0; all && i < ch->n_ids; i++)
			sb_printf(&payload, " %s", ch->ids[i]);
	} else if (ch->kind == CHANGE_CASES) {
		sb_puts(&payload, " d");
	} else if (ch->user) {
		sb_printf(&payload, " s u %lld", (long long)ch->user);
	} else {
		sb_printf(&payload, " s t %s", ch->token_hash);
	}
	db_stmt *q;
	int rc = prepare(st, "SELECT pg_notify(?1, ?2)", &q, err);
	if (!rc) {
		if (bind_text(q, 1, CHANNEL) || bind_text(q, 2, sb_str(&payload)))
			rc = bind_fail(st, err);
		else if (db_step(q) != DB_ROW || db_step(q) != DB_DONE)
			rc = db_fail(st, err, "de andere processen op de registratie berichten mislukt");
		db_finalize(q);
	}
	sb_free(&payload);
	return rc;
}

int tell_cases(store *st, strbuf *err)
{
	store_change ch = {.kind = CHANGE_CASES};
	return tell(st, &ch, err);
}

int tell_batch(store *st, int64_t batch, const char *const *ids, size_t n, strbuf *err)
{
	store_change ch = {.kind = CHANGE_BATCH, .batch = batch, .n_ids = n};
	for (size_t i = 0; i < n && i < STORE_CHANGE_IDS; i++)
		snprintf(ch.ids[i], sizeof ch.ids[i], "%s", plain_id(ids[i]) ? ids[i] : "");
	if (n > STORE_CHANGE_IDS)
		ch.n_ids = STORE_CHANGE_IDS + 1; /* too many to say: everybody */
	return tell(st, &ch, err);
}

int tell_sessions(store *st, int64_t user, const char *token_hash, strbuf *err)
{
	store_change ch = {.kind = CHANGE_SESSIONS, .user = user};
	if (!user)
		snprintf(ch.token_hash, sizeof ch.token_hash, "%s", token_hash);
	return tell(st, &ch, err);
}

int store_tell_batch(store *st, int64_t batch, strbuf *err)
{
	return tell_batch(st, batch, NULL, 0, err);
}

/* ---- the watch ------------------------------------------------------------- */

struct store_watch {
	char *target;
	db *d;		   /* NULL while lost */
	time_t last_try;   /* the last attempt to open it again */
	strbuf payload;
};

static int watch_connect(store_watch *w, strbuf *err)
{
	w->last_try = time(NULL);
	if (db_open(w->target, 0, &w->d, err) != DB_OK)
		return -1;
	if (db_listen(w->d, CHANNEL) != DB_OK) {
		sb_printf(err, "registratie: luisteren naar wijzigingen mislukt: %s", db_errmsg(w->d));
		db_close(w->d);
		w->d = NULL;
		return -1;
	}
	return 0;
}

int store_watch_open(const char *target, store_watch **out, strbuf *err)
{
	*out = NULL;
	if (!db_is_postgres(target))
		return 0;
	own_origin(); /* made now, before the server's sandbox */
	store_watch *w = xcalloc(1, sizeof *w);
	w->target = xstrdup(target);
	if (watch_connect(w, err)) {
		store_watch_close(w);
		return -1;
	}
	*out = w;
	return 0;
}

void store_watch_close(store_watch *w)
{
	if (!w)
		return;
	db_close(w->d);
	free(w->target);
	sb_free(&w->payload);
	free(w);
}

/* Read payload p into ch: whether it is another process's change. */
static bool parse(const char *p, store_change *ch)
{
	*ch = (store_change){0};
	const char *own = own_origin();
	size_t n = strlen(own);
	if (!strncmp(p, own, n) && p[n] == ' ')
		return false;
	const char *sp = strchr(p, ' ');
	if (!sp || !sp[1] || (sp[2] && sp[2] != ' '))
		return false;
	switch (sp[1]) {
	case 'd':
		ch->kind = CHANGE_CASES;
		return true;
	case 's':
		ch->kind = CHANGE_SESSIONS;
		if (!strncmp(sp + 2, " u ", 3))
			ch->user = strtoll(sp + 5, NULL, 10);
		else if (!strncmp(sp + 2, " t ", 3))
			snprintf(ch->token_hash, sizeof ch->token_hash, "%s", sp + 5);
		return ch->user > 0 || ch->token_hash[0];
	case 'b':
		break;
	default:
		return false;
	}
	ch->kind = CHANGE_BATCH;
	char *after;
	ch->batch = strtoll(sp + 2, &after, 10);
	if (ch->batch <= 0)
		return false;
	const char *end = after;
	while (*end == ' ' && ch->n_ids < STORE_CHANGE_IDS) {
		const char *id = end + 1;
		size_t len = strcspn(id, " ");
		if (!len || len >= sizeof ch->ids[0])
			break;
		memcpy(ch->ids[ch->n_ids], id, len);
		ch->ids[ch->n_ids++][len] = '\0';
		end = id + len;
	}
	if (*end) /* more than it can hold: everybody */
		ch->n_ids = 0;
	return true;
}

int store_watch_next(store_watch *w, int timeout_ms, store_change *ch, strbuf *err)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (!w->d) {
			if (time(NULL) - w->last_try < RECONNECT_SECONDS) {
				usleep((useconds_t)(timeout_ms > 0 ? timeout_ms : 0) * 1000u);
				return 0;
			}
			if (watch_connect(w, err))
				return -1;
			/* What was told while it was lost is gone: anything may have changed. */
			*ch = (store_change){.kind = CHANGE_UNKNOWN};
			return 1;
		}
		struct timespec t1;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		long spent = (t1.tv_sec - t0.tv_sec) * 1000L + (t1.tv_nsec - t0.tv_nsec) / 1000000L;
		int left = spent >= timeout_ms ? 0 : timeout_ms - (int)spent;
		int rc = db_notification(w->d, left, &w->payload);
		if (rc == DB_ROW) {
			if (parse(sb_str(&w->payload), ch))
				return 1;
			continue; /* our own, or not ours to read */
		}
		if (rc == DB_DONE)
			return 0;
		sb_printf(err, "registratie: de wacht op wijzigingen is verbroken: %s", db_errmsg(w->d));
		db_close(w->d);
		w->d = NULL;
		return -1;
	}
}
