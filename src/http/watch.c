/*
 * watch.c - the thread that hears the other servers on the registry. See
 * watch.h.
 */
#include "watch.h"

#include <stdio.h>
#include <string.h>

enum { WAIT_MS = 200 }; /* how soon a stop is seen */

static void catch_up(server_watch *sw, const store_change *ch)
{
	switch (ch->kind) {
	case CHANGE_BATCH:
		if (ch->n_ids) {
			const char *ids[STORE_CHANGE_IDS];
			for (size_t i = 0; i < ch->n_ids; i++)
				ids[i] = ch->ids[i];
			snapshot_request_update(sw->snap, ids, ch->n_ids, ch->batch);
		} else {
			snapshot_request_reload(sw->snap); /* an import: everybody */
		}
		break;
	case CHANGE_CASES:
		cases_changed(sw->cases);
		break;
	case CHANGE_SESSIONS:
		if (ch->user)
			session_forget_user(sw->sessions, ch->user);
		else
			session_forget_token(sw->sessions, ch->token_hash);
		break;
	case CHANGE_UNKNOWN:
		session_forget_all(sw->sessions);
		cases_changed(sw->cases);
		snapshot_request_reload(sw->snap);
		break;
	}
}

static void *watcher(void *arg)
{
	server_watch *sw = arg;
	bool lost = false;
	strbuf err = STRBUF_INIT;
	while (!atomic_load(&sw->stopping)) {
		store_change ch;
		sb_reset(&err);
		int rc = store_watch_next(sw->w, WAIT_MS, &ch, &err);
		if (rc < 0 && !lost) /* said once, until it is back */
			fprintf(stderr, "inbeeld: %s; de wijzigingen van andere servers komen binnen zodra de verbinding "
					"terug is\n",
				sb_str(&err));
		if (rc > 0 && lost)
			fprintf(stderr, "inbeeld: de verbinding voor de wijzigingen van andere servers is terug; de "
					"registratie wordt volledig ingelezen\n");
		if (rc != 0)
			lost = rc < 0;
		if (rc > 0)
			catch_up(sw, &ch);
	}
	sb_free(&err);
	return NULL;
}

int server_watch_start(server_watch *sw, const char *target, snapshot_holder *snap, casework *cases,
		       session_store *sessions, strbuf *err)
{
	*sw = (server_watch){.snap = snap, .cases = cases, .sessions = sessions};
	atomic_init(&sw->stopping, false);
	if (store_watch_open(target, &sw->w, err) != 0)
		return -1;
	if (!sw->w)
		return 0; /* SQLite: nobody tells */
	sw->running = pthread_create(&sw->thread, NULL, watcher, sw) == 0;
	if (!sw->running) {
		sb_puts(err, "de taak die op wijzigingen van andere servers wacht kon niet worden gestart");
		store_watch_close(sw->w);
		sw->w = NULL;
		return -1;
	}
	return 0;
}

void server_watch_stop(server_watch *sw)
{
	atomic_store(&sw->stopping, true);
	if (sw->running)
		pthread_join(sw->thread, NULL);
	sw->running = false;
	store_watch_close(sw->w);
	sw->w = NULL;
}
