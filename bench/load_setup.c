/*
 * load_setup.c - the live load generator's setup (see load.c): options,
 * logging in, the read mix from the accounts file, the writes from the
 * targets file and the dossiers of a leerplicht account, and the figures of
 * the server process from /proc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "load.h"

void die(const char *msg)
{
	fprintf(stderr, "load: %s\n", msg);
	exit(1);
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die("geen geheugen");
	return q;
}

/* ---- growable text ------------------------------------------------------ */


size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	buf *b = ctx;
	size_t len = size * n;
	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
	b->p[b->n] = '\0';
	return len;
}

/* ---- options and accounts ---------------------------------------------- */

const char *base_url, *vandaag, *password = "bench-wachtwoord-lang";
double seconds = 60, writes_per_s = 20, case_share = 0.25, poll_cap = 30;
int connections = 64;
long server_pid;
bool peer;

account accounts[MAX_ACCOUNTS];
int n_accounts;

mix_item mix[MAX_MIX];
int n_mix;

/* A read of the mix: PATH?peildatum=vandaag, then QUERY. */
static void add_mix(int a, bool count, const char *path, const char *query)
{
	if (n_mix == MAX_MIX)
		die("te veel verzoeken in de mix");
	mix_item *m = &mix[n_mix++];
	snprintf(m->path, sizeof m->path, "%s?peildatum=%s%s", path, vandaag, query);
	m->account = a;
	m->count = count;
}

void read_accounts(const char *file)
{
	FILE *f = fopen(file, "r");
	if (!f)
		die("accountbestand niet leesbaar");
	char role[32], name[64];
	while (fscanf(f, "%31s %63s", role, name) == 2) {
		if (n_accounts == MAX_ACCOUNTS)
			die("te veel accounts");
		account *a = &accounts[n_accounts];
		if (!strcmp(role, "lezer"))
			a->role = A_LEZER;
		else if (!strcmp(role, "school"))
			a->role = A_SCHOOL;
		else if (!strcmp(role, "beheerder"))
			a->role = A_BEHEERDER;
		else if (!strcmp(role, "dossiers"))
			a->role = A_DOSSIERS;
		else
			die("onbekende rol in het accountbestand");
		snprintf(a->name, sizeof a->name, "%s", name);
		int i = n_accounts++;
		if (a->role == A_LEZER) {
			add_mix(i, false, "/api/status", "");
			add_mix(i, true, "/api/telling", "&per=gemeente");
		} else if (a->role == A_SCHOOL) {
			add_mix(i, false, "/api/status", "");
		} else if (a->role == A_BEHEERDER) {
			add_mix(i, true, "/api/telling", "&per=gemeente");
			add_mix(i, true, "/api/telling", "&per=swv");
		}
	}
	fclose(f);
	if (!n_mix)
		die("geen leesverzoeken: geef lezer-, school- of beheerderaccounts");
}

static int account_named(const char *name)
{
	for (int i = 0; i < n_accounts; i++)
		if (!strcmp(accounts[i].name, name))
			return i;
	return -1;
}

CURL *easy(const char *path, const account *a)
{
	CURL *e = curl_easy_init();
	if (!e)
		die("curl_easy_init");
	char url[512];
	snprintf(url, sizeof url, "%s%s", base_url, path);
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 30000L);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	if (a && a->cookie[0])
		curl_easy_setopt(e, CURLOPT_COOKIE, a->cookie);
	return e;
}

/* Blocking GET or POST (setup only); the body in *out, the status returned. */
long fetch(const char *path, account *a, const char *post, buf *out)
{
	CURL *e = easy(path, a);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 300000L); /* setup: a national dossier list, logins on a busy machine */
	struct curl_slist *h = NULL;
	if (post) {
		h = curl_slist_append(h, "Content-Type: application/json");
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, post);
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
	}
	out->n = 0;
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(e, CURLOPT_COOKIEFILE, ""); /* keep Set-Cookie */
	long code = 0;
	if (curl_easy_perform(e) == CURLE_OK)
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
	if (post && code == 200 && a) {
		struct curl_slist *cookies = NULL;
		curl_easy_getinfo(e, CURLINFO_COOKIELIST, &cookies);
		for (struct curl_slist *c = cookies; c; c = c->next) {
			const char *v = strstr(c->data, "inbeeld_sessie\t");
			if (v)
				snprintf(a->cookie, sizeof a->cookie, "inbeeld_sessie=%s", v + 15);
		}
		curl_slist_free_all(cookies);
	}
	curl_slist_free_all(h);
	curl_easy_cleanup(e);
	return code;
}

void login(account *a)
{
	char body[256];
	snprintf(body, sizeof body, "{\"gebruikersnaam\":\"%s\",\"wachtwoord\":\"%s\"}", a->name, password);
	buf b = {0};
	if (fetch("/api/sessie", a, body, &b) != 200 || !a->cookie[0]) {
		fprintf(stderr, "load: inloggen als %s mislukt: %s\n", a->name, b.p ? b.p : "");
		exit(1);
	}
	json_t *j = json_loadb(b.p, b.n, 0, NULL);
	const char *t = json_string_value(json_object_get(j, "csrf_token"));
	if (!t)
		die("geen csrf_token bij het inloggen");
	snprintf(a->csrf, sizeof a->csrf, "%s", t);
	json_decref(j);
	free(b.p);
}

/* ---- writes and where they must show ------------------------------------ */

channel channels[MAX_CHANNELS];
int n_channels;

static int channel_of(int acc, const char *path)
{
	for (int i = 0; i < n_channels; i++)
		if (channels[i].account == acc && !strcmp(channels[i].path, path))
			return i;
	if (n_channels == MAX_CHANNELS)
		die("te veel lijsten om te volgen");
	channel *c = &channels[n_channels];
	snprintf(c->path, sizeof c->path, "%s", path);
	c->account = acc;
	return n_channels++;
}

target *targets[2];
size_t n_targets[2], used[2];

static target *new_target(write_kind k)
{
	if (n_targets[k] % 256 == 0)
		targets[k] = xrealloc(targets[k], (n_targets[k] + 256) * sizeof *targets[k]);
	target *t = &targets[k][n_targets[k]++];
	memset(t, 0, sizeof *t);
	t->kind = k;
	return t;
}

/* The day n days before an ISO date. */
static void days_before(const char *iso, int n, char out[11])
{
	struct tm tm = {0};
	if (sscanf(iso, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		die("--vandaag is JJJJ-MM-DD");
	tm.tm_year -= 1900, tm.tm_mon -= 1, tm.tm_mday -= n, tm.tm_hour = 12;
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void read_targets(const char *file)
{
	FILE *f = fopen(file, "r");
	if (!f)
		die("doelbestand niet leesbaar");
	char acc[64], id[72], brin[8], ves[8], van[11];
	days_before(vandaag, 2, van);
	while (fscanf(f, "%63s %71s %7s %7s", acc, id, brin, ves) == 4) {
		int a = account_named(acc);
		if (a < 0 || accounts[a].role != A_SCHOOL)
			die("doel bij een onbekend schoolaccount");
		target *t = new_target(W_VERZUIM);
		t->account = a;
		snprintf(t->pupil, sizeof t->pupil, "%s", id);
		snprintf(t->post_path, sizeof t->post_path, "/api/leerlingen/%s/verzuim", id);
		snprintf(t->body, sizeof t->body,
			 "{\"brin\":\"%s\",\"vestiging\":\"%s\",\"soort\":\"ongeoorloofd\",\"van\":\"%s\"}", brin, ves, van);
		char path[256];
		snprintf(path, sizeof path, "/api/status?peildatum=%s&categorie=DREIGEND", vandaag);
		t->chan = channel_of(a, path);
	}
	fclose(f);
}

/* The case events: the open dossiers of a leerplicht account whose pupil is
 * AV or LRV zonder passend aanbod today. */
void find_dossiers(int a)
{
	char path[256];
	snprintf(path, sizeof path, "/api/status?peildatum=%s&categorie=AV,LRV", vandaag);
	buf b = {0};
	if (fetch(path, &accounts[a], NULL, &b) != 200)
		die("status van het dossieraccount niet leesbaar");
	json_t *list = json_loadb(b.p, b.n, 0, NULL);
	if (fetch("/api/dossiers", &accounts[a], NULL, &b) != 200)
		die("dossiers niet leesbaar");
	json_t *dossiers = json_loadb(b.p, b.n, 0, NULL);
	free(b.p);
	json_t *want = json_object(); /* leerling_id -> status row */
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row)
		if (json_is_true(json_object_get(row, "zonder_passend_aanbod")))
			json_object_set(want, json_string_value(json_object_get(row, "leerling_id")), row);
	json_array_foreach(dossiers, i, row) {
		const char *id = json_string_value(json_object_get(row, "leerling_id"));
		json_t *st = id ? json_object_get(want, id) : NULL;
		const char *open = json_string_value(json_object_get(row, "status"));
		if (!st || !open || strcmp(open, "open") || !json_is_string(json_object_get(st, "gemeentecode")))
			continue;
		json_object_del(want, id); /* one write per pupil */
		target *t = new_target(W_AANBOD);
		t->account = a;
		snprintf(t->pupil, sizeof t->pupil, "%s", id);
		snprintf(t->post_path, sizeof t->post_path, "/api/dossiers/%lld/aanbod",
			 (long long)json_integer_value(json_object_get(row, "id")));
		snprintf(t->body, sizeof t->body,
			 "{\"datum\":\"%s\",\"soort\":\"onderwijs\",\"aanbieder\":\"bench\",\"plaats_per\":\"%s\"}", vandaag,
			 vandaag);
		snprintf(path, sizeof path, "/api/status?peildatum=%s&categorie=%s&gebied=%s", vandaag,
			 json_string_value(json_object_get(st, "categorie")),
			 json_string_value(json_object_get(st, "gemeentecode")));
		t->chan = channel_of(a, path);
	}
	json_decref(want);
	json_decref(list);
	json_decref(dossiers);
}

/* Whether a poll's list shows target t's change. */
bool shows(const target *t, json_t *list)
{
	size_t i;
	json_t *row;
	json_array_foreach(list, i, row) {
		const char *id = json_string_value(json_object_get(row, "leerling_id"));
		if (id && !strcmp(id, t->pupil))
			return t->kind == W_VERZUIM || !json_is_true(json_object_get(row, "zonder_passend_aanbod"));
	}
	return t->kind == W_AANBOD; /* no longer AV or LRV zonder aanbod */
}

/* ---- the server process ------------------------------------------------- */

double proc_cpu(void)
{
	char path[64], line[1024];
	snprintf(path, sizeof path, "/proc/%ld/stat", server_pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(line, 1, sizeof line - 1, f);
	fclose(f);
	line[n] = '\0';
	const char *p = strrchr(line, ')'); /* the name may hold spaces */
	unsigned long long ut = 0, st = 0;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

double proc_kib(const char *key)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%ld/status", server_pid);
	FILE *f = fopen(path, "r");
	double kib = -1;
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, key, strlen(key)))
			kib = atof(line + strlen(key) + 1);
	fclose(f);
	return kib;
}
