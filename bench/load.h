/*
 * load.h - what the two files of the live load generator share (bench/load.c
 * runs the load, bench/load_setup.c logs in and finds what to write): the
 * options, the accounts and the read mix, the writes and the lists that must
 * show them.
 */
#ifndef INBEELD_BENCH_LOAD_H
#define INBEELD_BENCH_LOAD_H

#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum { MAX_ACCOUNTS = 64, MAX_MIX = 256, MAX_CHANNELS = 4096 };

typedef enum { A_LEZER, A_SCHOOL, A_BEHEERDER, A_DOSSIERS } account_role;
typedef enum { W_VERZUIM, W_AANBOD } write_kind;

typedef struct buf {
	char *p;
	size_t n, cap;
} buf;

typedef struct account {
	account_role role;
	char name[64], cookie[128], csrf[128];
} account;

typedef struct mix_item {
	char path[256];
	int account;
	bool count; /* a count (telling), else a status list */
} mix_item;

typedef struct channel {
	char path[256];
	int account;
	bool in_flight;
	int waiting; /* pending writes polling this list */
	double next_at;
} channel;

typedef struct target {
	write_kind kind;
	int account, chan;
	char pupil[72], post_path[128], body[256];
	/* progress */
	double sent, committed, next_poll;
	bool waiting, done;
} target;

extern const char *base_url, *vandaag, *password;
extern double seconds, writes_per_s, case_share, poll_cap;
extern int connections;
extern long server_pid;
extern bool peer;
extern account accounts[MAX_ACCOUNTS];
extern int n_accounts;
extern mix_item mix[MAX_MIX];
extern int n_mix;
extern channel channels[MAX_CHANNELS];
extern int n_channels;
extern target *targets[2];
extern size_t n_targets[2], used[2];

void die(const char *msg);
void *xrealloc(void *p, size_t n);
size_t on_body(char *data, size_t size, size_t n, void *ctx);
/* An easy handle for path on the server, with the account's cookie. */
CURL *easy(const char *path, const account *a);
/* Blocking GET (post NULL) or POST; the body in *out, the status returned. */
long fetch(const char *path, account *a, const char *post, buf *out);
void read_accounts(const char *file);
void login(account *a);
void read_targets(const char *file);
void find_dossiers(int a);
/* Whether a poll's list shows target t's change. */
bool shows(const target *t, json_t *list);
/* CPU seconds (user + sys) of server_pid, a line of its /proc status in KiB. */
double proc_cpu(void);
double proc_kib(const char *key);

#endif
