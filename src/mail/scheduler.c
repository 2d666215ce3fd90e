/*
 * scheduler.c - the reminders in the server (see mail.h): a thread that
 * wakes every WAKE_SECONDS and, once the clock's hour reaches the
 * configured one (digest_send_now), sends the digests of the server's day
 * (today(): serve --vandaag fixes it) to those who did not get them yet -
 * and so again every DIGEST_RETRY_MINUTES that day: a digest that failed
 * goes then, as does that of someone who asked for one after the hour.
 * What went out is recorded, so neither a next round nor a restart sends
 * one twice.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "../app/compute.h"
#include "../util/alloc.h"
#include "mail.h"

enum { WAKE_SECONDS = 30 };

struct mail_scheduler {
	const mail_config *cfg;
	snapshot_holder *snap;
	casework *cases;
	store_pool *pool;
	int threads;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool ready, stopping;
};

/* One round for day d; the first after start-up says so when nobody was due. */
static void round_of(mail_scheduler *s, day_t d, bool say_none)
{
	snapshot *sn = snapshot_acquire(s->snap);
	dossier_set *set = dossiers_acquire(s->cases, sn);
	if (!set) {
		fprintf(stderr, "inbeeld: herinneringen: de dossiers zijn niet leesbaar (volgende ronde opnieuw)\n");
	} else {
		store *st = pool_get(s->pool);
		reminder_result r;
		if (reminders_send_day(s->cfg, st, sn->ds, &sn->index, s->threads, set->items, set->n, d, stderr, &r) == 0 &&
		    !r.due && say_none) {
			char day[DATE_TEXT];
			date_format(d, day);
			fprintf(stderr, "inbeeld: herinneringen van %s: niemand (meer) aan de beurt\n", day);
		}
		pool_put(s->pool, st);
		dossiers_release(set);
	}
	snapshot_release(sn);
}

static void *run(void *arg)
{
	mail_scheduler *s = arg;
	day_t tried_day = DAY_NONE;
	time_t tried_at = 0;
	bool first = true;
	pthread_mutex_lock(&s->lock);
	while (!s->stopping) {
		bool ready = s->ready;
		pthread_mutex_unlock(&s->lock);
		time_t now = time(NULL);
		struct tm tm;
		day_t d = today();
		if (ready && localtime_r(&now, &tm)) {
			long minutes = tried_day == d ? (long)(now - tried_at) / 60 : -1;
			if (digest_send_now(tm.tm_hour, s->cfg->hour, minutes)) {
				tried_day = d;
				tried_at = now;
				round_of(s, d, first);
				first = false;
			}
		}
		pthread_mutex_lock(&s->lock);
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += WAKE_SECONDS;
		int w = 0;
		while (!s->stopping && w != ETIMEDOUT && !(s->ready && !ready))
			w = pthread_cond_timedwait(&s->cond, &s->lock, &until);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

mail_scheduler *mail_scheduler_start(const mail_config *cfg, snapshot_holder *snap, casework *cases,
				     store_pool *pool, int threads, strbuf *err)
{
	mail_scheduler *s = xcalloc(1, sizeof *s);
	*s = (mail_scheduler){.cfg = cfg, .snap = snap, .cases = cases, .pool = pool, .threads = threads};
	pthread_condattr_t ca;
	bool ok = pthread_condattr_init(&ca) == 0;
	ok = ok && pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0 && pthread_cond_init(&s->cond, &ca) == 0;
	if (ok && pthread_mutex_init(&s->lock, NULL) != 0) {
		pthread_cond_destroy(&s->cond);
		ok = false;
	}
	pthread_condattr_destroy(&ca);
	if (ok && pthread_create(&s->thread, NULL, run, s) != 0) {
		pthread_cond_destroy(&s->cond);
		pthread_mutex_destroy(&s->lock);
		ok = false;
	}
	if (!ok) {
		sb_puts(err, "de herinneringstaak kon niet worden gestart");
		free(s);
		return NULL;
	}
	return s;
}

void mail_scheduler_ready(mail_scheduler *s)
{
	pthread_mutex_lock(&s->lock);
	s->ready = true;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

void mail_scheduler_stop(mail_scheduler *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stopping = true;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
	free(s);
}
