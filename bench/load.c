/*
 * load.c - the live load test of `make bench` (scripts/bench_live.sh,
 * docs/bench.md): one process, libcurl's multi interface, against a running
 * `inbeeld serve`.
 *
 * For --seconds it keeps --connections readers busy with a mix of status lists
 * and counts (every account of --accounts in turn), while --writes writes a
 * second arrive on a fixed schedule (not waiting for the answers): verzuim
 * facts posted by a school account (POST /api/leerlingen/ID/verzuim, a pupil
 * of --targets who goes to school becomes DREIGEND) and case events (POST
 * /api/dossiers/ID/aanbod with a place today, so an AV or LRV pupil is no
 * longer zonder passend aanbod). After a write returns 201 (its commit) the
 * list that must show it is polled until it does: the school's own status
 * list, or the leerplicht's status list of the pupil's gemeente. The delay is
 * measured with the monotonic clock from the POST's answer to the first poll
 * answer showing the change; one poll at a time per list serves every write
 * waiting on it, every 1/10 of the delay so far (2 to 250 ms apart), for at
 * most --poll-cap seconds.
 *
 * Output: key=value lines (reads/s, latencies in ms, CPU seconds and peak
 * memory of --pid, errors). --peer: the same read paths without accounts or
 * writes (a bare libmicrohttpd answering every path). --wait-ready: poll
 * GET /gezondheid until it answers 200 and print the seconds that took.
 *
 * usage: load --url URL --vandaag D [--seconds 60] [--connections 64]
 *             [--writes 20] [--case-share 0.25] [--poll-cap 30] [--pid PID]
 *             [--accounts FILE] [--targets FILE] [--password PW] [--peer]
 *        load --url URL --wait-ready [--poll-cap SECONDS]
 * accounts file: one "ROLE NAME" a line; ROLE lezer (a leerplicht:
 *   status and telling per gemeente), school (status; its --targets get the
 *   verzuim), beheerder (telling per gemeente and per swv), dossiers (a
 *   leerplicht whose open dossiers get the case events).
 * targets file: one "SCHOOL-ACCOUNT LEERLING_ID BRIN VESTIGING" a line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "load.h"

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- samples and percentiles ------------------------------------------- */

typedef struct samples {
	double *v;
	size_t n, cap;
} samples;

static void add(samples *s, double x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = x;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The nearest-rank percentile p (0-100) in ms; -1 without samples. */
static double pct(samples *s, double p)
{
	if (!s->n)
		return -1;
	qsort(s->v, s->n, sizeof *s->v, cmp_double);
	size_t k = (size_t)(p / 100.0 * (double)s->n + 0.999999);
	return s->v[(k ? k : 1) - 1] * 1000.0;
}

static size_t on_count(char *data, size_t size, size_t n, void *ctx)
{
	(void)data;
	*(size_t *)ctx += size * n;
	return size * n;
}

/* ---- the run ------------------------------------------------------------ */

typedef enum { X_READ, X_WRITE, X_POLL } xfer_kind;
typedef struct xfer {
	xfer_kind kind;
	CURL *e;
	int reader, mix, chan;
	target *t;
	double t0;
	size_t bytes;
	buf body;
	struct curl_slist *hdrs;
} xfer;

static CURLM *multi;
static samples read_lat, count_lat, status_lat, write_lat, vis[2];
static size_t read_bytes, reads, read_errors, write_errors, poll_errors, timeouts, not_visible, polls, writes_ok;

static void start(xfer *x)
{
	curl_easy_setopt(x->e, CURLOPT_PRIVATE, x);
	x->t0 = now_s();
	if (curl_multi_add_handle(multi, x->e) != CURLM_OK)
		die("curl_multi_add_handle");
}

static void start_read(xfer *x)
{
	const mix_item *m = &mix[x->mix];
	x->e = easy(m->path, peer ? NULL : &accounts[m->account]);
	x->bytes = 0;
	curl_easy_setopt(x->e, CURLOPT_WRITEFUNCTION, on_count);
	curl_easy_setopt(x->e, CURLOPT_WRITEDATA, &x->bytes);
	start(x);
}

static void start_write(target *t)
{
	xfer *x = xrealloc(NULL, sizeof *x);
	*x = (xfer){.kind = X_WRITE, .t = t};
	const account *a = &accounts[t->account];
	x->e = easy(t->post_path, a);
	char h[160];
	snprintf(h, sizeof h, "X-CSRF-Token: %s", a->csrf);
	x->hdrs = curl_slist_append(curl_slist_append(NULL, "Content-Type: application/json"), h);
	curl_easy_setopt(x->e, CURLOPT_HTTPHEADER, x->hdrs);
	curl_easy_setopt(x->e, CURLOPT_POSTFIELDS, t->body);
	curl_easy_setopt(x->e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(x->e, CURLOPT_WRITEDATA, &x->body);
	t->sent = now_s();
	start(x);
}

static void start_poll(int c)
{
	xfer *x = xrealloc(NULL, sizeof *x);
	*x = (xfer){.kind = X_POLL, .chan = c};
	x->e = easy(channels[c].path, &accounts[channels[c].account]);
	curl_easy_setopt(x->e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(x->e, CURLOPT_WRITEDATA, &x->body);
	channels[c].in_flight = true;
	polls++;
	start(x);
}

/* The next poll of a waiting write: a tenth of its delay so far, 2-250 ms. */
static double next_poll(const target *t, double now)
{
	double gap = (now - t->committed) / 10;
	return now + (gap < 0.002 ? 0.002 : gap > 0.25 ? 0.25 : gap);
}

static void finish_poll(xfer *x, bool ok, double now)
{
	channel *c = &channels[x->chan];
	c->in_flight = false;
	json_t *list = ok ? json_loadb(x->body.p ? x->body.p : "", x->body.n, 0, NULL) : NULL;
	if (ok && !json_is_array(list))
		poll_errors++;
	c->next_at = 1e300;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < used[k]; i++) {
			target *t = &targets[k][i];
			if (!t->waiting || t->chan != x->chan)
				continue;
			if (list && shows(t, list)) {
				add(&vis[k], now - t->committed);
				t->waiting = false, t->done = true, c->waiting--;
			} else if (now - t->committed > poll_cap) {
				not_visible++;
				t->waiting = false, c->waiting--;
			} else {
				t->next_poll = next_poll(t, now);
				if (t->next_poll < c->next_at)
					c->next_at = t->next_poll;
			}
		}
	json_decref(list);
}

static void finish(xfer *x, CURLcode rc, bool running)
{
	double now = now_s();
	long code = 0;
	if (rc == CURLE_OK)
		curl_easy_getinfo(x->e, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OPERATION_TIMEDOUT)
		timeouts++;
	curl_multi_remove_handle(multi, x->e);
	curl_easy_cleanup(x->e);
	x->e = NULL;
	bool ok = rc == CURLE_OK && code >= 200 && code < 300;
	if (x->kind == X_READ) {
		if (running) {
			reads++;
			read_bytes += x->bytes;
			add(&read_lat, now - x->t0);
			add(mix[x->mix].count ? &count_lat : &status_lat, now - x->t0);
			read_errors += !ok;
		}
		if (running) {
			x->mix = (x->mix + 1) % n_mix;
			start_read(x);
		} else {
			free(x);
		}
		return;
	}
	if (x->kind == X_WRITE) {
		target *t = x->t;
		add(&write_lat, now - t->sent);
		if (ok && code == 201) {
			writes_ok++;
			t->committed = now, t->waiting = true, t->next_poll = now;
			channels[t->chan].waiting++;
			if (now < channels[t->chan].next_at)
				channels[t->chan].next_at = now;
		} else {
			write_errors++;
			fprintf(stderr, "load: %s: %ld %.200s\n", t->post_path, code, x->body.p ? x->body.p : curl_easy_strerror(rc));
		}
	} else {
		poll_errors += !ok;
		finish_poll(x, ok, now);
	}
	curl_slist_free_all(x->hdrs);
	free(x->body.p);
	free(x);
}

static int wait_ready(void)
{
	double t0 = now_s();
	while (now_s() - t0 < poll_cap) {
		buf b = {0};
		long code = fetch("/gezondheid", NULL, NULL, &b);
		free(b.p);
		if (code == 200) {
			printf("ready_s=%.3f\n", now_s() - t0);
			return 0;
		}
		usleep(5000);
	}
	die("de server antwoordt niet");
	return 1;
}

static void usage(void)
{
	fprintf(stderr, "gebruik: load --url URL --vandaag JJJJ-MM-DD [--seconds N] [--connections N] [--writes N]\n"
			"            [--case-share F] [--poll-cap N] [--pid PID] [--accounts FILE] [--targets FILE]\n"
			"            [--password PW] [--peer] | --url URL --wait-ready\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *acc_file = NULL, *tgt_file = NULL;
	bool ready = false;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(o, "--peer"))
			peer = true;
		else if (!strcmp(o, "--wait-ready"))
			ready = true;
		else if (!v)
			usage();
		else if (i++, !strcmp(o, "--url"))
			base_url = v;
		else if (!strcmp(o, "--vandaag"))
			vandaag = v;
		else if (!strcmp(o, "--seconds"))
			seconds = atof(v);
		else if (!strcmp(o, "--connections"))
			connections = atoi(v);
		else if (!strcmp(o, "--writes"))
			writes_per_s = atof(v);
		else if (!strcmp(o, "--case-share"))
			case_share = atof(v);
		else if (!strcmp(o, "--poll-cap"))
			poll_cap = atof(v);
		else if (!strcmp(o, "--pid"))
			server_pid = atol(v);
		else if (!strcmp(o, "--accounts"))
			acc_file = v;
		else if (!strcmp(o, "--targets"))
			tgt_file = v;
		else if (!strcmp(o, "--password"))
			password = v;
		else
			usage();
	}
	if (!base_url || curl_global_init(CURL_GLOBAL_DEFAULT))
		usage();
	if (ready)
		return wait_ready();
	if (!vandaag || !acc_file || connections < 1 || seconds <= 0)
		usage();
	read_accounts(acc_file);
	if (!peer) {
		for (int i = 0; i < n_accounts; i++)
			login(&accounts[i]);
		if (tgt_file)
			read_targets(tgt_file);
		for (int i = 0; i < n_accounts; i++)
			if (accounts[i].role == A_DOSSIERS)
				find_dossiers(i);
	} else {
		writes_per_s = 0;
	}
	size_t wanted = (size_t)(seconds * writes_per_s + 0.5);
	size_t want_case = (size_t)((double)wanted * case_share + 0.5);
	printf("targets_verzuim=%zu\ntargets_aanbod=%zu\nwrites_planned=%zu\n", n_targets[W_VERZUIM],
	       n_targets[W_AANBOD], wanted);
	if (wanted && (n_targets[W_VERZUIM] < wanted - want_case || n_targets[W_AANBOD] < want_case))
		fprintf(stderr, "load: te weinig doelen voor %zu schrijfacties (%zu verzuim, %zu aanbod): minder schrijfacties\n",
			wanted, n_targets[W_VERZUIM], n_targets[W_AANBOD]);
	fflush(stdout);

	multi = curl_multi_init();
	if (!multi)
		die("curl_multi_init");
	curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)connections + 64);
	for (int i = 0; i < n_channels; i++)
		channels[i].next_at = 1e300;
	double cpu0 = server_pid ? proc_cpu() : -1, t0 = now_s(), cpu1 = -1, t_end = t0 + seconds;
	for (int i = 0; i < connections; i++) {
		xfer *x = xrealloc(NULL, sizeof *x);
		*x = (xfer){.kind = X_READ, .reader = i, .mix = (i * 7) % n_mix};
		start_read(x);
	}
	size_t issued = 0;
	bool running = true;
	for (;;) {
		double now = now_s();
		if (running && now >= t_end) {
			running = false;
			cpu1 = server_pid ? proc_cpu() : -1;
		}
		/* writes due by the schedule, spread: every 1/case_share-th a case event */
		while (running && issued < wanted && t0 + (double)issued / writes_per_s <= now) {
			bool case_event = (size_t)((double)(issued + 1) * case_share) > (size_t)((double)issued * case_share);
			write_kind k = case_event ? W_AANBOD : W_VERZUIM;
			if (used[k] >= n_targets[k])
				k = (write_kind)!k;
			if (used[k] < n_targets[k])
				start_write(&targets[k][used[k]++]);
			issued++;
		}
		double wake = running ? t_end : now + 0.05;
		if (running && issued < wanted && t0 + (double)issued / writes_per_s < wake)
			wake = t0 + (double)issued / writes_per_s;
		for (int c = 0; c < n_channels; c++) {
			channel *ch = &channels[c];
			if (!ch->waiting || ch->in_flight)
				continue;
			if (ch->next_at <= now)
				start_poll(c);
			else if (ch->next_at < wake)
				wake = ch->next_at;
		}
		int still = 0;
		curl_multi_perform(multi, &still);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(multi, &left)))
			if (msg->msg == CURLMSG_DONE) {
				xfer *x;
				curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
				finish(x, msg->data.result, running);
			}
		if (!running && !still) { /* done when no write waits, also one answered just now */
			int pending = 0;
			for (int c = 0; c < n_channels; c++)
				pending += channels[c].waiting;
			if (!pending)
				break;
		}
		int ms = (int)((wake - now_s()) * 1000);
		curl_multi_poll(multi, NULL, 0, ms < 0 ? 0 : ms > 50 ? 50 : ms, NULL);
	}
	double elapsed = seconds;
	printf("seconds=%.1f\nconnections=%d\n", elapsed, connections);
	printf("reads=%zu\nreads_per_s=%.0f\nread_p50_ms=%.1f\nread_p99_ms=%.1f\n", reads, (double)reads / elapsed,
	       pct(&read_lat, 50), pct(&read_lat, 99));
	printf("status_p50_ms=%.1f\nstatus_p99_ms=%.1f\ncount_p50_ms=%.1f\ncount_p99_ms=%.1f\n", pct(&status_lat, 50),
	       pct(&status_lat, 99), pct(&count_lat, 50), pct(&count_lat, 99));
	printf("read_bytes_mean=%.0f\nread_errors=%zu\n", reads ? (double)read_bytes / (double)reads : 0, read_errors);
	if (!peer) {
		samples all = {0};
		for (int k = 0; k < 2; k++)
			for (size_t i = 0; i < vis[k].n; i++)
				add(&all, vis[k].v[i]);
		printf("writes=%zu\nwrites_per_s=%.1f\nwrites_sent_verzuim=%zu\nwrites_sent_aanbod=%zu\nwrite_errors=%zu\n", writes_ok,
		       (double)writes_ok / elapsed, used[W_VERZUIM], used[W_AANBOD], write_errors);
		printf("write_p50_ms=%.1f\nwrite_p99_ms=%.1f\n", pct(&write_lat, 50), pct(&write_lat, 99));
		printf("visible=%zu\nvisible_p50_ms=%.1f\nvisible_p99_ms=%.1f\nvisible_max_ms=%.1f\n", all.n, pct(&all, 50),
		       pct(&all, 99), pct(&all, 100));
		printf("visible_verzuim_p50_ms=%.1f\nvisible_verzuim_p99_ms=%.1f\n", pct(&vis[W_VERZUIM], 50),
		       pct(&vis[W_VERZUIM], 99));
		printf("visible_aanbod_p50_ms=%.1f\nvisible_aanbod_p99_ms=%.1f\n", pct(&vis[W_AANBOD], 50),
		       pct(&vis[W_AANBOD], 99));
		printf("not_visible_within_cap=%zu\npoll_cap_s=%.0f\npolls=%zu\npoll_errors=%zu\n", not_visible, poll_cap,
		       polls, poll_errors);
		free(all.v);
	}
	if (server_pid) {
		printf("cpu_s=%.2f\n", cpu0 >= 0 && cpu1 >= 0 ? cpu1 - cpu0 : -1);
		printf("peak_rss_mib=%.0f\nrss_end_mib=%.0f\n", proc_kib("VmHWM:") / 1024, proc_kib("VmRSS:") / 1024);
	}
	printf("timeouts=%zu\nerrors=%zu\n", timeouts, read_errors + write_errors + poll_errors);
	curl_multi_cleanup(multi);
	curl_global_cleanup();
	return 0;
}
